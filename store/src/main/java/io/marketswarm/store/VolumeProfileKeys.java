package io.marketswarm.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Every Redis key and channel of the volume-profile path (spec {@code volume-profile.md} §5 and §8.8): the models on
 * system-redis, the session hashes and the publication channel on market-redis.
 */
public final class VolumeProfileKeys {

    /** The original's single model key, read by the gateway and the startup guard. */
    public static final String LEGACY_MODEL_KEY = "massive:volume_profile";
    /** Channel of backfill and live publications on market-redis. */
    public static final String CHANNEL = "sse:volume-profile";

    private VolumeProfileKeys() {
    }

    /**
     * @param synthetic synthetic symbol, e.g. {@code SPX}.
     * @return the per-synthetic model key, e.g. {@code massive:volume_profile:model:SPX}.
     */
    public static String modelKey(final String synthetic) {
        return "massive:volume_profile:model:" + synthetic;
    }

    /**
     * @param symbol instrument symbol; any {@code :} is removed.
     * @return {@code volume_profile:poc:{symbol}}, the latest session's POC hash.
     * @throws IllegalArgumentException if nothing is left of the symbol.
     */
    public static String pocKey(final String symbol) {
        return "volume_profile:poc:" + keySymbol(symbol);
    }

    /**
     * @param symbol      instrument symbol; any {@code :} is removed.
     * @param sessionDate New York session date.
     * @return {@code volume_profile:session:{symbol}:{YYYY-MM-DD}}, one session's profile hash.
     * @throws IllegalArgumentException if nothing is left of the symbol.
     */
    public static String sessionKey(final String symbol, final LocalDate sessionDate) {
        return "volume_profile:session:" + keySymbol(symbol) + ":" + sessionDate;
    }

    private static String keySymbol(final String symbol) {
        final String s = Objects.requireNonNull(symbol, "symbol").replace(":", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("symbol='" + symbol + "' leaves no key name");
        }
        return s;
    }
}
