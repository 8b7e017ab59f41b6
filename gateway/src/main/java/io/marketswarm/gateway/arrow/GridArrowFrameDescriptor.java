package io.marketswarm.gateway.arrow;

import io.marketswarm.core.layout.GridColumns;

/**
 * Layout of the binary frame that carries one grid (spec §11.3): a complete Arrow IPC stream of one schema message,
 * one record batch of 101 rows in {@code k} order and the end-of-stream marker. The schema and the row count never
 * change, so neither do the two metadata messages nor any offset below: only the 19 value columns differ from one
 * grid to the next. All integers little-endian; every message and buffer starts 8-byte aligned (the IPC minimum).
 *
 * <pre>
 *      0  schema message         FF FF FF FF | i32  904 | Message{Schema}: 900 bytes + 4 zero bytes
 *    912  record batch message   FF FF FF FF | i32 1048 | Message{RecordBatch}: 1048 bytes
 *   1968  body, 15760 bytes      (offsets below from the body start, as the record batch's buffers state them)
 *            +0      k                 i32[101]  404 bytes + 4 zero bytes
 *            +408    pressure_variant  f64[101]  808 bytes
 *            +1216   vacuum_variant    f64[101]  808 bytes, and so on: one 808-byte block per value column,
 *             ...                                in GridColumns order (float64 columns 0..17)
 *            +14952  last_event_id     i64[101]  808 bytes
 *  17728  end of stream          FF FF FF FF | 00 00 00 00
 *  17736  frame length
 * </pre>
 *
 * The record batch lists two buffers per column: a validity bitmap of length 0 (no nulls, {@code null_count} 0)
 * and the values, at the body offsets above. {@code k} is always -50..50.
 */
public final class GridArrowFrameDescriptor {

    /** Continuation marker that opens every encapsulated IPC message and the end-of-stream marker. */
    public static final int CONTINUATION = 0xFFFFFFFF;
    /** Bytes before a message's metadata: the continuation marker and the metadata length. */
    public static final int PREFIX_LENGTH = 8;

    /** Padded length of the schema's FlatBuffers metadata. */
    public static final int SCHEMA_METADATA_LENGTH = 904;
    /** Offset of the schema message. */
    public static final int SCHEMA_MESSAGE_OFFSET = 0;
    /** Length of the schema message (it has no body). */
    public static final int SCHEMA_MESSAGE_LENGTH = PREFIX_LENGTH + SCHEMA_METADATA_LENGTH;

    /** Padded length of the record batch's FlatBuffers metadata. */
    public static final int BATCH_METADATA_LENGTH = 1048;
    /** Offset of the record batch message. */
    public static final int BATCH_MESSAGE_OFFSET = SCHEMA_MESSAGE_OFFSET + SCHEMA_MESSAGE_LENGTH;
    /** Length of the record batch message up to its body. */
    public static final int BATCH_MESSAGE_LENGTH = PREFIX_LENGTH + BATCH_METADATA_LENGTH;

    /** Offset of the record batch body, where the {@code k} values start. */
    public static final int BODY_OFFSET = BATCH_MESSAGE_OFFSET + BATCH_MESSAGE_LENGTH;
    /** Bytes of the {@code k} values. */
    public static final int K_LENGTH = GridColumns.ROWS * Integer.BYTES;
    /** Bytes of one value column's values (float64 or int64). */
    public static final int VALUE_LENGTH = GridColumns.ROWS * Long.BYTES;
    /** Offset of the first value column, {@code pressure_variant}: {@code k} padded to 8 bytes. */
    public static final int VALUES_OFFSET = BODY_OFFSET + ((K_LENGTH + 7) & ~7);
    /** Length of the record batch body. */
    public static final int BODY_LENGTH = VALUES_OFFSET - BODY_OFFSET + GridColumns.VALUE_COLUMNS * VALUE_LENGTH;

    /** Offset of the end-of-stream marker. */
    public static final int EOS_OFFSET = BODY_OFFSET + BODY_LENGTH;
    /** Length of the end-of-stream marker: the continuation marker and a zero length. */
    public static final int EOS_LENGTH = 8;
    /** Length of a frame. */
    public static final int LENGTH = EOS_OFFSET + EOS_LENGTH;

    private GridArrowFrameDescriptor() {
    }

    /**
     * @param column a value column of {@link GridColumns} (0 = {@code pressure_variant} .. 18 = {@code last_event_id}).
     * @return the offset of its 101 values in a frame; row {@code k + 50} is at {@code + 8 * row}.
     */
    public static int valueOffset(final int column) {
        return VALUES_OFFSET + column * VALUE_LENGTH;
    }
}
