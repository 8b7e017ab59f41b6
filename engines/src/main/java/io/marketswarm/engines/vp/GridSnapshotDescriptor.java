package io.marketswarm.engines.vp;

/**
 * Layout of an emitted grid in a buffer: a 64-byte header, then the 19 value columns of {@link GridColumns}, each
 * 101 little-endian 8-byte values in k order ({@code -50..50}); the {@code k} column is implicit. Columnar so that
 * the Arrow encoder and JSON writer read each column contiguously.
 *
 * <pre>
 *   0 ts_ns (i64)          8 event_id (i64)        16 spot_ref_price_int (i64)   24 mid_price (f64)
 *  32 best_bid (i64)      40 best_ask (i64)        48 book_valid (i32: 0|1)      52 reserved (12 bytes)
 *  64 column 0: pressure_variant[101]   ...   64 + 18 * 808: last_event_id[101] (i64)
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
    /** Header length. */
    public static final int HEADER_LENGTH = 64;
    /** Bytes per column. */
    public static final int COLUMN_LENGTH = GridColumns.ROWS * 8;
    /** Total length of one grid. */
    public static final int LENGTH = HEADER_LENGTH + GridColumns.VALUE_COLUMNS * COLUMN_LENGTH;

    private GridSnapshotDescriptor() {
    }

    /**
     * @param column value column of {@link GridColumns}.
     * @param row    row 0..100 ({@code k + 50}).
     * @return the value's offset.
     */
    public static int valueOffset(final int column, final int row) {
        return HEADER_LENGTH + column * COLUMN_LENGTH + (row << 3);
    }
}
