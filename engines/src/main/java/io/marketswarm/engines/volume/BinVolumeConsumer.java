package io.marketswarm.engines.volume;

/** Receives one bin and its accumulated volume; bins arrive in ascending order. */
@FunctionalInterface
public interface BinVolumeConsumer {
    /**
     * Called once per bin that has received at least one addition.
     *
     * @param bin    the bin key, {@code (long) rint(price * m)}
     * @param volume the accumulated volume of the bin
     */
    void accept(long bin, double volume);
}
