package io.marketswarm.core.ring;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.EventProcessor;

import net.openhft.affinity.AffinityLock;

/**
 * The thread factory of a ring whose stages are registered by processor: each stage's thread gets the stage's name,
 * and only a stage registered as pinned acquires a CPU (OpenHFT Affinity) for the life of its thread. The ring hands
 * each {@link EventProcessor} to {@link #newThread}, so the match is by identity, whatever order the ring starts its
 * stages in; the handlers run unwrapped, so their call sites stay monomorphic.
 *
 * <p>Threading: {@link #register} before the ring starts, from the thread that builds it.
 */
public final class StageThreads implements ThreadFactory {

    private static final Logger LOG = LoggerFactory.getLogger(StageThreads.class);

    private final Map<Runnable, Stage> stages = new IdentityHashMap<>();

    private record Stage(String name, boolean pin, int cpu) {
    }

    /**
     * @param processor the stage's processor.
     * @param name      its thread's name.
     * @param pin       whether its thread is pinned to a CPU.
     * @param cpu       CPU to pin to, -1 for any free one.
     * @return this.
     */
    public StageThreads register(final EventProcessor processor, final String name, final boolean pin,
        final int cpu) {
        stages.put(processor, new Stage(name, pin, cpu));
        return this;
    }

    /** @return the names of the registered stages' threads that are pinned. */
    public List<String> pinnedNames() {
        return stages.values().stream().filter(Stage::pin).map(Stage::name).toList();
    }

    @Override
    public Thread newThread(final Runnable runnable) {
        final Stage stage = stages.get(runnable);
        final String name = stage != null ? stage.name() : "marketswarm-ring-stage";
        final Runnable body = stage == null || !stage.pin() ? runnable : () -> {
            final AffinityLock lock = stage.cpu() >= 0 ? AffinityLock.acquireLock(stage.cpu())
                : AffinityLock.acquireLock();
            try {
                LOG.info("{} pinned: {}", stage.name(), lock);
                runnable.run();
            } finally {
                lock.release();
            }
        };
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
