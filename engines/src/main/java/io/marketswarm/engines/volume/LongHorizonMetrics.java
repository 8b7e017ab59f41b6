package io.marketswarm.engines.volume;

import java.util.Arrays;

/**
 * The live-update metrics of spec {@code volume-profile.md} §6 step 5, over RAW buckets:
 * <ul>
 *   <li><b>VPOC</b>: the bin of maximum volume; ties go to the lowest bin (the original took the first in map
 *       order);</li>
 *   <li>{@code avg}: arithmetic mean of the volumes of all bins present (summed in ascending bin order);</li>
 *   <li><b>HVN</b>: bins with {@code vol >= 1.5 * avg}; <b>LVN</b>: bins with {@code vol <= 0.5 * avg}; both
 *       ascending.</li>
 * </ul>
 * An empty profile gives no VPOC and empty lists.
 *
 * @param hasVpoc whether a VPOC exists (the profile is not empty).
 * @param vpoc    the VPOC bin; meaningful only with {@code hasVpoc}.
 * @param average mean bin volume, 0 when empty.
 * @param hvn     high-volume bins, ascending.
 * @param lvn     low-volume bins, ascending.
 */
public record LongHorizonMetrics(boolean hasVpoc, long vpoc, double average, long[] hvn, long[] lvn) {

    /** The metrics of an empty profile. */
    public static final LongHorizonMetrics EMPTY = new LongHorizonMetrics(false, 0, 0.0, new long[0], new long[0]);

    /** Copies the arrays. */
    public LongHorizonMetrics {
        hvn = hvn.clone();
        lvn = lvn.clone();
    }

    /** @return the HVN bins (a copy). */
    @Override
    public long[] hvn() {
        return hvn.clone();
    }

    /** @return the LVN bins (a copy). */
    @Override
    public long[] lvn() {
        return lvn.clone();
    }

    /**
     * Computes the metrics.
     *
     * @param bins    bins, ascending.
     * @param volumes their volumes.
     * @param count   entries used.
     */
    public static LongHorizonMetrics compute(final long[] bins, final double[] volumes, final int count) {
        if (count == 0) {
            return EMPTY;
        }
        long vpoc = bins[0];
        double max = volumes[0];
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            final double vol = volumes[i];
            sum += vol;
            if (vol > max) {
                max = vol;
                vpoc = bins[i];
            }
        }
        final double avg = sum / count;
        final double hvnFloor = 1.5 * avg;
        final double lvnCeiling = 0.5 * avg;
        final long[] hvn = new long[count];
        final long[] lvn = new long[count];
        int nh = 0;
        int nl = 0;
        for (int i = 0; i < count; i++) {
            if (volumes[i] >= hvnFloor) {
                hvn[nh++] = bins[i];
            }
            if (volumes[i] <= lvnCeiling) {
                lvn[nl++] = bins[i];
            }
        }
        return new LongHorizonMetrics(true, vpoc, avg, Arrays.copyOf(hvn, nh), Arrays.copyOf(lvn, nl));
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof LongHorizonMetrics m && m.hasVpoc == hasVpoc && m.vpoc == vpoc
            && Double.compare(m.average, average) == 0 && Arrays.equals(m.hvn, hvn) && Arrays.equals(m.lvn, lvn);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(vpoc) * 31 + Arrays.hashCode(hvn) * 17 + Arrays.hashCode(lvn);
    }

    @Override
    public String toString() {
        return "LongHorizonMetrics{vpoc=" + (hasVpoc ? Long.toString(vpoc) : "null") + ", avg=" + average + ", hvn="
            + Arrays.toString(hvn) + ", lvn=" + Arrays.toString(lvn) + '}';
    }
}
