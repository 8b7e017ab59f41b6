package io.marketswarm.engines.orderflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;

import io.marketswarm.engines.orderflow.book.ParityOrderBook;

/**
 * Spec §3.2 filter, §9 phases and throttle, observed through the grids the pipeline emits.
 */
class OrderFlowPipelineTest {

    private static final long TICK = 250_000_000L;
    private static final long MS = 1_000_000L;
    private static final LocalDate DT = LocalDate.of(2026, 2, 6);
    private static final long DAY_START = 1_770_336_000_000_000_000L;
    private static final long WARMUP = 1_770_384_600_000_000_000L;
    private static final long EMIT = 1_770_386_400_000_000_000L;

    private final List<long[]> emitted = new ArrayList<>();

    private OrderFlowPipeline pipeline(final LocalTime start, final double throttleMs, final LongHashSet dropped) {
        final OrderFlowSettings settings = new OrderFlowSettings(true, "MNQH6", DT, start, throttleMs, TICK,
            OrderFlowSettings.BookMode.PARITY);
        return new OrderFlowPipeline(settings, new VacuumPressureEngine(TICK, new ParityOrderBook()), dropped,
            grid -> emitted.add(new long[] {grid.tsNs(), grid.eventId(), grid.spotRefPriceInt(),
                grid.bookValid() ? 1 : 0}), null);
    }

    private static void add(final OrderFlowPipeline p, final long ts, final long id, final char side,
        final double price) {
        p.onRecord(ts, (byte)'A', (byte)side, Math.round(price * 1e9), 1, id, 0x80, 1, 7);
    }

    @Test
    void shouldDeriveSpecTimeBoundaries() {
        final OrderFlowSettings futures = new OrderFlowSettings(true, "MNQH6", DT, LocalTime.of(9, 0), 25, TICK,
            OrderFlowSettings.BookMode.PARITY);
        assertEquals(WARMUP, futures.warmupStartNs());
        assertEquals(EMIT, futures.emitAfterNs());
        assertEquals(1_770_336_000_000_000_000L, futures.sessionStartNs());
        assertEquals(1_770_422_400_000_000_000L, futures.sessionEndNs());
        final OrderFlowSettings equities = new OrderFlowSettings(false, "QQQ", DT, null, 25, TICK,
            OrderFlowSettings.BookMode.PARITY);
        assertEquals(1_770_361_200_000_000_000L, equities.sessionStartNs());
        assertEquals(1_770_411_600_000_000_000L, equities.sessionEndNs());
        assertEquals(0, equities.warmupStartNs());
        final OrderFlowSettings summer = new OrderFlowSettings(true, "MNQU6", LocalDate.of(2026, 7, 6),
            LocalTime.of(9, 30), 25, TICK, OrderFlowSettings.BookMode.PARITY);
        assertEquals(java.time.Instant.parse("2026-07-06T13:30:00Z").toEpochMilli() * MS, summer.emitAfterNs());
        assertEquals(25 * MS, futures.throttleNs());
        assertEquals(1_500_000L, new OrderFlowSettings(true, "X", DT, null, 1.5, TICK,
            OrderFlowSettings.BookMode.PARITY).throttleNs());
    }

    @Test
    void shouldEmitOnTheLeadingEdgeOfEachThrottleInterval() {
        final OrderFlowPipeline p = pipeline(null, 25, new LongHashSet());
        final long[] offsetsMs = {0, 10, 20, 25, 30, 49, 50, 51, 200};
        for (int i = 0; i < offsetsMs.length; i++) {
            add(p, DAY_START + offsetsMs[i] * MS, i + 1, i % 2 == 0 ? 'B' : 'A', i % 2 == 0 ? 100.0 : 100.25);
        }
        assertEquals(List.of(0L, 25L, 50L, 200L), emitted.stream().map(g -> (g[0] - DAY_START) / MS).toList());
        assertEquals(List.of(1L, 4L, 7L, 9L), emitted.stream().map(g -> g[1]).toList());
        assertEquals(9, p.fullPath());
    }

