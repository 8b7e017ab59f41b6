package io.marketswarm.gateway.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The hub's retained events: consecutive sequences, eviction releases, clear releases. */
class SseEventRingTest {

    @Test
    void shouldKeepTheLastEventsAndReleaseEvictedFrames() {
        final SseEventRing ring = new SseEventRing(3);
        assertEquals(0, ring.newest());
        assertEquals(1, ring.oldest(), "empty: oldest is newest + 1");
        final ByteBuf[] frames = new ByteBuf[5];
        for (int i = 1; i <= 5; i++) {
            frames[i - 1] = Unpooled.buffer(4).writeInt(i);
            ring.add(new SseEvent(i, frames[i - 1]));
        }
        assertEquals(5, ring.newest());
        assertEquals(3, ring.oldest());
        assertNull(ring.get(2));
        assertSame(frames[2], ring.get(3).frame());
        assertNull(ring.get(6));
        assertEquals(0, frames[0].refCnt());
        assertEquals(0, frames[1].refCnt());
        assertEquals(1, frames[4].refCnt());
        ring.clear();
        assertEquals(0, frames[2].refCnt() + frames[3].refCnt() + frames[4].refCnt());
        assertEquals(5, ring.newest(), "the sequence carries on");
        assertNull(ring.get(5));
    }

    @Test
    void shouldRefuseASequenceGap() {
        final SseEventRing ring = new SseEventRing(2);
        final ByteBuf frame = Unpooled.buffer(1);
        assertThrows(IllegalArgumentException.class, () -> ring.add(new SseEvent(2, frame)));
        frame.release();
    }
}
