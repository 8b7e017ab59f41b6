package io.marketswarm.core.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DeterministicExpTest {

    private static void assertClose(final double x) {
        final double expected = StrictMath.exp(x);
        final double actual = DeterministicExp.exp(x);
        if (expected == 0 || Double.isInfinite(expected) || expected < Double.MIN_NORMAL * 4) {
            assertTrue(Math.abs(actual - expected) <= 2 * Math.ulp(expected) + Double.MIN_VALUE,
                () -> "x=" + x + " expected " + expected + " got " + actual);
            return;
        }
        assertTrue(Math.abs(actual - expected) <= 2 * Math.ulp(expected),
            () -> "x=" + x + " expected " + expected + " got " + actual + " (" + (actual - expected) / Math.ulp(expected)
                + " ulp)");
    }

    @Test
    void shouldStayWithinTwoUlpOfStrictMathAcrossTheRange() {
        final SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2_000_000; i++) {
            assertClose(random.nextDouble(-745, 709.7));
        }
        for (int i = 0; i < 1_000_000; i++) {
            assertClose(-random.nextDouble(0, 60));
            assertClose(random.nextDouble(-1e-3, 1e-3));
        }
    }

    @Test
    void shouldHandleTheEdges() {
        assertEquals(1.0, DeterministicExp.exp(0.0));
        assertEquals(1.0, DeterministicExp.exp(-0.0));
        assertEquals(Double.POSITIVE_INFINITY, DeterministicExp.exp(710));
        assertEquals(Double.POSITIVE_INFINITY, DeterministicExp.exp(Double.POSITIVE_INFINITY));
        assertEquals(0.0, DeterministicExp.exp(-746));
        assertEquals(0.0, DeterministicExp.exp(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(DeterministicExp.exp(Double.NaN)));
        assertEquals(StrictMath.exp(1.0), DeterministicExp.exp(1.0), Math.ulp(Math.E));
    }
}
