package io.marketswarm.gateway.profile;

import java.util.Objects;

/**
 * Settings of the volume-profile event stream ({@link VolumeProfileSseHub}), validated on construction.
 *
 * @param channel             bus channel to relay (the runtime passes the path's key, {@code sse:volume-profile}).
 * @param retainedEvents      events kept for {@code Last-Event-ID} resumption and slow-client catch-up; default 64.
 *                            Each holds one encoded message (up to ~100 KB for a full-bucket publication).
 * @param heartbeatIntervalMs period of the {@code : heartbeat} comment, ms; default 15 000. Keeps proxies from
 *                            closing an idle stream.
 * @param retryMs             reconnection delay sent as {@code retry:} on connect, ms; default 3 000.
 * @param stallLimitMs        how long a client may stay unwritable (outbound bytes above the high water mark)
 *                            before it is closed, ms; default 30 000.
 */
public record VolumeProfileSseConfig(String channel, int retainedEvents, long heartbeatIntervalMs, long retryMs,
    long stallLimitMs) {

    /** Validates every field; the message names the bad one. */
    public VolumeProfileSseConfig {
        Objects.requireNonNull(channel, "channel");
        if (channel.isBlank()) {
            throw new IllegalArgumentException("channel must not be blank");
        }
        if (retainedEvents < 1 || retainedEvents > 65_536) {
            throw new IllegalArgumentException("retainedEvents=" + retainedEvents + " must be 1..65536");
        }
        if (heartbeatIntervalMs <= 0) {
            throw new IllegalArgumentException("heartbeatIntervalMs=" + heartbeatIntervalMs + " must be > 0");
        }
        if (retryMs < 0) {
            throw new IllegalArgumentException("retryMs=" + retryMs + " must be >= 0");
        }
        if (stallLimitMs <= 0) {
            throw new IllegalArgumentException("stallLimitMs=" + stallLimitMs + " must be > 0");
        }
    }

    /**
     * @param channel the bus channel to relay.
     * @return that channel, 64 events, 15 s heartbeat, 3 s retry, 30 s stall limit.
     */
    public static VolumeProfileSseConfig defaults(final String channel) {
        return new VolumeProfileSseConfig(channel, 64, 15_000, 3_000, 30_000);
    }
}
