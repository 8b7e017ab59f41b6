package io.marketswarm.gateway.support;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.marketswarm.gateway.profile.ChannelFeed;

/**
 * In-memory {@link ChannelFeed} with a publish side: {@link #publish} delivers synchronously on the publishing thread (which plays the
 * bus thread), one message at a time, in publication order, to every current subscriber of the channel.
 */
public final class FakeMessageBus implements ChannelFeed {

    private final ConcurrentHashMap<String, List<Listener>> listeners = new ConcurrentHashMap<>();

    /**
     * Delivers a message to the channel's current subscribers on this thread.
     *
     * @param channel channel.
     * @param message message.
     * @return subscribers reached.
     */
    public synchronized long publish(final String channel, final String message) {
        final List<Listener> receivers = listeners.getOrDefault(channel, List.of());
        for (final Listener listener : receivers) {
            listener.onMessage(channel, message);
        }
        return receivers.size();
    }

    @Override
    public Subscription subscribe(final String channel, final Listener listener) {
        final List<Listener> list = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
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

    /** Drops every subscriber. */
    public void close() {
        listeners.clear();
    }
}
