package io.marketswarm.store;

/** A store or bus operation failed; the message names the store and the key or channel. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, where.
     * @param cause   the underlying error, may be null.
     */
    public StoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
