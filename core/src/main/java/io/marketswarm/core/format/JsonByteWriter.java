package io.marketswarm.core.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that JSON text is appended to: compact output (no spaces), doubles rendered as Python's
 * {@code repr} ({@link PythonDoubleWriter}), non-finite doubles as {@code null}. Reused across documents via
 * {@link #reset()}; once its capacity has been reached it allocates nothing.
 *
 * <p>The caller places commas and colons ({@link #raw(char)}); this class renders values.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class JsonByteWriter {

    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final PythonDoubleWriter doubles = new PythonDoubleWriter();
    private byte[] buf;
    private int length;

    /** @param initialCapacity first capacity in bytes, at least 64. */
    public JsonByteWriter(final int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Forgets the content, keeps the capacity. */
    public JsonByteWriter reset() {
        length = 0;
        return this;
    }

    /** @return bytes written. */
    public int length() {
        return length;
    }

    /** @return the backing array; bytes {@code [0, length())} are the document. Valid until the next append. */
    public byte[] array() {
        return buf;
    }

    /** @return a copy of the document. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    /** @return the document as a string (UTF-8). */
    @Override
    public String toString() {
        return new String(buf, 0, length, StandardCharsets.UTF_8);
    }

    /** Appends one ASCII character, such as a brace, comma or colon. */
    public JsonByteWriter raw(final char c) {
        ensure(1);
        buf[length++] = (byte) c;
        return this;
    }

    /** Appends bytes verbatim (pre-rendered JSON). */
    public JsonByteWriter raw(final byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    /** Appends {@code len} bytes of {@code bytes} from {@code off} verbatim. */
    public JsonByteWriter raw(final byte[] bytes, final int off, final int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, length, len);
        length += len;
        return this;
    }

    /** Appends {@code "key":}. The key must need no escaping. */
    public JsonByteWriter key(final String key) {
        ensure(key.length() + 3);
        buf[length++] = '"';
        for (int i = 0; i < key.length(); i++) {
            buf[length++] = (byte) key.charAt(i);
        }
        buf[length++] = '"';
        buf[length++] = ':';
        return this;
    }

    /** Appends a quoted, escaped string, or {@code null}. */
    public JsonByteWriter string(final String value) {
        if (value == null) {
            return raw(NULL);
        }
        ensure(value.length() * 6 + 2);
        buf[length++] = '"';
        for (int i = 0; i < value.length(); i++) {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                buf[length++] = '\\';
                buf[length++] = (byte) c;
            } else if (c < 0x20 || c > 0x7E) {
                buf[length++] = '\\';
                buf[length++] = 'u';
                buf[length++] = HEX[(c >> 12) & 0xF];
                buf[length++] = HEX[(c >> 8) & 0xF];
                buf[length++] = HEX[(c >> 4) & 0xF];
                buf[length++] = HEX[c & 0xF];
            } else {
                buf[length++] = (byte) c;
            }
        }
        buf[length++] = '"';
        return this;
    }

    /** Appends a decimal integer. */
    public JsonByteWriter number(final long value) {
        ensure(20);
        if (value == Long.MIN_VALUE) {
            return raw("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
        }
        long v = value;
        if (v < 0) {
            buf[length++] = '-';
            v = -v;
        }
        final int digits = digits(v);
        int pos = length + digits;
        length = pos;
        do {
            buf[--pos] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        return this;
    }

    /** Appends a quoted decimal integer ({@code "6002"}), as used for bin keys. */
    public JsonByteWriter quotedNumber(final long value) {
        raw('"');
        number(value);
        return raw('"');
    }

    /** Appends a double as Python's {@code repr} does; NaN and infinities become {@code null}. */
    public JsonByteWriter number(final double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return raw(NULL);
        }
        ensure(PythonDoubleWriter.MAX_LENGTH);
        length = doubles.write(value, buf, length);
        return this;
    }

    /** Appends {@code null}. */
    public JsonByteWriter nullValue() {
        return raw(NULL);
    }

    private static int digits(final long v) {
        long p = 10;
        for (int d = 1; d < 19; d++) {
            if (v < p) {
                return d;
            }
            p *= 10;
        }
        return 19;
    }

    private void ensure(final int extra) {
        if (length + extra > buf.length) {
            final long wanted = Math.max((long) buf.length * 2, (long) length + extra);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("JSON document larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
