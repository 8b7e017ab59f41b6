package io.marketswarm.engines.orderflow;

import io.marketswarm.core.layout.GridSnapshot;

/**
 * Receives every emitted grid, on the engine thread, synchronously. The grid is valid only during the call: copy
 * what you keep. A listener must not block; a slow consumer belongs behind a snapshot slot.
 */
@FunctionalInterface
public interface GridListener {
    /**
     * @param grid the emitted, freshness-discounted grid.
     */
    void onGrid(GridSnapshot grid);
}
