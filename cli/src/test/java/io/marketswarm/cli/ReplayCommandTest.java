package io.marketswarm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.testsupport.SharedData;

/**
 * {@code replay} end to end through the ring: the golden file and its journal, the real ES session, the book cache,
 * and bad input.
 */
class ReplayCommandTest {

    /** A 6,000-record synthetic MNQH6 session made by {@code synth mbo --events 6000 --seed 11 --dt 2026-02-06
     * --start 09:00 --hours 1}, committed so the golden hash does not depend on the generator's future changes. */
    static final Path GOLDEN = Path.of("src/test/resources/golden/MNQH6-20260206.synth-golden.dbn.zst");
    /** SHA-256 of the replay of {@link #GOLDEN} with {@code --start-time 09:30 --throttle-ms 10000}. */
    static final String GOLDEN_SHA256 = "37f76a99b7ee4279079876d30f9074ac958dbdbcb94066cdc8cfff354232e4de";

    private static final Pattern SPOT = Pattern.compile("\"spot_ref_price_int\":\"(\\d+)\"");
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":(\\d+),");
    private static final Pattern FORCE = Pattern.compile("\"(pressure|vacuum)_variant\":\\[([^\\]]*)\\]");

    @TempDir
    Path dir;

    private record Result(int exitCode, String err) {
    }

    private static Result run(final String... args) {
        final StringWriter err = new StringWriter();
        final int code = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new Result(code, err.toString());
    }

    private static String sha256(final Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Result replayGolden(final Path output, final String... extra) {
        final List<String> args = new ArrayList<>(List.of("replay", "--product-type", "future_mbo", "--dt",
            "2026-02-06", "--start-time", "09:30", "--throttle-ms", "10000", "--instrument", "../instrument.yaml",
            "--cache-dir", dir.resolve("cache").toString(), "--output", output.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    @Test
    void shouldReplayTheGoldenFileAndItsJournalToTheSameBytes() throws IOException {
        final Path journal = dir.resolve("journal");
        final Path fromDbn = dir.resolve("from-dbn.jsonl");
        final Result first = replayGolden(fromDbn, "--dbn", GOLDEN.toString(), "--journal", journal.toString());
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(GOLDEN_SHA256, sha256(fromDbn));
        assertTrue(first.err().contains("journal " + journal + ": 6,000 records appended"), first.err());

        final Path fromJournal = dir.resolve("from-journal.jsonl");
        final Result second = replayGolden(fromJournal, "--journal", journal.toString());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(GOLDEN_SHA256, sha256(fromJournal));
    }

    private static List<Long> eventIds(final byte[] jsonLines) {
        final List<Long> ids = new ArrayList<>();
        final Matcher matcher = EVENT_ID.matcher(new String(jsonLines, java.nio.charset.StandardCharsets.US_ASCII));
        while (matcher.find()) {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    private Result replaySynth(final Path output, final String... source) {
        final List<String> args = new ArrayList<>(List.of("replay", "--product-type", "future_mbo", "--symbol",
            "MNQH6", "--dt", "2026-02-06", "--throttle-ms", "1000", "--instrument", "../instrument.yaml",
            "--output", output.toString()));
        args.addAll(List.of(source));
        return run(args.toArray(String[]::new));
    }

    @Test
    void shouldReplayEveryRunOfAJournalWithItsOwnEngine() throws IOException {
        final Path journal = dir.resolve("runs");
        final byte[][] perRun = new byte[2][];
        final long[] events = {20_000, 12_000};
        for (int run = 0; run < 2; run++) {
            final Path source = dir.resolve("s" + run + ".dbn.zst");
            assertEquals(0, run("synth", "mbo", "--events", Long.toString(events[run]), "--seed",
                Integer.toString(run + 5), "--instrument", "../instrument.yaml", "--out", source.toString())
                .exitCode());
            final Path out = dir.resolve("o" + run + ".jsonl");
            final Result written = replaySynth(out, "--dbn", source.toString(), "--journal", journal.toString());
            assertEquals(0, written.exitCode(), written.err());
            perRun[run] = Files.readAllBytes(out);
            assertTrue(eventIds(perRun[run]).size() > 5, "grids of run " + run);
        }
        final Path all = dir.resolve("all.jsonl");
        final Result replayed = replaySynth(all, "--journal", journal.toString());
        assertEquals(0, replayed.exitCode(), replayed.err());

        final byte[] expected = new byte[perRun[0].length + perRun[1].length];
        System.arraycopy(perRun[0], 0, expected, 0, perRun[0].length);
        System.arraycopy(perRun[1], 0, expected, perRun[0].length, perRun[1].length);
        final List<Long> expectedIds = new ArrayList<>(eventIds(perRun[0]));
        expectedIds.addAll(eventIds(perRun[1]));
        final byte[] actual = Files.readAllBytes(all);
        assertEquals(expectedIds, eventIds(actual), "each run numbers its own events");
        assertArrayEquals(expected, actual);
        final int lines = eventIds(actual).size();
        assertTrue(replayed.err().contains("replay journal " + journal + ": 32,000 records read"), replayed.err());
        assertTrue(replayed.err().contains(String.format(java.util.Locale.ROOT, "%,d grids emitted", lines)),
            replayed.err());
    }

    @Test
    void shouldFailOnACorruptZstdFrameAfterReplayingTheRecordsBeforeIt() throws IOException {
        final Path source = dir.resolve("s.dbn.zst");
        assertEquals(0, run("synth", "mbo", "--events", "60000", "--seed", "3", "--instrument", "../instrument.yaml",
            "--out", source.toString()).exitCode());
        final Path clean = dir.resolve("clean.jsonl");
        assertEquals(0, replaySynth(clean, "--dbn", source.toString()).exitCode());
        final byte[] bytes = Files.readAllBytes(source);
        for (int i = 0; i < 64; i++) {
            bytes[bytes.length / 2 + i] ^= (byte)(0x5A + i);
        }
        Files.write(source, bytes);

        final Path damaged = dir.resolve("damaged.jsonl");
        final Result result = replaySynth(damaged, "--dbn", source.toString());
        assertEquals(1, result.exitCode(), result.err());
        assertTrue(result.err().contains("error: " + source + ": corrupt or truncated zstd frame (zstd: "),
            result.err());
        assertTrue(result.err().matches("(?s).*found after the decoder had read \\d+ compressed bytes of the file; "
            + "\\d+ complete records were read before it \\(at decompressed byte offset \\d+\\).*"), result.err());
        final List<String> cleanLines = Files.readAllLines(clean);
        final List<String> damagedLines = Files.readAllLines(damaged);
        int same = 0;
        while (same < damagedLines.size() && damagedLines.get(same).equals(cleanLines.get(same))) {
            same++;
        }
        assertTrue(same > cleanLines.size() / 4, "grids of the records before the corrupt frame: " + same + " of "
            + cleanLines.size());
    }

    @Test
    void shouldGiveIdenticalOutputFromCacheRebuildAndNoCache() throws IOException {
        final Path built = dir.resolve("built.jsonl");
        final Path cached = dir.resolve("cached.jsonl");
        final Path uncached = dir.resolve("uncached.jsonl");
        assertEquals(0, replayGolden(built, "--dbn", GOLDEN.toString()).exitCode());
        final Result hit = replayGolden(cached, "--dbn", GOLDEN.toString());
        assertTrue(hit.err().contains("book-only") && hit.err().contains("from cache"), hit.err());
        assertEquals(0, replayGolden(uncached, "--dbn", GOLDEN.toString(), "--no-cache").exitCode());
        assertEquals(GOLDEN_SHA256, sha256(built));
        assertEquals(GOLDEN_SHA256, sha256(cached));
        assertEquals(GOLDEN_SHA256, sha256(uncached));
    }

    @Test
    void shouldRejectCorruptAndForeignCachesAndRebuild() throws IOException {
        final Path out = dir.resolve("out.jsonl");
        assertEquals(0, replayGolden(out, "--dbn", GOLDEN.toString()).exitCode());
        final Path cacheFile;
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            cacheFile = files.filter(f -> f.toString().endsWith(".vpbook")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(cacheFile);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(cacheFile, bytes);
        final Result corrupt = replayGolden(out, "--dbn", GOLDEN.toString());
        assertEquals(0, corrupt.exitCode(), corrupt.err());
        assertTrue(corrupt.err().contains("rejected (CRC mismatch"), corrupt.err());
        assertEquals(GOLDEN_SHA256, sha256(out));

        final Path other = Files.copy(GOLDEN, dir.resolve("MNQH6-20260206-copy.dbn.zst"));
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertEquals(0, replayGolden(out, "--dbn", other.toString()).exitCode());
        final List<Path> caches;
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            caches = files.sorted().toList();
        }
        assertEquals(2, caches.size());
        Files.copy(caches.get(0), caches.get(1), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(caches.get(0), dir.resolve("first.vpbook"));
        final Result foreignA = replayGolden(out, "--dbn", GOLDEN.toString());
        final Result foreignB = replayGolden(out, "--dbn", other.toString());
        assertTrue((foreignA.err() + foreignB.err()).contains("built from another input"),
            foreignA.err() + foreignB.err());
        assertEquals(GOLDEN_SHA256, sha256(out));
    }

    @Test
    void shouldFindTheDayFileInALakeByTheLongestSymbolPrefix() throws IOException {
        final Path lake = dir.resolve("lake");
        final Path table = lake.resolve("raw/source=databento/product_type=future_mbo/symbol=MNQ/"
            + "table=market_by_order_dbn");
        Files.createDirectories(table);
        Files.copy(GOLDEN, table.resolve("glbx-mdp3-20260206.mbo.dbn.zst"));
        Files.writeString(table.resolve("glbx-mdp3-20260205.mbo.dbn"), "another day");
        final Path out = dir.resolve("lake.jsonl");
        final Result result = replayGolden(out, "--lake", lake.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(GOLDEN_SHA256, sha256(out));
        assertTrue(Files.exists(lake.resolve("cache/vp_book")) || Files.exists(dir.resolve("cache")));

        final Result missingDay = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-07", "--lake",
            lake.toString(), "--instrument", "../instrument.yaml");
        assertEquals(1, missingDay.exitCode());
        assertTrue(missingDay.err().contains("no file matching *20260207*.dbn*"), missingDay.err());
    }

    @Test
    void shouldWarmTheCacheThatReplayThenHits() throws IOException {
        final StringWriter out = new StringWriter();
        final int code = Main.run(new String[] {"warm-cache", "--product-type", "future_mbo", "--dt", "2026-02-06",
            "--start-time", "09:30", "--dbn", GOLDEN.toString(), "--instrument", "../instrument.yaml", "--cache-dir",
            dir.resolve("cache").toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, code);
        final Path cacheFile = Path.of(out.toString().trim());
        assertTrue(Files.isRegularFile(cacheFile), out.toString());
        final Path replayed = dir.resolve("replayed.jsonl");
        final Result hit = replayGolden(replayed, "--dbn", GOLDEN.toString());
        assertTrue(hit.err().contains("from cache"), hit.err());
        assertEquals(GOLDEN_SHA256, sha256(replayed));
        final Result noStart = run("warm-cache", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            GOLDEN.toString());
        assertEquals(2, noStart.exitCode());
        assertTrue(noStart.err().contains("--start-time"), noStart.err());
    }

    @Test
    void shouldRejectAnotherInstrumentWithTheLockMessage() {
        final Result result = run("replay", "--product-type", "future_mbo", "--symbol", "ESH4", "--dt", "2026-02-06",
            "--dbn", GOLDEN.toString(), "--instrument", "../instrument.yaml", "--output", dir.resolve("x").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("does not match locked single-instrument"), result.err());
    }

    @Test
    void shouldFailClearlyOnMissingOrNonDbnInput() throws IOException {
        final Result missing = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            dir.resolve("nope.dbn").toString(), "--instrument", "../instrument.yaml");
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope.dbn: no such file"), missing.err());
        final Result directory = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            dir.toString(), "--instrument", "../instrument.yaml");
        assertEquals(1, directory.exitCode());
        assertTrue(directory.err().contains(dir + ": is a directory, not a DBN file"), directory.err());
        final Path text = Files.writeString(dir.resolve("notes.dbn"), "not market data");
        final Result notDbn = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            text.toString(), "--instrument", "../instrument.yaml");
        assertEquals(1, notDbn.exitCode());
        assertTrue(notDbn.err().contains("not a DBN stream"), notDbn.err());
        final Result badThrottle = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            GOLDEN.toString(), "--throttle-ms", "-1", "--instrument", "../instrument.yaml");
        assertEquals(2, badThrottle.exitCode());
        final Result noSource = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06");
        assertEquals(2, noSource.exitCode());
        assertTrue(noSource.err().contains("give a source"), noSource.err());
    }

    @Test
    void shouldReplayTheRealEsSessionWithMovingSpotAndForces() throws IOException {
        final Path es = SharedData.require("dbn-real/esh4-glbx-mdp3-20231225.mbo.dbn.zst");
        final Path config = Files.writeString(dir.resolve("es.yaml"), String.join("\n", "product_type: future_mbo",
            "symbol: ESH4", "symbol_root: ES", "price_scale: 1.0e-9", "tick_size: 0.25", "bucket_size_dollars: 0.25",
            "rel_tick_size: 0.25", "grid_max_ticks: 400", "contract_multiplier: 50.0", "qty_unit: contracts",
            "price_decimals: 2", ""));
        for (final String start : new String[] {null, "18:30"}) {
            final Path out = dir.resolve("es-" + start + ".jsonl");
            final List<String> args = new ArrayList<>(List.of("replay", "--product-type", "future_mbo", "--dt",
                "2023-12-25", "--dbn", es.toString(), "--instrument", config.toString(), "--throttle-ms", "1000",
                "--cache-dir", dir.resolve("es-cache").toString(), "--output", out.toString()));
            if (start != null) {
                args.addAll(List.of("--start-time", start));
            }
            final Result result = run(args.toArray(String[]::new));
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.err().contains("68,792 records read"), result.err());
            final TreeSet<Long> spots = new TreeSet<>();
            int nonZeroForces = 0;
            int lines = 0;
            for (final String line : Files.readAllLines(out)) {
                lines++;
                final Matcher spot = SPOT.matcher(line);
                assertTrue(spot.find());
                spots.add(Long.parseLong(spot.group(1)));
                final Matcher force = FORCE.matcher(line);
                while (force.find()) {
                    for (final String value : force.group(2).split(",")) {
                        nonZeroForces += Double.parseDouble(value) != 0.0 ? 1 : 0;
                    }
                }
            }
            assertTrue(lines > 100, "grids emitted: " + lines);
            spots.remove(0L);
            assertTrue(spots.size() > 10, "distinct spots " + spots);
            assertTrue(spots.last() - spots.first() >= 10 * 250_000_000L, "spot range " + spots);
            assertTrue(nonZeroForces > lines, "non-zero forces: " + nonZeroForces);
            if (start != null) {
                assertTrue(Files.readString(out).startsWith("{\"ts_ns\":\"1703547000"), "first grid at 23:30 UTC");
            }
        }
    }

    @Test
    void shouldReplayBothBookModesDeterministically() throws IOException {
        final Path parity = dir.resolve("parity.jsonl");
        final Path databento = dir.resolve("databento.jsonl");
        final Path again = dir.resolve("databento-again.jsonl");
        assertEquals(0, replayGolden(parity, "--dbn", GOLDEN.toString(), "--book-mode", "parity").exitCode());
        assertEquals(0, replayGolden(databento, "--dbn", GOLDEN.toString(), "--book-mode", "databento").exitCode());
        assertEquals(0, replayGolden(again, "--dbn", GOLDEN.toString(), "--book-mode", "databento").exitCode());
        assertEquals(GOLDEN_SHA256, sha256(parity));
        assertNotEquals(sha256(parity), sha256(databento));
        assertArrayEquals(Files.readAllBytes(databento), Files.readAllBytes(again));
    }
}
