package io.marketswarm.core.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.UnrecoverableTimeoutException;

/**
 * Appends one run of inbound DBN data to a Chronicle Queue journal: one {@linkplain #appendHeader header entry} (the
 * DBN metadata header of the source), then {@linkplain #appendRecord one entry per raw DBN record}. Entry layout in
 * {@link JournalDescriptor}; the queue rolls to a new file each UTC day ({@code FAST_DAILY}).
 *
 * <p><b>Runs.</b> {@link #create} refuses a directory that already holds anything, so a journal normally holds
 * exactly one run. {@link #append} adds a further run to an existing journal (for example after a restart): the
 * new header starts the run and {@link JournalReader} replays every run in the order written, each from its header.
 *
 * <p><b>Crash safety.</b> Each entry is written into the memory-mapped queue file and becomes visible to readers
 * only when complete: Chronicle marks an entry's header word "not complete" until the entry is closed. If the process
 * dies mid-entry (even by {@code SIGKILL}), the operating system still holds every complete entry, and readers stop
 * before the incomplete one. The next writer to {@link #append} finds the queue's write lock held by a dead process
 * id, takes it over at once and overwrites the incomplete entry. This does not survive a power loss of the host:
 * pages not yet written back by the kernel are lost.
 *
 * <p><b>One writer.</b> A writer holds an exclusive operating-system lock on {@value #WRITER_LOCK_FILE} in the
 * directory from open to close, so a second writer, in this process or another, is refused with a
 * {@link JournalException}. The operating system drops the lock when its process dies, however it dies.
 *
 * <p><b>Thread.</b> One writer, owned by the journal stage: open it on any thread, then call every other method from
 * that one thread. Nothing is allocated per appended entry in steady state. Chronicle itself starts two JVM-wide
 * daemon threads on first use ({@code disk~space~checker}, {@code background~resource~releaser}); a deployment that
 * wants neither passes {@code -Dchronicle.disk.monitor.disable=true -Dbackground.releaser=false}.
 */
public final class JournalWriter implements AutoCloseable {

    /**
     * Default time, in ms, that a writer waits for the queue's write lock held by a live process (or for a queue
     * file's header) before failing; a lock held by a dead process is taken over at once. Lower: a stuck second
     * writer fails sooner; higher: more margin for a writer that is merely paused (GC, debugger).
     */
    public static final long DEFAULT_RECOVERY_TIMEOUT_MS = 10_000;

    /** File in the journal directory that the open writer holds an exclusive lock on. */
    public static final String WRITER_LOCK_FILE = "writer.lock";

    private final Path directory;
    private final FileChannel writerLock;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private boolean headerWritten;
    private long recordCount;
    private boolean closed;

    private JournalWriter(final Path directory, final FileChannel writerLock, final long recoveryTimeoutMs,
        final TimeProvider clock) {
        this.directory = directory;
        this.writerLock = writerLock;
        this.queue = SingleChronicleQueueBuilder.single(directory.toFile())
            .rollCycle(JournalFiles.ROLL_CYCLE)
            .timeoutMS(recoveryTimeoutMs)
            .timeProvider(clock)
            .build();
        try {
            this.appender = queue.createAppender();
        } catch (final RuntimeException ex) {
            queue.close();
            throw ex;
        }
    }

    /**
     * Creates a new journal.
     *
     * @param directory created if absent; must be empty if present.
     * @return a writer expecting the header.
     * @throws JournalException if the directory holds anything, is a file, or cannot be created.
     */
    public static JournalWriter create(final Path directory) throws JournalException {
        if (Files.isDirectory(directory) && !JournalFiles.isEmpty(directory)) {
            throw new JournalException(directory, JournalException.NO_ENTRY, JournalFiles.isJournal(directory)
                ? "already holds a journal; use JournalWriter.append to add a run to it, or choose another directory"
                : "is not empty and not a journal (" + JournalFiles.describe(directory)
                    + "); refusing to write into it");
        }
        return open(directory, DEFAULT_RECOVERY_TIMEOUT_MS, SystemTimeProvider.INSTANCE);
    }

    /**
     * Opens a journal to add a run, creating it when the directory is absent or empty.
     *
     * @param directory         the journal directory.
     * @param recoveryTimeoutMs see {@link #DEFAULT_RECOVERY_TIMEOUT_MS}; at least 1.
     * @return a writer expecting the header of the new run.
     * @throws JournalException if the directory holds something that is not a journal, or cannot be created.
     */
    public static JournalWriter append(final Path directory, final long recoveryTimeoutMs) throws JournalException {
        return append(directory, recoveryTimeoutMs, SystemTimeProvider.INSTANCE);
    }

