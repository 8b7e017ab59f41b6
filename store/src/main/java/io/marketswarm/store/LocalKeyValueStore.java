package io.marketswarm.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The embedded {@link KeyValueStore}: one file per key under a directory, for machines without Redis.
 *
 * <pre>
 * dir/kv/&lt;encoded key&gt;     a string: the value's bytes, nothing else
 * dir/hash/&lt;encoded key&gt;   a hash: {"expires_at_ms":1767225600000,"fields":{"f":"v",...}}  (0 = no expiry)
 * </pre>
 *
 * File names are the key with every byte outside {@code [A-Za-z0-9._-]} (and a leading {@code .}) written as
 * {@code %XX}; keys must not be empty and must encode to at most 240 characters
 * ({@link IllegalArgumentException} otherwise). Strings and hashes share one key space, as in Redis: {@link #set}
 * removes a hash of the same key and {@link #replaceHash} removes a string. {@link #get} of a key holding a hash
 * returns {@code null} (Redis would answer {@code WRONGTYPE}).
 *
 * <p>Every write goes to a temporary file in the same directory and is then renamed over the old file
 * ({@code ATOMIC_MOVE}), so readers, in this or another process, see the old or the new value, never a mix. Files
 * are not fsync'ed: a process crash loses nothing written, a power loss may lose the latest writes. An expired hash
 * reads as absent; its file stays until the key is written or deleted again.
 *
 * <p>Threads: thread-safe. Reads take no lock; writes of this instance are serialised. Several processes may share
 * the directory; between processes the last rename wins. A file-system failure throws {@link StoreException} naming
 * the operation, the key and the file.
 */
public final class LocalKeyValueStore implements KeyValueStore {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String EXPIRES_AT_MS = "expires_at_ms";
    private static final String FIELDS = "fields";
    private static final long NO_EXPIRY = 0;
    private static final long MAX_TTL_SECONDS = Long.MAX_VALUE / 4000;

    private final Path dir;
    private final Path stringDir;
    private final Path hashDir;
    private final LongSupplier clockMs;
    private final Object writeLock = new Object();

    /**
     * Creates {@code dir/kv} and {@code dir/hash} if missing.
     *
     * @param dir the store's directory.
     * @throws StoreException if the directories cannot be created.
     */
    public LocalKeyValueStore(final Path dir) {
        this(dir, System::currentTimeMillis);
    }

    /**
     * @param dir     the store's directory.
     * @param clockMs wall-clock time in epoch milliseconds, read once per call that looks at expiry.
     * @throws StoreException if the directories cannot be created.
     */
    LocalKeyValueStore(final Path dir, final LongSupplier clockMs) {
        this.dir = dir.toAbsolutePath().normalize();
        this.stringDir = this.dir.resolve("kv");
        this.hashDir = this.dir.resolve("hash");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        try {
            Files.createDirectories(stringDir);
            Files.createDirectories(hashDir);
        } catch (final IOException e) {
            throw new StoreException("local store " + this.dir + ": cannot create directories: " + e, e);
        }
    }

    @Override
    public byte[] get(final String key) {
        final Path file = stringFile(key);
        try {
            return Files.readAllBytes(file);
        } catch (final NoSuchFileException e) {
            return null;
        } catch (final IOException e) {
            throw failure("GET", key, file, e);
        }
    }

    @Override
    public void set(final String key, final byte[] value) {
        final Path file = stringFile(key);
        final Path hash = hashFile(key);
        final Path temp = writeTemp("SET", key, stringDir, value);
        synchronized (writeLock) {
            moveInto("SET", key, temp, file);
            deleteFile("SET", key, hash);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Not atomic across keys: a directory cannot rename several files at once. The best this store does: every
     * value is first written to its own temporary file, and only when all are written are they renamed into place,
     * one after the other, under this instance's write lock. So a failure while writing (a full disk, say) changes no
     * key, and every key alone is replaced atomically; but a reader may see some keys new and others old while the
     * renames run, and a crash or a failed rename between two renames leaves the earlier keys new and the later ones
     * old (the exception then names the keys already written).
     *
     * @throws StoreException naming the key and file at fault.
     */
    @Override
    public void setAll(final Map<String, byte[]> values) {
        values.forEach((key, value) -> {
            stringFile(key);
            Objects.requireNonNull(value, "value");
        });
        final Map<String, Path> temps = new LinkedHashMap<>(values.size() * 2);
        try {
            values.forEach((key, value) -> temps.put(key, writeTemp("SET", key, stringDir, value)));
        } catch (final RuntimeException e) {
            temps.values().forEach(LocalKeyValueStore::deleteQuietly);
            throw e;
        }
        final List<String> written = new ArrayList<>(temps.size());
        synchronized (writeLock) {
            for (final Map.Entry<String, Path> temp : temps.entrySet()) {
                final String key = temp.getKey();
                try {
                    moveInto("SET", key, temp.getValue(), stringFile(key));
                    deleteFile("SET", key, hashFile(key));
                } catch (final StoreException e) {
                    temps.values().forEach(LocalKeyValueStore::deleteQuietly);
                    throw written.isEmpty() ? e : new StoreException(e.getMessage() + "; keys already written: "
                        + String.join(" ", written), e);
                }
                written.add(key);
            }
        }
    }

    @Override
    public long delete(final String... keys) {
        long existed = 0;
        synchronized (writeLock) {
            final long nowMs = clockMs.getAsLong();
            for (final String key : keys) {
                final Path hash = hashFile(key);
                final boolean liveHash = readHash("DEL", key, hash, nowMs) != null;
                final boolean string = deleteFile("DEL", key, stringFile(key));
                deleteFile("DEL", key, hash);
                if (string || liveHash) {
                    existed++;
                }
            }
        }
        return existed;
    }

    @Override
    public boolean exists(final String key) {
        return ttlSeconds(key) != -2;
    }

    /**
     * {@inheritDoc}
     *
     * <p>An empty {@code fields} map leaves no hash, as in Redis.
     */
    @Override
    public void replaceHash(final String key, final Map<String, String> fields, final long ttlSeconds) {
        final Path file = hashFile(key);
        final Path string = stringFile(key);
        if (fields.isEmpty()) {
            synchronized (writeLock) {
                deleteFile("HSET", key, file);
                deleteFile("HSET", key, string);
            }
            return;
        }
        final long expiresAtMs = ttlSeconds > 0
            ? clockMs.getAsLong() + Math.min(ttlSeconds, MAX_TTL_SECONDS) * 1000 : NO_EXPIRY;
        final Path temp = writeTemp("HSET", key, hashDir, encodeHash(expiresAtMs, fields));
        synchronized (writeLock) {
            moveInto("HSET", key, temp, file);
            deleteFile("HSET", key, string);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return a new map, owned by the caller, in the order the fields were written.
     */
    @Override
    public Map<String, String> hashGetAll(final String key) {
        final StoredHash hash = readHash("HGETALL", key, hashFile(key), clockMs.getAsLong());
        return hash == null ? new LinkedHashMap<>() : hash.fields;
    }

    /** {@inheritDoc} Rounded to the nearest second, as Redis does. */
    @Override
    public long ttlSeconds(final String key) {
        final Path string = stringFile(key);
        if (Files.exists(string)) {
            return -1;
        }
        final long nowMs = clockMs.getAsLong();
        final StoredHash hash = readHash("TTL", key, hashFile(key), nowMs);
        if (hash == null) {
            // A concurrent set may have renamed its file in and deleted the hash since the first look.
            return Files.exists(string) ? -1 : -2;
        }
        return hash.expiresAtMs == NO_EXPIRY ? -1 : (hash.expiresAtMs - nowMs + 500) / 1000;
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    /** Nothing to release: every call opens and closes its own files. */
    @Override
    public void close() {
    }

    private Path stringFile(final String key) {
        return stringDir.resolve(FileNames.encode(key));
    }

    private Path hashFile(final String key) {
        return hashDir.resolve(FileNames.encode(key));
    }

    private Path writeTemp(final String operation, final String key, final Path directory, final byte[] bytes) {
        final Path temp = directory.resolve(".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            final ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            return temp;
        } catch (final IOException e) {
            deleteQuietly(temp);
            throw failure(operation, key, temp, e);
        }
    }

    private void moveInto(final String operation, final String key, final Path temp, final Path file) {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            deleteQuietly(temp);
            throw failure(operation, key, file, e);
        }
    }

    private boolean deleteFile(final String operation, final String key, final Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (final IOException e) {
            throw failure(operation, key, file, e);
        }
    }

    private StoredHash readHash(final String operation, final String key, final Path file, final long nowMs) {
        final byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (final NoSuchFileException e) {
            return null;
        } catch (final IOException e) {
            throw failure(operation, key, file, e);
        }
        final StoredHash hash;
        try {
            hash = decodeHash(bytes);
        } catch (final IOException | IllegalStateException e) {
            throw failure(operation, key, file, e);
        }
        return hash.expiresAtMs != NO_EXPIRY && hash.expiresAtMs <= nowMs ? null : hash;
    }

    private static byte[] encodeHash(final long expiresAtMs, final Map<String, String> fields) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(64 + fields.size() * 32);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField(EXPIRES_AT_MS, expiresAtMs);
            json.writeObjectFieldStart(FIELDS);
            for (final Map.Entry<String, String> field : fields.entrySet()) {
                json.writeStringField(Objects.requireNonNull(field.getKey(), "field"),
                    Objects.requireNonNull(field.getValue(), field.getKey()));
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static StoredHash decodeHash(final byte[] bytes) throws IOException {
        long expiresAtMs = NO_EXPIRY;
        final Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(bytes)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                final String name = json.currentName();
                final JsonToken value = json.nextToken();
                if (EXPIRES_AT_MS.equals(name)) {
                    expect(value, JsonToken.VALUE_NUMBER_INT);
                    expiresAtMs = json.getLongValue();
                } else if (FIELDS.equals(name)) {
                    expect(value, JsonToken.START_OBJECT);
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        final String field = json.currentName();
                        expect(json.nextToken(), JsonToken.VALUE_STRING);
                        fields.put(field, json.getText());
                    }
                } else {
                    json.skipChildren();
                }
            }
        }
        return new StoredHash(expiresAtMs, fields);
    }

    private static void expect(final JsonToken actual, final JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("malformed hash file: expected " + expected + ", found " + actual);
        }
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            return;
        }
    }

    private StoreException failure(final String operation, final String key, final Path file, final Exception e) {
        return new StoreException("local store " + operation + " " + key + " failed on " + file + ": " + e, e);
    }

    /** A decoded hash file. */
    private static final class StoredHash {
        private final long expiresAtMs;
        private final Map<String, String> fields;

        StoredHash(final long expiresAtMs, final Map<String, String> fields) {
            this.expiresAtMs = expiresAtMs;
            this.fields = fields;
        }
    }
}
