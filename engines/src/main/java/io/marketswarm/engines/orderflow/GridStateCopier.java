package io.marketswarm.engines.orderflow;

import java.nio.ByteOrder;

import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import io.marketswarm.core.layout.BucketStateDescriptor;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;

/**
 * Copies the engine's heap state (the 18 double columns, then {@code last_event_id}, then {@code last_ts_ns}, each a
 * block of 101 ring slots, exactly the order of {@link BucketStateDescriptor}) into a grid's state area. On a
 * little-endian machine the arrays already hold the wire bytes, so the copy is three block moves; elsewhere each
 * value is written little-endian.
 *
 * <p>Stateless. Called on the engine thread; allocates nothing.
 */
final class GridStateCopier {

    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long DOUBLE_ARRAY_BASE = UnsafeApi.arrayBaseOffset(double[].class);
    private static final long LONG_ARRAY_BASE = UnsafeApi.arrayBaseOffset(long[].class);
    private static final int VALUES_LENGTH = GridColumns.DOUBLE_COLUMNS * BucketStateDescriptor.BLOCK_LENGTH;

    private GridStateCopier() {
    }

    /**
     * @param values       the double columns, {@code column * 101 + slot}.
     * @param lastEventIds {@code last_event_id} by slot.
     * @param lastTouchNs  {@code last_ts_ns} by slot.
     * @param out          the grid to fill; its buffer must be mutable.
     * @throws IndexOutOfBoundsException if the grid does not fit in its buffer.
     */
    static void copy(final double[] values, final long[] lastEventIds, final long[] lastTouchNs,
        final GridSnapshot out) {
        final MutableDirectBuffer buffer = (MutableDirectBuffer)out.buffer();
        final int base = out.offset() + GridSnapshotDescriptor.HEADER_LENGTH;
        buffer.boundsCheck(base, BucketStateDescriptor.LENGTH);
        final int eventIds = base + BucketStateDescriptor.offset(GridColumns.LAST_EVENT_ID, 0);
        final int touches = base + BucketStateDescriptor.offset(BucketStateDescriptor.LAST_TS, 0);
        if (NATIVE_LITTLE_ENDIAN) {
            final byte[] array = buffer.byteArray();
            final long address = buffer.addressOffset();
            UnsafeApi.copyMemory(values, DOUBLE_ARRAY_BASE, array, address + base, VALUES_LENGTH);
            UnsafeApi.copyMemory(lastEventIds, LONG_ARRAY_BASE, array, address + eventIds,
                BucketStateDescriptor.BLOCK_LENGTH);
            UnsafeApi.copyMemory(lastTouchNs, LONG_ARRAY_BASE, array, address + touches,
                BucketStateDescriptor.BLOCK_LENGTH);
            return;
        }
        for (int i = 0; i < values.length; i++) {
            buffer.putDouble(base + (i << 3), values[i], ByteOrder.LITTLE_ENDIAN);
        }
        for (int slot = 0; slot < GridColumns.ROWS; slot++) {
            buffer.putLong(eventIds + (slot << 3), lastEventIds[slot], ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(touches + (slot << 3), lastTouchNs[slot], ByteOrder.LITTLE_ENDIAN);
        }
    }
}
