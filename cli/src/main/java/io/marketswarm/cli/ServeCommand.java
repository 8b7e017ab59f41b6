package io.marketswarm.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.engines.orderflow.OrderFlowSettings;
import io.marketswarm.gateway.arrow.GridArrowEncoder;
import io.marketswarm.gateway.server.GatewayConfig;
import io.marketswarm.gateway.server.GatewayServer;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.runtime.orderflow.OrderFlowContext;
import io.marketswarm.runtime.orderflow.OrderFlowRuntime;
import io.marketswarm.runtime.volume.LiveUpdater;
import io.marketswarm.runtime.volume.VolumeProfileRuntime;
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

    @Mixin
    private RingOptions ring;

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



    @Option(names = "--ring-size", paramLabel = "N", defaultValue = "16384",
        description = "Ring slots per session, a power of two (default: ${DEFAULT-VALUE}).")
    private int ringSize;

    @Mixin
    private VolumeProfileCommand.Common runtime;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkGatewayOptions();
        final OrderFlowRuntime orderFlow = orderFlowRuntime();
        final OrderFlowContext ctx = orderFlow.context();
        final GatewayConfig gatewayConfig = GatewayConfig.defaults(host, port, maxSessions,
            new SessionKey(ctx.date(), ctx.startTime(), ctx.throttleMs()));
        try (VolumeProfileRuntime volume = runtime.open()) {
            final String blocked = volume.startupCheck();
            if (blocked != null) {
                LOG.error(blocked);
                return 1;
            }
            return serve(orderFlow, gatewayConfig, volume);
        }
    }

    private OrderFlowRuntime orderFlowRuntime() throws IOException {
        final CommandLine cli = spec.commandLine();
        if (dbn != null && lake != null) {
            throw new CommandLine.ParameterException(cli, "give --dbn FILE or --lake DIR, not both");
        }
        final double pace = "max".equalsIgnoreCase(speed.trim()) ? Double.POSITIVE_INFINITY : parseSpeed();
        final LocalDate defaultDate = OrderFlowOptions.parseDate(cli, date);
        final LocalTime defaultStart = OrderFlowOptions.parseTime(cli, "--start-time", startTime);
        try {
            final InstrumentConfig config = instrument.load();
            final OrderFlowContext ctx = new OrderFlowContext().config(config).productType(productType).symbol(symbol)
                .date(defaultDate).startTime(defaultStart).throttleMs(throttleMs).dbn(dbn).lake(lake)
                .useCache(!noCache).cacheDir(cacheDir).bookMode(OrderFlowSettings.BookMode.parse(bookMode))
                .ringSize(ringSize)
                .speed(pace).maxGapMs(maxGapMs);
            ring.applyTo(ctx);
            if (dbn == null && lake == null) {
                ctx.embeddedDemo().loop(true);
            }
            return new OrderFlowRuntime(ctx.conclude());
        } catch (final IllegalArgumentException ex) {
            throw new CommandLine.ParameterException(cli, ex.getMessage());
        }
    }

    private void checkGatewayOptions() {
        final CommandLine cli = spec.commandLine();
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(cli, "--port " + port + ": must be 0..65535 (0 picks a free port)");
        }
        if (maxSessions < 1) {
            throw new CommandLine.ParameterException(cli, "--max-sessions " + maxSessions + ": must be at least 1");
        }
        if (host.matches("[0-9.]+")) {
            final String[] octets = host.split("\\.", -1);
            boolean valid = octets.length == 4;
            for (int i = 0; valid && i < 4; i++) {
                valid = !octets[i].isEmpty() && octets[i].length() <= 3 && Integer.parseInt(octets[i]) <= 255;
            }
            if (!valid) {
                throw new CommandLine.ParameterException(cli, "--host " + host + ": not an IPv4 address (four numbers "
                    + "0-255 separated by dots)");
            }
        }
        try {
            InetAddress.getByName(host);
        } catch (final UnknownHostException ex) {
            throw new CommandLine.ParameterException(cli, "--host " + host + ": unknown host (not an address or a "
                + "name this machine resolves)");
        }
    }

    private int serve(final OrderFlowRuntime orderFlow, final GatewayConfig gatewayConfig,
        final VolumeProfileRuntime volume) throws Exception {
        final OrderFlowContext ctx = orderFlow.context();
        final GatewayServer[] server = new GatewayServer[1];
        server[0] = new GatewayServer(gatewayConfig, ctx.config(), key -> orderFlow.sessions(server[0].metrics())
            .create(key), GridArrowEncoder::new, volume.gatewayRoutes());
        try {
            server[0].start();
        } catch (final Exception ex) {
            server[0].close();
            throw new IOException("cannot serve on " + host + ":" + port + ": " + bindReason(ex), ex);
        }
        final LiveUpdater updater = volume.liveUpdater();
        if (updater != null) {
            LOG.info("volume profile enabled ({}): model {} present; live updater every {} s", volume.settings()
                .enabledBy(), volume.settings().systemKey(), volume.settings().intervalSeconds());
            updater.start();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (updater != null) {
                updater.close();
            }
            server[0].close();
        }, "marketswarm-shutdown"));
        final boolean embedded = ctx.dbn() == null && ctx.lake() == null;
        spec.commandLine().getOut().printf(Locale.ROOT, "serving %s %s%s at http://%s:%d/ (Ctrl-C to stop)%n",
            ctx.productType(), ctx.symbol(), embedded ? " (embedded synthetic session)" : "", host,
            server[0].port());
        spec.commandLine().getOut().printf(Locale.ROOT, "volume profile: /sse/volume-profile and "
            + "/api/models/volume_profile from %s; live updater %s%n", volume.system().describe(),
            updater != null ? "on" : "off");
        spec.commandLine().getOut().flush();
        server[0].closeFuture().sync();
        return 0;
    }

    private static String bindReason(final Throwable ex) {
        if (ex instanceof java.net.BindException) {
            final String message = ex.getMessage() == null ? "" : ex.getMessage();
            return message.toLowerCase(Locale.ROOT).contains("in use") ? "the port is already in use"
                : message.isEmpty() ? "cannot bind" : message;
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.toString();
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
            + "': must be a positive number or max");
    }

    static void setLogLevel(final String level) {
        final org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger)root).setLevel(ch.qos.logback.classic.Level.toLevel(level,
                ch.qos.logback.classic.Level.INFO));
        }
    }
}
