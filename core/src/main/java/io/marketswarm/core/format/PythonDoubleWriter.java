package io.marketswarm.core.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes doubles as ASCII the way Python's {@code repr(float)} does (spec §2.3, §12): shortest round-trip digits;
 * positional notation with at least one fractional digit when the decimal exponent {@code e} of the first digit is
 * in {@code [-4, 16)}, else scientific with a signed, at least two-digit exponent ({@code 1e-05}, {@code 1.5e+16}).
 *
 * <p>Zero-allocation and loop-free for normal doubles: {@link ShortestDecimal} gives the digits (maybe with trailing
 * zeros), they are scaled to exactly 17, turned into ASCII eight at a time with SWAR arithmetic into a padded
 * scratch array, the trailing zeros are counted from the same words, and the text is laid out with 8-byte block
 * moves. Those moves may write past the end of the value, but never more than {@link #MAX_LENGTH} bytes from the
 * offset; the bytes after the returned offset are garbage the caller overwrites.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class PythonDoubleWriter {

    /** Bytes the destination must have free at the offset: the longest value is 24, block moves reach 31. */
    public static final int MAX_LENGTH = 32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final int DIGITS = 17;
    private static final long ZERO_POINT_ZEROS = 0x3030_3030_3030_2E30L;
    private static final long[] POW10 = powersOfTen();

    private final ShortestDecimal decimal = new ShortestDecimal();
    private final byte[] scratch = paddedScratch();

    /**
     * Writes one value.
     *
     * @param value  any double; NaN and infinities are written as {@code nan}, {@code inf}, {@code -inf}.
     * @param out    destination with at least {@link #MAX_LENGTH} bytes free at {@code offset}.
     * @param offset where to write.
     * @return the new offset after the value.
     * @throws IndexOutOfBoundsException if {@code out} has less room than that.
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
        decimal.computeUnstripped(value);
        final long f = decimal.digits();
        final int length = digitCount(f);
        final int e = decimal.exponent() + length - 1;
        final int n = render(f * POW10[DIGITS - length]);
        if (e >= -4 && e < 16) {
            return e < 0 ? fraction(out, pos, e, n) : positional(out, pos, e, n);
        }
        return scientific(out, pos, e, n);
    }

    /**
     * Puts the 17 digits of {@code f} as ASCII into {@code scratch[0..16]} (the rest of the scratch stays ASCII
     * zeros).
     *
     * @param f a 17-digit significand.
     * @return how many digits are left once trailing zeros are dropped, 1..17.
     */
    private int render(final long f) {
        final long hm = Math.multiplyHigh(f, 193_428_131_138_340_668L) >>> 20;
        final int low = (int)(f - 100_000_000L * hm);
        final int high = (int)(hm * 1_441_151_881L >>> 57);
        final int middle = (int)(hm - 100_000_000L * high);
        final long middleDigits = AsciiDigits.eightDigits(middle);
        final long lowDigits = AsciiDigits.eightDigits(low);
        final byte[] s = scratch;
        s[0] = (byte)('0' + high);
        LONGS.set(s, 1, middleDigits + AsciiDigits.ASCII_ZEROS);
        LONGS.set(s, 9, lowDigits + AsciiDigits.ASCII_ZEROS);
        final int trailingZeros = lowDigits == 0 ? 8 + (Long.numberOfLeadingZeros(middleDigits) >>> 3)
            : Long.numberOfLeadingZeros(lowDigits) >>> 3;
        return DIGITS - trailingZeros;
    }

    /** {@code 0.000ddd}: first digit at decimal exponent {@code e} in {@code [-4, -1]}. */
    private int fraction(final byte[] out, final int pos, final int e, final int n) {
        LONGS.set(out, pos, ZERO_POINT_ZEROS);
        final int first = pos + 1 - e;
        final byte[] s = scratch;
        LONGS.set(out, first, (long)LONGS.get(s, 0));
        LONGS.set(out, first + 8, (long)LONGS.get(s, 8));
        out[first + 16] = s[16];
        return first + n;
    }

    /** {@code ddd.ddd} or {@code ddd.0}: first digit at decimal exponent {@code e} in {@code [0, 15]}. */
    private int positional(final byte[] out, final int pos, final int e, final int n) {
        final byte[] s = scratch;
        LONGS.set(out, pos, (long)LONGS.get(s, 0));
        LONGS.set(out, pos + 8, (long)LONGS.get(s, 8));
        final int point = pos + e + 1;
        out[point] = '.';
        LONGS.set(out, point + 1, (long)LONGS.get(s, e + 1));
        if (e < 8) {
            LONGS.set(out, point + 9, (long)LONGS.get(s, e + 9));
        }
        return point + 1 + Math.max(n - e - 1, 1);
    }

    /** {@code d.ddde+XX}: first digit at decimal exponent {@code e} outside {@code [-4, 15]}. */
    private int scientific(final byte[] out, final int offset, final int e, final int n) {
        final byte[] s = scratch;
        int pos = offset;
        out[pos++] = s[0];
        if (n > 1) {
            out[pos] = '.';
            LONGS.set(out, pos + 1, (long)LONGS.get(s, 1));
            LONGS.set(out, pos + 9, (long)LONGS.get(s, 9));
            pos += n;
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

    /**
     * @param f 1 &le; f &lt; 10^17.
     * @return its number of decimal digits.
     */
    private static int digitCount(final long f) {
        final int estimate = (int)((64 - Long.numberOfLeadingZeros(f)) * 661_971_961_083L >> 41);
        return f >= POW10[estimate] ? estimate + 1 : estimate;
    }

    private static int ascii(final byte[] out, final int offset, final String text) {
        for (int i = 0; i < text.length(); i++) {
            out[offset + i] = (byte)text.charAt(i);
        }
        return offset + text.length();
    }

    private static long[] powersOfTen() {
        final long[] pow = new long[DIGITS + 1];
        pow[0] = 1;
        for (int i = 1; i < pow.length; i++) {
            pow[i] = pow[i - 1] * 10;
        }
        return pow;
    }

    /** 17 digits, then ASCII zeros up to index 31 so that block moves starting at any digit read zeros. */
    private static byte[] paddedScratch() {
        final byte[] s = new byte[32];
        Arrays.fill(s, (byte)'0');
        return s;
    }
}
