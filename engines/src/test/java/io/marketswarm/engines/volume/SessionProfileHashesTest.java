package io.marketswarm.engines.volume;

import static io.marketswarm.engines.volume.SessionProfileBuilderTest.EXAMPLE_A;
import static io.marketswarm.engines.volume.SessionProfileBuilderTest.feedTrades;
import static io.marketswarm.engines.volume.SessionProfileBuilderTest.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

class SessionProfileHashesTest {
    private static final SessionProfileConfig D = SessionProfileConfig.DEFAULT;
    private static final SessionProfileListener IGNORE = s -> { };

    @Test
    void shouldExpireHashesAfterADay() {
        assertEquals(86_400L, SessionProfileHashes.DEFAULT_TTL_SECONDS);
    }

    @Test
    void shouldWriteExampleAPocHashInSpecOrder() {
        final SessionProfileHashes h = new SessionProfileHashes(exampleA(1.0), D, 2);
        assertEquals(List.of(
            Map.entry("poc_price", "105.00"),
            Map.entry("poc_volume", "60"),
            Map.entry("value_area_high", "107.00"),
            Map.entry("value_area_low", "102.00"),
            Map.entry("profile_strength", "0.33766233766233766"),
            Map.entry("exchange_timestamp", "2025-12-01T15:00:10+00:00"),
            Map.entry("session_date", "2025-12-01"),
            Map.entry("total_volume", "255"),
            Map.entry("va_volume", "210"),
            Map.entry("poc_share", "0.23529411764705882"),
            Map.entry("va_mode", "SINGLE"),
            Map.entry("va_percent", "0.7"),
            Map.entry("row_size", "1.00")), entries(h.pocFields()));
    }

    @Test
    void shouldWriteExampleASessionHashInSpecOrder() throws IOException {
        final SessionProfileHashes h = new SessionProfileHashes(exampleA(1.0), D, 2);
        final Map<String, String> fields = h.sessionFields();
        assertEquals(List.of(
            Map.entry("poc_price", "105.00"),
            Map.entry("poc_volume", "60"),
            Map.entry("value_area_high", "107.00"),
            Map.entry("value_area_low", "102.00"),
            Map.entry("profile_strength", "0.33766233766233766"),
            Map.entry("total_volume", "255"),
            Map.entry("price_levels", "10"),
            Map.entry("price_volume_distribution", "{\"100.00\":5,\"101.00\":25,\"102.00\":35,\"103.00\":15,"
                + "\"104.00\":30,\"105.00\":60,\"106.00\":50,\"107.00\":20,\"108.00\":10,\"110.00\":5}"),
            Map.entry("support_levels", "[102.00]"),
            Map.entry("resistance_levels", "[105.00]"),
            Map.entry("hvn", "[102.00,105.00]"),
            Map.entry("lvn", "[103.00]"),
            Map.entry("session_start", "2025-12-01T09:30:00-05:00"),
            Map.entry("exchange_timestamp", "2025-12-01T15:00:10+00:00"),
            Map.entry("calculation_method", "va_single")), entries(fields));
        for (final String json : List.of("price_volume_distribution", "support_levels", "hvn", "lvn")) {
            assertValidJson(fields.get(json));
        }
    }

    @Test
    void shouldWriteDualExampleAWithTickRows() {
        final SessionProfileHashes h = new SessionProfileHashes(exampleA(0.01),
            D.withValueArea(ValueAreaMode.DUAL, ValueAreaTie.UP), 2);
        final Map<String, String> poc = h.pocFields();
        assertEquals("1.05", poc.get("poc_price"));
        assertEquals("1.01", poc.get("value_area_low"));
        assertEquals("1.07", poc.get("value_area_high"));
        assertEquals("235", poc.get("va_volume"));
        assertEquals("0.30947775628626695", poc.get("profile_strength"));
        assertEquals("DUAL", poc.get("va_mode"));
        assertEquals("0.01", poc.get("row_size"));
        final Map<String, String> session = h.sessionFields();
        assertEquals("va_dual", session.get("calculation_method"));
        assertEquals("[1.02,1.05]", session.get("hvn"));
        assertEquals("[1.03]", session.get("lvn"));
    }

