package io.marketswarm.engines.volume;

/** How the POC is chosen among rows with equal maximum volume (spec §8.2, {@code volumeProfile.pocTie}). */
public enum PocTie {
    /** The tied row closest to index {@code (n-1)/2} of the dense profile; a further tie goes to the lower price. */
    CENTER,
    /** The lowest price. */
    LOWEST
}
