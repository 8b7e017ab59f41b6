package io.marketswarm.gateway.support;

import org.agrona.MutableDirectBuffer;

import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.gateway.session.BinaryGridEncoder;

/** A stand-in binary encoder: 16 KB whose first 8 bytes are the grid's event id (little-endian). */
public final class StubEncoder implements BinaryGridEncoder {

    @Override
    public int maxFrameLength() {
        return 16_384;
    }

    @Override
    public int encode(final GridSnapshot grid, final MutableDirectBuffer out, final int offset) {
        out.setMemory(offset, 16_384, (byte)0);
        out.putLong(offset, grid.eventId(), java.nio.ByteOrder.LITTLE_ENDIAN);
        return 16_384;
    }
}
