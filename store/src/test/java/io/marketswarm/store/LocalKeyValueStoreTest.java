package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalKeyValueStore} in a temporary directory. */
final class LocalKeyValueStoreTest extends KeyValueStoreContract {

    @TempDir
    Path dir;

    @Override
    KeyValueStore open() {
        return new LocalKeyValueStore(dir);
    }

    @Test
    void shouldStoreStringsAndHashesUnderEncodedFileNames() throws Exception {
        try (KeyValueStore local = new LocalKeyValueStore(dir, () -> 1_000L)) {
            local.set("massive:volume_profile", bytes("{}"));
            local.replaceHash(".session", Map.of("spot", "5000.25"), 60);
            assertEquals("{}", Files.readString(dir.resolve("kv").resolve("massive%3Avolume_profile")));
            assertEquals("{\"expires_at_ms\":61000,\"fields\":{\"spot\":\"5000.25\"}}",
                Files.readString(dir.resolve("hash").resolve("%2Esession")));
        }
    }

    @Test
    void shouldTreatExpiredHashAsAbsent() {
        final AtomicLong nowMs = new AtomicLong(1_000_000);
        try (KeyValueStore local = new LocalKeyValueStore(dir, nowMs::get)) {
            local.replaceHash("session", Map.of("f", "v"), 10);
            nowMs.addAndGet(9_400);
            assertEquals(1, local.ttlSeconds("session"));
            nowMs.addAndGet(600);
            assertEquals(Map.of(), local.hashGetAll("session"));
            assertFalse(local.exists("session"));
            assertEquals(-2, local.ttlSeconds("session"));
            assertEquals(0, local.delete("session"));
        }
    }

    @Test
    void shouldSeeWritesOfAnotherInstanceOnTheSameDirectory() {
        try (KeyValueStore writer = new LocalKeyValueStore(dir); KeyValueStore reader = new LocalKeyValueStore(dir)) {
            writer.set("model", bytes("v1"));
            writer.replaceHash("session", Map.of("f", "v"), 0);
            assertArrayEquals(bytes("v1"), reader.get("model"));
            assertEquals(Map.of("f", "v"), reader.hashGetAll("session"));
        }
    }

    @Test
    void shouldNeverExposeAHalfWrittenValue() throws Exception {
        final byte[] as = new byte[1 << 20];
        final byte[] bs = new byte[1 << 20];
        Arrays.fill(as, (byte) 'a');
        Arrays.fill(bs, (byte) 'b');
        store().set("model", as);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    store().set("model", i % 2 == 0 ? bs : as);
                }
            } catch (final RuntimeException e) {
                failure.set(e);
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            final byte[] value = store().get("model");
            assertEquals(1 << 20, value.length);
            assertTrue(value[0] == value[value.length - 1] && value[0] == value[value.length / 2], "mixed value");
            reads++;
        }
        writer.join();
        assertNull(failure.get());
        try (Stream<Path> files = Files.list(dir.resolve("kv"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void shouldNameTheFileWhenTheFileSystemFails() throws Exception {
        Files.createDirectories(dir.resolve("kv").resolve("blocked").resolve("child"));
        final StoreException e = assertThrows(StoreException.class, () -> store().get("blocked"));
        assertTrue(e.getMessage().contains("GET blocked"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("kv").resolve("blocked").toString()), e.getMessage());
        assertThrows(StoreException.class, () -> store().set("blocked", bytes("v")));
    }

    @Test
    void shouldNameTheFileOfACorruptHash() throws Exception {
        Files.writeString(dir.resolve("hash").resolve("session"), "{\"fields\":[", StandardCharsets.UTF_8);
        final StoreException e = assertThrows(StoreException.class, () -> store().hashGetAll("session"));
        assertTrue(e.getMessage().contains(dir.resolve("hash").resolve("session").toString()), e.getMessage());
    }

    @Test
    void shouldRejectKeysThatCannotBeFileNames() {
        assertThrows(IllegalArgumentException.class, () -> store().set("", bytes("v")));
        assertThrows(IllegalArgumentException.class, () -> store().get(":".repeat(100)));
    }

    @Test
    void shouldDescribeItselfByDirectory() {
        assertEquals(dir.toAbsolutePath().toString(), store().describe());
    }

    @Test
    void shouldChangeNoKeyWhenAnyValueOfASetAllCannotBeWritten() throws Exception {
        store().set(key("model"), bytes("old model"));
        final Map<String, byte[]> badKey = new LinkedHashMap<>();
        badKey.put(key("model"), bytes("new model"));
        badKey.put("", bytes("new model"));
        assertThrows(IllegalArgumentException.class, () -> store().setAll(badKey));
        final Map<String, byte[]> badValue = new LinkedHashMap<>();
        badValue.put(key("model"), bytes("new model"));
        badValue.put(key("legacy"), null);
        assertThrows(NullPointerException.class, () -> store().setAll(badValue));
        assertArrayEquals(bytes("old model"), store().get(key("model")));
        assertFalse(store().exists(key("legacy")));
        try (Stream<Path> files = Files.list(dir.resolve("kv"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
