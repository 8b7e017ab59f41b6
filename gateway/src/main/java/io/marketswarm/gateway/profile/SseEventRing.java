package io.marketswarm.gateway.profile;

/**
 * The last {@code capacity} events of the hub, for {@code Last-Event-ID} resumption and slow-client catch-up.
 * Sequence numbers are consecutive; the ring owns one reference to each retained frame and releases it on eviction
 * or {@link #clear()}. Not thread-safe: {@link VolumeProfileSseHub} guards it with its lock.
 */
final class SseEventRing {

    private final SseEvent[] events;
    private long newest;
    private int size;

    SseEventRing(final int capacity) {
        this.events = new SseEvent[capacity];
    }

    /**
     * Appends the next event (sequence {@link #newest()} + 1), evicting the oldest when full.
     *
     * @param event takes ownership of its frame reference.
     * @throws IllegalArgumentException if the sequence is not the next one.
     */
    void add(final SseEvent event) {
        if (event.seq() != newest + 1) {
            throw new IllegalArgumentException("seq=" + event.seq() + " after " + newest);
        }
        final int slot = (int)(event.seq() % events.length);
        final SseEvent evicted = events[slot];
        if (evicted != null) {
            evicted.frame().release();
        } else {
            size++;
        }
        events[slot] = event;
        newest = event.seq();
    }

    /** @return sequence of the newest event ever added, 0 if none. */
    long newest() {
        return newest;
    }

    /** @return sequence of the oldest retained event, {@code newest + 1} when none is retained. */
    long oldest() {
        return newest - size + 1;
    }

    /**
     * @param seq a sequence number.
     * @return the retained event, or {@code null} if it was evicted or never existed (no reference is taken).
     */
    SseEvent get(final long seq) {
        return seq >= oldest() && seq <= newest ? events[(int)(seq % events.length)] : null;
    }

    /** Releases every retained frame; the sequence carries on. */
    void clear() {
        for (int i = 0; i < events.length; i++) {
            if (events[i] != null) {
                events[i].frame().release();
                events[i] = null;
            }
        }
        size = 0;
    }
}
