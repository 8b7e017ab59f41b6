package io.marketswarm.core.config;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Renders a {@code double} exactly as Python's {@code repr(float)} does, which is what the original runtime hashes
 * into {@code config_version}.
 *
 * <p>Digits: the shortest decimal that parses back to the same double (the closest such decimal when several
 * have the same length). Layout, with {@code e} the decimal exponent of the first significant digit:
 * positional for {@code -4 <= e < 16}, always with a fractional digit ({@code 2.0}, {@code 0.0001});
 * otherwise scientific with an explicitly signed, at least two-digit exponent and no {@code .0} on a one-digit
 * mantissa ({@code 1e-09}, {@code 1.5e-09}, {@code 1e+16}). Special values render as {@code inf}, {@code -inf},
 * {@code nan}. Not for hot paths: it allocates.
 */
public final class PythonFloatFormat {

    private PythonFloatFormat() {
    }

    /**
     * Formats a value as Python's {@code repr(float)}.
     *
     * @param value any double, including negative zero and non-finite values.
     * @return the Python rendering.
     */
    public static String repr(final double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0.0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        final BigDecimal shortest = shortestRoundTrip(Math.abs(value));
        final String digits = shortest.unscaledValue().toString();
        final int exponent = digits.length() - 1 - shortest.scale();
        final String body = (exponent >= -4 && exponent < 16)
            ? positional(digits, exponent)
            : scientific(digits, exponent);
        return value < 0 ? "-" + body : body;
    }

    private static BigDecimal shortestRoundTrip(final double positive) {
        final BigDecimal exact = new BigDecimal(positive);
        for (int precision = 1; precision <= 17; precision++) {
            final BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == positive) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static String positional(final String digits, final int exponent) {
        final StringBuilder out = new StringBuilder(24);
        if (exponent < 0) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            return out.append(digits).toString();
        }
        final int integerDigits = exponent + 1;
        if (digits.length() <= integerDigits) {
            out.append(digits);
            for (int i = digits.length(); i < integerDigits; i++) {
                out.append('0');
            }
            return out.append(".0").toString();
        }
        return out.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length())
            .toString();
    }

    private static String scientific(final String digits, final int exponent) {
        final StringBuilder out = new StringBuilder(24).append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        final int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }
}
