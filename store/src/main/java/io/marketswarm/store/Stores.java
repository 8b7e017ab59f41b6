package io.marketswarm.store;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the stores of the two Redis roles from {@link StoreSettings}: Redis when the role's URL is set, otherwise the
 * embedded implementation in a subdirectory of {@link StoreSettings#localDir()}:
 *
 * <pre>
 * localDir/system/   system-redis key space (models)
 * localDir/market/   market-redis key space (session hashes) and its channels
 * </pre>
 *
 * Each factory logs at INFO which store it opened, without any password. Opening never touches the network (Redis
 * connections are made on first use). Any thread; the caller owns and closes what it gets.
 */
public final class Stores {

    /** Role name of the models' store. */
    public static final String SYSTEM_ROLE = "system-redis";
    /** Role name of the publications' and session hashes' store. */
    public static final String MARKET_ROLE = "market-redis";

    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);

    private Stores() {
    }

    /**
     * @param settings where the roles live.
     * @return system-redis: a {@link RedisKeyValueStore} on {@code systemRedisUrl}, else a {@link LocalKeyValueStore}
     *         in {@code localDir/system}.
     * @throws IllegalArgumentException if the URL cannot be parsed.
     * @throws StoreException           if the local directory cannot be created.
     */
    public static KeyValueStore system(final StoreSettings settings) {
        return keyValue(SYSTEM_ROLE, settings.systemRedisUrl(), settings.localDir().resolve("system"));
    }

    /**
     * @param settings where the roles live.
     * @return market-redis: a {@link RedisKeyValueStore} on {@code marketRedisUrl}, else a {@link LocalKeyValueStore}
     *         in {@code localDir/market}.
     * @throws IllegalArgumentException if the URL cannot be parsed.
     * @throws StoreException           if the local directory cannot be created.
     */
    public static KeyValueStore market(final StoreSettings settings) {
        return keyValue(MARKET_ROLE, settings.marketRedisUrl(), settings.localDir().resolve("market"));
    }

    /**
     * @param settings where the roles live.
     * @return market-redis pub/sub: a {@link RedisMessageBus} on {@code marketRedisUrl}, else a
     *         {@link LocalMessageBus} in {@code localDir/market}.
     * @throws IllegalArgumentException if the URL cannot be parsed.
     * @throws StoreException           if the local directory cannot be created.
     */
    public static MessageBus marketBus(final StoreSettings settings) {
        final String url = settings.marketRedisUrl();
        final MessageBus bus = url != null
            ? new RedisMessageBus(MARKET_ROLE, url)
            : new LocalMessageBus(settings.localDir().resolve("market"));
        LOG.info("{} bus: {} {}", MARKET_ROLE, url != null ? "redis" : "local directory", bus.describe());
        return bus;
    }

    private static KeyValueStore keyValue(final String role, final String url, final Path localDir) {
        final KeyValueStore store = url != null ? new RedisKeyValueStore(role, url) : new LocalKeyValueStore(localDir);
        LOG.info("{} store: {} {}", role, url != null ? "redis" : "local directory", store.describe());
        return store;
    }
}
