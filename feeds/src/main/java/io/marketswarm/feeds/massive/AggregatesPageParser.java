package io.marketswarm.feeds.massive;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict parser of one Massive aggregates response page ({@code /v2/aggs/ticker/...}).
 *
 * <p>Reads {@code results} (array of bars {@code {v, vw, o, c, h, l, t, n}}), {@code next_url}, {@code status},
 * {@code resultsCount} and {@code ticker}; every other field, and unknown bar fields such as {@code otc}, are
 * validated and skipped. A missing or {@code null} {@code results} is an empty page. A bar must carry {@code t};
 * {@code o h l c v vw} absent or {@code null} are {@code NaN} (the volume profile then skips the bar in RAW or TV as
 * spec {@code volume-profile.md} §3 says, instead of failing the run) and {@code n} absent is 0, as for index bars. Bars are kept in reused primitive columns, so a page allocates only its strings.
 *
 * <p>Any deviation from RFC 8259 JSON, a top level that is not an object, a wrong value type, trailing content or a
 * body that ends early raises {@link MassiveApiException} naming the URL and the character offset. After a failed
 * parse the page content is undefined.
 *
 * <p>Not thread-safe: one parser per thread.
 */
public final class AggregatesPageParser {

    private static final int MAX_DEPTH = 64;
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long[] POW10_LONG = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L};
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final int T = 1;
    private static final int O = 2;
    private static final int H = 4;
    private static final int L = 8;
    private static final int C = 16;
    private static final int REQUIRED = T | O | H | L | C;

    private byte[] in;
    private int pos;
    private int end;
    private String url;
    private String subject = "";
    private int httpStatus = 200;
    private boolean numberIntegral;
    private long numberLong;
    private long scratchMantissa;

    private String status;
    private String ticker;
    private String nextUrl;
    private int resultsCount;
    private int barCount;
    private long[] ts = new long[64];
    private double[] open = new double[64];
    private double[] high = new double[64];
    private double[] low = new double[64];
    private double[] close = new double[64];
    private double[] volume = new double[64];
    private double[] vwap = new double[64];
    private long[] trades = new long[64];

    /**
     * Parses one page, replacing the previous page's content.
     *
     * @param body   the response body, UTF-8.
     * @param length number of bytes of {@code body} to read.
     * @param url    the request URL for messages (without the key).
     * @throws MassiveApiException if the body is malformed, naming {@code url} and the offset.
     */
    public void parse(final byte[] body, final int length, final String url) throws MassiveApiException {
        parse(body, length, url, "in the response to GET " + url + " ", 200);
    }

    /**
     * Parses one page saved to a file, replacing the previous page's content. Errors are as for
     * {@link #parse(byte[], int, String)}, but the message reads {@code malformed JSON at offset N: ...} so that the
     * caller can prefix the file, and {@link MassiveApiException#httpStatus()} is
     * {@link MassiveApiException#NO_STATUS}.
     *
     * @param body   the file content, UTF-8.
     * @param length number of bytes of {@code body} to read.
     * @param file   the file name, kept as {@link MassiveApiException#url()}.
     * @throws MassiveApiException if the body is malformed, naming the offset.
     */
    public void parseFile(final byte[] body, final int length, final String file) throws MassiveApiException {
        parse(body, length, file, "", MassiveApiException.NO_STATUS);
    }

    private void parse(final byte[] body, final int length, final String url, final String subject,
        final int httpStatus) throws MassiveApiException {
        this.in = body;
        this.pos = 0;
        this.end = length;
        this.url = url;
        this.subject = subject;
        this.httpStatus = httpStatus;
        status = null;
        ticker = null;
        nextUrl = null;
        resultsCount = -1;
        barCount = 0;
        try {
            skipWhitespace();
            expect('{');
            if (!emptyContainer('}')) {
                do {
                    final int keyStart = pos;
                    final int keyEnd = skipString();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                    topLevelValue(keyStart + 1, keyEnd);
                    skipWhitespace();
                } while (nextMember('}'));
            }
            skipWhitespace();
            if (pos != end) {
                throw malformed("unexpected content after the top-level object");
            }
        } finally {
            this.in = null;
        }
    }

    /** @return {@code status} of the page, or {@code null} if absent. */
    public String status() {
        return status;
    }

    /** @return {@code ticker} of the page, or {@code null} if absent. */
    public String ticker() {
        return ticker;
    }

    /** @return {@code next_url}, or {@code null} when absent, null or empty (last page). */
    public String nextUrl() {
        return nextUrl;
    }

    /** @return {@code resultsCount}, or {@code -1} if absent. */
    public int resultsCount() {
        return resultsCount;
    }

    /** @return number of bars parsed from {@code results}. */
    public int barCount() {
        return barCount;
    }

    /**
     * Gives bars {@code [0, barCount())} to the sink in page order.
     *
     * @param sink receiver.
     */
    public void deliver(final BarSink sink) {
        final int n = barCount;
        for (int i = 0; i < n; i++) {
            sink.onBar(ts[i], open[i], high[i], low[i], close[i], volume[i], vwap[i], trades[i]);
        }
    }

    /** @return {@code t} of bar {@code i}, {@code 0 <= i < barCount()}. */
    long ts(final int i) {
        return ts[i];
    }

    /** @return {@code o} of bar {@code i}. */
    double open(final int i) {
        return open[i];
    }

    /** @return {@code h} of bar {@code i}. */
    double high(final int i) {
        return high[i];
    }

    /** @return {@code l} of bar {@code i}. */
    double low(final int i) {
        return low[i];
    }

    /** @return {@code c} of bar {@code i}. */
    double close(final int i) {
        return close[i];
    }

    /** @return {@code v} of bar {@code i}, {@code NaN} when absent. */
    double volume(final int i) {
        return volume[i];
    }

    /** @return {@code vw} of bar {@code i}, {@code NaN} when absent. */
    double vwap(final int i) {
        return vwap[i];
    }

    /** @return {@code n} of bar {@code i}, 0 when absent. */
    long trades(final int i) {
        return trades[i];
    }

    /**
     * Best-effort reading of the text of an error body: {@code error}, else {@code message}. Never throws.
     *
     * @param body the body.
     * @return the text, or {@code null} if the body is not a JSON object carrying either string.
     */
    static String errorText(final byte[] body) {
        final AggregatesPageParser p = new AggregatesPageParser();
        p.in = body;
        p.end = body.length;
        p.url = "";
        String error = null;
        String message = null;
        try {
            p.skipWhitespace();
            p.expect('{');
            if (!p.emptyContainer('}')) {
                do {
                    final int keyStart = p.pos;
                    final int keyEnd = p.skipString();
                    p.skipWhitespace();
                    p.expect(':');
                    p.skipWhitespace();
                    if (p.keyIs(keyStart + 1, keyEnd, "error") && p.peek() == '"') {
                        error = p.readString();
                    } else if (p.keyIs(keyStart + 1, keyEnd, "message") && p.peek() == '"') {
                        message = p.readString();
                    } else {
                        p.skipValue(0);
                    }
                    p.skipWhitespace();
                } while (p.nextMember('}'));
            }
        } catch (final MassiveApiException ex) {
            return error != null ? error : message;
        }
        return error != null ? error : message;
    }

    private void topLevelValue(final int keyStart, final int keyEnd) throws MassiveApiException {
        if (keyIs(keyStart, keyEnd, "results")) {
            if (!readNull()) {
                results();
            }
        } else if (keyIs(keyStart, keyEnd, "next_url")) {
            final String value = readStringOrNull();
            nextUrl = value == null || value.isEmpty() ? null : value;
        } else if (keyIs(keyStart, keyEnd, "status")) {
            status = readStringOrNull();
        } else if (keyIs(keyStart, keyEnd, "ticker")) {
            ticker = readStringOrNull();
        } else if (keyIs(keyStart, keyEnd, "resultsCount")) {
            final int at = pos;
            readNumber();
            if (!numberIntegral || numberLong < 0 || numberLong > Integer.MAX_VALUE) {
                throw malformed(at, "resultsCount must be a non-negative integer");
            }
            resultsCount = (int) numberLong;
        } else {
            skipValue(1);
        }
    }

    private void results() throws MassiveApiException {
        expect('[');
        if (emptyContainer(']')) {
            return;
        }
        do {
            bar();
            skipWhitespace();
        } while (nextMember(']'));
    }

    private void bar() throws MassiveApiException {
        final int barStart = pos;
        ensureCapacity(barCount + 1);
        final int i = barCount;
        if (fastBar(i)) {
            barCount = i + 1;
            return;
        }
        pos = barStart;
        expect('{');
        open[i] = Double.NaN;
        high[i] = Double.NaN;
        low[i] = Double.NaN;
        close[i] = Double.NaN;
        volume[i] = Double.NaN;
        vwap[i] = Double.NaN;
        trades[i] = 0;
        int seen = 0;
        if (!emptyContainer('}')) {
            do {
                final int keyStart = pos + 1;
                final int keyEnd = skipString();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                seen |= barField(keyStart, keyEnd, i);
                skipWhitespace();
            } while (nextMember('}'));
        }
        if ((seen & T) == 0) {
            throw malformed(barStart, "bar " + i + " lacks its window start t");
        }
        barCount = i + 1;
    }

    /**
     * Parses the bar at {@code pos} into row {@code i} when it has the usual shape: one- or two-letter known keys
     * ({@code t o h l c v vw n}), plain numbers of at most 15 significant digits without exponent, optional
     * whitespace. Leaves {@code pos} after the bar and returns {@code true}; returns {@code false} on anything else
     * (unknown key, {@code null}, escape, exponent, long number, malformed input) so that the general path parses
     * the bar again and reports errors with their exact offsets.
     */
    private boolean fastBar(final int i) {
        final byte[] b = in;
        final int e = end;
        int p = pos;
        if (p >= e || b[p] != '{') {
            return false;
        }
        double v = Double.NaN;
        double vw = Double.NaN;
        long n = 0;
        int seen = 0;
        p++;
        while (true) {
            p = skipWhitespace(b, p, e);
            if (p + 6 >= e || b[p] != '"') {
                return false;
            }
            final int key;
            final byte k0 = b[p + 1];
            if (b[p + 2] == '"' && b[p + 3] == ':') {
                key = k0;
                p += 4;
            } else if (k0 == 'v' && b[p + 2] == 'w' && b[p + 3] == '"' && b[p + 4] == ':') {
                key = 'w';
                p += 5;
            } else {
                return false;
            }
            p = skipWhitespace(b, p, e);
            int q = p;
            final boolean negative = q < e && b[q] == '-';
            if (negative) {
                q++;
            }
            final int intStart = q;
            scratchMantissa = 0;
            q = digits(b, q, e);
            final int intDigits = q - intStart;
            if (intDigits == 0 || intDigits > 1 && b[intStart] == '0') {
                return false;
            }
            int fraction = 0;
            if (q < e && b[q] == '.') {
                final int fractionStart = ++q;
                q = digits(b, q, e);
                fraction = q - fractionStart;
                if (fraction == 0) {
                    return false;
                }
            }
            if (intDigits + fraction > 15 || q >= e || b[q] == 'e' || b[q] == 'E') {
                return false;
            }
            final long mantissa = scratchMantissa;
            final double magnitude = fraction == 0 ? (double) mantissa : mantissa / POW10[fraction];
            final double value = negative ? -magnitude : magnitude;
            switch (key) {
                case 't':
                    if (fraction != 0) {
                        return false;
                    }
                    ts[i] = negative ? -mantissa : mantissa;
                    seen |= T;
                    break;
                case 'o':
                    open[i] = value;
                    seen |= O;
                    break;
                case 'h':
                    high[i] = value;
                    seen |= H;
                    break;
                case 'l':
                    low[i] = value;
                    seen |= L;
                    break;
                case 'c':
                    close[i] = value;
                    seen |= C;
                    break;
                case 'v':
                    v = value;
                    break;
                case 'w':
                    vw = value;
                    break;
                case 'n':
                    if (fraction != 0) {
                        return false;
                    }
                    n = negative ? -mantissa : mantissa;
                    break;
                default:
                    return false;
            }
            p = skipWhitespace(b, q, e);
            if (p >= e) {
                return false;
            }
            if (b[p] == '}') {
                break;
            }
            if (b[p] != ',') {
                return false;
            }
            p++;
        }
        if ((seen & REQUIRED) != REQUIRED) {
            return false;
        }
        volume[i] = v;
        vwap[i] = vw;
        trades[i] = n;
        pos = p + 1;
        return true;
    }

    /**
     * Appends the run of ASCII digits at {@code from} to {@link #scratchMantissa}, eight bytes at a time (SWAR:
     * a byte is a digit when neither {@code c - '0'} nor {@code c - '0' + 0x76} sets its top bit; borrows and carries
     * only move towards later bytes, so the first flagged byte is the first non-digit). Digits beyond 18 overflow
     * the mantissa; callers reject them by count.
     *
     * @return the offset of the first byte that is not a digit (or {@code e}).
     */
    private int digits(final byte[] b, final int from, final int e) {
        long m = scratchMantissa;
        int q = from;
        while (q + 8 <= e) {
            final long chunk = (long) LONG_LE.get(b, q);
            final long val = chunk - 0x3030303030303030L;
            final int run = Long.numberOfTrailingZeros((val | (val + 0x7676767676767676L)) & 0x8080808080808080L)
                >>> 3;
            if (run == 0) {
                scratchMantissa = m;
                return q;
            }
            m = m * POW10_LONG[run] + eightDigits(run == 8 ? chunk : chunk << (64 - 8 * run));
            q += run;
            if (run < 8) {
                scratchMantissa = m;
                return q;
            }
        }
        int digit;
        while (q < e && (digit = b[q] - '0') >= 0 && digit <= 9) {
            m = m * 10 + digit;
            q++;
        }
        scratchMantissa = m;
        return q;
    }

    /** Value of eight ASCII digits in little-endian order (first digit in the low byte; 0 bytes read as '0'). */
    private static long eightDigits(final long ascii) {
        long v = (ascii & 0x0F0F0F0F0F0F0F0FL) * 2561 >>> 8;
        v = (v & 0x00FF00FF00FF00FFL) * 6553601 >>> 16;
        return (v & 0x0000FFFF0000FFFFL) * 42949672960001L >>> 32;
    }

    private static int skipWhitespace(final byte[] b, final int from, final int e) {
        int p = from;
        while (p < e) {
            final byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                break;
            }
            p++;
        }
        return p;
    }

    private int barField(final int keyStart, final int keyEnd, final int i) throws MassiveApiException {
        final int length = keyEnd - keyStart;
        final byte k0 = length >= 1 ? in[keyStart] : 0;
        if (length == 1) {
            switch (k0) {
                case 't':
                    ts[i] = readLong("t");
                    return T;
                case 'o':
                    open[i] = readNull() ? Double.NaN : readNumber();
                    return O;
                case 'h':
                    high[i] = readNull() ? Double.NaN : readNumber();
                    return H;
                case 'l':
                    low[i] = readNull() ? Double.NaN : readNumber();
                    return L;
                case 'c':
                    close[i] = readNull() ? Double.NaN : readNumber();
                    return C;
                case 'v':
                    volume[i] = readNull() ? Double.NaN : readNumber();
                    return 0;
                case 'n':
                    trades[i] = readNull() ? 0 : readLong("n");
                    return 0;
                default:
                    break;
            }
        } else if (length == 2 && k0 == 'v' && in[keyStart + 1] == 'w') {
            vwap[i] = readNull() ? Double.NaN : readNumber();
            return 0;
        }
        skipValue(2);
        return 0;
    }

    private long readLong(final String field) throws MassiveApiException {
        final int at = pos;
        readNumber();
        if (!numberIntegral) {
            throw malformed(at, "bar field " + field + " must be an integer");
        }
        return numberLong;
    }

    private void ensureCapacity(final int needed) {
        if (needed <= ts.length) {
            return;
        }
        final int capacity = Math.max(needed, ts.length * 2);
        ts = Arrays.copyOf(ts, capacity);
        open = Arrays.copyOf(open, capacity);
        high = Arrays.copyOf(high, capacity);
        low = Arrays.copyOf(low, capacity);
        close = Arrays.copyOf(close, capacity);
        volume = Arrays.copyOf(volume, capacity);
        vwap = Arrays.copyOf(vwap, capacity);
        trades = Arrays.copyOf(trades, capacity);
    }

    private boolean keyIs(final int start, final int endExclusive, final String key) {
        final int length = endExclusive - start;
        if (length != key.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (in[start + i] != key.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean emptyContainer(final char close) throws MassiveApiException {
        skipWhitespace();
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean nextMember(final char close) throws MassiveApiException {
        final int c = peek();
        if (c == ',') {
            pos++;
            skipWhitespace();
            return true;
        }
        if (c == close) {
            pos++;
            return false;
        }
        throw malformed("expected ',' or '" + close + "'");
    }

    private void skipValue(final int depth) throws MassiveApiException {
        if (depth > MAX_DEPTH) {
            throw malformed("nesting deeper than " + MAX_DEPTH);
        }
        final int c = peek();
        switch (c) {
            case '"':
                skipString();
                return;
            case '{':
                pos++;
                if (!emptyContainer('}')) {
                    do {
                        skipString();
                        skipWhitespace();
                        expect(':');
                        skipWhitespace();
                        skipValue(depth + 1);
                        skipWhitespace();
                    } while (nextMember('}'));
                }
                return;
            case '[':
                pos++;
                if (!emptyContainer(']')) {
                    do {
                        skipValue(depth + 1);
                        skipWhitespace();
                    } while (nextMember(']'));
                }
                return;
            case 't':
                literal("true");
                return;
            case 'f':
                literal("false");
                return;
            case 'n':
                literal("null");
                return;
            default:
                readNumber();
        }
    }

    private boolean readNull() throws MassiveApiException {
        if (peek() == 'n') {
            literal("null");
            return true;
        }
        return false;
    }

    private void literal(final String word) throws MassiveApiException {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= end) {
                throw malformed("unexpected end of input");
            }
            if (in[pos] != word.charAt(i)) {
                throw malformed("invalid literal, expected '" + word + "'");
            }
            pos++;
        }
    }

    /** Skips a string starting at {@code pos} (a quote). @return the offset of the closing quote. */
    private int skipString() throws MassiveApiException {
        if (peek() != '"') {
            throw malformed("expected a string");
        }
        pos++;
        while (true) {
            if (pos >= end) {
                throw malformed("unexpected end of input inside a string");
            }
            final int b = in[pos] & 0xFF;
            if (b == '"') {
                final int close = pos;
                pos++;
                return close;
            }
            if (b < 0x20) {
                throw malformed("control character in a string");
            }
            if (b == '\\') {
                pos++;
                escape(null);
            } else {
                pos++;
            }
        }
    }

    private String readStringOrNull() throws MassiveApiException {
        return readNull() ? null : readString();
    }

    private String readString() throws MassiveApiException {
        final int start = pos + 1;
        final int close = skipString();
        boolean escaped = false;
        for (int i = start; i < close; i++) {
            if (in[i] == '\\') {
                escaped = true;
                break;
            }
        }
        if (!escaped) {
            return new String(in, start, close - start, StandardCharsets.UTF_8);
        }
        final int after = pos;
        final StringBuilder sb = new StringBuilder(close - start);
        pos = start;
        int runStart = start;
        while (pos < close) {
            if (in[pos] == '\\') {
                sb.append(new String(in, runStart, pos - runStart, StandardCharsets.UTF_8));
                pos++;
                escape(sb);
                runStart = pos;
            } else {
                pos++;
            }
        }
        sb.append(new String(in, runStart, close - runStart, StandardCharsets.UTF_8));
        pos = after;
        return sb.toString();
    }

    /** Reads the escape after a backslash at {@code pos - 1}, appending the character when {@code sb != null}. */
    private void escape(final StringBuilder sb) throws MassiveApiException {
        if (pos >= end) {
            throw malformed("unexpected end of input inside a string");
        }
        final byte e = in[pos++];
        final char decoded;
        switch (e) {
            case '"': decoded = '"'; break;
            case '\\': decoded = '\\'; break;
            case '/': decoded = '/'; break;
            case 'b': decoded = '\b'; break;
            case 'f': decoded = '\f'; break;
            case 'n': decoded = '\n'; break;
            case 'r': decoded = '\r'; break;
            case 't': decoded = '\t'; break;
            case 'u':
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    if (pos >= end) {
                        throw malformed("unexpected end of input inside a string");
                    }
                    final int digit = Character.digit(in[pos], 16);
                    if (digit < 0) {
                        throw malformed("invalid \\u escape");
                    }
                    code = code * 16 + digit;
                    pos++;
                }
                decoded = (char) code;
                break;
            default:
                pos--;
                throw malformed("invalid escape in a string");
        }
        if (sb != null) {
            sb.append(decoded);
        }
    }

    /**
     * Reads a JSON number at {@code pos}; sets {@link #numberIntegral} and {@link #numberLong} for plain integers
     * of up to 18 digits.
     */
    private double readNumber() throws MassiveApiException {
        final int start = pos;
        boolean negative = false;
        if (pos < end && in[pos] == '-') {
            negative = true;
            pos++;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        final int intStart = pos;
        while (pos < end && isDigit(in[pos])) {
            if (digits < 18) {
                mantissa = mantissa * 10 + (in[pos] - '0');
            } else {
                scale++;
            }
            digits++;
            pos++;
        }
        if (pos == intStart) {
            if (pos >= end) {
                throw malformed("unexpected end of input");
            }
            throw malformed(start, "expected a value");
        }
        if (in[intStart] == '0' && pos - intStart > 1) {
            throw malformed(intStart, "leading zero in a number");
        }
        boolean integral = true;
        if (pos < end && in[pos] == '.') {
            integral = false;
            pos++;
            final int fracStart = pos;
            while (pos < end && isDigit(in[pos])) {
                if (digits < 18) {
                    mantissa = mantissa * 10 + (in[pos] - '0');
                    scale--;
                }
                digits++;
                pos++;
            }
            if (pos == fracStart) {
                throw malformed("expected a digit after '.'");
            }
        }
        int exponent = 0;
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            integral = false;
            pos++;
            boolean expNegative = false;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                expNegative = in[pos] == '-';
                pos++;
            }
            final int expStart = pos;
            while (pos < end && isDigit(in[pos])) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (in[pos] - '0');
                }
                pos++;
            }
            if (pos == expStart) {
                throw malformed("expected a digit in the exponent");
            }
            exponent = expNegative ? -exponent : exponent;
        }
        numberIntegral = integral && digits <= 18;
        numberLong = negative ? -mantissa : mantissa;
        final int power = scale + exponent;
        if (digits <= 15 && power >= -22 && power <= 22) {
            final double m = negative ? -(double) mantissa : (double) mantissa;
            return power >= 0 ? m * POW10[power] : m / POW10[-power];
        }
        return Double.parseDouble(new String(in, start, pos - start, StandardCharsets.US_ASCII));
    }

    private static boolean isDigit(final byte b) {
        return b >= '0' && b <= '9';
    }

    private void skipWhitespace() {
        while (pos < end) {
            final byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private int peek() throws MassiveApiException {
        if (pos >= end) {
            throw malformed("unexpected end of input");
        }
        return in[pos];
    }

    private void expect(final char c) throws MassiveApiException {
        if (peek() != c) {
            throw malformed("expected '" + c + "'");
        }
        pos++;
    }

    private MassiveApiException malformed(final String problem) {
        return malformed(pos, problem);
    }

    private MassiveApiException malformed(final int byteOffset, final String problem) {
        int offset = 0;
        for (int i = 0; i < byteOffset && i < end; i++) {
            if ((in[i] & 0xC0) != 0x80) {
                offset++;
            }
        }
        return new MassiveApiException("malformed JSON " + subject + "at offset " + offset + ": " + problem,
            httpStatus, url, offset, null);
    }
}
