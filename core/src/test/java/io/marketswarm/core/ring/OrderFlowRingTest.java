package io.marketswarm.core.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;

import io.marketswarm.core.events.MboEvent;

@Timeout(60)
class OrderFlowRingTest {

    private static final class Recording implements EventHandler<MboEvent> {
        final List<Long> orderIds = new ArrayList<>();
        volatile boolean ended;

        @Override
        public void onEvent(final MboEvent event, final long sequence, final boolean endOfBatch) {
            if (event.kind() == MboEvent.END_OF_STREAM) {
                ended = true;
            } else {
                orderIds.add(event.orderId());
            }
        }
    }

    private static void publish(final RingBuffer<MboEvent> ring, final int count) {
        for (int i = 0; i < count; i++) {
            final long sequence = ring.next();
            ring.get(sequence).record(i, i, i, 100, 1, 7, 1, 0x80, (byte)'A', (byte)'B');
            ring.publish(sequence);
        }
        final long sequence = ring.next();
        ring.get(sequence).endOfStream();
        ring.publish(sequence);
    }

    @ParameterizedTest
    @EnumSource(RingProfile.class)
    void shouldDeliverEveryEventInOrderToBothStages(final RingProfile profile) throws Exception {
        final Recording journal = new Recording();
        final Recording engine = new Recording();
        try (OrderFlowRing ring = new OrderFlowRing(1024, profile, -1, journal, engine)) {
            publish(ring.publisher(), 100_000);
            ring.awaitDrained(30, TimeUnit.SECONDS);
            assertTrue(journal.ended && engine.ended);
        }
        assertEquals(100_000, engine.orderIds.size());
        assertEquals(engine.orderIds, journal.orderIds);
        for (int i = 0; i < 100_000; i++) {
            assertEquals(i, engine.orderIds.get(i));
        }
    }

    @Test
    void shouldKeepConsumingAfterAStageFailsAndReportTheFirstFailure() throws Exception {
        final Recording journal = new Recording();
        final EventHandler<MboEvent> failing = (event, sequence, endOfBatch) -> {
            if (event.kind() == MboEvent.RECORD && event.orderId() % 1000 == 999) {
                throw new IllegalStateException("boom at " + event.orderId());
            }
        };
        try (OrderFlowRing ring = new OrderFlowRing(256, RingProfile.DEFAULT, -1, journal, failing)) {
            publish(ring.publisher(), 10_000);
            ring.awaitDrained(30, TimeUnit.SECONDS);
            assertNotNull(ring.failure());
            assertEquals("boom at 999", ring.failure().getMessage());
            assertEquals(10, ring.errors());
        }
        assertEquals(10_000, journal.orderIds.size());
    }

    @Test
    void shouldPinOnlyTheEngineStageAndNameEveryStageThread() throws Exception {
        final List<String> journalThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> engineThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        final EventHandler<MboEvent> journal = (event, sequence, endOfBatch) ->
            journalThreads.add(Thread.currentThread().getName());
        final EventHandler<MboEvent> engine = (event, sequence, endOfBatch) ->
            engineThreads.add(Thread.currentThread().getName());
        try (OrderFlowRing ring = new OrderFlowRing(1024, RingProfile.TUNED, -1, journal, engine)) {
            assertEquals(List.of(OrderFlowRing.JOURNAL_THREAD, OrderFlowRing.ENGINE_THREAD), ring.stageThreads());
            assertEquals(List.of(OrderFlowRing.ENGINE_THREAD), ring.pinnedThreads(), "only the engine is pinned");
            publish(ring.publisher(), 10);
            ring.awaitDrained(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(OrderFlowRing.JOURNAL_THREAD), journalThreads.stream().distinct().toList());
        assertEquals(List.of(OrderFlowRing.ENGINE_THREAD), engineThreads.stream().distinct().toList());
        try (OrderFlowRing ring = new OrderFlowRing(1024, RingProfile.DEFAULT, -1, null, engine)) {
            assertEquals(List.of(OrderFlowRing.ENGINE_THREAD), ring.stageThreads());
            assertEquals(List.of(), ring.pinnedThreads(), "nothing is pinned under the default profile");
        }
    }
}
