package io.marketswarm.runtime.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.marketswarm.feeds.dbn.DbnOhlcvBars;
import io.marketswarm.feeds.massive.BarSink;

/** DBN {@code ohlcv-1m} files as one bar feed, in the order given (each must start after the previous one ends). */
final class DbnBarFiles {

    private DbnBarFiles() {
    }

    /**
     * @param files  the files.
     * @param symbol instrument to keep, or {@code null} for single-instrument files.
     * @return bars delivered.
     * @throws IOException naming the file (and byte offset) at fault.
     */
    static long read(final List<Path> files, final String symbol, final BarSink sink) throws IOException {
        long bars = 0;
        for (final Path file : files) {
            bars += DbnOhlcvBars.read(file, symbol, sink).bars();
        }
        return bars;
    }
}
