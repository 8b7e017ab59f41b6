package io.marketswarm.store;

/**
 * Publish/subscribe on named channels (market-redis {@code PUBLISH}/{@code SUBSCRIBE}, or a local directory).
 *
 * <p>Threads: {@link #publish} is thread-safe and blocks until the message was handed to the server (or appended).
 * Listeners are called on a bus thread, one message at a time per subscription, in publication order.
 */
public interface MessageBus extends AutoCloseable {

    /**
     * Publishes {@code message} on {@code channel}.
     *
     * @param channel the channel name.
     * @param message the payload, typically one line of JSON.
     * @return receivers reached (Redis's count; the local bus returns its in-process subscriber count).
     * @throws StoreException if the bus cannot be reached.
     */
    long publish(String channel, String message);

    /**
     * Receives every message published on {@code channel} from now on, until the returned handle is closed. A bus
     * that loses its connection reconnects and resubscribes by itself; messages published meanwhile are lost (Redis
     * pub/sub semantics).
     *
     * @param channel  the channel name.
     * @param listener called on a bus thread for every message; an exception it throws is logged, not propagated.
     * @return the handle that ends this subscription.
     */
    Subscription subscribe(String channel, MessageListener listener);

    /** @return where this bus lives, for logs, without any password. */
    String describe();

    /** Ends every subscription and releases connections and threads. Idempotent. */
    @Override
    void close();

    /** Receives messages of one channel. */
    @FunctionalInterface
    interface MessageListener {
        /**
         * @param channel the channel.
         * @param message the payload, as published.
         */
        void onMessage(String channel, String message);
    }

    /** An active subscription. */
    interface Subscription extends AutoCloseable {
        /** Stops delivery to this subscription's listener; idempotent, never throws. */
        @Override
        void close();
    }
}
