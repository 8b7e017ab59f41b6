package io.marketswarm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalErrorsTest {

    @TempDir
    Path dir;

    private static JournalException readAllExpectingError(final Path journal) {
        return assertThrows(JournalException.class, () -> {
            try (JournalReader reader = JournalReader.open(journal)) {
                while (reader.next()) {
                    continue;
                }
            }
        });
    }

    /** Writes entries with Chronicle directly, bypassing the writer's checks: {type, version, length, bodyBytes}. */
    private static void writeRaw(final Path journal, final int[]... entries) {
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(journal.toFile())
            .rollCycle(JournalFiles.ROLL_CYCLE).build();
            ExcerptAppender appender = queue.createAppender()) {
            for (final int[] entry : entries) {
                try (DocumentContext dc = appender.writingDocument()) {
                    final Bytes<?> bytes = dc.wire().bytes();
                    bytes.writeByte((byte)entry[0]).writeByte((byte)entry[1]).writeShort((short)0).writeInt(entry[2]);
                    for (int i = 0; i < entry[3]; i++) {
                        bytes.writeByte((byte)i);
                    }
                }
            }
        }
    }

    @Test
    void shouldNameMissingDirectory() {
        final Path missing = dir.resolve("nope");
        final JournalException ex = assertThrows(JournalException.class, () -> JournalReader.open(missing));
        assertEquals("journal " + missing + ": directory does not exist", ex.getMessage());
        assertEquals(missing, ex.directory());
    }

    @Test
    void shouldRejectAFileGivenAsDirectory() throws IOException {
        final Path file = Files.writeString(dir.resolve("file.txt"), "hello");
        final JournalException ex = assertThrows(JournalException.class, () -> JournalReader.open(file));
        assertTrue(ex.getMessage().contains("is a file"), ex.getMessage());
    }

    @Test
    void shouldRejectEmptyDirectoryAsNotAJournal() {
        final JournalException ex = assertThrows(JournalException.class, () -> JournalReader.open(dir));
        assertEquals("journal " + dir + ": not a journal: the directory is empty", ex.getMessage());
    }

    @Test
    void shouldRejectForeignDirectoryAsNotAJournal() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a queue");
        Files.write(dir.resolve("20260101F.cq4"), new byte[4096]);
        final JournalException ex = assertThrows(JournalException.class, () -> JournalReader.open(dir));
        assertTrue(ex.getMessage().startsWith("journal " + dir + ": not a journal: it holds 2 entries but no "
            + "metadata.cq4t"), ex.getMessage());
    }

    @Test
    void shouldRefuseToCreateInNonEmptyDirectories() throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve("foreign")).resolve("x.txt"), "x");
        final JournalException foreign = assertThrows(JournalException.class,
            () -> JournalWriter.create(dir.resolve("foreign")));
        assertTrue(foreign.getMessage().contains("is not empty and not a journal"), foreign.getMessage());
        final JournalException append = assertThrows(JournalException.class,
            () -> JournalWriter.append(dir.resolve("foreign"), 1_000));
        assertTrue(append.getMessage().contains("is not a journal"), append.getMessage());

        final Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.create(journal)) {
            writer.appendHeader(new UnsafeBuffer(new byte[8]), 0, 8);
        }
        final JournalException existing = assertThrows(JournalException.class, () -> JournalWriter.create(journal));
        assertTrue(existing.getMessage().contains("already holds a journal; use JournalWriter.append"),
            existing.getMessage());
    }

    @Test
    void shouldRefuseASecondWriterUntilTheFirstIsClosed() throws JournalException {
        final Path journal = dir.resolve("one-writer");
        try (JournalWriter first = JournalWriter.create(journal)) {
            first.appendHeader(new UnsafeBuffer(new byte[8]), 0, 8);
            final JournalException ex = assertThrows(JournalException.class, () -> JournalWriter.append(journal, 500));
            assertEquals("journal " + journal + ": another writer has the journal open (writer.lock is locked); one "
                + "journal, one writer", ex.getMessage());
        }
        try (JournalWriter second = JournalWriter.append(journal, 500)) {
            second.appendHeader(new UnsafeBuffer(new byte[8]), 0, 8);
        }
    }

    @Test
    void shouldRejectFirstEntryThatIsNotAHeader() {
        writeRaw(dir, new int[] {JournalDescriptor.TYPE_RECORD, 1, 56, 56});
        final JournalException ex = readAllExpectingError(dir);
        assertEquals(0, ex.entryNumber());
        assertTrue(ex.getMessage().contains("entry 0 (queue index 0x"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("is a record but the first entry must be a header (the DBN metadata of "
            + "the run)"), ex.getMessage());
    }

    @Test
    void shouldNameTheEntryWithAnUnknownType() {
        writeRaw(dir, new int[] {JournalDescriptor.TYPE_HEADER, 1, 8, 8}, new int[] {JournalDescriptor.TYPE_RECORD,
            1, 56, 56}, new int[] {7, 1, 56, 56});
        final JournalException ex = readAllExpectingError(dir);
        assertEquals(2, ex.entryNumber());
        assertTrue(ex.getMessage().startsWith("journal " + dir + ": entry 2 (queue index 0x"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("has unknown type 7 (expected 1 header or 2 record)"), ex.getMessage());
    }

    @Test
    void shouldRejectLengthThatDisagreesWithTheDocument() {
        writeRaw(dir, new int[] {JournalDescriptor.TYPE_HEADER, 1, 8, 8}, new int[] {JournalDescriptor.TYPE_RECORD,
            1, 56, 40});
        final JournalException ex = readAllExpectingError(dir);
        assertEquals(1, ex.entryNumber());
        assertTrue(ex.getMessage().endsWith("declares a 56-byte payload but holds 40"), ex.getMessage());
    }

    @Test
    void shouldRejectUnknownFormatVersion() {
        writeRaw(dir, new int[] {JournalDescriptor.TYPE_HEADER, 9, 8, 8});
        final JournalException ex = readAllExpectingError(dir);
        assertTrue(ex.getMessage().endsWith("has format version 9; this reader handles version 1"), ex.getMessage());
    }

    @Test
    void shouldRejectEntryShorterThanItsPrefix() {
        writeRaw(dir, new int[] {JournalDescriptor.TYPE_HEADER, 1, 8, 8});
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(JournalFiles.ROLL_CYCLE).build();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().writeInt(2);
        }
        final JournalException ex = readAllExpectingError(dir);
        assertTrue(ex.getMessage().endsWith("is 4 bytes, shorter than the 8-byte entry prefix"), ex.getMessage());
    }
}
