package io.marketswarm.runtime.orderflow;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.ring.GridRing;
import io.marketswarm.core.ring.JournalStage;
import io.marketswarm.core.ring.OrderFlowRing;
import io.marketswarm.core.snapshot.SnapshotSlot;
import io.marketswarm.engines.orderflow.GridListener;
import io.marketswarm.engines.orderflow.GridSink;
import io.marketswarm.engines.orderflow.GridSlotWriter;
import io.marketswarm.engines.orderflow.InstrumentFilter;
import io.marketswarm.engines.orderflow.OrderFlowPipeline;
import io.marketswarm.engines.orderflow.OrderFlowSettings;
import io.marketswarm.engines.orderflow.VacuumPressureEngine;
import io.marketswarm.engines.orderflow.cache.BookCacheFile;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboSource;
import io.marketswarm.feeds.journal.DbnFileJournaler;
import io.marketswarm.feeds.journal.JournalRuns;
import io.marketswarm.feeds.lake.DbnLake;
import io.marketswarm.feeds.ring.MboPacer;
import io.marketswarm.feeds.ring.MboRingPublisher;
import io.marketswarm.gateway.session.GatewayMetrics;
import io.marketswarm.gateway.session.SessionEngine;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.session.StreamSession;

/**
 * The order-flow data path, wired in this one place for every command ({@code replay}, {@code warm-cache},
 * {@code serve}, {@code bench replay}) and the JMH ring benchmark. How a record becomes a grid on a client's screen:
 *
 * <ol>
 *   <li><b>Source</b> (feed thread, {@code marketswarm-orderflow-feed}): a DBN file or the lake's file of the day
 *       ({@link DbnReader}, zstd or plain), a journal run by run ({@link JournalRuns}), or a session in memory, read
 *       record by record through one {@code MboFlyweight}.</li>
 *   <li><b>Publish</b> (feed thread): {@link MboRingPublisher} copies each record into the preallocated
 *       {@code MboEvent} of the {@link OrderFlowRing}, paced by event time for live sessions ({@link MboPacer}).</li>
 *   <li><b>Journal</b> (stage 2a, thread {@value OrderFlowRing#JOURNAL_THREAD}, optional): {@link JournalStage}
 *       appends every record, as read, to Chronicle Queue, beside the engine.</li>
 *   <li><b>Engine</b> (stage 2b, thread {@value OrderFlowRing#ENGINE_THREAD}, the only thread pinned under the
 *       tuned profile): {@link OrderFlowPipeline} filters (§3.2), runs the bootstrap/warmup/emit phases (§9), drives
 *       the L3 book and {@link VacuumPressureEngine}'s 101-bucket grid, and emits a grid at most once per throttle
 *       interval of event time.</li>
 *   <li><b>Hand-off</b> (engine thread): the engine writes the grid in place: for {@code replay}, into a slot of
 *       the {@link GridRing}; for live sessions, into the session's snapshot slot ({@link GridSlotWriter}), and the
 *       gateway's fan-out is signalled. The engine never waits for a client.</li>
 *   <li><b>Output</b>: for {@code replay}, the output stage (thread {@value GridRing#OUTPUT_THREAD}) formats JSON lines
 *       and writes them; for {@code serve}, each event loop copies the slot out and writes {@code grid_update} text
 *       plus an Arrow IPC frame to its WebSocket clients.</li>
 * </ol>
 *
 * <p>A runtime is built from a concluded {@link OrderFlowContext} (validated before any thread starts). Its run
 * methods are called from one thread; each run builds its rings and stages and tears them down when the source ends.
 * Bad input ends the source: every record before it is processed and kept, the summary is filled
 * ({@link #summary()}) and the error propagates naming the file and offset.
 */
public final class OrderFlowRuntime {

    /** The hops above, in order, as {@link #hops()} reports them. */
    public static final List<String> HOPS = List.of("source", "publish", "journal", "engine", "hand-off", "output");

    private static final Logger LOG = LoggerFactory.getLogger(OrderFlowRuntime.class);
    private static final long DRAIN_TIMEOUT_MINUTES = 10;

    private final OrderFlowContext ctx;
    private final byte[] memorySession;
    private final OrderFlowSummary summary = new OrderFlowSummary();

    /**
     * @param ctx the path's context; concluded here if it was not. The embedded demo's session is generated here.
     * @throws IllegalArgumentException if the context is invalid (nothing has started).
     */
    public OrderFlowRuntime(final OrderFlowContext ctx) {
        this.ctx = ctx.conclude();
        this.memorySession = ctx.isEmbeddedDemo() ? SyntheticSessions.demo(ctx.config(), ctx.date())
            : ctx.memorySession();
    }

