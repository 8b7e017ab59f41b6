package io.marketswarm.gateway.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live sessions, one per {@link SessionKey}, at most {@code maxSessions}. Thread-safe: called from every event
 * loop and from engine threads.
 */
public final class SessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final ConcurrentHashMap<SessionKey, StreamSession> sessions = new ConcurrentHashMap<>();
    private final SessionEngine.Factory engines;
    private final GatewayMetrics metrics;
    private final Supplier<BinaryGridEncoder> encoders;
    private final int maxSessions;
    private final long stallLimitNanos;

    /**
     * @param engines         creates an engine run per new session.
     * @param metrics         shared counters.
     * @param encoders        creates a binary encoder per event loop.
     * @param maxSessions     most sessions at once, &gt; 0.
     * @param stallLimitNanos how long a client may stay unwritable before it is closed.
     */
    public SessionRegistry(final SessionEngine.Factory engines, final GatewayMetrics metrics,
        final Supplier<BinaryGridEncoder> encoders, final int maxSessions, final long stallLimitNanos) {
        if (maxSessions <= 0) {
            throw new IllegalArgumentException("maxSessions=" + maxSessions + " must be > 0");
        }
        this.engines = engines;
        this.metrics = metrics;
        this.encoders = encoders;
        this.maxSessions = maxSessions;
        this.stallLimitNanos = stallLimitNanos;
    }

    /**
     * Returns the running session for a key, starting one when there is none.
     *
     * @param key the request.
     * @return the session.
     * @throws IllegalStateException when {@code maxSessions} are running.
     */
    public synchronized StreamSession acquire(final SessionKey key) {
        final StreamSession running = sessions.get(key);
        if (running != null && !running.ended()) {
            return running;
        }
        if (sessions.size() >= maxSessions) {
            throw new IllegalStateException("too many sessions: " + sessions.size() + " running (--max-sessions "
                + maxSessions + "); join one of them or try later");
        }
        final StreamSession session = new StreamSession(key, this, engines.create(key), metrics, encoders,
            stallLimitNanos);
        sessions.put(key, session);
        LOG.info("session {} started ({} running)", key, sessions.size());
        session.start();
        return session;
    }

    void remove(final StreamSession session) {
        sessions.remove(session.key(), session);
    }

    /** @return sessions running. */
    public int size() {
        return sessions.size();
    }

    /** @return clients over all sessions. */
    public long clients() {
        long total = 0;
        for (final StreamSession session : sessions.values()) {
            total += session.clients();
        }
        return total;
    }

    /** @return events processed over all sessions. */
    public long eventsProcessed() {
        long total = 0;
        for (final StreamSession session : sessions.values()) {
            total += session.engine().eventsProcessed();
        }
        return total;
    }

    /** @return the smallest free ring capacity over sessions, -1 with none. */
    public long ringRemainingCapacity() {
        long min = -1;
        for (final StreamSession session : sessions.values()) {
            final long free = session.engine().ringRemainingCapacity();
            min = min < 0 ? free : Math.min(min, free);
        }
        return min;
    }

    /** Stops every session's engine. */
    public void stopAll() {
        for (final StreamSession session : sessions.values()) {
            session.engine().stop();
        }
        sessions.clear();
    }
}
