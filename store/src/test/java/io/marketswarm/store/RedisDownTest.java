package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.marketswarm.store.testsupport.RecordingListener;
import io.marketswarm.store.testsupport.RedisServerProcess;

/** A Redis URL pointing at a closed port: every call fails fast with a message naming where and what. */
final class RedisDownTest {

    private static final String PASSWORD = "s3cret-Pw";

    private final int port = RedisServerProcess.freePort();

    @Test
    void shouldNameRoleUriCommandAndKeyWithoutPassword() {
        try (KeyValueStore store = new RedisKeyValueStore("system-redis", "redis://:" + PASSWORD + "@127.0.0.1:"
            + port + "/0")) {
            final StoreException e = assertThrows(StoreException.class, () -> store.get("massive:volume_profile"));
            final String expected = "system-redis redis://:***@127.0.0.1:" + port + "/0 GET massive:volume_profile "
                + "failed: ";
            assertTrue(e.getMessage().startsWith(expected), e.getMessage());
            assertTrue(e.getMessage().toLowerCase().contains("refused"), e.getMessage());
            assertNoPassword(e);
            assertFalse(store.describe().contains(PASSWORD), store.describe());
        }
    }

    @Test
    void shouldFailEveryOperationWithStoreException() {
        try (KeyValueStore store = new RedisKeyValueStore("market-redis", "redis://user:" + PASSWORD
            + "@127.0.0.1:" + port)) {
            assertNoPassword(assertThrows(StoreException.class, () -> store.set("k", new byte[1])));
            assertNoPassword(assertThrows(StoreException.class, () -> store.delete("k1", "k2")));
            assertNoPassword(assertThrows(StoreException.class, () -> store.exists("k")));
            assertNoPassword(assertThrows(StoreException.class,
                () -> store.replaceHash("session", Map.of("f", "v"), 60)));
            assertNoPassword(assertThrows(StoreException.class, () -> store.hashGetAll("session")));
            final StoreException ttl = assertThrows(StoreException.class, () -> store.ttlSeconds("session"));
            assertTrue(ttl.getMessage().startsWith("market-redis redis://user:***@127.0.0.1:" + port + " TTL session"),
                ttl.getMessage());
        }
    }

    @Test
    void shouldFailPublishAndSubscribeWithStoreException() {
        try (MessageBus bus = new RedisMessageBus("market-redis", "redis://:" + PASSWORD + "@127.0.0.1:" + port)) {
            final StoreException publish = assertThrows(StoreException.class, () -> bus.publish("bars", "{}"));
            assertTrue(publish.getMessage().startsWith("market-redis redis://:***@127.0.0.1:" + port + " PUBLISH bars"),
                publish.getMessage());
            assertNoPassword(publish);
            assertNoPassword(assertThrows(StoreException.class,
                () -> bus.subscribe("bars", new RecordingListener())));
        }
    }

    @Test
    void shouldRejectUnparsableUriWithoutEchoingPassword() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new RedisKeyValueStore("system-redis", "redis://:" + PASSWORD + " x@127.0.0.1:6390"));
        assertTrue(e.getMessage().startsWith("system-redis: invalid Redis URI redis://:***@127.0.0.1:6390"),
            e.getMessage());
        assertNoPassword(e);
    }

    private static void assertNoPassword(final Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains(PASSWORD), t.toString());
        }
    }
}
