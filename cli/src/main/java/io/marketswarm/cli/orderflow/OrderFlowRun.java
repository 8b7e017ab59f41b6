package io.marketswarm.cli.orderflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentLock;
import io.marketswarm.core.ring.JournalStage;
import io.marketswarm.core.ring.OrderFlowRing;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.engines.book.OrderBook;
import io.marketswarm.engines.cache.BookCacheFile;
import io.marketswarm.engines.vp.GridListener;
import io.marketswarm.engines.vp.OrderFlowPipeline;
import io.marketswarm.engines.vp.OrderFlowSettings;
import io.marketswarm.engines.vp.VacuumPressureEngine;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboSource;
import io.marketswarm.feeds.journal.DbnFileJournaler;
import io.marketswarm.feeds.journal.JournalRuns;
import io.marketswarm.feeds.ring.MboRingPublisher;

/**
 * One order-flow run from a DBN file, a lake or a journal through the ring to a {@link GridListener}: validates the
 * request against the instrument lock, opens the source, wires {@link OrderFlowRing} with the optional journal stage
 * and the engine stage, publishes on the calling thread and waits for the stages to drain. A journal holding several
 * runs is replayed run by run, each through its own ring, pipeline and engine.
 *
 * <p>Called from one thread; the listener runs on the ring's engine thread.
 */
public final class OrderFlowRun {

    private static final Logger LOG = LoggerFactory.getLogger(OrderFlowRun.class);

    private final Request request;
    private OrderFlowPipeline pipeline;
    private JournalStage journal;
    private BookCacheFile cache;
    private Counts counts = Counts.NONE;
    private long published;
    private long elapsedNanos;
    private String sourceName;

    /**
     * What to run.
     *
     * @param config      the locked instrument config.
     * @param productType requested product type.
     * @param symbol      requested symbol.
     * @param date        trading date.
     * @param startTime   America/New_York start, or {@code null}.
     * @param throttleMs  throttle, ms.
     * @param dbn         DBN file, or {@code null}.
     * @param lake        lake root, or {@code null}.
     * @param journalIn   journal to replay, or {@code null}.
     * @param journalOut  journal to append the inbound records to, or {@code null}.
     * @param useCache    whether to use the book cache (runs with a start time, from DBN files only).
     * @param cacheDir    cache directory, or {@code null} for the default.
     * @param bookMode    book rules.
     * @param profile     ring profile.
     * @param engineCpu   CPU for the engine stage under the tuned profile, -1 for any.
     * @param ringSize    ring size, a power of two.
     * @param stampIngest stamp ingest times for latency measurement.
     */
    public record Request(InstrumentConfig config, String productType, String symbol, LocalDate date,
        LocalTime startTime, double throttleMs, Path dbn, Path lake, Path journalIn, Path journalOut,
        boolean useCache, Path cacheDir, OrderFlowSettings.BookMode bookMode, RingProfile profile, int engineCpu,
        int ringSize, boolean stampIngest) {
    }

    /**
     * @param request what to run.
     */
    public OrderFlowRun(final Request request) {
        this.request = request;
    }

    /**
     * Runs to the end of the source. A journal is replayed run by run, in the order written, each run with a fresh
     * pipeline, engine and ring (its own event ids and grids), all to the same listener: the output equals the
     * concatenation of replaying each run's source. Counts are summed over the runs ({@link #counts()}).
     *
     * @param listener  receives emitted grids on the engine thread.
     * @param progress  told of records published (over all runs), or {@code null}.
     * @param stopAfterBootstrap stop reading once the book bootstrap is complete ({@code warm-cache}).
     * @throws IOException on bad input or configuration (the message names the file, offset or field).
     */
    public void run(final GridListener listener, final MboRingPublisher.Progress progress,
        final boolean stopAfterBootstrap) throws IOException {
        final InstrumentConfig config = request.config();
        InstrumentLock.check(config, request.productType(), request.symbol());
        config.wireConfigVersion();
        final OrderFlowSettings settings = new OrderFlowSettings(config.isFuture(), config.symbol(), request.date(),
            request.startTime(), request.throttleMs(), config.tickInt(), request.bookMode());
        if (request.journalIn() != null && request.dbn() == null && request.lake() == null) {
            try (JournalRuns runs = JournalRuns.open(request.journalIn())) {
                sourceName = runs.source();
                while (runs.nextRun()) {
                    final long before = published;
                    runSource(runs.run(), settings, listener,
                        progress == null ? null : records -> progress.onProgress(before + records),
                        stopAfterBootstrap);
                }
            }
            return;
        }
        try (MboSource source = openDbn(config)) {
            sourceName = source.source();
            runSource(source, settings, listener, progress, stopAfterBootstrap);
        }
    }

