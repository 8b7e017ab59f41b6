package io.marketswarm.core.layout;

/**
 * Layout of the engine's off-heap grid state: columnar, one block of 101 little-endian 8-byte slots per field, in
 * the order of the 19 value columns of {@link GridColumns} (18 doubles, then {@code last_event_id} as a long), then
 * {@code last_ts_ns}. Slots are a ring: bucket {@code k} lives in slot {@code (origin + k + 50) mod 101}, so a grid
 * shift moves {@code origin} and zeroes only the slots that enter, and the output grid is two block copies per column.
 *
 * <pre>
 *   field f, slot s  at  (f * 101 + s) * 8
 *   f = 0 pressure | 1 vacuum | 2..4 add/pull/fill mass | 5 rest_depth | 6..9 v_* | 10..13 a_* | 14..17 j_*
 *       | 18 last_event_id (i64) | 19 last_ts_ns (i64, 0 = never touched)
 * </pre>
 */
public final class BucketStateDescriptor {

    /** Field index of {@code last_ts_ns}. */
    public static final int LAST_TS = GridColumns.VALUE_COLUMNS;
    /** Number of fields per bucket. */
    public static final int FIELDS = GridColumns.VALUE_COLUMNS + 1;
    /** Bytes of one field block. */
    public static final int BLOCK_LENGTH = GridColumns.ROWS * 8;
    /** Total bytes of the state. */
    public static final int LENGTH = FIELDS * BLOCK_LENGTH;

    private BucketStateDescriptor() {
    }

    /**
     * @param field a field index (a {@link GridColumns} value column, or {@link #LAST_TS}).
     * @param slot  ring slot 0..100.
     * @return the byte offset.
     */
    public static int offset(final int field, final int slot) {
        return (field * GridColumns.ROWS + slot) << 3;
    }
}
