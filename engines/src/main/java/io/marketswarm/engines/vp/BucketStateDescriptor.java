package io.marketswarm.engines.vp;

/**
 * Layout of one bucket's state in the engine's off-heap grid: the 19 value columns of {@link GridColumns} as
 * 8-byte slots (18 doubles, then {@code last_event_id} as a long), then {@code last_ts_ns}.
 *
 * <pre>
 *   0  pressure      8  vacuum       16 add_mass     24 pull_mass    32 fill_mass    40 rest_depth
 *  48  v_add        56  v_pull       64 v_fill       72 v_rest       80 a_add        88 a_pull
 *  96  a_fill      104  a_rest      112 j_add       120 j_pull      128 j_fill      136 j_rest
 * 144  last_event_id (i64)          152 last_ts_ns (i64, 0 = never touched)         160 end
 * </pre>
 */
public final class BucketStateDescriptor {

    /** Bytes per bucket. */
    public static final int BUCKET_LENGTH = 160;
    /** Offset of {@code last_event_id}. */
    public static final int LAST_EVENT_ID_OFFSET = GridColumns.LAST_EVENT_ID * 8;
    /** Offset of {@code last_ts_ns}. */
    public static final int LAST_TS_OFFSET = 152;

    private BucketStateDescriptor() {
    }

    /**
     * @param column a value column of {@link GridColumns}.
     * @return its offset within a bucket.
     */
    public static int offset(final int column) {
        return column << 3;
    }
}
