package io.marketswarm.feeds.massive;

/**
 * What a completed {@link MassiveAggregatesClient#fetchMinuteBars} delivered.
 *
 * @param pages number of response pages read (at least 1).
 * @param bars  number of bars given to the sink.
 */
public record FetchSummary(int pages, long bars) {
}
