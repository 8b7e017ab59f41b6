package io.marketswarm.cli.volume;

/** Redis keys and channels of the long-horizon volume profile (spec {@code volume-profile.md} §5). */
public final class VolumeProfileKeys {

    /** The original's single model key, read by the gateway and the startup guard. */
    public static final String LEGACY_MODEL_KEY = "massive:volume_profile";
    /** Channel of backfill and live publications on market-redis. */
    public static final String CHANNEL = "sse:volume-profile";

    private VolumeProfileKeys() {
    }

    /** @return the per-synthetic model key, e.g. {@code massive:volume_profile:model:SPX}. */
    public static String modelKey(final String synthetic) {
        return "massive:volume_profile:model:" + synthetic;
    }
}
