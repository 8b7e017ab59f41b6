package io.marketswarm.gateway.arrow;

import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.BATCH_MESSAGE_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.BODY_LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.BODY_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.SCHEMA_MESSAGE_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.MetadataVersion;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;
import org.junit.jupiter.api.Test;

import io.marketswarm.core.layout.GridColumns;

/**
 * The frame's fixed parts, read with the FlatBuffers classes generated from Arrow's {@code .fbs} files, and walked
 * independently to check what Arrow Java does not: every FlatBuffers object aligned as the C++ verifier (pyarrow)
 * requires.
 */
class GridArrowFrameDescriptorTest {

    private final byte[] template = GridArrowMessages.frameTemplate();

    @Test
    void shouldPlacePartsWhereTheDiagramShowsThem() {
        assertEquals(0, SCHEMA_MESSAGE_OFFSET);
        assertEquals(912, BATCH_MESSAGE_OFFSET);
        assertEquals(1968, BODY_OFFSET);
        assertEquals(1968 + 408, GridArrowFrameDescriptor.valueOffset(GridColumns.PRESSURE));
        assertEquals(1968 + 1216, GridArrowFrameDescriptor.valueOffset(GridColumns.VACUUM));
        assertEquals(1968 + 14952, GridArrowFrameDescriptor.valueOffset(GridColumns.LAST_EVENT_ID));
        assertEquals(15_760, BODY_LENGTH);
        assertEquals(17_728, GridArrowFrameDescriptor.EOS_OFFSET);
        assertEquals(17_736, GridArrowFrameDescriptor.LENGTH);
    }

    @Test
    void shouldPrefixEachMessageWithContinuationAndPaddedLength() {
        final ByteBuffer frame = frame();
        assertEquals(-1, frame.getInt(SCHEMA_MESSAGE_OFFSET));
        assertEquals(GridArrowFrameDescriptor.SCHEMA_METADATA_LENGTH, frame.getInt(SCHEMA_MESSAGE_OFFSET + 4));
        assertEquals(-1, frame.getInt(BATCH_MESSAGE_OFFSET));
        assertEquals(GridArrowFrameDescriptor.BATCH_METADATA_LENGTH, frame.getInt(BATCH_MESSAGE_OFFSET + 4));
        assertEquals(0, GridArrowFrameDescriptor.SCHEMA_METADATA_LENGTH % 8);
        assertEquals(0, GridArrowFrameDescriptor.BATCH_METADATA_LENGTH % 8);
        final int schemaEnd = 8 + GridArrowMessages.schemaMetadata().length;
        for (int i = schemaEnd; i < BATCH_MESSAGE_OFFSET; i++) {
            assertEquals(0, template[i], "padding byte " + i);
        }
        for (int i = BODY_OFFSET + GridArrowFrameDescriptor.K_LENGTH; i < GridArrowFrameDescriptor.VALUES_OFFSET; i++) {
            assertEquals(0, template[i], "padding byte " + i);
        }
    }

    @Test
    void shouldDescribeTheSchemaAsArrowsFlatBuffersReadIt() {
        final Message message = Message.getRootAsMessage(metadata(SCHEMA_MESSAGE_OFFSET));
        assertEquals(MetadataVersion.V5, message.version());
        assertEquals(MessageHeader.Schema, message.headerType());
        assertEquals(0, message.bodyLength());
        assertEquals(0, message.customMetadataLength());
        final Schema schema = (Schema)message.header(new Schema());
        assertEquals(0, schema.endianness());
        assertEquals(20, schema.fieldsLength());
        assertEquals(0, schema.customMetadataLength());
        for (int i = 0; i < 20; i++) {
            final Field field = schema.fields(i);
            assertEquals(GridColumns.NAMES[i], field.name());
            assertTrue(field.nullable());
            assertEquals(i == 0 || i == 19 ? Type.Int : Type.FloatingPoint, field.typeType());
            assertNotNull(field.childrenVector(), "children must be present (Arrow C++ rejects a null vector)");
            assertEquals(0, field.childrenLength());
            assertEquals(null, field.dictionary());
            assertEquals(0, field.customMetadataLength());
            if (i == 0 || i == 19) {
                final org.apache.arrow.flatbuf.Int type = (org.apache.arrow.flatbuf.Int)field.type(
                    new org.apache.arrow.flatbuf.Int());
                assertEquals(i == 0 ? 32 : 64, type.bitWidth());
                assertTrue(type.isSigned());
            } else {
                final org.apache.arrow.flatbuf.FloatingPoint type =
                    (org.apache.arrow.flatbuf.FloatingPoint)field.type(new org.apache.arrow.flatbuf.FloatingPoint());
                assertEquals(org.apache.arrow.flatbuf.Precision.DOUBLE, type.precision());
            }
        }
    }

