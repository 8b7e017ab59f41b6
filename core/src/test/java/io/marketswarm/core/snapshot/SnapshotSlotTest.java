package io.marketswarm.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SnapshotSlotTest {

    private static final int LENGTH = 16_000;

    @Test
    void shouldReportEmptyBeforeTheFirstWrite() {
        final SnapshotSlot slot = new SnapshotSlot(64);
        assertEquals(SnapshotSlot.EMPTY, slot.read(new UnsafeBuffer(new byte[64]), 0));
    }

    @Test
    void shouldReturnTheLatestWholeSnapshot() {
        final SnapshotSlot slot = new SnapshotSlot(64);
        final UnsafeBuffer source = new UnsafeBuffer(new byte[64]);
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[64]);
        source.putLong(0, 1);
        slot.write(source, 0, 8);
        source.putLong(0, 2);
        slot.write(source, 0, 8);
        assertEquals(2, slot.read(copy, 0));
        assertEquals(2, copy.getLong(0));
        assertEquals(2, slot.writes());
    }

    @Test
    void shouldRejectPayloadLargerThanCapacity() {
        final SnapshotSlot slot = new SnapshotSlot(8);
        assertThrows(IllegalArgumentException.class, () -> slot.write(new UnsafeBuffer(new byte[16]), 0, 16));
    }

    /** A writer fills every word of each snapshot with its number; a reader must never accept a mixed copy. */
    @Test
    @Timeout(30)
    void shouldNeverHandReadersATornSnapshot() throws InterruptedException {
        final SnapshotSlot slot = new SnapshotSlot(LENGTH);
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong torn = new AtomicLong();
        final AtomicLong whole = new AtomicLong();
        final AtomicLong mixed = new AtomicLong();
        final Thread reader = new Thread(() -> {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[LENGTH]);
            while (running.get() || whole.get() == 0) {
                final long number = slot.read(copy, 0);
                if (number == SnapshotSlot.TORN) {
                    torn.incrementAndGet();
                } else if (number > 0) {
                    whole.incrementAndGet();
                    final long first = copy.getLong(0);
                    for (int i = 8; i < LENGTH; i += 8) {
                        if (copy.getLong(i) != first) {
                            mixed.incrementAndGet();
                            break;
                        }
                    }
                }
            }
        });
        reader.start();
        final UnsafeBuffer source = new UnsafeBuffer(new byte[LENGTH]);
        for (long n = 1; n <= 200_000; n++) {
            for (int i = 0; i < LENGTH; i += 8) {
                source.putLong(i, n);
            }
            slot.write(source, 0, LENGTH);
        }
        running.set(false);
        reader.join();
        assertEquals(0, mixed.get(), "mixed copies accepted");
        assertTrue(whole.get() > 0);
    }
}
