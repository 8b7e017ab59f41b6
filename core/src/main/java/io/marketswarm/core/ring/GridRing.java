package io.marketswarm.core.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;

/**
 * The hand-off of emitted grids from the order-flow engine stage to one output stage on its own thread (the JSON
 * writer of {@code replay}), so that formatting and I/O never run on the engine thread:
 *
 * <pre>
 *   engine thread: claim, write the grid in place, publishClaimed
 *        │
 *        ▼
 *   [ RingBuffer&lt;GridSnapshot&gt;, preallocated, off-heap ]
 *        │
 *        ▼
 *   output stage (thread {@value #OUTPUT_THREAD})
 * </pre>
 *
 * Lossless: when the output stage is a whole ring behind, the engine waits for it (a file sink must get every grid;
 * live clients use the snapshot slot instead). The producer waits for the output stage with {@link #awaitDrained}
 * at the end of a run.
 *
 * <p>Threading: one producer at a time (the engine thread of the current run) calls {@link #claim} and
 * {@link #publishClaimed}. The runs of a journal have an engine thread each, one after another, so the ring is claimed
 * as a multi-producer ring (one uncontended CAS per grid); errors in the output
 * stage are kept ({@link #failure()}) and the stage goes on consuming, so the engine never blocks on a dead writer.
 */
public final class GridRing implements AutoCloseable {

    /** Name of the output stage's thread. */
    public static final String OUTPUT_THREAD = "marketswarm-orderflow-output";

    private final Disruptor<GridSnapshot> disruptor;
    private final RingBuffer<GridSnapshot> ring;
    private final StageFailures<GridSnapshot> failures = new StageFailures<>("grid ring");
    private long claimed = -1;

    /**
     * Builds and starts the ring.
     *
     * @param ringSize grids in the ring, a power of two (each slot holds {@link GridSnapshotDescriptor#LENGTH} bytes
     *                 off-heap).
     * @param output   the output stage.
     */
    public GridRing(final int ringSize, final EventHandler<GridSnapshot> output) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize=" + ringSize + " must be a power of two");
        }
        this.disruptor = new Disruptor<>(GridSnapshot::allocate, ringSize, runnable -> {
            final Thread thread = new Thread(runnable, OUTPUT_THREAD);
            thread.setDaemon(true);
            return thread;
        }, ProducerType.MULTI, new SleepingWaitStrategy(200, 100_000));
        disruptor.setDefaultExceptionHandler(failures);
        disruptor.handleEventsWith(output);
        this.ring = disruptor.start();
    }

    /**
     * Claims the next slot for a grid to be written in place (engine thread); waits only when the output stage is a
     * whole ring behind. Follow with {@link #publishClaimed()}.
     *
     * @return the slot's grid.
     */
    public GridSnapshot claim() {
        claimed = ring.next();
        return ring.get(claimed);
    }

    /** Publishes the slot {@link #claim()} returned (engine thread). */
    public void publishClaimed() {
        ring.publish(claimed);
    }

    /** @return the first error the output stage threw, or {@code null}. */
    public Throwable failure() {
        return failures.first();
    }

    /**
     * Waits until the output stage has consumed everything published.
     *
     * @param timeout how long to wait.
     * @param unit    unit of {@code timeout}.
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
