package io.marketswarm.gateway.arrow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

import io.marketswarm.core.layout.GridColumns;

/**
 * A frame as Apache Arrow Java reads it with {@link ArrowStreamReader}, copied out so the Arrow memory is released
 * before any assertion runs.
 *
 * @param schema       the stream's schema.
 * @param batches      record batches before the end of the stream.
 * @param rows         rows of the first batch.
 * @param k            the {@code k} column of the first batch.
 * @param valueBits    raw bits of the 19 value columns (doubles as {@code doubleToRawLongBits}), [column][row].
 * @param nullCounts   null count of each of the 20 vectors.
 * @param bytesRead    bytes the reader consumed up to and including the end-of-stream marker.
 */
record DecodedFrame(Schema schema, int batches, int rows, int[] k, long[][] valueBits, int[] nullCounts,
    long bytesRead) {

    /**
     * @param frame bytes of one frame.
     * @return what Arrow Java read.
     */
    static DecodedFrame decode(final byte[] frame) {
        try (BufferAllocator allocator = new RootAllocator();
            ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(frame), allocator)) {
            final VectorSchemaRoot root = reader.getVectorSchemaRoot();
            final Schema schema = root.getSchema();
            int batches = 0;
            int rows = -1;
            int[] k = null;
            long[][] values = null;
            int[] nullCounts = null;
            while (reader.loadNextBatch()) {
                if (batches++ == 0) {
                    rows = root.getRowCount();
                    final List<FieldVector> vectors = root.getFieldVectors();
                    nullCounts = new int[vectors.size()];
                    for (int i = 0; i < vectors.size(); i++) {
                        nullCounts[i] = vectors.get(i).getNullCount();
                    }
                    k = kValues((IntVector)vectors.get(0), rows);
                    values = valueBits(vectors, rows);
                }
            }
            return new DecodedFrame(schema, batches, rows, k, values, nullCounts, reader.bytesRead());
        } catch (final IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int[] kValues(final IntVector vector, final int rows) {
        final int[] k = new int[rows];
        for (int row = 0; row < rows; row++) {
            k[row] = vector.get(row);
        }
        return k;
    }

    private static long[][] valueBits(final List<FieldVector> vectors, final int rows) {
        final long[][] bits = new long[GridColumns.VALUE_COLUMNS][rows];
        for (int column = 0; column < GridColumns.VALUE_COLUMNS; column++) {
            final FieldVector vector = vectors.get(column + 1);
            for (int row = 0; row < rows; row++) {
                bits[column][row] = column < GridColumns.DOUBLE_COLUMNS
                    ? Double.doubleToRawLongBits(((Float8Vector)vector).get(row))
                    : ((BigIntVector)vector).get(row);
            }
        }
        return bits;
    }
}
