package io.marketswarm.gateway.profile;

import java.util.Objects;

/**
 * Settings of {@code GET /api/models/volume_profile}, validated on construction.
 *
 * @param defaultSymbol synthetic symbol served when the request names none; default {@code SPX}.
 * @param cacheTtlMs    how long a loaded model is served from memory before it is loaded again, ms; default 30 000.
 *                      A publication on the volume-profile channel naming the symbol drops it sooner. Lower → fresher
 *                      without a publisher, higher → fewer multi-MB reads from system-redis.
 * @param queueLimit    requests waiting for the loader thread beyond which new ones get 503; default 256.
 */
public record VolumeProfileApiConfig(String defaultSymbol, long cacheTtlMs, int queueLimit) {

    /** Validates every field; the message names the bad one. */
    public VolumeProfileApiConfig {
        Objects.requireNonNull(defaultSymbol, "defaultSymbol");
        if (defaultSymbol.isBlank()) {
            throw new IllegalArgumentException("defaultSymbol must not be blank");
        }
        if (cacheTtlMs <= 0) {
            throw new IllegalArgumentException("cacheTtlMs=" + cacheTtlMs + " must be > 0");
        }
        if (queueLimit <= 0) {
            throw new IllegalArgumentException("queueLimit=" + queueLimit + " must be > 0");
        }
    }

    /** @return {@code SPX}, 30 s, 256. */
    public static VolumeProfileApiConfig defaults() {
        return new VolumeProfileApiConfig("SPX", 30_000, 256);
    }

    /**
     * @param symbol default synthetic symbol.
     * @return these settings with another default symbol.
     */
    public VolumeProfileApiConfig withDefaultSymbol(final String symbol) {
        return new VolumeProfileApiConfig(symbol, cacheTtlMs, queueLimit);
    }
}
