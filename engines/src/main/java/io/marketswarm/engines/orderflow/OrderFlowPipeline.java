package io.marketswarm.engines.orderflow;

import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.lmax.disruptor.EventHandler;

import io.marketswarm.core.events.MboEvent;
import io.marketswarm.core.layout.GridSnapshot;

/**
 * The engine stage of the order-flow runtime (spec §3.2 filter, §9 phases and throttle) around one
 * {@link VacuumPressureEngine}: takes inbound MBO records in file order, filters and normalises them, runs the book
 * bootstrap, warmup and emit phases in one pass, and writes throttled grids into a {@link GridSink} (a
 * {@link GridListener} is adapted with {@link GridSink#of}).
 *
 * <p>One pass is equivalent to the original's two reads: phase 1 is the filtered prefix before the first record
 * with {@code ts >= warmup_start}; phase 2 processes every later record with {@code ts >= warmup_start} and drops the
 * rest. With a {@link BootstrapCache} hit the prefix is filtered but not applied, and the cached book is used.
 *
 * <p>Single-threaded: runs on the ring's engine thread (as an {@link EventHandler}) or directly on the caller's
 * thread. Allocates nothing per record.
 */
public final class OrderFlowPipeline implements EventHandler<MboEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderFlowPipeline.class);
    private static final long UNDEF_PRICE = Long.MAX_VALUE;
    private static final int F_SNAPSHOT = 0x20;
    private static final int MAX_NULL_PRICE_WARNINGS = 5;

    private final OrderFlowSettings settings;
    private final VacuumPressureEngine engine;
    private final LongHashSet droppedInstruments;
    private final GridSink sink;
    private final BootstrapCache cache;
    private final long sessionStart;
    private final long sessionEnd;
    private final long warmupStart;
    private final long emitAfter;
    private final long throttleNs;
    private final boolean phases;

    private boolean bootstrapping;
    private boolean restoredFromCache;
    private boolean anchorSet;
    private long anchorTs;
    private boolean emittedAny;
    private long lastEmittedTs;
    private boolean finished;

    private long recordsIn;
    private long droppedSymbol;
    private long droppedWindow;
    private long droppedNullPrice;
    private long droppedBeforeWarmup;
    private long bookOnly;
    private long fullPath;
    private long gridsEmitted;
    private long lastIngestNanos;

    /**
     * @param settings           the run.
     * @param engine             the engine (and its book) this stage owns.
     * @param droppedInstruments instrument ids whose mapped symbol is another instrument or a spread.
     * @param listener           receives emitted grids.
     * @param cache              book cache, or {@code null} for none.
     */
    public OrderFlowPipeline(final OrderFlowSettings settings, final VacuumPressureEngine engine,
        final LongHashSet droppedInstruments, final GridListener listener, final BootstrapCache cache) {
        this(settings, engine, droppedInstruments, GridSink.of(listener), cache);
    }

    /**
     * @param settings           the run.
     * @param engine             the engine (and its book) this stage owns.
     * @param droppedInstruments instrument ids whose mapped symbol is another instrument or a spread.
     * @param sink               where emitted grids are written in place.
     * @param cache              book cache, or {@code null} for none.
     */
    public OrderFlowPipeline(final OrderFlowSettings settings, final VacuumPressureEngine engine,
        final LongHashSet droppedInstruments, final GridSink sink, final BootstrapCache cache) {
        this.settings = settings;
        this.engine = engine;
        this.droppedInstruments = droppedInstruments;
        this.sink = sink;
        this.cache = cache;
        this.sessionStart = settings.sessionStartNs();
        this.sessionEnd = settings.sessionEndNs();
        this.warmupStart = settings.warmupStartNs();
        this.emitAfter = settings.emitAfterNs();
        this.throttleNs = settings.throttleNs();
        this.phases = settings.hasPhases();
        this.bootstrapping = phases;
        if (phases && cache != null && cache.tryRestore(engine)) {
            restoredFromCache = true;
        }
    }

    @Override
    public void onEvent(final MboEvent event, final long sequence, final boolean endOfBatch) {
        if (event.kind() == MboEvent.END_OF_STREAM) {
            finish();
            return;
        }
        lastIngestNanos = event.ingestNanos();
        onRecord(event.tsEvent(), event.action(), event.side(), event.price(), event.size(), event.orderId(),
            event.flags(), event.publisherId(), event.instrumentId());
    }

    /**
     * Processes one inbound MBO record (file order).
     *
     * @param tsEvent      raw {@code ts_event}.
     * @param action       ASCII action.
     * @param side         ASCII side.
     * @param rawPrice     raw price.
     * @param size         size.
     * @param orderId      order id.
     * @param flags        DBN flags.
     * @param publisherId  publisher id.
     * @param instrumentId instrument id.
     */
    public void onRecord(final long tsEvent, final byte action, final byte side, final long rawPrice,
        final long size, final long orderId, final int flags, final int publisherId, final long instrumentId) {
        recordsIn++;
        final boolean snapshot = (flags & F_SNAPSHOT) != 0;
        long ts = tsEvent;
        if (action == 'R' && snapshot) {
            anchorSet = true;
            anchorTs = tsEvent;
        }
        if (snapshot && anchorSet) {
            ts = anchorTs;
        }
        if (droppedInstruments.contains(instrumentId)) {
            droppedSymbol++;
            return;
        }
        if ((ts < sessionStart || ts >= sessionEnd) && !snapshot && action != 'R') {
            droppedWindow++;
            return;
        }
        long price = rawPrice;
        if (price == UNDEF_PRICE) {
            if (action == 'A' || action == 'M') {
                nullPrice(ts, action, orderId);
                return;
            }
            price = 0;
        }
        if (bootstrapping) {
            if (ts < warmupStart) {
                if (!restoredFromCache) {
                    engine.onBookOnlyEvent(ts, action, side, price, size, orderId, flags, publisherId);
                }
                bookOnly++;
                return;
            }
            endBootstrap();
        }
        if (phases && ts < warmupStart) {
            droppedBeforeWarmup++;
            return;
        }
        engine.onEvent(ts, action, side, price, size, orderId, flags, publisherId);
        fullPath++;
        if (ts >= emitAfter && (throttleNs == 0 || !emittedAny || ts - lastEmittedTs >= throttleNs)) {
            emittedAny = true;
            lastEmittedTs = ts;
            final GridSnapshot grid = sink.claim();
            engine.writeGrid(grid);
            gridsEmitted++;
            sink.publish(grid);
        }
    }

    private void endBootstrap() {
        bootstrapping = false;
        if (cache != null && !restoredFromCache) {
            cache.store(engine);
        }
        engine.finishBootstrap();
    }

    private void nullPrice(final long ts, final byte action, final long orderId) {
        droppedNullPrice++;
        if (droppedNullPrice <= MAX_NULL_PRICE_WARNINGS) {
            LOG.warn("skipping {} record with a null price (order_id {}, ts {}){}", (char)action,
                Long.toUnsignedString(orderId), ts,
                droppedNullPrice == MAX_NULL_PRICE_WARNINGS ? "; further ones are only counted" : "");
        }
    }

    /** Ends the run: a bootstrap that never reached the warmup still stores its cache. Idempotent. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (bootstrapping) {
            bootstrapping = false;
            if (cache != null && !restoredFromCache) {
                cache.store(engine);
            }
        }
    }

    /** @return whether {@link #finish()} ran (the end-of-stream event arrived). */
    public boolean finished() {
        return finished;
    }

    /** @return the engine. */
    public VacuumPressureEngine engine() {
        return engine;
    }

    /** @return the settings. */
    public OrderFlowSettings settings() {
        return settings;
    }

    /** @return whether the bootstrap came from the cache. */
    public boolean restoredFromCache() {
        return restoredFromCache;
    }

    /** @return records received. */
    public long recordsIn() {
        return recordsIn;
    }

    /** @return records dropped by the symbol filter. */
    public long droppedSymbol() {
        return droppedSymbol;
    }

    /** @return records dropped by the session window. */
    public long droppedWindow() {
        return droppedWindow;
    }

    /** @return adds and modifies skipped for a null price. */
    public long droppedNullPrice() {
        return droppedNullPrice;
    }

    /** @return records dropped in phase 2 for {@code ts < warmup_start}. */
    public long droppedBeforeWarmup() {
        return droppedBeforeWarmup;
    }

    /** @return records applied on the book-only path (or skipped thanks to the cache). */
    public long bookOnly() {
        return bookOnly;
    }

    /** @return records applied on the full path. */
    public long fullPath() {
        return fullPath;
    }

    /** @return grids emitted. */
    public long gridsEmitted() {
        return gridsEmitted;
    }

    /** @return ingest time of the last record seen, {@link System#nanoTime()} units. */
    public long lastIngestNanos() {
        return lastIngestNanos;
    }

    /** Restores a book at the start of a run and stores it at the end of the bootstrap. */
    public interface BootstrapCache {
        /**
         * @param engine a fresh engine to load the cached book into.
         * @return {@code true} when a valid cache was loaded.
         */
        boolean tryRestore(VacuumPressureEngine engine);

        /**
         * @param engine the engine at the end of the bootstrap, before {@code finishBootstrap}.
         */
        void store(VacuumPressureEngine engine);
    }
}
