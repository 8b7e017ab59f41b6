package io.marketswarm.gateway.session;

/**
 * One engine run behind a {@link StreamSession}: reads its source on its own threads, publishes grids into the
 * session's snapshot slot and calls {@link StreamSession#onGridPublished()} after each, then
 * {@link StreamSession#onSourceExhausted()} or {@link StreamSession#onFailure(Throwable)} once at the end.
 */
public interface SessionEngine {

    /**
     * Starts the run (returns at once).
     *
     * @param session the session to publish into.
     */
    void start(StreamSession session);

    /** Stops the run early (the last client left); idempotent, returns without waiting. */
    void stop();

    /** @return free slots in the run's ring, for /metrics. */
    long ringRemainingCapacity();

    /** @return events processed so far (racy read, for /metrics). */
    long eventsProcessed();

    /** Creates engines for sessions. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param key the session.
         * @return an engine, not yet started.
         */
        SessionEngine create(SessionKey key);
    }
}
