package io.marketswarm.gateway.server;

import io.marketswarm.gateway.session.SessionKey;

/**
 * Gateway settings, validated on construction.
 *
 * @param host               address to bind; {@code 127.0.0.1} unless the user asks otherwise.
 * @param port               TCP port, 0 for any free port.
 * @param ioThreads          Netty event loops serving clients (default: cores).
 * @param maxSessions        most engine sessions at once.
 * @param writeBufferLow     per-client outbound bytes below which a client is writable again.
 * @param writeBufferHigh    per-client outbound bytes above which a client skips grids (conflation).
 * @param stallLimitMs       how long a client may stay unwritable before it is closed, ms.
 * @param defaults           {@code dt}, {@code start_time} and {@code throttle_ms} for requests that omit them.
 */
public record GatewayConfig(String host, int port, int ioThreads, int maxSessions, int writeBufferLow,
    int writeBufferHigh, long stallLimitMs, SessionKey defaults) {

    /** Validates every field. */
    public GatewayConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port=" + port + " must be 0..65535");
        }
        if (ioThreads <= 0 || maxSessions <= 0) {
            throw new IllegalArgumentException("ioThreads=" + ioThreads + " and maxSessions=" + maxSessions
                + " must be > 0");
        }
        if (writeBufferLow <= 0 || writeBufferHigh < writeBufferLow) {
            throw new IllegalArgumentException("write buffer water marks low=" + writeBufferLow + " high="
                + writeBufferHigh + " must satisfy 0 < low <= high");
        }
        if (stallLimitMs <= 0) {
            throw new IllegalArgumentException("stallLimitMs=" + stallLimitMs + " must be > 0");
        }
    }

    /**
     * @param host bind address.
     * @param port port.
     * @param maxSessions most sessions.
     * @param defaults    request defaults.
     * @return settings with the defaults: one loop per core, water marks 256/512 KiB, 30 s stall limit.
     */
    public static GatewayConfig defaults(final String host, final int port, final int maxSessions,
        final SessionKey defaults) {
        return new GatewayConfig(host, port, Math.max(1, Runtime.getRuntime().availableProcessors()), maxSessions,
            256 * 1024, 512 * 1024, 30_000, defaults);
    }
}
