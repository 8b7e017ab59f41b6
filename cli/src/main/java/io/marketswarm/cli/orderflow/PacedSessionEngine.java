package io.marketswarm.cli.orderflow;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.RingBuffer;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.events.MboEvent;
import io.marketswarm.core.ring.OrderFlowRing;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.engines.vp.GridSlotWriter;
import io.marketswarm.engines.vp.OrderFlowPipeline;
import io.marketswarm.engines.vp.OrderFlowSettings;
import io.marketswarm.engines.vp.VacuumPressureEngine;
import io.marketswarm.feeds.dbn.MboFlyweight;
import io.marketswarm.feeds.dbn.MboSource;
import io.marketswarm.gateway.session.GatewayMetrics;
import io.marketswarm.gateway.session.SessionEngine;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.session.StreamSession;

/**
 * An engine run for one gateway session: a feed thread reads the source and publishes into an
 * {@link OrderFlowRing}, paced by event time ({@code speed} × real time, pauses capped at {@code maxGapMs}) once the
 * emit phase is reached; the engine stage publishes grids into the session's snapshot slot and signals it. With
 * {@code loop} the source starts over when exhausted (the embedded demo).
 */
public final class PacedSessionEngine implements SessionEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PacedSessionEngine.class);

    private final SessionKey key;
    private final InstrumentConfig config;
    private final SourceOpener opener;
    private final OrderFlowSettings.BookMode bookMode;
    private final double speed;
    private final long maxGapNanos;
    private final boolean loop;
    private final GatewayMetrics metrics;
    private volatile boolean stopped;
    private volatile OrderFlowRing ring;
    private volatile OrderFlowPipeline pipeline;
    private Thread feed;

    /** Opens the session's source afresh (each loop of a demo reopens it). */
    @FunctionalInterface
    public interface SourceOpener {
        /**
         * @param key the session.
         * @return an open source.
         * @throws IOException if it cannot be opened.
         */
        MboSource open(SessionKey key) throws IOException;

        /**
         * The book cache for a session with a start time (spec §10), or {@code null} for none (the default).
         *
         * @param settings the session's run settings.
         * @return the cache, or {@code null}.
         * @throws IOException if the source cannot be stat'ed.
         */
        default OrderFlowPipeline.BootstrapCache bookCache(final OrderFlowSettings settings) throws IOException {
            return null;
        }
    }

    /**
     * @param key       the session.
     * @param config    the locked instrument.
     * @param opener    opens the source.
     * @param bookMode  book rules.
     * @param speed     event-time speed-up, {@code Double.POSITIVE_INFINITY} for none.
     * @param maxGapMs  longest wall-time pause between events when pacing.
     * @param loop      start over when the source is exhausted.
     * @param metrics   gateway counters (latency).
     */
    public PacedSessionEngine(final SessionKey key, final InstrumentConfig config, final SourceOpener opener,
        final OrderFlowSettings.BookMode bookMode, final double speed, final long maxGapMs, final boolean loop,
        final GatewayMetrics metrics) {
        this.key = key;
        this.config = config;
        this.opener = opener;
        this.bookMode = bookMode;
        this.speed = speed;
        this.maxGapNanos = maxGapMs * 1_000_000L;
        this.loop = loop;
        this.metrics = metrics;
    }

    @Override
    public void start(final StreamSession session) {
        feed = new Thread(() -> runLoop(session), "marketswarm-feed-" + key.date());
        feed.setDaemon(true);
        feed.start();
    }

    private void runLoop(final StreamSession session) {
        try {
            do {
                runOnce(session);
            } while (loop && !stopped);
            if (!stopped) {
                session.onSourceExhausted();
            }
        } catch (final Exception ex) {
            if (!stopped) {
                session.onFailure(ex);
            }
        }
    }

    private void runOnce(final StreamSession session) throws Exception {
        final OrderFlowSettings settings = new OrderFlowSettings(config.isFuture(), config.symbol(), key.date(),
            key.startTime(), key.throttleMs(), config.tickInt(), bookMode);
        try (MboSource source = opener.open(key)) {
            final OrderFlowPipeline[] holder = new OrderFlowPipeline[1];
            final GridSlotWriter writer = new GridSlotWriter(session.slot(), grid -> {
                metrics.recordLatency(System.nanoTime() - holder[0].lastIngestNanos());
                session.onGridPublished();
            });
            holder[0] = new OrderFlowPipeline(settings, new VacuumPressureEngine(config.tickInt(), bookMode.newBook()),
                OrderFlowRun.droppedInstruments(source.metadata(), config.symbol(), config.isFuture()), writer,
                settings.hasPhases() ? opener.bookCache(settings) : null);
            pipeline = holder[0];
            try (OrderFlowRing r = new OrderFlowRing(1 << 14, RingProfile.DEFAULT, -1, null, holder[0])) {
                ring = r;
                publishPaced(source, r.publisher(), settings.hasPhases() ? settings.emitAfterNs() : Long.MIN_VALUE);
                r.awaitDrained(1, TimeUnit.MINUTES);
                if (r.failure() != null) {
                    throw new IOException("engine failed: " + r.failure().getMessage(), r.failure());
                }
            }
        }
    }

    private void publishPaced(final MboSource source, final RingBuffer<MboEvent> buffer, final long paceFrom)
        throws IOException {
        final boolean pace = Double.isFinite(speed);
        final MboFlyweight mbo = source.mbo();
        long baseWall = 0;
        long baseTs = 0;
        long lastTs = Long.MIN_VALUE;
        try {
            while (!stopped && source.nextMbo()) {
                final long ts = mbo.tsEvent();
                if (pace && ts >= paceFrom) {
                    if (lastTs == Long.MIN_VALUE || ts < lastTs) {
                        baseWall = System.nanoTime();
                        baseTs = ts;
                    } else if ((ts - lastTs) / speed > maxGapNanos) {
                        baseTs += (long)((ts - lastTs) - maxGapNanos * speed);
                    }
                    lastTs = ts;
                    final long due = baseWall + (long)((ts - baseTs) / speed);
                    long wait = due - System.nanoTime();
                    while (wait > 0 && !stopped) {
                        LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                        wait = due - System.nanoTime();
                    }
                }
                final long sequence = buffer.next();
                buffer.get(sequence).record(ts, mbo.tsRecv(), mbo.orderId(), mbo.price(), mbo.size(),
                    mbo.instrumentId(), mbo.publisherId(), mbo.flags(), mbo.action(), mbo.side()).rawLength(0)
                    .ingestNanos(System.nanoTime());
                buffer.publish(sequence);
            }
        } finally {
            final long sequence = buffer.next();
            buffer.get(sequence).endOfStream();
            buffer.publish(sequence);
        }
    }

    @Override
    public void stop() {
        stopped = true;
        if (feed != null) {
            feed.interrupt();
        }
        LOG.debug("session {} engine stopping", key);
    }

    @Override
    public long ringRemainingCapacity() {
        final OrderFlowRing r = ring;
        return r == null ? 0 : r.remainingCapacity();
    }

    @Override
    public long eventsProcessed() {
        final OrderFlowPipeline p = pipeline;
        return p == null ? 0 : p.recordsIn();
    }
}
