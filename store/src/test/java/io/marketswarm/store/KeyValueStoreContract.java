package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link KeyValueStore} shares; subclasses supply the store. */
abstract class KeyValueStoreContract {

    private static final int LARGE_VALUE_BYTES = 20 * 1024 * 1024;

    private KeyValueStore store;
    private String prefix;

    /** @return a fresh store; closed after each test. */
    abstract KeyValueStore open();

    @BeforeEach
    void openStore() {
        store = open();
        prefix = "test:" + UUID.randomUUID() + ":";
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    final KeyValueStore store() {
        return store;
    }

    final String key(final String name) {
        return prefix + name;
    }

    @Test
    void shouldReturnNullForAbsentKey() {
        assertNull(store.get(key("absent")));
        assertFalse(store.exists(key("absent")));
    }

    @Test
    void shouldRoundTripTwentyMegabyteValue() {
        final byte[] value = new byte[LARGE_VALUE_BYTES];
        new Random(42).nextBytes(value);
        store.set(key("massive:volume_profile"), value);
        assertArrayEquals(value, store.get(key("massive:volume_profile")));
        assertTrue(store.exists(key("massive:volume_profile")));
    }

    @Test
    void shouldOverwriteValue() {
        store.set(key("model"), bytes("first, longer value"));
        store.set(key("model"), bytes("second"));
        assertArrayEquals(bytes("second"), store.get(key("model")));
    }

    @Test
    void shouldStoreEmptyValue() {
        store.set(key("empty"), new byte[0]);
        assertArrayEquals(new byte[0], store.get(key("empty")));
        assertTrue(store.exists(key("empty")));
    }

    @Test
    void shouldCountOnlyExistingKeysOnDelete() {
        store.set(key("a"), bytes("1"));
        store.set(key("b"), bytes("2"));
        store.replaceHash(key("h"), Map.of("f", "v"), 0);
        assertEquals(3, store.delete(key("a"), key("b"), key("h"), key("missing")));
        assertNull(store.get(key("a")));
        assertFalse(store.exists(key("h")));
        assertEquals(0, store.delete(key("a")));
        assertEquals(0, store.delete());
    }

    @Test
    void shouldRoundTripKeysOutsideFileNameCharacters() {
        final String odd = key("sp x/..%2F:é\u00e9\u4e2d.");
        store.set(odd, bytes("odd"));
        assertArrayEquals(bytes("odd"), store.get(odd));
        assertNull(store.get(key("sp x/..%2F:é\u00e9\u4e2d")));
    }

    @Test
    void shouldReplaceHashDroppingOldFields() {
        final Map<String, String> first = new LinkedHashMap<>();
        first.put("old", "1");
        first.put("kept", "2");
        store.replaceHash(key("session"), first, 0);
        final Map<String, String> second = new LinkedHashMap<>();
        second.put("kept", "3");
        second.put("new", "\"json\" é");
        store.replaceHash(key("session"), second, 0);
        assertEquals(second, store.hashGetAll(key("session")));
    }

    @Test
    void shouldSetTtlOnReplaceHash() {
        store.replaceHash(key("session"), Map.of("f", "v"), 60);
        final long ttl = store.ttlSeconds(key("session"));
        assertTrue(ttl > 0 && ttl <= 60, "ttl " + ttl);
        assertTrue(store.exists(key("session")));
    }

    @Test
    void shouldClearTtlWhenReplacedWithoutTtl() {
        store.replaceHash(key("session"), Map.of("f", "v"), 60);
        store.replaceHash(key("session"), Map.of("f", "w"), 0);
        assertEquals(-1, store.ttlSeconds(key("session")));
        assertEquals(Map.of("f", "w"), store.hashGetAll(key("session")));
    }

    @Test
    void shouldReportNoExpiryForStringAndAbsenceForMissingKey() {
        store.set(key("s"), bytes("v"));
        assertEquals(-1, store.ttlSeconds(key("s")));
        assertEquals(-2, store.ttlSeconds(key("missing")));
    }

    @Test
    void shouldReturnEmptyMapForAbsentHash() {
        assertEquals(Map.of(), store.hashGetAll(key("missing")));
    }

    @Test
    void shouldLeaveNoHashWhenReplacedWithNoFields() {
        store.replaceHash(key("session"), Map.of("f", "v"), 0);
        store.replaceHash(key("session"), Map.of(), 30);
        assertFalse(store.exists(key("session")));
        assertEquals(-2, store.ttlSeconds(key("session")));
    }

    @Test
    void shouldShareOneKeySpaceBetweenStringsAndHashes() {
        store.set(key("k"), bytes("v"));
        store.replaceHash(key("k"), Map.of("f", "v"), 0);
        assertEquals(Map.of("f", "v"), store.hashGetAll(key("k")));
        store.set(key("k"), bytes("w"));
        assertArrayEquals(bytes("w"), store.get(key("k")));
        assertEquals(1, store.delete(key("k")));
        assertFalse(store.exists(key("k")));
    }

    @Test
    void shouldSetEveryKeyOfOneWriteAndReplaceAHashAtOne() {
        store.set(key("model"), bytes("old model"));
        store.replaceHash(key("legacy"), Map.of("f", "v"), 0);
        final Map<String, byte[]> values = new LinkedHashMap<>();
        values.put(key("model"), bytes("new model"));
        values.put(key("legacy"), bytes("new model"));
        values.put(key("fresh"), new byte[0]);
        store.setAll(values);
        assertArrayEquals(bytes("new model"), store.get(key("model")));
        assertArrayEquals(bytes("new model"), store.get(key("legacy")));
        assertArrayEquals(new byte[0], store.get(key("fresh")));
        assertEquals(-1, store.ttlSeconds(key("legacy")));
    }

    @Test
    void shouldTreatAnEmptySetAllAsNothing() {
        store.setAll(Map.of());
        assertFalse(store.exists(key("model")));
    }

    static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