    /**
     * As {@link #append(Path, long)}, with the clock that picks the day file; for tests.
     *
     * @param directory         the journal directory.
     * @param recoveryTimeoutMs see {@link #DEFAULT_RECOVERY_TIMEOUT_MS}; at least 1.
     * @param clock             wall clock deciding the UTC day file.
     * @return a writer expecting the header of the new run.
     * @throws JournalException as {@link #append(Path, long)}.
     */
    static JournalWriter append(final Path directory, final long recoveryTimeoutMs, final TimeProvider clock)
        throws JournalException {
        if (recoveryTimeoutMs < 1) {
            throw new IllegalArgumentException("recoveryTimeoutMs=" + recoveryTimeoutMs + " must be >= 1");
        }
        if (Files.isDirectory(directory) && !JournalFiles.isEmpty(directory) && !JournalFiles.isJournal(directory)) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "is not a journal ("
                + JournalFiles.describe(directory) + "); refusing to append to it");
        }
        return open(directory, recoveryTimeoutMs, clock);
    }

    private static JournalWriter open(final Path directory, final long recoveryTimeoutMs, final TimeProvider clock)
        throws JournalException {
        try {
            Files.createDirectories(directory);
        } catch (final IOException ex) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "cannot create the directory", ex);
        }
        final FileChannel writerLock = lockWriter(directory);
        try {
            return new JournalWriter(directory, writerLock, recoveryTimeoutMs, clock);
        } catch (final RuntimeException ex) {
            closeQuietly(writerLock);
            if (ex instanceof UnrecoverableTimeoutException) {
                throw new JournalException(directory, JournalException.NO_ENTRY, "the queue's write lock is held by "
                    + "a live process that is not a JournalWriter", ex);
            }
            throw new JournalException(directory, JournalException.NO_ENTRY, "cannot open the queue", ex);
        }
    }

    private static FileChannel lockWriter(final Path directory) throws JournalException {
        final Path file = directory.resolve(WRITER_LOCK_FILE);
        final FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (final IOException ex) {
            throw new JournalException(directory, JournalException.NO_ENTRY, "cannot open " + WRITER_LOCK_FILE, ex);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (final OverlappingFileLockException heldInThisProcess) {
            lock = null;
        } catch (final IOException ex) {
            closeQuietly(channel);
            throw new JournalException(directory, JournalException.NO_ENTRY, "cannot lock " + WRITER_LOCK_FILE, ex);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new JournalException(directory, JournalException.NO_ENTRY, "another writer has the journal open ("
                + WRITER_LOCK_FILE + " is locked); one journal, one writer");
        }
        return channel;
    }

    private static void closeQuietly(final FileChannel channel) {
        try {
            channel.close();
        } catch (final IOException ignored) {
            return;
        }
    }

    /**
     * Writes the header entry that starts this writer's run; exactly once, before any record.
     *
     * @param buffer holding the DBN metadata header ({@code "DBN"}, version, length, metadata).
     * @param offset of the header's first byte.
     * @param length of the header in bytes, 1 to {@link JournalDescriptor#MAX_HEADER_LENGTH}.
     * @throws IllegalStateException when a header was already written by this writer, or it is closed.
     */
    public void appendHeader(final DirectBuffer buffer, final int offset, final int length) {
        if (headerWritten) {
            throw new IllegalStateException("journal " + directory + ": this writer already wrote its run's header");
        }
        checkLength(length, JournalDescriptor.MAX_HEADER_LENGTH, "header");
        append(JournalDescriptor.TYPE_HEADER, buffer, offset, length);
        headerWritten = true;
    }

    /**
     * Writes one raw DBN record. Allocates nothing.
     *
     * @param buffer holding the record.
     * @param offset of the record's first byte.
     * @param length of the record in bytes, 1 to {@link JournalDescriptor#MAX_RECORD_LENGTH} (56 for MBO).
     * @throws IllegalStateException when no header was written yet, or the writer is closed.
     */
    public void appendRecord(final DirectBuffer buffer, final int offset, final int length) {
        if (!headerWritten) {
            throw new IllegalStateException("journal " + directory + ": appendHeader must come before any record");
        }
        checkLength(length, JournalDescriptor.MAX_RECORD_LENGTH, "record");
        append(JournalDescriptor.TYPE_RECORD, buffer, offset, length);
        recordCount++;
    }

    private void append(final int type, final DirectBuffer buffer, final int offset, final int length) {
        if (closed) {
            throw new IllegalStateException("journal " + directory + ": writer is closed");
        }
        buffer.boundsCheck(offset, length);
        try (DocumentContext dc = appender.writingDocument()) {
            try {
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.writeByte((byte)type);
                bytes.writeByte((byte)JournalDescriptor.FORMAT_VERSION);
                bytes.writeShort((short)0);
                bytes.writeInt(length);
                final byte[] array = buffer.byteArray();
                if (array != null) {
                    bytes.unsafeWriteObject(array, (int)buffer.addressOffset() + offset, length);
                } else {
                    bytes.unsafeWrite(buffer.addressOffset() + offset, length);
                }
            } catch (final RuntimeException | Error ex) {
                dc.rollbackOnClose();
                throw ex;
            }
        }
    }

    private void checkLength(final int length, final int max, final String what) {
        if (length < 1 || length > max) {
            throw new IllegalArgumentException("journal " + directory + ": " + what + " length=" + length
                + " must be 1 to " + max);
        }
    }

    /** @return the journal directory. */
    public Path directory() {
        return directory;
    }

    /** @return records appended by this writer. */
    public long recordCount() {
        return recordCount;
    }

    /** Closes the appender and the queue, then releases the writer lock; idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                appender.close();
            } finally {
                try {
                    queue.close();
                } finally {
                    closeQuietly(writerLock);
                }
            }
        }
    }
}
