package io.marketswarm.runtime.orderflow;

import io.marketswarm.core.ring.JournalStage;
import io.marketswarm.engines.orderflow.OrderFlowPipeline;
import io.marketswarm.engines.orderflow.cache.BookCacheFile;

/**
 * What an order-flow run did, summed over the runs of its source (a journal may hold several): records read,
 * filtered by reason, processed, grids emitted, wall time, the book cache and journal used, and the failure if it
 * failed. Filled on the calling thread after each run's stages have drained; read after {@link OrderFlowRuntime}
 * returns or throws, so a failed replay still has its summary.
 */
public final class OrderFlowSummary {

    private String sourceName = "";
    private long recordsIn;
    private long droppedSymbol;
    private long droppedWindow;
    private long droppedNullPrice;
    private long droppedBeforeWarmup;
    private long bookOnly;
    private long fullPath;
    private long gridsEmitted;
    private boolean restoredFromCache;
    private long published;
    private long elapsedNanos;
    private int runs;
    private BookCacheFile cache;
    private JournalStage journal;
    private Throwable failure;

    void sourceName(final String name) {
        this.sourceName = name;
    }

    void add(final OrderFlowPipeline p) {
        runs++;
        recordsIn += p.recordsIn();
        droppedSymbol += p.droppedSymbol();
        droppedWindow += p.droppedWindow();
        droppedNullPrice += p.droppedNullPrice();
        droppedBeforeWarmup += p.droppedBeforeWarmup();
        bookOnly += p.bookOnly();
        fullPath += p.fullPath();
        gridsEmitted += p.gridsEmitted();
        restoredFromCache |= p.restoredFromCache();
    }

    void addPublished(final long records) {
        published += records;
    }

    void addElapsed(final long nanos) {
        elapsedNanos += nanos;
    }

    void cache(final BookCacheFile file) {
        this.cache = file;
    }

    void journal(final JournalStage stage) {
        this.journal = stage;
    }

    void failure(final Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** @return the source's name (file, journal or memory). */
    public String sourceName() {
        return sourceName;
    }

    /** @return records the engine stage received. */
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

    /** @return records dropped before the warmup. */
    public long droppedBeforeWarmup() {
        return droppedBeforeWarmup;
    }

    /** @return all records filtered out. */
    public long filtered() {
        return droppedSymbol + droppedWindow + droppedNullPrice + droppedBeforeWarmup;
    }

    /** @return records applied on the book-only path. */
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

    /** @return whether a bootstrap came from the book cache. */
    public boolean restoredFromCache() {
        return restoredFromCache;
    }

    /** @return records the feed published. */
    public long published() {
        return published;
    }

    /** @return wall time of the runs, ns. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** @return runs of the source processed (a journal of several runs replays each). */
    public int runs() {
        return runs;
    }

    /** @return the book cache used, or {@code null}. */
    public BookCacheFile cache() {
        return cache;
    }

    /** @return the journal stage, or {@code null}. */
    public JournalStage journal() {
        return journal;
    }

    /** @return why the run failed, or {@code null}. */
    public Throwable failure() {
        return failure;
    }
}