    private void runSource(final MboSource source, final OrderFlowSettings settings, final GridListener listener,
        final MboRingPublisher.Progress progress, final boolean stopAfterBootstrap) throws IOException {
        final InstrumentConfig config = request.config();
        final DbnMetadata metadata = source.metadata();
        final OrderBook book = request.bookMode().newBook();
        final AtomicBoolean bootstrapDone = new AtomicBoolean();
        cache = cacheFor(settings);
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
        pipeline = new OrderFlowPipeline(settings, new VacuumPressureEngine(config.tickInt(), book),
            droppedInstruments(metadata, config.symbol(), config.isFuture()), listener, bootstrap);
        journal = request.journalOut() == null ? null : new JournalStage(request.journalOut(),
            DbnMetadataCodec.encode(DbnFileJournaler.journalMetadata(metadata)));
        final long began = System.nanoTime();
        try (OrderFlowRing ring = new OrderFlowRing(request.ringSize(), request.profile(), request.engineCpu(),
            journal, pipeline)) {
            final MboRingPublisher publisher = new MboRingPublisher(ring.publisher(), request.stampIngest());
            IOException inputError = null;
            try {
                publisher.publishAll(source, () -> ring.failure() != null
                    || (stopAfterBootstrap && bootstrapDone.get()), progress);
            } catch (final IOException ex) {
                inputError = ex;
            }
            published += publisher.published();
            awaitDrained(ring);
            elapsedNanos += System.nanoTime() - began;
            counts = counts.plus(pipeline);
            if (ring.failure() != null) {
                throw new IOException("order-flow run failed: " + ring.failure().getMessage(), ring.failure());
            }
            if (inputError != null) {
                throw inputError;
            }
        }
    }

    private static void awaitDrained(final OrderFlowRing ring) throws IOException {
        try {
            ring.awaitDrained(10, TimeUnit.MINUTES);
        } catch (final TimeoutException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
    }

    private MboSource openDbn(final InstrumentConfig config) throws IOException {
        final Path file = request.dbn() != null ? request.dbn()
            : locateDbn(request.lake(), config.productType(), config.symbol(), request.date());
        LOG.info("replaying {} ({} {} {}{}, throttle {} ms, {} book)", file, config.productType(), config.symbol(),
            request.date(), request.startTime() == null ? "" : " from " + request.startTime() + " ET",
            request.throttleMs(), request.bookMode().name().toLowerCase(java.util.Locale.ROOT));
        return DbnReader.open(file);
    }

    private BookCacheFile cacheFor(final OrderFlowSettings settings) throws IOException {
        if (!request.useCache() || !settings.hasPhases() || (request.dbn() == null && request.lake() == null)) {
            return null;
        }
        final Path file = request.dbn() != null ? request.dbn()
            : locateDbn(request.lake(), settings.futures() ? InstrumentConfig.FUTURE_MBO : InstrumentConfig.EQUITY_MBO,
                settings.symbol(), settings.date());
        final Path dir = request.cacheDir() != null ? request.cacheDir() : defaultCacheDir(request.lake());
        return bookCache(settings, file, dir);
    }

    /**
     * @param lake the lake root, or {@code null}.
     * @return {@code <lake>/cache/vp_book}, or {@code ~/.cache/marketswarm/vp_book} without a lake.
     */
    public static Path defaultCacheDir(final Path lake) {
        return lake != null ? lake.resolve("cache").resolve("vp_book")
            : Path.of(System.getProperty("user.home"), ".cache", "marketswarm", "vp_book");
    }

    /**
     * The book cache of a run (spec §10): keyed by product type, symbol, date, warmup start and the DBN file's
     * mtime and size (plus the book mode when it is not parity).
     *
     * @param settings the run; must have a start time.
     * @param file     the DBN file the run reads.
     * @param dir      cache directory.
     * @return the cache file handle.
     * @throws IOException if the DBN file cannot be stat'ed.
     */
    public static BookCacheFile bookCache(final OrderFlowSettings settings, final Path file, final Path dir)
        throws IOException {
        final String productType = settings.futures() ? InstrumentConfig.FUTURE_MBO : InstrumentConfig.EQUITY_MBO;
        String key = productType + ":" + settings.symbol() + ":" + settings.date() + ":" + settings.warmupStartNs()
            + ":" + Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS) + ":" + Files.size(file);
        if (settings.bookMode() == OrderFlowSettings.BookMode.DATABENTO) {
            key += ":databento";
        }
        final String name = settings.symbol() + "_" + settings.date() + "_" + hash16(key) + ".vpbook";
        return new BookCacheFile(dir.resolve(name), key,
            settings.bookMode() == OrderFlowSettings.BookMode.DATABENTO ? 1 : 0);
    }

