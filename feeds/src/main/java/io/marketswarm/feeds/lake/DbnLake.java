package io.marketswarm.feeds.lake;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The lake layout of spec §3.1: a day's MBO file is
 * {@code <lake>/raw/source=databento/product_type=<PT>/symbol=<ROOT>/table=market_by_order_dbn/*YYYYMMDD*.dbn*},
 * {@code ROOT} the longest existing prefix of a futures contract (the ticker itself for equities); an uncompressed
 * {@code .dbn} is preferred over a compressed one. Stateless; reads the file system only.
 */
public final class DbnLake {

    /** Product type of futures MBO. */
    public static final String FUTURE_MBO = "future_mbo";

    private DbnLake() {
    }

    /**
     * Finds the day's DBN file.
     *
     * @param lake        lake root.
     * @param productType product type.
     * @param symbol      contract or ticker.
     * @param date        trading date.
     * @return the file.
     * @throws IOException naming the directory searched when nothing matches.
     */
    public static Path locate(final Path lake, final String productType, final String symbol, final LocalDate date)
        throws IOException {
        if (!Files.isDirectory(lake)) {
            throw new IOException(lake + ": " + (Files.exists(lake) ? "not a directory" : "no such lake directory"));
        }
        final Path base = lake.resolve("raw").resolve("source=databento").resolve("product_type=" + productType);
        Path table = null;
        if (FUTURE_MBO.equals(productType)) {
            for (int length = symbol.length(); length > 0 && table == null; length--) {
                final Path candidate = base.resolve("symbol=" + symbol.substring(0, length))
                    .resolve("table=market_by_order_dbn");
                if (Files.isDirectory(candidate)) {
                    table = candidate;
                }
            }
        } else {
            table = base.resolve("symbol=" + symbol).resolve("table=market_by_order_dbn");
        }
        if (table == null || !Files.isDirectory(table)) {
            throw new IOException("no DBN directory for " + productType + " " + symbol + " under " + base
                + " (expected symbol=<prefix of " + symbol + ">/table=market_by_order_dbn)");
        }
        final String day = date.toString().replace("-", "");
        final List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(table, "*" + day + "*.dbn*")) {
            files.forEach(candidates::add);
        }
        candidates.sort(null);
        for (final Path candidate : candidates) {
            if (candidate.getFileName().toString().endsWith(".dbn")) {
                return candidate;
            }
        }
        if (candidates.isEmpty()) {
            throw new IOException("no file matching *" + day + "*.dbn* in " + table);
        }
        return candidates.get(0);
    }
}
