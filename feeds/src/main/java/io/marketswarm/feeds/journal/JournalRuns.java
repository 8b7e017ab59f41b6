package io.marketswarm.feeds.journal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.agrona.DirectBuffer;

import io.marketswarm.core.journal.JournalDescriptor;
import io.marketswarm.core.journal.JournalException;
import io.marketswarm.core.journal.JournalReader;
import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnFormatException;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;

/**
 * The runs of a journal (written by {@link io.marketswarm.core.journal.JournalWriter}, for instance through
 * {@link DbnFileJournaler}), in the order written, each replayed as its own {@link JournalMboSource}. A run starts at
 * a {@link JournalDescriptor#TYPE_HEADER header entry} (the DBN metadata of its source) and holds the record entries
 * up to the next header or the end of the journal. Runs are independent sessions: a consumer that builds state from
 * the records (a book, an engine) starts it afresh for each run.
 *
 * <pre>{@code
 * try (JournalRuns runs = JournalRuns.open(directory)) {
 *     while (runs.nextRun()) {
 *         JournalMboSource run = runs.run();   // run.metadata(), run.runNumber()
 *         while (run.nextMbo()) { ... run.mbo() ... }
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #nextRun()} skips whatever the current run has not delivered, then decodes the next header. Replay ends at
 * the journal's end, or before an entry that a crashed writer left unfinished; it never waits for more.
 *
 * <p><b>Errors.</b> {@link JournalException} for the journal's structure (missing or foreign directory, no entry,
 * no header first, unknown entry type, an unreadable queue file, a record whose DBN length byte disagrees with its
 * entry), and {@link DbnFormatException} for a header entry that is not a DBN metadata header; both name the
 * directory and the entry number. After an error, close the journal.
 *
 * <p><b>Thread.</b> Not thread-safe: open it on any thread, then use it and its runs from one thread. One
 * {@link JournalReader} serves every run; nothing is allocated per record, one source object per run.
 */
public final class JournalRuns implements AutoCloseable {

    private final JournalReader reader;
    private final String source;
    private JournalMboSource current;
    private boolean atHeader;
    private int runCount;
    private long recordCount;

    private JournalRuns(final JournalReader reader) throws JournalException {
        this.reader = reader;
        this.source = "journal " + reader.directory();
        if (!reader.next()) {
            throw new JournalException(reader.directory(), 0, "holds no complete entry: expected the header of a "
                + "run first");
        }
        this.atHeader = true;
    }

    /**
     * Opens a journal positioned before its first run.
     *
     * @param directory the journal directory.
     * @return the runs; call {@link #nextRun()} to enter the first.
     * @throws JournalException when the directory is missing, is not a journal, or holds no complete entry.
     */
    public static JournalRuns open(final Path directory) throws JournalException {
        final JournalReader reader = JournalReader.open(directory);
        try {
            return new JournalRuns(reader);
        } catch (final JournalException | RuntimeException ex) {
            reader.close();
            throw ex;
        }
    }

    /**
     * Moves to the next run: skips the records of the current run that were not read, then decodes the header.
     *
     * @return {@code true} with {@link #run()} on the new run; {@code false} at the end of the journal (and ever
     *     after).
     * @throws JournalException   when an entry breaks the journal format.
     * @throws DbnFormatException when the header entry is not a DBN metadata header.
     */
    public boolean nextRun() throws IOException {
        if (current != null) {
            current.finish();
        }
        if (!atHeader) {
            return false;
        }
        atHeader = false;
        final DbnMetadata metadata = decodeHeader();
        runCount++;
        current = new JournalMboSource(this, metadata, runCount);
        return true;
    }

    /**
     * Reads the next entry of the current run.
     *
     * @return {@code false} at the next header (which the following {@link #nextRun()} decodes) or the journal's end.
     */
    boolean nextRecordEntry() throws JournalException {
        if (!reader.next()) {
            return false;
        }
        if (reader.type() == JournalDescriptor.TYPE_HEADER) {
            atHeader = true;
            return false;
        }
        recordCount++;
        return true;
    }

    private DbnMetadata decodeHeader() throws DbnFormatException {
        final DirectBuffer buffer = reader.buffer();
        final int length = reader.length();
        final String where = source + " entry " + reader.entryNumber();
        if (length < DbnMetadataCodec.PRELUDE_LENGTH || buffer.getByte(0) != 'D' || buffer.getByte(1) != 'B'
            || buffer.getByte(2) != 'N') {
            throw new DbnFormatException(where, 0, "header entry is not a DBN metadata header (no \"DBN\" magic)");
        }
        final int version = buffer.getByte(3) & 0xFF;
        if (version < 1 || version > DbnConstants.MAX_VERSION) {
            throw new DbnFormatException(where, 3, "DBN version " + version + " in the header entry is not "
                + "supported");
        }
        final long declared = DbnMetadataCodec.PRELUDE_LENGTH
            + (buffer.getInt(4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL);
        if (declared != length) {
            throw new DbnFormatException(where, 4, "the DBN header declares " + declared + " bytes but the entry "
                + "holds " + length);
        }
        return DbnMetadataCodec.decode(buffer, length, where);
    }

    /** @return the reader, positioned on the current record entry of the current run. */
    JournalReader reader() {
        return reader;
    }

    /**
     * @return the current run, positioned by the last {@link #nextRun()} that returned {@code true}.
     * @throws IllegalStateException before the first {@link #nextRun()}.
     */
    public JournalMboSource run() {
        if (current == null) {
            throw new IllegalStateException(source + ": call nextRun() before run()");
        }
        return current;
    }

    /** @return runs entered so far. */
    public int runCount() {
        return runCount;
    }

    /** @return record entries of every type read so far, over all runs (skipped ones included). */
    public long recordCount() {
        return recordCount;
    }

    /** @return the journal directory. */
    public Path directory() {
        return reader.directory();
    }

    /** @return {@code "journal <directory>"}, for messages. */
    public String source() {
        return source;
    }

    /** Closes the journal, which ends every run; idempotent. */
    @Override
    public void close() {
        reader.close();
    }
}
