package io.marketswarm.engines.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionProfileBuilderTest {
    static final double[] EXAMPLE_A = {5, 25, 35, 15, 30, 60, 50, 20, 10, 0, 5};
    static final double[] EXAMPLE_B = {2, 30, 50, 30, 2};
    static final double[] EXAMPLE_C = {10, 40, 10, 40, 10, 5};
    private static final SessionProfileConfig D = SessionProfileConfig.DEFAULT;
    private static final long WINTER_10_00 = ms("2025-12-01T15:00:00Z");

    private final List<SessionProfileSnapshot> finished = new ArrayList<>();

    static long ms(final String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    /** Exact decimal price of a row, as a feed would send it. */
    static double price(final long row, final double rowSize) {
        return BigDecimal.valueOf(row).multiply(BigDecimal.valueOf(rowSize)).doubleValue();
    }

    /**
     * Feeds one trade per row with volume from row 100 up, one second apart from 10:00 ET on 2025-12-01, with the
     * row {@code lastRow} traded last (its volume split in two, the second half last).
     */
    static SessionProfileBuilder feedTrades(final double[] volumes, final double rowSize, final long lastRow,
                                            final SessionProfileListener listener) {
        final SessionProfileBuilder b = new SessionProfileBuilder("ES:FUT", rowSize, listener);
        long t = WINTER_10_00;
        for (int i = 0; i < volumes.length; i++) {
            final long row = 100 + i;
            final double v = row == lastRow ? volumes[i] / 2 : volumes[i];
            if (v > 0) {
                assertTrue(b.onTrade(t, price(row, rowSize), v), "row " + row);
                t += 1000;
            }
        }
        final double rest = volumes[(int) (lastRow - 100)] / 2;
        assertTrue(b.onTrade(t, price(lastRow, rowSize), rest));
        return b;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.01, 0.25, 0.05})
    void shouldReproduceExampleAFromTrades(final double rowSize) {
        final SessionProfileBuilder b = feedTrades(EXAMPLE_A, rowSize, 104, finished::add);
        assertEquals(price(104, rowSize), b.lastPrice(), 0.0);

        final SessionProfileResult r = b.result(D);
        assertEquals(100, r.firstRow());
        assertEquals(11, r.rowCount());
        assertEquals(255.0, r.totalVolume(), 0.0);
        assertEquals(105, r.pocRow());
        assertEquals(60.0, r.pocVolume(), 0.0);
        assertEquals(102, r.valRow());
        assertEquals(107, r.vahRow());
        assertEquals(210.0, r.vaVolume(), 0.0);
        assertArrayEquals(new long[] {102, 105}, r.hvnRows());
        assertArrayEquals(new long[] {103}, r.lvnRows());
        assertEquals(0.3376623377, r.profileStrength(), 1e-10);
        assertEquals(0.2352941176, r.pocShare(), 1e-10);
        assertArrayEquals(new long[] {102}, r.supportRows());
        assertArrayEquals(new long[] {105}, r.resistanceRows());

        final SessionProfileResult dual = b.result(D.withValueArea(ValueAreaMode.DUAL, ValueAreaTie.UP));
        assertEquals(101, dual.valRow());
        assertEquals(107, dual.vahRow());
        assertEquals(235.0, dual.vaVolume(), 0.0);
        assertEquals(0.3094777563, dual.profileStrength(), 1e-10);

        final SessionProfileSnapshot s = b.snapshot();
        assertEquals(10, s.rowsWithVolume());
        assertEquals(0.0, s.volume(109), 0.0);
        assertEquals(104, s.referenceRow());
        assertEquals(r.valRow(), s.result(D).valRow());
        assertTrue(finished.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.01})
    void shouldApplyExampleBTieRules(final double rowSize) {
        final SessionProfileBuilder b = feedTrades(EXAMPLE_B, rowSize, 102, finished::add);
        assertRows(b, ValueAreaMode.SINGLE, ValueAreaTie.UP, 102, 103, 80);
        assertRows(b, ValueAreaMode.SINGLE, ValueAreaTie.DOWN, 101, 102, 80);
        assertRows(b, ValueAreaMode.DUAL, ValueAreaTie.UP, 102, 104, 82);
        assertRows(b, ValueAreaMode.DUAL, ValueAreaTie.DOWN, 100, 102, 82);
        assertEquals(0.43, b.result(D).profileStrength(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.01})
    void shouldApplyExampleCPocTieRules(final double rowSize) {
        final SessionProfileBuilder b = feedTrades(EXAMPLE_C, rowSize, 100, finished::add);
        assertEquals(103, b.result(D).pocRow());
        assertEquals(101, b.result(D.withPocTie(PocTie.LOWEST)).pocRow());
        assertRows(b, ValueAreaMode.SINGLE, ValueAreaTie.UP, 101, 104, 100);
        assertRows(b, ValueAreaMode.SINGLE, ValueAreaTie.DOWN, 101, 103, 90);
    }

    private static void assertRows(final SessionProfileBuilder b, final ValueAreaMode mode, final ValueAreaTie tie,
                                   final long val, final long vah, final double vaVolume) {
        final SessionProfileResult r = b.result(D.withValueArea(mode, tie));
        assertEquals(val, r.valRow(), mode + "/" + tie + " VAL");
        assertEquals(vah, r.vahRow(), mode + "/" + tie + " VAH");
        assertEquals(vaVolume, r.vaVolume(), 0.0, mode + "/" + tie + " va_volume");
    }

    @Test
    void shouldSpreadBarsWithTheTvRuleOfSection9() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.1, finished::add);
        assertTrue(b.onBar(WINTER_10_00, 600.05, 600.30, 600.00, 600.15, 3000));
        assertEquals(Map.of(6000L, 600.0, 6001L, 900.0, 6002L, 1100.0, 6003L, 400.0), rows(b.snapshot()));
        assertEquals(6002, b.snapshot().referenceRow(), "600.15 * 10 = 6001.5 rounds half-even to 6002");

        final SessionProfileBuilder c = new SessionProfileBuilder("SPY", 0.1, finished::add);
        assertTrue(c.onBar(WINTER_10_00, 450.1, 450.35, 450.05, 450.25, 90));
        assertEquals(Map.of(4500L, 3.0, 4501L, 27.0, 4502L, 33.0, 4503L, 27.0), rows(c.snapshot()));
        assertEquals(4502, c.snapshot().referenceRow(), "4502.5 rounds half-even to 4502");
    }

    @Test
    void shouldMatchNaiveTvReferenceOverRandomBars() {
        final double rowSize = 0.05;
        final SessionProfileBuilder b = new SessionProfileBuilder("QQQ", rowSize, finished::add);
        final TreeMap<Long, Double> reference = new TreeMap<>();
        final Random random = new Random(11);
        double mid = 500.0;
        for (int k = 0; k < 390; k++) {
            mid += (random.nextInt(41) - 20) * 0.01;
            final double low = Math.round((mid - random.nextInt(30) * 0.01) * 100) / 100.0;
            final double high = Math.round((mid + random.nextInt(30) * 0.01) * 100) / 100.0;
            final double volume = 1 + random.nextInt(50_000) + (random.nextBoolean() ? 0.5 : 0.0);
            assertTrue(b.onBar(WINTER_10_00 - 30 * 60_000 + k * 60_000L, mid, high, low, mid, volume));
            final double m = 1.0 / rowSize;
            if (high > low) {
                final double step = (high - low) / 30.0;
                for (int i = 0; i < 30; i++) {
                    reference.merge((long) Math.rint((low + i * step) * m), volume / 30.0, Double::sum);
                }
            } else {
                reference.merge((long) Math.rint(mid * m), volume, Double::sum);
            }
        }
        assertEquals(reference, rows(b.snapshot()));
    }

    @Test
    void shouldPutFlatOrRangelessBarOnTheCloseRow() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.1, finished::add);
        assertTrue(b.onBar(WINTER_10_00, 500.0, 500.0, 500.0, 500.0, 100));
        assertTrue(b.onBar(WINTER_10_00 + 60_000, Double.NaN, Double.NaN, Double.NaN, 500.2, 7));
        assertTrue(b.onBar(WINTER_10_00 + 120_000, 500.1, 500.0, 500.3, 500.1, 5));
        assertEquals(Map.of(5000L, 100.0, 5001L, 5.0, 5002L, 7.0), rows(b.snapshot()));
        assertEquals(500.1, b.lastPrice(), 0.0);
    }

    @Test
    void shouldUsePocAsReferenceWhenNoCloseWasSeen() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 1.0, finished::add);
        for (int i = 0; i < EXAMPLE_A.length; i++) {
            if (EXAMPLE_A[i] > 0) {
                assertTrue(b.onBar(WINTER_10_00 + i * 60_000L, Double.NaN, 100.4 + i, 100 + i, Double.NaN,
                    EXAMPLE_A[i]));
            }
        }
        assertTrue(Double.isNaN(b.lastPrice()));
        assertEquals(SessionProfileMetrics.NO_REFERENCE, b.snapshot().referenceRow());
        final SessionProfileResult r = b.result(D);
        assertArrayEquals(new long[] {102}, r.supportRows());
        assertArrayEquals(new long[0], r.resistanceRows(), "the HVN at the POC is in neither list");
    }

    @Test
    void shouldRejectInvalidEventsAndCountThem() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.01, finished::add);
        assertFalse(b.onTrade(WINTER_10_00, Double.NaN, 10));
        assertFalse(b.onTrade(WINTER_10_00, 600.0, -1));
        assertFalse(b.onTrade(WINTER_10_00, 600.0, Double.NaN));
        assertFalse(b.onTrade(WINTER_10_00, Double.POSITIVE_INFINITY, 1));
        assertFalse(b.onTrade(WINTER_10_00, 1e300, 1));
        assertFalse(b.onTrade(-1, 600.0, 1));
        assertFalse(b.onBar(WINTER_10_00, 1, 600.3, 600.0, 600.1, Double.POSITIVE_INFINITY));
        assertFalse(b.onBar(WINTER_10_00, 1, 600.0, 600.0, Double.NaN, 10));
        assertFalse(b.onBar(WINTER_10_00, 1, Double.POSITIVE_INFINITY, 600.0, 600.1, 10));
        assertEquals(9, b.invalidEvents());
        assertNull(b.sessionDate(), "a rejected event opens no session");

        assertTrue(b.onTrade(WINTER_10_00, 600.0, 1));
        assertFalse(b.onTrade(WINTER_10_00 + 1, 60_000.0, 1), "would span more than MAX_SPAN rows");
        assertFalse(b.onBar(WINTER_10_00 + 1, 1, 20_000.0, 600.0, 600.1, 10), "would span more than MAX_SPAN rows");
        assertEquals(11, b.invalidEvents());
        assertEquals(1, b.includedEvents());
        assertEquals(1.0, b.result(D).totalVolume(), 0.0);
    }

    @Test
    void shouldIncludeOnlyRegularHoursInSummerAndWinter() {
        final SessionProfileBuilder summer = new SessionProfileBuilder("SPY", 0.01, finished::add);
        assertFalse(summer.onBar(ms("2025-07-01T13:29:00Z"), 1, 2, 1, 1.5, 10), "09:29 EDT");
        assertTrue(summer.onBar(ms("2025-07-01T13:30:00Z"), 1, 2, 1, 1.5, 10), "09:30 EDT");
        assertTrue(summer.onBar(ms("2025-07-01T19:59:00Z"), 1, 2, 1, 1.5, 10), "15:59 EDT");
        assertFalse(summer.onBar(ms("2025-07-01T20:00:00Z"), 1, 2, 1, 1.5, 10), "16:00 EDT");
        assertEquals(2, summer.outOfSessionEvents());
        assertEquals(LocalDate.of(2025, 7, 1), summer.sessionDate());

        final SessionProfileBuilder winter = new SessionProfileBuilder("SPY", 0.01, finished::add);
        assertFalse(winter.onTrade(ms("2025-12-01T13:30:00Z"), 1, 10), "08:30 EST");
        assertFalse(winter.onTrade(ms("2025-12-01T14:29:59.999Z"), 1, 10), "09:29:59.999 EST");
        assertTrue(winter.onTrade(ms("2025-12-01T14:30:00Z"), 1, 10), "09:30 EST");
        assertTrue(winter.onTrade(ms("2025-12-01T20:59:59.999Z"), 1, 10), "15:59:59.999 EST");
        assertFalse(winter.onTrade(ms("2025-12-01T21:00:00Z"), 1, 10), "16:00 EST");
        assertFalse(winter.onTrade(ms("2025-12-02T02:00:00Z"), 1, 10), "21:00 EST, still December 1st");
        assertEquals(4, winter.outOfSessionEvents());
        assertEquals(2, winter.includedEvents());
        assertEquals(LocalDate.of(2025, 12, 1), winter.sessionDate());
        assertTrue(finished.isEmpty(), "no later New York date was seen");
    }

    @Test
    void shouldFollowTheDstSwitchWithinOneBuilder() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.01, finished::add);
        assertTrue(b.onBar(ms("2025-03-07T14:30:00Z"), 1, 2, 1, 1.5, 10), "Friday 09:30 EST");
        assertFalse(b.onBar(ms("2025-03-10T13:29:00Z"), 1, 2, 1, 1.5, 10), "Monday 09:29 EDT");
        assertEquals(1, finished.size(), "a later date finishes the session even when out of session");
        assertNull(b.sessionDate());
        assertTrue(b.onBar(ms("2025-03-10T13:30:00Z"), 1, 2, 1, 1.5, 10), "Monday 09:30 EDT");
        assertEquals(LocalDate.of(2025, 3, 10), b.sessionDate());
        assertEquals(ms("2025-03-10T13:30:00Z"), b.snapshot().sessionStartMs());
        assertEquals(ms("2025-03-10T20:00:00Z"), b.snapshot().sessionEndMs());
        assertEquals(LocalDate.of(2025, 3, 7), finished.get(0).sessionDate());
        assertEquals(ms("2025-03-07T14:30:00Z"), finished.get(0).sessionStartMs());
    }

    @Test
    void shouldFinishSessionWhenALaterDateArrivesAndIgnoreLateEvents() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 1.0, finished::add);
        assertTrue(b.onTrade(ms("2025-12-01T15:00:00Z"), 100, 5));
        assertTrue(b.onTrade(ms("2025-12-01T20:59:00Z"), 101, 7));
        assertTrue(b.onTrade(ms("2025-12-02T14:30:00Z"), 200, 3));

        assertEquals(1, finished.size());
        final SessionProfileSnapshot dec1 = finished.get(0);
        assertEquals("SPY", dec1.symbol());
        assertEquals(LocalDate.of(2025, 12, 1), dec1.sessionDate());
        assertEquals(Map.of(100L, 5.0, 101L, 7.0), rows(dec1));
        assertEquals(101.0, dec1.lastPrice(), 0.0);
        assertEquals(ms("2025-12-01T15:00:00Z"), dec1.firstEventMs());
        assertEquals(ms("2025-12-01T20:59:00Z"), dec1.lastEventMs());
        assertEquals(2, dec1.includedEvents());

        assertEquals(LocalDate.of(2025, 12, 2), b.sessionDate());
        assertEquals(Map.of(200L, 3.0), rows(b.snapshot()));
        assertFalse(b.onTrade(ms("2025-12-01T20:00:00Z"), 100, 1), "December 1st is finished");
        assertEquals(1, b.lateEvents());
        assertEquals(1, b.finishedSessions());
        assertEquals(Map.of(200L, 3.0), rows(b.snapshot()));
    }

    @Test
    void shouldFinishOnTimeAtTheCloseAndTreatThatDateAsLate() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 1.0, finished::add);
        assertFalse(b.onTime(ms("2025-12-01T21:00:00Z")), "nothing open");
        assertTrue(b.onTrade(ms("2025-12-01T15:00:00Z"), 100, 5));
        assertFalse(b.onTime(ms("2025-12-01T20:59:59.999Z")));
        assertTrue(b.onTime(ms("2025-12-01T21:00:00Z")));
        assertFalse(b.finishSession());
        assertEquals(1, finished.size());
        assertFalse(b.onTrade(ms("2025-12-01T20:00:00Z"), 100, 1));
        assertEquals(1, b.lateEvents());
        assertNull(b.snapshot());
        assertNull(b.result(D));
    }

    @Test
    void shouldKeepLastPriceOfTheLatestEventAndTheEventTimeRange() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 1.0, finished::add);
        assertTrue(b.onTrade(WINTER_10_00 + 5000, 101, 1));
        assertTrue(b.onTrade(WINTER_10_00, 99, 1));
        assertEquals(101.0, b.lastPrice(), 0.0, "an older trade does not move the last price");
        assertTrue(b.onTrade(WINTER_10_00 + 5000, 102, 1));
        assertEquals(102.0, b.lastPrice(), 0.0, "a tie goes to the later call");
        assertTrue(b.onTrade(WINTER_10_00 + 6000, 103, 0));
        assertEquals(103.0, b.lastPrice(), 0.0, "a zero-size trade is included but adds no row");
        final SessionProfileSnapshot s = b.snapshot();
        assertEquals(3, s.rowsWithVolume());
        assertEquals(WINTER_10_00, s.firstEventMs());
        assertEquals(WINTER_10_00 + 6000, s.lastEventMs());
        assertEquals(WINTER_10_00 + 6000, b.lastEventMs());
    }

    @Test
    void shouldDeliverASessionWithoutVolumeAndComputeNoResult() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 1.0, finished::add);
        assertTrue(b.onTrade(WINTER_10_00, 100, 0));
        assertNull(b.result(D));
        assertTrue(b.finishSession());
        assertEquals(0, finished.get(0).rowsWithVolume());
        assertEquals(0, finished.get(0).rowCount());
        assertNull(finished.get(0).result(D));
    }

    @Test
    void shouldHonourACustomSessionWindow() {
        final SessionProfileBuilder b = new SessionProfileBuilder("ES:FUT", 0.25, LocalTime.of(8, 0),
            LocalTime.of(12, 0), finished::add);
        assertTrue(b.onTrade(ms("2025-12-01T13:00:00Z"), 6000.25, 1), "08:00 EST");
        assertFalse(b.onTrade(ms("2025-12-01T17:00:00Z"), 6000.25, 1), "12:00 EST");
        assertEquals(Map.of(24001L, 1.0), rows(b.snapshot()));
    }

    @Test
    void shouldValidateConstructorArguments() {
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileBuilder(" ", 1.0, finished::add));
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileBuilder("S", 0.0, finished::add));
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileBuilder("S", Double.NaN, finished::add));
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileBuilder("S", Double.MIN_VALUE,
            finished::add));
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileBuilder("S", 1.0, LocalTime.NOON,
            LocalTime.NOON, finished::add));
        assertThrows(NullPointerException.class, () -> new SessionProfileBuilder("S", 1.0, null));
    }

    static Map<Long, Double> rows(final SessionProfileSnapshot s) {
        final TreeMap<Long, Double> out = new TreeMap<>();
        s.forEachRowWithVolume(out::put);
        return out;
    }
}
