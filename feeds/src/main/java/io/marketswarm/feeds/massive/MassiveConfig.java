package io.marketswarm.feeds.massive;

import java.net.URI;
import java.util.Map;

/**
 * Immutable settings of {@link MassiveAggregatesClient}, validated when built. {@link #toString()} never shows the
 * API key.
 *
 * <ul>
 *   <li>{@code baseUrl} (env {@code MASSIVE_BASE_URL}, default {@value #DEFAULT_BASE_URL}): scheme, host and optional
 *       port, no path. Pages named by {@code next_url} are requested from this origin too.</li>
 *   <li>{@code apiKey} (env {@code MASSIVE_API_KEY}, else {@code POLYGON_API_KEY}, required): sent only as
 *       {@code Authorization: Bearer}.</li>
 *   <li>{@code connectTimeoutMs} (default {@value #DEFAULT_CONNECT_TIMEOUT_MS} ms): TCP/TLS connect limit.</li>
 *   <li>{@code requestTimeoutMs} (default {@value #DEFAULT_REQUEST_TIMEOUT_MS} ms): limit for one attempt, from
 *       sending the request to the end of the body; lower fails faster on a stuck server, higher tolerates
 *       large pages on slow links.</li>
 *   <li>{@code maxAttempts} (default {@value #DEFAULT_MAX_ATTEMPTS}): attempts per page, counting the first, for
 *       429, 5xx, I/O errors and timeouts.</li>
 *   <li>{@code backoffBaseMs} (default {@value #DEFAULT_BACKOFF_BASE_MS} ms) and {@code backoffCapMs} (default
 *       {@value #DEFAULT_BACKOFF_CAP_MS} ms): the wait before retry {@code k} is drawn from
 *       {@code [d, 1.5 d)} with {@code d = min(cap, base * 2^(k-1))}: 0.25 s, then doubling (spec
 *       {@code volume-profile.md} §2), plus up to half again of jitter so that clients don't retry in step.</li>
 *   <li>{@code maxRetryAfterMs} (default {@value #DEFAULT_MAX_RETRY_AFTER_MS} ms): the longest {@code Retry-After}
 *       honoured; longer values are cut to it.</li>
 * </ul>
 */
public final class MassiveConfig {

    /** The Massive REST origin. */
    public static final String DEFAULT_BASE_URL = "https://api.massive.com";
    /** Default connect timeout. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    /** Default per-attempt request timeout. */
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    /** Default attempts per page. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    /** Default first backoff. */
    public static final long DEFAULT_BACKOFF_BASE_MS = 250;
    /** Default longest backoff. */
    public static final long DEFAULT_BACKOFF_CAP_MS = 10_000;
    /** Default longest honoured {@code Retry-After}. */
    public static final long DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

    private final String baseUrl;
    private final String apiKey;
    private final long connectTimeoutMs;
    private final long requestTimeoutMs;
    private final int maxAttempts;
    private final long backoffBaseMs;
    private final long backoffCapMs;
    private final long maxRetryAfterMs;

    private MassiveConfig(final Builder b) {
        this.baseUrl = checkBaseUrl(b.baseUrl);
        if (b.apiKey == null || b.apiKey.isBlank()) {
            throw new IllegalArgumentException("Massive API key is missing: set MASSIVE_API_KEY (or POLYGON_API_KEY)");
        }
        this.apiKey = b.apiKey.strip();
        this.connectTimeoutMs = positive("connectTimeoutMs", b.connectTimeoutMs);
        this.requestTimeoutMs = positive("requestTimeoutMs", b.requestTimeoutMs);
        this.maxAttempts = (int) positive("maxAttempts", b.maxAttempts);
        this.backoffBaseMs = positive("backoffBaseMs", b.backoffBaseMs);
        this.backoffCapMs = positive("backoffCapMs", b.backoffCapMs);
        if (backoffCapMs < backoffBaseMs) {
            throw new IllegalArgumentException("backoffCapMs=" + backoffCapMs + " must be >= backoffBaseMs="
                + backoffBaseMs);
        }
        this.maxRetryAfterMs = positive("maxRetryAfterMs", b.maxRetryAfterMs);
    }

