package io.marketswarm.gateway.profile;

/**
 * The gateway's port to a publish/subscribe channel (market-redis or the local store in production): the runtime
 * adapts its message bus to it, so the gateway depends on no store.
 *
 * <p>Threads: {@link #subscribe} is called once from the starting thread; listeners run on the feed's own thread,
 * one message at a time, in publication order.
 */
public interface ChannelFeed {

    /**
     * Subscribes to one channel.
     *
     * @param channel  channel name.
     * @param listener called with every message on the channel.
     * @return the subscription, closed to stop.
     * @throws RuntimeException if the feed cannot subscribe (the gateway logs it and starts without the stream).
     */
    Subscription subscribe(String channel, Listener listener);

    /** @return where the feed reads from, for logs (never a password). */
    String describe();

    /** Receives messages, on the feed's thread. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param channel the channel.
         * @param message the message text.
         */
        void onMessage(String channel, String message);
    }

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