    /**
     * @return the hops this runtime wires for a run, in order: {@link #HOPS} without {@code journal} when no journal
     *         is written.
     */
    public List<String> hops() {
        return ctx.journalOut() == null ? HOPS.stream().filter(h -> !h.equals("journal")).toList() : HOPS;
    }

    /** @return the context. */
    public OrderFlowContext context() {
        return ctx;
    }

    /** @return what the runs so far did (filled even when a run failed). */
    public OrderFlowSummary summary() {
        return summary;
    }

    /**
     * {@code replay}: runs the source to its end; every emitted grid reaches {@code output} on the output thread, in
     * order, before this returns or throws (a failed run still delivers every grid emitted before the failure).
     *
     * @param output   receives grids on the output thread (the JSON writer); flushed by the caller afterwards.
     * @param progress told of records published on the calling thread, or {@code null}.
     * @return the summary.
     * @throws IOException on bad input, a failed stage or a failed output (the message names the cause).
     */
    public OrderFlowSummary replay(final GridListener output, final MboRingPublisher.Progress progress)
        throws IOException {
        final GridRing grids = new GridRing(ctx.outputRingSize(), (grid, sequence, endOfBatch) -> output.onGrid(grid));
        try (grids) {
            try {
                runAll(new GridSink() {
                    @Override
                    public GridSnapshot claim() {
                        return grids.claim();
                    }

                    @Override
                    public void publish(final GridSnapshot grid) {
                        grids.publishClaimed();
                    }
                }, progress, false);
            } finally {
                drain(grids);
            }
        }
        if (grids.failure() != null) {
            throw fail(new IOException("writing grids failed: " + reason(grids.failure()), grids.failure()));
        }
        return summary;
    }

