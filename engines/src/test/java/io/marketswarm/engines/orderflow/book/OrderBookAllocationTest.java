package io.marketswarm.engines.orderflow.book;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/**
 * Steady state allocates nothing: a random stream is applied once (the structures grow to fit), the book is cleared,
 * and the same stream applied again must allocate (almost) no bytes on this thread. One boxed value per event would
 * show as megabytes; the slack covers the measurement itself.
 */
class OrderBookAllocationTest {

    private static final int EVENTS = 100_000;
    private static final long SLACK_BYTES = 4096;

    @Test
    void shouldNotAllocateInSteadyStateInParityMode() {
        assertNoAllocation(new ParityOrderBook(1, 1));
    }

    @Test
    void shouldNotAllocateInSteadyStateInDatabentoMode() {
        assertNoAllocation(new DatabentoOrderBook(1, 1));
    }

    private static void assertNoAllocation(final OrderBook book) {
        final RandomMboStream stream = new RandomMboStream(7, 3000, 100);
        final byte[] action = new byte[EVENTS];
        final byte[] side = new byte[EVENTS];
        final long[] price = new long[EVENTS];
        final long[] size = new long[EVENTS];
        final long[] orderId = new long[EVENTS];
        final int[] flags = new int[EVENTS];
        final int[] publisher = new int[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            stream.next();
            action[i] = stream.action;
            side[i] = stream.side;
            price[i] = stream.price;
            size[i] = stream.size;
            orderId[i] = stream.orderId;
            flags[i] = stream.flags;
            publisher[i] = stream.publisherId;
        }
        final TouchBuffer touches = new TouchBuffer();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        long allocated = 0;
        for (int round = 0; round < 3; round++) {
            book.clear();
            final long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < EVENTS; i++) {
                touches.clear();
                book.apply(action[i], side[i], price[i], size[i], orderId[i], flags[i], publisher[i], touches);
            }
            allocated = threads.getThreadAllocatedBytes(thread) - before;
        }
        final long last = allocated;
        assertTrue(last <= SLACK_BYTES, () -> last + " bytes allocated over " + EVENTS + " events");
    }
}
