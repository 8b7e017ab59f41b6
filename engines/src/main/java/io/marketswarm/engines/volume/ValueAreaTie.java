package io.marketswarm.engines.volume;

/** Which side the value area takes when both candidates are equal (spec §8.3, {@code vaTie}). */
public enum ValueAreaTie {
    /** Take the higher side (default). */
    UP,
    /** Take the lower side. */
    DOWN
}
