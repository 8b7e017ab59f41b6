package io.marketswarm.feeds.dbn;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.concurrent.UnsafeBuffer;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;

/**
 * Pull decoder of a DBN stream (versions 1 to 3), plain or zstd-compressed (any number of concatenated frames),
 * detected by content rather than by name.
 *
 * <p>Records are read into one reusable window (default {@value #DEFAULT_WINDOW_BYTES} bytes) and exposed through
 * flyweights, so files larger than memory stream through and decoding allocates nothing per record. A byte array
 * given to {@link #fromBytes} is decoded in place without a copy. Records are not assumed to be aligned.
 *
 * <p>Usage: {@code while (reader.nextMbo()) { MboFlyweight mbo = reader.mbo(); ... }}, or {@link #next()} for every
 * record type. A flyweight is valid until the next call to {@code next}/{@code nextMbo}.
 *
 * <p>Errors are {@link DbnFormatException}s naming the source and the byte offset in the DBN stream (in a zstd
 * stream, an offset in decompressed bytes, and the message says so): not DBN, legacy DBZ, version above 3, truncated
 * metadata, a record length below the 16-byte header (or below 56 for MBO), a truncated last record, and a corrupt or
 * truncated zstd frame. zstd frames are decoded with their content checksum verified when the writer stored one (as
 * {@link DbnMboEncoder} does); a corrupt frame is reported with how many compressed bytes of the file the decoder had
 * read and the decompressed offset it had reached. Every complete record before the offset is delivered first: the
 * checksum covers a whole frame and is checked at its end, so the records of a corrupt frame up to the point where
 * zstd notices are delivered too. When such a record breaks the DBN layout, the reader decodes on to the end of the
 * frame (at most {@value #FRAME_CHECK_BYTES} bytes) and reports the corrupt frame rather than the record.
 *
 * <p>Not thread-safe: one reader, one thread.
 */
public final class DbnReader implements MboSource {

    /** Default size of the read window. */
    public static final int DEFAULT_WINDOW_BYTES = 1 << 20;

    private static final int ZSTD_MAGIC = 0xFD2FB528;
    private static final int SKIPPABLE_MAGIC_MASK = 0xFFFFFFF0;
    private static final int SKIPPABLE_MAGIC = 0x184D2A50;
    private static final int MAX_METADATA_BYTES = 256 << 20;
    /**
     * Decompressed bytes read past a broken record of a zstd stream to reach the end of its frame and verify its
     * checksum; our own frames hold at most {@value DbnMboEncoder#ZSTD_FRAME_BYTES} bytes.
     */
    public static final int FRAME_CHECK_BYTES = 8 << 20;

    private final String source;
    private final InputStream in;
    private final CountingInputStream compressedIn;
    private final boolean compressed;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private final MboFlyweight mbo = new MboFlyweight();
    private final DbnMetadata metadata;
    private byte[] window;
    private long windowBase;
    private int limit;
    private int recordStart;
    private int recordEnd;
    private boolean endOfInput;
    private long recordCount;

    private DbnReader(final String source, final InputStream in, final CountingInputStream compressedIn,
        final byte[] window, final int limit) throws IOException {
        this.source = source;
        this.in = in;
        this.compressedIn = compressedIn;
        this.compressed = compressedIn != null;
        this.window = window;
        this.limit = limit;
        this.endOfInput = in == null;
        buffer.wrap(window, 0, window.length);
        this.metadata = readMetadata();
        mbo.wrap(buffer, recordEnd);
    }

    /**
     * Opens a file, plain or zstd.
     *
     * @param path the {@code .dbn} or {@code .dbn.zst} file (the name is not trusted: content decides).
     * @return a reader positioned before the first record.
     * @throws IOException as {@link #checkFile} when the file cannot be opened, or a {@link DbnFormatException} for
     *     bad metadata.
     */
    public static DbnReader open(final Path path) throws IOException {
        return open(path, DEFAULT_WINDOW_BYTES);
    }

