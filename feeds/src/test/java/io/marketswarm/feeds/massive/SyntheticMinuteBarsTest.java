package io.marketswarm.feeds.massive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyntheticMinuteBarsTest {

    private static final String BASE = "https://api.massive.com";
    private static final LocalDate FIRST = LocalDate.of(2024, 3, 7);
    private static final LocalDate LAST = LocalDate.of(2024, 3, 12);

    @TempDir
    Path dir;

    /** One bar. */
    record Bar(long t, double o, double h, double l, double c, double v, double vw, long n) {
    }

    /** Pages rendered to memory. */
    private static final class Pages implements AggregatesPageWriter.PageConsumer {
        final List<byte[]> bodies = new ArrayList<>();

        @Override
        public void page(final int pageNumber, final byte[] body, final int length) {
            assertEquals(bodies.size() + 1, pageNumber);
            bodies.add(Arrays.copyOf(body, length));
        }

        String text(final int index) {
            return new String(bodies.get(index), StandardCharsets.UTF_8);
        }
    }

    private static List<Bar> generate(final LocalDate first, final LocalDate last, final long seed) {
        final List<Bar> out = new ArrayList<>();
        new SyntheticMinuteBars(first, last, 400, seed).forEach((t, o, h, l, c, v, vw, n) -> out.add(
            new Bar(t, o, h, l, c, v, vw, n)));
        return out;
    }

    private static Pages render(final LocalDate first, final LocalDate last, final long seed, final int pageSize)
        throws IOException {
        final Pages pages = new Pages();
        final SyntheticMinuteBars bars = new SyntheticMinuteBars(first, last, 400, seed);
        final AggregatesPageWriter writer = new AggregatesPageWriter("SPY", BASE, last.toString(), pageSize, seed,
            pages);
        while (bars.next()) {
            writer.append(bars.tsMillis(), bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(),
                bars.vwap(), bars.trades());
        }
        writer.finish();
        return pages;
    }

    private static List<Bar> parse(final byte[] body, final AggregatesPageParser parser) throws MassiveApiException {
        parser.parse(body, body.length, "page");
        final List<Bar> out = new ArrayList<>();
        parser.deliver((t, o, h, l, c, v, vw, n) -> out.add(new Bar(t, o, h, l, c, v, vw, n)));
        return out;
    }

    @Test
    void shouldProduceIdenticalBytesForTheSameSeedAndOthersForAnother() throws IOException {
        final Pages a = render(FIRST, LAST, 7, 1000);
        final Pages b = render(FIRST, LAST, 7, 1000);
        final Pages c = render(FIRST, LAST, 8, 1000);

        assertEquals(a.bodies.size(), b.bodies.size());
        for (int i = 0; i < a.bodies.size(); i++) {
            assertArrayEquals(a.bodies.get(i), b.bodies.get(i), "page " + (i + 1));
        }
        assertFalse(Arrays.equals(a.bodies.get(0), c.bodies.get(0)));
    }

    @Test
    void shouldEmit390BarsPerWeekdayAtDstCorrectTimes() {
        final List<Bar> bars = generate(FIRST, LAST, 1);

        assertEquals(4 * 390, bars.size(), "Thu, Fri, Mon, Tue; the weekend is skipped");
        assertEquals(4, SyntheticMinuteBars.weekdays(FIRST, LAST));
        assertEquals(Instant.parse("2024-03-07T14:30:00Z").toEpochMilli(), bars.get(0).t(), "EST: 09:30 = 14:30Z");
        assertEquals(Instant.parse("2024-03-07T20:59:00Z").toEpochMilli(), bars.get(389).t());
        assertEquals(Instant.parse("2024-03-08T14:30:00Z").toEpochMilli(), bars.get(390).t());
        assertEquals(Instant.parse("2024-03-11T13:30:00Z").toEpochMilli(), bars.get(780).t(), "EDT after 03-10");
        for (int i = 1; i < bars.size(); i++) {
            assertTrue(bars.get(i).t() > bars.get(i - 1).t());
            if (i % 390 != 0) {
                assertEquals(60_000L, bars.get(i).t() - bars.get(i - 1).t());
            }
        }
    }

    @Test
    void shouldKeepBarsWellFormedAndRealistic() {
        final List<Bar> bars = generate(LocalDate.of(2023, 1, 2), LocalDate.of(2023, 6, 30), 3);
        int flat = 0;
        for (final Bar bar : bars) {
            for (final double price : new double[] {bar.o(), bar.h(), bar.l(), bar.c()}) {
                assertEquals(Math.round(price * 100) / 100.0, price, 0.0, "whole cents: " + bar);
            }
            assertTrue(bar.l() <= Math.min(bar.o(), bar.c()) && Math.max(bar.o(), bar.c()) <= bar.h(), bar::toString);
            assertTrue(bar.l() <= bar.vw() && bar.vw() <= bar.h(), bar::toString);
            assertEquals(Math.rint(bar.v()), bar.v(), 0.0);
            assertTrue(bar.v() >= 10_000 && bar.v() <= 1_000_000, bar::toString);
            assertTrue(bar.n() >= 1);
            if (bar.h() == bar.l()) {
                flat++;
            }
        }
        assertTrue(flat > bars.size() / 200 && flat < bars.size() / 20, "flat bars: " + flat);
        final double last = bars.get(bars.size() - 1).c();
        assertTrue(last > 200 && last < 800, "price after half a year: " + last);
    }

    @Test
    void shouldSplitPagesWithNextUrlsOnAllButTheLast() throws IOException {
        final Pages pages = render(FIRST, LAST, 7, 1000);
        final List<Bar> bars = generate(FIRST, LAST, 7);
        final AggregatesPageParser parser = new AggregatesPageParser();

        assertEquals(2, pages.bodies.size());
        final List<Bar> first = parse(pages.bodies.get(0), parser);
        assertEquals(1000, first.size());
        assertEquals(1000, parser.resultsCount());
        assertEquals("OK", parser.status());
        assertEquals("SPY", parser.ticker());
        final String cursor = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("limit=1000&sort=asc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(BASE + "/v2/aggs/ticker/SPY/range/1/minute/" + bars.get(1000).t() + "/2024-03-12?cursor="
            + cursor, parser.nextUrl());
        final String text = pages.text(0);
        assertTrue(text.startsWith("{\"ticker\":\"SPY\",\"queryCount\":1000,\"resultsCount\":1000,\"adjusted\":true,"
            + "\"results\":[{\"v\":"), text.substring(0, 120));
        assertTrue(text.matches("(?s).*\"status\":\"OK\",\"request_id\":\"[0-9a-f]{32}\",\"count\":1000,"
            + "\"next_url\":\"[^\"]+\"}"), text.substring(text.length() - 200));

        assertEquals(560, parse(pages.bodies.get(1), parser).size());
        assertNull(parser.nextUrl());
        assertFalse(pages.text(1).contains("next_url"));
    }

    @Test
    void shouldEndWithoutNextUrlWhenTheLastPageIsExactlyFull() throws IOException {
        final Pages pages = render(FIRST, FIRST.plusDays(1), 7, 390);
        final AggregatesPageParser parser = new AggregatesPageParser();

        assertEquals(2, pages.bodies.size());
        parse(pages.bodies.get(1), parser);
        assertEquals(390, parser.barCount());
        assertNull(parser.nextUrl());
    }

    @Test
    void shouldWriteOneEmptyPageWithoutResultsForARangeOfNoSession() throws IOException {
        final Pages pages = render(LocalDate.of(2024, 3, 9), LocalDate.of(2024, 3, 10), 7, 1000);

        assertEquals(1, pages.bodies.size());
        assertFalse(pages.text(0).contains("results\""), pages.text(0));
        final AggregatesPageParser parser = new AggregatesPageParser();
        assertEquals(0, parse(pages.bodies.get(0), parser).size());
        assertEquals(0, parser.resultsCount());
    }

    @Test
    void shouldReadGeneratedPagesBackExactlyFromADirectory() throws IOException {
        final LocalDate first = LocalDate.of(2024, 1, 1);
        final LocalDate last = LocalDate.of(2024, 2, 29);
        final SyntheticMinuteBars bars = new SyntheticMinuteBars(first, last, 400, 11);
        final AggregatesPageWriter writer = new AggregatesPageWriter("SPY", BASE, last.toString(), 5000, 11,
            AggregatesPageWriter.toDirectory(dir));
        while (bars.next()) {
            writer.append(bars.tsMillis(), bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(),
                bars.vwap(), bars.trades());
        }
        final int pages = writer.finish();
        final List<Bar> read = new ArrayList<>();

        final SavedAggregatesFiles.Summary summary = new SavedAggregatesFiles().read(List.of(dir),
            (t, o, h, l, c, v, vw, n) -> read.add(new Bar(t, o, h, l, c, v, vw, n)));

        assertEquals(44, SyntheticMinuteBars.weekdays(first, last));
        assertEquals(4, pages, "17,160 bars in pages of 5,000");
        assertTrue(Files.exists(dir.resolve("page-00004.json")));
        assertEquals(new SavedAggregatesFiles.Summary(4, 44 * 390, 0, 0, "SPY"), summary);
        assertEquals(generate(first, last, 11), read);
    }

    @Test
    void shouldServeGeneratedPagesToTheClientFollowingNextUrl() throws Exception {
        final LocalDate first = LocalDate.of(2024, 3, 4);
        final LocalDate last = LocalDate.of(2024, 3, 8);
        final FakeMassiveServer server = new FakeMassiveServer();
        try {
            final Pages pages = new Pages();
            final SyntheticMinuteBars bars = new SyntheticMinuteBars(first, last, 400, 5);
            final AggregatesPageWriter writer = new AggregatesPageWriter("SPY", server.baseUrl(), last.toString(),
                700, 5, pages);
            while (bars.next()) {
                writer.append(bars.tsMillis(), bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(),
                    bars.vwap(), bars.trades());
            }
            writer.finish();
            pages.bodies.forEach(body -> server.enqueue(FakeMassiveServer.Reply.ok(
                new String(body, StandardCharsets.UTF_8))));
            final MassiveAggregatesClient client = new MassiveAggregatesClient(MassiveConfig.builder()
                .baseUrl(server.baseUrl()).apiKey("k").build(), ms -> { }, () -> 0L, () -> 0.0);
            final List<Bar> fetched = new ArrayList<>();

            final FetchSummary summary = client.fetchMinuteBars("SPY", first, last,
                (t, o, h, l, c, v, vw, n) -> fetched.add(new Bar(t, o, h, l, c, v, vw, n)));

            assertEquals(new FetchSummary(3, 1950), summary);
            assertEquals(generate(first, last, 5), fetched);
            assertTrue(server.requests().get(1).pathAndQuery().startsWith("/v2/aggs/ticker/SPY/range/1/minute/"
                + fetched.get(700).t() + "/2024-03-08?cursor="), server.requests().get(1).pathAndQuery());
        } finally {
            server.close();
        }
    }

    @Test
    void shouldRenderTheShortestDecimalThatReadsBack() throws IOException {
        final Pages pages = new Pages();
        final AggregatesPageWriter writer = new AggregatesPageWriter("X:BTCUSD", BASE, "2024-01-01", 10, 0, pages);
        final double[] values = {400.1, 400, 0.05, -2.5, 123456.0, 0.1 + 0.2, 1e-12, 12345678.123456789, 5e20};
        for (int i = 0; i < values.length; i++) {
            writer.append(i, values[i], values[i], values[i], values[i], values[i], values[i], 1);
        }
        writer.append(values.length, 1, 1, 1, 1, Double.NaN, Double.NaN, 0);
        writer.finish();
        final String text = pages.text(0);

        assertTrue(text.contains("{\"v\":400.1,\"vw\":400.1,\"o\":400.1,"), text);
        assertTrue(text.contains("{\"v\":400,\"vw\":400,\"o\":400,"), text);
        assertTrue(text.contains("\"o\":0.05,") && text.contains("\"o\":-2.5,") && text.contains("\"v\":123456,"));
        assertTrue(text.contains("{\"o\":1,\"c\":1,\"h\":1,\"l\":1,\"t\":9}"), "index bar: " + text);
        final List<Bar> read = parse(pages.bodies.get(0), new AggregatesPageParser());
        for (int i = 0; i < values.length; i++) {
            assertEquals(new Bar(i, values[i], values[i], values[i], values[i], values[i], values[i], 1), read.get(i));
        }
        assertTrue(Double.isNaN(read.get(values.length).v()));
    }

    @Test
    void shouldValidateArgumentsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticMinuteBars(LAST, FIRST, 400, 1))
            .getMessage().contains("firstDay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SyntheticMinuteBars(FIRST, LAST, 0.5, 1))
            .getMessage().contains("startPrice=0.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AggregatesPageWriter("SPY", BASE, "x",
            50_001, 1, (n, b, l) -> { })).getMessage().contains("pageSize=50001"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AggregatesPageWriter("S P Y", BASE, "x",
            10, 1, (n, b, l) -> { })).getMessage().contains("ticker"));
        assertThrows(IllegalArgumentException.class, () -> new AggregatesPageWriter("SPY", "ftp://x", "x", 10, 1,
            (n, b, l) -> { }));
    }
}
