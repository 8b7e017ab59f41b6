package io.marketswarm.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.massive.AggregatesPageWriter;
import io.marketswarm.feeds.massive.SyntheticMinuteBars;
import io.marketswarm.feeds.synth.SynthSettings;
import io.marketswarm.feeds.synth.SyntheticMboGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code synth mbo}: writes a deterministic synthetic MBO session for the configured instrument.
 * {@code synth bars}: writes deterministic SPY-like minute bars as saved Massive aggregates pages.
 */
@Command(
    name = "synth",
    description = "Generate synthetic market data (deterministic, seeded).",
    subcommands = {SynthCommand.Mbo.class, SynthCommand.Bars.class},
    mixinStandardHelpOptions = true)
final class SynthCommand {

    /** {@code synth bars}. */
    @Command(
        name = "bars",
        mixinStandardHelpOptions = true,
        description = {
            "Write realistic regular-session minute bars (09:30-16:00 America/New_York, 390 per weekday, DST-correct",
            "UTC timestamps, cent prices, whole-share volumes, ~2%% flat bars) as Massive aggregates response pages",
            "DIR/page-00001.json, page-00002.json, ... of at most --page-size bars, each with ticker, queryCount,",
            "resultsCount, adjusted, results, status, request_id, count and, on all but the last, a next_url on",
            "--base-url. The range is [END - YEARS*365 days, END]; weekends are skipped, holidays are not.",
            "The same options always produce byte-identical files, usable as saved pages or served by a fake server.",
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/marketswarm.jar synth bars --out target/spy-bars",
            "  java -jar target/marketswarm.jar synth bars --ticker SPY --years 5 --start-price 400 --seed 7 "
                + "--out /tmp/spy-5y",
            "  java -jar target/marketswarm.jar synth bars --years 1 --page-size 10000 --base-url "
                + "http://127.0.0.1:8089 --out /tmp/spy-1y",
        })
    static final class Bars implements Callable<Integer> {
        private static final Logger LOG = LoggerFactory.getLogger(SynthCommand.class);
        private static final int MAX_YEARS = 100;

        @Option(names = "--ticker", paramLabel = "T", description = "Ticker in the pages (default: ${DEFAULT-VALUE}).")
        private String ticker = "SPY";

        @Option(names = "--years", paramLabel = "N", description = "Years of bars before --end (default: "
            + "${DEFAULT-VALUE}).")
        private int years = 5;

        @Option(names = "--end", paramLabel = "YYYY-MM-DD",
            description = "Last day, inclusive; fixed so output is reproducible (default: ${DEFAULT-VALUE}).")
        private String end = "2025-12-31";

        @Option(names = "--start-price", paramLabel = "PRICE",
            description = "Price of the first bar in dollars (default: ${DEFAULT-VALUE}).")
        private double startPrice = 400.0;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
        private long seed = 7;

        @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory for the pages; created if needed, must hold no *.json file.")
        private Path out;

        @Option(names = "--page-size", paramLabel = "N",
            description = "Bars per page, 1..50000 (default: ${DEFAULT-VALUE}, the API's maximum).")
        private int pageSize = AggregatesPageWriter.MAX_PAGE_SIZE;

