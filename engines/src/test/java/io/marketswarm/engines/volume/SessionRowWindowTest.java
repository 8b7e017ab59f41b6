package io.marketswarm.engines.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class SessionRowWindowTest {

    @Test
    void shouldMatchATreeMapThroughGrowthRecentringAndClears() {
        final Random random = new Random(3);
        final SessionRowWindow window = new SessionRowWindow(8);
        final TreeMap<Long, Double> reference = new TreeMap<>();
        long centre = 1_000;
        for (int op = 0; op < 200_000; op++) {
            if (random.nextInt(20_000) == 0) {
                window.clear();
                reference.clear();
                centre = random.nextInt(2_000_000) - 1_000_000;
            }
            centre += random.nextInt(5) - 2;
            final long lo = centre + random.nextInt(7) - 3;
            final long hi = lo + random.nextInt(40);
            if (!window.fits(lo, hi)) {
                continue;
            }
            window.reserve(lo, hi);
            final long row = lo + random.nextInt((int) (hi - lo + 1));
            final double volume = random.nextInt(4) == 0 ? 0.0 : random.nextInt(1000) + 0.25;
            window.add(row, volume);
            if (volume > 0) {
                reference.merge(row, volume, Double::sum);
            }
            if (op % 997 == 0) {
                assertSame(reference, window);
            }
        }
        assertSame(reference, window);
    }

    @Test
    void shouldReportSpansBeyondTheLimitAsNotFitting() {
        final SessionRowWindow window = new SessionRowWindow(1024);
        assertTrue(window.fits(0, SessionRowWindow.MAX_SPAN - 1));
        assertFalse(window.fits(0, SessionRowWindow.MAX_SPAN));
        window.reserve(500, 500);
        window.add(500, 1.0);
        assertTrue(window.fits(500 - SessionRowWindow.MAX_SPAN + 1, 500));
        assertFalse(window.fits(500 - SessionRowWindow.MAX_SPAN, 500));
    }

    @Test
    void shouldRejectBadInitialCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new SessionRowWindow(1000));
        assertThrows(IllegalArgumentException.class, () -> new SessionRowWindow(1));
    }

    private static void assertSame(final TreeMap<Long, Double> reference, final SessionRowWindow window) {
        assertEquals(reference.size(), window.rowsWithVolume());
        final double[] slots = window.array();
        int nonZero = 0;
        for (final double v : slots) {
            if (v != 0.0) {
                nonZero++;
            }
        }
        assertEquals(reference.size(), nonZero, "no stale slot survives a move or clear");
        for (final Map.Entry<Long, Double> e : reference.entrySet()) {
            assertEquals(e.getValue(), slots[(int) (e.getKey() - window.base())], 0.0, "row " + e.getKey());
        }
        if (!reference.isEmpty()) {
            assertEquals(reference.firstKey(), window.lowest());
            assertEquals(reference.lastKey(), window.highest());
            assertEquals(reference.lastKey() - reference.firstKey() + 1, window.copyDense().length);
        }
    }
}
