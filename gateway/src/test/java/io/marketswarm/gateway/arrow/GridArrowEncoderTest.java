package io.marketswarm.gateway.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;

import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;

class GridArrowEncoderTest {

    private final GridArrowEncoder encoder = new GridArrowEncoder();

    @Test
    void shouldDecodeToTheSchemaOfSpec113() {
        final DecodedFrame frame = DecodedFrame.decode(encode(GridFixtures.knownGrid()));

        final List<Field> fields = frame.schema().getFields();
        assertEquals(20, fields.size());
        assertTrue(frame.schema().getCustomMetadata().isEmpty(), "schema metadata");
        for (int i = 0; i < fields.size(); i++) {
            final Field field = fields.get(i);
            assertEquals(GridColumns.NAMES[i], field.getName());
            final ArrowType expected = i == 0 ? new ArrowType.Int(32, true)
                : i == fields.size() - 1 ? new ArrowType.Int(64, true)
                : new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            assertEquals(expected, field.getType(), field.getName());
            assertTrue(field.isNullable(), field.getName());
            assertTrue(field.getMetadata().isEmpty(), field.getName());
            assertTrue(field.getChildren().isEmpty(), field.getName());
            assertNull(field.getDictionary(), field.getName());
        }
    }

    @Test
    void shouldDecodeOneBatchOf101RowsInKOrderWithoutNulls() {
        final DecodedFrame frame = DecodedFrame.decode(encode(GridFixtures.knownGrid()));

        assertEquals(1, frame.batches());
        assertEquals(101, frame.rows());
        for (int row = 0; row < GridColumns.ROWS; row++) {
            assertEquals(row - 50, frame.k()[row]);
        }
        assertArrayEquals(new int[20], frame.nullCounts());
    }

    @Test
    void shouldEncodeEveryValueBitEqualToTheEmittedValue() {
        final GridSnapshot grid = GridFixtures.knownGrid();

        final DecodedFrame frame = DecodedFrame.decode(encode(grid));

        assertValues(grid, frame);
    }

