package io.marketswarm.core.config;

/**
 * The instrument config could not be found, parsed or validated. The message names the file and every missing or
 * bad field, one per line, so a user can fix them all in one edit.
 */
public final class InstrumentConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file and fields.
     */
    public InstrumentConfigException(final String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file.
     * @param cause   the parser or I/O error behind it.
     */
    public InstrumentConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
