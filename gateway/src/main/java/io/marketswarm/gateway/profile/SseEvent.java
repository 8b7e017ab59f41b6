package io.marketswarm.gateway.profile;

import io.netty.buffer.ByteBuf;

/**
 * One encoded server-sent event: its sequence number and the complete frame
 * ({@code id: ...\nevent: volume-profile\ndata: ...\n\n}). Whoever holds an instance owns one reference to
 * {@code frame}.
 *
 * @param seq   sequence number, from 1, without the hub's start prefix.
 * @param frame the encoded event, shared read-only by every client.
 */
record SseEvent(long seq, ByteBuf frame) {
}
