package io.marketswarm.core.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The shortest decimal that rounds to a given double (the closest one when several have that length, the even one on
 * a tie): the digits Python's {@code repr} and JDK 19+ {@code Double.toString} print. Raffaello Giulietti's
 * Schubfach algorithm, which needs only a few 64-bit multiplications and a 617-entry table built once at class
 * load, so a conversion of a normal double allocates nothing (subnormals take an exact, allocating path).
 *
 * <p>After {@link #compute(double)}, the value is {@code digits() * 10^exponent()} with no trailing zeros in
 * {@code digits()}; after {@link #computeUnstripped(double)} (cheaper, for callers that trim zeros as they render),
 * {@code digits()} may end in zeros. Not thread-safe: one instance per thread.
 */
public final class ShortestDecimal {

    private static final int P = 53;
    private static final int Q_MIN = -1074;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long C_MIN = 1L << (P - 1);
    private static final int BQ_MASK = 0x7FF;
    private static final long T_MASK = (1L << (P - 1)) - 1;
    private static final long MASK_63 = 0x7FFF_FFFF_FFFF_FFFFL;
    private static final long[] G = table();
    private static final RoundingMode[] ROUNDINGS = {RoundingMode.FLOOR, RoundingMode.CEILING};

    private long digits;
    private int exponent;

    /**
     * Converts a finite, non-zero value (its sign is ignored).
     *
     * @param value the double.
     * @return this.
     * @throws IllegalArgumentException for zero, an infinity or NaN.
     */
    public ShortestDecimal compute(final double value) {
        computeUnstripped(value);
        long d = digits;
        int x = exponent;
        while (d % 10 == 0) {
            d /= 10;
            x++;
        }
        digits = d;
        exponent = x;
        return this;
    }

    /**
     * Converts a finite, non-zero value (its sign is ignored) to the same decimal as {@link #compute(double)}, but
     * {@link #digits()} may end in zeros (at most 17 digits in all).
     *
     * @param value the double.
     * @return this.
     * @throws IllegalArgumentException for zero, an infinity or NaN.
     */
    public ShortestDecimal computeUnstripped(final double value) {
        final long bits = Double.doubleToRawLongBits(value);
        final long t = bits & T_MASK;
        final int bq = (int)(bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK || (bq == 0 && t == 0)) {
            throw new IllegalArgumentException("not a finite non-zero double: " + value);
        }
        if (bq != 0) {
            final int mq = -Q_MIN + 1 - bq;
            final long c = C_MIN | t;
            if (0 < mq && mq < P) {
                final long f = c >> mq;
                if (f << mq == c) {
                    return set(f, 0);
                }
            }
            return toDecimal(-mq, c);
        }
        return subnormal(t);
    }

    /**
     * Subnormals (below 2.2e-308) have too few significant bits for Schubfach's one-digit-shorter search to find the
     * shortest form; search it exactly instead. Rare, so the BigDecimal allocation does not matter.
     */
    private ShortestDecimal subnormal(final long t) {
        final BigDecimal unit = new BigDecimal(Double.MIN_VALUE);
        final BigDecimal exact = unit.multiply(BigDecimal.valueOf(t));
        final BigDecimal half = unit.divide(BigDecimal.valueOf(2));
        final BigDecimal low = exact.subtract(half);
        final BigDecimal high = exact.add(half);
        final boolean even = (t & 1) == 0;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal best = null;
            for (final RoundingMode mode : ROUNDINGS) {
                final BigDecimal candidate = exact.round(new MathContext(precision, mode));
                final int lowCmp = candidate.compareTo(low);
                final int highCmp = candidate.compareTo(high);
                if ((lowCmp > 0 || (lowCmp == 0 && even)) && (highCmp < 0 || (highCmp == 0 && even))) {
                    if (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                        best = candidate;
                    }
                }
            }
            if (best != null) {
                final BigDecimal stripped = best.stripTrailingZeros();
                return set(stripped.unscaledValue().longValueExact(), -stripped.scale());
            }
        }
        throw new IllegalStateException("no 17-digit decimal for subnormal " + t);
    }

    /** @return significant digits: without trailing zeros after {@link #compute}, maybe with them otherwise. */
    public long digits() {
        return digits;
    }

    /** @return power of ten of the last digit. */
    public int exponent() {
        return exponent;
    }

    private ShortestDecimal toDecimal(final int q, final long c) {
        final int out = (int)c & 0x1;
        final long cb = c << 2;
        final long cbr = cb + 2;
        final long cbl;
        final int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        final int h = q + flog2pow10(-k) + 2;
        final long g1 = G[(k - K_MIN) << 1];
        final long g0 = G[((k - K_MIN) << 1) + 1];
        final long vb = rop(g1, g0, cb << h);
        final long vbl = rop(g1, g0, cbl << h);
        final long vbr = rop(g1, g0, cbr << h);
        final long s = vb >> 2;
        if (s >= 100) {
            final long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            final long tp10 = sp10 + 10;
            final boolean upin = vbl + out <= sp10 << 2;
            final boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return set(upin ? sp10 : tp10, k);
            }
        }
        final long t = s + 1;
        final boolean uin = vbl + out <= s << 2;
        final boolean win = (t << 2) + out <= vbr;
        if (uin != win) {
            return set(uin ? s : t, k);
        }
        final long cmp = vb - ((s + t) << 1);
        return set(cmp < 0 || (cmp == 0 && (s & 0x1) == 0) ? s : t, k);
    }

    private ShortestDecimal set(final long f, final int e) {
        digits = f;
        exponent = e;
        return this;
    }

    private static long rop(final long g1, final long g0, final long cp) {
        final long x1 = Math.multiplyHigh(g0, cp);
        final long y0 = g1 * cp;
        final long y1 = Math.multiplyHigh(g1, cp);
        final long z = (y0 >>> 1) + x1;
        final long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    private static int flog10pow2(final int q) {
        return (int)(q * 661_971_961_083L >> 41);
    }

    private static int flog10threeQuartersPow2(final int q) {
        return (int)(q * 661_971_961_083L + (-274_743_187_321L) >> 41);
    }

    private static int flog2pow10(final int e) {
        return (int)(e * 913_124_641_741L >> 38);
    }

    /** g(k) = floor(10^-k * 2^(125 - flog2pow10(-k))) + 1, split into its high and low 63 bits. */
    private static long[] table() {
        final long[] g = new long[(K_MAX - K_MIN + 1) << 1];
        final BigInteger mask = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            final int e = -k;
            final int shift = 125 - flog2pow10(e);
            BigInteger value;
            if (e >= 0) {
                value = BigInteger.TEN.pow(e);
                value = shift >= 0 ? value.shiftLeft(shift) : value.shiftRight(-shift);
            } else {
                value = BigInteger.ONE.shiftLeft(shift).divide(BigInteger.TEN.pow(-e));
            }
            value = value.add(BigInteger.ONE);
            g[(k - K_MIN) << 1] = value.shiftRight(63).longValueExact();
            g[((k - K_MIN) << 1) + 1] = value.and(mask).longValueExact();
        }
        return g;
    }
}
