package io.marketswarm.core.format;

/**
 * Writes doubles as ASCII the way Python's {@code repr(float)} does (spec §2.3, §12): shortest round-trip digits;
 * positional notation with at least one fractional digit when the decimal exponent {@code e} of the first digit is
 * in {@code [-4, 16)}, else scientific with a signed, at least two-digit exponent ({@code 1e-05}, {@code 1.5e+16}).
 * Zero-allocation: digits are produced by {@link ShortestDecimal} straight into the caller's array.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class PythonDoubleWriter {

    /** Longest output: sign, 17 digits, point, {@code e-324}-style exponent, with room to spare. */
    public static final int MAX_LENGTH = 32;

    private final ShortestDecimal decimal = new ShortestDecimal();
    private final byte[] scratch = new byte[20];

    /**
     * Writes one value.
     *
     * @param value  any double; NaN and infinities are written as {@code nan}, {@code inf}, {@code -inf}.
     * @param out    destination with at least {@link #MAX_LENGTH} bytes free at {@code offset}.
     * @param offset where to write.
     * @return the new offset after the value.
     */
    public int write(final double value, final byte[] out, final int offset) {
        int pos = offset;
        if (value != value) {
            return ascii(out, pos, "nan");
        }
        if (Double.doubleToRawLongBits(value) < 0) {
            out[pos++] = '-';
        }
        if (Double.isInfinite(value)) {
            return ascii(out, pos, "inf");
        }
        if (value == 0.0) {
            return ascii(out, pos, "0.0");
        }
        decimal.compute(value);
        long d = decimal.digits();
        int n = 0;
        while (d != 0) {
            scratch[n++] = (byte)('0' + d % 10);
            d /= 10;
        }
        final int e = decimal.exponent() + n - 1;
        if (e >= -4 && e < 16) {
            if (e < 0) {
                out[pos++] = '0';
                out[pos++] = '.';
                for (int i = -1; i > e; i--) {
                    out[pos++] = '0';
                }
                for (int i = n - 1; i >= 0; i--) {
                    out[pos++] = scratch[i];
                }
                return pos;
            }
            final int integerDigits = e + 1;
            for (int i = 0; i < integerDigits; i++) {
                out[pos++] = i < n ? scratch[n - 1 - i] : (byte)'0';
            }
            out[pos++] = '.';
            if (n <= integerDigits) {
                out[pos++] = '0';
            } else {
                for (int i = n - 1 - integerDigits; i >= 0; i--) {
                    out[pos++] = scratch[i];
                }
            }
            return pos;
        }
        out[pos++] = scratch[n - 1];
        if (n > 1) {
            out[pos++] = '.';
            for (int i = n - 2; i >= 0; i--) {
                out[pos++] = scratch[i];
            }
        }
        out[pos++] = 'e';
        out[pos++] = (byte)(e < 0 ? '-' : '+');
        final int magnitude = Math.abs(e);
        if (magnitude >= 100) {
            out[pos++] = (byte)('0' + magnitude / 100);
        }
        out[pos++] = (byte)('0' + magnitude / 10 % 10);
        out[pos++] = (byte)('0' + magnitude % 10);
        return pos;
    }

    private static int ascii(final byte[] out, final int offset, final String text) {
        for (int i = 0; i < text.length(); i++) {
            out[offset + i] = (byte)text.charAt(i);
        }
        return offset + text.length();
    }
}
