package io.marketswarm.engines.orderflow;

import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;
import io.marketswarm.core.snapshot.SnapshotSlot;

/**
 * Publishes every emitted grid into a {@link SnapshotSlot} for readers on other threads (the gateway's fan-out),
 * never waiting for readers: the engine writes each grid ({@link GridSnapshotDescriptor#LENGTH} bytes) in place in the
 * slot, so readers see it torn until {@link #publish} completes the write. Runs on the engine thread; an optional
 * {@link Observer} is told after each publish (latency measurement).
 */
public final class GridSlotWriter implements GridSink {

    private final SnapshotSlot slot;
    private final Observer observer;
    private final GridSnapshot inPlace = new GridSnapshot();

    /**
     * @param slot     destination, at least {@link GridSnapshotDescriptor#LENGTH} bytes.
     * @param observer told after each publish, or {@code null}.
     */
    public GridSlotWriter(final SnapshotSlot slot, final Observer observer) {
        if (slot.capacity() < GridSnapshotDescriptor.LENGTH) {
            throw new IllegalArgumentException("slot capacity " + slot.capacity() + " < grid length "
                + GridSnapshotDescriptor.LENGTH);
        }
        this.slot = slot;
        this.observer = observer;
    }

    /** @return a slot sized for one grid. */
    public static SnapshotSlot newSlot() {
        return new SnapshotSlot(GridSnapshotDescriptor.LENGTH);
    }

    @Override
    public GridSnapshot claim() {
        return inPlace.wrap(slot.beginWrite(GridSnapshotDescriptor.LENGTH), SnapshotSlot.PAYLOAD_OFFSET);
    }

    @Override
    public void publish(final GridSnapshot grid) {
        slot.endWrite();
        if (observer != null) {
            observer.onPublished(grid);
        }
    }

    /** Told on the engine thread after a grid is in the slot. */
    @FunctionalInterface
    public interface Observer {
        /**
         * @param grid the grid just published.
         */
        void onPublished(GridSnapshot grid);
    }
}