    private void drain(final GridRing grids) throws IOException {
        try {
            grids.awaitDrained(DRAIN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (final TimeoutException ex) {
            throw fail(new IOException("output stage: " + ex.getMessage(), ex));
        }
    }

    /**
     * Runs the source to its end with grids delivered on the engine thread (benchmarks, tests).
     *
     * @param onEngine receives grids on the engine thread.
     * @param progress told of records published, or {@code null}.
     * @return the summary.
     * @throws IOException on bad input or a failed stage.
     */
    public OrderFlowSummary run(final GridListener onEngine, final MboRingPublisher.Progress progress)
        throws IOException {
        runAll(GridSink.of(onEngine), progress, false);
        return summary;
    }

    /**
     * {@code bench replay}: runs the source to its end with every grid written into {@code slot} on the engine thread,
     * as a live session does, telling {@code latency} (on the engine thread) how long each grid took from its last
     * event's publish on the feed thread to being in the slot. Needs {@link OrderFlowContext#stampIngest}.
     *
     * @param slot    the snapshot slot, at least one grid long.
     * @param latency told the ingest-to-slot time of each grid, ns.
     * @return the summary.
     * @throws IOException on bad input or a failed stage.
     */
    public OrderFlowSummary runToSlot(final SnapshotSlot slot, final LongConsumer latency) throws IOException {
        final EngineRun[] run = new EngineRun[1];
        final GridSlotWriter writer = new GridSlotWriter(slot,
            grid -> latency.accept(Math.max(0, System.nanoTime() - run[0].pipeline.lastIngestNanos())));
        runAll(writer, null, false, run);
        return summary;
    }

    /**
     * {@code warm-cache}: reads until the book bootstrap is complete and stores the book cache.
     *
     * @return the cache file written.
     * @throws IOException on bad input, or if the run has no start time or file source.
     */
    public Path warmCache() throws IOException {
        if (ctx.startTime() == null || (ctx.dbn() == null && ctx.lake() == null)) {
            throw new IllegalArgumentException("warm-cache needs --start-time and --dbn or --lake");
        }
        runAll(GridSink.of(grid -> { }), null, true);
        return summary.cache().file();
    }

    /**
     * {@code serve}: a factory of live sessions, one engine run per (date, start time, throttle), paced by event time
     * and looping when the context says so.
     *
     * @param metrics the gateway's counters (ingest-to-slot latency).
     * @return the factory the gateway calls for each new session.
     */
    public SessionEngine.Factory sessions(final GatewayMetrics metrics) {
        return key -> new LiveSession(key, metrics);
    }

    private void runAll(final GridSink listener, final MboRingPublisher.Progress progress,
        final boolean stopAfterBootstrap) throws IOException {
        runAll(listener, progress, stopAfterBootstrap, new EngineRun[1]);
    }

    private void runAll(final GridSink listener, final MboRingPublisher.Progress progress,
        final boolean stopAfterBootstrap, final EngineRun[] current) throws IOException {
        final OrderFlowSettings settings = ctx.settings(ctx.date(), ctx.startTime(), ctx.throttleMs());
        final MboPacer pacer = ctx.rateEventsPerSecond() > 0 ? MboPacer.wallRate(ctx.rateEventsPerSecond()) : null;
        try {
            if (ctx.journalIn() != null) {
                runJournal(settings, listener, progress, pacer, current);
                return;
            }
            try (MboSource source = openSource(ctx.date())) {
                summary.sourceName(source.source());
                final BookCacheFile cache = ctx.useCache() && settings.hasPhases() ? cacheFor(settings) : null;
                summary.cache(cache);
                final JournalStage journal = ctx.journalOut() == null ? null : new JournalStage(ctx.journalOut(),
                    DbnMetadataCodec.encode(DbnFileJournaler.journalMetadata(source.metadata())));
                summary.journal(journal);
                current[0] = new EngineRun(settings, source, listener, cache, stopAfterBootstrap);
                current[0].execute(summary, journal, pacer, () -> false, progress, ctx.stampIngest());
            }
        } catch (final IOException ex) {
            throw fail(ex);
        } catch (final RuntimeException ex) {
            throw fail(ex);
        }
    }

    /**
     * A journal is replayed run by run, in the order written, each run through its own ring, pipeline and engine (its
     * own event ids and grids), all to the same listener: the output equals the concatenation of replaying each
     * run's source.
     */
    private void runJournal(final OrderFlowSettings settings, final GridSink listener,
        final MboRingPublisher.Progress progress, final MboPacer pacer, final EngineRun[] current)
        throws IOException {
        try (JournalRuns runs = JournalRuns.open(ctx.journalIn())) {
            summary.sourceName(runs.source());
            while (runs.nextRun()) {
                final long before = summary.published();
                current[0] = new EngineRun(settings, runs.run(), listener, null, false);
                current[0].execute(summary, null, pacer, () -> false,
                    progress == null ? null : records -> progress.onProgress(before + records), ctx.stampIngest());
            }
        }
    }

    private <T extends Exception> T fail(final T ex) {
        summary.failure(ex);
        return ex;
    }

    private MboSource openSource(final LocalDate day) throws IOException {
        if (memorySession != null) {
            return DbnReader.fromBytes(memorySession, ctx.memoryName());
        }
        final Path file = dbnFile(day);
        LOG.info("replaying {} ({} {} {}{}, throttle {} ms, {} book)", file, ctx.productType(), ctx.symbol(), day,
            ctx.startTime() == null ? "" : " from " + ctx.startTime() + " ET", ctx.throttleMs(),
            ctx.bookMode().name().toLowerCase(Locale.ROOT));
        return DbnReader.open(file);
    }

    private Path dbnFile(final LocalDate day) throws IOException {
        final Path file = ctx.dbn() != null ? ctx.dbn() : DbnLake.locate(ctx.lake(), ctx.productType(), ctx.symbol(),
            day);
        DbnReader.checkFile(file);
        return file;
    }

    private BookCacheFile cacheFor(final OrderFlowSettings settings) throws IOException {
        if (ctx.dbn() == null && ctx.lake() == null) {
            return null;
        }
        return BookCacheFile.forRun(settings, dbnFile(settings.date()), ctx.cacheDir());
    }

    private static String reason(final Throwable ex) {
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }

    /**
     * One pass over one source: builds the pipeline, the engine and the ring with its stages, publishes on the
     * calling thread, waits for the stages to drain and adds the pipeline's counts to a summary (none for live
     * sessions, which run concurrently).
     */
    private final class EngineRun {
        private final OrderFlowSettings settings;
        private final MboSource source;
        private final OrderFlowPipeline pipeline;
        private final AtomicBoolean bootstrapDone = new AtomicBoolean();
        private final boolean stopAfterBootstrap;
        private volatile OrderFlowRing ring;

        EngineRun(final OrderFlowSettings settings, final MboSource source, final GridSink listener,
            final BookCacheFile cache, final boolean stopAfterBootstrap) {
            this.settings = settings;
            this.source = source;
            this.stopAfterBootstrap = stopAfterBootstrap;
            final OrderFlowPipeline.BootstrapCache bootstrap = cache == null && !stopAfterBootstrap ? null
                : new OrderFlowPipeline.BootstrapCache() {
                    @Override
                    public boolean tryRestore(final VacuumPressureEngine engine) {
                        return cache != null && !stopAfterBootstrap && cache.tryRestore(engine);
                    }

                    @Override
                    public void store(final VacuumPressureEngine engine) {
                        if (cache != null) {
                            cache.store(engine);
                        }
                        bootstrapDone.set(true);
                    }
                };
            this.pipeline = new OrderFlowPipeline(settings, new VacuumPressureEngine(settings.tickInt(),
                settings.bookMode().newBook()), InstrumentFilter.droppedInstruments(
                source.metadata().instrumentSymbols(), settings.symbol(), settings.futures()), listener, bootstrap);
        }

        void execute(final OrderFlowSummary target, final JournalStage journal, final MboPacer pacer,
            final BooleanSupplier stopped, final MboRingPublisher.Progress progress, final boolean stampIngest)
            throws IOException {
            final long began = System.nanoTime();
            try (OrderFlowRing r = new OrderFlowRing(ctx.ringSize(), ctx.ringProfile(), ctx.engineCpu(), journal,
                pipeline)) {
                ring = r;
                final MboRingPublisher publisher = new MboRingPublisher(r.publisher(), stampIngest, pacer,
                    journal != null);
                IOException inputError = null;
                try {
                    publisher.publishAll(source, () -> r.failure() != null || stopped.getAsBoolean()
                        || (stopAfterBootstrap && bootstrapDone.get()), progress);
                } catch (final IOException ex) {
                    inputError = ex;
                }
                if (target != null) {
                    target.addPublished(publisher.published());
                }
                try {
                    r.awaitDrained(DRAIN_TIMEOUT_MINUTES, TimeUnit.MINUTES);
                } catch (final TimeoutException ex) {
                    throw new IOException("order-flow engine stage: " + ex.getMessage(), ex);
                } finally {
                    if (target != null) {
                        target.addElapsed(System.nanoTime() - began);
                        target.add(pipeline);
                    }
                }
                if (r.failure() != null) {
                    throw new IOException("order-flow run failed: " + reason(r.failure()), r.failure());
                }
                if (inputError != null) {
                    throw inputError;
                }
            }
        }

        long remainingCapacity() {
            final OrderFlowRing r = ring;
            return r == null ? 0 : r.remainingCapacity();
        }
    }

    /** One live session behind the gateway: a feed thread runs the session's source (again, when looping). */
    private final class LiveSession implements SessionEngine {
        private final SessionKey key;
        private final GatewayMetrics metrics;
        private volatile boolean stopped;
        private volatile EngineRun current;
        private Thread feed;

        LiveSession(final SessionKey key, final GatewayMetrics metrics) {
            this.key = key;
            this.metrics = metrics;
        }

        @Override
        public void start(final StreamSession session) {
            feed = new Thread(() -> runLoop(session), "marketswarm-orderflow-feed-" + key.date());
            feed.setDaemon(true);
            feed.start();
        }

        private void runLoop(final StreamSession session) {
            try {
                do {
                    runOnce(session);
                } while (ctx.loop() && !stopped);
                if (!stopped) {
                    session.onSourceExhausted();
                }
            } catch (final Exception ex) {
                if (!stopped) {
                    session.onFailure(ex);
                }
            }
        }

        private void runOnce(final StreamSession session) throws IOException {
            final OrderFlowSettings settings = ctx.settings(key.date(), key.startTime(), key.throttleMs());
            try (MboSource source = openSource(key.date())) {
                final EngineRun[] run = new EngineRun[1];
                final GridSlotWriter writer = new GridSlotWriter(session.slot(), (GridSnapshot grid) -> {
                    metrics.recordLatency(System.nanoTime() - run[0].pipeline.lastIngestNanos());
                    session.onGridPublished();
                });
                final BookCacheFile cache = ctx.useCache() && settings.hasPhases() ? cacheFor(settings) : null;
                run[0] = new EngineRun(settings, source, writer, cache, false);
                current = run[0];
                run[0].execute(null, null, MboPacer.eventTime(ctx.speed(), ctx.maxGapMs(),
                    settings.hasPhases() ? settings.emitAfterNs() : Long.MIN_VALUE, () -> stopped), () -> stopped,
                    null, true);
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
            final EngineRun run = current;
            return run == null ? 0 : run.remainingCapacity();
        }

        @Override
        public long eventsProcessed() {
            final EngineRun run = current;
            return run == null ? 0 : run.pipeline.recordsIn();
        }
    }
}
