package io.marketswarm.engines.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VolumeProfileAccumulatorTest {
    private static final double NULL = Double.NaN;

    private static TreeMap<Long, Double> raw(final VolumeProfileAccumulator acc) {
        final TreeMap<Long, Double> out = new TreeMap<>();
        acc.forEachRaw(out::put);
        return out;
    }

    private static TreeMap<Long, Double> tv(final VolumeProfileAccumulator acc) {
        final TreeMap<Long, Double> out = new TreeMap<>();
        acc.forEachTv(out::put);
        return out;
    }

    private static TreeMap<Long, Double> map(final double... pairs) {
        final TreeMap<Long, Double> out = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((long) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    @Test
    void shouldMatchSpecFactForSpyBar() {
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        acc.onBar(600.00, 600.30, 600.00, 600.15, 3000);
        assertEquals(map(6002, 3000), raw(acc));
        assertEquals(map(6000, 600, 6001, 900, 6002, 1100, 6003, 400), tv(acc));
        assertEquals(1100.0, acc.tv(6002), 0.0);
        assertEquals(3000.0, acc.raw(6002), 0.0);
        assertEquals(0.0, acc.raw(6001), 0.0);
    }

    @Test
    void shouldDropFlatBarFromTvButKeepRaw() {
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        acc.onBar(500.0, 500.0, 500.0, 500.0, 100);
        assertEquals(map(5000, 100), raw(acc));
        assertEquals(map(), tv(acc));
        assertEquals(1, acc.rawBarsApplied());
        assertEquals(0, acc.tvBarsApplied());
        assertEquals(1, acc.tvBarsSkipped());
        assertEquals(0, acc.tvBinCount());
    }

    @Test
    void shouldRoundHalfToEvenForRawAndTv() {
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        acc.onBar(450.05, 450.35, 450.05, 450.25, 90);
        assertEquals(map(4502, 90), raw(acc));
        assertEquals(map(4500, 3, 4501, 27, 4502, 33, 4503, 27), tv(acc));
    }

    @Test
    void shouldUseMathRintHalfEven() {
        assertEquals(0L, (long) Math.rint(0.5));
        assertEquals(2L, (long) Math.rint(1.5));
        assertEquals(2L, (long) Math.rint(2.5));
        assertEquals(6002L, (long) Math.rint(6001.5));
        assertEquals(6002L, (long) Math.rint(6002.5));
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(1);
        acc.onBar(NULL, NULL, NULL, 0.5, 1);
        acc.onBar(NULL, NULL, NULL, 1.5, 1);
        acc.onBar(NULL, NULL, NULL, 2.5, 1);
        acc.onBar(NULL, NULL, NULL, 6001.5, 1);
        acc.onBar(NULL, NULL, NULL, 6002.5, 1);
        assertEquals(map(0, 1, 2, 2, 6002, 2), raw(acc));
    }

    @Test
    void shouldNeverSampleTheHigh() {
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(1);
        acc.onBar(NULL, 31.0, 1.0, NULL, 30);
        assertEquals(30, acc.tvBinCount());
        assertEquals(1L, acc.tvLowestBin());
        assertEquals(30L, acc.tvHighestBin());
        assertFalse(acc.hasTv(31));
        assertEquals(0.0, acc.tv(31), 0.0);
    }

    @Test
    void shouldSkipNullsPerFlavour() {
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        acc.onBar(1, 101, 100, NULL, 30);
        acc.onBar(1, 101, 100, 100.5, NULL);
        acc.onBar(1, NULL, 100, 100.5, 30);
        acc.onBar(1, 101, NULL, 100.5, 30);
        acc.onBar(1, 100, 101, 100.5, 30);
        acc.onBar(NULL, 101, 100, 100.5, 0);
        assertEquals(4, acc.rawBarsApplied());
        assertEquals(2, acc.rawBarsSkipped());
        assertEquals(2, acc.tvBarsApplied());
        assertEquals(4, acc.tvBarsSkipped());
        assertEquals(map(1005, 90), raw(acc));
        assertTrue(acc.hasRaw(1005));
    }

    @Test
    void shouldKeepZeroVolumeBinsPresent() {
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        acc.onBar(NULL, NULL, NULL, 100.0, 0.0);
        assertTrue(acc.hasRaw(1000));
        assertEquals(map(1000, 0), raw(acc));
    }

    @Test
    void shouldRejectBadMultiplierAndHugeSpan() {
        assertThrows(IllegalArgumentException.class, () -> new VolumeProfileAccumulator(0));
        assertThrows(IllegalArgumentException.class, () -> new VolumeProfileAccumulator(Double.NaN));
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        acc.onBar(NULL, 101, 100, 100, 1);
        final TreeMap<Long, Double> tvBefore = tv(acc);
        assertThrows(IllegalArgumentException.class, () -> acc.onBar(NULL, 1e9, 100, NULL, 1));
        assertEquals(tvBefore, tv(acc));
        assertEquals(1, acc.tvBarsApplied());
    }

    @Test
    void shouldMatchNaiveHashMapReferenceOnRandomBars() {
        final SplittableRandom rnd = new SplittableRandom(42);
        for (final double m : new double[] {10, 4, 40, 1 / 0.01, 9.9}) {
            final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(m);
            final Map<Long, Double> rawRef = new HashMap<>();
            final Map<Long, Double> tvRef = new HashMap<>();
            double price = 100 + rnd.nextDouble(400);
            for (int bar = 0; bar < 20_000; bar++) {
                price = Math.max(1, price + rnd.nextDouble(-2, 2) + (bar > 10_000 ? 0.3 : -0.2));
                final double low = Math.rint(price * 100) / 100;
                final double high = rnd.nextInt(10) == 0 ? low : low + rnd.nextInt(0, 80) / 100.0;
                final double close = Math.rint(rnd.nextDouble(low, high + 0.001) * 100) / 100;
                final double volume = rnd.nextInt(5) == 0 ? rnd.nextDouble(1e5) : rnd.nextInt(10_000);
                final double c = rnd.nextInt(50) == 0 ? NULL : close;
                final double v = rnd.nextInt(50) == 0 ? NULL : volume;
                final double l = rnd.nextInt(50) == 0 ? NULL : low;
                acc.onBar(low, high, l, c, v);
                reference(rawRef, tvRef, m, high, l, c, v);
            }
            assertEquals(new TreeMap<>(rawRef), raw(acc), "raw m=" + m);
            assertEquals(new TreeMap<>(tvRef), tv(acc), "tv m=" + m);
            assertEquals(rawRef.size(), acc.rawBinCount());
            assertEquals(tvRef.size(), acc.tvBinCount());
            final double[] dense = new double[(int) (acc.tvHighestBin() - acc.tvLowestBin()) + 1];
            final int n = acc.copyTvDense(dense);
            for (int i = 0; i < n; i++) {
                assertEquals(tvRef.getOrDefault(acc.tvLowestBin() + i, 0.0), dense[i], 0.0);
            }
        }
    }

    private static void reference(final Map<Long, Double> rawRef, final Map<Long, Double> tvRef, final double m,
                                  final double h, final double l, final double c, final double v) {
        if (!Double.isNaN(c) && !Double.isNaN(v)) {
            rawRef.merge((long) Math.rint(c * m), v, Double::sum);
        }
        if (Double.isNaN(l) || Double.isNaN(h) || Double.isNaN(v) || h <= l) {
            return;
        }
        final double step = (h - l) / 30.0;
        final double volPer = v / 30.0;
        for (int i = 0; i < 30; i++) {
            final double p = l + i * step;
            tvRef.merge((long) Math.rint(p * m), volPer, Double::sum);
        }
    }

    @Test
    void shouldNotAllocateOnBarInSteadyState() {
        final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long tid = Thread.currentThread().getId();
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        final SplittableRandom rnd = new SplittableRandom(7);
        final double[] bars = new double[4 * 4096];
        for (int i = 0; i < bars.length; i += 4) {
            final double low = 500 + rnd.nextDouble(100);
            bars[i] = low;
            bars[i + 1] = low + rnd.nextDouble(1);
            bars[i + 2] = low + rnd.nextDouble(1);
            bars[i + 3] = rnd.nextDouble(1000);
        }
        runBars(acc, bars, 50);
        final long before = mx.getThreadAllocatedBytes(tid);
        runBars(acc, bars, 50);
        final long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 1024, "allocated=" + allocated + " bytes over 204800 bars");
    }

    private static void runBars(final VolumeProfileAccumulator acc, final double[] bars, final int rounds) {
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < bars.length; i += 4) {
                acc.onBar(bars[i], bars[i + 1], bars[i], bars[i + 2], bars[i + 3]);
            }
        }
    }
}
