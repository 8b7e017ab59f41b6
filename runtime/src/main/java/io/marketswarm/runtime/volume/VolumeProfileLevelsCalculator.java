package io.marketswarm.runtime.volume;

import io.marketswarm.engines.volume.LongHorizonMetrics;
import io.marketswarm.engines.volume.PocTie;
import io.marketswarm.engines.volume.SessionProfileConfig;
import io.marketswarm.engines.volume.SessionProfileMetrics;
import io.marketswarm.engines.volume.SessionProfileResult;
import io.marketswarm.gateway.profile.VolumeProfileLevels;

/**
 * The runtime's {@link VolumeProfileLevels.Rule}: reference levels of one mode of a long-horizon profile, always over
 * the FULL profile:
 * <ul>
 *   <li>VPOC, HVN and LVN: the live-update rule of spec §6 step 5, {@link LongHorizonMetrics} (the same code the
 *       updater stores in the model);</li>
 *   <li>value area: 70 % contiguous expansion of spec §8.3 by {@link SessionProfileMetrics}, bins as rows, dense
 *       from the lowest to the highest bin (gaps count as 0), starting from the VPOC above (POC tie
 *       {@link PocTie#LOWEST}, so the value area always contains the reported VPOC).</li>
 * </ul>
 * An empty profile has no VPOC, no value area and empty lists. An all-zero profile has a VPOC (its lowest bin) but
 * no value area, and every bin is both HVN and LVN (the literal rule with {@code avg = 0}). Stateless.
 */
public final class VolumeProfileLevelsCalculator {

    /** Most bins a profile may span (highest − lowest + 1) for the dense value-area pass: 4 Mi rows, 32 MiB. */
    public static final int MAX_DENSE_BINS = 1 << 22;

    private static final SessionProfileConfig VALUE_AREA = SessionProfileConfig.DEFAULT.withPocTie(PocTie.LOWEST);

    private VolumeProfileLevelsCalculator() {
    }

    /**
     * Computes the levels. Runs on the model loader thread; allocates the dense profile.
     *
     * @param bins    bins, strictly ascending.
     * @param volumes volume per bin, finite and {@code >= 0}.
     * @return the levels.
     * @throws IllegalArgumentException if the profile spans more than {@link #MAX_DENSE_BINS} bins.
     */
    public static VolumeProfileLevels compute(final long[] bins, final double[] volumes) {
        final int n = bins.length;
        if (n == 0) {
            return VolumeProfileLevels.emptyProfile();
        }
        final long min = bins[0];
        final long max = bins[n - 1];
        final long span = max - min + 1;
        if (span <= 0 || span > MAX_DENSE_BINS) {
            throw new IllegalArgumentException("profile spans bins " + min + ".." + max + ", more than "
                + MAX_DENSE_BINS + " bins; rebuild the model with --wipe");
        }
        final LongHorizonMetrics levels = LongHorizonMetrics.compute(bins, volumes, n);
        final long[] hvn = levels.hvn();
        final long[] lvn = levels.lvn();
        final double[] dense = new double[(int)span];
        for (int i = 0; i < n; i++) {
            dense[(int)(bins[i] - min)] = volumes[i];
        }
        final SessionProfileResult va = SessionProfileMetrics.compute(min, dense, dense.length,
            SessionProfileMetrics.NO_REFERENCE, VALUE_AREA);
        return va == null
            ? new VolumeProfileLevels(min, max, levels.vpoc(), false, 0, 0, hvn, lvn, false)
            : new VolumeProfileLevels(min, max, levels.vpoc(), true, va.valRow(), va.vahRow(), hvn, lvn, false);
    }
}
