package io.marketswarm.runtime.volume;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventHandler;

import io.marketswarm.core.events.BarEvent;
import io.marketswarm.core.ring.BarRing;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.feeds.massive.BarSink;

/**
 * The single-threaded volume-profile consumer of the bar ring. Producers open a {@link Batch} for a
 * {@link BarTarget} (a model being built or updated, plus its session profile), publish bars tagged with the batch,
 * and end it; the stage applies every bar to the target on the ring's consumer thread, in publication order, and
 * completes the batch's future after its end marker. The target belongs to the stage thread from
 * {@link #begin} until that future completes, which hands it back to the producer (happens-before).
 *
 * <p>A target that throws fails its own batch (the future completes exceptionally with the first error; later bars
 * of that batch are dropped), never the stage or other batches.
 */
public final class VolumeProfileStage implements EventHandler<BarEvent>, AutoCloseable {

    /** What a batch's bars are applied to; runs on the stage thread. */
    @FunctionalInterface
    public interface BarTarget {
        /** One bar; see {@link BarEvent} for the fields ({@code NaN} = null). */
        void onBar(long tsMillis, double open, double high, double low, double close, double volume);
    }

    private final BarRing ring;
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong batches = new AtomicLong();
    private long cachedBatch = -1;
    private Pending cached;

    /**
     * Starts the stage thread and its ring.
     *
     * @param ringSize slots, a power of two.
     * @param profile  wait profile.
     */
    public VolumeProfileStage(final int ringSize, final RingProfile profile) {
        this.ring = new BarRing(ringSize, profile, this, "volume-profile");
    }

    /**
     * Opens a batch.
     *
     * @param target receives the batch's bars on the stage thread.
     * @return the batch: a {@link BarSink} for the producer thread, then {@link Batch#end()}.
     */
    public Batch begin(final BarTarget target) {
        final long id = batches.incrementAndGet();
        final Pending p = new Pending(target);
        pending.put(id, p);
        return new Batch(id, p.done);
    }

    @Override
    public void onEvent(final BarEvent event, final long sequence, final boolean endOfBatch) {
        if (event.batch != cachedBatch) {
            cachedBatch = event.batch;
            cached = pending.get(event.batch);
        }
        final Pending p = cached;
        if (p == null) {
            return;
        }
        if (event.kind == BarEvent.KIND_END_OF_BATCH) {
            pending.remove(event.batch);
            cached = null;
            cachedBatch = -1;
            if (p.failure != null) {
                p.done.completeExceptionally(p.failure);
            } else {
                p.done.complete(null);
            }
            return;
        }
        if (p.failure != null) {
            return;
        }
        try {
            p.target.onBar(event.tsMillis, event.open, event.high, event.low, event.close, event.volume);
        } catch (final RuntimeException ex) {
            p.failure = ex;
        }
    }

    @Override
    public void close() {
        ring.close();
    }

    /** A batch being published: the producer's side. */
    public final class Batch implements BarSink {
        private final long id;
        private final CompletableFuture<Void> done;

        private Batch(final long id, final CompletableFuture<Void> done) {
            this.id = id;
            this.done = done;
        }

        @Override
        public void onBar(final long tsMillis, final double open, final double high, final double low,
            final double close, final double volume, final double vwap, final long trades) {
            ring.publishBar(id, tsMillis, open, high, low, close, volume, vwap, trades);
        }

        /**
         * Ends the batch: after this returns, every bar was applied and the target is the caller's again.
         *
         * @throws RuntimeException the target's first failure, if any.
         */
        public void end() throws InterruptedException {
            ring.publishEndOfBatch(id);
            try {
                done.get();
            } catch (final java.util.concurrent.ExecutionException ex) {
                final Throwable cause = ex.getCause();
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            }
        }

        /** Ends a batch whose production failed: waits for the stage to let go of the target, ignoring its errors. */
        public void abandon() throws InterruptedException {
            ring.publishEndOfBatch(id);
            try {
                done.get();
            } catch (final java.util.concurrent.ExecutionException ignored) {
                // the production failure is what the caller reports
            }
        }
    }

    private static final class Pending {
        final BarTarget target;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        RuntimeException failure;

        Pending(final BarTarget target) {
            this.target = target;
        }
    }
}