    /**
     * Opens a file with a chosen window size.
     *
     * @param path        the file.
     * @param windowBytes read window size, at least 4096.
     * @return a reader positioned before the first record.
     * @throws IOException if the file cannot be read, or a {@link DbnFormatException} for bad metadata.
     */
    public static DbnReader open(final Path path, final int windowBytes) throws IOException {
        final FileChannel channel = openFile(path);
        try {
            final ByteBuffer magic = ByteBuffer.allocate(4);
            while (magic.hasRemaining() && channel.read(magic) > 0) {
                continue;
            }
            channel.position(0);
            final InputStream raw = Channels.newInputStream(channel);
            return fromStream(raw, magic.array(), magic.position(), path.toString(), windowBytes);
        } catch (final IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    /**
     * Checks that a DBN file can be opened for reading, as {@link #open(Path)} would open it, without reading it.
     *
     * @param path the file.
     * @throws IOException naming the path and why: {@code "<path>: is a directory, not a DBN file"},
     *     {@code "<path>: no such file"} ({@link NoSuchFileException}), {@code "<path>: permission denied"}
     *     ({@link AccessDeniedException}), or the operating system's reason for any other failure.
     */
    public static void checkFile(final Path path) throws IOException {
        openFile(path).close();
    }

    private static FileChannel openFile(final Path path) throws IOException {
        final String name = path.toString();
        if (Files.isDirectory(path)) {
            throw new FileSystemException(name, null, "is a directory, not a DBN file");
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (final NoSuchFileException ex) {
            throw named(new NoSuchFileException(name, null, "no such file"), ex);
        } catch (final AccessDeniedException ex) {
            throw named(new AccessDeniedException(name, null, ex.getReason() != null ? ex.getReason()
                : "permission denied"), ex);
        } catch (final FileSystemException ex) {
            throw named(new FileSystemException(name, null, ex.getReason() != null ? ex.getReason()
                : ex.getClass().getSimpleName()), ex);
        }
    }

    private static IOException named(final IOException named, final IOException cause) {
        named.initCause(cause);
        return named;
    }

    /**
     * Reads a stream, plain or zstd. The reader closes the stream when it is closed.
     *
     * @param stream the DBN bytes.
     * @param source name for messages, e.g. {@code stdin}.
     * @return a reader positioned before the first record.
     * @throws IOException if the stream fails, or a {@link DbnFormatException} for bad metadata.
     */
    public static DbnReader open(final InputStream stream, final String source) throws IOException {
        final BufferedInputStream buffered = new BufferedInputStream(stream, 1 << 16);
        buffered.mark(4);
        final byte[] magic = new byte[4];
        final int n = buffered.readNBytes(magic, 0, 4);
        buffered.reset();
        return fromStream(buffered, magic, n, source, DEFAULT_WINDOW_BYTES);
    }

    /**
     * Decodes bytes held in memory. Plain DBN is decoded in place (no copy); zstd is decompressed as it is read.
     *
     * @param bytes  the whole stream.
     * @param source name for messages.
     * @return a reader positioned before the first record.
     * @throws DbnFormatException for bad metadata.
     * @throws IOException        if decompression fails.
     */
    public static DbnReader fromBytes(final byte[] bytes, final String source) throws IOException {
        final int magic = bytes.length >= 4 ? littleEndianInt(bytes, 0) : 0;
        if (bytes.length >= 4 && magic == ZSTD_MAGIC) {
            return open(new java.io.ByteArrayInputStream(bytes), source);
        }
        checkMagic(bytes, bytes.length, source, false);
        return new DbnReader(source, null, null, bytes, bytes.length);
    }

    private static DbnReader fromStream(final InputStream raw, final byte[] magic, final int magicLength,
        final String source, final int windowBytes) throws IOException {
        if (windowBytes < 4096) {
            throw new IllegalArgumentException("windowBytes=" + windowBytes + " must be >= 4096");
        }
        if (magicLength == 4 && littleEndianInt(magic, 0) == ZSTD_MAGIC) {
            final CountingInputStream counted = new CountingInputStream(raw);
            final ZstdInputStreamNoFinalizer zstd = new ZstdInputStreamNoFinalizer(counted);
            return new DbnReader(source, zstd, counted, new byte[windowBytes], 0);
        }
        checkMagic(magic, magicLength, source, false);
        return new DbnReader(source, raw, null, new byte[windowBytes], 0);
    }

    private static void checkMagic(final byte[] bytes, final int length, final String source,
        final boolean decompressed) throws DbnFormatException {
        final String where = decompressed ? "the decompressed stream" : "the file";
        if (length == 0) {
            throw new DbnFormatException(source, 0, decompressed, "not a DBN stream: " + where + " is empty", null);
        }
        if (length >= 4 && (littleEndianInt(bytes, 0) & SKIPPABLE_MAGIC_MASK) == SKIPPABLE_MAGIC) {
            throw new DbnFormatException(source, 0, decompressed, "legacy DBZ format (starts with a zstd skippable "
                + "frame), which precedes DBN and is not supported: fetch the data again as DBN", null);
        }
        if (length < 4 || bytes[0] != 'D' || bytes[1] != 'B' || bytes[2] != 'N') {
            if (length >= 3 && bytes[0] == 'D' && bytes[1] == 'B' && bytes[2] == 'Z') {
                throw new DbnFormatException(source, 0, decompressed, "legacy DBZ format, which is not supported: "
                    + "fetch the data again as DBN", null);
            }
            throw new DbnFormatException(source, 0, decompressed, "not a DBN stream: " + where + " starts with "
                + hex(bytes, Math.min(length, 4)) + ", expected \"DBN\" and a version byte, or a zstd frame", null);
        }
        final int version = bytes[3] & 0xFF;
        if (version < 1 || version > DbnConstants.MAX_VERSION) {
            throw new DbnFormatException(source, 3, decompressed, "DBN version " + version + " is not supported: "
                + "this reader handles versions 1 to " + DbnConstants.MAX_VERSION, null);
        }
    }

    private DbnMetadata readMetadata() throws IOException {
        if (compressed) {
            fill(4);
            checkMagic(window, limit, source, true);
        }
        if (fill(DbnMetadataCodec.PRELUDE_LENGTH) < DbnMetadataCodec.PRELUDE_LENGTH) {
            throw formatError(limit, "truncated metadata: the stream ends after " + limit
                + " bytes, inside the 8-byte DBN prelude");
        }
        final long length = littleEndianInt(window, 4) & 0xFFFF_FFFFL;
        if (length > MAX_METADATA_BYTES) {
            throw formatError(4, "impossible metadata length " + length + " bytes");
        }
        final int headerLength = DbnMetadataCodec.PRELUDE_LENGTH + (int)length;
        if (headerLength > window.length) {
            final byte[] bigger = new byte[headerLength + DEFAULT_WINDOW_BYTES];
            System.arraycopy(window, 0, bigger, 0, limit);
            window = bigger;
            buffer.wrap(window, 0, window.length);
        }
        if (fill(headerLength) < headerLength) {
            throw formatError(windowBase + limit, "truncated metadata: the header declares "
                + length + " metadata bytes but the stream ends after " + (windowBase + limit - 8));
        }
        final DbnMetadata decoded;
        try {
            decoded = DbnMetadataCodec.decode(buffer, headerLength, source);
        } catch (final DbnFormatException ex) {
            throw compressed ? new DbnFormatException(source, ex.offset(), true, ex.problem(), ex) : ex;
        }
        recordStart = headerLength;
        recordEnd = headerLength;
        return decoded;
    }

    /** @return the decoded metadata header. */
    public DbnMetadata metadata() {
        return metadata;
    }

    /** @return the file or stream name used in messages. */
    public String source() {
        return source;
    }

    /** @return whether the stream was zstd-compressed. */
    public boolean compressed() {
        return compressed;
    }

    /**
     * Advances to the next record of any type.
     *
     * @return {@code false} at a clean end of stream.
     * @throws DbnFormatException on an impossible length or a truncated record.
     * @throws IOException        when reading fails.
     */
    public boolean next() throws IOException {
        final int pos = recordEnd;
        final int available = limit - pos;
        if (available > 0) {
            final int size = (window[pos] & 0xFF) << 2;
            if (size >= MboDescriptor.HEADER_LENGTH && size <= available) {
                recordStart = pos;
                recordEnd = pos + size;
                recordCount++;
                return true;
            }
        }
        return nextSlow();
    }

    /**
     * Advances to the next MBO record, skipping other record types by their length.
     *
     * @return {@code false} at a clean end of stream.
     * @throws DbnFormatException on an impossible length or a truncated record.
     * @throws IOException        when reading fails.
     */
    public boolean nextMbo() throws IOException {
        while (next()) {
            if ((window[recordStart + MboDescriptor.RTYPE_OFFSET] & 0xFF) == DbnConstants.RTYPE_MBO) {
                if (recordEnd - recordStart < MboDescriptor.MBO_LENGTH) {
                    throw recordError(recordOffset(), "impossible record length "
                        + (recordEnd - recordStart) + " bytes for an MBO record (rtype 0xA0 needs 56)");
                }
                mbo.wrap(buffer, recordStart);
                return true;
            }
        }
        return false;
    }

    private boolean nextSlow() throws IOException {
        int available = limit - recordEnd;
        if (available == 0) {
            available = fill(1);
            if (available == 0) {
                return false;
            }
        }
        final int size = (window[recordEnd] & 0xFF) << 2;
        if (size < MboDescriptor.HEADER_LENGTH) {
            throw recordError(windowBase + recordEnd, "impossible record length " + size
                + " bytes (length byte " + (size >> 2) + "; a record holds at least its 16-byte header)");
        }
        if (available < size) {
            available = fill(size);
            if (available < size) {
                throw recordError(windowBase + recordEnd, "truncated record: the header "
                    + "declares " + size + " bytes (rtype 0x" + Integer.toHexString(window[recordEnd + 1] & 0xFF)
                    + ") but the stream ends after " + available + "; " + recordCount
                    + " complete records were read before it");
            }
        }
        recordStart = recordEnd;
        recordEnd += size;
        recordCount++;
        return true;
    }

    /**
     * Makes at least {@code needed} unread bytes available from {@code recordEnd}, compacting the window first.
     *
     * @return the bytes available, fewer than {@code needed} only at end of input.
     */
    private int fill(final int needed) throws IOException {
        if (limit - recordEnd >= needed || endOfInput) {
            return limit - recordEnd;
        }
        if (recordEnd > 0) {
            final int remaining = limit - recordEnd;
            System.arraycopy(window, recordEnd, window, 0, remaining);
            windowBase += recordEnd;
            recordStart -= recordEnd;
            limit = remaining;
            recordEnd = 0;
        }
        while (limit < needed) {
            final int n;
            try {
                n = in.read(window, limit, window.length - limit);
            } catch (final IOException ex) {
                if (compressed) {
                    throw zstdError(windowBase + limit, ex);
                }
                throw new IOException(source + ": read failed at byte offset " + (windowBase + limit) + ": " + ex,
                    ex);
            }
            if (n < 0) {
                endOfInput = true;
                break;
            }
            limit += n;
        }
        return limit - recordEnd;
    }

    private DbnFormatException zstdError(final long decompressedOffset, final IOException ex) {
        return new DbnFormatException(source, decompressedOffset, true, "corrupt or truncated zstd frame (zstd: "
            + ex.getMessage() + "), found after the decoder had read " + compressedIn.count() + " compressed bytes "
            + "of the file; " + recordCount + " complete records were read before it", ex);
    }

    /**
     * A record breaks the DBN layout. In a zstd stream the record may be the output of a corrupt frame whose
     * checksum zstd has not reached yet, so the frame is decoded on (into a scratch buffer, at most
     * {@link #FRAME_CHECK_BYTES}) and a zstd error found there is reported instead.
     */
    private DbnFormatException recordError(final long offset, final String problem) {
        final DbnFormatException error = formatError(offset, problem);
        if (!compressed || endOfInput) {
            return error;
        }
        final byte[] scratch = new byte[1 << 16];
        long decoded = windowBase + limit;
        final long stopAt = decoded + FRAME_CHECK_BYTES;
        try {
            int n;
            while (decoded < stopAt && (n = in.read(scratch, 0, scratch.length)) >= 0) {
                decoded += n;
            }
        } catch (final IOException zstd) {
            final DbnFormatException corrupt = zstdError(decoded, zstd);
            corrupt.addSuppressed(error);
            endOfInput = true;
            return corrupt;
        }
        return error;
    }

    /**
     * An error about this reader's stream at an offset, saying whether the offset counts decompressed bytes.
     *
     * @param offset  byte offset in the DBN stream (decompressed when {@link #compressed()}).
     * @param problem what is wrong.
     * @return the exception, to throw.
     */
    public DbnFormatException formatError(final long offset, final String problem) {
        return new DbnFormatException(source, offset, compressed, problem, null);
    }

    /** @return record type of the current record. */
    public int rtype() {
        return window[recordStart + MboDescriptor.RTYPE_OFFSET] & 0xFF;
    }

    /** @return length in bytes of the current record. */
    public int recordLength() {
        return recordEnd - recordStart;
    }

    /** @return the buffer holding the current record, valid until the next advance. */
    public UnsafeBuffer buffer() {
        return buffer;
    }

    /** @return offset of the current record in {@link #buffer()}. */
    public int recordIndex() {
        return recordStart;
    }

    /** @return absolute byte offset of the current record in the decompressed stream. */
    public long recordOffset() {
        return windowBase + recordStart;
    }

    /** @return the MBO flyweight, positioned by the last successful {@link #nextMbo()}. */
    public MboFlyweight mbo() {
        return mbo;
    }

    /** @return records of every type read so far. */
    public long recordCount() {
        return recordCount;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }

    private static int littleEndianInt(final byte[] bytes, final int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
            | (bytes[offset + 3] & 0xFF) << 24;
    }

    private static String hex(final byte[] bytes, final int length) {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(String.format("%02x", bytes[i] & 0xFF));
            if (i + 1 < length) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** Counts the compressed bytes the zstd decoder pulls from the file, for error messages. */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(final InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            final int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(final byte[] bytes, final int offset, final int length) throws IOException {
            final int n = in.read(bytes, offset, length);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(final long n) throws IOException {
            final long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        long count() {
            return count;
        }
    }
}
