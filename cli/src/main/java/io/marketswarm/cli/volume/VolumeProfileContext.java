package io.marketswarm.cli.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.feeds.massive.MassiveAggregatesClient;
import io.marketswarm.feeds.massive.MassiveConfig;
import io.marketswarm.store.KeyValueStore;
import io.marketswarm.store.MessageBus;
import io.marketswarm.store.StoreSettings;
import io.marketswarm.store.Stores;

/**
 * Everything a volume-profile command needs, opened from the config file and the environment: the settings, the
 * two Redis roles (or the local store), the bar ring with its stage, and the service. The Massive client is created
 * only when a command needs the API, so commands without network work with no key.
 */
public final class VolumeProfileContext implements AutoCloseable {

    /** Bar ring size: 64K bars, about one and a half months of minute bars. */
    static final int RING_SIZE = 1 << 16;

    private final Map<String, String> env;
    private final VolumeProfileSettings settings;
    private final KeyValueStore system;
    private final KeyValueStore market;
    private final MessageBus bus;
    private final VolumeProfileStage stage;
    private final VolumeProfileService service;
    private MassiveAggregatesClient client;

    private VolumeProfileContext(final Map<String, String> env, final VolumeProfileSettings settings,
        final StoreSettings stores) {
        this.env = env;
        this.settings = settings;
        KeyValueStore sys = null;
        KeyValueStore mkt = null;
        MessageBus b = null;
        try {
            sys = Stores.system(stores);
            mkt = Stores.market(stores);
            b = Stores.marketBus(stores);
        } catch (final RuntimeException ex) {
            closeQuietly(sys, mkt, b);
            throw ex;
        }
        this.system = sys;
        this.market = mkt;
        this.bus = b;
        this.stage = new VolumeProfileStage(RING_SIZE, RingProfile.DEFAULT);
        this.service = new VolumeProfileService(settings, system, market, bus, stage, Clock.systemUTC());
    }

    /**
     * Opens the context.
     *
     * @param config   {@code --config} or {@code null}.
     * @param storeDir {@code --store-dir} or {@code null} (then env {@code MARKETSWARM_STORE_DIR}, else
     *                 {@code ~/.marketswarm/store}).
     * @param env      the environment.
     */
    public static VolumeProfileContext open(final Path config, final Path storeDir, final Map<String, String> env)
        throws IOException {
        final VolumeProfileSettings settings = VolumeProfileSettings.load(config, env);
        final StoreSettings fromEnv = StoreSettings.fromEnvironment(env);
        final StoreSettings stores = storeDir == null ? fromEnv
            : new StoreSettings(fromEnv.systemRedisUrl(), fromEnv.marketRedisUrl(), storeDir);
        return new VolumeProfileContext(env, settings, stores);
    }

    /** @return the settings. */
    public VolumeProfileSettings settings() {
        return settings;
    }

    /** @return the service. */
    public VolumeProfileService service() {
        return service;
    }

    /** @return system-redis (models). */
    public KeyValueStore system() {
        return system;
    }

    /** @return market-redis (session hashes). */
    public KeyValueStore market() {
        return market;
    }

    /** @return market-redis publications. */
    public MessageBus bus() {
        return bus;
    }

    /**
     * @return the Massive client, created on first use from {@code MASSIVE_BASE_URL} and
     *         {@code MASSIVE_API_KEY}/{@code POLYGON_API_KEY}.
     * @throws IllegalArgumentException if no key is set.
     */
    public synchronized MassiveAggregatesClient client() {
        if (client == null) {
            client = new MassiveAggregatesClient(MassiveConfig.fromEnvironment(env));
        }
        return client;
    }

    @Override
    public void close() {
        stage.close();
        closeQuietly(system, market, bus);
    }

    private static void closeQuietly(final AutoCloseable... resources) {
        for (final AutoCloseable r : resources) {
            if (r != null) {
                try {
                    r.close();
                } catch (final Exception ignored) {
                    // closing on the way out; nothing useful to do
                }
            }
        }
    }
}
