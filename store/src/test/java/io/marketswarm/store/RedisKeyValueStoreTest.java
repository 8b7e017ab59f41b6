package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.marketswarm.store.testsupport.RedisServerProcess;

/** {@link RedisKeyValueStore} against a real, private {@code redis-server}. */
final class RedisKeyValueStoreTest extends KeyValueStoreContract {

    private static RedisServerProcess server;

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    KeyValueStore open() {
        return new RedisKeyValueStore("system-redis", server.uri());
    }

    @Test
    void shouldDescribeItselfByUri() {
        assertEquals(server.uri(), store().describe());
    }

    @Test
    void shouldRecoverAfterServerRestart() {
        store().set(key("before"), bytes("1"));
        server.restart();
        store().set(key("after"), bytes("2"));
        assertArrayEquals(bytes("2"), store().get(key("after")));
        assertFalse(store().exists(key("before")), "the restarted server keeps nothing (--save \"\")");
    }

    @Test
    void shouldStopLettuceThreadsOnClose() throws InterruptedException {
        store().set(key("k"), bytes("v"));
        store().replaceHash(key("h"), Map.of("f", "v"), 1);
        assertTrue(lettuceThreads() > 0);
        store().close();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (lettuceThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, lettuceThreads());
    }

    private static long lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("lettuce-")).count();
    }

    @Test
    void shouldFailCallsAfterClose() {
        store().set(key("k"), bytes("v"));
        store().close();
        final StoreException e = assertThrows(StoreException.class, () -> store().get(key("k")));
        assertTrue(e.getMessage().startsWith("system-redis " + server.uri() + " GET " + key("k") + " failed: "),
            e.getMessage());
    }
}
