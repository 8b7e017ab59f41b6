package io.marketswarm.engines.volume;

import java.util.Arrays;

/**
 * A growable dense window of {@code double} accumulators keyed by {@code long} bin, with a presence flag per bin.
 *
 * <p>Slot {@code i} holds bin {@code base + i}. A bin outside the window grows it by doubling, so a drifting
 * price range costs amortised O(1) and nothing is allocated once the range has been seen.
 *
 * <p>Threading: single-threaded; owned by its {@link VolumeProfileAccumulator}.
 */
final class DenseBinWindow {
    /** Largest number of bins one window may span (16 Mi bins, 144 MiB). */
    static final int MAX_SPAN = 1 << 24;

    private double[] volumes;
    private boolean[] present;
    private long base;
    private long lowest = Long.MAX_VALUE;
    private long highest = Long.MIN_VALUE;
    private int binCount;

    DenseBinWindow(final int initialCapacity) {
        if (initialCapacity < 1 || initialCapacity > MAX_SPAN) {
            throw new IllegalArgumentException("initialCapacity=" + initialCapacity);
        }
        volumes = new double[initialCapacity];
        present = new boolean[initialCapacity];
    }

    void add(final long bin, final double volume) {
        if (bin < base || bin - base >= volumes.length) {
            if (binCount == 0) {
                base = bin - volumes.length / 2;
            } else {
                grow(bin);
            }
        }
        final int i = (int) (bin - base);
        if (!present[i]) {
            present[i] = true;
            binCount++;
            if (bin < lowest) {
                lowest = bin;
            }
            if (bin > highest) {
                highest = bin;
            }
        }
        volumes[i] += volume;
    }

    /**
     * Adds {@code volume} to {@code bins[0]}, {@code bins[1]}, ... {@code bins[n - 1]} in that order: the same
     * additions in the same order as {@code n} calls of {@link #add}, so every sum is bit-identical, but each run of
     * equal bins is summed in a register and stored once. That removes the store-to-load chain through memory which
     * otherwise dominates repeated adds to one bin.
     *
     * <p>The bins must be non-decreasing (checked with {@code assert}); the window first reserves
     * {@code [bins[0], bins[n - 1]]}, so on {@link IllegalArgumentException} nothing was added.
     *
     * @param bins   non-decreasing bins.
     * @param n      number of bins to use, at least 1.
     * @param volume added to each.
     * @throws IllegalArgumentException if the window would span more than {@link #MAX_SPAN} bins
     */
    void addAscending(final long[] bins, final int n, final double volume) {
        final long first = bins[0];
        final long last = bins[n - 1];
        reserve(first, last);
        final double[] v = volumes;
        final boolean[] p = present;
        final long b = base;
        int run = (int) (first - b);
        markPresent(p, run);
        double sum = v[run] + volume;
        for (int i = 1; i < n; i++) {
            final int slot = (int) (bins[i] - b);
            if (slot != run) {
                assert slot > run : "bins must be non-decreasing: " + bins[i] + " after " + (b + run);
                v[run] = sum;
                markPresent(p, slot);
                run = slot;
                sum = v[slot];
            }
            sum += volume;
        }
        v[run] = sum;
        lowest = Math.min(lowest, first);
        highest = Math.max(highest, last);
    }

    private void markPresent(final boolean[] p, final int slot) {
        if (!p[slot]) {
            p[slot] = true;
            binCount++;
        }
    }

    /**
     * Makes room for every bin in {@code [lo, hi]} so the following adds cannot fail.
     *
     * @throws IllegalArgumentException if the window would span more than {@link #MAX_SPAN} bins
     */
    void reserve(final long lo, final long hi) {
        if (binCount == 0) {
            final long span = hi - lo + 1;
            checkSpan(lo, span);
            int capacity = volumes.length;
            while (capacity < span) {
                capacity = Math.min(MAX_SPAN, capacity * 2);
            }
            if (capacity != volumes.length) {
                volumes = new double[capacity];
                present = new boolean[capacity];
            }
            base = lo - (capacity - span) / 2;
            return;
        }
        if (lo < base) {
            grow(lo);
        }
        if (hi - base >= volumes.length) {
            grow(hi);
        }
    }

    double get(final long bin) {
        final long i = bin - base;
        return binCount == 0 || i < 0 || i >= volumes.length ? 0.0 : volumes[(int) i];
    }

    boolean contains(final long bin) {
        final long i = bin - base;
        return binCount != 0 && i >= 0 && i < volumes.length && present[(int) i];
    }

    long lowest() {
        return lowest;
    }

    long highest() {
        return highest;
    }

    int binCount() {
        return binCount;
    }

    void forEach(final BinVolumeConsumer consumer) {
        if (binCount == 0) {
            return;
        }
        final double[] v = volumes;
        final boolean[] p = present;
        final long b = base;
        final int from = (int) (lowest - b);
        final int to = (int) (highest - b);
        for (int i = from; i <= to; i++) {
            if (p[i]) {
                consumer.accept(b + i, v[i]);
            }
        }
    }

    int copyDense(final double[] dst) {
        if (binCount == 0) {
            return 0;
        }
        final int n = (int) (highest - lowest + 1);
        if (dst.length < n) {
            throw new IllegalArgumentException("dst.length=" + dst.length + " < span=" + n);
        }
        System.arraycopy(volumes, (int) (lowest - base), dst, 0, n);
        return n;
    }

    private void grow(final long bin) {
        final long top = base + volumes.length - 1;
        final long lo = Math.min(base, bin);
        final long hi = Math.max(top, bin);
        final long span = hi - lo + 1;
        checkSpan(bin, span);
        int capacity = volumes.length;
        while (capacity < span) {
            capacity = Math.min(MAX_SPAN, capacity * 2);
        }
        final long newBase = bin < base ? hi - capacity + 1 : lo;
        final int shift = (int) (base - newBase);
        final double[] v = new double[capacity];
        final boolean[] p = new boolean[capacity];
        System.arraycopy(volumes, 0, v, shift, volumes.length);
        System.arraycopy(present, 0, p, shift, present.length);
        volumes = v;
        present = p;
        base = newBase;
    }

    private static void checkSpan(final long bin, final long span) {
        if (span > MAX_SPAN || span <= 0) {
            throw new IllegalArgumentException("bin=" + bin + " would span " + span + " bins > MAX_SPAN=" + MAX_SPAN);
        }
    }

    void clear() {
        Arrays.fill(volumes, 0.0);
        Arrays.fill(present, false);
        lowest = Long.MAX_VALUE;
        highest = Long.MIN_VALUE;
        binCount = 0;
    }
}
