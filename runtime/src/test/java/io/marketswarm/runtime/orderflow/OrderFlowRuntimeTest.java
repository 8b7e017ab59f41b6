package io.marketswarm.runtime.orderflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.core.ring.GridRing;
import io.marketswarm.core.ring.OrderFlowRing;
import io.marketswarm.engines.orderflow.GridJsonWriter;

/** The order-flow runtime: its hops in order, the thread of each stage, and its context rules. */
@Timeout(120)
class OrderFlowRuntimeTest {

    private static final InstrumentConfig CONFIG = InstrumentConfigLoader.load(Path.of("..", "instrument.yaml"));
    private static final LocalDate DAY = LocalDate.of(2026, 2, 6);
    private static final byte[] SESSION = SyntheticSessions.generate(CONFIG, DAY, 40_000, 21_500.0);

    @TempDir
    Path dir;

    private static OrderFlowContext context() {
        return new OrderFlowContext().config(CONFIG).date(DAY).throttleMs(2_000).memorySession(SESSION, "test session");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void shouldListTheHopsFromSourceToClientInOrder() {
        assertEquals(List.of("source", "publish", "engine", "hand-off", "output"),
            new OrderFlowRuntime(context()).hops());
        assertEquals(List.of("source", "publish", "journal", "engine", "hand-off", "output"),
            new OrderFlowRuntime(new OrderFlowContext().config(CONFIG).date(DAY).dbn(dir.resolve("x.dbn"))
                .journalOut(dir.resolve("journal"))).hops());
    }

    @Test
    void shouldFormatGridsOnTheOutputThreadAndComputeThemOnTheEngineThread() throws IOException {
        final List<String> engineThreads = new CopyOnWriteArrayList<>();
        final MessageDigest onEngine = sha256();
        final GridJsonWriter engineJson = new GridJsonWriter(new DigestOutputStream(OutputStream.nullOutputStream(),
            onEngine));
        final OrderFlowSummary direct = new OrderFlowRuntime(context()).run(grid -> {
            engineThreads.add(Thread.currentThread().getName());
            engineJson.onGrid(grid);
        }, null);
        engineJson.flush();

        final List<String> outputThreads = new CopyOnWriteArrayList<>();
        final MessageDigest offEngine = sha256();
        final GridJsonWriter outputJson = new GridJsonWriter(new DigestOutputStream(OutputStream.nullOutputStream(),
            offEngine));
        final OrderFlowSummary replayed = new OrderFlowRuntime(context()).replay(grid -> {
            outputThreads.add(Thread.currentThread().getName());
            outputJson.onGrid(grid);
        }, null);
        outputJson.flush();

        assertEquals(List.of(OrderFlowRing.ENGINE_THREAD), engineThreads.stream().distinct().toList());
        assertEquals(List.of(GridRing.OUTPUT_THREAD), outputThreads.stream().distinct().toList());
        assertTrue(direct.gridsEmitted() > 1_000, "grids: " + direct.gridsEmitted());
        assertEquals(40_000, direct.recordsIn());
        assertEquals(direct.gridsEmitted(), replayed.gridsEmitted());
        assertEquals(direct.gridsEmitted(), outputJson.lines());
        assertArrayEquals(onEngine.digest(), offEngine.digest(), "the output stage writes the same bytes");
        assertEquals(40_000, replayed.recordsIn());
        assertEquals(40_000, replayed.published());
    }

    @Test
    void shouldKeepTheSummaryOfAFailedRun() throws IOException {
        final OrderFlowRuntime runtime = new OrderFlowRuntime(context());
        final IOException failed = assertThrows(IOException.class, () -> runtime.replay(grid -> {
            throw new IllegalStateException("disk full");
        }, null));
        assertTrue(failed.getMessage().contains("disk full"), failed.getMessage());
        assertEquals(40_000, runtime.summary().recordsIn(), "everything before the failure was processed");
        assertTrue(runtime.summary().failure() != null);
    }

    @Test
    void shouldRefuseBadValuesBeforeAnyThreadStarts() {
        final String[][] cases = {
            {"ring", "--ring-size 1000: must be a power of two >= 64"},
            {"throttle", "--throttle-ms -1.0: must be a finite number >= 0"},
            {"cpu", "--engine-cpu -2: must be a CPU number >= 0, or -1 for any"},
            {"speed", "--speed 0.0: must be a positive number or max"},
            {"sources", "give one source"},
            {"none", "give a source: --dbn FILE, --lake DIR or --journal DIR"},
        };
        for (final String[] c : cases) {
            final OrderFlowContext ctx = switch (c[0]) {
                case "ring" -> context().ringSize(1000);
                case "throttle" -> context().throttleMs(-1);
                case "cpu" -> context().engineCpu(-2);
                case "speed" -> context().speed(0);
                case "sources" -> context().dbn(dir.resolve("a.dbn"));
                default -> new OrderFlowContext().config(CONFIG).date(DAY);
            };
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new OrderFlowRuntime(ctx), c[0]);
            assertTrue(ex.getMessage().startsWith(c[1]), c[0] + ": " + ex.getMessage());
        }
        final OrderFlowContext concluded = context().conclude();
        assertThrows(IllegalStateException.class, () -> concluded.throttleMs(5), "a concluded context is immutable");
    }

    @Test
    void shouldNameADirectoryGivenAsADbnFile() throws IOException {
        final Path notAFile = Files.createDirectory(dir.resolve("session.dbn"));
        final OrderFlowRuntime runtime = new OrderFlowRuntime(new OrderFlowContext().config(CONFIG).date(DAY)
            .dbn(notAFile).startTime(LocalTime.of(10, 0)).useCache(false));
        final IOException ex = assertThrows(IOException.class, () -> runtime.replay(grid -> { }, null));
        assertEquals(notAFile + ": is a directory, not a DBN file", ex.getMessage());
    }
}
