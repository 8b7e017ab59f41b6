package io.marketswarm.feeds.dbn;

import java.io.IOException;

/**
 * A DBN stream is not DBN, is of an unsupported version, or is truncated or corrupt. The message names the source
 * and the byte offset of the problem in the DBN stream: {@code (at byte offset N)} in a plain stream, where it is also
 * the offset in the file, and {@code (at decompressed byte offset N)} in a zstd stream, where it counts decompressed
 * bytes (a corrupt zstd frame also states how far the decoder had read in compressed bytes). Every record before
 * that offset was already delivered.
 */
public final class DbnFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final boolean decompressed;
    private final String problem;

    /**
     * A problem in a plain (uncompressed) stream.
     *
     * @param source the file or stream name.
     * @param offset byte offset in the DBN stream where the problem is.
     * @param problem what is wrong.
     */
    public DbnFormatException(final String source, final long offset, final String problem) {
        this(source, offset, false, problem, null);
    }

    /**
     * A problem in a plain (uncompressed) stream.
     *
     * @param source  the file or stream name.
     * @param offset  byte offset in the DBN stream where the problem is.
     * @param problem what is wrong.
     * @param cause   the channel's error.
     */
    public DbnFormatException(final String source, final long offset, final String problem, final Throwable cause) {
        this(source, offset, false, problem, cause);
    }

    /**
     * @param source       the file or stream name.
     * @param offset       byte offset in the DBN stream where the problem is.
     * @param decompressed whether the stream was decompressed from zstd, so the offset counts decompressed bytes.
     * @param problem      what is wrong.
     * @param cause        the decompressor's or channel's error, or {@code null}.
     */
    public DbnFormatException(final String source, final long offset, final boolean decompressed,
        final String problem, final Throwable cause) {
        super(source + ": " + problem + " (at " + (decompressed ? "decompressed " : "") + "byte offset " + offset
            + ")", cause);
        this.source = source;
        this.offset = offset;
        this.decompressed = decompressed;
        this.problem = problem;
    }

    /** @return the file or stream name. */
    public String source() {
        return source;
    }

    /** @return byte offset in the DBN stream: decompressed bytes when {@link #decompressed()}. */
    public long offset() {
        return offset;
    }

    /** @return what is wrong, without the source and the offset. */
    public String problem() {
        return problem;
    }

    /** @return whether {@link #offset()} counts bytes decompressed from zstd rather than bytes of the file. */
    public boolean decompressed() {
        return decompressed;
    }
}
