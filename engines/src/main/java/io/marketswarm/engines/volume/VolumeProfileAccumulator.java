package io.marketswarm.engines.volume;

/**
 * Long-horizon volume-at-price accumulator: the RAW and TV profiles of spec {@code volume-profile.md} §3.
 *
 * <p>Per bar, in this exact floating-point order ({@code rint} is {@link Math#rint}, round half to even):
 * <ul>
 *   <li><b>RAW</b>: skipped if {@code close} or {@code volume} is null; otherwise
 *       {@code raw[(long) rint(close * m)] += volume}.</li>
 *   <li><b>TV</b>: skipped if {@code low}, {@code high} or {@code volume} is null, or {@code high <= low};
 *       otherwise {@code step = (high - low) / 30.0}, {@code volPer = volume / 30.0} and for {@code i = 0..29}
 *       {@code tv[(long) rint((low + i * step) * m)] += volPer}. The high itself is never sampled.</li>
 * </ul>
 * "Null" is {@code NaN}; a non-finite price or volume is treated the same way. Each bin is a {@code double}
 * accumulator, and additions happen in call order, so bars must be supplied in ascending time.
 *
 * <p>Storage is a dense window per flavour that grows by doubling; once the price range has been seen,
 * {@link #onBar} allocates nothing. The 30 TV bins of a bar are computed first, in the order above, then added run
 * by run with each bin's running sum kept in a register ({@code DenseBinWindow.addAscending}): the bins are
 * non-decreasing in {@code i} (every step is a monotone floating-point operation), so each bin receives the same
 * additions in the same order and the sums are bit-identical to adding microbin by microbin. A bar that would make
 * one window span more than 2^24 bins is rejected with {@link IllegalArgumentException}; RAW is then already applied
 * if its own bin fitted, TV is untouched (its whole bin range is reserved before adding).
 *
 * <p>Threading: not thread-safe. One thread owns an instance; others must send it events.
 */
public final class VolumeProfileAccumulator {
    /** Microbins per TV bar. */
    public static final int MICROBINS = 30;

    private static final int INITIAL_CAPACITY = 1024;

    private final double multiplier;
    private final DenseBinWindow raw = new DenseBinWindow(INITIAL_CAPACITY);
    private final DenseBinWindow tv = new DenseBinWindow(INITIAL_CAPACITY);
    private final long[] microbins = new long[MICROBINS];
    private long rawBarsApplied;
    private long rawBarsSkipped;
    private long tvBarsApplied;
    private long tvBarsSkipped;

