package io.marketswarm.feeds.massive;

/**
 * Receives minute bars, oldest first, on the thread that called the fetch or read: from
 * {@link MassiveAggregatesClient} (REST), {@link SavedAggregatesFiles} (saved pages, strictly ascending {@code t})
 * and {@code DbnOhlcvBars} (Databento {@code ohlcv-1m}).
 *
 * <p>Missing optional fields (index bars carry no volume, VWAP or trade count) arrive as {@code Double.NaN} for
 * {@code volume} and {@code vwap}, and {@code 0} for {@code trades}.
 */
@FunctionalInterface
public interface BarSink {

    /**
     * One bar.
     *
     * @param tsMillis start of the bar window, Unix milliseconds UTC (field {@code t}).
     * @param open     first price ({@code o}).
     * @param high     highest price ({@code h}).
     * @param low      lowest price ({@code l}).
     * @param close    last price ({@code c}).
     * @param volume   traded volume ({@code v}), possibly fractional; {@code NaN} when absent.
     * @param vwap     volume-weighted average price ({@code vw}); {@code NaN} when absent.
     * @param trades   number of transactions ({@code n}); {@code 0} when absent.
     */
    void onBar(long tsMillis, double open, double high, double low, double close, double volume, double vwap,
        long trades);
}
