package io.marketswarm.feeds.massive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file of bars cannot be used: it is missing or unreadable, is not the expected kind of file (malformed JSON, not
 * an aggregates page, no matching instrument), or holds a bar out of time order. The message starts with the file
 * and, for a bad bar, names its index in the file; {@link #file()} and {@link #barIndex()} carry the same facts.
 */
public final class BarFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** {@link #barIndex()} when the problem is not one bar's. */
    public static final int NO_BAR = -1;

    private final transient Path file;
    private final long barIndex;

    /**
     * @param file     the file at fault.
     * @param barIndex 0-based index of the bad bar in the file, or {@link #NO_BAR}.
     * @param problem  what is wrong, without the file name (it is prepended).
     * @param cause    the underlying error, or {@code null}.
     */
    public BarFileException(final Path file, final long barIndex, final String problem, final Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.barIndex = barIndex;
    }

    /** @return the file at fault. */
    public Path file() {
        return file;
    }

    /** @return 0-based index of the bad bar in the file, or {@link #NO_BAR}. */
    public long barIndex() {
        return barIndex;
    }
}
