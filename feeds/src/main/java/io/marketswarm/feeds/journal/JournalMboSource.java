package io.marketswarm.feeds.journal;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.DirectBuffer;

import io.marketswarm.core.journal.JournalException;
import io.marketswarm.core.journal.JournalReader;
import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.MboDescriptor;
import io.marketswarm.feeds.dbn.MboFlyweight;
import io.marketswarm.feeds.dbn.MboSource;

/**
 * One run of a journal as an {@link MboSource}, like {@link io.marketswarm.feeds.dbn.DbnReader} over the file that
 * run was written from: {@link #metadata()} is the run's header, and {@code while (run.nextMbo()) { MboFlyweight mbo
 * = run.mbo(); ... }} delivers its MBO records, in the order written. {@link #nextMbo()} returns {@code false} at the
 * end of the run: the next run's header or the journal's end. Runs come from {@link JournalRuns#nextRun()}.
 *
 * <p>The flyweight points into the memory-mapped journal and is valid until the next {@link #nextMbo()}; nothing is
 * allocated per record. Records of other types are skipped by their length and counted in {@link #recordCount()}, as
 * {@code DbnReader} does. Once {@link JournalRuns#nextRun()} has moved on, this run delivers nothing more.
 *
 * <p><b>Errors.</b> {@link JournalException} for a broken entry or an unreadable queue file, and for a record whose
 * DBN length byte disagrees with its entry; it names the directory and the entry number.
 *
 * <p><b>Thread.</b> Not thread-safe: the thread that uses its {@link JournalRuns}.
 */
public final class JournalMboSource implements MboSource {

    private final JournalRuns runs;
    private final DbnMetadata metadata;
    private final int runNumber;
    private final String source;
    private final MboFlyweight mbo = new MboFlyweight();
    private boolean finished;
    private long recordCount;

    JournalMboSource(final JournalRuns runs, final DbnMetadata metadata, final int runNumber) {
        this.runs = runs;
        this.metadata = metadata;
        this.runNumber = runNumber;
        this.source = runs.source() + " run " + runNumber;
    }

    /**
     * Advances to the next MBO record of this run, skipping records of other types.
     *
     * @return {@code false} at the end of the run (and ever after).
     * @throws JournalException when an entry breaks the journal format.
     */
    @Override
    public boolean nextMbo() throws IOException {
        if (finished) {
            return false;
        }
        final JournalRuns runs = this.runs;
        while (runs.nextRecordEntry()) {
            recordCount++;
            final JournalReader reader = runs.reader();
            final DirectBuffer buffer = reader.buffer();
            final int offset = reader.offset();
            final int length = reader.length();
            if (length < MboDescriptor.HEADER_LENGTH
                || (buffer.getByte(offset + MboDescriptor.LENGTH_OFFSET) & 0xFF) << 2 != length) {
                throw badRecord(reader, length, length < MboDescriptor.HEADER_LENGTH ? "is shorter than the 16-byte "
                    + "DBN record header" : "disagrees with its DBN length byte ("
                    + ((buffer.getByte(offset + MboDescriptor.LENGTH_OFFSET) & 0xFF) << 2) + " bytes)");
            }
            if ((buffer.getByte(offset + MboDescriptor.RTYPE_OFFSET) & 0xFF) == DbnConstants.RTYPE_MBO) {
                if (length < MboDescriptor.MBO_LENGTH) {
                    throw badRecord(reader, length, "is too short for an MBO record (rtype 0xA0 needs 56)");
                }
                mbo.wrap(buffer, offset);
                return true;
            }
        }
        finished = true;
        return false;
    }

    /** Reads through the rest of the run without delivering it; called when the journal moves to the next run. */
    void finish() throws IOException {
        while (nextMbo()) {
            continue;
        }
    }

    private static JournalException badRecord(final JournalReader reader, final int length, final String problem) {
        return new JournalException(reader.directory(), reader.entryNumber(), "entry " + reader.entryNumber()
            + ": a " + length + "-byte record " + problem);
    }

    /** @return the decoded header of this run. */
    @Override
    public DbnMetadata metadata() {
        return metadata;
    }

    /** @return 1-based number of this run in the journal. */
    public int runNumber() {
        return runNumber;
    }

    /** @return the MBO flyweight, positioned by the last successful {@link #nextMbo()}. */
    @Override
    public MboFlyweight mbo() {
        return mbo;
    }

    /** @return records of every type read so far in this run. */
    public long recordCount() {
        return recordCount;
    }

    /** @return the journal directory. */
    public Path directory() {
        return runs.directory();
    }

    /** @return {@code "journal <directory> run <n>"}, for messages. */
    @Override
    public String source() {
        return source;
    }

    /** Does nothing: the run ends at its last record, and {@link JournalRuns#close()} closes the journal. */
    @Override
    public void close() {
    }
}
