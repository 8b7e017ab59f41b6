package io.marketswarm.bench.engines.orderflow;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongHashSet;
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
import org.openjdk.jmh.annotations.Warmup;

import io.marketswarm.bench.support.BenchData;
import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.bench.support.DecodedEvents;
import io.marketswarm.core.format.PythonDoubleWriter;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;
import io.marketswarm.engines.orderflow.book.ParityOrderBook;
import io.marketswarm.engines.orderflow.GridJsonWriter;
import io.marketswarm.engines.orderflow.OrderFlowPipeline;
import io.marketswarm.engines.orderflow.OrderFlowSettings;
import io.marketswarm.engines.orderflow.VacuumPressureEngine;

/**
 * Replay JSON formatting on one thread (spec §12), over {@value #GRIDS} real engine grids: a synthetic MNQ session
 * run through the pipeline with a 1 s throttle, as {@code replay --throttle-ms 1000} emits them (about 28 % zeros,
 * the rest mostly 16-17 significant digits).
 * <ul>
 *   <li>{@code writeGrid}: {@link GridJsonWriter#onGrid}, one whole line per operation (ns/grid; grids/s is
 *       {@code 1e9 / score}), into a stream that discards;</li>
 *   <li>{@code formatDouble}: {@link PythonDoubleWriter#write} alone over the emitted (discounted) values of a grid,
 *       per double (ns/double).</li>
 * </ul>
 * {@code -prof gc} should show 0 B/op. Run: {@code java -jar bench/target/benchmarks.jar GridJsonWriterBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.OPEN_LANG, BenchJvm.EXPORT_NIO,
    BenchJvm.NO_ANALYTICS, BenchJvm.NO_BOUNDS_CHECKS, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
public class GridJsonWriterBenchmark {

    /** Grids cycled through. */
    public static final int GRIDS = 256;
    /** Float64 values per grid. */
    public static final int DOUBLES = GridColumns.DOUBLE_COLUMNS * GridColumns.ROWS;
    private static final int EVENTS = 2_000_000;
    private static final long TICK = 250_000_000L;

    private final GridSnapshot[] grids = new GridSnapshot[GRIDS];
    private final double[][] values = new double[GRIDS][DOUBLES];
    private final byte[] text = new byte[DOUBLES * (PythonDoubleWriter.MAX_LENGTH + 1)];
    private final PythonDoubleWriter doubles = new PythonDoubleWriter();
    private GridJsonWriter writer;
    private int next;

    /**
     * Runs the session and keeps copies of the first {@value #GRIDS} grids emitted after the first minute.
     *
     * @throws IOException if the synthetic session cannot be built.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final DecodedEvents e = new DecodedEvents(BenchData.mboStream("synth", EVENTS), EVENTS);
        final List<GridSnapshot> kept = new ArrayList<>();
        final OrderFlowSettings settings = new OrderFlowSettings(true, "X", LocalDate.of(2026, 2, 6), null, 1000, TICK,
            OrderFlowSettings.BookMode.PARITY);
        final long[] emitted = new long[1];
        final OrderFlowPipeline pipeline = new OrderFlowPipeline(settings,
            new VacuumPressureEngine(TICK, new ParityOrderBook()), new LongHashSet(), (GridSnapshot grid) -> {
                if (emitted[0]++ >= 60 && kept.size() < GRIDS) {
                    final GridSnapshot copy = GridSnapshot.allocate();
                    ((MutableDirectBuffer)copy.buffer()).putBytes(0, grid.buffer(), grid.offset(),
                        GridSnapshotDescriptor.LENGTH);
                    kept.add(copy);
                }
            }, null);
        for (int i = 0; i < EVENTS && kept.size() < GRIDS; i++) {
            pipeline.onRecord(e.ts[i], e.action[i], e.side[i], e.price[i], e.size[i], e.orderId[i], e.flags[i],
                e.publisherId[i], e.instrumentId[i]);
        }
        if (kept.size() < GRIDS) {
            throw new IllegalStateException("only " + kept.size() + " grids emitted");
        }
        for (int g = 0; g < GRIDS; g++) {
            grids[g] = kept.get(g);
            for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
                for (int row = 0; row < GridColumns.ROWS; row++) {
                    values[g][column * GridColumns.ROWS + row] = grids[g].value(column, row);
                }
            }
        }
        writer = new GridJsonWriter(OutputStream.nullOutputStream());
    }

    /** @return lines written so far. */
    @Benchmark
    public long writeGrid() {
        writer.onGrid(grids[next++ & (GRIDS - 1)]);
        return writer.lines();
    }

    /** @return bytes of text. */
    @Benchmark
    @OperationsPerInvocation(DOUBLES)
    public int formatDouble() {
        final double[] v = values[next++ & (GRIDS - 1)];
        final PythonDoubleWriter d = doubles;
        final byte[] out = text;
        int pos = 0;
        for (int i = 0; i < DOUBLES; i++) {
            pos = d.write(v[i], out, pos);
        }
        return pos;
    }
}
