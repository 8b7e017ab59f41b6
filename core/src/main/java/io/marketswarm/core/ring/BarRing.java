package io.marketswarm.core.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import io.marketswarm.core.events.BarEvent;

/**
 * The bar ring: feed thread(s) publish one-minute bars into a preallocated {@code RingBuffer<BarEvent>}; one stage
 * (the volume-profile consumer) owns all bar state and consumes them in order.
 *
 * <pre>
 *   feed thread ──{@link #publishBar}──▶ [ RingBuffer&lt;BarEvent&gt; ] ──▶ stage (one thread, owns the model)
 * </pre>
 *
 * <p>Publishing is allocation-free. A producer ends each batch with {@link #publishEndOfBatch}; the stage sees the
 * marker after every bar of the batch. Several producers may publish (multi-producer sequencer): the backfill tool
 * and the live updater never run at once, but nothing breaks if they do, because batches are tagged.
 *
 * <p>A stage exception is kept ({@link #failure()}) and counted; the stage keeps consuming so a producer never
 * blocks on a dead consumer.
 */
public final class BarRing implements AutoCloseable {

    private final Disruptor<BarEvent> disruptor;
    private final RingBuffer<BarEvent> ring;
    private final StageFailures<BarEvent> failures = new StageFailures<>("bar ring");

    /**
     * Builds and starts the ring.
     *
     * @param ringSize slots, a power of two.
     * @param profile  {@link RingProfile#TUNED} busy-spins; {@link RingProfile#DEFAULT} sleeps when idle.
     * @param stage    the single consumer.
     * @param name     thread name suffix, for logs.
     */
    public BarRing(final int ringSize, final RingProfile profile, final EventHandler<BarEvent> stage,
        final String name) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize=" + ringSize + " must be a power of two");
        }
        this.disruptor = new Disruptor<>(BarEvent::new, ringSize, runnable -> {
            final Thread thread = new Thread(runnable, "marketswarm-bars-" + name);
            thread.setDaemon(true);
            return thread;
        }, ProducerType.MULTI, profile == RingProfile.TUNED ? new BusySpinWaitStrategy()
            : new SleepingWaitStrategy(200, 100_000));
        disruptor.setDefaultExceptionHandler(failures);
        disruptor.handleEventsWith(stage);
        this.ring = disruptor.start();
    }

    /** Publishes one bar; blocks (spinning) while the ring is full. Any producer thread. */
    public void publishBar(final long batch, final long tsMillis, final double open, final double high,
        final double low, final double close, final double volume, final double vwap, final long trades) {
        final long seq = ring.next();
        try {
            ring.get(seq).setBar(batch, tsMillis, open, high, low, close, volume, vwap, trades);
        } finally {
            ring.publish(seq);
        }
    }

    /** Publishes the end-of-batch marker of {@code batch}. */
    public void publishEndOfBatch(final long batch) {
        final long seq = ring.next();
        try {
            ring.get(seq).setEndOfBatch(batch);
        } finally {
            ring.publish(seq);
        }
    }

    /** @return the first error the stage threw, or {@code null}. */
    public Throwable failure() {
        return failures.first();
    }

    /** @return errors thrown by the stage. */
    public long errors() {
        return failures.count();
    }

    /**
     * Waits until the stage has consumed everything published so far.
     *
     * @throws TimeoutException if it is still behind at the deadline.
     */
    public void awaitDrained(final long timeout, final TimeUnit unit) throws TimeoutException {
        StageFailures.awaitDrained(ring, timeout, unit);
    }

    @Override
    public void close() {
        disruptor.halt();
    }
}
