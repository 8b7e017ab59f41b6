package io.marketswarm.feeds.massive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * Renders bars as Massive aggregates response pages ({@code GET /v2/aggs/ticker/{T}/range/1/minute/...}), split into
 * pages of at most {@code pageSize} bars, byte for byte what a recorded response body would hold.
 *
 * <p>Each page is one compact JSON object with the keys in the API's order: {@code ticker}, {@code queryCount},
 * {@code resultsCount}, {@code adjusted} ({@code true}), {@code results} (bars as
 * {@code {"v","vw","o","c","h","l","t","n"}}; omitted when the page is empty), {@code status} ({@code "OK"}),
 * {@code request_id} (32 hex digits derived from the seed and the page number), {@code count}, and, on every page
 * but the last, {@code next_url} = {@code {base}/v2/aggs/ticker/{T}/range/1/minute/{t of the next page's first
 * bar}/{to}?cursor=<base64url of "limit={pageSize}&sort=asc">}. A run with no bar yields one empty page.
 *
 * <p>Numbers: prices are the shortest decimal with at most 9 fraction digits that parses back to the same double
 * ({@code 400.1}, {@code 400}), falling back to {@link Double#toString}; a whole volume is an integer
 * ({@code 123456}). A {@code NaN} volume omits {@code v}, {@code vw} and {@code n} (index bars); a {@code NaN} VWAP
 * omits {@code vw}.
 *
 * <p>Pages go to a {@link PageConsumer} as soon as they are complete, so memory stays at one page. Not thread-safe:
 * one writer, one thread.
 */
public final class AggregatesPageWriter {

    /** Largest page the API serves ({@code limit} maximum). */
    public static final int MAX_PAGE_SIZE = 50_000;

    /** Receives each finished page. */
    @FunctionalInterface
    public interface PageConsumer {
        /**
         * @param pageNumber 1 for the first page.
         * @param body       the page, UTF-8; valid only during the call.
         * @param length     bytes of {@code body} in use.
         * @throws IOException if storing the page fails.
         */
        void page(int pageNumber, byte[] body, int length) throws IOException;
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    private static final double MAX_EXACT = 0x1.0p53;

    private final String ticker;
    private final String nextUrlPrefix;
    private final String nextUrlSuffix;
    private final int pageSize;
    private final long seed;
    private final PageConsumer consumer;
    private final Bytes results = new Bytes(1 << 16);
    private final Bytes page = new Bytes(1 << 16);
    private int barsInPage;
    private int pagesWritten;
    private long barsWritten;
    private boolean finished;

    /**
     * @param ticker   the ticker, e.g. {@code SPY}; path-safe characters only ({@code A-Z a-z 0-9 : . - _}).
     * @param baseUrl  origin for {@code next_url}, e.g. {@code https://api.massive.com} (no trailing slash needed).
     * @param to       the query's last day as it appears in the request path, e.g. {@code 2025-12-31}.
     * @param pageSize bars per page, {@code 1..50000}.
     * @param seed     seed of the {@code request_id}s.
     * @param consumer receives each page.
     * @throws IllegalArgumentException if an argument is invalid, naming it.
     */
    public AggregatesPageWriter(final String ticker, final String baseUrl, final String to, final int pageSize,
        final long seed, final PageConsumer consumer) {
        if (ticker == null || ticker.isEmpty() || !ticker.matches("[A-Za-z0-9:._-]+")) {
            throw new IllegalArgumentException("ticker=" + ticker + " must be non-empty, of A-Z a-z 0-9 : . - _");
        }
        if (baseUrl == null || !baseUrl.matches("https?://[^\\s\"\\\\?#]+")) {
            throw new IllegalArgumentException("baseUrl=" + baseUrl + " must be an http(s) origin without query");
        }
        if (to == null || !to.matches("[0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("to=" + to + " must be a date or a millisecond timestamp");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize=" + pageSize + " must be in [1, " + MAX_PAGE_SIZE + "]");
        }
        if (consumer == null) {
            throw new IllegalArgumentException("consumer is missing");
        }
        this.ticker = ticker;
        final String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.nextUrlPrefix = base + "/v2/aggs/ticker/" + ticker + "/range/1/minute/";
        this.nextUrlSuffix = "/" + to + "?cursor=" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("limit=" + pageSize + "&sort=asc").getBytes(StandardCharsets.US_ASCII));
        this.pageSize = pageSize;
        this.seed = seed;
        this.consumer = consumer;
    }

    /**
     * A consumer writing page {@code n} to {@code dir/page-NNNNN.json} ({@link #pageFileName}), creating the
     * directory if needed and replacing a file of the same name.
     *
     * @param dir target directory.
     * @return the consumer.
     */
    public static PageConsumer toDirectory(final Path dir) {
        return (pageNumber, body, length) -> {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(pageFileName(pageNumber)))) {
                out.write(body, 0, length);
            }
        };
    }

    /**
     * @param pageNumber 1-based page number.
     * @return {@code page-00001.json} for page 1; names sort in page order up to page 99999.
     */
    public static String pageFileName(final int pageNumber) {
        return String.format(Locale.ROOT, "page-%05d.json", pageNumber);
    }

    /**
     * Appends one bar; completes (and hands over) the current page first when it is full. Bars are written in call
     * order; this writer does not sort or check them.
     *
     * @param tsMillis bar start, Unix ms.
     * @param open     open.
     * @param high     high.
     * @param low      low.
     * @param close    close.
     * @param volume   volume, or {@code NaN} for none.
     * @param vwap     VWAP, or {@code NaN} for none.
     * @param trades   transactions (written only with a volume).
     * @throws IOException              if the consumer fails.
     * @throws IllegalArgumentException if a price is not finite.
     * @throws IllegalStateException    after {@link #finish()}.
     */
    public void append(final long tsMillis, final double open, final double high, final double low,
        final double close, final double volume, final double vwap, final long trades) throws IOException {
        if (finished) {
            throw new IllegalStateException("append after finish");
        }
        if (!(Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low) && Double.isFinite(close))) {
            throw new IllegalArgumentException("bar t=" + tsMillis + " has a non-finite price: o=" + open + " h="
                + high + " l=" + low + " c=" + close);
        }
        if (barsInPage == pageSize) {
            flush(tsMillis);
        }
        final Bytes r = results;
        if (barsInPage > 0) {
            r.put((byte) ',');
        }
        r.put((byte) '{');
        if (!Double.isNaN(volume)) {
            r.ascii("\"v\":").number(volume).put((byte) ',');
            if (!Double.isNaN(vwap)) {
                r.ascii("\"vw\":").number(vwap).put((byte) ',');
            }
        }
        r.ascii("\"o\":").number(open).ascii(",\"c\":").number(close).ascii(",\"h\":").number(high)
            .ascii(",\"l\":").number(low).ascii(",\"t\":").integer(tsMillis);
        if (!Double.isNaN(volume)) {
            r.ascii(",\"n\":").integer(trades);
        }
        r.put((byte) '}');
        barsInPage++;
        barsWritten++;
    }

    /**
     * Hands over the last page (without {@code next_url}); further appends fail. Idempotent.
     *
     * @return the number of pages written.
     * @throws IOException if the consumer fails.
     */
    public int finish() throws IOException {
        if (!finished) {
            finished = true;
            flush(Long.MIN_VALUE);
        }
        return pagesWritten;
    }

    /** @return pages handed over so far. */
    public int pagesWritten() {
        return pagesWritten;
    }

    /** @return bars appended so far. */
    public long barsWritten() {
        return barsWritten;
    }

    private void flush(final long nextFromMs) throws IOException {
        final int number = pagesWritten + 1;
        final Bytes p = page;
        p.clear();
        p.ensure(results.length + 512);
        p.ascii("{\"ticker\":\"").ascii(ticker).ascii("\",\"queryCount\":").integer(barsInPage)
            .ascii(",\"resultsCount\":").integer(barsInPage).ascii(",\"adjusted\":true");
        if (barsInPage > 0) {
            p.ascii(",\"results\":[").bytes(results.array, 0, results.length).put((byte) ']');
        }
        p.ascii(",\"status\":\"OK\",\"request_id\":\"").hex(mix(seed + number * 0x9E3779B97F4A7C15L))
            .hex(mix(~seed - number)).ascii("\",\"count\":").integer(barsInPage);
        if (nextFromMs != Long.MIN_VALUE) {
            p.ascii(",\"next_url\":\"").ascii(nextUrlPrefix).integer(nextFromMs).ascii(nextUrlSuffix).put((byte) '"');
        }
        p.put((byte) '}');
        consumer.page(number, p.array, p.length);
        pagesWritten = number;
        results.clear();
        barsInPage = 0;
    }

    private static long mix(final long x) {
        long z = x;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A growable ASCII buffer with allocation-free number rendering. */
    private static final class Bytes {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        private byte[] array;
        private int length;

        Bytes(final int capacity) {
            array = new byte[capacity];
        }

        void clear() {
            length = 0;
        }

        void ensure(final int more) {
            if (length + more > array.length) {
                array = Arrays.copyOf(array, Math.max(length + more, array.length * 2));
            }
        }

        Bytes put(final byte b) {
            ensure(1);
            array[length++] = b;
            return this;
        }

        Bytes ascii(final String s) {
            ensure(s.length());
            for (int i = 0; i < s.length(); i++) {
                array[length++] = (byte) s.charAt(i);
            }
            return this;
        }

        Bytes bytes(final byte[] src, final int from, final int count) {
            ensure(count);
            System.arraycopy(src, from, array, length, count);
            length += count;
            return this;
        }

        Bytes hex(final long value) {
            ensure(16);
            for (int shift = 60; shift >= 0; shift -= 4) {
                array[length++] = HEX[(int) (value >>> shift) & 0xF];
            }
            return this;
        }

        Bytes integer(final long value) {
            ensure(20);
            if (value == Long.MIN_VALUE) {
                return ascii(Long.toString(value));
            }
            long v = value;
            if (v < 0) {
                array[length++] = '-';
                v = -v;
            }
            final int start = length;
            do {
                array[length++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            reverse(start, length - 1);
            return this;
        }

        /** Shortest decimal of up to 9 fraction digits that reads back as {@code x}; else Java's rendering. */
        Bytes number(final double x) {
            for (int k = 0; k < POW10.length; k++) {
                final double scaled = Math.rint(x * POW10[k]);
                if (Math.abs(scaled) < MAX_EXACT && scaled / POW10[k] == x) {
                    return fixed((long) scaled, k);
                }
            }
            return ascii(Double.toString(x));
        }

        private Bytes fixed(final long scaled, final int fractionDigits) {
            ensure(24);
            long v = Math.abs(scaled);
            if (scaled < 0) {
                array[length++] = '-';
            }
            final int start = length;
            for (int i = 0; i < fractionDigits; i++) {
                array[length++] = (byte) ('0' + v % 10);
                v /= 10;
            }
            if (fractionDigits > 0) {
                array[length++] = '.';
            }
            do {
                array[length++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            reverse(start, length - 1);
            return this;
        }

        private void reverse(final int from, final int to) {
            for (int i = from, j = to; i < j; i++, j--) {
                final byte t = array[i];
                array[i] = array[j];
                array[j] = t;
            }
        }
    }
}