    @Test
    void shouldEmitEveryEventWithZeroThrottle() {
        final OrderFlowPipeline p = pipeline(null, 0, new LongHashSet());
        for (int i = 0; i < 5; i++) {
            add(p, DAY_START + i, i + 1, 'B', 100.0);
        }
        assertEquals(5, emitted.size());
    }

    @Test
    void shouldBootstrapThenWarmUpThenEmit() {
        final OrderFlowPipeline p = pipeline(LocalTime.of(9, 0), 0, new LongHashSet());
        add(p, WARMUP - 10 * MS, 1, 'B', 100.0);
        add(p, WARMUP - 5 * MS, 2, 'A', 100.25);
        assertEquals(2, p.bookOnly());
        add(p, WARMUP, 3, 'B', 99.75);
        add(p, WARMUP - MS, 4, 'B', 99.5);
        add(p, EMIT - 1, 5, 'A', 100.5);
        assertTrue(emitted.isEmpty(), "nothing is emitted before the start time");
        add(p, EMIT, 6, 'A', 100.75);
        assertEquals(1, emitted.size());
        assertEquals(EMIT, emitted.get(0)[0]);
        assertEquals(5, emitted.get(0)[1], "event ids count book-only events; dropped records do not count");
        assertEquals(100_250_000_000L, emitted.get(0)[2]);
        assertEquals(1, p.droppedBeforeWarmup());
        assertEquals(3, p.fullPath());
    }

    @Test
    void shouldNormaliseSnapshotTimestampsToTheClearAnchor() {
        final OrderFlowPipeline p = pipeline(null, 0, new LongHashSet());
        final long anchor = DAY_START + 1000;
        p.onRecord(anchor, (byte)'R', (byte)'N', 0, 0, 0, 0x28, 1, 7);
        p.onRecord(anchor + 500, (byte)'A', (byte)'B', 100_000_000_000L, 1, 1, 0x28, 1, 7);
        p.onRecord(anchor + 900, (byte)'A', (byte)'A', 100_250_000_000L, 1, 2, 0xA8, 1, 7);
        p.onRecord(anchor + 2000, (byte)'A', (byte)'A', 100_500_000_000L, 1, 3, 0x80, 1, 7);
        assertEquals(List.of(anchor, anchor, anchor, anchor + 2000), emitted.stream().map(g -> g[0]).toList());
        assertEquals(0, emitted.get(0)[3], "the clear leaves the book invalid for exactly that event");
        assertEquals(0, emitted.get(1)[3], "still invalid inside the snapshot");
        assertEquals(1, emitted.get(2)[3], "valid from the snapshot's F_LAST");
    }

    @Test
    void shouldFilterWindowSymbolAndNullPrices() {
        final LongHashSet dropped = new LongHashSet();
        dropped.add(99);
        final OrderFlowPipeline p = pipeline(null, 0, dropped);
        p.onRecord(DAY_START - 1, (byte)'A', (byte)'B', 100_000_000_000L, 1, 1, 0, 1, 7);
        p.onRecord(DAY_START - 1, (byte)'A', (byte)'B', 100_000_000_000L, 1, 2, 0x20, 1, 7);
        p.onRecord(DAY_START + 86_400_000_000_000L, (byte)'R', (byte)'N', 0, 0, 0, 0, 1, 7);
        p.onRecord(DAY_START + 1, (byte)'A', (byte)'B', 100_000_000_000L, 1, 3, 0, 1, 99);
        p.onRecord(DAY_START + 2, (byte)'A', (byte)'B', Long.MAX_VALUE, 1, 4, 0, 1, 7);
        p.onRecord(DAY_START + 3, (byte)'T', (byte)'B', Long.MAX_VALUE, 1, 5, 0, 1, 7);
        assertEquals(1, p.droppedWindow());
        assertEquals(1, p.droppedSymbol());
        assertEquals(1, p.droppedNullPrice());
        assertEquals(3, emitted.size(), "snapshot outside the window, the clear and the null-price trade");
        assertFalse(p.finished());
        p.finish();
        assertTrue(p.finished());
    }
}
