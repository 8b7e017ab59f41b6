package io.marketswarm.gateway.arrow;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.util.Random;

import org.agrona.MutableDirectBuffer;

import io.marketswarm.core.layout.BucketStateDescriptor;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;

/** Grids with known raw state, written slot by slot into the engine's layout. */
final class GridFixtures {

    /** Event time of the fixtures: 2026-02-06 15:00 UTC. */
    static final long TS_NS = 1_770_390_000_000_000_000L;

    private static final long SECOND_NS = 1_000_000_000L;

    /** Raw doubles that stress a bit-exact encoding. */
    static final double[] AWKWARD = {
        0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL / 3, -Double.MIN_NORMAL, 1e300, -1e300,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 0.1, -123456.789, 3.0e-310, 5e-324 * 7,
    };

    /** Ages of a touch, ns: 0 = never touched; -1 s = touched after the event (no discount either). */
    static final long[] AGES_NS = {
        0, 1, SECOND_NS / 10, SECOND_NS / 2, SECOND_NS / 2 + 1, SECOND_NS, 7_300_000_000L, 100 * SECOND_NS,
        3600 * SECOND_NS, -SECOND_NS,
    };

    private GridFixtures() {
    }

    /**
     * A grid at {@link #TS_NS} with ring origin 37: every cell distinct, the awkward doubles spread over all
     * columns, negative values, ages cycling through {@link #AGES_NS} (so some rows are stale), and extreme ids.
     */
    static GridSnapshot knownGrid() {
        final GridSnapshot grid = GridSnapshot.allocate();
        grid.header(TS_NS, 987_654_321L, 25_000_250_000_000L, 25_000.25, 25_000_000_000_000L, 25_000_500_000_000L,
            true, 37);
        for (int slot = 0; slot < GridColumns.ROWS; slot++) {
            for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
                final int n = slot * GridColumns.DOUBLE_COLUMNS + column;
                final double value = n % 5 == 0 ? AWKWARD[(n / 5) % AWKWARD.length]
                    : (n % 2 == 0 ? -1 : 1) * (slot + 1) * 1.375 * (column + 1) / 7.0;
                putDouble(grid, column, slot, value);
            }
            final long id = slot == 0 ? Long.MAX_VALUE
                : slot == 1 ? Long.MIN_VALUE : slot == 2 ? -1 : slot * 1_000_003L;
            putLong(grid, GridColumns.LAST_EVENT_ID, slot, id);
            putLong(grid, BucketStateDescriptor.LAST_TS, slot, lastTouch(AGES_NS[slot % AGES_NS.length]));
        }
        return grid;
    }

    /**
     * @param random source.
     * @return a grid with a random origin (0 and 100 included often), random raw values of many magnitudes and
     *     signs, some awkward doubles, and random ages (about a third stale).
     */
    static GridSnapshot randomGrid(final Random random) {
        final GridSnapshot grid = GridSnapshot.allocate();
        final int pick = random.nextInt(10);
        final int origin = pick == 0 ? 0 : pick == 1 ? GridColumns.ROWS - 1 : random.nextInt(GridColumns.ROWS);
        final long ts = TS_NS + random.nextInt(1_000_000) * 1_000L;
        grid.header(ts, random.nextLong(), random.nextLong(), random.nextDouble(), random.nextLong(),
            random.nextLong(), random.nextBoolean(), origin);
        for (int slot = 0; slot < GridColumns.ROWS; slot++) {
            for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
                final double value = random.nextInt(20) == 0 ? AWKWARD[random.nextInt(AWKWARD.length)]
                    : random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                putDouble(grid, column, slot, value);
            }
            putLong(grid, GridColumns.LAST_EVENT_ID, slot, random.nextLong());
            final int kind = random.nextInt(3);
            final long lastTs = kind == 0 ? 0 : kind == 1 ? ts - (long)(random.nextDouble() * SECOND_NS / 2)
                : ts - SECOND_NS / 2 - 1 - (long)(random.nextDouble() * 600 * SECOND_NS);
            putLong(grid, BucketStateDescriptor.LAST_TS, slot, lastTs);
        }
        return grid;
    }

    private static long lastTouch(final long ageNs) {
        return ageNs == 0 ? 0 : TS_NS - ageNs;
    }

    static void putDouble(final GridSnapshot grid, final int field, final int slot, final double value) {
        ((MutableDirectBuffer)grid.buffer()).putDouble(grid.offset() + GridSnapshotDescriptor.stateOffset(field, slot),
            value, LITTLE_ENDIAN);
    }

    static void putLong(final GridSnapshot grid, final int field, final int slot, final long value) {
        ((MutableDirectBuffer)grid.buffer()).putLong(grid.offset() + GridSnapshotDescriptor.stateOffset(field, slot),
            value, LITTLE_ENDIAN);
    }
}
