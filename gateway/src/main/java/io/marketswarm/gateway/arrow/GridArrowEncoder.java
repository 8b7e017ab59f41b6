package io.marketswarm.gateway.arrow;

import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.EOS_LENGTH;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.EOS_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.VALUES_OFFSET;
import static io.marketswarm.gateway.arrow.GridArrowFrameDescriptor.valueOffset;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.gateway.session.BinaryGridEncoder;
import io.marketswarm.core.layout.GridSnapshotDescriptor;

/**
 * Encodes an emitted grid as the binary frame of the stream (spec §11.3): an Arrow IPC stream laid out as
 * {@link GridArrowFrameDescriptor}, {@link #FRAME_LENGTH} bytes, always the same size. Everything but the 19 value
 * columns is fixed and written from a template built once per JVM; a call writes the values, freshness-discounted
 * (spec §8) exactly as {@link GridSnapshot#value} and the replay JSON compute them.
 *
 * <p>A value column is copied as two blocks out of the grid's ring (rows from {@code origin}, then the wrapped
 * rows), little-endian as in the grid and as Arrow requires; then the cells of stale rows whose factor is not 1.0
 * are overwritten with {@code raw * factor}. Values are written as they are: the engine never stores NaN or
 * infinity (spec §6), and the encoder does not check.
 *
 * <p>Two ways to use it: {@link #encode} writes a whole frame; or a caller that keeps one buffer per destination
 * calls {@link #writeTemplate} once and then {@link #encodeValues} per grid, rewriting only the values.
 * No call allocates. Not thread-safe: one instance per thread (it keeps per-grid scratch arrays).
 */
public final class GridArrowEncoder implements BinaryGridEncoder {

    /** Bytes of every frame. */
    public static final int FRAME_LENGTH = GridArrowFrameDescriptor.LENGTH;

    private static final DirectBuffer TEMPLATE = new UnsafeBuffer(GridArrowMessages.frameTemplate());
    private static final int ROWS = GridColumns.ROWS;

    private final double[] derivativeFactors = new double[ROWS];
    private final double[] massFactors = new double[ROWS];
    private final int[] staleRows = new int[ROWS];

    /** @return {@link #FRAME_LENGTH}. */
    @Override
    public int maxFrameLength() {
        return FRAME_LENGTH;
    }

    /** @return bytes of one frame, always {@link #FRAME_LENGTH}. */
    public int frameLength() {
        return FRAME_LENGTH;
    }

    /**
     * Writes a whole frame.
     *
     * @param grid   the grid, raw state as emitted by the engine.
     * @param dst    destination; {@link MutableDirectBuffer#checkLimit} is asked for {@link #FRAME_LENGTH} bytes
     *               at {@code offset} first (an expandable buffer grows; a fixed one throws).
     * @param offset where the frame starts.
     * @return {@link #FRAME_LENGTH}.
     * @throws IndexOutOfBoundsException if {@code dst} is too small; nothing is written then.
     * @throws IllegalArgumentException  if the grid's origin is not a ring slot (0..100).
     */
    @Override
    public int encode(final GridSnapshot grid, final MutableDirectBuffer dst, final int offset) {
        dst.checkLimit(offset + FRAME_LENGTH);
        final int origin = checkedOrigin(grid);
        dst.putBytes(offset, TEMPLATE, 0, VALUES_OFFSET);
        writeValues(grid, origin, dst, offset);
        dst.putBytes(offset + EOS_OFFSET, TEMPLATE, EOS_OFFSET, EOS_LENGTH);
        return FRAME_LENGTH;
    }

    /**
     * Writes a frame with every value zero: the fixed parts that {@link #encodeValues} leaves alone.
     *
     * @param dst    destination, checked as in {@link #encode}.
     * @param offset where the frame starts.
     * @return {@link #FRAME_LENGTH}.
     */
    public int writeTemplate(final MutableDirectBuffer dst, final int offset) {
        dst.checkLimit(offset + FRAME_LENGTH);
        dst.putBytes(offset, TEMPLATE, 0, FRAME_LENGTH);
        return FRAME_LENGTH;
    }

    /**
     * Rewrites only the 19 value columns of a frame whose fixed parts {@link #writeTemplate} (or {@link #encode})
     * wrote at {@code offset} earlier; the result is the frame {@link #encode} would write.
     *
     * @param grid   the grid, raw state as emitted by the engine.
     * @param dst    the buffer holding the frame, checked as in {@link #encode}.
     * @param offset where the frame starts.
     * @return {@link #FRAME_LENGTH}.
     * @throws IllegalArgumentException if the grid's origin is not a ring slot (0..100).
     */
    public int encodeValues(final GridSnapshot grid, final MutableDirectBuffer dst, final int offset) {
        dst.checkLimit(offset + FRAME_LENGTH);
        writeValues(grid, checkedOrigin(grid), dst, offset);
        return FRAME_LENGTH;
    }

    private void writeValues(final GridSnapshot grid, final int origin, final MutableDirectBuffer dst,
        final int offset) {
        final int staleCount = computeFactors(grid);
        final double[] derivative = derivativeFactors;
        final double[] mass = massFactors;
        final int[] stale = staleRows;
        final DirectBuffer src = grid.buffer();
        final int head = ROWS - origin;
        for (int column = 0; column < GridColumns.VALUE_COLUMNS; column++) {
            final int from = grid.offset() + GridSnapshotDescriptor.stateOffset(column, 0);
            final int to = offset + valueOffset(column);
            dst.putBytes(to, src, from + origin * Long.BYTES, head * Long.BYTES);
            if (origin != 0) {
                dst.putBytes(to + head * Long.BYTES, src, from, origin * Long.BYTES);
            }
            if (column >= GridColumns.DOUBLE_COLUMNS) {
                continue;
            }
            for (int i = 0; i < staleCount; i++) {
                final int row = stale[i];
                final double factor = GridSnapshot.factor(column, derivative[row], mass[row]);
                if (factor != 1.0) {
                    final int slot = row < head ? origin + row : row - head;
                    final double raw = src.getDouble(from + slot * Long.BYTES, LITTLE_ENDIAN);
                    dst.putDouble(to + row * Long.BYTES, raw * factor, LITTLE_ENDIAN);
                }
            }
        }
    }

    private int computeFactors(final GridSnapshot grid) {
        final double[] derivative = derivativeFactors;
        final double[] mass = massFactors;
        final int[] stale = staleRows;
        grid.factors(derivative, mass);
        int count = 0;
        for (int row = 0; row < ROWS; row++) {
            if (derivative[row] != 1.0 || mass[row] != 1.0) {
                stale[count++] = row;
            }
        }
        return count;
    }

    private static int checkedOrigin(final GridSnapshot grid) {
        final int origin = grid.origin();
        if (origin < 0 || origin >= ROWS) {
            throw new IllegalArgumentException("origin=" + origin + " is not a ring slot 0.." + (ROWS - 1));
        }
        return origin;
    }
}
