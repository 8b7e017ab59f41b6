package io.marketswarm.gateway.profile;

import java.util.Objects;

/**
 * One loaded volume profile model, as the gateway serves it: identity, provenance and the RAW and TV buckets as
 * parallel arrays, bins strictly ascending.
 *
 * <p>The record takes ownership of the arrays: they are not copied (a model may hold tens of thousands of bins and
 * is read on every request), so the caller must not modify them afterwards. {@code equals} compares array
 * references.
 *
 * @param symbol          ETF ticker of the source bars, e.g. {@code SPY}; may be {@code null} (rendered as null).
 * @param syntheticSymbol synthetic symbol, e.g. {@code SPX}.
 * @param multiplier      ETF to synthetic multiplier the model was built with.
 * @param lastUpdated     model's {@code last_updated} (ISO-8601 text), may be {@code null}.
 * @param barCount        bars included.
 * @param lastBarT        largest bar {@code t} included, ms (0 if unknown).
 * @param rawBins         RAW bins, strictly ascending.
 * @param rawVolumes      RAW volume per bin, finite and {@code >= 0}.
 * @param tvBins          TV bins, strictly ascending.
 * @param tvVolumes       TV volume per bin, finite and {@code >= 0}.
 */
public record VolumeProfileView(String symbol, String syntheticSymbol, double multiplier, String lastUpdated,
    long barCount, long lastBarT, long[] rawBins, double[] rawVolumes, long[] tvBins, double[] tvVolumes) {

    /**
     * Validates the buckets.
     *
     * @throws IllegalArgumentException naming the first bad field: arrays of different lengths, bins not strictly
     *                                  ascending, a negative or non-finite volume.
     * @throws NullPointerException     if {@code syntheticSymbol} or an array is null.
     */
    public VolumeProfileView {
        Objects.requireNonNull(syntheticSymbol, "syntheticSymbol");
        check("raw", rawBins, rawVolumes);
        check("tv", tvBins, tvVolumes);
    }

    private static void check(final String mode, final long[] bins, final double[] volumes) {
        Objects.requireNonNull(bins, mode + "Bins");
        Objects.requireNonNull(volumes, mode + "Volumes");
        if (bins.length != volumes.length) {
            throw new IllegalArgumentException(mode + "Bins.length=" + bins.length + " != " + mode
                + "Volumes.length=" + volumes.length);
        }
        for (int i = 0; i < bins.length; i++) {
            if (i > 0 && bins[i] <= bins[i - 1]) {
                throw new IllegalArgumentException(mode + "Bins not strictly ascending at index " + i + ": "
                    + bins[i - 1] + ", " + bins[i]);
            }
            final double v = volumes[i];
            if (!(v >= 0.0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(mode + " volume of bin " + bins[i] + " is " + v);
            }
        }
    }

    /**
     * @param mode which buckets.
     * @return the bins of {@code mode} (the record's array, not a copy).
     */
    public long[] bins(final VolumeProfileMode mode) {
        return mode == VolumeProfileMode.RAW ? rawBins : tvBins;
    }

    /**
     * @param mode which buckets.
     * @return the volumes of {@code mode} (the record's array, not a copy).
     */
    public double[] volumes(final VolumeProfileMode mode) {
        return mode == VolumeProfileMode.RAW ? rawVolumes : tvVolumes;
    }
}