    @Test
    void shouldApplyTheFreshnessDiscountToStaleRowsOnly() {
        final GridSnapshot grid = GridFixtures.knownGrid();

        final DecodedFrame frame = DecodedFrame.decode(encode(grid));

        int discounted = 0;
        for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
            for (int row = 0; row < GridColumns.ROWS; row++) {
                final double raw = grid.rawValue(column, row);
                final double encoded = Double.longBitsToDouble(frame.valueBits()[column][row]);
                if (Double.doubleToRawLongBits(encoded) != Double.doubleToRawLongBits(raw)) {
                    discounted++;
                    assertTrue(column != GridColumns.REST_DEPTH, "rest_depth is never discounted");
                    assertTrue(Math.abs(encoded) < Math.abs(raw), "column " + column + " row " + row);
                }
            }
        }
        assertTrue(discounted > 500, "discounted cells: " + discounted);
    }

    @Test
    void shouldMatchTheReplayJsonRuleCellByCell() {
        final GridSnapshot grid = GridFixtures.knownGrid();
        final double[] derivative = new double[GridColumns.ROWS];
        final double[] mass = new double[GridColumns.ROWS];
        grid.factors(derivative, mass);

        final DecodedFrame frame = DecodedFrame.decode(encode(grid));

        for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
            for (int row = 0; row < GridColumns.ROWS; row++) {
                final double factor = GridSnapshot.factor(column, derivative[row], mass[row]);
                final double raw = grid.rawValue(column, row);
                final double expected = factor == 1.0 ? raw : raw * factor;
                assertEquals(Double.doubleToRawLongBits(expected), frame.valueBits()[column][row],
                    "column " + GridColumns.NAMES[column + 1] + " row " + row);
            }
        }
    }

    @Test
    void shouldEndTheStreamRightAfterTheBatch() {
        final byte[] bytes = encode(GridFixtures.knownGrid());

        final DecodedFrame frame = DecodedFrame.decode(bytes);

        assertEquals(1, frame.batches());
        assertEquals(GridArrowEncoder.FRAME_LENGTH, frame.bytesRead());
        assertArrayEquals(new byte[] {-1, -1, -1, -1, 0, 0, 0, 0},
            Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length));
    }

    @Test
    void shouldEncodeEachOfManyGridsRightWithOneEncoderAndOneBuffer() {
        final Random random = new Random(20_260_206L);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[GridArrowEncoder.FRAME_LENGTH]);
        for (int i = 0; i < 300; i++) {
            final GridSnapshot grid = GridFixtures.randomGrid(random);

            assertEquals(GridArrowEncoder.FRAME_LENGTH, encoder.encode(grid, dst, 0));

            final DecodedFrame frame = DecodedFrame.decode(dst.byteArray().clone());
            assertEquals(1, frame.batches());
            assertValues(grid, frame);
        }
    }

    @Test
    void shouldRewriteOnlyTheValuesOfATemplateIntoTheSameFrameAsEncode() {
        final Random random = new Random(17L);
        final UnsafeBuffer kept = new UnsafeBuffer(new byte[GridArrowEncoder.FRAME_LENGTH]);
        final UnsafeBuffer whole = new UnsafeBuffer(new byte[GridArrowEncoder.FRAME_LENGTH]);
        assertEquals(GridArrowEncoder.FRAME_LENGTH, encoder.writeTemplate(kept, 0));
        for (int i = 0; i < 100; i++) {
            final GridSnapshot grid = GridFixtures.randomGrid(random);

            assertEquals(GridArrowEncoder.FRAME_LENGTH, encoder.encodeValues(grid, kept, 0));
            encoder.encode(grid, whole, 0);

            assertArrayEquals(whole.byteArray(), kept.byteArray(), "grid " + i);
        }
    }

    @Test
    void shouldWriteATemplateThatDecodesToZeros() {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[GridArrowEncoder.FRAME_LENGTH]);
        encoder.writeTemplate(dst, 0);

        final DecodedFrame frame = DecodedFrame.decode(dst.byteArray());

        assertEquals(101, frame.rows());
        for (final long[] column : frame.valueBits()) {
            assertArrayEquals(new long[GridColumns.ROWS], column);
        }
    }

    @Test
    void shouldWriteAtAnOffsetAndLeaveTheRestOfTheBufferAlone() {
        final GridSnapshot grid = GridFixtures.knownGrid();
        final int offset = 13;
        final byte[] bytes = new byte[offset + GridArrowEncoder.FRAME_LENGTH + 5];
        Arrays.fill(bytes, (byte)0x5A);

        encoder.encode(grid, new UnsafeBuffer(bytes), offset);

        assertArrayEquals(encode(grid), Arrays.copyOfRange(bytes, offset, offset + GridArrowEncoder.FRAME_LENGTH));
        for (int i = 0; i < offset; i++) {
            assertEquals(0x5A, bytes[i]);
        }
        for (int i = offset + GridArrowEncoder.FRAME_LENGTH; i < bytes.length; i++) {
            assertEquals(0x5A, bytes[i]);
        }
    }

    @Test
    void shouldGrowAnExpandableBuffer() {
        final GridSnapshot grid = GridFixtures.knownGrid();
        final ExpandableArrayBuffer dst = new ExpandableArrayBuffer(64);

        final int length = encoder.encode(grid, dst, 100);

        assertArrayEquals(encode(grid), Arrays.copyOfRange(dst.byteArray(), 100, 100 + length));
    }

    @Test
    void shouldRejectABufferTooSmallWithoutWritingIntoIt() {
        final byte[] bytes = new byte[GridArrowEncoder.FRAME_LENGTH + 3];
        final UnsafeBuffer dst = new UnsafeBuffer(bytes);

        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(GridFixtures.knownGrid(), dst, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.writeTemplate(dst, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encodeValues(GridFixtures.knownGrid(), dst, 4));
        assertArrayEquals(new byte[bytes.length], bytes);
    }

    @Test
    void shouldRejectAnOriginOutsideTheRing() {
        final GridSnapshot grid = GridFixtures.knownGrid();
        grid.header(grid.tsNs(), grid.eventId(), grid.spotRefPriceInt(), grid.midPrice(), grid.bestBidPriceInt(),
            grid.bestAskPriceInt(), grid.bookValid(), GridColumns.ROWS);
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[GridArrowEncoder.FRAME_LENGTH]);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> encoder.encode(grid, dst, 0));

        assertTrue(ex.getMessage().contains("origin=101"), ex.getMessage());
    }

    @Test
    void shouldBeAFrameOfAbout16KiloBytes() {
        assertEquals(17_736, GridArrowEncoder.FRAME_LENGTH);
        assertEquals(GridArrowEncoder.FRAME_LENGTH, encoder.frameLength());
        assertEquals(GridArrowEncoder.FRAME_LENGTH, encode(GridFixtures.knownGrid()).length);
        assertTrue(GridArrowEncoder.FRAME_LENGTH > 15 * 1024 && GridArrowEncoder.FRAME_LENGTH < 18 * 1024);
    }

    @Test
    void shouldNotAllocateWhenEncoding() {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Random random = new Random(5L);
        final GridSnapshot[] grids = new GridSnapshot[8];
        for (int i = 0; i < grids.length; i++) {
            grids[i] = GridFixtures.randomGrid(random);
        }
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[GridArrowEncoder.FRAME_LENGTH]);
        final int warmUp = 30_000;
        final int calls = 100_000;
        long checksum = encodeMany(grids, dst, warmUp);
        threads.getCurrentThreadAllocatedBytes();

        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5 && fewest != 0; round++) {
            final long before = threads.getCurrentThreadAllocatedBytes();
            checksum += encodeMany(grids, dst, calls);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < calls, allocated + " bytes over " + calls + " calls: something allocates per call");
            fewest = Math.min(fewest, allocated);
        }

        assertTrue(checksum != 0);
        assertEquals(0, fewest, "bytes allocated by " + calls + " calls in the quietest round (a stray JIT-time "
            + "allocation can land in one round; steady state must be zero)");
    }

    private long encodeMany(final GridSnapshot[] grids, final UnsafeBuffer dst, final int calls) {
        long checksum = 0;
        for (int i = 0; i < calls; i++) {
            checksum += encoder.encode(grids[i & (grids.length - 1)], dst, 0);
            checksum += dst.getLong(GridArrowFrameDescriptor.valueOffset(i % GridColumns.VALUE_COLUMNS));
        }
        return checksum;
    }

    private byte[] encode(final GridSnapshot grid) {
        final UnsafeBuffer dst = new UnsafeBuffer(new byte[GridArrowEncoder.FRAME_LENGTH]);
        assertEquals(GridArrowEncoder.FRAME_LENGTH, encoder.encode(grid, dst, 0));
        return dst.byteArray();
    }

    private static void assertValues(final GridSnapshot grid, final DecodedFrame frame) {
        assertEquals(GridColumns.ROWS, frame.rows());
        for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
            for (int row = 0; row < GridColumns.ROWS; row++) {
                assertEquals(Double.doubleToRawLongBits(grid.value(column, row)), frame.valueBits()[column][row],
                    "column " + GridColumns.NAMES[column + 1] + " row " + row + " origin " + grid.origin());
            }
        }
        for (int row = 0; row < GridColumns.ROWS; row++) {
            assertEquals(grid.lastEventId(row), frame.valueBits()[GridColumns.LAST_EVENT_ID][row], "row " + row);
        }
    }
}
