package io.marketswarm.core.journal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Replays a journal written by {@link JournalWriter}: every complete entry from the first, in the order written,
 * through a flyweight view of its payload. Header entries are delivered too, so a reader sees where each run starts.
 * The queue is opened read-only and nothing in the directory is changed.
 *
 * <p>Usage: {@code while (reader.next()) { switch (reader.type()) { ... reader.buffer(), reader.offset(),
 * reader.length() ... } }}. The view points into the memory-mapped queue file and is valid until the next call to
 * {@link #next()} or {@link #close()}.
 *
 * <p>{@link #next()} returns {@code false} at the end of the journal and never waits for more. An entry that a
 * writer had not finished (for example one cut short by a crash) ends the journal: the entries before it are all
 * complete.
 *
 * <p>Errors are {@link JournalException}s naming the directory: missing directory, not a journal, a first entry
 * that is not a header, an entry of unknown type or format version, or an entry whose length disagrees with its
 * document (these name the entry number), and a queue file that cannot be read (corrupt, or its writer died while
 * creating it: reported after every entry before it was delivered). After an error, close the reader.
 *
 * <p><b>Thread.</b> Not thread-safe: open it on any thread, then use it from one thread.
 */
public final class JournalReader implements AutoCloseable {

    /**
     * How long, in ms, the reader waits for a queue file's own header to become readable. Only a file being created
     * at that moment, a file whose writer died while creating it, or a corrupt file makes it wait; the journal is
     * replayed once, so the wait is kept short rather than Chronicle's default 10 s.
     */
    public static final long FILE_HEADER_TIMEOUT_MS = 500;

    private final Path directory;
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer payload = new UnsafeBuffer(0, 0);
    private DocumentContext current;
    private long entryNumber = -1;
    private int type;
    private int length;
    private boolean closed;

    private JournalReader(final Path directory) {
        this.directory = directory;
        this.queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(JournalFiles.ROLL_CYCLE)
            .readOnly(true)
            .timeoutMS(FILE_HEADER_TIMEOUT_MS)
            .build();
        try {
            this.tailer = queue.createTailer();
        } catch (final RuntimeException ex) {
            queue.close();
            throw ex;
        }
    }

    /**
     * Opens a journal positioned before its first entry.
     *
     * @param directory the journal directory.
     * @return the reader.
     * @throws JournalException when the directory is missing, is not a journal, or the queue cannot be opened.
     */
    public static JournalReader open(final Path directory) throws JournalException {
        if (!Files.exists(directory)) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "is a file, not a journal directory");
        }
        if (!JournalFiles.isJournal(directory)) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "not a journal: "
                + JournalFiles.describe(directory));
        }
        try {
            return new JournalReader(directory);
        } catch (final RuntimeException ex) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "not a readable journal", ex);
        }
    }

    /**
     * Moves to the next complete entry.
     *
     * @return {@code false} at the end of the journal (or at an entry a writer has not finished).
     * @throws JournalException when the entry breaks the format, or the first entry is not a header.
     */
    public boolean next() throws JournalException {
        if (closed) {
            throw new IllegalStateException("journal " + directory + ": reader is closed");
        }
        release();
        final DocumentContext dc;
        try {
            dc = tailer.readingDocument();
        } catch (final RuntimeException ex) {
            throw new JournalException(directory, entryNumber + 1, "cannot read entry " + (entryNumber + 1), ex);
        }
        if (!dc.isPresent()) {
            dc.close();
            checkReachedLastFile();
            return false;
        }
        current = dc;
        entryNumber++;
        final Bytes<?> bytes = dc.wire().bytes();
        final long start = bytes.readPosition();
        final long size = bytes.readRemaining();
        if (size < JournalDescriptor.PAYLOAD_OFFSET) {
            throw badEntry("is " + size + " bytes, shorter than the " + JournalDescriptor.PAYLOAD_OFFSET
                + "-byte entry prefix");
        }
        final int entryType = bytes.readUnsignedByte(start + JournalDescriptor.TYPE_OFFSET);
        final int version = bytes.readUnsignedByte(start + JournalDescriptor.VERSION_OFFSET);
        final long declared = bytes.readInt(start + JournalDescriptor.LENGTH_OFFSET) & 0xFFFF_FFFFL;
        if (entryType != JournalDescriptor.TYPE_HEADER && entryType != JournalDescriptor.TYPE_RECORD) {
            throw badEntry("has unknown type " + entryType + " (expected " + JournalDescriptor.TYPE_HEADER
                + " header or " + JournalDescriptor.TYPE_RECORD + " record)");
        }
        if (version != JournalDescriptor.FORMAT_VERSION) {
            throw badEntry("has format version " + version + "; this reader handles version "
                + JournalDescriptor.FORMAT_VERSION);
        }
        if (declared != size - JournalDescriptor.PAYLOAD_OFFSET) {
            throw badEntry("declares a " + declared + "-byte payload but holds " + (size
                - JournalDescriptor.PAYLOAD_OFFSET));
        }
        if (entryNumber == 0 && entryType != JournalDescriptor.TYPE_HEADER) {
            throw badEntry("is a " + JournalDescriptor.typeName(entryType) + " but the first entry must be a "
                + "header (the DBN metadata of the run)");
        }
        type = entryType;
        length = (int)declared;
        final long payloadStart = start + JournalDescriptor.PAYLOAD_OFFSET;
        payload.wrap(length == 0 ? bytes.addressForRead(payloadStart) : bytes.addressForRead(payloadStart, length),
            length);
        return true;
    }

    private void checkReachedLastFile() throws JournalException {
        final int lastCycle = queue.lastCycle();
        final int cycle = tailer.cycle();
        if (lastCycle != Integer.MIN_VALUE && cycle < lastCycle) {
            throw new JournalException(directory, entryNumber + 1, "replay stopped after " + (entryNumber + 1)
                + " entries " + (cycle == Integer.MIN_VALUE ? "without opening any queue file"
                    : "in " + JournalFiles.fileName(cycle)) + ", but the journal has files up to "
                + JournalFiles.fileName(lastCycle) + ": a queue file could not be read (corrupt, or its writer died "
                + "while creating it)");
        }
    }

    private JournalException badEntry(final String problem) {
        final long index = tailer.lastReadIndex();
        release();
        return new JournalException(directory, entryNumber, "entry " + entryNumber + " (queue index 0x"
            + Long.toHexString(index) + ") " + problem);
    }

    private void release() {
        final DocumentContext dc = current;
        if (dc != null) {
            current = null;
            dc.close();
        }
    }

    /** @return {@link JournalDescriptor#TYPE_HEADER} or {@link JournalDescriptor#TYPE_RECORD}. */
    public int type() {
        return type;
    }

    /** @return the buffer holding the current entry's payload, valid until the next {@link #next()}. */
    public DirectBuffer buffer() {
        return payload;
    }

    /** @return offset of the payload in {@link #buffer()}; always 0. */
    public int offset() {
        return 0;
    }

    /** @return payload length in bytes. */
    public int length() {
        return length;
    }

    /** @return 0-based number of the current entry, counted from the start of the journal; -1 before the first. */
    public long entryNumber() {
        return entryNumber;
    }

    /** @return the journal directory. */
    public Path directory() {
        return directory;
    }

    /** Releases the current entry and closes the queue; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                release();
                tailer.close();
            } finally {
                queue.close();
            }
        }
    }
}
