package io.marketswarm.gateway.session;

import org.agrona.MutableDirectBuffer;

import io.marketswarm.core.layout.GridSnapshot;

/**
 * Encodes a grid as the binary frame of the stream (an Arrow IPC stream). One instance per thread.
 */
public interface BinaryGridEncoder {

    /** @return the largest frame in bytes. */
    int maxFrameLength();

    /**
     * @param grid   the grid (raw state; the encoder applies the freshness discount).
     * @param out    destination with {@link #maxFrameLength()} bytes free at {@code offset}.
     * @param offset where to write.
     * @return bytes written.
     */
    int encode(GridSnapshot grid, MutableDirectBuffer out, int offset);
}
