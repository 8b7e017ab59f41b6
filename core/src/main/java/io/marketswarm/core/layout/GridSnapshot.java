package io.marketswarm.core.layout;

import static io.marketswarm.core.layout.GridSnapshotDescriptor.BEST_ASK_OFFSET;
import static io.marketswarm.core.layout.GridSnapshotDescriptor.BEST_BID_OFFSET;
import static io.marketswarm.core.layout.GridSnapshotDescriptor.BOOK_VALID_OFFSET;
import static io.marketswarm.core.layout.GridSnapshotDescriptor.EVENT_ID_OFFSET;
import static io.marketswarm.core.layout.GridSnapshotDescriptor.MID_PRICE_OFFSET;
import static io.marketswarm.core.layout.GridSnapshotDescriptor.ORIGIN_OFFSET;
import static io.marketswarm.core.layout.GridSnapshotDescriptor.SPOT_REF_OFFSET;
import static io.marketswarm.core.layout.GridSnapshotDescriptor.TS_NS_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.core.math.DeterministicExp;

/**
 * Flyweight over one emitted grid laid out as {@link GridSnapshotDescriptor}: the header and the engine's raw state.
 * {@link #value} returns the emitted (freshness-discounted, spec §8) value of a cell; a reader that renders a whole
 * grid computes the per-row factors once with {@link #factors} and uses {@link #rawValue}. {@link #allocate()} gives
 * a grid that owns an aligned off-heap buffer; {@link #wrap} points it at a grid elsewhere (a snapshot slot copy).
 * Not thread-safe.
 */
public final class GridSnapshot {

    private static final double TAU_FRESHNESS = 10.0;
    private static final double TAU_REST_DECAY = 30.0;
    private static final double FRESHNESS_THRESHOLD_S = 0.5;

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

    /** @return ring slot of row 0 ({@code k = -50}). */
    public int origin() {
        return buffer.getInt(offset + ORIGIN_OFFSET, LITTLE_ENDIAN);
    }

    private int slot(final int row) {
        final int slot = origin() + row;
        return slot >= GridColumns.ROWS ? slot - GridColumns.ROWS : slot;
    }

    /**
     * @param column a float64 column of {@link GridColumns}.
     * @param row    {@code k + 50}.
     * @return the stored value, before the freshness discount.
     */
    public double rawValue(final int column, final int row) {
        return buffer.getDouble(offset + GridSnapshotDescriptor.stateOffset(column, slot(row)), LITTLE_ENDIAN);
    }

    /**
     * The emitted value of one cell (spec §8). Rendering a whole grid, prefer {@link #factors} once and
     * {@link #rawValue} per cell.
     *
     * @param column a float64 column of {@link GridColumns}.
     * @param row    {@code k + 50}.
     * @return the freshness-discounted value.
     */
    public double value(final int column, final int row) {
        final double raw = rawValue(column, row);
        final double age = ageSeconds(row);
        if (age <= FRESHNESS_THRESHOLD_S || column == GridColumns.REST_DEPTH) {
            return raw;
        }
        return raw * factor(column, DeterministicExp.exp(-age / TAU_FRESHNESS),
            DeterministicExp.exp(-age / TAU_REST_DECAY));
    }

    /**
     * Computes the freshness factors of every row: 1.0 where no discount applies.
     *
     * @param derivative receives {@code exp(-age/10)} per row (derivatives and forces), 101 entries.
     * @param mass       receives {@code exp(-age/30)} per row (add, pull and fill mass), 101 entries.
     */
    public void factors(final double[] derivative, final double[] mass) {
        for (int row = 0; row < GridColumns.ROWS; row++) {
            final double age = ageSeconds(row);
            if (age > FRESHNESS_THRESHOLD_S) {
                derivative[row] = DeterministicExp.exp(-age / TAU_FRESHNESS);
                mass[row] = DeterministicExp.exp(-age / TAU_REST_DECAY);
            } else {
                derivative[row] = 1.0;
                mass[row] = 1.0;
            }
        }
    }

    /**
     * @param column a float64 column.
     * @param derivativeFactor the row's derivative factor.
     * @param massFactor       the row's mass factor.
     * @return the factor that applies to {@code column}: 1.0 for {@code rest_depth}.
     */
    public static double factor(final int column, final double derivativeFactor, final double massFactor) {
        if (column == GridColumns.REST_DEPTH) {
            return 1.0;
        }
        return column >= GridColumns.ADD_MASS && column <= GridColumns.FILL_MASS ? massFactor : derivativeFactor;
    }

    private double ageSeconds(final int row) {
        final long lastTouch = buffer.getLong(offset + GridSnapshotDescriptor.stateOffset(BucketStateDescriptor.LAST_TS,
            slot(row)), LITTLE_ENDIAN);
        final long ts = tsNs();
        return (lastTouch > 0 && ts > lastTouch) ? (double)(ts - lastTouch) / 1e9 : 0.0;
    }

    /**
     * @param row {@code k + 50}.
     * @return {@code last_event_id} of that bucket.
     */
    public long lastEventId(final int row) {
        return buffer.getLong(offset + GridSnapshotDescriptor.stateOffset(GridColumns.LAST_EVENT_ID, slot(row)),
            LITTLE_ENDIAN);
    }

    /**
     * Writes the header.
     *
     * @return this.
     */
    public GridSnapshot header(final long tsNs, final long eventId, final long spotRef, final double midPrice,
        final long bestBid, final long bestAsk, final boolean bookValid, final int origin) {
        final MutableDirectBuffer out = (MutableDirectBuffer)buffer;
        out.putLong(offset + TS_NS_OFFSET, tsNs, LITTLE_ENDIAN);
        out.putLong(offset + EVENT_ID_OFFSET, eventId, LITTLE_ENDIAN);
        out.putLong(offset + SPOT_REF_OFFSET, spotRef, LITTLE_ENDIAN);
        out.putDouble(offset + MID_PRICE_OFFSET, midPrice, LITTLE_ENDIAN);
        out.putLong(offset + BEST_BID_OFFSET, bestBid, LITTLE_ENDIAN);
        out.putLong(offset + BEST_ASK_OFFSET, bestAsk, LITTLE_ENDIAN);
        out.putInt(offset + BOOK_VALID_OFFSET, bookValid ? 1 : 0, LITTLE_ENDIAN);
        out.putInt(offset + ORIGIN_OFFSET, origin, LITTLE_ENDIAN);
        return this;
    }
}
