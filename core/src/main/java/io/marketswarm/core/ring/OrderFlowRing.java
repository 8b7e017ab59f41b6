package io.marketswarm.core.ring;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import io.marketswarm.core.events.MboEvent;

/**
 * The order-flow ring, wired in one place. Stages, numbered:
 *
 * <pre>
 *   (1) feed thread ──publish──▶ [ RingBuffer&lt;MboEvent&gt;, preallocated ]
 *                                      │                      │
 *                                      ▼                      ▼
 *                      (2a) journal stage (optional)   (2b) engine stage: book + grid,
 *                           Chronicle appender              writes emitted grids out
 * </pre>
 *
 * Both consumers follow the producer's cursor independently (the journal never slows the engine, and vice versa);
 * the producer waits only when the slower consumer is a whole ring behind. {@link #close()} publishes nothing: the
 * producer ends a run with an {@link MboEvent#END_OF_STREAM} event, then {@link #awaitDrained} returns once every
 * stage has consumed it.
 *
 * <p>Errors in a stage are caught by one exception handler: the first is kept ({@link #failure()}), the rest are
 * counted, and the stage goes on consuming so the producer never blocks on a dead consumer.
 *
 * <p>Threading: one producer thread calls {@link #publisher()}'s methods; the stages run on their own threads.
 */
public final class OrderFlowRing implements AutoCloseable {

    /** Name of stage (2a)'s thread. */
    public static final String JOURNAL_THREAD = "marketswarm-orderflow-journal";
    /** Name of stage (2b)'s thread, the only one pinned under {@link RingProfile#TUNED}. */
    public static final String ENGINE_THREAD = "marketswarm-orderflow-engine";

    private final Disruptor<MboEvent> disruptor;
    private final RingBuffer<MboEvent> ring;
    private final StageFailures<MboEvent> failures = new StageFailures<>("order-flow ring");
    private final List<String> stageThreads;
    private final List<String> pinnedThreads;

    /**
     * Builds and starts the ring.
     *
     * @param ringSize     events in the ring, a power of two.
     * @param profile      wait and pinning profile.
     * @param engineCpu    CPU to pin the engine stage (and only it) to under {@link RingProfile#TUNED}, or -1 for any
     *                     free CPU.
     * @param journalStage stage (2a), or {@code null} for none.
     * @param engineStage  stage (2b).
     */
    public OrderFlowRing(final int ringSize, final RingProfile profile, final int engineCpu,
        final EventHandler<MboEvent> journalStage, final EventHandler<MboEvent> engineStage) {
        if (Integer.bitCount(ringSize) != 1) {
            throw new IllegalArgumentException("ringSize=" + ringSize + " must be a power of two");
        }
        final WaitStrategy wait = profile == RingProfile.TUNED ? new BusySpinWaitStrategy()
            : new SleepingWaitStrategy(200, 100_000);
        final StageThreads threads = new StageThreads();
        this.disruptor = new Disruptor<>(MboEvent::new, ringSize, threads, ProducerType.SINGLE, wait);
        final RingBuffer<MboEvent> buffer = disruptor.getRingBuffer();
        final BatchEventProcessor<MboEvent> engine = stage(buffer, engineStage);
        threads.register(engine, ENGINE_THREAD, profile == RingProfile.TUNED, engineCpu);
        if (journalStage != null) {
            final BatchEventProcessor<MboEvent> journal = stage(buffer, journalStage);
            threads.register(journal, JOURNAL_THREAD, false, -1);
            disruptor.handleEventsWith(journal, engine);
            this.stageThreads = List.of(JOURNAL_THREAD, ENGINE_THREAD);
        } else {
            disruptor.handleEventsWith(engine);
            this.stageThreads = List.of(ENGINE_THREAD);
        }
        this.pinnedThreads = threads.pinnedNames();
        this.ring = disruptor.start();
    }

    private BatchEventProcessor<MboEvent> stage(final RingBuffer<MboEvent> buffer,
        final EventHandler<MboEvent> handler) {
        final BatchEventProcessor<MboEvent> processor = new BatchEventProcessorBuilder().build(buffer,
            buffer.newBarrier(), handler);
        processor.setExceptionHandler(failures);
        return processor;
    }

    /** @return the stages' thread names, journal (when present) then engine. */
    public List<String> stageThreads() {
        return stageThreads;
    }

    /** @return the thread names of the stages pinned to a CPU: the engine's under the tuned profile, else none. */
    public List<String> pinnedThreads() {
        return pinnedThreads;
    }

    /** @return the ring buffer, for the producer's claim/publish (feed thread only). */
    public RingBuffer<MboEvent> publisher() {
        return ring;
    }

    /** @return free slots (remaining capacity) at this instant. */
    public long remainingCapacity() {
        return ring.remainingCapacity();
    }

    /** @return the first error a stage threw, or {@code null}. */
    public Throwable failure() {
        return failures.first();
    }

    /** @return errors thrown by stages. */
    public long errors() {
        return failures.count();
    }

    /**
     * Waits until every stage has consumed everything published.
     *
     * @param timeout how long to wait.
     * @param unit    unit of {@code timeout}.
     * @throws TimeoutException if a stage is still behind at the deadline.
     */
    public void awaitDrained(final long timeout, final TimeUnit unit) throws TimeoutException {
        StageFailures.awaitDrained(ring, timeout, unit);
    }

    @Override
    public void close() {
        disruptor.halt();
    }
}
