package io.marketswarm.feeds.ring;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Holds the feed thread back until a record is due: by event time ({@link #eventTime}, a live session replayed at
 * {@code speed} × real time) or at a fixed wall-clock rate ({@link #wallRate}, a benchmark's offered load).
 *
 * <p>Runs on the feed thread only; reads the wall clock, which is the point of pacing (engines never do).
 */
public interface MboPacer {

    /**
     * Waits until the record is due.
     *
     * @param tsEvent the record's {@code ts_event}, ns.
     * @return {@code false} if the run was stopped while waiting (publish nothing more).
     */
    boolean awaitDue(long tsEvent);

    /**
     * Event-time pacing: records before {@code paceFromNs} pass at once (bootstrap and warmup); later ones are
     * released at {@code speed} × their event-time spacing, with each pause capped at {@code maxGapMs} of wall
     * time so overnight gaps don't stall, and time going backwards restarting the clock. Waits in slices of at most
     * 50 ms so {@code stopped} is seen promptly.
     *
     * @param speed      event-time speed-up, {@code > 0}; {@link Double#POSITIVE_INFINITY} means no pacing.
     * @param maxGapMs   longest wall-time pause, ms.
     * @param paceFromNs event time from which records are paced.
     * @param stopped    polled while waiting.
     * @return the pacer, or {@code null} when {@code speed} is infinite.
     */
    static MboPacer eventTime(final double speed, final long maxGapMs, final long paceFromNs,
        final BooleanSupplier stopped) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed " + speed + " must be > 0");
        }
        if (Double.isInfinite(speed)) {
            return null;
        }
        final long maxGapNs = maxGapMs * 1_000_000L;
        return new MboPacer() {
            private long baseWall;
            private long baseTs;
            private long lastTs = Long.MIN_VALUE;

            @Override
            public boolean awaitDue(final long ts) {
                if (ts < paceFromNs) {
                    return !stopped.getAsBoolean();
                }
                if (lastTs == Long.MIN_VALUE || ts < lastTs) {
                    baseWall = System.nanoTime();
                    baseTs = ts;
                } else if ((ts - lastTs) / speed > maxGapNs) {
                    baseTs += (long)((ts - lastTs) - maxGapNs * speed);
                }
                lastTs = ts;
                final long due = baseWall + (long)((ts - baseTs) / speed);
                long wait = due - System.nanoTime();
                while (wait > 0) {
                    if (stopped.getAsBoolean()) {
                        return false;
                    }
                    LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                    wait = due - System.nanoTime();
                }
                return !stopped.getAsBoolean();
            }
        };
    }

    /**
     * Wall-clock pacing at a fixed offered rate (busy-waits: benchmark use).
     *
     * @param eventsPerSecond records per second of wall time, {@code > 0}.
     * @return the pacer.
     */
    static MboPacer wallRate(final long eventsPerSecond) {
        if (eventsPerSecond <= 0) {
            throw new IllegalArgumentException("rate " + eventsPerSecond + " must be > 0 events/s");
        }
        final long intervalNs = 1_000_000_000L / eventsPerSecond;
        return new MboPacer() {
            private long next = Long.MIN_VALUE;

            @Override
            public boolean awaitDue(final long ts) {
                if (next == Long.MIN_VALUE) {
                    next = System.nanoTime();
                }
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += intervalNs;
                return true;
            }
        };
    }
}
