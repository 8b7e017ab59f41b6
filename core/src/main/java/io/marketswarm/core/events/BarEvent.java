package io.marketswarm.core.events;

/**
 * One slot of the bar ring: a one-minute aggregate (Massive {@code t o h l c v vw n}) or a control marker.
 * Mutable and reused; {@code NaN} stands for a missing price or volume.
 *
 * <p>Written by the one feed thread between claim and publish, read by the volume-profile stage after.
 */
public final class BarEvent {

    /** A bar. */
    public static final int KIND_BAR = 0;
    /** End of one batch (a backfill, one live cycle): the stage finishes the batch and signals its owner. */
    public static final int KIND_END_OF_BATCH = 1;

    /** {@link #KIND_BAR} or {@link #KIND_END_OF_BATCH}. */
    public int kind;
    /** Window start, Unix milliseconds UTC. */
    public long tsMillis;
    /** Open price. */
    public double open;
    /** High price. */
    public double high;
    /** Low price. */
    public double low;
    /** Close price. */
    public double close;
    /** Volume; may be fractional. */
    public double volume;
    /** Volume-weighted average price. */
    public double vwap;
    /** Number of trades, 0 when unknown. */
    public long trades;
    /** Batch number of the producer, carried on every event so a stage can tell batches apart. */
    public long batch;

    /** Fills the slot with a bar. */
    public void setBar(final long batchId, final long ts, final double o, final double h, final double l,
        final double c, final double v, final double vw, final long n) {
        kind = KIND_BAR;
        batch = batchId;
        tsMillis = ts;
        open = o;
        high = h;
        low = l;
        close = c;
        volume = v;
        vwap = vw;
        trades = n;
    }

    /** Fills the slot with an end-of-batch marker. */
    public void setEndOfBatch(final long batchId) {
        kind = KIND_END_OF_BATCH;
        batch = batchId;
        tsMillis = 0;
        open = high = low = close = volume = vwap = Double.NaN;
        trades = 0;
    }
}