    @Test
    void shouldFormatTickPricesAndIntegralVolumesExactly() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.01, IGNORE);
        b.onTrade(ms("2025-12-01T15:00:00Z"), 600.15, 3000);
        b.onTrade(ms("2025-12-01T15:00:01Z"), 600.14, 1000);
        b.onTrade(ms("2025-12-01T15:00:02Z"), 600.16, 1000);
        final SessionProfileHashes h = new SessionProfileHashes(b.snapshot(), D, 2);
        assertEquals("600.15", h.pocFields().get("poc_price"));
        assertEquals("3000", h.pocFields().get("poc_volume"));
        assertEquals("{\"600.14\":1000,\"600.15\":3000,\"600.16\":1000}",
            h.sessionFields().get("price_volume_distribution"));
        assertEquals("600.15", h.price(60015));
        assertEquals("0.10", h.price(10));
        assertEquals("-0.05", h.price(-5));
    }

    @Test
    void shouldWriteFractionalVolumesAsShortestRoundTrip() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.1, IGNORE);
        b.onBar(ms("2025-12-01T20:59:00Z"), 600.1, 600.30, 600.00, 600.15, 7000);
        final SessionProfileHashes h = new SessionProfileHashes(b.snapshot(), D, 2);
        assertEquals("{\"600.00\":1400,\"600.10\":2100,\"600.20\":2566.666666666667,\"600.30\":933.3333333333334}",
            h.sessionFields().get("price_volume_distribution"));
        assertEquals("2025-12-01T20:59:00+00:00", h.pocFields().get("exchange_timestamp"));
        assertEquals("233.33333333333334", SessionProfileHashes.volume(7000 / 30.0));
        assertEquals("0.30000000000000004", SessionProfileHashes.volume(0.1 + 0.2));
        assertEquals("0", SessionProfileHashes.volume(0.0));
        assertEquals("100000000000000000000", SessionProfileHashes.volume(1e20));
    }

    @Test
    void shouldOmitNullStrengthOfASingleRowProfile() {
        final SessionProfileBuilder b = new SessionProfileBuilder("SPY", 0.01, IGNORE);
        b.onTrade(ms("2025-07-01T13:30:00.123Z"), 600.15, 700 / 3.0);
        final SessionProfileHashes h = new SessionProfileHashes(b.snapshot(), D, 2);
        assertFalse(h.pocFields().containsKey("profile_strength"));
        assertFalse(h.sessionFields().containsKey("profile_strength"));
        assertEquals("233.33333333333334", h.pocFields().get("poc_volume"));
        assertEquals("1.0", h.pocFields().get("poc_share"));
        assertEquals("2025-07-01T13:30:00.123+00:00", h.pocFields().get("exchange_timestamp"));
        assertEquals("2025-07-01T09:30:00-04:00", h.sessionFields().get("session_start"));
        assertEquals("[]", h.sessionFields().get("hvn"));
    }

    @Test
    void shouldRejectSessionsItCannotFormat() {
        final SessionProfileBuilder empty = new SessionProfileBuilder("SPY", 0.01, IGNORE);
        empty.onTrade(ms("2025-12-01T15:00:00Z"), 600.15, 0);
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileHashes(empty.snapshot(), D, 2));
        final SessionProfileSnapshot quarter = exampleA(0.25);
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileHashes(quarter, D, 1));
        assertThrows(IllegalArgumentException.class, () -> new SessionProfileHashes(quarter, D, -1));
        assertEquals("26.25", new SessionProfileHashes(quarter, D, 2).pocFields().get("poc_price"));
        assertEquals("105", new SessionProfileHashes(exampleA(1.0), D, 0).pocFields().get("poc_price"));
    }

    private static SessionProfileSnapshot exampleA(final double rowSize) {
        return feedTrades(EXAMPLE_A, rowSize, 104, IGNORE).snapshot();
    }

    private static List<Map.Entry<String, String>> entries(final Map<String, String> map) {
        return new ArrayList<>(map.entrySet());
    }

    private static void assertValidJson(final String json) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            JsonToken token = p.nextToken();
            while (token != null) {
                assertFalse(token == JsonToken.VALUE_STRING, "only numbers as values: " + json);
                token = p.nextToken();
            }
        }
    }
}
