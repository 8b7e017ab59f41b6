package io.marketswarm.engines.vp;

import static io.marketswarm.engines.vp.GridSnapshotDescriptor.BEST_ASK_OFFSET;
import static io.marketswarm.engines.vp.GridSnapshotDescriptor.BEST_BID_OFFSET;
import static io.marketswarm.engines.vp.GridSnapshotDescriptor.BOOK_VALID_OFFSET;
import static io.marketswarm.engines.vp.GridSnapshotDescriptor.EVENT_ID_OFFSET;
import static io.marketswarm.engines.vp.GridSnapshotDescriptor.MID_PRICE_OFFSET;
import static io.marketswarm.engines.vp.GridSnapshotDescriptor.SPOT_REF_OFFSET;
import static io.marketswarm.engines.vp.GridSnapshotDescriptor.TS_NS_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Flyweight over one emitted grid laid out as {@link GridSnapshotDescriptor}. {@link #allocate()} gives one that
 * owns an aligned off-heap buffer; {@link #wrap} points it at a grid elsewhere (a snapshot slot copy).
 * Not thread-safe.
 */
public final class GridSnapshot {

    private DirectBuffer buffer;
    private int offset;

    /** @return a grid over a fresh, zeroed, cache-line-aligned off-heap buffer. */
    public static GridSnapshot allocate() {
        return new GridSnapshot().wrap(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            align(GridSnapshotDescriptor.LENGTH), 64)), 0);
    }

    private static int align(final int length) {
        return (length + 63) & ~63;
    }

    /**
     * @param buffer holding a grid.
     * @param offset of the grid.
     * @return this.
     */
    public GridSnapshot wrap(final DirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the buffer. */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** @return offset of the grid in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** @return event time, ns. */
    public long tsNs() {
        return buffer.getLong(offset + TS_NS_OFFSET, LITTLE_ENDIAN);
    }

    /** @return event id. */
    public long eventId() {
        return buffer.getLong(offset + EVENT_ID_OFFSET, LITTLE_ENDIAN);
    }

    /** @return spot reference, 1e-9 units. */
    public long spotRefPriceInt() {
        return buffer.getLong(offset + SPOT_REF_OFFSET, LITTLE_ENDIAN);
    }

    /** @return mid price in dollars. */
    public double midPrice() {
        return buffer.getDouble(offset + MID_PRICE_OFFSET, LITTLE_ENDIAN);
    }

    /** @return best bid, 1e-9 units, 0 when none. */
    public long bestBidPriceInt() {
        return buffer.getLong(offset + BEST_BID_OFFSET, LITTLE_ENDIAN);
    }

    /** @return best ask, 1e-9 units, 0 when none. */
    public long bestAskPriceInt() {
        return buffer.getLong(offset + BEST_ASK_OFFSET, LITTLE_ENDIAN);
    }

    /** @return whether the book was valid. */
    public boolean bookValid() {
        return buffer.getInt(offset + BOOK_VALID_OFFSET, LITTLE_ENDIAN) != 0;
    }

    /**
     * @param column a float64 column of {@link GridColumns}.
     * @param row    {@code k + 50}.
     * @return the value.
     */
    public double value(final int column, final int row) {
        return buffer.getDouble(offset + GridSnapshotDescriptor.valueOffset(column, row), LITTLE_ENDIAN);
    }

    /**
     * @param row {@code k + 50}.
     * @return {@code last_event_id} of that bucket.
     */
    public long lastEventId(final int row) {
        return buffer.getLong(offset + GridSnapshotDescriptor.valueOffset(GridColumns.LAST_EVENT_ID, row),
            LITTLE_ENDIAN);
    }

    /**
     * Writes the header.
     *
     * @return this.
     */
    GridSnapshot header(final long tsNs, final long eventId, final long spotRef, final double midPrice,
        final long bestBid, final long bestAsk, final boolean bookValid) {
        final MutableDirectBuffer out = (MutableDirectBuffer)buffer;
        out.putLong(offset + TS_NS_OFFSET, tsNs, LITTLE_ENDIAN);
        out.putLong(offset + EVENT_ID_OFFSET, eventId, LITTLE_ENDIAN);
        out.putLong(offset + SPOT_REF_OFFSET, spotRef, LITTLE_ENDIAN);
        out.putDouble(offset + MID_PRICE_OFFSET, midPrice, LITTLE_ENDIAN);
        out.putLong(offset + BEST_BID_OFFSET, bestBid, LITTLE_ENDIAN);
        out.putLong(offset + BEST_ASK_OFFSET, bestAsk, LITTLE_ENDIAN);
        out.putInt(offset + BOOK_VALID_OFFSET, bookValid ? 1 : 0, LITTLE_ENDIAN);
        return this;
    }

    void value(final int column, final int row, final double value) {
        ((MutableDirectBuffer)buffer).putDouble(offset + GridSnapshotDescriptor.valueOffset(column, row), value,
            LITTLE_ENDIAN);
    }

    void lastEventId(final int row, final long eventId) {
        ((MutableDirectBuffer)buffer).putLong(offset + GridSnapshotDescriptor.valueOffset(GridColumns.LAST_EVENT_ID,
            row), eventId, LITTLE_ENDIAN);
    }
}
