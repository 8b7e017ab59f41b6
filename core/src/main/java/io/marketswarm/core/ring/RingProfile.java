package io.marketswarm.core.ring;

import java.util.Locale;

/**
 * How the ring's consumers wait and where they run.
 */
public enum RingProfile {
    /**
     * Consumers spin briefly, then yield, then park for 100 µs at a time (Disruptor's sleeping strategy); no pinning.
     * Right for 2-core machines, laptops and CI: little CPU when idle, tens of microseconds of wake-up latency.
     */
    DEFAULT,
    /**
     * Consumers busy-spin and the engine stage is pinned to a configured CPU (OpenHFT affinity). Lowest latency; burns
     * one core per consumer, so give it an isolated CPU.
     */
    TUNED;

    /**
     * @param text {@code default} or {@code tuned}, any case.
     * @return the profile.
     */
    public static RingProfile parse(final String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "default" -> DEFAULT;
            case "tuned" -> TUNED;
            default -> throw new IllegalArgumentException("ring profile '" + text + "' must be default or tuned");
        };
    }
}
