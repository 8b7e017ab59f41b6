package io.marketswarm.engines.volume;

import java.util.Arrays;

/**
 * The model's {@code ohlc} array held as primitive columns (t, o, h, l, c, v); {@code NaN} is a null value.
 * Grows by doubling; appending allocates nothing between growths.
 *
 * <p>Single-threaded: owned by its {@link VolumeProfileModel}.
 */
public final class BarColumns {

    private long[] t;
    private double[] o;
    private double[] h;
    private double[] l;
    private double[] c;
    private double[] v;
    private int size;

    /** @param initialCapacity first capacity, in bars. */
    public BarColumns(final int initialCapacity) {
        final int cap = Math.max(16, initialCapacity);
        t = new long[cap];
        o = new double[cap];
        h = new double[cap];
        l = new double[cap];
        c = new double[cap];
        v = new double[cap];
    }

    /** Appends one bar. */
    public void add(final long ts, final double open, final double high, final double low, final double close,
        final double volume) {
        if (size == t.length) {
            final int cap = Math.multiplyExact(t.length, 2);
            t = Arrays.copyOf(t, cap);
            o = Arrays.copyOf(o, cap);
            h = Arrays.copyOf(h, cap);
            l = Arrays.copyOf(l, cap);
            c = Arrays.copyOf(c, cap);
            v = Arrays.copyOf(v, cap);
        }
        t[size] = ts;
        o[size] = open;
        h[size] = high;
        l[size] = low;
        c[size] = close;
        v[size] = volume;
        size++;
    }

    /** @return bars held. */
    public int size() {
        return size;
    }

    /** @return window start of bar {@code i}, Unix ms. */
    public long t(final int i) {
        return t[i];
    }

    /** @return open of bar {@code i}. */
    public double open(final int i) {
        return o[i];
    }

    /** @return high of bar {@code i}. */
    public double high(final int i) {
        return h[i];
    }

    /** @return low of bar {@code i}. */
    public double low(final int i) {
        return l[i];
    }

    /** @return close of bar {@code i}. */
    public double close(final int i) {
        return c[i];
    }

    /** @return volume of bar {@code i}. */
    public double volume(final int i) {
        return v[i];
    }

    /** @return the largest {@code t}, or {@link Long#MIN_VALUE} when empty. */
    public long maxT() {
        long max = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, t[i]);
        }
        return max;
    }

    /** Forgets every bar; keeps the capacity. */
    public void clear() {
        size = 0;
    }
}
