package io.marketswarm.core.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decimal digits by SWAR arithmetic: eight digits of an integer below 10^8 come out of a handful of multiplications
 * on one 64-bit word (no division, no loop), ready to be stored with one 8-byte write.
 *
 * <p>Stateless and thread-safe; allocates nothing.
 */
public final class AsciiDigits {

    /** Add to the result of {@link #eightDigits} to get ASCII. */
    public static final long ASCII_ZEROS = 0x3030_3030_3030_3030L;
    /** Bytes {@link #writeLong} may touch past its offset. */
    public static final int MAX_LONG_LENGTH = 24;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
        ByteOrder.LITTLE_ENDIAN);
    private static final long TEN_POW_8 = 100_000_000L;
    private static final long TEN_POW_16 = TEN_POW_8 * TEN_POW_8;

    private AsciiDigits() {
    }

    /**
     * The eight decimal digits of {@code value}, leading zeros included, most significant in the lowest byte, each
     * byte 0..9: the two four-digit halves go in 32-bit lanes, then /100 and /10 are multiply-and-shift in all lanes
     * at once.
     *
     * @param value 0 &le; value &lt; 10^8; other values give garbage.
     * @return the digits, one per byte.
     */
    public static long eightDigits(final int value) {
        final long high = (value * 109_951_163L) >>> 40;
        final long merged = high | (value - high * 10_000) << 32;
        final long hundreds = ((merged * 10_486L) >>> 20) & 0x0000_007F_0000_007FL;
        final long pairs = ((merged - 100 * hundreds) << 16) + hundreds;
        final long tens = ((pairs * 103L) >>> 10) & 0x000F_000F_000F_000FL;
        return tens + ((pairs - 10 * tens) << 8);
    }

    /**
     * Writes a non-negative integer in decimal, without leading zeros.
     *
     * @param out    destination with at least {@link #MAX_LONG_LENGTH} bytes free at {@code offset} (bytes after the
     *               value may be overwritten with garbage).
     * @param offset where to write.
     * @param value  &ge; 0.
     * @return the offset after the value.
     * @throws IllegalArgumentException if {@code value} is negative.
     */
    public static int writeLong(final byte[] out, final int offset, final long value) {
        if (value < TEN_POW_8) {
            if (value < 0) {
                throw new IllegalArgumentException("negative: " + value);
            }
            return writeHead(out, offset, (int)value);
        }
        if (value < TEN_POW_16) {
            final long high = value / TEN_POW_8;
            final int pos = writeHead(out, offset, (int)high);
            LONGS.set(out, pos, eightDigits((int)(value - high * TEN_POW_8)) + ASCII_ZEROS);
            return pos + 8;
        }
        final long top = value / TEN_POW_16;
        final long rest = value - top * TEN_POW_16;
        final long middle = rest / TEN_POW_8;
        final int pos = writeHead(out, offset, (int)top);
        LONGS.set(out, pos, eightDigits((int)middle) + ASCII_ZEROS);
        LONGS.set(out, pos + 8, eightDigits((int)(rest - middle * TEN_POW_8)) + ASCII_ZEROS);
        return pos + 16;
    }

    /** Up to eight digits without leading zeros; at least one. */
    private static int writeHead(final byte[] out, final int offset, final int value) {
        final long digits = eightDigits(value);
        final int leadingZeros = value == 0 ? 7 : Long.numberOfTrailingZeros(digits) >>> 3;
        LONGS.set(out, offset, (digits + ASCII_ZEROS) >>> (leadingZeros << 3));
        return offset + 8 - leadingZeros;
    }
}
