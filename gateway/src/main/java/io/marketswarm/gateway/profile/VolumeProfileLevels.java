package io.marketswarm.gateway.profile;

/**
 * Reference levels of one mode of a long-horizon profile (VPOC, value area, HVN and LVN bins), always over the FULL
 * profile, as computed by a {@link Rule} that the runtime supplies (the volume engine's rules of spec §6 and §8.3).
 * An empty profile has no VPOC, no value area and empty lists ({@link #emptyProfile()}).
 * Immutable; the arrays are owned, read through {@link #hvn(int)} / {@link #lvn(int)}, copied by the accessors.
 *
 * @param minBin lowest bin ({@code 0} when empty).
 * @param maxBin highest bin ({@code 0} when empty).
 * @param vpoc VPOC bin ({@code 0} when empty).
 * @param hasValueArea whether {@code valueAreaLow}/{@code valueAreaHigh} are set (false when empty or all zero).
 * @param valueAreaLow VAL bin.
 * @param valueAreaHigh VAH bin.
 * @param hvnBins HVN bins ascending (owned).
 * @param lvnBins LVN bins ascending (owned).
 * @param empty whether the profile has no bins.
 */
public record VolumeProfileLevels(long minBin, long maxBin, long vpoc, boolean hasValueArea, long valueAreaLow,
    long valueAreaHigh, long[] hvnBins, long[] lvnBins, boolean empty) {

    private static final long[] NONE = new long[0];
    private static final VolumeProfileLevels EMPTY = new VolumeProfileLevels(0, 0, 0, false, 0, 0, NONE, NONE, true);

    /** @return the levels of a profile without bins. */
    public static VolumeProfileLevels emptyProfile() {
        return EMPTY;
    }

    /**
     * The rule that computes levels from a profile: a port the runtime implements with the volume engine's
     * metrics, so the gateway renders levels without computing them.
     */
    @FunctionalInterface
    public interface Rule {
        /**
         * Computes the levels. Runs on the gateway's model loader thread, never on an event loop.
         *
         * @param bins    bins, strictly ascending.
         * @param volumes volume per bin, finite and {@code >= 0}.
         * @return the levels.
         * @throws IllegalArgumentException if the profile cannot be evaluated (the gateway answers 503).
         */
        VolumeProfileLevels compute(long[] bins, double[] volumes);
    }

    /** @return HVN bins ascending, a copy. */
    @Override
    public long[] hvnBins() {
        return hvnBins.clone();
    }

    /** @return LVN bins ascending, a copy. */
    @Override
    public long[] lvnBins() {
        return lvnBins.clone();
    }

    /** @return HVN count. */
    public int hvnCount() {
        return hvnBins.length;
    }

    /** @param i index. @return the {@code i}-th HVN bin, ascending. */
    public long hvn(final int i) {
        return hvnBins[i];
    }

    /** @return LVN count. */
    public int lvnCount() {
        return lvnBins.length;
    }

    /** @param i index. @return the {@code i}-th LVN bin, ascending. */
    public long lvn(final int i) {
        return lvnBins[i];
    }
}