    /**
     * @param multiplier synthetic multiplier {@code m} (e.g. 10 for SPY→SPX); finite and {@code > 0}
     * @throws IllegalArgumentException if {@code multiplier} is not finite or not positive
     */
    public VolumeProfileAccumulator(final double multiplier) {
        if (!(multiplier > 0.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier=" + multiplier);
        }
        this.multiplier = multiplier;
    }

    /** @return the synthetic multiplier {@code m} this profile is built with */
    public double multiplier() {
        return multiplier;
    }

    /**
     * Applies one bar to both profiles. {@code NaN} means null; see the type documentation for the rules.
     *
     * @param open   unused by §3; accepted for the bar shape
     * @param high   bar high
     * @param low    bar low
     * @param close  bar close
     * @param volume bar volume (may be fractional)
     */
    public void onBar(final double open, final double high, final double low, final double close,
                      final double volume) {
        final double m = multiplier;
        if (isFinite(close) && isFinite(volume)) {
            raw.add((long) Math.rint(close * m), volume);
            rawBarsApplied++;
        } else {
            rawBarsSkipped++;
        }
        if (isFinite(low) && isFinite(high) && isFinite(volume) && high > low) {
            final double step = (high - low) / 30.0;
            final double volPer = volume / 30.0;
            final long[] bins = microbins;
            for (int i = 0; i < MICROBINS; i++) {
                final double price = low + (double) i * step;
                bins[i] = (long) Math.rint(price * m);
            }
            tv.addAscending(bins, MICROBINS, volPer);
            tvBarsApplied++;
        } else {
            tvBarsSkipped++;
        }
    }

    /**
     * Adds {@code volume} to RAW bin {@code bin} directly: used to restore a stored model, bin by bin.
     *
     * @throws IllegalArgumentException if the RAW window would span more than 2^24 bins
     */
    public void addRaw(final long bin, final double volume) {
        raw.add(bin, volume);
    }

    /** Same as {@link #addRaw} for TV. */
    public void addTv(final long bin, final double volume) {
        tv.add(bin, volume);
    }

    /** @return RAW volume of {@code bin}, 0 if the bin has none */
    public double raw(final long bin) {
        return raw.get(bin);
    }

    /** @return TV volume of {@code bin}, 0 if the bin has none */
    public double tv(final long bin) {
        return tv.get(bin);
    }

    /** @return whether {@code bin} has received any RAW addition (even of volume 0) */
    public boolean hasRaw(final long bin) {
        return raw.contains(bin);
    }

    /** @return whether {@code bin} has received any TV addition */
    public boolean hasTv(final long bin) {
        return tv.contains(bin);
    }

    /** @return lowest RAW bin, {@link Long#MAX_VALUE} if empty */
    public long rawLowestBin() {
        return raw.lowest();
    }

    /** @return highest RAW bin, {@link Long#MIN_VALUE} if empty */
    public long rawHighestBin() {
        return raw.highest();
    }

    /** @return lowest TV bin, {@link Long#MAX_VALUE} if empty */
    public long tvLowestBin() {
        return tv.lowest();
    }

    /** @return highest TV bin, {@link Long#MIN_VALUE} if empty */
    public long tvHighestBin() {
        return tv.highest();
    }

    /** @return number of RAW bins that have received an addition */
    public int rawBinCount() {
        return raw.binCount();
    }

    /** @return number of TV bins that have received an addition */
    public int tvBinCount() {
        return tv.binCount();
    }

    /** Visits RAW bins with an addition in ascending bin order; allocation-free. */
    public void forEachRaw(final BinVolumeConsumer consumer) {
        raw.forEach(consumer);
    }

    /** Visits TV bins with an addition in ascending bin order; allocation-free. */
    public void forEachTv(final BinVolumeConsumer consumer) {
        tv.forEach(consumer);
    }

    /**
     * Copies the dense TV profile, {@link #tvLowestBin()} to {@link #tvHighestBin()} (gaps as 0), into {@code dst}.
     *
     * @return number of rows written; 0 if the TV profile is empty
     * @throws IllegalArgumentException if {@code dst} is shorter than the span
     */
    public int copyTvDense(final double[] dst) {
        return tv.copyDense(dst);
    }

    /** Same as {@link #copyTvDense(double[])} for the RAW profile. */
    public int copyRawDense(final double[] dst) {
        return raw.copyDense(dst);
    }

    /** @return bars that contributed to RAW */
    public long rawBarsApplied() {
        return rawBarsApplied;
    }

    /** @return bars skipped by RAW (null close or volume) */
    public long rawBarsSkipped() {
        return rawBarsSkipped;
    }

    /** @return bars that contributed to TV */
    public long tvBarsApplied() {
        return tvBarsApplied;
    }

    /** @return bars skipped by TV (null low, high or volume, or {@code high <= low}) */
    public long tvBarsSkipped() {
        return tvBarsSkipped;
    }

    /** Empties both profiles and resets the counters; keeps the allocated windows. */
    public void clear() {
        raw.clear();
        tv.clear();
        rawBarsApplied = 0;
        rawBarsSkipped = 0;
        tvBarsApplied = 0;
        tvBarsSkipped = 0;
    }

    private static boolean isFinite(final double x) {
        return !Double.isNaN(x) && !Double.isInfinite(x);
    }
}
