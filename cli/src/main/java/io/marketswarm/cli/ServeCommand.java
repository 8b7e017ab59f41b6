package io.marketswarm.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.cli.orderflow.OrderFlowRun;
import io.marketswarm.cli.orderflow.PacedSessionEngine;
import io.marketswarm.cli.volume.LiveUpdater;
import io.marketswarm.cli.volume.StartupGuard;
import io.marketswarm.cli.volume.StoredVolumeProfileModels;
import io.marketswarm.cli.volume.VolumeProfileContext;
import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentLock;
import io.marketswarm.engines.vp.OrderFlowPipeline;
import io.marketswarm.engines.vp.OrderFlowSettings;
import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboSource;
import io.marketswarm.feeds.synth.SynthSettings;
import io.marketswarm.feeds.synth.SyntheticMboGenerator;
import io.marketswarm.gateway.arrow.GridArrowEncoder;
import io.marketswarm.gateway.profile.VolumeProfileApi;
import io.marketswarm.gateway.profile.VolumeProfileApiConfig;
import io.marketswarm.gateway.profile.VolumeProfileRoutes;
import io.marketswarm.gateway.profile.VolumeProfileSseConfig;
import io.marketswarm.gateway.profile.VolumeProfileSseHub;
import io.marketswarm.gateway.server.GatewayConfig;
import io.marketswarm.gateway.server.GatewayServer;
import io.marketswarm.gateway.session.SessionKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: the gateway with engine sessions behind it.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
        "Serve the live pressure/vacuum grid: the built-in page at http://HOST:PORT/, the WebSocket stream at",
        "/v1/vacuum-pressure/stream (runtime_config, then a grid_update text and an Arrow IPC binary frame per",
        "grid), /health and /metrics (Prometheus). Clients asking for the same (dt, start_time, throttle_ms) share",
        "one engine run, paced by event time (--speed). With no --dbn or --lake it serves an embedded synthetic",
        "session of the configured instrument at real-time speed, looping: no files, network or keys needed.",
        "Also serves the long-horizon volume profile: GET /sse/volume-profile (event stream of sse:volume-profile)",
        "and GET /api/models/volume_profile?mode=raw|tv&min=&max=&symbol=, from Redis (SYSTEM_REDIS_URL,",
        "MARKET_REDIS_URL) or the local store. With the volume profile enabled (marketswarm.yaml or",
        "ENABLE_VOLUME_PROFILE=true) it refuses to start without the model, then runs the live updater.",
    },
    footer = {
        "",
        "Examples:",
        "  java -jar target/marketswarm.jar serve",
        "  java -jar target/marketswarm.jar serve --product-type future_mbo --symbol MNQH6 --dt 2026-02-06 \\",
        "      --lake /data/lake --start-time 09:30 --speed 10",
        "  java -jar target/marketswarm.jar serve --dbn esh4.mbo.dbn.zst --instrument es.yaml --dt 2023-12-25 \\",
        "      --speed max --host 0.0.0.0 --port 8002",
        "  ENABLE_VOLUME_PROFILE=true MASSIVE_API_KEY=... SYSTEM_REDIS_URL=redis://10.0.0.5:6379 \\",
        "      MARKET_REDIS_URL=redis://10.0.0.5:6380 java -jar target/marketswarm.jar serve",
    })
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    private InstrumentOption instrument;

    @Option(names = "--product-type", paramLabel = "PT", description = "future_mbo or equity_mbo (default: the config's).")
    private String productType;

    @Option(names = "--symbol", paramLabel = "SYM", description = "Contract or ticker (default: the config's).")
    private String symbol;

    @Option(names = "--dt", paramLabel = "YYYY-MM-DD", defaultValue = "2026-02-06",
        description = "Default trading date of stream requests (default: ${DEFAULT-VALUE}).")
    private String date;

    @Option(names = "--start-time", paramLabel = "HH:MM", description = "Default start time of stream requests.")
    private String startTime;

    @Option(names = "--throttle-ms", paramLabel = "MS", defaultValue = "25",
        description = "Default event-time throttle of stream requests (default: ${DEFAULT-VALUE}).")
    private double throttleMs;

    @Option(names = "--dbn", paramLabel = "FILE", description = "DBN file served for every date.")
    private Path dbn;

    @Option(names = "--lake", paramLabel = "DIR", description = "Lake root; each request's date picks its file.")
    private Path lake;

    @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
        description = "Pacing: 1 = real time by event time, 10 = ten times faster, max = unpaced (default: 1).")
    private String speed;

    @Option(names = "--max-gap-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Longest wall-time pause when pacing, so overnight gaps don't stall (default: ${DEFAULT-VALUE}).")
    private long maxGapMs;

    @Option(names = "--book-mode", paramLabel = "MODE", defaultValue = "parity", description = "parity or databento.")
    private String bookMode;

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Book cache directory for sessions with a start time (default: <lake>/cache/vp_book, or "
            + "~/.cache/marketswarm/vp_book).")
    private Path cacheDir;

    @Option(names = "--no-cache", description = "Do not read or write the book cache.")
    private boolean noCache;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
        description = "Address to bind (default: ${DEFAULT-VALUE}; use 0.0.0.0 to serve other machines).")
    private String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8002", description = "Port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--max-sessions", paramLabel = "N", defaultValue = "4",
        description = "Most engine sessions at once (default: ${DEFAULT-VALUE}).")
    private int maxSessions;

    @Mixin
    private VolumeProfileCommand.Common runtime;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final VolumeProfileContext vp = runtime.open();
        final String blocked = StartupGuard.check(vp.settings(), vp.system());
        if (blocked != null) {
            LOG.error(blocked);
            vp.close();
            return 1;
        }
        try {
            return serve(vp);
        } finally {
            vp.close();
        }
    }

    private int serve(final VolumeProfileContext vp) throws Exception {
        final InstrumentConfig config = instrument.load();
        InstrumentLock.check(config, productType == null ? config.productType() : productType,
            symbol == null ? config.symbol() : symbol);
        config.wireConfigVersion();
        if (dbn != null && lake != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --dbn FILE or --lake DIR, not both");
        }
        final double pace = "max".equalsIgnoreCase(speed.trim()) ? Double.POSITIVE_INFINITY : parseSpeed();
        final OrderFlowSettings.BookMode mode = OrderFlowSettings.BookMode.parse(bookMode);
        final LocalDate defaultDate = LocalDate.parse(date.trim());
        final SessionKey defaults = new SessionKey(defaultDate,
            OrderFlowOptions.parseTime(spec.commandLine(), "--start-time", startTime), throttleMs);
        final boolean embedded = dbn == null && lake == null;
        final PacedSessionEngine.SourceOpener opener = embedded ? embeddedSession(config, defaultDate)
            : new FileOpener(config);
        final String legacy = vp.settings().legacySymbol();
        final VolumeProfileRoutes routes = VolumeProfileRoutes.of(
            new VolumeProfileSseHub(vp.bus(), VolumeProfileSseConfig.defaults()).start(),
            new VolumeProfileApi(new StoredVolumeProfileModels(vp.system(), legacy),
                VolumeProfileApiConfig.defaults().withDefaultSymbol(legacy)));
        final GatewayServer[] server = new GatewayServer[1];
        server[0] = new GatewayServer(GatewayConfig.defaults(host, port, maxSessions, defaults), config,
            key -> new PacedSessionEngine(key, config, opener, mode, pace, maxGapMs, embedded, server[0].metrics()),
            GridArrowEncoder::new, routes).start();
        final LiveUpdater updater = vp.settings().enabled() ? new LiveUpdater(vp.service(), vp::client,
            vp.settings().tickers(), vp.settings().intervalSeconds()) : null;
        if (updater != null) {
            LOG.info("volume profile enabled ({}): model {} present; live updater every {} s", vp.settings()
                .enabledBy(), vp.settings().systemKey(), vp.settings().intervalSeconds());
            updater.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (updater != null) {
                updater.close();
            }
            server[0].close();
        }, "marketswarm-shutdown"));
        spec.commandLine().getOut().printf(Locale.ROOT, "serving %s %s%s at http://%s:%d/ (Ctrl-C to stop)%n",
            config.productType(), config.symbol(), embedded ? " (embedded synthetic session)" : "", host,
            server[0].port());
        spec.commandLine().getOut().printf(Locale.ROOT, "volume profile: /sse/volume-profile and "
            + "/api/models/volume_profile from %s; live updater %s%n", vp.system().describe(),
            updater != null ? "on" : "off");
        spec.commandLine().getOut().flush();
        server[0].closeFuture().sync();
        return 0;
    }

    private double parseSpeed() {
        try {
            final double value = Double.parseDouble(speed.trim());
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (final NumberFormatException ignored) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--speed '" + speed
            + "' must be a positive number or max");
    }

    /** Opens the DBN file of a session (from {@code --dbn} or the lake) and its book cache. */
    private final class FileOpener implements PacedSessionEngine.SourceOpener {
        private final InstrumentConfig config;

        FileOpener(final InstrumentConfig config) {
            this.config = config;
        }

        private Path file(final LocalDate day) throws IOException {
            final Path file = dbn != null ? dbn : OrderFlowRun.locateDbn(lake, config.productType(), config.symbol(),
                day);
            DbnReader.checkFile(file);
            return file;
        }

        @Override
        public MboSource open(final SessionKey key) throws IOException {
            return DbnReader.open(file(key.date()));
        }

        @Override
        public OrderFlowPipeline.BootstrapCache bookCache(final OrderFlowSettings settings) throws IOException {
            return noCache ? null : OrderFlowRun.bookCache(settings, file(settings.date()),
                cacheDir != null ? cacheDir : OrderFlowRun.defaultCacheDir(lake));
        }
    }

    private static PacedSessionEngine.SourceOpener embeddedSession(final InstrumentConfig config,
        final LocalDate date) throws IOException {
        final long tickInt = Math.round(config.tickSize() / InstrumentConfig.PRICE_UNIT);
        final long mid = Math.round((config.isFuture() ? 21_500.0 : 500.0) / config.tickSize()) * tickInt;
        final SynthSettings settings = new SynthSettings(1, 2_000_000, config.symbol(), 42_001,
            config.isFuture() ? "GLBX.MDP3" : "XNAS.ITCH", 1, date, LocalTime.of(9, 30), 6.5, tickInt,
            Math.max(mid, tickInt * 10_000), 3);
        final SyntheticMboGenerator generator = new SyntheticMboGenerator(settings);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(2_000_000 * 56 + 4096);
        try (DbnMboEncoder encoder = new DbnMboEncoder(bytes, generator.metadata())) {
            generator.generate(encoder);
        }
        final byte[] session = bytes.toByteArray();
        LOG.info("embedded demo: synthetic {} session of 2,000,000 events on {} from 09:30 ET, replayed in real time "
            + "and looped", config.symbol(), date);
        return key -> DbnReader.fromBytes(session, "embedded synthetic " + config.symbol());
    }

    static void setLogLevel(final String level) {
        final org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger)root).setLevel(ch.qos.logback.classic.Level.toLevel(level,
                ch.qos.logback.classic.Level.INFO));
        }
    }
}
