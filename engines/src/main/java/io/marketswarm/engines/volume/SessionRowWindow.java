package io.marketswarm.engines.volume;

import java.util.Arrays;

/**
 * A growable dense array of {@code double} volumes keyed by {@code long} row, for one session profile.
 *
 * <p>Slot {@code i} holds row {@code base + i}. Only rows that received a positive addition widen the used range
 * {@code [lowest, highest]}; every non-zero slot lies inside it, so {@link #clear} only zeroes that range. When a
 * row range does not fit, the window is re-centred in place or, if the needed span exceeds half the capacity,
 * reallocated at the next power of two that holds twice the span. Once the capacity covers twice the usual
 * session range nothing is allocated, and a cleared window re-centres on the next session's first row for free.
 *
 * <p>Threading: single-threaded; owned by its {@link SessionProfileBuilder}.
 */
final class SessionRowWindow {
    /** Largest number of rows one session profile may span (1 Mi rows, 8 MiB of volumes). */
    static final int MAX_SPAN = 1 << 20;

    private double[] volumes;
    private long base;
    private long lowest = Long.MAX_VALUE;
    private long highest = Long.MIN_VALUE;
    private int rowsWithVolume;

    SessionRowWindow(final int initialCapacity) {
        if (initialCapacity < 2 || initialCapacity > 2 * MAX_SPAN || Integer.bitCount(initialCapacity) != 1) {
            throw new IllegalArgumentException("initialCapacity=" + initialCapacity);
        }
        volumes = new double[initialCapacity];
    }

    /** @return whether the used range extended by {@code [lo, hi]} spans at most {@link #MAX_SPAN} rows */
    boolean fits(final long lo, final long hi) {
        final long from = isEmpty() ? lo : Math.min(lowest, lo);
        final long to = isEmpty() ? hi : Math.max(highest, hi);
        return to - from < MAX_SPAN;
    }

    /**
     * Makes rows {@code [lo, hi]} addressable. The caller has checked {@link #fits}; rows are within
     * {@code ±2^52}, so no arithmetic here overflows.
     */
    void reserve(final long lo, final long hi) {
        final long from = isEmpty() ? lo : Math.min(lowest, lo);
        final long to = isEmpty() ? hi : Math.max(highest, hi);
        if (from >= base && to - base < volumes.length) {
            return;
        }
        final long span = to - from + 1;
        int capacity = volumes.length;
        while (capacity < 2 * span) {
            capacity *= 2;
        }
        final long newBase = from - (capacity - span) / 2;
        if (isEmpty()) {
            if (capacity != volumes.length) {
                volumes = new double[capacity];
            }
        } else if (capacity != volumes.length) {
            final double[] v = new double[capacity];
            System.arraycopy(volumes, (int) (lowest - base), v, (int) (lowest - newBase), usedLength());
            volumes = v;
        } else {
            moveInPlace(newBase);
        }
        base = newBase;
    }

    /** Adds to a reserved row; a non-positive volume changes nothing. */
    void add(final long row, final double volume) {
        if (!(volume > 0.0)) {
            return;
        }
        final int i = (int) (row - base);
        if (volumes[i] == 0.0) {
            rowsWithVolume++;
        }
        volumes[i] += volume;
        if (row < lowest) {
            lowest = row;
        }
        if (row > highest) {
            highest = row;
        }
    }

    boolean isEmpty() {
        return rowsWithVolume == 0;
    }

    /** @return the row of slot 0, for {@link SessionProfileMetrics#compute} over {@link #array()} */
    long base() {
        return base;
    }

    /** @return the backing array; slot {@code i} is row {@code base() + i}; valid until the next reserve */
    double[] array() {
        return volumes;
    }

    long lowest() {
        return lowest;
    }

    long highest() {
        return highest;
    }

    int rowsWithVolume() {
        return rowsWithVolume;
    }

    /** @return a copy of rows {@code [lowest, highest]}, empty if no row has volume */
    double[] copyDense() {
        return isEmpty() ? new double[0] : Arrays.copyOfRange(volumes, (int) (lowest - base),
            (int) (highest - base) + 1);
    }

    void clear() {
        if (!isEmpty()) {
            Arrays.fill(volumes, (int) (lowest - base), (int) (highest - base) + 1, 0.0);
        }
        lowest = Long.MAX_VALUE;
        highest = Long.MIN_VALUE;
        rowsWithVolume = 0;
    }

    private int usedLength() {
        return (int) (highest - lowest + 1);
    }

    private void moveInPlace(final long newBase) {
        final int oldFrom = (int) (lowest - base);
        final int newFrom = (int) (lowest - newBase);
        final int length = usedLength();
        System.arraycopy(volumes, oldFrom, volumes, newFrom, length);
        if (newFrom > oldFrom) {
            Arrays.fill(volumes, oldFrom, Math.min(oldFrom + length, newFrom), 0.0);
        } else {
            Arrays.fill(volumes, Math.max(oldFrom, newFrom + length), oldFrom + length, 0.0);
        }
    }
}