        @Option(names = "--base-url", paramLabel = "URL",
            description = "Origin written into next_url (default: ${DEFAULT-VALUE}).")
        private String baseUrl = "https://api.massive.com";

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (years < 1 || years > MAX_YEARS) {
                throw new ParameterException(spec.commandLine(), "--years " + years + " must be in [1, " + MAX_YEARS
                    + "]");
            }
            final LocalDate last = parseDate(end);
            final LocalDate first = last.minusDays(365L * years);
            final SyntheticMinuteBars bars;
            final AggregatesPageWriter writer;
            try {
                bars = new SyntheticMinuteBars(first, last, startPrice, seed);
                writer = new AggregatesPageWriter(ticker.trim(), baseUrl.trim(), last.toString(), pageSize, seed,
                    AggregatesPageWriter.toDirectory(out));
            } catch (final IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
            }
            refuseExistingPages(out);
            final long began = System.nanoTime();
            while (bars.next()) {
                writer.append(bars.tsMillis(), bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(),
                    bars.vwap(), bars.trades());
            }
            final int pages = writer.finish();
            final double seconds = (System.nanoTime() - began) / 1e9;
            final String summary = String.format(Locale.ROOT, "wrote %,d %s minute bars (%s to %s, %,d sessions) "
                    + "in %,d pages of at most %,d bars to %s", writer.barsWritten(), ticker.trim(), first, last,
                writer.barsWritten() / SyntheticMinuteBars.BARS_PER_SESSION, pages, pageSize, out);
            LOG.info(String.format(Locale.ROOT, "%s in %.2f s", summary, seconds));
            spec.commandLine().getOut().println(summary);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static void refuseExistingPages(final Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                if (Files.exists(dir)) {
                    throw new IOException(dir + " exists and is not a directory");
                }
                return;
            }
            int existing = 0;
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
                for (final Path ignored : stream) {
                    existing++;
                }
            }
            if (existing > 0) {
                throw new IOException(dir + " already holds " + existing + " *.json file(s), which a reader of the "
                    + "directory would mix with the new pages: choose an empty or new directory");
            }
        }

        private LocalDate parseDate(final String text) {
            try {
                return LocalDate.parse(text.trim());
            } catch (final DateTimeParseException ex) {
                throw new ParameterException(spec.commandLine(), "--end '" + text + "' is not a YYYY-MM-DD date");
            }
        }
    }

    /** {@code synth mbo}. */
    @Command(
        name = "mbo",
        mixinStandardHelpOptions = true,
        description = {
            "Write a realistic Databento MBO session (DBN v3 by default; zstd when FILE ends in .zst) for the",
            "configured instrument: a book snapshot (Clear + Adds flagged F_SNAPSHOT, the last F_LAST), then",
            "bursts of adds, cancels, modifies, trades with partial and full fills, a few None records and",
            "unknown-order events, one mid-session Clear and rebuild, and a mid price that wanders many ticks.",
            "The same options always produce byte-identical output.",
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/marketswarm.jar synth mbo --out target/demo.dbn.zst",
            "  java -jar target/marketswarm.jar synth mbo --events 10000000 --seed 7 --out /tmp/mnq-10m.dbn",
            "  java -jar target/marketswarm.jar synth mbo --symbol MNQH6 --dt 2026-02-06 --start 09:30 --hours 6.5 \\",
            "      --out lake/raw/source=databento/product_type=future_mbo/symbol=MNQ/"
                + "table=market_by_order_dbn/MNQH6-20260206.dbn",
        })
    static final class Mbo implements Callable<Integer> {
        private static final Logger LOG = LoggerFactory.getLogger(SynthCommand.class);

        @Mixin
        private InstrumentOption instrument;

        @Option(names = "--events", paramLabel = "N", description = "MBO records to write (default: ${DEFAULT-VALUE}).")
        private long events = 1_000_000;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
        private long seed = 1;

        @Option(names = "--symbol", paramLabel = "SYM", description = "Contract symbol (default: the config's).")
        private String symbol;

        @Option(names = "--dt", paramLabel = "YYYY-MM-DD", description = "Trading date (default: ${DEFAULT-VALUE}).")
        private String date = "2026-02-06";

        @Option(names = "--start", paramLabel = "HH:MM",
            description = "Session start, America/New_York time, DST-aware (default: ${DEFAULT-VALUE}).")
        private String start = "09:30";

        @Option(names = "--hours", paramLabel = "H", description = "Session length in hours (default: ${DEFAULT-VALUE}).")
        private double hours = 6.5;

        @Option(names = "--mid", paramLabel = "PRICE",
            description = "Starting mid price in dollars (default: by symbol root, e.g. MNQ 21500, ES 6000).")
        private Double mid;

        @Option(names = "--instrument-id", paramLabel = "ID",
            description = "Instrument id in the records (default: derived from the symbol).")
        private Long instrumentId;

        @Option(names = "--dbn-version", paramLabel = "V", description = "DBN version 2 or 3 (default: ${DEFAULT-VALUE}).")
        private int dbnVersion = 3;

        @Option(names = "--out", paramLabel = "FILE",
            description = "Output file; .zst compresses (default: synth-SYMBOL-YYYYMMDD.mbo.dbn.zst).")
        private Path out;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            final InstrumentConfig config = instrument.load();
            final String sym = symbol == null ? config.symbol() : symbol.trim();
            final LocalDate dt = parseDate(date);
            final LocalTime startEt = parseTime(start);
            final long tickInt = Math.round(config.tickSize() / InstrumentConfig.PRICE_UNIT);
            final double midDollars = mid != null ? mid : SynthSettings.defaultMidDollars(config.symbolRoot(), config.isFuture());
            final long midInt = Math.round(midDollars / config.tickSize()) * tickInt;
            final long id = instrumentId != null ? instrumentId : 100_000 + Math.floorMod(sym.hashCode(), 900_000);
            final SynthSettings settings;
            try {
                settings = new SynthSettings(seed, events, sym, id, config.isFuture() ? "GLBX.MDP3" : "XNAS.ITCH",
                    config.isFuture() ? 1 : 2, dt, startEt, hours, tickInt, midInt, dbnVersion);
            } catch (final IllegalArgumentException ex) {
                throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
            }
            final Path target = out != null ? out
                : Path.of("synth-" + sym + "-" + dt.toString().replace("-", "") + ".mbo.dbn.zst");
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            final long began = System.nanoTime();
            final SyntheticMboGenerator generator = new SyntheticMboGenerator(settings);
            final long written;
            try (DbnMboEncoder encoder = DbnMboEncoder.create(target, generator.metadata(),
                DbnMboEncoder.wantsZstd(target))) {
                written = generator.generate(encoder);
            }
            final double seconds = (System.nanoTime() - began) / 1e9;
            LOG.info(String.format(Locale.ROOT, "wrote %,d MBO records for %s (instrument_id %d, %s %s ET, %.2f h) "
                    + "to %s: %,d bytes in %.2f s (%,.0f records/s)", written, sym, id, dt, startEt, hours, target,
                Files.size(target), seconds, written / Math.max(seconds, 1e-9)));
            spec.commandLine().getOut().println(target);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private LocalDate parseDate(final String text) {
            try {
                return LocalDate.parse(text.trim());
            } catch (final DateTimeParseException ex) {
                throw new ParameterException(spec.commandLine(), "--dt '" + text + "' is not a YYYY-MM-DD date");
            }
        }

        private LocalTime parseTime(final String text) {
            try {
                return LocalTime.parse(text.trim());
            } catch (final DateTimeParseException ex) {
                throw new ParameterException(spec.commandLine(), "--start '" + text + "' is not an HH:MM time");
            }
        }
    }
}
