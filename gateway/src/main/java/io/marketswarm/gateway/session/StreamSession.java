package io.marketswarm.gateway.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.layout.GridSnapshotDescriptor;
import io.marketswarm.core.snapshot.SnapshotSlot;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * One engine run shared by every client that asked for the same {@link SessionKey}. The engine writes grids into
 * the session's {@link SnapshotSlot} and signals; one {@link LoopFanout} per Netty event loop delivers them. The
 * session ends when its source is exhausted (clients are closed normally) or when its last client leaves (the
 * engine is stopped).
 *
 * <p>Thread rules: {@link #onGridPublished()}, {@link #onSourceExhausted()} and {@link #onFailure} come from the
 * engine's threads; {@link #join} and {@link #leave} from event loops. The slot is the only shared state.
 */
public final class StreamSession {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);

    private final SessionKey key;
    private final SessionRegistry registry;
    private final SessionEngine engine;
    private final GatewayMetrics metrics;
    private final Supplier<BinaryGridEncoder> encoders;
    private final long stallLimitNanos;
    private final SnapshotSlot slot = new SnapshotSlot(GridSnapshotDescriptor.LENGTH);
    private final ConcurrentHashMap<EventLoop, LoopFanout> fanouts = new ConcurrentHashMap<>();
    private final AtomicInteger clients = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    StreamSession(final SessionKey key, final SessionRegistry registry, final SessionEngine engine,
        final GatewayMetrics metrics, final Supplier<BinaryGridEncoder> encoders, final long stallLimitNanos) {
        this.key = key;
        this.registry = registry;
        this.engine = engine;
        this.metrics = metrics;
        this.encoders = encoders;
        this.stallLimitNanos = stallLimitNanos;
    }

    void start() {
        engine.start(this);
    }

    /** @return the slot the engine publishes into. */
    public SnapshotSlot slot() {
        return slot;
    }

    /** @return this session's key. */
    public SessionKey key() {
        return key;
    }

    /** @return the engine. */
    public SessionEngine engine() {
        return engine;
    }

    /** @return clients joined and not yet gone. */
    public int clients() {
        return clients.get();
    }

    /** @return whether the session has ended. */
    public boolean ended() {
        return ended.get();
    }

    /**
     * Event loop of {@code channel}: adds a client; it receives the latest grid, then every new one.
     *
     * @param channel a WebSocket channel whose handshake is complete and whose runtime_config was sent.
     * @return {@code false} if the session already ended (the caller should start another).
     */
    public boolean join(final Channel channel) {
        if (ended.get()) {
            return false;
        }
        clients.incrementAndGet();
        fanout(channel.eventLoop()).add(channel);
        channel.closeFuture().addListener(future -> leave(channel));
        return true;
    }

    private LoopFanout fanout(final EventLoop loop) {
        return fanouts.computeIfAbsent(loop, l -> new LoopFanout(this, l, slot, metrics, encoders.get(),
            stallLimitNanos));
    }

    void leave(final Channel channel) {
        final LoopFanout fanout = fanouts.get(channel.eventLoop());
        if (fanout != null) {
            fanout.remove(channel);
        }
        if (clients.decrementAndGet() == 0 && ended.compareAndSet(false, true)) {
            LOG.info("session {}: last client left, stopping its engine", key);
            engine.stop();
            registry.remove(this);
        }
    }

    void onClientStalled(final Channel channel) {
        LOG.warn("session {}: closing client {} that stopped reading", key, channel.remoteAddress());
    }

    /** Engine thread: a grid is in the slot. Never blocks. */
    public void onGridPublished() {
        metrics.gridsEmitted.increment();
        for (final LoopFanout fanout : fanouts.values()) {
            fanout.signal();
        }
    }

    /** Engine thread: the source is exhausted; clients get the last grid, then a normal close. */
    public void onSourceExhausted() {
        LOG.info("session {}: source exhausted", key);
        if (ended.compareAndSet(false, true)) {
            registry.remove(this);
        }
        for (final LoopFanout fanout : fanouts.values()) {
            fanout.end();
        }
    }

    /**
     * Engine thread: the run failed; clients are closed.
     *
     * @param failure what went wrong.
     */
    public void onFailure(final Throwable failure) {
        metrics.engineErrors.increment();
        LOG.error("session {}: engine failed: {}", key, failure.toString());
        onSourceExhausted();
    }
}
