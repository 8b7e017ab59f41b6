package io.marketswarm.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * A {@link KeyValueStore} on a Redis server, through Lettuce: UTF-8 string keys, raw byte values; hash fields and
 * values are UTF-8.
 *
 * <p>Connections are opened on first use, so constructing a store never touches the network and a Redis that is
 * down surfaces as a {@link StoreException} from the first call, naming role, URI (password masked), command and key,
 * e.g. {@code system-redis redis://127.0.0.1:6390 GET massive:volume_profile failed: Connection refused}. A failed
 * connect is retried on the next call; a connection lost later is re-established by Lettuce (see
 * {@link RedisEndpoint} for the timeouts).
 *
 * <p>Threads: thread-safe. Plain commands share one pipelined connection; {@link #replaceHash} and {@link #setAll} run
 * their {@code MULTI}/{@code EXEC} on a second connection, one transaction at a time, so other threads' commands never
 * land inside a transaction.
 */
public final class RedisKeyValueStore implements KeyValueStore {

    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private static final String REPLACE_HASH = "MULTI DEL HSET EXPIRE EXEC";
    private static final String SET_ALL = "MULTI SET EXEC";
    private static final long QUEUE_ERROR_WAIT_MS = 1_000;

    private final RedisEndpoint endpoint;
    private final Object connectLock = new Object();
    private final Object transactionLock = new Object();
    private StatefulRedisConnection<String, byte[]> connection;
    private StatefulRedisConnection<String, byte[]> transactionConnection;
    private boolean closed;

    /**
     * @param role     the role, for messages: {@code system-redis} or {@code market-redis}.
     * @param redisUri a Lettuce Redis URI, e.g. {@code redis://:password@127.0.0.1:6379/0}; never logged with its
     *                 password.
     * @throws IllegalArgumentException if the URI cannot be parsed.
     */
    public RedisKeyValueStore(final String role, final String redisUri) {
        this.endpoint = new RedisEndpoint(role, redisUri);
    }

    @Override
    public byte[] get(final String key) {
        return call("GET", key, commands -> commands.get(key));
    }

    @Override
    public void set(final String key, final byte[] value) {
        Objects.requireNonNull(value, "value");
        call("SET", key, commands -> commands.set(key, value));
    }

    @Override
    public long delete(final String... keys) {
        if (keys.length == 0) {
            return 0;
        }
        return call("DEL", String.join(" ", keys), commands -> commands.del(keys));
    }

    @Override
    public boolean exists(final String key) {
        return call("EXISTS", key, commands -> commands.exists(key)) > 0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An empty {@code fields} map leaves no hash (Redis keeps no empty hashes): the call is then a {@code DEL}.
     *
     * @throws StoreException if the server cannot be reached or rejected a command of the transaction.
     */
    @Override
    public void replaceHash(final String key, final Map<String, String> fields, final long ttlSeconds) {
        Objects.requireNonNull(key, "key");
        final Map<String, byte[]> values = new LinkedHashMap<>(fields.size() * 2);
        fields.forEach((field, value) -> values.put(field, value.getBytes(StandardCharsets.UTF_8)));
        transaction(REPLACE_HASH, key, (tx, queued) -> {
            queued.add(tx.del(key));
            if (!values.isEmpty()) {
                queued.add(tx.hset(key, values));
                if (ttlSeconds > 0) {
                    queued.add(tx.expire(key, ttlSeconds));
                }
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>One {@code MULTI}, a {@code SET} per key, {@code EXEC}. Redis runs the queued commands together, so no other
     * client sees some keys new and others old. The transaction either runs whole or not at all: a command the
     * server refuses while queueing (out of memory, for instance) makes {@code EXEC} abort it, and a connection lost
     * before {@code EXEC} leaves nothing queued; both throw with no key changed. Only when the connection is lost
     * after {@code EXEC} was sent is the outcome unknown to the caller: then it is still every key or none.
     *
     * @throws StoreException naming the keys, if the server cannot be reached or the transaction was aborted.
     */
    @Override
    public void setAll(final Map<String, byte[]> values) {
        if (values.isEmpty()) {
            return;
        }
        values.forEach((key, value) -> {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        });
        transaction(SET_ALL, String.join(" ", values.keySet()),
            (tx, queued) -> values.forEach((key, value) -> queued.add(tx.set(key, value))));
    }

    /**
     * Runs {@code commands} between {@code MULTI} and {@code EXEC} on the transaction connection, one transaction at a
     * time. The commands are queued through the asynchronous API so that, when the server refuses one while queueing
     * and {@code EXEC} aborts the transaction, the refusal (out of memory, no permission) can be named. An aborted
     * transaction, or a command failing inside it, becomes a {@link StoreException}.
     */
    private void transaction(final String operation, final String keys,
                             final BiConsumer<RedisAsyncCommands<String, byte[]>, List<RedisFuture<?>>> commands) {
        synchronized (transactionLock) {
            final StatefulRedisConnection<String, byte[]> tx = transactionConnection(operation, keys);
            final List<RedisFuture<?>> queued = new ArrayList<>();
            final TransactionResult result;
            try {
                tx.sync().multi();
                commands.accept(tx.async(), queued);
                result = tx.sync().exec();
            } catch (final RedisCommandExecutionException e) {
                dropTransactionConnection();
                throw endpoint.failure(operation, keys, withQueueErrors(e, queued));
            } catch (final RuntimeException e) {
                dropTransactionConnection();
                throw endpoint.failure(operation, keys, e);
            }
            if (result.wasDiscarded()) {
                throw endpoint.failure(operation, keys, new IllegalStateException("transaction discarded"));
            }
            for (final Object reply : result) {
                if (reply instanceof Throwable) {
                    throw endpoint.failure(operation, keys, (Throwable) reply);
                }
            }
        }
    }

    /**
     * @return {@code e}, or when commands were refused while queueing, an error naming the first refusal. Lettuce
     *     completes the queued commands just after {@code EXEC}, so each is awaited briefly.
     */
    private static RuntimeException withQueueErrors(final RedisCommandExecutionException e,
                                                    final List<RedisFuture<?>> queued) {
        for (final RedisFuture<?> command : queued) {
            try {
                if (command.await(QUEUE_ERROR_WAIT_MS, TimeUnit.MILLISECONDS) && command.getError() != null) {
                    final RedisCommandExecutionException named = new RedisCommandExecutionException(e.getMessage()
                        + " (" + command.getError() + ")");
                    named.addSuppressed(e);
                    return named;
                }
            } catch (final InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return e;
            }
        }
        return e;
    }

    /**
     * {@inheritDoc}
     *
     * @return a new map, owned by the caller, in server order.
     */
    @Override
    public Map<String, String> hashGetAll(final String key) {
        final Map<String, byte[]> raw = call("HGETALL", key, commands -> commands.hgetall(key));
        final Map<String, String> fields = new LinkedHashMap<>(raw.size() * 2);
        raw.forEach((field, value) -> fields.put(field, new String(value, StandardCharsets.UTF_8)));
        return fields;
    }

    @Override
    public long ttlSeconds(final String key) {
        return call("TTL", key, commands -> commands.ttl(key));
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    /** Closes the connections and stops Lettuce's threads; later calls throw {@link StoreException}. Idempotent. */
    @Override
    public void close() {
        synchronized (connectLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        endpoint.close();
    }

    /** Runs one command; any failure, including Lettuce's own runtime errors, becomes a {@link StoreException}. */
    private <T> T call(final String operation, final String key,
                       final Function<RedisCommands<String, byte[]>, T> command) {
        Objects.requireNonNull(key, "key");
        final RedisCommands<String, byte[]> commands = commands(operation, key);
        try {
            return command.apply(commands);
        } catch (final RuntimeException e) {
            throw endpoint.failure(operation, key, e);
        }
    }

    private RedisCommands<String, byte[]> commands(final String operation, final String key) {
        synchronized (connectLock) {
            if (closed) {
                throw endpoint.failure(operation, key, new IllegalStateException("store closed"));
            }
            if (connection == null) {
                connection = connect(operation, key);
            }
            return connection.sync();
        }
    }

    private StatefulRedisConnection<String, byte[]> transactionConnection(final String operation, final String key) {
        synchronized (connectLock) {
            if (closed) {
                throw endpoint.failure(operation, key, new IllegalStateException("store closed"));
            }
            if (transactionConnection == null) {
                transactionConnection = connect(operation, key);
            }
            return transactionConnection;
        }
    }

    private void dropTransactionConnection() {
        synchronized (connectLock) {
            if (transactionConnection != null) {
                transactionConnection.closeAsync();
                transactionConnection = null;
            }
        }
    }

    private StatefulRedisConnection<String, byte[]> connect(final String operation, final String key) {
        try {
            return endpoint.client().connect(CODEC);
        } catch (final RuntimeException e) {
            throw endpoint.failure(operation, key, e);
        }
    }
}
