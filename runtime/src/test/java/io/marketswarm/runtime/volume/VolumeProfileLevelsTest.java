package io.marketswarm.runtime.volume;

import io.marketswarm.gateway.profile.VolumeProfileLevels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Long-horizon VPOC / HVN / LVN (spec §6 step 5, §9) and the dense value area (§8.3). */
class VolumeProfileLevelsTest {

    private static final long[] BINS = {6000, 6001, 6002, 6003, 6004, 6005};

    @Test
    void shouldComputeTheSpecExample() {
        final VolumeProfileLevels levels = VolumeProfileLevelsCalculator.compute(BINS, new double[] {100, 400, 100, 40, 400, 10});
        assertFalse(levels.empty());
        assertEquals(6001, levels.vpoc(), "tied with 6004; the lowest wins");
        assertArrayEquals(new long[] {6001, 6004}, levels.hvnBins());
        assertArrayEquals(new long[] {6003, 6005}, levels.lvnBins());
        assertTrue(levels.hasValueArea());
        assertEquals(6000, levels.valueAreaLow());
        assertEquals(6004, levels.valueAreaHigh());
        assertEquals(6000, levels.minBin());
        assertEquals(6005, levels.maxBin());
    }

    @Test
    void shouldStartTheValueAreaAtTheLowestVpocEvenWhenACentreTieWouldPickAnother() {
        final VolumeProfileLevels levels = VolumeProfileLevelsCalculator.compute(new long[] {1, 2, 3, 4, 5},
            new double[] {50, 1, 1, 1, 50});
        assertEquals(1, levels.vpoc());
        assertTrue(levels.valueAreaLow() <= 1 && levels.valueAreaHigh() >= 1, "the value area holds the VPOC");
    }

    @Test
    void shouldCountGapsAsZeroForTheValueAreaButNotForTheAverage() {
        final VolumeProfileLevels levels = VolumeProfileLevelsCalculator.compute(new long[] {5999, 6000, 6002, 6003},
            new double[] {5, 50, 100.0 / 3, 20});
        assertEquals(6000, levels.vpoc());
        assertArrayEquals(new long[] {6000}, levels.hvnBins());
        assertArrayEquals(new long[] {5999}, levels.lvnBins());
        assertEquals(5999, levels.valueAreaLow());
        assertEquals(6002, levels.valueAreaHigh());
    }

    @Test
    void shouldGiveNoLevelsForAnEmptyProfileAndNoValueAreaForAZeroOne() {
        final VolumeProfileLevels empty = VolumeProfileLevelsCalculator.compute(new long[0], new double[0]);
        assertTrue(empty.empty());
        assertFalse(empty.hasValueArea());
        assertEquals(0, empty.hvnCount() + empty.lvnCount());
        final VolumeProfileLevels zero = VolumeProfileLevelsCalculator.compute(new long[] {7, 9}, new double[] {0, 0});
        assertEquals(7, zero.vpoc());
        assertFalse(zero.hasValueArea());
        assertArrayEquals(new long[] {7, 9}, zero.hvnBins(), "the literal §6 rule: 0 >= 1.5 * 0");
        assertArrayEquals(new long[] {7, 9}, zero.lvnBins(), "and 0 <= 0.5 * 0");
    }

    @Test
    void shouldRefuseAProfileTooWideForTheDenseValueArea() {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> VolumeProfileLevelsCalculator.compute(new long[] {0, VolumeProfileLevelsCalculator.MAX_DENSE_BINS},
                new double[] {1, 1}));
        assertTrue(ex.getMessage().contains("rebuild the model with --wipe"), ex.getMessage());
    }

    @Test
    void shouldMatchANaiveReferenceOnRandomProfiles() {
        final Random random = new Random(42);
        for (int run = 0; run < 500; run++) {
            final int n = 1 + random.nextInt(40);
            final long[] bins = new long[n];
            final double[] volumes = new double[n];
            long bin = random.nextInt(100) - 50;
            for (int i = 0; i < n; i++) {
                bin += 1 + random.nextInt(3);
                bins[i] = bin;
                volumes[i] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextDouble() * 1000;
            }
            final VolumeProfileLevels levels = VolumeProfileLevelsCalculator.compute(bins, volumes);
            double total = 0;
            long vpoc = bins[0];
            double best = volumes[0];
            for (int i = 0; i < n; i++) {
                total += volumes[i];
                if (volumes[i] > best) {
                    best = volumes[i];
                    vpoc = bins[i];
                }
            }
            assertEquals(vpoc, levels.vpoc(), "run " + run);
            final double avg = total / n;
            for (int i = 0; i < n; i++) {
                assertEquals(volumes[i] >= 1.5 * avg, contains(levels.hvnBins(), bins[i]), "hvn run " + run);
                assertEquals(volumes[i] <= 0.5 * avg, contains(levels.lvnBins(), bins[i]), "lvn run " + run);
            }
            if (total > 0) {
                double inside = 0;
                for (int i = 0; i < n; i++) {
                    if (bins[i] >= levels.valueAreaLow() && bins[i] <= levels.valueAreaHigh()) {
                        inside += volumes[i];
                    }
                }
                assertTrue(inside >= 0.7 * total - 1e-9 * total, "value area holds 70 %, run " + run);
                assertTrue(levels.valueAreaLow() <= vpoc && vpoc <= levels.valueAreaHigh(), "run " + run);
            }
        }
    }

    private static boolean contains(final long[] sorted, final long key) {
        return Arrays.binarySearch(sorted, key) >= 0;
    }
}