    static String hash16(final String key) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Finds the day's DBN file in a lake (spec §3.1).
     *
     * @param lake        lake root.
     * @param productType product type.
     * @param symbol      contract or ticker.
     * @param date        trading date.
     * @return the file.
     * @throws IOException naming the directory searched when nothing matches.
     */
    public static Path locateDbn(final Path lake, final String productType, final String symbol,
        final LocalDate date) throws IOException {
        final Path base = lake.resolve("raw").resolve("source=databento").resolve("product_type=" + productType);
        Path table = null;
        if (InstrumentConfig.FUTURE_MBO.equals(productType)) {
            for (int length = symbol.length(); length > 0 && table == null; length--) {
                final Path candidate = base.resolve("symbol=" + symbol.substring(0, length))
                    .resolve("table=market_by_order_dbn");
                if (Files.isDirectory(candidate)) {
                    table = candidate;
                }
            }
        } else {
            table = base.resolve("symbol=" + symbol).resolve("table=market_by_order_dbn");
        }
        if (table == null || !Files.isDirectory(table)) {
            throw new IOException("no DBN directory for " + productType + " " + symbol + " under " + base
                + " (expected symbol=<prefix of " + symbol + ">/table=market_by_order_dbn)");
        }
        final String day = date.toString().replace("-", "");
        final List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(table, "*" + day + "*.dbn*")) {
            files.forEach(candidates::add);
        }
        candidates.sort(null);
        for (final Path candidate : candidates) {
            if (candidate.getFileName().toString().endsWith(".dbn")) {
                return candidate;
            }
        }
        if (candidates.isEmpty()) {
            throw new IOException("no file matching *" + day + "*.dbn* in " + table);
        }
        return candidates.get(0);
    }

    /**
     * Instrument ids the symbol filter drops (spec §3.2): mapped to a spread (futures) or to another symbol.
     *
     * @param metadata source metadata.
     * @param symbol   requested symbol.
     * @param futures  whether spreads are dropped.
     * @return ids to drop; unmapped ids are kept.
     */
    public static LongHashSet droppedInstruments(final DbnMetadata metadata, final String symbol,
        final boolean futures) {
        final LongHashSet dropped = new LongHashSet();
        final Long2ObjectHashMap<String> symbols = metadata.instrumentSymbols();
        for (final Map.Entry<Long, String> entry : symbols.entrySet()) {
            final String mapped = entry.getValue();
            if ((futures && mapped.contains("-")) || (!mapped.isEmpty() && !mapped.equals(symbol))) {
                dropped.add(entry.getKey());
            }
        }
        return dropped;
    }

    /** @return the pipeline of the last run of the source (a journal holds several runs; see {@link #counts()}). */
    public OrderFlowPipeline pipeline() {
        return pipeline;
    }

    /** @return the pipelines' counts summed over every run of the source. */
    public Counts counts() {
        return counts;
    }

    /** @return the journal stage, or {@code null}. */
    public JournalStage journal() {
        return journal;
    }

    /** @return the book cache used, or {@code null}. */
    public BookCacheFile cache() {
        return cache;
    }

    /** @return records published into the ring, over every run. */
    public long published() {
        return published;
    }

    /** @return wall time of the runs, ns. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** @return the source name. */
    public String sourceName() {
        return sourceName;
    }

    /**
     * {@link OrderFlowPipeline} counts summed over the runs of a source; each has the meaning of the pipeline's
     * accessor of the same name.
     *
     * @param runs                runs replayed (1 for a DBN file).
     * @param recordsIn           records received.
     * @param droppedSymbol       records dropped by the symbol filter.
     * @param droppedWindow       records dropped by the session window.
     * @param droppedNullPrice    adds and modifies skipped for a null price.
     * @param droppedBeforeWarmup records dropped in phase 2 before the warmup start.
     * @param bookOnly            records applied on the book-only path (or skipped thanks to the cache).
     * @param fullPath            records applied on the full path.
     * @param gridsEmitted        grids emitted.
     * @param restoredFromCache   whether a run's bootstrap came from the book cache.
     */
    public record Counts(int runs, long recordsIn, long droppedSymbol, long droppedWindow, long droppedNullPrice,
        long droppedBeforeWarmup, long bookOnly, long fullPath, long gridsEmitted, boolean restoredFromCache) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, false);

        Counts plus(final OrderFlowPipeline p) {
            return new Counts(runs + 1, recordsIn + p.recordsIn(), droppedSymbol + p.droppedSymbol(),
                droppedWindow + p.droppedWindow(), droppedNullPrice + p.droppedNullPrice(),
                droppedBeforeWarmup + p.droppedBeforeWarmup(), bookOnly + p.bookOnly(), fullPath + p.fullPath(),
                gridsEmitted + p.gridsEmitted(), restoredFromCache || p.restoredFromCache());
        }
    }
}
