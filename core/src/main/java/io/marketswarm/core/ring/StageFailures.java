package io.marketswarm.core.ring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;

/**
 * The one exception handler of a ring's stages: keeps the first failure, counts all of them, logs the first, and lets
 * the stage go on consuming so a producer never blocks on a dead consumer. Thread-safe (stages call it on their own
 * threads; owners read it on theirs).
 *
 * @param <T> the ring's event type.
 */
public final class StageFailures<T> implements ExceptionHandler<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StageFailures.class);

    private final String ringName;
    private final AtomicReference<Throwable> first = new AtomicReference<>();
    private final AtomicLong count = new AtomicLong();

    /** @param ringName names the ring in the log line. */
    public StageFailures(final String ringName) {
        this.ringName = ringName;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final T event) {
        count.incrementAndGet();
        if (first.compareAndSet(null, ex)) {
            LOG.error("{} stage failed at sequence {}: {}", ringName, sequence, ex.toString());
        }
    }

    @Override
    public void handleOnStartException(final Throwable ex) {
        handleEventException(ex, -1, null);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex) {
        handleEventException(ex, -1, null);
    }

    /** @return the first failure, or {@code null}. */
    public Throwable first() {
        return first.get();
    }

    /** @return failures so far. */
    public long count() {
        return count.get();
    }

    /**
     * Waits until every stage gating {@code ring} has consumed everything published so far, parking 50 µs between
     * looks so the waiting thread leaves its core to the stages.
     *
     * @throws TimeoutException if a stage is still behind at the deadline.
     */
    public static void awaitDrained(final RingBuffer<?> ring, final long timeout, final TimeUnit unit)
        throws TimeoutException {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        final long target = ring.getCursor();
        while (ring.getMinimumGatingSequence() < target) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("ring stages still " + (target - ring.getMinimumGatingSequence())
                    + " events behind");
            }
            LockSupport.parkNanos(50_000L);
        }
    }
}
