package io.marketswarm.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.marketswarm.runtime.volume.BarFiles;
import io.marketswarm.runtime.volume.LiveUpdater;
import io.marketswarm.runtime.volume.PublishMode;
import io.marketswarm.runtime.volume.VolumeProfileActions;
import io.marketswarm.runtime.volume.VolumeProfileMenu;
import io.marketswarm.runtime.volume.VolumeProfileRuntime;
import io.marketswarm.runtime.volume.VolumeTicker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code volume-profile}: build, inspect and update the long-horizon SPY→SPX / QQQ→NDX volume profile.
 */
@Command(
    name = "volume-profile",
    mixinStandardHelpOptions = true,
    description = {
        "Long-horizon volume profile from Massive (formerly Polygon) minute bars: RAW (close takes the volume) and",
        "TV (30 microbins) per synthetic index point, stored on system-redis (SYSTEM_REDIS_URL) or, when no Redis",
        "is configured, in the local store (~/.marketswarm/store or MARKETSWARM_STORE_DIR); publications go to",
        "sse:volume-profile on market-redis (MARKET_REDIS_URL) or the local store.",
    },
    footer = {
        "",
        "Examples:",
        "  MASSIVE_API_KEY=... java -jar target/marketswarm.jar volume-profile backfill --ticker SPY --years 5",
        "  java -jar target/marketswarm.jar volume-profile backfill --ticker SPY --summary",
        "  java -jar target/marketswarm.jar volume-profile menu",
        "  MASSIVE_API_KEY=... java -jar target/marketswarm.jar volume-profile update --once",
    },
    subcommands = {VolumeProfileCommand.Backfill.class, VolumeProfileCommand.Menu.class,
        VolumeProfileCommand.Update.class})
final class VolumeProfileCommand implements Callable<Integer> {

    @Spec
    private CommandLine.Model.CommandSpec spec;

    /** No subcommand: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("volume-profile: give a subcommand: backfill, menu or update");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Options every subcommand shares (a picocli mixin). */
    static final class Common {
        @Option(names = "--config", paramLabel = "FILE",
            description = "Runtime config (default: $MARKETSWARM_CONFIG, else ./marketswarm.yaml if present).")
        Path config;

        @Option(names = "--store-dir", paramLabel = "DIR",
            description = "Local store used for a Redis role without URL (default: $MARKETSWARM_STORE_DIR, else "
                + "~/.marketswarm/store).")
        Path storeDir;

        @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "trace, debug, info, warn or error (default: ${DEFAULT-VALUE}).")
        String logLevel;

