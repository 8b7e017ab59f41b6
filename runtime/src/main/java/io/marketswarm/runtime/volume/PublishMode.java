package io.marketswarm.runtime.volume;

import java.util.Locale;

/** Which bucket maps a backfill publishes on {@code sse:volume-profile} (spec §5). */
public enum PublishMode {
    /** The RAW map (default). */
    RAW,
    /** The TV map. */
    TV,
    /** RAW, then TV. */
    BOTH,
    /** Nothing. */
    NONE;

    /** @throws IllegalArgumentException unless {@code raw}, {@code tv}, {@code both} or {@code none}. */
    public static PublishMode parse(final String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException | NullPointerException ex) {
            throw new IllegalArgumentException("publish mode '" + text + "' must be raw, tv, both or none", ex);
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
