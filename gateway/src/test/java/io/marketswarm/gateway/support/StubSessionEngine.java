package io.marketswarm.gateway.support;

import java.util.concurrent.atomic.AtomicLong;

import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.gateway.session.SessionEngine;
import io.marketswarm.gateway.session.StreamSession;

/**
 * A stand-in engine: publishes {@code grids} synthetic grids (event ids 1..n, ts 1 s apart) into the session's slot,
 * one every {@code intervalMs}, then reports the source exhausted (or runs until stopped when {@code grids} is 0).
 */
public final class StubSessionEngine implements SessionEngine {

    private final int grids;
    private final long intervalMs;
    private final AtomicLong published = new AtomicLong();
    private volatile boolean stopped;

    /**
     * @param grids      grids to publish, 0 for unbounded.
     * @param intervalMs pause between grids.
     */
    public StubSessionEngine(final int grids, final long intervalMs) {
        this.grids = grids;
        this.intervalMs = intervalMs;
    }

    @Override
    public void start(final StreamSession session) {
        final Thread thread = new Thread(() -> {
            final GridSnapshot grid = GridSnapshot.allocate();
            for (long id = 1; (grids == 0 || id <= grids) && !stopped; id++) {
                grid.header(id * 1_000_000_000L, id, 21_500_000_000_000L, 21_500.125, 21_500_000_000_000L,
                    21_500_250_000_000L, true, 0);
                session.slot().write(grid.buffer(), grid.offset(), io.marketswarm.core.layout.GridSnapshotDescriptor.LENGTH);
                published.incrementAndGet();
                session.onGridPublished();
                try {
                    Thread.sleep(intervalMs);
                } catch (final InterruptedException ex) {
                    return;
                }
            }
            if (!stopped) {
                session.onSourceExhausted();
            }
        }, "stub-engine");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public long ringRemainingCapacity() {
        return 1024;
    }

    @Override
    public long eventsProcessed() {
        return published.get();
    }

    /** @return whether {@link #stop()} was called. */
    public boolean stopped() {
        return stopped;
    }
}
