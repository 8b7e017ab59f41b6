package io.marketswarm.engines.volume;

import java.util.Objects;

/**
 * Immutable settings for {@link SessionProfileMetrics} (spec §8.2–§8.6).
 *
 * @param vaPercent         share of total volume the value area must reach; default 0.70, in {@code (0, 1]}
 * @param vaMode            expansion rule; default {@link ValueAreaMode#SINGLE}
 * @param vaTie             side taken on equal candidates; default {@link ValueAreaTie#UP}
 * @param pocTie            POC tie rule; default {@link PocTie#CENTER}
 * @param extremumWindowRows HVN/LVN window {@code N} in rows each side; default 2, {@code >= 1}
 * @param hvnMinPocFraction an HVN needs {@code v >= fraction * v[POC]}; default 0 (off), in {@code [0, 1]}
 * @param maxLevels         most support and most resistance levels reported; default 3, {@code >= 0}
 */
public record SessionProfileConfig(double vaPercent, ValueAreaMode vaMode, ValueAreaTie vaTie, PocTie pocTie,
                                   int extremumWindowRows, double hvnMinPocFraction, int maxLevels) {

    /** Default settings of the spec. */
    public static final SessionProfileConfig DEFAULT =
        new SessionProfileConfig(0.70, ValueAreaMode.SINGLE, ValueAreaTie.UP, PocTie.CENTER, 2, 0.0, 3);

    /** Validates every value; the message names the bad one. */
    public SessionProfileConfig {
        Objects.requireNonNull(vaMode, "vaMode");
        Objects.requireNonNull(vaTie, "vaTie");
        Objects.requireNonNull(pocTie, "pocTie");
        if (!(vaPercent > 0.0 && vaPercent <= 1.0)) {
            throw new IllegalArgumentException("vaPercent=" + vaPercent);
        }
        if (extremumWindowRows < 1) {
            throw new IllegalArgumentException("extremumWindowRows=" + extremumWindowRows);
        }
        if (!(hvnMinPocFraction >= 0.0 && hvnMinPocFraction <= 1.0)) {
            throw new IllegalArgumentException("hvnMinPocFraction=" + hvnMinPocFraction);
        }
        if (maxLevels < 0) {
            throw new IllegalArgumentException("maxLevels=" + maxLevels);
        }
    }

    /** @return a copy with the given value-area mode and tie rule */
    public SessionProfileConfig withValueArea(final ValueAreaMode mode, final ValueAreaTie tie) {
        return new SessionProfileConfig(vaPercent, mode, tie, pocTie, extremumWindowRows, hvnMinPocFraction,
            maxLevels);
    }

    /** @return a copy with the given POC tie rule */
    public SessionProfileConfig withPocTie(final PocTie tie) {
        return new SessionProfileConfig(vaPercent, vaMode, vaTie, tie, extremumWindowRows, hvnMinPocFraction,
            maxLevels);
    }
}
