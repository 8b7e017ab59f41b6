package io.marketswarm.store;

import java.util.Map;

/**
 * One Redis role's key space (system-redis for models, market-redis for session hashes), backed by a real Redis
 * server or by a local directory.
 *
 * <p>Strings are raw bytes (models are tens of MB of UTF-8 JSON). Hash fields and values are strings.
 *
 * <p>Threads: implementations are thread-safe; every call blocks until the server (or the file system) answered.
 * A failure throws {@link StoreException} naming the store ({@link #describe()}) and the key.
 */
public interface KeyValueStore extends AutoCloseable {

    /**
     * @param key the key.
     * @return the value of {@code key}, or {@code null} if it does not exist (or has expired).
     */
    byte[] get(String key);

    /**
     * Sets {@code key} to {@code value} with no expiry (Redis {@code SET}); readers see the old or the new value,
     * never a mix.
     *
     * @param key   the key; a hash at {@code key} is replaced.
     * @param value the bytes, stored as given.
     */
    void set(String key, byte[] value);

    /**
     * Sets several keys, each as {@link #set} does, as one write: all of them or, when the call throws, as far as the
     * implementation can promise, none. {@link RedisKeyValueStore} sends one {@code MULTI}, {@code SET}...,
     * {@code EXEC} transaction, so other clients see every old value or every new one and a failed transaction
     * changes no key. {@link LocalKeyValueStore} cannot rename several files at once: see its {@code setAll}.
     *
     * @param values the keys and their bytes, written in iteration order; empty is a no-op. No key or value is
     *               {@code null}.
     * @throws StoreException if the write failed; the message names every key.
     */
    void setAll(Map<String, byte[]> values);

    /**
     * Deletes {@code keys} (Redis {@code DEL}), strings and hashes alike.
     *
     * @param keys the keys; none is a no-op.
     * @return how many existed.
     */
    long delete(String... keys);

    /**
     * @param key the key.
     * @return whether {@code key} exists (Redis {@code EXISTS}), as a string or an unexpired hash.
     */
    boolean exists(String key);

    /**
     * Replaces the hash at {@code key} with {@code fields} in one step ({@code DEL}, {@code HSET}, {@code EXPIRE} in a
     * {@code MULTI}); {@code ttlSeconds <= 0} means no expiry.
     *
     * @param key        the key; a string at {@code key} is replaced.
     * @param fields     the new fields and values; empty leaves no hash at {@code key}.
     * @param ttlSeconds time to live in seconds, or {@code <= 0} for none.
     */
    void replaceHash(String key, Map<String, String> fields, long ttlSeconds);

    /**
     * @param key the key.
     * @return every field of the hash at {@code key} (empty if absent), Redis {@code HGETALL}.
     */
    Map<String, String> hashGetAll(String key);

    /**
     * @param key the key.
     * @return remaining time to live in seconds, {@code -1} without expiry, {@code -2} if absent (Redis {@code TTL}).
     */
    long ttlSeconds(String key);

    /** @return where this store lives, for logs: a Redis URI without its password, or a directory. */
    String describe();

    /** Releases connections and threads; later calls may throw {@link StoreException}. Idempotent. */
    @Override
    void close();
}
