package io.marketswarm.runtime.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.feeds.massive.MassiveAggregatesClient;
import io.marketswarm.feeds.massive.MassiveConfig;
import io.marketswarm.gateway.profile.ChannelFeed;
import io.marketswarm.gateway.profile.VolumeProfileApi;
import io.marketswarm.gateway.profile.VolumeProfileApiConfig;
import io.marketswarm.gateway.profile.VolumeProfileLevels;
import io.marketswarm.gateway.profile.VolumeProfileModels;
import io.marketswarm.gateway.profile.VolumeProfileRoutes;
import io.marketswarm.gateway.profile.VolumeProfileSseConfig;
import io.marketswarm.gateway.profile.VolumeProfileSseHub;
import io.marketswarm.store.KeyValueStore;
import io.marketswarm.store.MessageBus;
import io.marketswarm.store.StoreSettings;
import io.marketswarm.store.Stores;
import io.marketswarm.store.VolumeProfileKeys;

/**
 * The volume-profile data path, wired in this one place for {@code volume-profile backfill/menu/update} and
 * {@code serve}: the settings, the two Redis roles (or the local store), the bar ring with its stage, the service,
 * the live updater and the gateway's ports. How a minute bar becomes a profile on a client's screen:
 *
 * <ol>
 *   <li><b>Source</b> (feed thread: the command's or {@code marketswarm-volume-updater}): Massive aggregates pages
 *       ({@link MassiveAggregatesClient}, paginated, retried) or local files (saved pages, DBN {@code ohlcv-1m}).</li>
 *   <li><b>Publish</b>: {@link VolumeProfileService} opens a tagged batch on the bar ring
 *       ({@link io.marketswarm.core.ring.BarRing}) and publishes each bar into a preallocated {@code BarEvent}.</li>
 *   <li><b>Engine</b> (thread {@code marketswarm-bars-volume-profile}): {@link VolumeProfileStage} owns the
 *       long-horizon model (RAW/TV bins, watermark dedupe) and the session profile until the batch's end marker
 *       hands them back.</li>
 *   <li><b>Store</b> (feed thread): the model JSON to system-redis ({@code massive:volume_profile:model:{SYNTH}}
 *       and the legacy key), the session hashes to market-redis ({@link VolumeProfileKeys}).</li>
 *   <li><b>Publish out</b>: a message on {@code sse:volume-profile} (market-redis or the local bus).</li>
 *   <li><b>Gateway</b>: {@link #sseFeed()} relays the channel to {@code /sse/volume-profile} clients;
 *       {@link #models()} and {@link #levelRule()} answer {@code /api/models/volume_profile}.</li>
 * </ol>
 *
 * <p>The Massive client is created only when a command needs the API, so commands without network work with no
 * key. Opened once per process from one thread; the stores are thread-safe, the stage is single-writer.
 */
public final class VolumeProfileRuntime implements AutoCloseable {

    /** Bar ring size: 64K bars, about one and a half months of minute bars. */
    static final int RING_SIZE = 1 << 16;

    private final Map<String, String> env;
    private final VolumeProfileSettings settings;
    private final KeyValueStore system;
    private final KeyValueStore market;
    private final MessageBus bus;
    private VolumeProfileStage stage;
    private VolumeProfileService service;
    private MassiveAggregatesClient client;

    private VolumeProfileRuntime(final Map<String, String> env, final VolumeProfileSettings settings,
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
    }

    /**
     * Opens the context.
     *
     * @param config   {@code --config} or {@code null}.
     * @param storeDir {@code --store-dir} or {@code null} (then env {@code MARKETSWARM_STORE_DIR}, else
     *                 {@code ~/.marketswarm/store}).
     * @param env      the environment.
     */
    public static VolumeProfileRuntime open(final Path config, final Path storeDir, final Map<String, String> env)
        throws IOException {
        final VolumeProfileSettings settings = VolumeProfileSettings.load(config, env);
        final StoreSettings fromEnv = StoreSettings.fromEnvironment(env);
        final StoreSettings stores = storeDir == null ? fromEnv
            : new StoreSettings(fromEnv.systemRedisUrl(), fromEnv.marketRedisUrl(), storeDir);
        return new VolumeProfileRuntime(env, settings, stores);
    }

    /** @return the settings. */
    public VolumeProfileSettings settings() {
        return settings;
    }

    /**
     * @return the service, with the bar ring and its stage thread started on first use (a {@code serve} that only
     *         relays and answers the model API starts neither).
     */
    public synchronized VolumeProfileService service() {
        if (service == null) {
            stage = new VolumeProfileStage(RING_SIZE, RingProfile.DEFAULT);
            service = new VolumeProfileService(settings, system, market, bus, stage, Clock.systemUTC());
        }
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

    /** @return the gateway's port to {@code sse:volume-profile}: this path's bus, subscribe side only. */
    public ChannelFeed sseFeed() {
        return new ChannelFeed() {
            @Override
            public Subscription subscribe(final String channel, final Listener listener) {
                return bus.subscribe(channel, listener::onMessage)::close;
            }

            @Override
            public String describe() {
                return bus.describe();
            }
        };
    }

    /** @return the gateway's port to the stored models (system-redis, the legacy key for the legacy symbol). */
    public VolumeProfileModels models() {
        return new StoredVolumeProfileModels(system, settings.legacySymbol());
    }

    /** @return the rule the gateway renders levels with: the volume engine's VPOC/HVN/LVN and value area. */
    public VolumeProfileLevels.Rule levelRule() {
        return VolumeProfileLevelsCalculator::compute;
    }

    /**
     * The gateway's volume-profile routes over this path's ports: the SSE relay (started) and the model API.
     *
     * @return the routes.
     */
    public VolumeProfileRoutes gatewayRoutes() {
        return VolumeProfileRoutes.of(new VolumeProfileSseHub(sseFeed(), VolumeProfileSseConfig.defaults(
            VolumeProfileKeys.CHANNEL)).start(), new VolumeProfileApi(models(), levelRule(),
            VolumeProfileApiConfig.defaults().withDefaultSymbol(settings.legacySymbol())));
    }

    /**
     * The startup guard of spec §7 for a service that needs the model (e.g. {@code serve} with the volume profile
     * enabled).
     *
     * @return {@code null} if the service may start, else the text to log before exiting non-zero.
     */
    public String startupCheck() {
        return StartupGuard.check(settings, system);
    }

    /**
     * @return the live updater for the configured tickers and interval, not started; {@code null} when the volume
     *         profile is disabled.
     */
    public LiveUpdater liveUpdater() {
        return settings.enabled() ? new LiveUpdater(service(), this::client, settings.tickers(),
            settings.intervalSeconds()) : null;
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
    public synchronized void close() {
        if (stage != null) {
            stage.close();
        }
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
