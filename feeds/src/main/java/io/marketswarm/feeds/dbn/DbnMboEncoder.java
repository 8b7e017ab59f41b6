package io.marketswarm.feeds.dbn;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;

/**
 * Writes a DBN v2 or v3 MBO stream: the metadata header, then 56-byte MBO records, optionally through zstd.
 *
 * <p>Usage: {@code encoder.claim().writeHeader(...).orderId(...)...} fills the next record in place through a
 * flyweight; the record is committed by the next {@link #claim()}, {@link #flush()} or {@link #close()}. Records are
 * batched in a 1 MiB buffer, so nothing is allocated per record. Not thread-safe.
 *
 * <p><b>zstd.</b> Compressed output is a sequence of zstd frames: the metadata header in a frame of its own, then
 * frames of at most {@value #ZSTD_FRAME_BYTES} bytes of records. Every frame ends with its content checksum (XXH64),
 * so a reader detects corruption, and detects it within one frame of where it is. zstd decoders read concatenated
 * frames as one stream.
 */
public final class DbnMboEncoder implements AutoCloseable {

    /** zstd level used for {@code .zst} output: fast, and about as small as Databento's own files. */
    public static final int ZSTD_LEVEL = 3;

    /** Most record bytes in one zstd frame of {@code .zst} output: one full record buffer. */
    public static final int ZSTD_FRAME_BYTES = 1 << 20;

    private static final int BUFFER_BYTES = ZSTD_FRAME_BYTES;

    private final OutputStream out;
    private final boolean frameEachDrain;
    private final byte[] bytes = new byte[BUFFER_BYTES];
    private final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
    private final MboFlyweight record = new MboFlyweight();
    private int pos;
    private long records;

    /**
     * @param out      destination; closed by {@link #close()}.
     * @param metadata header to write first (its version, 2 or 3, decides the layout).
     * @throws IOException if writing the header fails.
     */
    public DbnMboEncoder(final OutputStream out, final DbnMetadata metadata) throws IOException {
        this(out, metadata, false);
    }

    private DbnMboEncoder(final OutputStream out, final DbnMetadata metadata, final boolean frameEachDrain)
        throws IOException {
        this.out = out;
        this.frameEachDrain = frameEachDrain;
        out.write(DbnMetadataCodec.encode(metadata));
        if (frameEachDrain) {
            out.flush();
        }
    }

    /**
     * Creates a file, compressed with zstd when {@code zstd} is set.
     *
     * @param path     output file, replaced if it exists.
     * @param metadata header to write.
     * @param zstd     compress the whole stream (metadata included), as {@code .dbn.zst} files are, in checksummed
     *                 frames of at most {@link #ZSTD_FRAME_BYTES}.
     * @return the encoder.
     * @throws IOException if the file cannot be created.
     */
    public static DbnMboEncoder create(final Path path, final DbnMetadata metadata, final boolean zstd)
        throws IOException {
        final OutputStream file = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        try {
            if (!zstd) {
                return new DbnMboEncoder(file, metadata, false);
            }
            final OutputStream sink = new ZstdOutputStreamNoFinalizer(file, ZSTD_LEVEL).setChecksum(true)
                .setCloseFrameOnFlush(true);
            return new DbnMboEncoder(sink, metadata, true);
        } catch (final IOException | RuntimeException ex) {
            file.close();
            throw ex;
        }
    }

    /**
     * @param path a file name.
     * @return whether the name asks for zstd ({@code .zst}).
     */
    public static boolean wantsZstd(final Path path) {
        return path.getFileName().toString().endsWith(".zst");
    }

    /**
     * Reserves the next 56-byte record and returns a flyweight over it; every field must be set before the next
     * call.
     *
     * @return the flyweight positioned on the new record.
     * @throws IOException if flushing a full buffer fails.
     */
    public MboFlyweight claim() throws IOException {
        if (pos + MboDescriptor.MBO_LENGTH > BUFFER_BYTES) {
            drain();
        }
        record.wrap(buffer, pos);
        pos += MboDescriptor.MBO_LENGTH;
        records++;
        return record;
    }

    /**
     * Appends a complete record copied from elsewhere (any type; it must match the metadata's {@code ts_out}).
     *
     * @param source holding the record.
     * @param offset of the record.
     * @param length of the record in bytes.
     * @throws IOException if flushing fails.
     */
    public void append(final DirectBuffer source, final int offset, final int length) throws IOException {
        if (pos + length > BUFFER_BYTES) {
            drain();
        }
        source.getBytes(offset, bytes, pos, length);
        pos += length;
        records++;
    }

    /** @return records written or claimed so far. */
    public long records() {
        return records;
    }

    /**
     * Writes buffered records through to the output.
     *
     * @throws IOException if the output fails.
     */
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(bytes, 0, pos);
            pos = 0;
            if (frameEachDrain) {
                out.flush();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }
}
