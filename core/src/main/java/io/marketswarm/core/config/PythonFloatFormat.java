package io.marketswarm.core.config;

import java.nio.charset.StandardCharsets;

import io.marketswarm.core.format.PythonDoubleWriter;

/**
 * Renders a {@code double} exactly as Python's {@code repr(float)} does, which is what the original runtime hashes
 * into {@code config_version}: the shortest round-trip digits, positional for decimal exponents in {@code [-4, 16)}
 * ({@code 2.0}, {@code 0.0001}), else scientific ({@code 1e-09}, {@code 1.5e-09}, {@code 1e+16}). Convenience over
 * {@link PythonDoubleWriter} for cold paths: it allocates a String.
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
        final byte[] out = new byte[PythonDoubleWriter.MAX_LENGTH];
        final int length = new PythonDoubleWriter().write(value, out, 0);
        return new String(out, 0, length, StandardCharsets.US_ASCII);
    }
}
