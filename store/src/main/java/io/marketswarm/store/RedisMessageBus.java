package io.marketswarm.store;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/**
 * A {@link MessageBus} on Redis pub/sub, through Lettuce: {@code PUBLISH} on a normal connection, {@code SUBSCRIBE} on
 * one pub/sub connection shared by every subscription of this bus (one Redis subscription per channel, however many
 * listeners).
 *
 * <p>Threads: {@link #publish} and {@link #subscribe} are thread-safe and block until Redis confirmed them (at most
 * the command timeout). Listeners are called on a Lettuce (Netty) I/O thread, one message at a time, in publication
 * order; a listener must not block (hand slow work to another thread) and must not call this bus's blocking methods.
 * A listener that throws is logged at WARN and keeps its subscription; the next message is delivered as usual.
 * After {@link Subscription#close()} returns, at most the message being delivered at that moment still reaches the
 * listener.
 *
 * <p>Connection loss: Lettuce reconnects and re-subscribes every channel by itself; messages published while the
 * connection was down are lost (Redis pub/sub semantics). A Redis that is down when the first {@code publish} or
 * {@code subscribe} is made fails that call with a {@link StoreException}; the next call tries again.
 */
public final class RedisMessageBus implements MessageBus {

    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageBus.class);

    private final RedisEndpoint endpoint;
    private final Object lock = new Object();
    private final Map<String, List<RedisSubscription>> listeners = new ConcurrentHashMap<>();
    private StatefulRedisConnection<String, String> publishConnection;
    private StatefulRedisPubSubConnection<String, String> subscribeConnection;
    private boolean closed;

    /**
     * @param role     the role, for messages: normally {@code market-redis}.
     * @param redisUri a Lettuce Redis URI; never logged with its password.
     * @throws IllegalArgumentException if the URI cannot be parsed.
     */
    public RedisMessageBus(final String role, final String redisUri) {
        this.endpoint = new RedisEndpoint(role, redisUri);
    }

    @Override
    public long publish(final String channel, final String message) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        final StatefulRedisConnection<String, String> connection;
        synchronized (lock) {
            ensureOpen("PUBLISH", channel);
            if (publishConnection == null) {
                try {
                    publishConnection = endpoint.client().connect();
                } catch (final RuntimeException e) {
                    throw endpoint.failure("PUBLISH", channel, e);
                }
            }
            connection = publishConnection;
        }
        try {
            return connection.sync().publish(channel, message);
        } catch (final RuntimeException e) {
            throw endpoint.failure("PUBLISH", channel, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns once Redis confirmed the subscription (immediately if this bus already subscribed to
     * {@code channel}): a message published after this returns is delivered.
     *
     * @throws StoreException if Redis cannot be reached.
     */
    @Override
    public Subscription subscribe(final String channel, final MessageListener listener) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            ensureOpen("SUBSCRIBE", channel);
            final StatefulRedisPubSubConnection<String, String> connection = subscribeConnection();
            final RedisSubscription subscription = new RedisSubscription(channel, listener);
            final List<RedisSubscription> current = listeners.get(channel);
            if (current != null) {
                current.add(subscription);
                return subscription;
            }
            final List<RedisSubscription> fresh = new CopyOnWriteArrayList<>(List.of(subscription));
            listeners.put(channel, fresh);
            try {
                connection.sync().subscribe(channel);
            } catch (final RuntimeException e) {
                listeners.remove(channel);
                throw endpoint.failure("SUBSCRIBE", channel, e);
            }
            return subscription;
        }
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    /** Closes every subscription and connection and stops Lettuce's threads. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            listeners.values().forEach(list -> list.forEach(subscription -> subscription.active = false));
            listeners.clear();
        }
        endpoint.close();
    }

    private StatefulRedisPubSubConnection<String, String> subscribeConnection() {
        if (subscribeConnection == null) {
            final StatefulRedisPubSubConnection<String, String> connection;
            try {
                connection = endpoint.client().connectPubSub();
            } catch (final RuntimeException e) {
                throw endpoint.failure("SUBSCRIBE", "(connect)", e);
            }
            connection.addListener(new Dispatcher());
            subscribeConnection = connection;
        }
        return subscribeConnection;
    }

    private void ensureOpen(final String operation, final String channel) {
        if (closed) {
            throw endpoint.failure(operation, channel, new IllegalStateException("bus closed"));
        }
    }

    private void unsubscribe(final RedisSubscription subscription) {
        synchronized (lock) {
            subscription.active = false;
            final List<RedisSubscription> current = listeners.get(subscription.channel);
            if (closed || current == null || !current.remove(subscription) || !current.isEmpty()) {
                return;
            }
            listeners.remove(subscription.channel);
            subscribeConnection.async().unsubscribe(subscription.channel);
        }
    }

    /** Routes Lettuce's callbacks, on its I/O thread, to the channel's listeners. */
    private final class Dispatcher extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(final String channel, final String message) {
            final List<RedisSubscription> current = listeners.get(channel);
            if (current == null) {
                return;
            }
            for (final RedisSubscription subscription : current) {
                subscription.deliver(message);
            }
        }
    }

    /** One listener on one channel. */
    private final class RedisSubscription implements Subscription {
        private final String channel;
        private final MessageListener listener;
        private volatile boolean active = true;

        RedisSubscription(final String channel, final MessageListener listener) {
            this.channel = channel;
            this.listener = listener;
        }

        void deliver(final String message) {
            if (!active) {
                return;
            }
            try {
                listener.onMessage(channel, message);
            } catch (final RuntimeException e) {
                LOG.warn("{} listener on channel {} threw; subscription kept", endpoint.describe(), channel, e);
            }
        }

        @Override
        public void close() {
            unsubscribe(this);
        }
    }
}
