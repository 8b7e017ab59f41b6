package io.marketswarm.core.ring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.EventHandler;

import net.openhft.affinity.AffinityLock;

/**
 * Wraps a ring stage so that its thread says what it runs and, for the one stage that owns an engine, is pinned:
 * {@link #onStart()} renames the consumer thread to {@code name} and, when {@code pin} is set, acquires a CPU with
 * OpenHFT Affinity ({@code cpu}, or any free one for -1); {@link #onShutdown()} releases it. Every other call is
 * delegated unchanged, so the wrapped handler's own {@code onStart}/{@code onShutdown} still run on its thread.
 *
 * <p>Pinning happens on the stage's own thread, so only the stage that asks for it is pinned, whatever order the
 * ring starts its threads in.
 *
 * @param <T> the ring's event type.
 */
public final class StageThread<T> implements EventHandler<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StageThread.class);

    private final EventHandler<T> stage;
    private final String name;
    private final boolean pin;
    private final int cpu;
    private AffinityLock lock;

    private StageThread(final EventHandler<T> stage, final String name, final boolean pin, final int cpu) {
        this.stage = stage;
        this.name = name;
        this.pin = pin;
        this.cpu = cpu;
    }

    /**
     * @param stage the stage.
     * @param name  its thread's name.
     * @param <T>   event type.
     * @return the stage on a thread of that name, never pinned.
     */
    public static <T> StageThread<T> named(final EventHandler<T> stage, final String name) {
        return new StageThread<>(stage, name, false, -1);
    }

    /**
     * @param stage   the engine stage.
     * @param name    its thread's name.
     * @param profile under {@link RingProfile#TUNED} the thread is pinned; otherwise only named.
     * @param cpu     CPU to pin to, or -1 for any free CPU.
     * @param <T>     event type.
     * @return the stage on a thread of that name, pinned under the tuned profile.
     */
    public static <T> StageThread<T> engine(final EventHandler<T> stage, final String name,
        final RingProfile profile, final int cpu) {
        return new StageThread<>(stage, name, profile == RingProfile.TUNED, cpu);
    }

    @Override
    public void onEvent(final T event, final long sequence, final boolean endOfBatch) throws Exception {
        stage.onEvent(event, sequence, endOfBatch);
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth) {
        stage.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onStart() {
        Thread.currentThread().setName(name);
        if (pin) {
            lock = cpu >= 0 ? AffinityLock.acquireLock(cpu) : AffinityLock.acquireLock();
            LOG.info("{} pinned: {}", name, lock);
        }
        stage.onStart();
    }

    @Override
    public void onShutdown() {
        try {
            stage.onShutdown();
        } finally {
            if (lock != null) {
                lock.release();
                lock = null;
            }
        }
    }

    /** @return whether this stage's thread is pinned under its profile. */
    public boolean pinned() {
        return pin;
    }

    /** @return the thread name of this stage. */
    public String name() {
        return name;
    }
}
