package io.marketswarm.engines.volume;

import static io.marketswarm.engines.volume.SessionProfileBuilderTest.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Steady state allocates nothing: one session is built (the row window grows to fit), then the next day's session
 * replays the same prices; after its first event (date lookup, previous session's snapshot) no bytes may be
 * allocated on this thread beyond the measurement's own slack.
 */
class SessionProfileBuilderAllocationTest {
    private static final int EVENTS = 100_000;
    private static final long SLACK_BYTES = 4096;
    private static final long DAY_MS = 86_400_000L;

    @Test
    void shouldNotAllocatePerBarOrTradeInSteadyState() {
        final Random random = new Random(5);
        final double[] price = new double[EVENTS];
        final double[] size = new double[EVENTS];
        double mid = 600.0;
        for (int i = 0; i < EVENTS; i++) {
            mid += (random.nextInt(21) - 10) * 0.01;
            price[i] = Math.round(mid * 100) / 100.0;
            size[i] = 1 + random.nextInt(500);
        }
        final List<SessionProfileSnapshot> finished = new ArrayList<>();
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.01, finished::add);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final long open = ms("2025-12-01T14:30:00Z");
        long allocated = 0;
        for (int day = 0; day < 3; day++) {
            final long start = open + day * DAY_MS;
            assertTrue(b.onTrade(start, price[0], size[0]));
            final long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 1; i < EVENTS; i++) {
                final long t = start + i * 200L;
                if ((i & 1) == 0) {
                    b.onTrade(t, price[i], size[i]);
                } else {
                    b.onBar(t, price[i], price[i] + 0.05, price[i] - 0.05, price[i], size[i]);
                }
            }
            allocated = threads.getThreadAllocatedBytes(thread) - before;
        }
        assertEquals(2, finished.size());
        assertEquals(3L * EVENTS, b.includedEvents());
        final long last = allocated;
        assertTrue(last <= SLACK_BYTES, () -> last + " bytes allocated over " + EVENTS + " events");
    }
}
