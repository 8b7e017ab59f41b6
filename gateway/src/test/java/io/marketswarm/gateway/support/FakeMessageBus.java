package io.marketswarm.gateway.support;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.marketswarm.store.MessageBus;

/**
 * In-memory {@link MessageBus}: {@link #publish} delivers synchronously on the publishing thread (which plays the
 * bus thread), one message at a time, in publication order, to every current subscriber of the channel.
 */
public final class FakeMessageBus implements MessageBus {

    private final ConcurrentHashMap<String, List<MessageListener>> listeners = new ConcurrentHashMap<>();

    @Override
    public synchronized long publish(final String channel, final String message) {
        final List<MessageListener> receivers = listeners.getOrDefault(channel, List.of());
        for (final MessageListener listener : receivers) {
            listener.onMessage(channel, message);
        }
        return receivers.size();
    }

    @Override
    public Subscription subscribe(final String channel, final MessageListener listener) {
        final List<MessageListener> list = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    /**
     * @param channel a channel.
     * @return its current subscribers.
     */
    public int subscribers(final String channel) {
        return listeners.getOrDefault(channel, List.of()).size();
    }

    @Override
    public String describe() {
        return "fake in-memory bus";
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
