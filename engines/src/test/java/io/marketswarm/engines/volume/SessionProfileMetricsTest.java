package io.marketswarm.engines.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionProfileMetricsTest {
    private static final double[] EXAMPLE_A = {5, 25, 35, 15, 30, 60, 50, 20, 10, 0, 5};
    private static final double[] EXAMPLE_B = {2, 30, 50, 30, 2};
    private static final double[] EXAMPLE_C = {10, 40, 10, 40, 10, 5};
    private static final SessionProfileConfig D = SessionProfileConfig.DEFAULT;

    private static SessionProfileResult run(final double[] v, final long reference, final SessionProfileConfig c) {
        return SessionProfileMetrics.compute(100, v, v.length, reference, c);
    }

    private static SessionProfileConfig va(final ValueAreaMode mode, final ValueAreaTie tie) {
        return D.withValueArea(mode, tie);
    }

    @Test
    void shouldComputeExampleASingle() {
        final SessionProfileResult r = run(EXAMPLE_A, 104, D);
        assertEquals(255.0, r.totalVolume(), 0.0);
        assertEquals(105, r.pocRow());
        assertEquals(60.0, r.pocVolume(), 0.0);
        assertEquals(102, r.valRow());
        assertEquals(107, r.vahRow());
        assertEquals(210.0, r.vaVolume(), 0.0);
        assertArrayEquals(new long[] {102, 105}, r.hvnRows());
        assertArrayEquals(new long[] {103}, r.lvnRows());
        assertEquals(0.3376623377, r.profileStrength(), 1e-10);
        assertEquals(1 - (6.0 / 11) / (210.0 / 255), r.profileStrength(), 1e-15);
        assertEquals(0.2352941176, r.pocShare(), 1e-10);
        assertArrayEquals(new long[] {102}, r.supportRows());
        assertArrayEquals(new long[] {105}, r.resistanceRows());
        assertEquals(11, r.rowCount());
    }

    @Test
    void shouldExpandExampleASingleInSpecStepOrder() {
        final double[] v = EXAMPLE_A;
        final double target = 0.7 * 255;
        final int[] bounds = new int[2];
        final long[][] steps = {{105, 106}, {104, 106}, {104, 107}, {103, 107}, {102, 107}};
        for (int k = 0; k < steps.length; k++) {
            final double partialTarget = k == steps.length - 1 ? target : cumulative(k);
            SessionProfileMetrics.valueArea(v, 5, partialTarget, D, bounds);
            assertEquals(steps[k][0], 100 + bounds[0], "step " + (k + 1));
            assertEquals(steps[k][1], 100 + bounds[1], "step " + (k + 1));
        }
        assertEquals(178.5, target, 1e-12);
    }

    private static double cumulative(final int step) {
        final double[] acc = {110, 140, 160, 175};
        return acc[step] - 0.5;
    }

    @Test
    void shouldComputeExampleADual() {
        final SessionProfileResult r = run(EXAMPLE_A, 104, va(ValueAreaMode.DUAL, ValueAreaTie.UP));
        assertEquals(101, r.valRow());
        assertEquals(107, r.vahRow());
        assertEquals(235.0, r.vaVolume(), 0.0);
        assertEquals(0.3094777563, r.profileStrength(), 1e-10);
        assertEquals(105, r.pocRow());
    }

    @Test
    void shouldBreakValueAreaTiesByVaTie() {
        SessionProfileResult r = run(EXAMPLE_B, SessionProfileMetrics.NO_REFERENCE, D);
        assertEquals(102, r.valRow());
        assertEquals(103, r.vahRow());
        assertEquals(80.0, r.vaVolume(), 0.0);
        assertEquals(0.43, r.profileStrength(), 0.005);
        r = run(EXAMPLE_B, SessionProfileMetrics.NO_REFERENCE, va(ValueAreaMode.SINGLE, ValueAreaTie.DOWN));
        assertEquals(101, r.valRow());
        assertEquals(102, r.vahRow());
        assertEquals(80.0, r.vaVolume(), 0.0);
        assertEquals(0.43, r.profileStrength(), 0.005);
        r = run(EXAMPLE_B, SessionProfileMetrics.NO_REFERENCE, va(ValueAreaMode.DUAL, ValueAreaTie.UP));
        assertEquals(102, r.valRow());
        assertEquals(104, r.vahRow());
        assertEquals(82.0, r.vaVolume(), 0.0);
        r = run(EXAMPLE_B, SessionProfileMetrics.NO_REFERENCE, va(ValueAreaMode.DUAL, ValueAreaTie.DOWN));
        assertEquals(100, r.valRow());
        assertEquals(102, r.vahRow());
        assertEquals(82.0, r.vaVolume(), 0.0);
    }

    @Test
    void shouldBreakPocTiesByPocTie() {
        assertEquals(103, run(EXAMPLE_C, SessionProfileMetrics.NO_REFERENCE, D).pocRow());
        assertEquals(101, run(EXAMPLE_C, SessionProfileMetrics.NO_REFERENCE, D.withPocTie(PocTie.LOWEST)).pocRow());
        SessionProfileResult r = run(EXAMPLE_C, SessionProfileMetrics.NO_REFERENCE, D);
        assertEquals(101, r.valRow());
        assertEquals(104, r.vahRow());
        assertEquals(100.0, r.vaVolume(), 0.0);
        r = run(EXAMPLE_C, SessionProfileMetrics.NO_REFERENCE, va(ValueAreaMode.SINGLE, ValueAreaTie.DOWN));
        assertEquals(101, r.valRow());
        assertEquals(103, r.vahRow());
        assertEquals(90.0, r.vaVolume(), 0.0);
    }

    @Test
    void shouldSendCenterPocFurtherTieToLowerPrice() {
        assertEquals(101, run(new double[] {1, 9, 1, 9, 1}, SessionProfileMetrics.NO_REFERENCE, D).pocRow());
        assertEquals(101, run(new double[] {1, 9, 9, 1}, SessionProfileMetrics.NO_REFERENCE, D).pocRow());
    }

    @Test
    void shouldUsePocAsReferenceWhenNoTradeAndExcludeHvnAtReference() {
        final SessionProfileResult r = run(EXAMPLE_A, SessionProfileMetrics.NO_REFERENCE, D);
        assertArrayEquals(new long[] {102}, r.supportRows());
        assertArrayEquals(new long[] {}, r.resistanceRows());
        final SessionProfileResult above = run(EXAMPLE_A, 120, D);
        assertArrayEquals(new long[] {105, 102}, above.supportRows());
        final SessionProfileResult capped = run(EXAMPLE_A, 120, new SessionProfileConfig(0.7,
            ValueAreaMode.SINGLE, ValueAreaTie.UP, PocTie.CENTER, 2, 0.0, 1));
        assertArrayEquals(new long[] {105}, capped.supportRows());
    }

    @Test
    void shouldFilterHvnByPocFraction() {
        final SessionProfileResult r = run(EXAMPLE_A, 104, new SessionProfileConfig(0.7,
            ValueAreaMode.SINGLE, ValueAreaTie.UP, PocTie.CENTER, 2, 0.6, 3));
        assertArrayEquals(new long[] {105}, r.hvnRows());
    }

    @Test
    void shouldTrimEmptyEdgesAndHandleDegenerateProfiles() {
        final SessionProfileResult r = run(new double[] {0, 0, 7, 0, 3, 0}, SessionProfileMetrics.NO_REFERENCE, D);
        assertEquals(102, r.firstRow());
        assertEquals(3, r.rowCount());
        assertEquals(102, r.pocRow());
        assertNull(run(new double[] {0, 0}, SessionProfileMetrics.NO_REFERENCE, D));
        final SessionProfileResult single = run(new double[] {5}, SessionProfileMetrics.NO_REFERENCE, D);
        assertTrue(Double.isNaN(single.profileStrength()));
        assertEquals(1.0, single.pocShare(), 0.0);
        assertEquals(0.0, run(new double[] {4, 4, 4, 4}, SessionProfileMetrics.NO_REFERENCE, D).profileStrength(),
            0.0);
        assertThrows(IllegalArgumentException.class,
            () -> run(new double[] {1, -1}, SessionProfileMetrics.NO_REFERENCE, D));
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileConfig(0,
            ValueAreaMode.SINGLE, ValueAreaTie.UP, PocTie.CENTER, 2, 0.0, 3));
    }

    @Test
    void shouldComputeFromAccumulatorTvProfile() {
        final VolumeProfileAccumulator acc = new VolumeProfileAccumulator(10);
        acc.onBar(600.00, 600.30, 600.00, 600.15, 3000);
        final double[] dense = new double[8];
        final int n = acc.copyTvDense(dense);
        final SessionProfileResult r = SessionProfileMetrics.compute(acc.tvLowestBin(), dense, n,
            SessionProfileMetrics.NO_REFERENCE, D);
        assertEquals(6002, r.pocRow());
        assertEquals(6000, r.valRow());
        assertEquals(6002, r.vahRow());
        assertEquals(2600.0, r.vaVolume(), 0.0);
    }
}
