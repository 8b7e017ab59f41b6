package io.marketswarm.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the two Redis roles live. A role with no URL uses the local directory {@code localDir} instead, so every
 * command works on a bare machine.
 *
 * @param systemRedisUrl models ({@code SYSTEM_REDIS_URL}), or {@code null} for the local store.
 * @param marketRedisUrl publications and session hashes ({@code MARKET_REDIS_URL}), or {@code null} for the local store.
 * @param localDir       directory of the local store (default {@code ~/.marketswarm/store}, env {@code MARKETSWARM_STORE_DIR}).
 */
public record StoreSettings(String systemRedisUrl, String marketRedisUrl, Path localDir) {

    /** Environment variable naming system-redis. */
    public static final String SYSTEM_REDIS_URL = "SYSTEM_REDIS_URL";
    /** Environment variable naming market-redis. */
    public static final String MARKET_REDIS_URL = "MARKET_REDIS_URL";
    /** Environment variable naming the local store directory. */
    public static final String STORE_DIR = "MARKETSWARM_STORE_DIR";

    /**
     * @param env the environment, e.g. {@code System.getenv()}.
     * @return settings from {@code env}: blank variables count as unset.
     */
    public static StoreSettings fromEnvironment(final Map<String, String> env) {
        final String dir = blankToNull(env.get(STORE_DIR));
        return new StoreSettings(blankToNull(env.get(SYSTEM_REDIS_URL)), blankToNull(env.get(MARKET_REDIS_URL)),
            dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".marketswarm", "store"));
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
