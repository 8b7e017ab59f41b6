package io.marketswarm.runtime.volume;

import io.marketswarm.feeds.massive.BarSink;

/** A source of minute bars for a backfill: the Massive API or local files. Runs on the caller's thread. */
public interface BarFeed {

    /**
     * Delivers every bar, oldest first.
     *
     * @return bars delivered.
     * @throws Exception anything that stops the feed; the backfill then writes nothing.
     */
    long run(BarSink sink) throws Exception;

    /** @return what the feed reads, for logs and the summary (never an API key). */
    String describe();
}
