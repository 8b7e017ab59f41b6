package io.marketswarm.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.marketswarm.feeds.dbn.DbnReader;
import picocli.CommandLine;

/**
 * The command line as a user drives it: help texts, the synth → dump path, and errors with exit codes.
 */
class CliTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err, byte[] stdoutBytes) {
    }

    private static synchronized Result run(final String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final PrintStream saved = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            final int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            System.out.flush();
            return new Result(code, out + stdout.toString(StandardCharsets.UTF_8), err.toString(),
                stdout.toByteArray());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void shouldListCommandsInTopLevelHelp() {
        final Result result = run("--help");
        assertEquals(0, result.exitCode());
        for (final String command : new String[] {"dbn", "synth", "config", "Examples"}) {
            assertTrue(result.out().contains(command), result.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dbn dump", "dbn stats", "synth mbo", "config show", "replay", "warm-cache", "bench replay",
        "volume-profile", "volume-profile backfill", "volume-profile menu", "volume-profile update", "synth bars"})
    void shouldGiveEveryCommandHelpWithExamples(final String command) {
        final String[] args = (command + " --help").split(" ");
        final Result result = run(args);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Examples:"), result.out());
        assertTrue(result.out().contains("java -jar target/marketswarm.jar " + command), result.out());
    }

    /** @return the command paths of every command and subcommand, e.g. {@code "synth bars"}. */
    private static List<String> commandPaths(final CommandLine command, final String prefix) {
        final List<String> paths = new ArrayList<>();
        for (final Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals(sub.getValue().getCommandName())) {
                final String path = (prefix + " " + sub.getKey()).trim();
                paths.add(path);
                paths.addAll(commandPaths(sub.getValue(), path));
            }
        }
        return paths;
    }

    @Test
    void shouldPrintEveryCommandsHelpWithoutAPicocliWarning() {
        final List<String> paths = commandPaths(Main.commandLine(null), "");
        assertTrue(paths.contains("synth bars") && paths.contains("volume-profile backfill"), paths.toString());
        paths.add(0, "");
        final PrintStream savedErr = System.err;
        for (final String path : paths) {
            final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            final Result result;
            try {
                result = run((path + " --help").trim().split(" "));
            } finally {
                System.setErr(savedErr);
            }
            assertEquals(0, result.exitCode(), path + ": " + result.err());
            final String warnings = stderr.toString(StandardCharsets.UTF_8) + result.err();
            assertFalse(warnings.contains("picocli WARN"), "'" + path + " --help': " + warnings);
            assertFalse(result.out().contains("%n"), "'" + path + " --help' printed a raw format: " + result.out());
        }
    }

    @Test
    void shouldRefuseANegativeDumpLimitAsAUsageError() throws IOException {
        final Path file = dir.resolve("limit.dbn");
        assertEquals(0, run("synth", "mbo", "--events", "2000", "--out", file.toString()).exitCode());
        final Result negative = run("dbn", "dump", file.toString(), "--limit", "-1");
        assertEquals(2, negative.exitCode(), negative.err());
        assertTrue(negative.err().contains("--limit -1: a record count must be 0 or more; omit --limit to print every "
            + "record"), negative.err());
        assertEquals("", negative.out());

        final Result none = run("dbn", "dump", file.toString(), "--limit", "0");
        assertEquals(0, none.exitCode(), none.err());
        assertEquals("", none.out());
        final Result all = run("dbn", "dump", file.toString());
        assertEquals(2000, all.out().split("\n").length);
        assertTrue(run("dbn", "dump", "--help").out().contains("Print at most N records, N >= 0 (default: every "
            + "record)."));
    }

    @Test
    void shouldSayWhetherADbnPathIsADirectoryMissingOrUnreadable() throws IOException {
        final Result directory = run("dbn", "dump", dir.toString());
        assertEquals(1, directory.exitCode());
        assertEquals("error: " + dir + ": is a directory, not a DBN file\n", directory.err());

        final Path missing = dir.resolve("missing.dbn");
        final Result absent = run("dbn", "stats", missing.toString());
        assertEquals(1, absent.exitCode());
        assertEquals("error: " + missing + ": no such file\n", absent.err());

        final Path loop = dir.resolve("loop.dbn");
        Files.createSymbolicLink(loop, dir.resolve("other.dbn"));
        Files.createSymbolicLink(dir.resolve("other.dbn"), loop);
        final Result unreadable = run("dbn", "dump", loop.toString());
        assertEquals(1, unreadable.exitCode());
        assertTrue(unreadable.err().startsWith("error: " + loop + ": Too many levels of symbolic links"),
            "the operating system's reason: " + unreadable.err());
    }

    @Test
    void shouldGenerateThenDumpASyntheticSession() throws IOException {
        final Path file = dir.resolve("demo.dbn.zst");
        final Result synth = run("synth", "mbo", "--events", "5000", "--seed", "3", "--out", file.toString(),
            "--instrument", "../instrument.yaml");
        assertEquals(0, synth.exitCode(), synth.err());
        try (DbnReader reader = DbnReader.open(file)) {
            assertTrue(reader.compressed());
            assertEquals("MNQH6", reader.metadata().symbols().get(0));
        }
        final Result dump = run("dbn", "dump", file.toString(), "--limit", "3", "--pretty-px");
        assertEquals(0, dump.exitCode(), dump.err());
        final String[] lines = dump.out().split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("{\"ts_recv\":\""), lines[0]);
        assertTrue(lines[0].contains("\"action\":\"R\""), lines[0]);

        final Result metadata = run("dbn", "dump", file.toString(), "--metadata");
        assertTrue(metadata.out().startsWith("{\"version\":3,\"dataset\":\"GLBX.MDP3\",\"schema\":\"mbo\""),
            metadata.out());

        final Result stats = run("dbn", "stats", file.toString());
        assertEquals(0, stats.exitCode(), stats.err());
        assertTrue(stats.out().contains("records:     5,000"), stats.out());
    }

    @Test
    void shouldProduceIdenticalFilesForTheSameSeed() throws IOException {
        final Path a = dir.resolve("a.dbn");
        final Path b = dir.resolve("b.dbn");
        assertEquals(0, run("synth", "mbo", "--events", "3000", "--out", a.toString()).exitCode());
        assertEquals(0, run("synth", "mbo", "--events", "3000", "--out", b.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void shouldPrintRecordsBeforeACutThenFailWithOffset() throws IOException {
        final Path file = dir.resolve("full.dbn");
        assertEquals(0, run("synth", "mbo", "--events", "2000", "--out", file.toString()).exitCode());
        final byte[] bytes = Files.readAllBytes(file);
        final Path cut = Files.write(dir.resolve("cut.dbn"), Arrays.copyOf(bytes, bytes.length - 10));
        final Result result = run("dbn", "dump", cut.toString());
        assertEquals(1, result.exitCode());
        assertEquals(1999, result.out().split("\n").length);
        assertTrue(result.err().contains("truncated record"), result.err());
        assertTrue(result.err().contains(cut.toString()), result.err());
        assertTrue(result.err().contains("byte offset"), result.err());
    }

    @Test
    void shouldFailClearlyOnMissingFileAndBadOptions() {
        final Result missing = run("dbn", "dump", dir.resolve("nope.dbn").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals("", missing.out());

        final Result badDate = run("synth", "mbo", "--dt", "06/02/2026", "--out", dir.resolve("x.dbn").toString());
        assertEquals(2, badDate.exitCode());
        assertTrue(badDate.err().contains("--dt '06/02/2026'"), badDate.err());

        final Result fewEvents = run("synth", "mbo", "--events", "10", "--out", dir.resolve("x.dbn").toString());
        assertEquals(2, fewEvents.exitCode());
        assertTrue(fewEvents.err().contains("events=10"), fewEvents.err());
    }

    @Test
    void shouldShowConfigVersionAndRejectBadConfig() throws IOException {
        final Result shown = run("config", "show", "--instrument", "../instrument.yaml");
        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("config_version:      e9c7ca0145bc"), shown.out());

        final Path bad = Files.writeString(dir.resolve("bad.yaml"), "product_type: future_mbo\nsymbol: X\n");
        final Result rejected = run("config", "show", "--instrument", bad.toString());
        assertEquals(1, rejected.exitCode());
        assertTrue(rejected.err().contains("missing required fields"), rejected.err());
        assertTrue(rejected.err().contains("'tick_size'"), rejected.err());
    }

    @Test
    void shouldRefuseBadServeOptionsAsUsageErrorsBeforeAnyWork() {
        final String[][] cases = {
            {"--host", "256.1.1.1", "--host 256.1.1.1: not an IPv4 address"},
            {"--port", "70000", "--port 70000: must be 0..65535"},
            {"--max-sessions", "0", "--max-sessions 0: must be at least 1"},
            {"--speed", "fast", "--speed 'fast': must be a positive number or max"},
            {"--engine-cpu", "-5", "--engine-cpu -5: must be a CPU number >= 0, or -1 for any"},
            {"--ring-size", "1000", "--ring-size 1000: must be a power of two >= 64"},
        };
        for (final String[] c : cases) {
            final long began = System.nanoTime();
            final Result result = run("serve", c[0], c[1], "--store-dir", dir.resolve("store").toString());
            assertEquals(2, result.exitCode(), c[0] + ": " + result.err());
            assertTrue(result.err().contains(c[2]), c[0] + ": " + result.err());
            assertTrue(System.nanoTime() - began < 2_000_000_000L, c[0] + ": refused before generating the demo");
        }
    }

    @Test
    void shouldNameThePortInUse() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
            java.net.InetAddress.getLoopbackAddress())) {
            final Result result = run("serve", "--port", Integer.toString(taken.getLocalPort()), "--store-dir",
                dir.resolve("store").toString());
            assertEquals(1, result.exitCode(), result.err());
            assertTrue(result.err().contains("cannot serve on 127.0.0.1:" + taken.getLocalPort()
                + ": the port is already in use"), result.err());
        }
    }

    @Test
    void shouldExplainReplayInputAndOutputFailures() throws IOException {
        final Path session = dir.resolve("s.dbn");
        assertEquals(0, run("synth", "mbo", "--events", "1000", "--out", session.toString()).exitCode());
        final Result noDir = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            session.toString(), "--output", dir.resolve("missing/x.jsonl").toString());
        assertEquals(1, noDir.exitCode(), noDir.err());
        assertTrue(noDir.err().contains("--output " + dir.resolve("missing/x.jsonl") + ": cannot create the file "
            + "(no such directory"), noDir.err());

        final Result directory = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            dir.toString(), "--output", dir.resolve("y.jsonl").toString());
        assertEquals(1, directory.exitCode(), directory.err());
        assertTrue(directory.err().contains(dir + ": is a directory, not a DBN file"), directory.err());

        final Path cut = dir.resolve("cut.dbn");
        final byte[] bytes = Files.readAllBytes(session);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 30));
        final Result truncated = run("replay", "--product-type", "future_mbo", "--dt", "2026-02-06", "--dbn",
            cut.toString(), "--throttle-ms", "0", "--output", dir.resolve("cut.jsonl").toString());
        assertEquals(1, truncated.exitCode(), truncated.err());
        assertTrue(truncated.err().contains("replay " + cut + ": 999 records read"), truncated.err());
        assertTrue(truncated.err().contains("FAILED"), truncated.err());
        final int lines = Files.readAllLines(dir.resolve("cut.jsonl")).size();
        assertTrue(lines > 900, "grids before the cut are kept: " + lines);
        assertTrue(truncated.err().contains(String.format(java.util.Locale.ROOT, "; %,d grids emitted", lines)),
            truncated.err());
    }
}
