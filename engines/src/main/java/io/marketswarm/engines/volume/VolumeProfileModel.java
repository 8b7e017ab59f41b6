package io.marketswarm.engines.volume;

/**
 * The long-horizon volume-profile model of one synthetic index (spec {@code volume-profile.md} §4): metadata, the
 * RAW and TV profiles ({@link VolumeProfileAccumulator}), optionally every bar ({@code ohlc}), and the live
 * metrics.
 *
 * <p><b>Never counts a bar twice.</b> {@link #apply} adds a bar only if its {@code t} is strictly greater than
 * {@link #lastBarT()} (the dedupe watermark of §6); anything else is counted in {@link #staleBarsSkipped()} and
 * ignored, so a repeated fetch or a later revision of a counted bar changes nothing.
 *
 * <p>Threading: not thread-safe. The volume-profile stage owns a model while it builds or updates it; other threads
 * see it only after the owner has handed it over (serialised JSON, or after the batch completed).
 */
public final class VolumeProfileModel {

    /** {@link #lastBarT()} of a model without bars. */
    public static final long NO_BARS = Long.MIN_VALUE;

    private final String symbol;
    private final String syntheticSymbol;
    private final double multiplier;
    private final String multiplierSource;
    private final int binSize;
    private final boolean keepOhlc;
    private final VolumeProfileAccumulator profile;
    private final BarColumns ohlc;
    private String lastUpdated;
    private String sourceStart;
    private String sourceEnd;
    private long lastBarT = NO_BARS;
    private long barCount;
    private long staleBarsSkipped;
    private LongHorizonMetrics metrics;

    /**
     * An empty model.
     *
     * @param symbol           ETF ticker, e.g. {@code SPY}.
     * @param syntheticSymbol  synthetic index, e.g. {@code SPX}.
     * @param multiplier       synthetic multiplier {@code m}.
     * @param multiplierSource {@code default}, {@code config} or {@code cli}.
     * @param keepOhlc         whether bars are kept for the {@code ohlc} array ({@code false} for {@code --no-ohlc}).
     */
    public VolumeProfileModel(final String symbol, final String syntheticSymbol, final double multiplier,
        final String multiplierSource, final boolean keepOhlc) {
        this(symbol, syntheticSymbol, multiplier, multiplierSource, 1, keepOhlc);
    }

    VolumeProfileModel(final String symbol, final String syntheticSymbol, final double multiplier,
        final String multiplierSource, final int binSize, final boolean keepOhlc) {
        if (symbol == null || symbol.isBlank() || syntheticSymbol == null || syntheticSymbol.isBlank()) {
            throw new IllegalArgumentException("symbol and synthetic symbol are required");
        }
        this.symbol = symbol;
        this.syntheticSymbol = syntheticSymbol;
        this.multiplier = multiplier;
        this.multiplierSource = multiplierSource == null ? "default" : multiplierSource;
        this.binSize = binSize;
        this.keepOhlc = keepOhlc;
        this.profile = new VolumeProfileAccumulator(multiplier);
        this.ohlc = new BarColumns(keepOhlc ? 1 << 16 : 16);
    }

    /**
     * Adds one bar (spec §3 RAW and TV with this model's multiplier; §6 step 4 bookkeeping), unless it is at or
     * before the watermark.
     *
     * @return {@code true} if the bar was added, {@code false} if it was skipped as already counted.
     */
    public boolean apply(final long t, final double open, final double high, final double low, final double close,
        final double volume) {
        if (t <= lastBarT) {
            staleBarsSkipped++;
            return false;
        }
        profile.onBar(open, high, low, close, volume);
        if (keepOhlc) {
            ohlc.add(t, open, high, low, close, volume);
        }
        lastBarT = t;
        barCount++;
        return true;
    }

    /** Recomputes VPOC, HVN and LVN over the RAW buckets (§6 step 5); they are then written with the model. */
    public void recomputeMetrics() {
        final int n = profile.rawBinCount();
        final long[] bins = new long[n];
        final double[] vols = new double[n];
        final int[] i = {0};
        profile.forEachRaw((bin, vol) -> {
            bins[i[0]] = bin;
            vols[i[0]] = vol;
            i[0]++;
        });
        metrics = LongHorizonMetrics.compute(bins, vols, n);
    }

    /** @return the live metrics, or {@code null} if never computed (a backfilled model before its first update). */
    public LongHorizonMetrics metrics() {
        return metrics;
    }

    void restoreMetrics(final LongHorizonMetrics value) {
        metrics = value;
    }

    void restoreCounters(final long lastBar, final long bars) {
        lastBarT = lastBar;
        barCount = bars;
    }

    /** @return the ETF ticker. */
    public String symbol() {
        return symbol;
    }

    /** @return the synthetic index symbol. */
    public String syntheticSymbol() {
        return syntheticSymbol;
    }

    /** @return the multiplier the model is built with. */
    public double multiplier() {
        return multiplier;
    }

    /** @return where the multiplier came from: {@code default}, {@code config}, {@code cli} (or as stored). */
    public String multiplierSource() {
        return multiplierSource;
    }

    /** @return bin size in synthetic index points (1). */
    public int binSize() {
        return binSize;
    }

    /** @return whether bars are kept for {@code ohlc}. */
    public boolean keepsOhlc() {
        return keepOhlc;
    }

    /** @return the RAW and TV profiles. */
    public VolumeProfileAccumulator profile() {
        return profile;
    }

    /** @return the kept bars (empty with {@code --no-ohlc}). */
    public BarColumns ohlc() {
        return ohlc;
    }

    /** @return smallest RAW bin, 0 when empty. */
    public long minPrice() {
        return profile.rawBinCount() == 0 ? 0 : profile.rawLowestBin();
    }

    /** @return largest RAW bin, 0 when empty. */
    public long maxPrice() {
        return profile.rawBinCount() == 0 ? 0 : profile.rawHighestBin();
    }

    /** @return the dedupe watermark: the largest bar {@code t} included, or {@link #NO_BARS}. */
    public long lastBarT() {
        return lastBarT;
    }

    /** @return bars included. */
    public long barCount() {
        return barCount;
    }

    /** @return bars ignored because they were at or before the watermark. */
    public long staleBarsSkipped() {
        return staleBarsSkipped;
    }

    /** @return ISO-8601 UTC time of the last save, or {@code null}. */
    public String lastUpdated() {
        return lastUpdated;
    }

    /** Sets {@code last_updated}. */
    public void lastUpdated(final String value) {
        lastUpdated = value;
    }

    /** @return first day of the source range ({@code YYYY-MM-DD}), or {@code null}. */
    public String sourceStart() {
        return sourceStart;
    }

    /** @return last day of the source range, or {@code null}. */
    public String sourceEnd() {
        return sourceEnd;
    }

    /** Sets the source range. */
    public void sourceRange(final String start, final String end) {
        sourceStart = start;
        sourceEnd = end;
    }
}
