package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
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

    /** @return the {@code calls} of each command in {@code INFO commandstats}, e.g. {@code set -> 2}. */
    private static Map<String, Long> commandCalls(final RedisCommands<String, String> admin) {
        final Map<String, Long> calls = new java.util.HashMap<>();
        for (final String line : admin.info("commandstats").split("\r?\n")) {
            final java.util.regex.Matcher m = java.util.regex.Pattern.compile("^cmdstat_([a-z|]+):calls=(\\d+),")
                .matcher(line);
            if (m.find()) {
                calls.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return calls;
    }

    @Test
    void shouldSetSeveralKeysInOneMultiExecTransaction() {
        final Map<String, byte[]> values = new LinkedHashMap<>();
        values.put(key("model"), bytes("model"));
        values.put(key("legacy"), bytes("model"));
        store().set(key("warm-up"), bytes("connects the plain connection first"));
        try (RedisClient client = RedisClient.create(server.uri());
             StatefulRedisConnection<String, String> admin = client.connect()) {
            admin.sync().configResetstat();
            store().setAll(values);
            final Map<String, Long> calls = commandCalls(admin.sync());
            assertEquals(1L, calls.get("multi"), calls.toString());
            assertEquals(1L, calls.get("exec"), calls.toString());
            assertEquals(2L, calls.get("set"), calls.toString());
        }
        assertArrayEquals(bytes("model"), store().get(key("model")));
        assertArrayEquals(bytes("model"), store().get(key("legacy")));
    }

    @Test
    void shouldChangeNeitherKeyWhenTheTransactionFails() {
        store().set(key("model"), bytes("old model"));
        store().set(key("legacy"), bytes("old legacy"));
        try (RedisClient client = RedisClient.create(server.uri());
             StatefulRedisConnection<String, String> admin = client.connect()) {
            admin.sync().aclSetuser("model-only", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("pw")
                .keyPattern(key("model")).allCommands());
            try (RedisKeyValueStore limited = new RedisKeyValueStore("system-redis",
                "redis://model-only:pw@127.0.0.1:" + server.port())) {
                final Map<String, byte[]> values = new LinkedHashMap<>();
                values.put(key("model"), bytes("new model"));
                values.put(key("legacy"), bytes("new model"));
                final StoreException e = assertThrows(StoreException.class, () -> limited.setAll(values));
                assertTrue(e.getMessage().contains("MULTI SET EXEC " + key("model") + " " + key("legacy")
                    + " failed: "), e.getMessage());
                assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
                limited.set(key("model"), bytes("the store still works"));
            } finally {
                admin.sync().aclDeluser("model-only");
            }
        }
        assertArrayEquals(bytes("the store still works"), store().get(key("model")));
        assertArrayEquals(bytes("old legacy"), store().get(key("legacy")));
    }

    @Test
    void shouldChangeNeitherKeyWhenTheServerIsOutOfMemory() {
        store().set(key("model"), bytes("old model"));
        try (RedisClient client = RedisClient.create(server.uri());
             StatefulRedisConnection<String, String> admin = client.connect()) {
            admin.sync().configSet("maxmemory", "1");
            try {
                final Map<String, byte[]> values = new LinkedHashMap<>();
                values.put(key("model"), bytes("new model"));
                values.put(key("legacy"), bytes("new model"));
                final StoreException e = assertThrows(StoreException.class, () -> store().setAll(values));
                assertTrue(e.getMessage().contains("OOM"), e.getMessage());
            } finally {
                admin.sync().configSet("maxmemory", "0");
            }
        }
        assertArrayEquals(bytes("old model"), store().get(key("model")));
        assertFalse(store().exists(key("legacy")));
    }
}
