package io.marketswarm.engines.volume;

/** How the value area expands from the POC (spec §8.3, {@code vaMode}). */
public enum ValueAreaMode {
    /** Compare the next row on each side and take the larger (default). */
    SINGLE,
    /** Dalton's two-row rule: compare the sums of the next two rows on each side and take both. */
    DUAL
}
