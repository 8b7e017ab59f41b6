package io.marketswarm.gateway.arrow;

import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.BATCH_MESSAGE_LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.BATCH_MESSAGE_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.BODY_LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.BODY_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.CONTINUATION;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.EOS_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.K_LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.PREFIX_LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.SCHEMA_MESSAGE_LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.SCHEMA_MESSAGE_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.VALUE_LENGTH;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.core.layout.GridColumns;

/**
 * Writes the fixed parts of a grid frame ({@link GridArrowFrameDescriptor}): the two Arrow IPC metadata messages as
 * FlatBuffers ({@code format/Message.fbs}, {@code format/Schema.fbs}, metadata version V5), the {@code k} column and
 * the end-of-stream marker. Runs once per JVM, when {@link GridArrowEncoder} is initialised.
 *
 * <p>Schema: 20 fields, all nullable, no dictionary, empty {@code children}, no custom metadata, little-endian (the
 * default, so not written). The 18 float64 fields share one {@code FloatingPoint(DOUBLE)} table and every field
 * shares one empty {@code children} vector; FlatBuffers allows objects to be shared. Record batch: 101 rows, one
 * {@code FieldNode(101, 0)} per field, two buffers per field (validity, values); the validity buffers have length 0,
 * which the format allows when {@code null_count} is 0, and start where the values start.
 */
final class GridArrowMessages {

    private static final int METADATA_V5 = 4;
    private static final int HEADER_SCHEMA = 1;
    private static final int HEADER_RECORD_BATCH = 3;
    private static final int TYPE_INT = 2;
    private static final int TYPE_FLOATING_POINT = 3;
    private static final int PRECISION_DOUBLE = 2;

    private static final int MESSAGE_FIELDS = 5;
    private static final int MESSAGE_VERSION = 0;
    private static final int MESSAGE_HEADER_TYPE = 1;
    private static final int MESSAGE_HEADER = 2;
    private static final int MESSAGE_BODY_LENGTH = 3;
    private static final int SCHEMA_FIELDS = 4;
    private static final int SCHEMA_FIELD_LIST = 1;
    private static final int FIELD_FIELDS = 7;
    private static final int FIELD_NAME = 0;
    private static final int FIELD_NULLABLE = 1;
    private static final int FIELD_TYPE_TYPE = 2;
    private static final int FIELD_TYPE = 3;
    private static final int FIELD_CHILDREN = 5;
    private static final int INT_FIELDS = 2;
    private static final int INT_BIT_WIDTH = 0;
    private static final int INT_IS_SIGNED = 1;
    private static final int FLOATING_POINT_FIELDS = 1;
    private static final int FLOATING_POINT_PRECISION = 0;
    private static final int BATCH_FIELDS = 5;
    private static final int BATCH_LENGTH = 0;
    private static final int BATCH_NODES = 1;
    private static final int BATCH_BUFFERS = 2;
    private static final int STRUCT_OF_TWO_LONGS = 16;

    private GridArrowMessages() {
    }

    /**
     * @return a whole frame with the value columns zeroed.
     * @throws IllegalStateException if a metadata message does not have the length the descriptor states.
     */
    static byte[] frameTemplate() {
        final byte[] frame = new byte[LENGTH];
        final UnsafeBuffer out = new UnsafeBuffer(frame);
        put(out, SCHEMA_MESSAGE_OFFSET, schemaMetadata(), SCHEMA_MESSAGE_LENGTH, "schema");
        put(out, BATCH_MESSAGE_OFFSET, recordBatchMetadata(), BATCH_MESSAGE_LENGTH, "record batch");
        for (int row = 0; row < GridColumns.ROWS; row++) {
            out.putInt(BODY_OFFSET + row * Integer.BYTES, row - GridColumns.K, LITTLE_ENDIAN);
        }
        out.putInt(EOS_OFFSET, CONTINUATION, LITTLE_ENDIAN);
        out.putInt(EOS_OFFSET + Integer.BYTES, 0, LITTLE_ENDIAN);
        return frame;
    }

