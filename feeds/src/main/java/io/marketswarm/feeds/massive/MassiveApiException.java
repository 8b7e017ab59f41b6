package io.marketswarm.feeds.massive;

import java.io.IOException;

/**
 * A Massive REST call failed: an HTTP error status, a rate limit or server error that outlasted the retries, an I/O
 * error or timeout, or a response body that is not the expected JSON. The message names the URL (which never
 * carries the API key) and, for malformed JSON, the character offset in the body; it never contains the key.
 */
public final class MassiveApiException extends IOException {

    private static final long serialVersionUID = 1L;

    /** {@link #httpStatus()} when no HTTP response was received (I/O error, timeout). */
    public static final int NO_STATUS = 0;

    private final int httpStatus;
    private final String url;
    private final long offset;

    /**
     * @param message    what went wrong, without the API key.
     * @param httpStatus the HTTP status, or {@link #NO_STATUS}.
     * @param url        the request URL, without the API key.
     * @param offset     character offset in the body where the JSON is malformed, or {@code -1}.
     * @param cause      the underlying error, or {@code null}.
     */
    public MassiveApiException(final String message, final int httpStatus, final String url, final long offset,
        final Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.url = url;
        this.offset = offset;
    }

    /** @return the HTTP status, or {@link #NO_STATUS} when no response was received. */
    public int httpStatus() {
        return httpStatus;
    }

    /** @return the request URL, without the API key. */
    public String url() {
        return url;
    }

    /** @return the character offset of malformed JSON in the body, or {@code -1} for other failures. */
    public long offset() {
        return offset;
    }
}
