package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class StoresTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseLocalSubdirectoriesWithoutUrls() {
        final StoreSettings settings = StoreSettings.fromEnvironment(Map.of(StoreSettings.STORE_DIR, dir.toString(),
            StoreSettings.SYSTEM_REDIS_URL, " "));
        try (KeyValueStore system = Stores.system(settings); KeyValueStore market = Stores.market(settings);
             MessageBus bus = Stores.marketBus(settings)) {
            assertInstanceOf(LocalKeyValueStore.class, system);
            assertEquals(dir.resolve("system").toString(), system.describe());
            assertInstanceOf(LocalKeyValueStore.class, market);
            assertEquals(dir.resolve("market").toString(), market.describe());
            assertInstanceOf(LocalMessageBus.class, bus);
            assertEquals(dir.resolve("market").toString(), bus.describe());
        }
    }

    @Test
    void shouldUseRedisWhenUrlsAreSetWithoutConnecting() {
        final StoreSettings settings = new StoreSettings("redis://:pw-secret@127.0.0.1:1/0",
            "redis://127.0.0.1:2", dir);
        try (KeyValueStore system = Stores.system(settings); KeyValueStore market = Stores.market(settings);
             MessageBus bus = Stores.marketBus(settings)) {
            assertInstanceOf(RedisKeyValueStore.class, system);
            assertEquals("redis://:***@127.0.0.1:1/0", system.describe());
            assertInstanceOf(RedisKeyValueStore.class, market);
            assertInstanceOf(RedisMessageBus.class, bus);
            assertEquals("redis://127.0.0.1:2", bus.describe());
        }
    }
}
