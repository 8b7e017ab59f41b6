package io.marketswarm.bench.feeds.massive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.feeds.massive.AggregatesPageParser;
import io.marketswarm.feeds.massive.AggregatesPageWriter;
import io.marketswarm.feeds.massive.BarSink;
import io.marketswarm.feeds.massive.MassiveApiException;
import io.marketswarm.feeds.massive.SavedAggregatesFiles;
import io.marketswarm.feeds.massive.SyntheticMinuteBars;

/**
 * Throughput of reading saved Massive aggregates pages: five years of synthetic SPY minute bars ({@link #BARS}) in
 * eleven pages of 50,000 bars (about 4.8 MB each, compact JSON as the API sends it), written to a temporary
 * directory in {@code @Setup}. The score is bars/s; {@code gc.alloc.rate.norm} under {@code -prof gc} is bytes per
 * bar.
 *
 * <ul>
 *   <li>{@link #readDirectory}: {@link SavedAggregatesFiles#read} of the directory (listing, file reads from the page
 *       cache, parse, order check, delivery to a summing sink);</li>
 *   <li>{@link #parsePages}: {@link AggregatesPageParser#parseFile} plus delivery of the same pages held in memory,
 *       so the difference is the file system's share.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar BarFileBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(BarFileBenchmark.BARS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.NO_BOUNDS_CHECKS, BenchJvm.HEAP_MIN,
    BenchJvm.HEAP_MAX})
public class BarFileBenchmark {

    /** Bars read per invocation: the 1,304 weekdays of 2021 to 2025, 390 bars each; the score is per bar. */
    public static final int BARS = 508_560;

    private static final LocalDate FIRST = LocalDate.of(2021, 1, 1);
    private static final LocalDate LAST = LocalDate.of(2025, 12, 31);

    /** Sums what it receives, so no bar's parse can be eliminated. */
    private static final class SummingSink implements BarSink {
        private double sum;
        private long count;

        @Override
        public void onBar(final long tsMillis, final double open, final double high, final double low,
            final double close, final double volume, final double vwap, final long trades) {
            sum += close + volume + tsMillis;
            count++;
        }
    }

    private final SavedAggregatesFiles files = new SavedAggregatesFiles();
    private final AggregatesPageParser parser = new AggregatesPageParser();
    private final SummingSink sink = new SummingSink();
    private final List<byte[]> pages = new ArrayList<>();
    private Path dir;
    private List<Path> paths;

    /**
     * Writes the pages and checks that they hold {@link #BARS} bars.
     *
     * @throws IOException if the temporary directory cannot be written.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("bar-file-bench");
        final SyntheticMinuteBars bars = new SyntheticMinuteBars(FIRST, LAST, 400.0, 7);
        final AggregatesPageWriter writer = new AggregatesPageWriter("SPY", "https://api.massive.com",
            LAST.toString(), AggregatesPageWriter.MAX_PAGE_SIZE, 7, AggregatesPageWriter.toDirectory(dir));
        while (bars.next()) {
            writer.append(bars.tsMillis(), bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(),
                bars.vwap(), bars.trades());
        }
        writer.finish();
        paths = List.of(dir);
        long bytes = 0;
        for (final Path page : SavedAggregatesFiles.expand(paths)) {
            final byte[] body = Files.readAllBytes(page);
            pages.add(body);
            bytes += body.length;
        }
        final SavedAggregatesFiles.Summary summary = files.read(paths, sink);
        if (summary.bars() != BARS) {
            throw new IllegalStateException(summary + ", expected " + BARS + " bars");
        }
        System.err.printf("[bench] %,d bars in %d pages, %,d bytes (%.1f bytes/bar) in %s%n", BARS, pages.size(),
            bytes, (double) bytes / BARS, dir);
    }

    /**
     * Removes the pages.
     *
     * @throws IOException if a file cannot be deleted.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        for (final Path page : SavedAggregatesFiles.expand(paths)) {
            Files.delete(page);
        }
        Files.delete(dir);
    }

    /**
     * @return bars delivered plus the sink's running sum.
     * @throws IOException never, for these pages.
     */
    @Benchmark
    public double readDirectory() throws IOException {
        return files.read(paths, sink).bars() + sink.sum;
    }

    /**
     * @return bars delivered plus the sink's running sum.
     * @throws MassiveApiException never, for these pages.
     */
    @Benchmark
    public double parsePages() throws MassiveApiException {
        long bars = 0;
        for (int i = 0; i < pages.size(); i++) {
            final byte[] body = pages.get(i);
            parser.parseFile(body, body.length, "page");
            parser.deliver(sink);
            bars += parser.barCount();
        }
        return bars + sink.sum;
    }
}
