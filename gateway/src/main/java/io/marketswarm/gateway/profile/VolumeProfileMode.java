package io.marketswarm.gateway.profile;

import java.util.Locale;

/** Which buckets of a model: RAW (close price bins) or TV (30 microbins per bar), spec §3. */
public enum VolumeProfileMode {
    /** {@code buckets_raw}. */
    RAW,
    /** {@code buckets_tv}. */
    TV;

    /** @return the wire name, {@code raw} or {@code tv}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
