package io.marketswarm.runtime.volume;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The ETFs a long-horizon volume profile is built from (spec {@code volume-profile.md} §1), with the synthetic index,
 * the original's default multiplier and the first day of history used by {@code --years max}.
 */
public enum VolumeTicker {
    /** SPY → SPX, ×10. */
    SPY("SPX", 10.0, LocalDate.of(1993, 1, 29)),
    /** QQQ → NDX, ×4 (the original's value; NDX/QQQ is really about 40). */
    QQQ("NDX", 4.0, LocalDate.of(1999, 3, 10));

    private final String synthetic;
    private final double defaultMultiplier;
    private final LocalDate historyStart;

    VolumeTicker(final String synthetic, final double defaultMultiplier, final LocalDate historyStart) {
        this.synthetic = synthetic;
        this.defaultMultiplier = defaultMultiplier;
        this.historyStart = historyStart;
    }

    /** @return the synthetic index symbol. */
    public String synthetic() {
        return synthetic;
    }

    /** @return the original's multiplier. */
    public double defaultMultiplier() {
        return defaultMultiplier;
    }

    /** @return the first day of minute-bar history ({@code --years max}). */
    public LocalDate historyStart() {
        return historyStart;
    }

    /**
     * @param text a ticker in any case, e.g. {@code spy}.
     * @throws IllegalArgumentException naming the supported tickers if unknown.
     */
    public static VolumeTicker parse(final String text) {
        final String upper = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (final VolumeTicker t : values()) {
            if (t.name().equals(upper)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown ticker '" + text + "': volume profiles are built for SPY (→ SPX) "
            + "and QQQ (→ NDX)");
    }

    /** @return the ticker whose synthetic is {@code synthetic}, or {@code null}. */
    public static VolumeTicker forSynthetic(final String synthetic) {
        for (final VolumeTicker t : values()) {
            if (t.synthetic.equalsIgnoreCase(synthetic)) {
                return t;
            }
        }
        return null;
    }
}
