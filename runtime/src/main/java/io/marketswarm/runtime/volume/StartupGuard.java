package io.marketswarm.runtime.volume;

import io.marketswarm.store.KeyValueStore;

/**
 * The startup guard of spec §7: with the volume profile enabled, the model key
 * ({@code workflow.volume_profile.system_key}, default {@code massive:volume_profile}) must exist on system-redis
 * before the service starts. The messages are the original's (only the tool name is ours).
 */
public final class StartupGuard {

    private StartupGuard() {
    }

    /**
     * Checks the model key.
     *
     * @return {@code null} if the service may start, else the text to log before exiting non-zero.
     */
    public static String check(final VolumeProfileSettings settings, final KeyValueStore system) {
        if (!settings.enabled()) {
            return null;
        }
        final String key = settings.systemKey();
        final boolean present;
        try {
            present = system.exists(key);
        } catch (final RuntimeException ex) {
            return "Unable to verify Volume Profile model in system-redis: "
                + (ex.getMessage() != null ? ex.getMessage() : ex.toString())
                + ". Check SYSTEM_REDIS_URL and Redis availability.";
        }
        return present ? null : missing(key);
    }

    /** @return the original's three-line message for a missing model at {@code key}. */
    public static String missing(final String key) {
        return "Setup failed — Volume Profile model missing in system-redis key '" + key + "'. Massive is configured "
            + "with volume_profile enabled, so startup is blocked.\n"
            + "→ Run the VP backfill step (e.g. `volume-profile backfill --ticker SPY --years 5`) to create the "
            + "5-year SPY→SPX Volume Profile model, then restart Massive.\n"
            + "Massive will not start until the issue above is resolved.";
    }
}
