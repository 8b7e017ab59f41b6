package io.marketswarm.store.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.marketswarm.store.MessageBus;

/**
 * A {@link MessageBus.MessageListener} that records every message it receives, and lets a test wait for them. Called
 * on the bus thread; read from the test thread.
 */
public final class RecordingListener implements MessageBus.MessageListener {

    private final List<String> messages = new ArrayList<>();
    private final List<String> channels = new ArrayList<>();

    @Override
    public synchronized void onMessage(final String channel, final String message) {
        channels.add(channel);
        messages.add(message);
        notifyAll();
    }

    /** @return a copy of the messages received so far, in order. */
    public synchronized List<String> messages() {
        return new ArrayList<>(messages);
    }

    /** @return a copy of the channel of each message received so far. */
    public synchronized List<String> channels() {
        return new ArrayList<>(channels);
    }

    /**
     * Waits until {@code count} messages arrived.
     *
     * @return the messages (at least {@code count}, or fewer if the time ran out).
     */
    public List<String> awaitCount(final int count, final long timeoutMs) {
        return awaitUntil(received -> received.size() >= count, timeoutMs);
    }

    /**
     * Waits until a received message equals {@code message}.
     *
     * @return whether it arrived in time.
     */
    public boolean awaitMessage(final String message, final long timeoutMs) {
        return awaitUntil(received -> received.contains(message), timeoutMs).contains(message);
    }

    /** @return the messages once {@code done} holds for them, or when {@code timeoutMs} ran out. */
    public synchronized List<String> awaitUntil(final Predicate<List<String>> done, final long timeoutMs) {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!done.test(messages)) {
            final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (leftMs <= 0) {
                break;
            }
            try {
                wait(leftMs);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new ArrayList<>(messages);
    }
}
