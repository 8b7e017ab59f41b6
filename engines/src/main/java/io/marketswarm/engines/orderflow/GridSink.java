package io.marketswarm.engines.orderflow;

import io.marketswarm.core.layout.GridSnapshot;

/**
 * Where the engine stage writes each emitted grid, in place: {@link #claim()} gives the grid to write (a ring slot,
 * the snapshot slot's payload, or a scratch grid), the engine writes the whole grid into it, then {@link #publish}
 * makes it visible. Writing in place saves a 16 KB copy per grid.
 *
 * <p>Engine thread only; claim and publish alternate strictly.
 */
public interface GridSink {

    /** @return the grid to write the next emitted grid into, {@code GridSnapshotDescriptor.LENGTH} bytes. */
    GridSnapshot claim();

    /**
     * @param grid the grid {@link #claim()} returned, now complete.
     */
    void publish(GridSnapshot grid);

    /**
     * @param listener receives each grid during {@link #publish}.
     * @return a sink that writes into one scratch grid and hands it to {@code listener}.
     */
    static GridSink of(final GridListener listener) {
        final GridSnapshot scratch = GridSnapshot.allocate();
        return new GridSink() {
            @Override
            public GridSnapshot claim() {
                return scratch;
            }

            @Override
            public void publish(final GridSnapshot grid) {
                listener.onGrid(grid);
            }
        };
    }
}
