package io.marketswarm.feeds.dbn;

import java.io.IOException;

/**
 * A DBN stream is not DBN, is of an unsupported version, or is truncated or corrupt. The message names the source
 * and the byte offset in the (decompressed) stream; every record before that offset was already delivered.
 */
public final class DbnFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;

    /**
     * @param source the file or stream name.
     * @param offset byte offset in the decompressed DBN stream where the problem is.
     * @param problem what is wrong.
     */
    public DbnFormatException(final String source, final long offset, final String problem) {
        super(source + ": " + problem + " (at byte offset " + offset + ")");
        this.source = source;
        this.offset = offset;
    }

    /**
     * @param source  the file or stream name.
     * @param offset  byte offset in the decompressed DBN stream where the problem is.
     * @param problem what is wrong.
     * @param cause   the decompressor's or channel's error.
     */
    public DbnFormatException(final String source, final long offset, final String problem, final Throwable cause) {
        super(source + ": " + problem + " (at byte offset " + offset + ")", cause);
        this.source = source;
        this.offset = offset;
    }

    /** @return the file or stream name. */
    public String source() {
        return source;
    }

    /** @return byte offset in the decompressed stream. */
    public long offset() {
        return offset;
    }
}
