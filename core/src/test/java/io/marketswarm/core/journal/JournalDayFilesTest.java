package io.marketswarm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.openhft.chronicle.core.time.SetTimeProvider;

/** Journals that span several UTC day files, written with a fixed clock. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalDayFilesTest {

    private static final Instant DAY_ONE = Instant.parse("2026-02-06T23:59:00Z");

    @TempDir
    Path dir;

    /** Appends one run per day offset: header = run number, records = run * 1000 + i. */
    private void writeRuns(final int... dayOffsets) throws JournalException {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[56]);
        for (int run = 0; run < dayOffsets.length; run++) {
            final SetTimeProvider clock = new SetTimeProvider(DAY_ONE.plusSeconds(86_400L * dayOffsets[run]));
            try (JournalWriter writer = JournalWriter.append(dir, 1_000, clock)) {
                buffer.putInt(0, run);
                writer.appendHeader(buffer, 0, 4);
                for (int i = 0; i < 100; i++) {
                    buffer.putInt(0, run * 1000 + i);
                    writer.appendRecord(buffer, 0, 56);
                }
            }
        }
    }

    private static List<Integer> firstInts(final JournalReader reader) throws JournalException {
        final List<Integer> values = new ArrayList<>();
        while (reader.next()) {
            values.add(reader.buffer().getInt(reader.offset()));
        }
        return values;
    }

    private static List<Integer> expected(final int runs) {
        final List<Integer> values = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            values.add(run);
            for (int i = 0; i < 100; i++) {
                values.add(run * 1000 + i);
            }
        }
        return values;
    }

    @Test
    void shouldReplayRunsAcrossDayFilesWithGaps() throws IOException {
        writeRuns(0, 1, 4);
        assertTrue(Files.exists(dir.resolve("20260206F.cq4")));
        assertTrue(Files.exists(dir.resolve("20260207F.cq4")));
        assertTrue(Files.exists(dir.resolve("20260210F.cq4")));
        try (JournalReader reader = JournalReader.open(dir)) {
            assertEquals(expected(3), firstInts(reader));
            assertFalse(reader.next());
        }
    }

    @Test
    void shouldReportAnUnreadableDayFileAfterDeliveringTheEntriesBeforeIt() throws IOException {
        writeRuns(0, 1);
        Files.write(dir.resolve("20260207F.cq4"), new byte[0]);
        final List<Integer> values = new ArrayList<>();
        final long startNs = System.nanoTime();
        final JournalException ex = assertThrows(JournalException.class, () -> {
            try (JournalReader reader = JournalReader.open(dir)) {
                while (reader.next()) {
                    values.add(reader.buffer().getInt(reader.offset()));
                }
            }
        });
        assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(5), "bounded wait on a broken file");
        assertEquals(expected(1), values);
        assertEquals(101, ex.entryNumber());
        assertEquals("journal " + dir + ": replay stopped after 101 entries in 20260206F.cq4, but the journal has "
            + "files up to 20260207F.cq4: a queue file could not be read (corrupt, or its writer died while creating "
            + "it)", ex.getMessage());
    }

    @Test
    void shouldReportAnUnreadableOnlyFile() throws IOException {
        writeRuns(0);
        Files.write(dir.resolve("20260206F.cq4"), new byte[4096]);
        final JournalException ex = assertThrows(JournalException.class, () -> {
            try (JournalReader reader = JournalReader.open(dir)) {
                assertFalse(reader.next());
            }
        });
        assertTrue(ex.getMessage().contains("replay stopped after 0 entries without opening any queue file"),
            ex.getMessage());
    }
}
