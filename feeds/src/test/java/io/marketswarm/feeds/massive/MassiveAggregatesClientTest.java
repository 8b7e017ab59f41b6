package io.marketswarm.feeds.massive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.marketswarm.core.testsupport.SharedData;
import io.marketswarm.feeds.massive.FakeMassiveServer.Reply;
import io.marketswarm.feeds.massive.FakeMassiveServer.Request;

@Timeout(10)
class MassiveAggregatesClientTest {

    private static final String KEY = "sEcReT-kEy-0123456789abcdef";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);
    private static final String FIRST_PATH =
        "/v2/aggs/ticker/AAPL/range/1/minute/2024-03-01/2024-03-01?adjusted=true&sort=asc&limit=50000";

    private FakeMassiveServer server;
    private final List<Long> sleeps = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();

    record Bar(long t, double o, double h, double l, double c, double v, double vw, long n) {
    }

    @BeforeEach
    void start() throws IOException {
        server = new FakeMassiveServer();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    private MassiveAggregatesClient client() {
        return client(MassiveConfig.builder());
    }

    private MassiveAggregatesClient client(final MassiveConfig.Builder builder) {
        final MassiveConfig config = builder.baseUrl(server.baseUrl()).apiKey(KEY).build();
        return new MassiveAggregatesClient(config, sleeps::add, () -> 1_700_000_000_000L, () -> 0.0);
    }

    private FetchSummary fetch(final MassiveAggregatesClient client, final String ticker, final LocalDate from,
        final LocalDate to) throws Exception {
        return client.fetchMinuteBars(ticker, from, to,
            (t, o, h, l, c, v, vw, n) -> bars.add(new Bar(t, o, h, l, c, v, vw, n)));
    }

    private FetchSummary fetchDay(final MassiveAggregatesClient client) throws Exception {
        return fetch(client, "AAPL", DAY, DAY);
    }

    private static String sample(final String relative) throws IOException {
        return Files.readString(SharedData.require(relative), StandardCharsets.UTF_8);
    }

    private static String page(final long firstTs, final int count, final String nextUrl) {
        final StringBuilder sb = new StringBuilder("{\"ticker\":\"AAPL\",\"queryCount\":").append(count)
            .append(",\"resultsCount\":").append(count).append(",\"adjusted\":true,\"results\":[");
        for (int i = 0; i < count; i++) {
            final long t = firstTs + i * 60_000L;
            sb.append(i == 0 ? "" : ",").append("{\"v\":").append(100 + i).append(",\"vw\":10.5,\"o\":10,\"c\":11")
                .append(",\"h\":12,\"l\":9,\"t\":").append(t).append(",\"n\":").append(i + 1).append('}');
        }
        sb.append("],\"status\":\"OK\",\"request_id\":\"r\"");
        if (nextUrl != null) {
            sb.append(",\"next_url\":\"").append(nextUrl).append('"');
        }
        return sb.append('}').toString();
    }

    private void assertNoKey(final Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(KEY), "key leaked: " + t.getMessage());
        }
        if (ex instanceof MassiveApiException) {
            assertFalse(String.valueOf(((MassiveApiException) ex).url()).contains(KEY));
        }
    }

    @Test
    void shouldReplayRecordedAaplPage() throws Exception {
        server.enqueue(Reply.ok(sample("massive/rest/aggs_AAPL_range_1_day_2005-04-01_2005-04-04.json")));

        final FetchSummary summary = fetch(client(), "AAPL", LocalDate.of(2005, 4, 1), LocalDate.of(2005, 4, 4));

        assertEquals(new FetchSummary(1, 2), summary);
        assertEquals(new Bar(1112331600000L, 1.5032, 1.5064, 1.4489, 1.4604, 642646396.0, 1.469, 82132), bars.get(0));
        assertEquals(new Bar(1112587200000L, 1.4639, 1.4754, 1.4343, 1.4675, 578172308.0, 1.4589, 65543),
            bars.get(1));
        final Request request = server.requests().get(0);
        assertEquals("/v2/aggs/ticker/AAPL/range/1/minute/2005-04-01/2005-04-04?adjusted=true&sort=asc&limit=50000",
            request.pathAndQuery());
        assertEquals("Bearer " + KEY, request.authorization());
    }

    @Test
    void shouldFollowRecordedNextUrlWithBearerAndWithoutApiKey() throws Exception {
        final String first = sample("massive/spec-examples/aggs_stocks_range_with_next_url.json")
            .replace("https://api.massive.com", server.baseUrl());
        server.enqueue(Reply.ok(first))
            .enqueue(Reply.ok(sample("massive/rest/aggs_AAPL_range_1_day_2005-04-01_2005-04-04.json")));

        final FetchSummary summary = fetchDay(client());

        assertEquals(new FetchSummary(2, 4), summary);
        assertEquals(new Bar(1577941200000L, 74.06, 75.15, 73.7975, 75.0875, 135647456, 74.6099, 1), bars.get(0));
        assertEquals(1112587200000L, bars.get(3).t());
        final List<Request> requests = server.requests();
        assertEquals(2, requests.size());
        assertEquals("/v2/aggs/ticker/AAPL/range/1/day/1578114000000/2020-01-10?cursor=bGltaXQ9MiZzb3J0PWFzYw",
            requests.get(1).pathAndQuery());
        for (final Request r : requests) {
            assertEquals("Bearer " + KEY, r.authorization());
            assertFalse(r.pathAndQuery().toLowerCase().contains("apikey"));
        }
    }

    @Test
    void shouldRequestForeignNextUrlFromConfiguredOriginOnly() throws Exception {
        server.enqueue(Reply.ok(sample("massive/spec-examples/aggs_stocks_range_with_next_url.json")))
            .enqueue(Reply.ok(page(1, 1, null)));

        assertEquals(new FetchSummary(2, 3), fetchDay(client()));
        assertEquals("/v2/aggs/ticker/AAPL/range/1/day/1578114000000/2020-01-10?cursor=bGltaXQ9MiZzb3J0PWFzYw",
            server.requests().get(1).pathAndQuery());
    }

    @Test
    void shouldDeliverIndexBarsWithNaNVolumeAndZeroTrades() throws Exception {
        server.enqueue(Reply.ok(sample("massive/spec-examples/aggs_indices_range.json")));

        assertEquals(new FetchSummary(1, 2), fetch(client(), "I:NDX", DAY, DAY));
        assertEquals("/v2/aggs/ticker/I:NDX/range/1/minute/2024-03-01/2024-03-01?adjusted=true&sort=asc&limit=50000",
            server.requests().get(0).pathAndQuery());
        final Bar first = bars.get(0);
        assertEquals(1678341600000L, first.t());
        assertEquals(12230.83658266843, first.o());
        assertTrue(Double.isNaN(first.v()));
        assertTrue(Double.isNaN(first.vw()));
        assertEquals(0, first.n());
    }

    @Test
    void shouldFollowFourPagesInOrderWithBearerOnEveryPage() throws Exception {
        final String base = server.baseUrl() + "/v2/aggs/ticker/AAPL/range/1/minute/";
        server.enqueue(Reply.ok(page(1_000_000, 3, base + "1180000/2024-03-01?cursor=p2")))
            .enqueue(Reply.ok(page(1_180_000, 2, base + "1300000/2024-03-01?cursor=p3")))
            .enqueue(Reply.ok("{\"ticker\":\"AAPL\",\"resultsCount\":0,\"status\":\"OK\",\"next_url\":\""
                + base + "1300000/2024-03-01?cursor=p4\"}"))
            .enqueue(Reply.ok(page(1_300_000, 4, null)));

        final FetchSummary summary = fetchDay(client());

        assertEquals(new FetchSummary(4, 9), summary);
        for (int i = 0; i < bars.size(); i++) {
            assertEquals(1_000_000 + i * 60_000L, bars.get(i).t());
        }
        final List<Request> requests = server.requests();
        assertEquals(FIRST_PATH, requests.get(0).pathAndQuery());
        assertEquals("/v2/aggs/ticker/AAPL/range/1/minute/1300000/2024-03-01?cursor=p4",
            requests.get(3).pathAndQuery());
        assertEquals(4, requests.size());
        requests.forEach(r -> assertEquals("Bearer " + KEY, r.authorization()));
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void shouldHonourRetryAfterSecondsOn429() throws Exception {
        server.enqueue(Reply.of(429, "{\"status\":\"ERROR\",\"error\":\"You've exceeded the maximum requests\"}")
                .withHeader("Retry-After", "3"))
            .enqueue(Reply.ok(page(0, 2, null)));

        assertEquals(new FetchSummary(1, 2), fetchDay(client()));
        assertEquals(List.of(3000L), sleeps);
        assertEquals(2, server.requests().size());
    }

    @Test
    void shouldHonourRetryAfterHttpDateAgainstInjectedClock() throws Exception {
        server.enqueue(Reply.of(503, "").withHeader("Retry-After", "Tue, 14 Nov 2023 22:13:25 GMT"))
            .enqueue(Reply.ok(page(0, 1, null)));

        assertEquals(new FetchSummary(1, 1), fetchDay(client()));
        assertEquals(List.of(5000L), sleeps);
    }

    @Test
    void shouldBackOffExponentiallyOn429WithoutRetryAfter() throws Exception {
        server.enqueue(Reply.of(429, "")).enqueue(Reply.of(429, "")).enqueue(Reply.ok(page(0, 1, null)));

        assertEquals(new FetchSummary(1, 1), fetchDay(client()));
        assertEquals(List.of(250L, 500L), sleeps);
    }

    @Test
    void shouldFailWhenServerErrorsOutlastTheAttempts() throws Exception {
        for (int i = 0; i < 6; i++) {
            server.enqueue(Reply.of(500, "<html>oops</html>"));
        }
        final MassiveAggregatesClient client = client(MassiveConfig.builder().backoffCapMs(1500));

        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client));

        assertEquals(500, ex.httpStatus());
        assertEquals(5, server.requests().size());
        assertEquals(List.of(250L, 500L, 1000L, 1500L), sleeps);
        assertTrue(ex.getMessage().contains("failed after 5 attempt(s): HTTP 500"), ex.getMessage());
        assertEquals(server.baseUrl() + FIRST_PATH, ex.url());
        assertTrue(bars.isEmpty());
    }

    @Test
    void shouldFailWholeCallWhenALaterPageFails() throws Exception {
        server.enqueue(Reply.ok(page(0, 2, server.baseUrl() + "/v2/next?cursor=x")));
        for (int i = 0; i < 2; i++) {
            server.enqueue(Reply.of(502, ""));
        }
        final MassiveAggregatesClient client = client(MassiveConfig.builder().maxAttempts(2));

        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client));

        assertEquals(502, ex.httpStatus());
        assertEquals(server.baseUrl() + "/v2/next?cursor=x", ex.url());
    }

    @Test
    void shouldExplainRejectedKeyWithoutRetrying() throws Exception {
        server.enqueue(Reply.of(401, "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Unknown API Key\"}"));

        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client()));

        assertEquals(401, ex.httpStatus());
        assertTrue(ex.getMessage().startsWith("Massive rejected the API key (HTTP 401)"), ex.getMessage());
        assertTrue(ex.getMessage().contains("Unknown API Key"), ex.getMessage());
        assertEquals(1, server.requests().size());
        assertTrue(sleeps.isEmpty());
        assertNoKey(ex);
    }

    @Test
    void shouldExplainEntitlementRefusalWithoutRetrying() throws Exception {
        server.enqueue(Reply.of(403, "{\"status\":\"NOT_AUTHORIZED\",\"request_id\":\"x\",\"message\":"
            + "\"You are not entitled to this data. Please upgrade your plan at https://massive.com/pricing\"}"));

        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client()));

        assertEquals(403, ex.httpStatus());
        assertTrue(ex.getMessage().contains("HTTP 403"), ex.getMessage());
        assertTrue(ex.getMessage().contains("You are not entitled to this data"), ex.getMessage());
        assertEquals(1, server.requests().size());
    }

    @Test
    void shouldNameUrlAndOffsetOfMalformedJson() throws Exception {
        final String body = "{\"status\":\"OK\",\"results\":[{\"t\":1,}]}";
        server.enqueue(Reply.ok(body));

        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client()));

        final int offset = body.indexOf(",}") + 1;
        assertEquals(offset, ex.offset());
        assertTrue(ex.getMessage().contains("at offset " + offset), ex.getMessage());
        assertTrue(ex.getMessage().contains(server.baseUrl() + FIRST_PATH), ex.getMessage());
        assertEquals(1, server.requests().size());
    }

    @Test
    void shouldFailOnJsonCutShort() throws Exception {
        final String full = sample("massive/rest/aggs_AAPL_range_1_day_2005-04-01_2005-04-04.json");
        server.enqueue(Reply.ok(full.substring(0, 200)));

        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client()));

        assertEquals(200, ex.offset());
        assertTrue(ex.getMessage().contains("unexpected end of input"), ex.getMessage());
        assertTrue(bars.isEmpty());
    }

    @Test
    void shouldFailOnBodyShorterThanContentLength() throws Exception {
        final String full = page(0, 3, null);
        server.enqueue(Reply.ok(full).cutShortTo(40)).enqueue(Reply.ok(full).cutShortTo(40));
        final MassiveAggregatesClient client = client(MassiveConfig.builder().maxAttempts(2));

        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client));

        assertEquals(MassiveApiException.NO_STATUS, ex.httpStatus());
        assertTrue(ex.getMessage().contains("I/O error"), ex.getMessage());
        assertEquals(2, server.requests().size());
        assertTrue(bars.isEmpty());
    }

    @Test
    void shouldTripRequestTimeoutOnSlowServer() throws Exception {
        server.enqueue(Reply.ok(page(0, 1, null)).delayedMs(5_000));
        final MassiveAggregatesClient client = client(MassiveConfig.builder().requestTimeoutMs(200).maxAttempts(1));

        final long start = System.nanoTime();
        final MassiveApiException ex = assertThrows(MassiveApiException.class, () -> fetchDay(client));
        final long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(ex.getMessage().contains("timed out after 200 ms"), ex.getMessage());
        assertTrue(elapsedMs < 3_000, "took " + elapsedMs + " ms");
    }

    @Test
    void shouldRejectNonOkStatusAndCountMismatch() throws Exception {
        server.enqueue(Reply.ok("{\"status\":\"ERROR\",\"resultsCount\":0}"));
        final MassiveApiException status = assertThrows(MassiveApiException.class, () -> fetchDay(client()));
        assertTrue(status.getMessage().contains("status ERROR"), status.getMessage());

        server.enqueue(Reply.ok(page(0, 2, null).replace("\"resultsCount\":2", "\"resultsCount\":3")));
        final MassiveApiException count = assertThrows(MassiveApiException.class, () -> fetchDay(client()));
        assertTrue(count.getMessage().contains("resultsCount=3 but holds 2 bars"), count.getMessage());
        assertTrue(bars.isEmpty());
    }

    @Test
    void shouldNeverPutTheKeyInMessagesOrToString() throws Exception {
        server.enqueue(Reply.of(401, "{\"status\":\"ERROR\",\"error\":\"Unknown API Key " + KEY + "\"}"))
            .enqueue(Reply.of(400, "bad key " + KEY))
            .enqueue(Reply.of(429, KEY))
            .enqueue(Reply.ok("{\"status\":\"OK\",\"next_url\":\"" + server.baseUrl() + "/v2/x?apiKey=" + KEY
                + "\",\"results\":[]} x"));
        final MassiveAggregatesClient client = client(MassiveConfig.builder().maxAttempts(1));

        for (int i = 0; i < 4; i++) {
            assertNoKey(assertThrows(MassiveApiException.class, () -> fetchDay(client)));
        }
        assertFalse(client.toString().contains(KEY));
        assertFalse(client.config().toString().contains(KEY));
        assertTrue(MassiveAggregatesClient.redact("http://h/v2/x?cursor=1&apiKey=" + KEY)
            .endsWith("apiKey=<redacted>"));
    }
}
