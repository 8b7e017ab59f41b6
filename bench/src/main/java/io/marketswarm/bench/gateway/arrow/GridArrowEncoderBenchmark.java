package io.marketswarm.bench.gateway.arrow;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.core.layout.BucketStateDescriptor;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;
import io.marketswarm.gateway.arrow.GridArrowEncoder;

/**
 * The grid's Arrow IPC frame on one thread, per frame (score = ns per frame; {@code -prof gc} B/op = bytes
 * allocated per frame, expected 0), into a cache-line-aligned direct buffer, rotating over {@value #GRIDS} grids
 * with random origins and values:
 * <ul>
 *   <li>{@code encode}: the whole frame ({@link GridArrowEncoder#encode});</li>
 *   <li>{@code encodeValues}: only the 19 value columns of a frame kept per destination
 *       ({@link GridArrowEncoder#encodeValues} after one {@link GridArrowEncoder#writeTemplate}).</li>
 * </ul>
 * {@code stalePercent} is the share of rows older than 0.5 s, whose cells are freshness-discounted (spec §8): each
 * costs two {@code exp} and one multiply per cell on top of the block copies.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar GridArrowEncoderBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.OPEN_LANG, BenchJvm.EXPORT_NIO,
    BenchJvm.NO_ANALYTICS, BenchJvm.NO_BOUNDS_CHECKS, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
public class GridArrowEncoderBenchmark {

    /** Grids rotated through (a power of two). */
    public static final int GRIDS = 16;
    private static final long TS_NS = 1_770_390_000_000_000_000L;
    private static final long SECOND_NS = 1_000_000_000L;

    /** Share of rows, in percent, whose last touch is older than 0.5 s. */
    @Param({"0", "30", "100"})
    public int stalePercent;

    private final GridArrowEncoder encoder = new GridArrowEncoder();
    private final GridSnapshot[] grids = new GridSnapshot[GRIDS];
    private final UnsafeBuffer frame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
        (GridArrowEncoder.FRAME_LENGTH + 63) & ~63, 64));
    private final UnsafeBuffer kept = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
        (GridArrowEncoder.FRAME_LENGTH + 63) & ~63, 64));
    private int next;

    /** Builds the grids and the kept frame. */
    @Setup(Level.Trial)
    public void setUp() {
        final SplittableRandom random = new SplittableRandom(20_260_206L);
        for (int i = 0; i < GRIDS; i++) {
            grids[i] = grid(random, stalePercent);
        }
        encoder.writeTemplate(kept, 0);
    }

    /** @return frame length. */
    @Benchmark
    public int encode() {
        return encoder.encode(grids[next++ & (GRIDS - 1)], frame, 0);
    }

    /** @return frame length. */
    @Benchmark
    public int encodeValues() {
        return encoder.encodeValues(grids[next++ & (GRIDS - 1)], kept, 0);
    }

    private static GridSnapshot grid(final SplittableRandom random, final int stalePercent) {
        final GridSnapshot grid = GridSnapshot.allocate();
        grid.header(TS_NS, random.nextLong(), 25_000_000_000_000L, 25_000.0, 24_999_750_000_000L,
            25_000_250_000_000L, true, random.nextInt(GridColumns.ROWS));
        final MutableDirectBuffer state = (MutableDirectBuffer)grid.buffer();
        for (int slot = 0; slot < GridColumns.ROWS; slot++) {
            for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
                state.putDouble(GridSnapshotDescriptor.stateOffset(column, slot),
                    (random.nextDouble() - 0.5) * 1_000.0, LITTLE_ENDIAN);
            }
            state.putLong(GridSnapshotDescriptor.stateOffset(GridColumns.LAST_EVENT_ID, slot),
                random.nextLong(1L << 40), LITTLE_ENDIAN);
            final boolean stale = random.nextInt(100) < stalePercent;
            final long ageNs = stale ? SECOND_NS + random.nextLong(60 * SECOND_NS) : random.nextLong(SECOND_NS / 2);
            state.putLong(GridSnapshotDescriptor.stateOffset(BucketStateDescriptor.LAST_TS, slot), TS_NS - ageNs,
                LITTLE_ENDIAN);
        }
        return grid;
    }
}
