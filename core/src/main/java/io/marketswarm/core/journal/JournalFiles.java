package io.marketswarm.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;

/** What makes a directory a journal, shared by the writer and the reader. */
final class JournalFiles {

    /** One file per UTC day; up to 2^32 - 1 entries a day. */
    static final RollCycle ROLL_CYCLE = RollCycles.FAST_DAILY;

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private JournalFiles() {
    }

    /**
     * @param cycle a {@link #ROLL_CYCLE} cycle: days since 1970-01-01 (UTC).
     * @return the queue file name of that cycle, e.g. {@code 20260206F.cq4}.
     */
    static String fileName(final int cycle) {
        return FILE_DATE.format(LocalDate.ofEpochDay(cycle)) + "F" + SingleChronicleQueue.SUFFIX;
    }

    /**
     * @param directory a directory that exists.
     * @return whether it holds Chronicle Queue metadata.
     */
    static boolean isJournal(final Path directory) {
        return Files.isRegularFile(directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE));
    }

    /**
     * @param directory a directory that exists.
     * @return whether it holds no file or folder at all.
     * @throws JournalException when it cannot be listed.
     */
    static boolean isEmpty(final Path directory) throws JournalException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (final IOException ex) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "cannot list the directory", ex);
        }
    }

    /**
     * @param directory a directory that exists.
     * @return a short description of what it holds, for "not a journal" messages.
     */
    static String describe(final Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            final long count = entries.count();
            return count == 0 ? "the directory is empty"
                : "it holds " + count + " entries but no " + SingleChronicleQueue.QUEUE_METADATA_FILE;
        } catch (final IOException ex) {
            return "it cannot be listed (" + ex + ")";
        }
    }
}