    /**
     * Reads {@code MASSIVE_BASE_URL}, {@code MASSIVE_API_KEY} and {@code POLYGON_API_KEY} from the process
     * environment; other settings take their defaults.
     *
     * @return the config.
     * @throws IllegalArgumentException if no key is set or the base URL is invalid.
     */
    public static MassiveConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * As {@link #fromEnvironment()}, reading the given variables.
     *
     * @param env environment variables.
     * @return the config.
     * @throws IllegalArgumentException if no key is set or the base URL is invalid.
     */
    public static MassiveConfig fromEnvironment(final Map<String, String> env) {
        return builderFromEnvironment(env).build();
    }

    /**
     * A builder preset from the given variables, to override timeouts or retries before building.
     *
     * @param env environment variables.
     * @return the builder.
     */
    public static Builder builderFromEnvironment(final Map<String, String> env) {
        final Builder b = builder();
        final String base = env.get("MASSIVE_BASE_URL");
        if (base != null && !base.isBlank()) {
            b.baseUrl(base.strip());
        }
        final String key = env.get("MASSIVE_API_KEY");
        b.apiKey(key != null && !key.isBlank() ? key : env.get("POLYGON_API_KEY"));
        return b;
    }

    /** @return a builder with defaults and no key. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the REST origin, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    String apiKey() {
        return apiKey;
    }

    /** @return the connect timeout in milliseconds. */
    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** @return the per-attempt request timeout in milliseconds. */
    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** @return attempts per page, counting the first. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the first backoff in milliseconds. */
    public long backoffBaseMs() {
        return backoffBaseMs;
    }

    /** @return the longest backoff in milliseconds. */
    public long backoffCapMs() {
        return backoffCapMs;
    }

    /** @return the longest {@code Retry-After} honoured, in milliseconds. */
    public long maxRetryAfterMs() {
        return maxRetryAfterMs;
    }

    @Override
    public String toString() {
        return "MassiveConfig{baseUrl=" + baseUrl + ", apiKey=<redacted>, connectTimeoutMs=" + connectTimeoutMs
            + ", requestTimeoutMs=" + requestTimeoutMs + ", maxAttempts=" + maxAttempts + ", backoffBaseMs="
            + backoffBaseMs + ", backoffCapMs=" + backoffCapMs + ", maxRetryAfterMs=" + maxRetryAfterMs + '}';
    }

    private static long positive(final String name, final long value) {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + "=" + value + " must be in [1, " + Integer.MAX_VALUE + "]");
        }
        return value;
    }

    private static String checkBaseUrl(final String url) {
        final String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        final URI uri;
        try {
            uri = new URI(trimmed);
        } catch (final java.net.URISyntaxException ex) {
            throw new IllegalArgumentException("baseUrl=" + url + " is not a URL", ex);
        }
        final String scheme = uri.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme)) || uri.getHost() == null
            || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
            || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("baseUrl=" + url + " must be http(s)://host[:port] with no path");
        }
        return trimmed;
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {

        private String baseUrl = DEFAULT_BASE_URL;
        private String apiKey;
        private long connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
        private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
        private long maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private long backoffBaseMs = DEFAULT_BACKOFF_BASE_MS;
        private long backoffCapMs = DEFAULT_BACKOFF_CAP_MS;
        private long maxRetryAfterMs = DEFAULT_MAX_RETRY_AFTER_MS;

        private Builder() {
        }

        /** @param value REST origin. @return this. */
        public Builder baseUrl(final String value) {
            this.baseUrl = value;
            return this;
        }

        /** @param value the API key. @return this. */
        public Builder apiKey(final String value) {
            this.apiKey = value;
            return this;
        }

        /** @param value connect timeout, ms. @return this. */
        public Builder connectTimeoutMs(final long value) {
            this.connectTimeoutMs = value;
            return this;
        }

        /** @param value per-attempt request timeout, ms. @return this. */
        public Builder requestTimeoutMs(final long value) {
            this.requestTimeoutMs = value;
            return this;
        }

        /** @param value attempts per page, counting the first. @return this. */
        public Builder maxAttempts(final int value) {
            this.maxAttempts = value;
            return this;
        }

        /** @param value first backoff, ms. @return this. */
        public Builder backoffBaseMs(final long value) {
            this.backoffBaseMs = value;
            return this;
        }

        /** @param value longest backoff, ms. @return this. */
        public Builder backoffCapMs(final long value) {
            this.backoffCapMs = value;
            return this;
        }

        /** @param value longest honoured {@code Retry-After}, ms. @return this. */
        public Builder maxRetryAfterMs(final long value) {
            this.maxRetryAfterMs = value;
            return this;
        }

        /**
         * @return the validated config.
         * @throws IllegalArgumentException naming the bad value, or if the key is missing.
         */
        public MassiveConfig build() {
            if (baseUrl == null) {
                throw new IllegalArgumentException("baseUrl is missing");
            }
            return new MassiveConfig(this);
        }

        @Override
        public String toString() {
            return "MassiveConfig.Builder{baseUrl=" + baseUrl + ", apiKey=<redacted>}";
        }
    }
}
