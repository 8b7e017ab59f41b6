package io.marketswarm.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

import io.marketswarm.runtime.orderflow.OrderFlowContext;
import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.engines.orderflow.OrderFlowSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options shared by the order-flow commands ({@code replay}, {@code warm-cache}, {@code bench replay}): the
 * instrument request, the source, and the runtime profile.
 */
final class OrderFlowOptions {

    @Option(names = "--product-type", required = true, paramLabel = "PT",
        description = "future_mbo or equity_mbo; must match the instrument config.")
    String productType;

    @Option(names = "--symbol", paramLabel = "SYM", description = "Contract or ticker (default: the config's).")
    String symbol;

    @Option(names = "--dt", required = true, paramLabel = "YYYY-MM-DD", description = "Trading date.")
    String date;

    @Option(names = "--dbn", paramLabel = "FILE", description = "DBN MBO file (.dbn or .dbn.zst).")
    Path dbn;

    @Option(names = "--lake", paramLabel = "DIR",
        description = "Lake root: the file is <DIR>/raw/source=databento/product_type=PT/symbol=ROOT/"
            + "table=market_by_order_dbn/*YYYYMMDD*.dbn*.")
    Path lake;

    @Option(names = "--book-mode", paramLabel = "MODE", defaultValue = "parity",
        description = "parity (the original's rules, default) or databento (Databento's documented rules).")
    String bookMode;



    @Option(names = "--ring-size", paramLabel = "N", defaultValue = "65536",
        description = "Ring slots, a power of two (default: ${DEFAULT-VALUE}).")
    int ringSize;

    @Option(names = "--cache-dir", paramLabel = "DIR",
        description = "Book cache directory (default: <lake>/cache/vp_book, or ~/.cache/marketswarm/vp_book).")
    Path cacheDir;

    @CommandLine.Mixin
    InstrumentOption instrument;

    @CommandLine.Mixin
    RingOptions ring;

    static LocalDate parseDate(final CommandLine commandLine, final String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (final DateTimeParseException ex) {
            throw new CommandLine.ParameterException(commandLine, "--dt '" + text + "' is not a YYYY-MM-DD date");
        }
    }

    static LocalTime parseTime(final CommandLine commandLine, final String name, final String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalTime.parse(text.trim());
        } catch (final DateTimeParseException ex) {
            throw new CommandLine.ParameterException(commandLine, name + " '" + text + "' is not an HH:MM time");
        }
    }

    /**
     * Builds and concludes the order-flow context from these options; a bad value is a usage error (exit 2) naming
     * the option, the value and the reason, raised before any work starts.
     */
    OrderFlowContext context(final CommandLine commandLine, final LocalTime startTime, final double throttleMs,
        final Path journalIn, final Path journalOut, final boolean useCache) {
        if (dbn != null && lake != null) {
            throw new CommandLine.ParameterException(commandLine, "give --dbn FILE or --lake DIR, not both");
        }
        try {
            final InstrumentConfig config = instrument.load();
            final OrderFlowContext ctx = new OrderFlowContext().config(config).productType(productType).symbol(symbol)
                .date(parseDate(commandLine, date)).startTime(startTime).throttleMs(throttleMs).dbn(dbn).lake(lake)
                .journalIn(journalIn).journalOut(journalOut).useCache(useCache).cacheDir(cacheDir)
                .bookMode(OrderFlowSettings.BookMode.parse(bookMode)).ringSize(ringSize);
            return ring.applyTo(ctx).conclude();
        } catch (final IllegalArgumentException ex) {
            throw new CommandLine.ParameterException(commandLine, ex.getMessage());
        }
    }
}
