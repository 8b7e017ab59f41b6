package io.marketswarm.core.layout;

/**
 * Layout of an emitted grid in a buffer: a 64-byte header, then the engine's raw state as it was at the event (the
 * 20 field blocks of {@link BucketStateDescriptor}, 101 slots each, in ring order). The engine publishes a grid with
 * one block copy; readers map row {@code k + 50} to slot {@code (origin + row) mod 101} and apply the freshness
 * discount (spec §8) themselves, on their own threads ({@link GridSnapshot#value}, {@link GridSnapshot#factors}).
 *
 * <pre>
 *   0 ts_ns (i64)          8 event_id (i64)        16 spot_ref_price_int (i64)   24 mid_price (f64)
 *  32 best_bid (i64)      40 best_ask (i64)        48 book_valid (i32: 0|1)      52 origin (i32)
 *  56 reserved (8 bytes)
 *  64 raw state: field f, slot s at 64 + (f * 101 + s) * 8
 * </pre>
 */
public final class GridSnapshotDescriptor {

    /** Offset of the event timestamp. */
    public static final int TS_NS_OFFSET = 0;
    /** Offset of the event id. */
    public static final int EVENT_ID_OFFSET = 8;
    /** Offset of the spot reference price. */
    public static final int SPOT_REF_OFFSET = 16;
    /** Offset of the mid price (double, dollars). */
    public static final int MID_PRICE_OFFSET = 24;
    /** Offset of the best bid. */
    public static final int BEST_BID_OFFSET = 32;
    /** Offset of the best ask. */
    public static final int BEST_ASK_OFFSET = 40;
    /** Offset of the book-valid flag. */
    public static final int BOOK_VALID_OFFSET = 48;
    /** Offset of the ring origin (slot of k = -50). */
    public static final int ORIGIN_OFFSET = 52;
    /** Header length. */
    public static final int HEADER_LENGTH = 64;
    /** Total length of one grid. */
    public static final int LENGTH = HEADER_LENGTH + BucketStateDescriptor.LENGTH;

    private GridSnapshotDescriptor() {
    }

    /**
     * @param field a field of {@link BucketStateDescriptor}.
     * @param slot  ring slot 0..100.
     * @return the offset within a grid.
     */
    public static int stateOffset(final int field, final int slot) {
        return HEADER_LENGTH + BucketStateDescriptor.offset(field, slot);
    }
}