    private static void put(final UnsafeBuffer out, final int offset, final byte[] metadata, final int messageLength,
        final String name) {
        final int padded = align8(metadata.length);
        if (PREFIX_LENGTH + padded != messageLength) {
            throw new IllegalStateException(name + " message length=" + (PREFIX_LENGTH + padded)
                + ", the descriptor states " + messageLength);
        }
        out.putInt(offset, CONTINUATION, LITTLE_ENDIAN);
        out.putInt(offset + Integer.BYTES, padded, LITTLE_ENDIAN);
        out.putBytes(offset + PREFIX_LENGTH, metadata);
    }

    /** @return the FlatBuffers {@code Message} holding the schema, unpadded. */
    static byte[] schemaMetadata() {
        final FlatBufferWriter fb = new FlatBufferWriter(2048);
        final int int32 = intType(fb, 32);
        final int int64 = intType(fb, 64);
        fb.startTable(FLOATING_POINT_FIELDS);
        fb.addShort(FLOATING_POINT_PRECISION, PRECISION_DOUBLE);
        final int float64 = fb.endTable();
        fb.startVector(Integer.BYTES, 0, Integer.BYTES);
        final int noChildren = fb.endVector();

        final int[] fields = new int[GridColumns.NAMES.length];
        for (int i = fields.length - 1; i >= 0; i--) {
            final int name = fb.createString(GridColumns.NAMES[i]);
            final boolean isK = i == 0;
            final boolean isLastEventId = i == fields.length - 1;
            fb.startTable(FIELD_FIELDS);
            fb.addOffset(FIELD_CHILDREN, noChildren);
            fb.addOffset(FIELD_TYPE, isK ? int32 : isLastEventId ? int64 : float64);
            fb.addOffset(FIELD_NAME, name);
            fb.addByte(FIELD_TYPE_TYPE, isK || isLastEventId ? TYPE_INT : TYPE_FLOATING_POINT);
            fb.addByte(FIELD_NULLABLE, 1);
            fields[i] = fb.endTable();
        }
        final int fieldList = fb.createOffsetVector(fields);
        fb.startTable(SCHEMA_FIELDS);
        fb.addOffset(SCHEMA_FIELD_LIST, fieldList);
        final int schema = fb.endTable();
        return message(fb, HEADER_SCHEMA, schema, 0);
    }

    /** @return the FlatBuffers {@code Message} holding the record batch header, unpadded. */
    static byte[] recordBatchMetadata() {
        final FlatBufferWriter fb = new FlatBufferWriter(2048);
        final int columns = GridColumns.NAMES.length;
        fb.startVector(STRUCT_OF_TWO_LONGS, 2 * columns, Long.BYTES);
        for (int i = columns - 1; i >= 0; i--) {
            final int start = i == 0 ? 0 : GridArrowFrameDescriptor.valueOffset(i - 1) - BODY_OFFSET;
            fb.putStructLongs(start, i == 0 ? K_LENGTH : VALUE_LENGTH);
            fb.putStructLongs(start, 0);
        }
        final int buffers = fb.endVector();
        fb.startVector(STRUCT_OF_TWO_LONGS, columns, Long.BYTES);
        for (int i = columns - 1; i >= 0; i--) {
            fb.putStructLongs(GridColumns.ROWS, 0);
        }
        final int nodes = fb.endVector();
        fb.startTable(BATCH_FIELDS);
        fb.addLong(BATCH_LENGTH, GridColumns.ROWS);
        fb.addOffset(BATCH_BUFFERS, buffers);
        fb.addOffset(BATCH_NODES, nodes);
        final int batch = fb.endTable();
        return message(fb, HEADER_RECORD_BATCH, batch, BODY_LENGTH);
    }

    private static int intType(final FlatBufferWriter fb, final int bitWidth) {
        fb.startTable(INT_FIELDS);
        fb.addInt(INT_BIT_WIDTH, bitWidth);
        fb.addByte(INT_IS_SIGNED, 1);
        return fb.endTable();
    }

    private static byte[] message(final FlatBufferWriter fb, final int headerType, final int header,
        final long bodyLength) {
        fb.startTable(MESSAGE_FIELDS);
        if (bodyLength != 0) {
            fb.addLong(MESSAGE_BODY_LENGTH, bodyLength);
        }
        fb.addOffset(MESSAGE_HEADER, header);
        fb.addShort(MESSAGE_VERSION, METADATA_V5);
        fb.addByte(MESSAGE_HEADER_TYPE, headerType);
        return fb.finish(fb.endTable());
    }

    private static int align8(final int length) {
        return (length + 7) & ~7;
    }
}
