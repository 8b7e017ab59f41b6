package io.marketswarm.feeds.dbn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Zero-allocation JSON text writer over an {@link OutputStream}: primitives are formatted straight into one
 * internal byte array, which is flushed when it fills. Number and string forms follow Databento's JSON encoder
 * (strings escape {@code " \ /} and control characters; bytes from 0x80 are written as UTF-8 of U+0080..U+00FF).
 *
 * <p>Not thread-safe. Call {@link #flush()} at the end; nothing is written until then or until the buffer fills.
 */
public final class AsciiJsonWriter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
    private static final int RESERVE = 1024;

    private final OutputStream out;
    private final byte[] buf;
    private final byte[] digits = new byte[20];
    private int pos;

    /**
     * @param out         destination; not closed by this writer.
     * @param bufferBytes internal buffer size, at least 4096.
     */
    public AsciiJsonWriter(final OutputStream out, final int bufferBytes) {
        if (bufferBytes < 4096) {
            throw new IllegalArgumentException("bufferBytes=" + bufferBytes + " must be >= 4096");
        }
        this.out = out;
        this.buf = new byte[bufferBytes];
    }

    /**
     * Makes room for one record's text (up to 1 KiB) by flushing if needed.
     *
     * @return this.
     * @throws IOException if the output fails.
     */
    public AsciiJsonWriter reserve() throws IOException {
        if (buf.length - pos < RESERVE) {
            flushBuffer();
        }
        return this;
    }

    /** @param bytes pre-encoded ASCII, written as is. @return this. */
    public AsciiJsonWriter raw(final byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    /** @param c one ASCII character, written as is. @return this. */
    public AsciiJsonWriter raw(final char c) {
        buf[pos++] = (byte)c;
        return this;
    }

    /** @return this, after writing {@code null}. */
    public AsciiJsonWriter nullValue() {
        return raw(NULL);
    }

    /** @param value signed decimal, bare. @return this. */
    public AsciiJsonWriter number(final long value) {
        if (value == Long.MIN_VALUE) {
            return raw(MIN_LONG);
        }
        if (value < 0) {
            buf[pos++] = '-';
            return unsigned(-value);
        }
        return unsigned(value);
    }

    /** @param value unsigned 64-bit decimal, bare. @return this. */
    public AsciiJsonWriter unsigned(final long value) {
        long v = value;
        int n = 0;
        if (v < 0) {
            final long quotient = Long.divideUnsigned(v, 10);
            digits[n++] = (byte)('0' + (v - quotient * 10));
            v = quotient;
        }
        do {
            final long quotient = v / 10;
            digits[n++] = (byte)('0' + (v - quotient * 10));
            v = quotient;
        } while (v != 0);
        while (n > 0) {
            buf[pos++] = digits[--n];
        }
        return this;
    }

    /** @param value unsigned 64-bit decimal in quotes. @return this. */
    public AsciiJsonWriter quotedUnsigned(final long value) {
        buf[pos++] = '"';
        unsigned(value);
        buf[pos++] = '"';
        return this;
    }

    /** @param value signed 64-bit decimal in quotes. @return this. */
    public AsciiJsonWriter quotedNumber(final long value) {
        buf[pos++] = '"';
        number(value);
        buf[pos++] = '"';
        return this;
    }

    /**
     * Writes a fixed-point price as {@code "<sign><integer>.<9 digits>"}.
     *
     * @param price 1e-9 units.
     * @return this.
     */
    public AsciiJsonWriter quotedPrice(final long price) {
        buf[pos++] = '"';
        final long magnitude;
        if (price < 0) {
            buf[pos++] = '-';
            magnitude = -price;
        } else {
            magnitude = price;
        }
        final long integer = Long.divideUnsigned(magnitude, NANOS_PER_SECOND);
        final long fraction = Long.remainderUnsigned(magnitude, NANOS_PER_SECOND);
        unsigned(integer);
        buf[pos++] = '.';
        padded(fraction, 9);
        buf[pos++] = '"';
        return this;
    }

    /**
     * Writes a timestamp as ISO 8601 UTC with nanoseconds: {@code "2020-12-28T13:00:00.000704060Z"}.
     *
     * @param epochNanos unsigned ns since the epoch.
     * @return this.
     */
    public AsciiJsonWriter quotedIsoTimestamp(final long epochNanos) {
        final long seconds = Long.divideUnsigned(epochNanos, NANOS_PER_SECOND);
        final long nanos = Long.remainderUnsigned(epochNanos, NANOS_PER_SECOND);
        final long days = seconds / 86_400;
        final long secondOfDay = seconds - days * 86_400;
        buf[pos++] = '"';
        isoDate(days);
        buf[pos++] = 'T';
        padded(secondOfDay / 3600, 2);
        buf[pos++] = ':';
        padded(secondOfDay / 60 % 60, 2);
        buf[pos++] = ':';
        padded(secondOfDay % 60, 2);
        buf[pos++] = '.';
        padded(nanos, 9);
        buf[pos++] = 'Z';
        buf[pos++] = '"';
        return this;
    }

    /**
     * Writes a UTC date {@code YYYY-MM-DD} for days since the epoch (civil-from-days, proleptic Gregorian).
     *
     * @param epochDay days since 1970-01-01, non-negative.
     * @return this.
     */
    public AsciiJsonWriter isoDate(final long epochDay) {
        final long z = epochDay + 719_468;
        final long era = z / 146_097;
        final long doe = z - era * 146_097;
        final long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final long day = doy - (153 * mp + 2) / 5 + 1;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        padded(year, 4);
        buf[pos++] = '-';
        padded(month, 2);
        buf[pos++] = '-';
        padded(day, 2);
        return this;
    }

    /**
     * Writes a one-character string, or {@code null} for NUL, as Databento renders {@code c_char} fields.
     *
     * @param c the byte.
     * @return this.
     */
    public AsciiJsonWriter charValue(final byte c) {
        if (c == 0) {
            return nullValue();
        }
        buf[pos++] = '"';
        escaped(c);
        buf[pos++] = '"';
        return this;
    }

    /**
     * Writes a string in quotes with Databento's escaping. Allocation-free for ASCII; for metadata, not hot paths.
     *
     * @param text the value, {@code null} writes {@code null}.
     * @return this.
     * @throws IOException if flushing fails.
     */
    public AsciiJsonWriter string(final String text) throws IOException {
        if (text == null) {
            return nullValue();
        }
        buf[pos++] = '"';
        for (int i = 0; i < text.length(); i++) {
            if (buf.length - pos < 16) {
                flushBuffer();
            }
            escaped((byte)text.charAt(i));
        }
        buf[pos++] = '"';
        return this;
    }

    private void escaped(final byte c) {
        final int b = c & 0xFF;
        switch (b) {
            case '"' -> twoBytes('\\', '"');
            case '\\' -> twoBytes('\\', '\\');
            case '/' -> twoBytes('\\', '/');
            case '\b' -> twoBytes('\\', 'b');
            case '\f' -> twoBytes('\\', 'f');
            case '\n' -> twoBytes('\\', 'n');
            case '\r' -> twoBytes('\\', 'r');
            case '\t' -> twoBytes('\\', 't');
            default -> {
                if (b < 0x20) {
                    twoBytes('\\', 'u');
                    twoBytes('0', '0');
                    twoBytes((char)HEX[b >> 4], (char)HEX[b & 0xF]);
                } else if (b >= 0x80) {
                    buf[pos++] = (byte)(0xC0 | (b >> 6));
                    buf[pos++] = (byte)(0x80 | (b & 0x3F));
                } else {
                    buf[pos++] = c;
                }
            }
        }
    }

    private void twoBytes(final char a, final char b) {
        buf[pos++] = (byte)a;
        buf[pos++] = (byte)b;
    }

    private void padded(final long value, final int width) {
        long v = value;
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (byte)('0' + (v % 10));
            v /= 10;
        }
        pos += width;
    }

    /**
     * Writes buffered bytes to the output and flushes it.
     *
     * @throws IOException if the output fails.
     */
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    private void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }
}
