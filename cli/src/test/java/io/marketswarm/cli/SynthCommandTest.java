package io.marketswarm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.feeds.massive.AggregatesPageWriter;
import io.marketswarm.feeds.massive.SavedAggregatesFiles;
import io.marketswarm.feeds.massive.SyntheticMinuteBars;

/** {@code synth bars} driven in-process through {@link Main#run}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SynthCommandTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void shouldWritePagesThatReadBackAsTheGeneratedBars() throws IOException {
        final Path out = dir.resolve("spy");

        final Result result = run("synth", "bars", "--ticker", "SPY", "--years", "1", "--end", "2024-12-31",
            "--start-price", "450", "--seed", "3", "--page-size", "20000", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        final long expectedBars = SyntheticMinuteBars.weekdays(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31))
            * 390;
        assertEquals(102_180, expectedBars);
        assertTrue(result.out().contains("wrote 102,180 SPY minute bars (2024-01-01 to 2024-12-31, 262 sessions) "
            + "in 6 pages of at most 20,000 bars to " + out), result.out());
        final List<Path> pages = SavedAggregatesFiles.expand(List.of(out));
        assertEquals(6, pages.size());
        assertEquals(AggregatesPageWriter.pageFileName(6), pages.get(5).getFileName().toString());
        final String firstPage = Files.readString(pages.get(0), StandardCharsets.UTF_8);
        assertTrue(firstPage.contains("\"next_url\":\"https://api.massive.com/v2/aggs/ticker/SPY/range/1/minute/"),
            firstPage.substring(firstPage.length() - 300));
        assertFalse(Files.readString(pages.get(5), StandardCharsets.UTF_8).contains("next_url"));

        final List<double[]> read = new ArrayList<>();
        final SavedAggregatesFiles.Summary summary = new SavedAggregatesFiles().read(List.of(out),
            (t, o, h, l, c, v, vw, n) -> read.add(new double[] {t, o, h, l, c, v, vw, n}));
        assertEquals(new SavedAggregatesFiles.Summary(6, expectedBars, 0, 0, "SPY"), summary);
        final SyntheticMinuteBars again = new SyntheticMinuteBars(LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 12, 31), 450, 3);
        for (final double[] bar : read) {
            assertTrue(again.next());
            assertArrayEquals(new double[] {again.tsMillis(), again.open(), again.high(), again.low(), again.close(),
                again.volume(), again.vwap(), again.trades()}, bar);
        }
        assertEquals(450.0, read.get(0)[1], 0.0);
    }

    @Test
    void shouldWriteByteIdenticalPagesForTheSameOptions() throws IOException {
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        final String[] options = {"--years", "1", "--end", "2023-06-30", "--page-size", "30000",
            "--base-url", "http://127.0.0.1:8089"};

        assertEquals(0, run(concat(new String[] {"synth", "bars", "--out", a.toString()}, options)).exitCode());
        assertEquals(0, run(concat(new String[] {"synth", "bars", "--out", b.toString()}, options)).exitCode());

        final List<Path> pagesA = SavedAggregatesFiles.expand(List.of(a));
        assertEquals(4, pagesA.size());
        for (final Path page : pagesA) {
            assertArrayEquals(Files.readAllBytes(page), Files.readAllBytes(b.resolve(page.getFileName())),
                page.getFileName().toString());
        }
        assertTrue(Files.readString(pagesA.get(0), StandardCharsets.UTF_8)
            .contains("\"next_url\":\"http://127.0.0.1:8089/v2/aggs/ticker/SPY/range/1/minute/"));
    }

    @Test
    void shouldRefuseADirectoryThatAlreadyHoldsPages() throws IOException {
        final Path out = Files.createDirectories(dir.resolve("used"));
        Files.writeString(out.resolve("old.json"), "{}");

        final Result result = run("synth", "bars", "--years", "1", "--out", out.toString());

        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("already holds 1 *.json file"), result.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void shouldRejectBadOptionsAsUsageErrors() {
        final String out = dir.resolve("x").toString();

        final Result pageSize = run("synth", "bars", "--page-size", "50001", "--out", out);
        final Result years = run("synth", "bars", "--years", "0", "--out", out);
        final Result end = run("synth", "bars", "--end", "2024-13-01", "--out", out);
        final Result missingOut = run("synth", "bars");

        assertEquals(2, pageSize.exitCode());
        assertTrue(pageSize.err().contains("pageSize=50001"), pageSize.err());
        assertEquals(2, years.exitCode());
        assertTrue(years.err().contains("--years 0"), years.err());
        assertEquals(2, end.exitCode());
        assertTrue(end.err().contains("--end '2024-13-01'"), end.err());
        assertEquals(2, missingOut.exitCode());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void shouldExplainItselfWithExamples() {
        final Result help = run("synth", "bars", "--help");

        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Examples:"), help.out());
        assertTrue(help.out().contains("java -jar target/marketswarm.jar synth bars"), help.out());
    }

    private static String[] concat(final String[] a, final String[] b) {
        final String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
