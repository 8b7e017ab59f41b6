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
import io.marketswarm.feeds.dbn.MboDescriptor;
import io.marketswarm.feeds.dbn.MboFlyweight;
import io.marketswarm.feeds.dbn.MboSource;

/**
 * Replays a journal of DBN data (written by {@link io.marketswarm.core.journal.JournalWriter}, for instance through
 * {@link DbnFileJournaler}) as an {@link MboSource}, like {@link io.marketswarm.feeds.dbn.DbnReader}:
 * {@link #metadata()}, then {@code while (source.nextMbo()) { MboFlyweight mbo = source.mbo(); ... }}. The
 * flyweight points into the memory-mapped journal and is valid until the next {@link #nextMbo()}; nothing is
 * allocated per record.
 *
 * <p><b>Runs.</b> Every run of the journal is replayed, in the order written. {@link #metadata()} is the decoded
 * header of the run that the current record belongs to (the first run's before any record is read); it changes when
 * {@link #nextMbo()} crosses into a later run, which {@link #runCount()} shows.
 *
 * <p><b>Records.</b> Records of other types are skipped by their length and counted in {@link #recordCount()}, as
 * {@code DbnReader} does. Replay ends at the journal's end, or before an entry that a crashed writer left unfinished;
 * it never waits for more.
 *
 * <p><b>Errors.</b> {@link JournalException} for the journal's structure (missing or foreign directory, no header
 * first, unknown entry type, an unreadable queue file, a record whose DBN length byte disagrees with its entry), and
 * {@link DbnFormatException} for a header entry that is not a DBN metadata header; both name the directory and the
 * entry number.
 *
 * <p><b>Thread.</b> Not thread-safe: open it on any thread, then use it from one thread.
 */
public final class JournalMboSource implements MboSource {

    private final JournalReader reader;
    private final String source;
    private final MboFlyweight mbo = new MboFlyweight();
    private DbnMetadata metadata;
    private int runCount;
    private long recordCount;

    private JournalMboSource(final JournalReader reader) throws IOException {
        this.reader = reader;
        this.source = "journal " + reader.directory();
        if (!reader.next()) {
            throw new JournalException(reader.directory(), 0, "holds no complete entry: expected the header of a "
                + "run first");
        }
        this.metadata = decodeHeader();
        this.runCount = 1;
    }

    /**
     * Opens a journal and decodes its first header.
     *
     * @param directory the journal directory.
     * @return a source positioned before the first record.
     * @throws JournalException   when the directory is missing, not a journal, or holds no header first.
     * @throws DbnFormatException when the first header is not a DBN metadata header.
     */
    public static JournalMboSource open(final Path directory) throws IOException {
        final JournalReader reader = JournalReader.open(directory);
        try {
            return new JournalMboSource(reader);
        } catch (final IOException | RuntimeException ex) {
            reader.close();
            throw ex;
        }
    }

    /**
     * Advances to the next MBO record, crossing run headers and skipping records of other types.
     *
     * @return {@code false} at the end of the journal.
     * @throws JournalException   when an entry breaks the journal format.
     * @throws DbnFormatException when a later run's header is not a DBN metadata header.
     */
    @Override
    public boolean nextMbo() throws IOException {
        final JournalReader reader = this.reader;
        while (reader.next()) {
            if (reader.type() == JournalDescriptor.TYPE_HEADER) {
                metadata = decodeHeader();
                runCount++;
                continue;
            }
            recordCount++;
            final DirectBuffer buffer = reader.buffer();
            final int offset = reader.offset();
            final int length = reader.length();
            if (length < MboDescriptor.HEADER_LENGTH
                || (buffer.getByte(offset + MboDescriptor.LENGTH_OFFSET) & 0xFF) << 2 != length) {
                throw badRecord(length, length < MboDescriptor.HEADER_LENGTH ? "is shorter than the 16-byte DBN "
                    + "record header" : "disagrees with its DBN length byte ("
                    + ((buffer.getByte(offset + MboDescriptor.LENGTH_OFFSET) & 0xFF) << 2) + " bytes)");
            }
            if ((buffer.getByte(offset + MboDescriptor.RTYPE_OFFSET) & 0xFF) == DbnConstants.RTYPE_MBO) {
                if (length < MboDescriptor.MBO_LENGTH) {
                    throw badRecord(length, "is too short for an MBO record (rtype 0xA0 needs 56)");
                }
                mbo.wrap(buffer, offset);
                return true;
            }
        }
        return false;
    }

    private JournalException badRecord(final int length, final String problem) {
        return new JournalException(reader.directory(), reader.entryNumber(), "entry " + reader.entryNumber()
            + ": a " + length + "-byte record " + problem);
    }

    private DbnMetadata decodeHeader() throws DbnFormatException {
        final DirectBuffer buffer = reader.buffer();
        final int length = reader.length();
        final String source = this.source + " entry " + reader.entryNumber();
        if (length < DbnMetadataCodec.PRELUDE_LENGTH || buffer.getByte(0) != 'D' || buffer.getByte(1) != 'B'
            || buffer.getByte(2) != 'N') {
            throw new DbnFormatException(source, 0, "header entry is not a DBN metadata header (no \"DBN\" magic)");
        }
        final int version = buffer.getByte(3) & 0xFF;
        if (version < 1 || version > DbnConstants.MAX_VERSION) {
            throw new DbnFormatException(source, 3, "DBN version " + version + " in the header entry is not "
                + "supported");
        }
        final long declared = DbnMetadataCodec.PRELUDE_LENGTH
            + (buffer.getInt(4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL);
        if (declared != length) {
            throw new DbnFormatException(source, 4, "the DBN header declares " + declared + " bytes but the entry "
                + "holds " + length);
        }
        return DbnMetadataCodec.decode(buffer, length, source);
    }

    /** @return metadata of the run the current record belongs to. */
    @Override
    public DbnMetadata metadata() {
        return metadata;
    }

    /** @return runs (header entries) reached so far, at least 1. */
    public int runCount() {
        return runCount;
    }

    /** @return the MBO flyweight, positioned by the last successful {@link #nextMbo()}. */
    @Override
    public MboFlyweight mbo() {
        return mbo;
    }

    /** @return records of every type read so far, over all runs. */
    public long recordCount() {
        return recordCount;
    }

    /** @return the journal directory. */
    public Path directory() {
        return reader.directory();
    }

    /** @return {@code "journal <directory>"}, for messages. */
    @Override
    public String source() {
        return source;
    }

    @Override
    public void close() {
        reader.close();
    }
}
