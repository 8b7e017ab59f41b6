package io.marketswarm.feeds.massive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Downloads minute bars from the Massive (formerly Polygon.io) aggregates endpoint
 * {@code GET /v2/aggs/ticker/{ticker}/range/1/minute/{from}/{to}?adjusted=true&sort=asc&limit=50000}, following every
 * {@code next_url} page.
 *
 * <p><b>Auth.</b> The key goes only in an {@code Authorization: Bearer} header, on every page (Massive leaves it
 * out of {@code next_url}; the header is the documented alternative to {@code apiKey=}, so URLs never carry it).
 * Each {@code next_url} is requested as its path and query against the configured origin, as the official client
 * does, so the key is never sent to another host. The key never appears in an exception message or
 * {@link #toString()}; this class writes no logs.
 *
 * <p><b>Emitted.</b> Bars go to the {@link BarSink} on the calling thread, oldest first, page by page: a page is
 * parsed and validated in full before any of its bars are delivered.
 *
 * <p><b>Errors.</b> Every failure throws {@link MassiveApiException}; no call ever ends with a silently partial
 * result. Bars of earlier pages may already have reached the sink, so a caller must discard them on an exception.
 * HTTP 429, 5xx, I/O errors and timeouts are retried up to {@link MassiveConfig#maxAttempts()} per page with
 * exponential backoff and jitter, honouring {@code Retry-After}; 401/403 (key rejected or plan not entitled), other
 * statuses, malformed JSON, a non-OK {@code status} and a {@code resultsCount} that disagrees with the bars are not
 * retried.
 *
 * <p><b>Threads.</b> Thread-safe: concurrent calls share the HTTP connection pool and nothing else. The calling
 * thread blocks, including while it backs off; interruption ends the call with {@link InterruptedException}.
 */
public final class MassiveAggregatesClient {

    /** Waits between attempts; tests inject a recorder. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * @param millis how long to wait.
         * @throws InterruptedException if interrupted.
         */
        void sleep(long millis) throws InterruptedException;
    }

    private static final int MAX_PAGES = 1_000_000;
    private static final int MAX_ERROR_TEXT = 300;

    private final MassiveConfig config;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final LongSupplier wallClockMs;
    private final DoubleSupplier jitter;

    /**
     * A client that sleeps for real and draws jitter at random.
     *
     * @param config validated settings.
     */
    public MassiveAggregatesClient(final MassiveConfig config) {
        this(config, Thread::sleep, System::currentTimeMillis, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * A client with injected time, for tests.
     *
     * @param config      validated settings.
     * @param sleeper     waits between attempts.
     * @param wallClockMs Unix milliseconds now, used for an HTTP-date {@code Retry-After}.
     * @param jitter      returns a value in {@code [0, 1)} placing each backoff in {@code [d, 1.5 d)}.
     */
    public MassiveAggregatesClient(final MassiveConfig config, final Sleeper sleeper, final LongSupplier wallClockMs,
        final DoubleSupplier jitter) {
        if (config == null) {
            throw new IllegalArgumentException("config is missing");
        }
        this.config = config;
        this.sleeper = sleeper;
        this.wallClockMs = wallClockMs;
        this.jitter = jitter;
        this.http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    /**
     * Fetches every minute bar of {@code ticker} from {@code from} to {@code to}, both inclusive.
     *
     * @param ticker case-sensitive ticker, e.g. {@code AAPL}, {@code I:SPX}, {@code O:SPY241220P00720000}.
     * @param from   first day.
     * @param to     last day, not before {@code from}.
     * @param sink   receives each bar, oldest first, on this thread.
     * @return pages read and bars delivered.
     * @throws MassiveApiException  if any page fails after retries, or is rejected or malformed.
     * @throws InterruptedException if the thread is interrupted while waiting.
     */
    public FetchSummary fetchMinuteBars(final String ticker, final LocalDate from, final LocalDate to,
        final BarSink sink) throws MassiveApiException, InterruptedException {
        if (ticker == null || ticker.isBlank()) {
            throw new IllegalArgumentException("ticker is missing");
        }
        if (from == null || to == null || to.isBefore(from)) {
            throw new IllegalArgumentException("from=" + from + " to=" + to + " must be non-null with from <= to");
        }
        return fetch(ticker, from.toString(), to.toString(), sink);
    }

    /**
     * Fetches every minute bar of {@code ticker} whose window starts in {@code [fromMs, toMs]}: the live updater's
     * request of spec {@code volume-profile.md} §6 ({@code …/range/1/minute/{fromMs}/{toMs}}). The server may still
     * return a bar that is not yet complete; filtering is the caller's job.
     *
     * @param fromMs first window start, Unix ms.
     * @param toMs   last window start, Unix ms, not before {@code fromMs}.
     * @see #fetchMinuteBars(String, LocalDate, LocalDate, BarSink)
     */
    public FetchSummary fetchMinuteBars(final String ticker, final long fromMs, final long toMs, final BarSink sink)
        throws MassiveApiException, InterruptedException {
        if (ticker == null || ticker.isBlank()) {
            throw new IllegalArgumentException("ticker is missing");
        }
        if (fromMs < 0 || toMs < fromMs) {
            throw new IllegalArgumentException("fromMs=" + fromMs + " toMs=" + toMs + " must satisfy 0 <= from <= to");
        }
        return fetch(ticker, Long.toString(fromMs), Long.toString(toMs), sink);
    }

    private FetchSummary fetch(final String ticker, final String from, final String to, final BarSink sink)
        throws MassiveApiException, InterruptedException {
        if (sink == null) {
            throw new IllegalArgumentException("sink is missing");
        }
        final AggregatesPageParser parser = new AggregatesPageParser();
        String pathAndQuery = "/v2/aggs/ticker/" + encodeSegment(ticker) + "/range/1/minute/" + from + '/' + to
            + "?adjusted=true&sort=asc&limit=50000";
        int pages = 0;
        long bars = 0;
        while (pathAndQuery != null) {
            final String url = config.baseUrl() + pathAndQuery;
            final byte[] body = getWithRetry(url);
            parser.parse(body, body.length, url);
            checkPage(parser, url);
            parser.deliver(sink);
            pages++;
            bars += parser.barCount();
            final String next = parser.nextUrl() == null ? null : pathAndQueryOf(parser.nextUrl(), url);
            if (next != null && (next.equals(pathAndQuery) || pages >= MAX_PAGES)) {
                throw new MassiveApiException("Massive pagination does not advance: page " + pages + " of GET "
                    + redact(url) + " names next_url " + redact(parser.nextUrl()), 200, redact(url), -1, null);
            }
            pathAndQuery = next;
        }
        return new FetchSummary(pages, bars);
    }

    /** @return the settings (without the key). */
    public MassiveConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "MassiveAggregatesClient{" + config + '}';
    }

    private void checkPage(final AggregatesPageParser parser, final String url) throws MassiveApiException {
        final String status = parser.status();
        if (!"OK".equals(status) && !"DELAYED".equals(status)) {
            throw new MassiveApiException("Massive answered HTTP 200 with status " + status + " for GET "
                + redact(url), 200, redact(url), -1, null);
        }
        if (parser.resultsCount() >= 0 && parser.resultsCount() != parser.barCount()) {
            throw new MassiveApiException("Massive page of GET " + redact(url) + " says resultsCount="
                + parser.resultsCount() + " but holds " + parser.barCount() + " bars", 200, redact(url), -1, null);
        }
    }

    private byte[] getWithRetry(final String url) throws MassiveApiException, InterruptedException {
        final String safeUrl = redact(url);
        final HttpRequest request = HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMillis(config.requestTimeoutMs()))
            .header("Authorization", "Bearer " + config.apiKey())
            .header("Accept", "application/json")
            .GET()
            .build();
        final int maxAttempts = config.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            String failure;
            int status = MassiveApiException.NO_STATUS;
            long retryAfterMs = -1;
            Throwable cause = null;
            try {
                final HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status == 200) {
                    return response.body();
                }
                if (status != 429 && (status < 500 || status > 599)) {
                    throw rejected(status, response.body(), safeUrl);
                }
                failure = "HTTP " + status + (status == 429 ? " (rate limited)" : " (server error)")
                    + errorSuffix(response.body());
                retryAfterMs = retryAfterMs(response.headers());
            } catch (final MassiveApiException ex) {
                throw ex;
            } catch (final HttpTimeoutException ex) {
                failure = "timed out after " + config.requestTimeoutMs() + " ms";
                cause = ex;
            } catch (final IOException ex) {
                failure = "I/O error: " + ex;
                cause = ex;
            }
            if (attempt >= maxAttempts) {
                throw new MassiveApiException(scrub("Massive GET " + safeUrl + " failed after " + attempt
                    + " attempt(s): " + failure), status, safeUrl, -1, cause);
            }
            sleeper.sleep(retryAfterMs >= 0 ? Math.min(retryAfterMs, config.maxRetryAfterMs()) : backoffMs(attempt));
        }
    }

    private long backoffMs(final int attempt) {
        final long exp = Math.min(config.backoffCapMs(), config.backoffBaseMs() << Math.min(attempt - 1, 30));
        return exp + (long) (jitter.getAsDouble() * (exp / 2));
    }

    private MassiveApiException rejected(final int status, final byte[] body, final String safeUrl) {
        final String message;
        if (status == 401) {
            message = "Massive rejected the API key (HTTP 401) for GET " + safeUrl
                + "; check MASSIVE_API_KEY / POLYGON_API_KEY" + errorSuffix(body);
        } else if (status == 403) {
            message = "Massive refused the request (HTTP 403): the API key is not entitled to this data for GET "
                + safeUrl + errorSuffix(body);
        } else {
            message = "Massive GET " + safeUrl + " failed with HTTP " + status + errorSuffix(body);
        }
        return new MassiveApiException(scrub(message), status, safeUrl, -1, null);
    }

    private static String errorSuffix(final byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = AggregatesPageParser.errorText(body);
        if (text == null) {
            text = new String(body, 0, Math.min(body.length, MAX_ERROR_TEXT), StandardCharsets.UTF_8);
        }
        if (text.length() > MAX_ERROR_TEXT) {
            text = text.substring(0, MAX_ERROR_TEXT) + "...";
        }
        return ": " + text.strip();
    }

    private long retryAfterMs(final HttpHeaders headers) {
        final String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return -1;
        }
        final String trimmed = value.strip();
        try {
            final long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? -1 : Math.min(seconds, Integer.MAX_VALUE) * 1000L;
        } catch (final NumberFormatException ignored) {
            try {
                final long at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                    .toEpochMilli();
                return Math.max(0, at - wallClockMs.getAsLong());
            } catch (final DateTimeParseException ex) {
                return -1;
            }
        }
    }

    private static String pathAndQueryOf(final String nextUrl, final String url) throws MassiveApiException {
        final URI uri;
        try {
            uri = new URI(nextUrl);
        } catch (final java.net.URISyntaxException ex) {
            throw new MassiveApiException("Massive page of GET " + redact(url) + " has an invalid next_url "
                + redact(nextUrl), 200, redact(url), -1, ex);
        }
        final String path = uri.getRawPath();
        if (path == null || !path.startsWith("/")) {
            throw new MassiveApiException("Massive page of GET " + redact(url) + " has a next_url without a path: "
                + redact(nextUrl), 200, redact(url), -1, null);
        }
        return uri.getRawQuery() == null ? path : path + '?' + uri.getRawQuery();
    }

    private static String encodeSegment(final String ticker) {
        final StringBuilder sb = new StringBuilder(ticker.length());
        final byte[] bytes = ticker.getBytes(StandardCharsets.UTF_8);
        for (final byte b : bytes) {
            final int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ':' || c == '.'
                || c == '-' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return sb.toString();
    }

    /** Removes any {@code apiKey} query value from a URL for messages. */
    static String redact(final String url) {
        if (url == null) {
            return null;
        }
        return url.replaceAll("(?i)([?&]apiKey=)[^&#]*", "$1<redacted>");
    }

    private String scrub(final String message) {
        return message.replace(config.apiKey(), "<redacted>");
    }
}
