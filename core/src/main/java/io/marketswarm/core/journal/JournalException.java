package io.marketswarm.core.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal directory is missing, is not a journal, may not be written as asked, or holds an entry that breaks the
 * format in {@link JournalDescriptor}. The message names the directory and, for a bad entry, its entry number
 * (0-based, counted from the start of the journal) and its Chronicle Queue index.
 */
public final class JournalException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Value of {@link #entryNumber()} when the problem is not about one entry. */
    public static final long NO_ENTRY = -1;

    private final transient Path directory;
    private final long entryNumber;

    /**
     * @param directory   the journal directory.
     * @param entryNumber the entry at fault, or {@link #NO_ENTRY}.
     * @param message     what is wrong; the directory is prefixed to it.
     */
    public JournalException(final Path directory, final long entryNumber, final String message) {
        super("journal " + directory + ": " + message);
        this.directory = directory;
        this.entryNumber = entryNumber;
    }

    /**
     * @param directory   the journal directory.
     * @param entryNumber the entry at fault, or {@link #NO_ENTRY}.
     * @param message     what is wrong; the directory is prefixed to it.
     * @param cause       the Chronicle Queue or file-system error behind it.
     */
    public JournalException(final Path directory, final long entryNumber, final String message,
        final Throwable cause) {
        super("journal " + directory + ": " + message + ": " + cause, cause);
        this.directory = directory;
        this.entryNumber = entryNumber;
    }

    /** @return the journal directory. */
    public Path directory() {
        return directory;
    }

    /** @return the 0-based number of the entry at fault, or {@link #NO_ENTRY}. */
    public long entryNumber() {
        return entryNumber;
    }
}
