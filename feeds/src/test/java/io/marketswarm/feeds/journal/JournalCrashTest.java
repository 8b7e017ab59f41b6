package io.marketswarm.feeds.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.journal.JournalException;
import io.marketswarm.core.journal.JournalWriter;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;
import io.marketswarm.feeds.dbn.MboFlyweight;

/**
 * A writer process killed with SIGKILL, or halted in the middle of an entry, leaves a journal whose every readable
 * entry is complete and valid; replay ends without waiting, and a later run can be appended after the damage.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JournalCrashTest {

    private static final long OBSERVE_AT_LEAST = 50_000;
    private static final long RECOVERY_TIMEOUT_MS = 500;

    @TempDir
    Path tmp;

    private Process startWriter(final Path journal, final String mode, final long records) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx256m");
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Dchronicle.")) {
                command.add(arg);
            }
        }
        command.add("-Dchronicle.analytics.disable=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JournalCrashWriterMain.class.getName());
        command.add(journal.toString());
        command.add(mode);
        command.add(Long.toString(records));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(mode + ".log").toFile())
            .start();
    }

    private String childLog(final String mode) throws IOException {
        return Files.readString(tmp.resolve(mode + ".log"));
    }

    /** @return MBO records replayable now, or -1 while the journal does not exist or has no header yet. */
    private static long countRecords(final Path journal) throws IOException {
        try (JournalRuns runs = JournalRuns.open(journal)) {
            long count = 0;
            while (runs.nextRun()) {
                final JournalMboSource run = runs.run();
                while (run.nextMbo()) {
                    count++;
                }
            }
            return count;
        } catch (final JournalException notYet) {
            return -1;
        }
    }

    /** Replays the journal checking every record; returns records per run. */
    private static List<Long> replayAndCheck(final Path journal) throws IOException {
        final List<Long> perRun = new ArrayList<>();
        try (JournalRuns runs = JournalRuns.open(journal)) {
            while (runs.nextRun()) {
                final JournalMboSource run = runs.run();
                assertEquals(perRun.size() + 1, run.runNumber(), "runs come one at a time");
                assertEquals("MNQH6", run.metadata().symbols().get(0));
                final MboFlyweight mbo = run.mbo();
                long expected = 0;
                while (run.nextMbo()) {
                    CrashRecords.check(mbo, perRun.size(), expected);
                    expected++;
                }
                assertFalse(run.nextMbo(), "the end of a run is sticky");
                perRun.add(expected);
            }
            assertFalse(runs.nextRun(), "the end is sticky");
        }
        return perRun;
    }

    private static void appendSecondRun(final Path journal, final long records) throws JournalException {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[56]);
        final MboFlyweight mbo = new MboFlyweight().wrap(buffer, 0);
        try (JournalWriter writer = JournalWriter.append(journal, RECOVERY_TIMEOUT_MS)) {
            final byte[] header = DbnMetadataCodec.encode(CrashRecords.metadata("MNQH6"));
            writer.appendHeader(new UnsafeBuffer(header), 0, header.length);
            for (long i = 0; i < records; i++) {
                CrashRecords.fill(mbo, 1, i);
                writer.appendRecord(buffer, 0, 56);
            }
        }
    }

    @Test
    void shouldKeepEveryCompleteRecordWhenTheWriterIsKilled() throws Exception {
        final Path journal = tmp.resolve("killed");
        final Process child = startWriter(journal, "kill", 20_000_000);
        long observed = -1;
        try {
            while (observed < OBSERVE_AT_LEAST) {
                if (!child.isAlive()) {
                    fail("writer exited with " + child.exitValue() + " before it was killed:\n" + childLog("kill"));
                }
                observed = countRecords(journal);
                Thread.sleep(5);
            }
            final JournalException refused = assertThrows(JournalException.class,
                () -> JournalWriter.append(journal, RECOVERY_TIMEOUT_MS));
            assertTrue(refused.getMessage().contains("another writer has the journal open"), refused.getMessage());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL:\n" + childLog("kill"));

        final long startNs = System.nanoTime();
        final List<Long> runs = replayAndCheck(journal);
        final long replayMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertEquals(1, runs.size());
        assertTrue(runs.get(0) >= observed, runs.get(0) + " replayed < " + observed + " observed before the kill");
        System.out.println("killed writer: observed " + observed + " records before SIGKILL, replayed " + runs.get(0)
            + " in " + replayMs + " ms");

        final long appendStartNs = System.nanoTime();
        appendSecondRun(journal, 1_000);
        System.out.println("appended a run after the kill in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appendStartNs) + " ms");
        assertEquals(List.of(runs.get(0), 1_000L), replayAndCheck(journal));
    }

    @Test
    void shouldEndReplayBeforeAnEntryLeftHalfWritten() throws Exception {
        final Path journal = tmp.resolve("torn");
        final Process child = startWriter(journal, "torn", 10_000);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "writer halted");
        assertEquals(0, child.exitValue(), childLog("torn"));
        assertTrue(childLog("torn").contains("torn entry open"), childLog("torn"));

        final long startNs = System.nanoTime();
        assertEquals(List.of(10_000L), replayAndCheck(journal));
        final long replayMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertTrue(replayMs < 5_000, "replay took " + replayMs + " ms");

        final long appendStartNs = System.nanoTime();
        appendSecondRun(journal, 1_000);
        System.out.println("torn entry: replay " + replayMs + " ms; appended a run after it in "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appendStartNs) + " ms");
        assertEquals(List.of(10_000L, 1_000L), replayAndCheck(journal));
    }
}
