package io.marketswarm.gateway.profile;

import java.util.ArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * The SSE clients served by one Netty event loop. The hub {@link #post posts} each event once per loop (one task,
 * one frame reference); the loop hands it to each of its clients. Also drives the loop's heartbeat timer. A client
 * that throws is closed; the others are served as usual.
 *
 * <p>Threads: {@link #post} and {@link #shutdown} from any thread (under the hub lock); everything else runs on
 * {@link #loop()} only, which owns the client list.
 */
final class SseLoopFanout {

    private final VolumeProfileSseHub hub;
    private final EventLoop loop;
    private final ArrayList<SseClient> clients = new ArrayList<>();
    private ScheduledFuture<?> heartbeat;
    private boolean shut;

    SseLoopFanout(final VolumeProfileSseHub hub, final EventLoop loop) {
        this.hub = hub;
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    /** Loop thread (called while creating the group). */
    void startHeartbeat(final long intervalMs) {
        heartbeat = loop.scheduleAtFixedRate(this::heartbeat, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Any thread: schedules delivery of {@code event} to this loop's clients. Takes its own frame reference; a
     * loop that is shutting down refuses the task and the reference is dropped.
     */
    void post(final SseEvent event) {
        event.frame().retain();
        try {
            loop.execute(() -> deliver(event));
        } catch (final RejectedExecutionException ex) {
            event.frame().release();
        }
    }

    private void deliver(final SseEvent event) {
        try {
            for (int i = clients.size() - 1; i >= 0; i--) {
                final SseClient client = clients.get(i);
                try {
                    client.onEvent(event);
                } catch (final RuntimeException ex) {
                    client.fail(ex);
                }
            }
        } finally {
            event.frame().release();
        }
    }

    private void heartbeat() {
        for (int i = clients.size() - 1; i >= 0; i--) {
            final SseClient client = clients.get(i);
            try {
                client.onHeartbeat();
            } catch (final RuntimeException ex) {
                client.fail(ex);
            }
        }
    }

    /**
     * Loop thread: a new client.
     *
     * @return {@code false} if the hub already shut this loop's group down (the caller closes the client).
     */
    boolean add(final SseClient client) {
        if (shut) {
            return false;
        }
        clients.add(client);
        hub.clientJoined();
        return true;
    }

    /** Loop thread: a client left (or was closed). */
    void remove(final SseClient client) {
        if (clients.remove(client)) {
            hub.clientLeft();
        }
    }

    /** Any thread: stops the heartbeat and closes every client of this loop. */
    void shutdown() {
        try {
            loop.execute(() -> {
                shut = true;
                if (heartbeat != null) {
                    heartbeat.cancel(false);
                }
                for (final SseClient client : new ArrayList<>(clients)) {
                    client.close();
                }
            });
        } catch (final RejectedExecutionException ex) {
            // the loop has terminated, and closed its channels with it
            heartbeat = null;
        }
    }
}