        /** Applies the log level, then opens the settings, stores and bar ring. */
        VolumeProfileRuntime open() throws java.io.IOException {
            ServeCommand.setLogLevel(logLevel);
            return VolumeProfileRuntime.open(config, storeDir, System.getenv());
        }
    }

    @Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Build the model of one ticker and store it: from the Massive aggregates API (paginated; key from",
            "MASSIVE_API_KEY or POLYGON_API_KEY, base URL from MASSIVE_BASE_URL) or from local files (--from-file:",
            "saved aggregates pages, or DBN ohlcv-1m files). A failed page aborts the run and",
            "nothing is written. Then publishes per --publish on sse:volume-profile and writes the session profile",
            "hashes volume_profile:poc:{ticker} and volume_profile:session:{ticker}:{date} on market-redis.",
            "One action is required: --years, --start/--end, or --summary.",
        },
        footer = {
            "",
            "Examples:",
            "  MASSIVE_API_KEY=... java -jar target/marketswarm.jar volume-profile backfill --ticker SPY --years 5",
            "  java -jar target/marketswarm.jar volume-profile backfill --ticker SPY --years max --wipe --publish both",
            "  java -jar target/marketswarm.jar volume-profile backfill --ticker QQQ --start 2024-01-02 \\",
            "      --end 2024-12-31 --multiplier 40 --wipe",
            "  java -jar target/marketswarm.jar volume-profile backfill --ticker SPY --from-file pages/ --no-ohlc",
            "  java -jar target/marketswarm.jar volume-profile backfill --ticker SPY --summary",
        })
    static final class Backfill implements Callable<Integer> {
        @CommandLine.Mixin
        private Common common;

        @Option(names = "--ticker", paramLabel = "T", required = true, description = "SPY (→ SPX) or QQQ (→ NDX).")
        private String ticker;

        @Option(names = "--years", paramLabel = "N|max",
            description = "Last N years up to today (America/New_York), or max: from the ticker's first day.")
        private String years;

        @Option(names = "--start", paramLabel = "YYYY-MM-DD", description = "First day (with --end; wins over --years).")
        private String start;

        @Option(names = "--end", paramLabel = "YYYY-MM-DD", description = "Last day, inclusive (with --start).")
        private String end;

        @Option(names = "--publish", paramLabel = "MODE", defaultValue = "raw",
            description = "raw, tv, both or none (default: ${DEFAULT-VALUE}).")
        private String publish;

        @Option(names = "--wipe", description = "Delete the stored model before fetching (full rebuild).")
        private boolean wipe;

        @Option(names = "--summary", description = "Only print the stored model's summary: no network, no writes.")
        private boolean summary;

        @Option(names = "--multiplier", paramLabel = "X",
            description = "Synthetic multiplier (default: config volumeProfile.multiplier.<T>, else 10 for SPY, 4 "
                + "for QQQ).")
        private Double multiplier;

        @Option(names = "--no-ohlc", description = "Do not keep the bars in the model (a much smaller value).")
        private boolean noOhlc;

        @Option(names = "--from-file", paramLabel = "PATH", arity = "1..*",
            description = "Read bars from saved aggregates pages (*.json files or directories of them) or DBN "
                + "ohlcv-1m files (.dbn, .dbn.zst) instead of the API.")
        private List<Path> fromFiles = new ArrayList<>();

        @Option(names = "--symbol", paramLabel = "SYM",
            description = "Instrument to take from a DBN file holding several (matched against its symbology).")
        private String dbnSymbol;

        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final CommandLine cli = spec.commandLine();
            final VolumeTicker t = parseTicker(cli, ticker);
            final PublishMode mode;
            try {
                mode = PublishMode.parse(publish);
            } catch (final IllegalArgumentException ex) {
                throw new CommandLine.ParameterException(cli, "--publish: " + ex.getMessage());
            }
            if (multiplier != null && !(multiplier > 0.0 && Double.isFinite(multiplier))) {
                throw new CommandLine.ParameterException(cli, "--multiplier " + multiplier + " must be a positive number");
            }
            if ((start == null) != (end == null)) {
                throw new CommandLine.ParameterException(cli, "--start and --end go together");
            }
            final boolean hasRange = start != null || years != null;
            if (summary) {
                if (hasRange || wipe || !fromFiles.isEmpty()) {
                    throw new CommandLine.ParameterException(cli,
                        "--summary only reads the stored model: give it alone with --ticker");
                }
                try (VolumeProfileRuntime ctx = common.open()) {
                    return VolumeProfileActions.summary(ctx, t, cli.getOut());
                }
            }
            if (!hasRange && fromFiles.isEmpty()) {
                cli.getErr().println("volume-profile backfill: no action: give --years N|max, --start S --end E, or "
                    + "--summary");
                cli.usage(cli.getErr());
                return 2;
            }
            final LocalDate today = LocalDate.now(Clock.system(ZoneId.of("America/New_York")));
            final LocalDate[] range = hasRange || fromFiles.isEmpty() ? resolveRange(cli, t, today)
                : new LocalDate[] {null, null};
            try (VolumeProfileRuntime ctx = common.open()) {
                final VolumeProfileActions.Options options = new VolumeProfileActions.Options(t, range[0], range[1],
                    mode, wipe, multiplier, !noOhlc);
                return fromFiles.isEmpty()
                    ? VolumeProfileActions.backfill(ctx, options, null, cli.getOut())
                    : VolumeProfileActions.backfill(ctx, options, new BarFiles(fromFiles, t, dbnSymbol),
                        cli.getOut());
            }
        }

        private LocalDate[] resolveRange(final CommandLine cli, final VolumeTicker t, final LocalDate today) {
            if (start != null) {
                final LocalDate s = parseDate(cli, "--start", start);
                final LocalDate e = parseDate(cli, "--end", end);
                if (e.isBefore(s)) {
                    throw new CommandLine.ParameterException(cli, "--end " + e + " is before --start " + s);
                }
                return new LocalDate[] {s, e};
            }
            if (years == null) {
                return new LocalDate[] {t.historyStart(), today};
            }
            if ("max".equalsIgnoreCase(years.strip())) {
                return new LocalDate[] {t.historyStart(), today};
            }
            try {
                final int n = Integer.parseInt(years.strip());
                if (n < 1 || n > 100) {
                    throw new NumberFormatException();
                }
                return new LocalDate[] {today.minusDays(365L * n), today};
            } catch (final NumberFormatException ex) {
                throw new CommandLine.ParameterException(cli, "--years '" + years + "' must be a whole number of "
                    + "years (1-100) or max");
            }
        }
    }

    @Command(
        name = "menu",
        mixinStandardHelpOptions = true,
        description = {
            "Interactive operator menu (the original's screen): pick the ticker, the publish mode, then an action:",
            "backfill 5 years, all history, a custom range, delete + full rebuild, or the summary. The publish mode",
            "is passed to every action. x exits.",
        },
        footer = {"", "Examples:", "  MASSIVE_API_KEY=... java -jar target/marketswarm.jar volume-profile menu"})
    static final class Menu implements Callable<Integer> {
        @CommandLine.Mixin
        private Common common;

        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final PrintWriter out = spec.commandLine().getOut();
            try (VolumeProfileRuntime ctx = common.open()) {
                final BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8));
                return new VolumeProfileMenu(ctx, in, out,
                    LocalDate.now(Clock.system(ZoneId.of("America/New_York")))).run();
            }
        }
    }

    @Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = {
            "Live updater (spec §6): every schedules.volume_profile seconds (default 60), fetch the completed minute",
            "bars after each model's watermark (last_bar_t), add them once, recompute VPOC/HVN/LVN, save and publish",
            "{\"symbol\":...,\"volume_profile\":<model without ohlc>} on sse:volume-profile. API or Redis outages are",
            "logged and retried next cycle; nothing is lost or counted twice. 'serve' runs the same updater when the",
            "volume profile is enabled.",
        },
        footer = {"", "Examples:",
            "  MASSIVE_API_KEY=... java -jar target/marketswarm.jar volume-profile update",
            "  MASSIVE_API_KEY=... java -jar target/marketswarm.jar volume-profile update --once --ticker QQQ"})
    static final class Update implements Callable<Integer> {
        @CommandLine.Mixin
        private Common common;

        @Option(names = "--once", description = "Run one cycle and exit (0 when every model is current or updated).")
        private boolean once;

        @Option(names = "--ticker", paramLabel = "T", description = "Models to update (default: config "
            + "volumeProfile.tickers, else SPY).")
        private List<String> tickers = new ArrayList<>();

        @Option(names = "--interval", paramLabel = "SECONDS",
            description = "Seconds between cycles (default: schedules.volume_profile, else 60).")
        private Long interval;

        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            final CommandLine cli = spec.commandLine();
            final List<VolumeTicker> list = new ArrayList<>();
            for (final String t : tickers) {
                list.add(parseTicker(cli, t));
            }
            if (interval != null && interval < 1) {
                throw new CommandLine.ParameterException(cli, "--interval must be at least 1 second");
            }
            try (VolumeProfileRuntime ctx = common.open()) {
                ctx.client();
                final LiveUpdater updater = new LiveUpdater(ctx.service(), ctx::client,
                    list.isEmpty() ? ctx.settings().tickers() : list,
                    interval != null ? interval : ctx.settings().intervalSeconds());
                if (once) {
                    return updater.runCycle() ? 0 : 1;
                }
                cli.getOut().printf(Locale.ROOT, "volume-profile updater: every %d s for %s (Ctrl-C to stop)%n",
                    updater.intervalSeconds(), updater.tickers());
                cli.getOut().flush();
                updater.start();
                Runtime.getRuntime().addShutdownHook(new Thread(updater::close, "marketswarm-volume-shutdown"));
                updater.awaitTermination();
                return 0;
            }
        }
    }

    static VolumeTicker parseTicker(final CommandLine cli, final String text) {
        try {
            return VolumeTicker.parse(text);
        } catch (final IllegalArgumentException ex) {
            throw new CommandLine.ParameterException(cli, ex.getMessage());
        }
    }

    static LocalDate parseDate(final CommandLine cli, final String option, final String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (final DateTimeParseException ex) {
            throw new CommandLine.ParameterException(cli, option + " '" + text + "' is not a date (YYYY-MM-DD)");
        }
    }
}