    @Test
    void shouldDescribeTheBatchBuffersAtTheDescriptorsOffsets() {
        final Message message = Message.getRootAsMessage(metadata(BATCH_MESSAGE_OFFSET));
        assertEquals(MetadataVersion.V5, message.version());
        assertEquals(MessageHeader.RecordBatch, message.headerType());
        assertEquals(BODY_LENGTH, message.bodyLength());
        final RecordBatch batch = (RecordBatch)message.header(new RecordBatch());
        assertEquals(101, batch.length());
        assertEquals(null, batch.compression());
        assertEquals(20, batch.nodesLength());
        assertEquals(40, batch.buffersLength());
        for (int i = 0; i < 20; i++) {
            final FieldNode node = batch.nodes(i);
            assertEquals(101, node.length());
            assertEquals(0, node.nullCount());
            final long start = i == 0 ? 0 : GridArrowFrameDescriptor.valueOffset(i - 1) - BODY_OFFSET;
            final Buffer validity = batch.buffers(2 * i);
            final Buffer values = batch.buffers(2 * i + 1);
            assertEquals(start, validity.offset());
            assertEquals(0, validity.length());
            assertEquals(start, values.offset());
            assertEquals(i == 0 ? 404 : 808, values.length());
            assertEquals(0, start % 8);
        }
    }

    @Test
    void shouldAlignEveryFlatBuffersObjectAsTheVerifierRequires() {
        walkMessage(metadata(SCHEMA_MESSAGE_OFFSET), true);
        walkMessage(metadata(BATCH_MESSAGE_OFFSET), false);
    }

    private static void walkMessage(final ByteBuffer bb, final boolean schema) {
        final int message = table(bb, deref(bb, 0));
        aligned(field(bb, message, 0), 2);
        field(bb, message, 1);
        final int header = table(bb, deref(bb, field(bb, message, 2)));
        if (schema) {
            final int fields = vector(bb, deref(bb, field(bb, header, 1)), 4);
            for (int i = 0; i < bb.getInt(fields); i++) {
                final int field = table(bb, deref(bb, fields + 4 + 4 * i));
                final int name = vector(bb, deref(bb, field(bb, field, 0)), 1);
                assertEquals(0, bb.get(name + 4 + bb.getInt(name)), "string terminator");
                final int type = table(bb, deref(bb, field(bb, field, 3)));
                aligned(field(bb, type, 0), bb.get(field(bb, field, 2)) == Type.Int ? 4 : 2);
                vector(bb, deref(bb, field(bb, field, 5)), 4);
            }
        } else {
            aligned(field(bb, message, 3), 8);
            aligned(field(bb, header, 0), 8);
            vector(bb, deref(bb, field(bb, header, 1)), 8);
            vector(bb, deref(bb, field(bb, header, 2)), 8);
        }
    }

    private static int table(final ByteBuffer bb, final int table) {
        aligned(table, 4);
        final int vtable = table - bb.getInt(table);
        aligned(vtable, 2);
        assertTrue(vtable >= 0 && vtable + bb.getShort(vtable) <= bb.limit(), "vtable in bounds");
        return table;
    }

    private static int field(final ByteBuffer bb, final int table, final int id) {
        final int vtable = table - bb.getInt(table);
        final int entry = 4 + 2 * id;
        final int offset = entry < bb.getShort(vtable) ? bb.getShort(vtable + entry) : 0;
        assertTrue(offset > 0, "field " + id + " present");
        return table + offset;
    }

    private static int deref(final ByteBuffer bb, final int at) {
        aligned(at, 4);
        final int target = at + bb.getInt(at);
        assertTrue(target > at && target < bb.limit(), "uoffset points forward, in bounds");
        return target;
    }

    private static int vector(final ByteBuffer bb, final int vector, final int elementAlignment) {
        aligned(vector, 4);
        aligned(vector + 4, elementAlignment);
        return vector;
    }

    private static void aligned(final int position, final int alignment) {
        assertTrue(position >= 0, "in bounds");
        assertEquals(0, position % alignment, "position " + position + " aligned to " + alignment);
    }

    private ByteBuffer frame() {
        return ByteBuffer.wrap(template).order(ByteOrder.LITTLE_ENDIAN);
    }

    private ByteBuffer metadata(final int messageOffset) {
        final int length = frame().getInt(messageOffset + 4);
        return ByteBuffer.wrap(template, messageOffset + 8, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }
}
