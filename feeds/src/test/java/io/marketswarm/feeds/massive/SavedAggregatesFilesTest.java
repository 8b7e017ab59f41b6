package io.marketswarm.feeds.massive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.testsupport.SharedData;

class SavedAggregatesFilesTest {

    @TempDir
    Path dir;

    private final SavedAggregatesFiles files = new SavedAggregatesFiles();
    private final List<Bar> bars = new ArrayList<>();

    /** One delivered bar. */
    record Bar(long t, double o, double h, double l, double c, double v, double vw, long n) {
    }

    private SavedAggregatesFiles.Summary read(final Path... paths) throws BarFileException {
        return files.read(List.of(paths), (t, o, h, l, c, v, vw, n) -> bars.add(new Bar(t, o, h, l, c, v, vw, n)));
    }

    private Path page(final String name, final String ticker, final long... ts) throws IOException {
        final StringBuilder sb = new StringBuilder("{\"ticker\":\"" + ticker + "\",\"resultsCount\":" + ts.length
            + ",\"results\":[");
        for (int i = 0; i < ts.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"v\":").append(100 + ts[i]).append(",\"vw\":10.5,\"o\":10,\"c\":")
                .append(10 + ts[i] / 100.0).append(",\"h\":11,\"l\":9.5,\"t\":").append(ts[i]).append(",\"n\":3}");
        }
        return text(name, sb.append("],\"status\":\"OK\",\"request_id\":\"r\"}").toString());
    }

    private Path text(final String name, final String content) throws IOException {
        final Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private List<Long> times() {
        return bars.stream().map(Bar::t).toList();
    }

    @Test
    void shouldDeliverBarsOfSeveralFilesInAscendingTime() throws IOException {
        final Path first = page("a.json", "SPY", 1, 2, 3);
        final Path second = page("b.json", "SPY", 4, 5);

        final SavedAggregatesFiles.Summary summary = read(first, second);

        assertEquals(new SavedAggregatesFiles.Summary(2, 5, 0, 0, "SPY"), summary);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), times());
        assertEquals(new Bar(2, 10, 11, 9.5, 10.02, 102, 10.5, 3), bars.get(1));
    }

    @Test
    void shouldSkipAndCountBarsRepeatedByOverlappingPages() throws IOException {
        final Path first = page("a.json", "SPY", 1, 2, 3);
        final Path overlap = page("b.json", "SPY", 3, 4);
        final Path changed = text("c.json", "{\"status\":\"OK\",\"results\":[{\"t\":4,\"o\":1,\"h\":1,\"l\":1,\"c\":1},"
            + "{\"t\":4,\"o\":1,\"h\":1,\"l\":1,\"c\":1},{\"t\":6,\"o\":1,\"h\":1,\"l\":1,\"c\":1}]}");

        final SavedAggregatesFiles.Summary summary = read(first, overlap, changed);

        assertEquals(new SavedAggregatesFiles.Summary(3, 5, 3, 2, "SPY"), summary);
        assertEquals(List.of(1L, 2L, 3L, 4L, 6L), times());
        assertEquals(104, bars.get(3).v(), 0.0);
    }

    @Test
    void shouldRejectABarGoingBackInTimeNamingTheFileAndTheBar() throws IOException {
        final Path first = page("a.json", "SPY", 10, 20);
        final Path backwards = page("b.json", "SPY", 21, 22, 15, 30);

        final BarFileException ex = assertThrows(BarFileException.class, () -> read(first, backwards));

        assertEquals(backwards, ex.file());
        assertEquals(2, ex.barIndex());
        assertTrue(ex.getMessage().startsWith(backwards + ": bar 2 goes back in time"), ex.getMessage());
        assertEquals(List.of(10L, 20L), times(), "nothing of the failing file is delivered");
    }

    @Test
    void shouldNameThePreviousFileWhenAPageStartsBeforeIt() throws IOException {
        final Path later = page("a.json", "SPY", 50, 60);
        final Path earlier = page("b.json", "SPY", 40);

        final BarFileException ex = assertThrows(BarFileException.class, () -> read(later, earlier));

        assertEquals(0, ex.barIndex());
        assertTrue(ex.getMessage().contains("the last bar of " + later), ex.getMessage());
    }

    @Test
    void shouldTreatAbsentOrNullResultsAsAnEmptyPage() throws IOException {
        final Path absent = text("a.json", "{\"ticker\":\"SPY\",\"queryCount\":0,\"resultsCount\":0,\"adjusted\":true,"
            + "\"status\":\"OK\",\"request_id\":\"x\",\"count\":0}");
        final Path nullResults = text("b.json", "{\"status\":\"DELAYED\",\"results\":null}");

        final SavedAggregatesFiles.Summary summary = read(absent, nullResults, page("c.json", "SPY", 7));

        assertEquals(new SavedAggregatesFiles.Summary(3, 1, 0, 0, "SPY"), summary);
    }

    @Test
    void shouldNameTheFileAndOffsetOfMalformedJson() throws IOException {
        final Path good = page("a.json", "SPY", 1);
        final String body = "{\"status\":\"OK\",\"results\":[{\"t\":2,}]}";
        final Path bad = text("b.json", body);
        final int offset = body.indexOf(",}") + 1;

        final BarFileException ex = assertThrows(BarFileException.class, () -> read(good, bad));

        assertEquals(bad, ex.file());
        assertEquals(BarFileException.NO_BAR, ex.barIndex());
        assertTrue(ex.getMessage().startsWith(bad + ": malformed JSON at offset " + offset + ": "), ex.getMessage());
        assertEquals(offset, ((MassiveApiException) ex.getCause()).offset());
    }

    @Test
    void shouldRejectFilesThatAreNotAggregatesPages() throws IOException {
        final Path error = text("error.json", "{\"status\":\"ERROR\",\"error\":\"Unknown API Key\"}");
        final Path quotes = SharedData.require("massive/rest/quotes_AAPL_page1.json");
        final Path mismatch = text("count.json", "{\"status\":\"OK\",\"resultsCount\":2,\"results\":[]}");

        assertTrue(assertThrows(BarFileException.class, () -> read(error)).getMessage()
            .contains("not a Massive aggregates page: status is \"ERROR\""));
        assertEquals(quotes, assertThrows(BarFileException.class, () -> read(quotes)).file());
        assertTrue(assertThrows(BarFileException.class, () -> read(mismatch)).getMessage()
            .contains("resultsCount=2 but the page holds 0 bars"));
    }

    @Test
    void shouldRejectAMissingFileAndAnEmptyDirectory() throws IOException {
        final Path missing = dir.resolve("nope.json");
        final Path empty = Files.createDirectories(dir.resolve("empty"));

        final BarFileException ex = assertThrows(BarFileException.class, () -> read(missing));
        assertEquals(missing, ex.file());
        assertTrue(ex.getMessage().contains("no such file"), ex.getMessage());
        assertTrue(assertThrows(BarFileException.class, () -> read(empty)).getMessage().contains("no *.json"));
    }

    @Test
    void shouldReadADirectoryAsItsJsonFilesSortedByName() throws IOException {
        final Path pages = dir.resolve("pages");
        page("pages/page-00010.json", "SPY", 30);
        page("pages/page-00002.json", "SPY", 20);
        page("pages/page-00001.json", "SPY", 10);
        text("pages/notes.txt", "not a page");
        Files.createDirectories(pages.resolve("sub.json"));

        final SavedAggregatesFiles.Summary summary = read(pages, page("later.json", "SPY", 40));

        assertEquals(4, summary.files());
        assertEquals(List.of(10L, 20L, 30L, 40L), times());
        assertEquals(List.of(pages.resolve("page-00001.json"), pages.resolve("page-00002.json"),
            pages.resolve("page-00010.json")), SavedAggregatesFiles.expand(List.of(pages)));
    }

    @Test
    void shouldRejectPagesOfAnotherTicker() throws IOException {
        final Path spy = page("a.json", "SPY", 1);
        final Path qqq = page("b.json", "QQQ", 1);

        final BarFileException ex = assertThrows(BarFileException.class, () -> read(spy, qqq));

        assertTrue(ex.getMessage().contains("ticker QQQ among pages of SPY"), ex.getMessage());
    }

    @Test
    void shouldReadRecordedPagesAndIndexBars() throws IOException {
        final Path aapl = SharedData.require("massive/rest/aggs_AAPL_range_1_day_2005-04-01_2005-04-04.json");
        final Path index = SharedData.require("massive/spec-examples/aggs_indices_range.json");

        assertEquals(2, read(aapl).bars());
        assertEquals(new Bar(1112331600000L, 1.5032, 1.5064, 1.4489, 1.4604, 642646396.0, 1.469, 82132), bars.get(0));

        bars.clear();
        final SavedAggregatesFiles.Summary summary = read(index);
        assertEquals("I:NDX", summary.ticker());
        assertTrue(Double.isNaN(bars.get(0).v()));
        assertEquals(0, bars.get(0).n());
    }

    @Test
    void shouldStartAfreshOnEachRead() throws IOException {
        final Path first = page("a.json", "SPY", 5, 6);

        read(first);
        final SavedAggregatesFiles.Summary again = read(first);

        assertEquals(2, again.bars());
        assertEquals(0, again.duplicatesSkipped());
        assertNull(files.read(List.of(text("e.json", "{\"status\":\"OK\"}")), (t, o, h, l, c, v, vw, n) -> { })
            .ticker());
    }
}
