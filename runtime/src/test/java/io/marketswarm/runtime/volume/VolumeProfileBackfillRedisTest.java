package io.marketswarm.runtime.volume;

import io.marketswarm.store.VolumeProfileKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.feeds.massive.MassiveAggregatesClient;
import io.marketswarm.feeds.massive.MassiveConfig;
import io.marketswarm.store.KeyValueStore;
import io.marketswarm.store.LocalKeyValueStore;
import io.marketswarm.store.LocalMessageBus;
import io.marketswarm.store.RedisKeyValueStore;
import io.marketswarm.store.StoreException;
import io.marketswarm.store.testsupport.RedisServerProcess;

/**
 * {@code volume-profile backfill} of the legacy symbol writes its model key and the legacy key in one Redis
 * transaction, on a real {@code redis-server}: both or neither.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VolumeProfileBackfillRedisTest {

    private static final LocalDate FIRST = LocalDate.of(2025, 11, 3);
    private static final LocalDate LAST = LocalDate.of(2025, 11, 7);
    private static final Pattern CALLS = Pattern.compile("^cmdstat_([a-z|]+):calls=(\\d+),", Pattern.MULTILINE);

    @TempDir
    Path dir;

    private RedisServerProcess redis;
    private FakeMassiveApi api;
    private RedisClient client;
    private StatefulRedisConnection<String, String> admin;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServerProcess.start();
        api = new FakeMassiveApi("SPY", 1000);
        api.addSynthetic(FIRST, LAST, 600.0, 5);
        client = RedisClient.create(redis.uri());
        admin = client.connect();
    }

    @AfterEach
    void stop() {
        admin.close();
        client.close();
        api.close();
        redis.close();
    }

    private void backfill(final KeyValueStore system) throws Exception {
        try (LocalKeyValueStore market = new LocalKeyValueStore(dir.resolve("market"));
             LocalMessageBus bus = new LocalMessageBus(dir.resolve("market"));
             VolumeProfileStage stage = new VolumeProfileStage(1024, RingProfile.DEFAULT)) {
            final MassiveAggregatesClient massive = new MassiveAggregatesClient(MassiveConfig.builder()
                .baseUrl(api.baseUrl()).apiKey(FakeMassiveApi.KEY).backoffBaseMs(1).backoffCapMs(2).build(),
                ms -> { }, System::currentTimeMillis, () -> 0.5);
            final BarFeed feed = new BarFeed() {
                @Override
                public long run(final io.marketswarm.feeds.massive.BarSink sink) throws Exception {
                    return massive.fetchMinuteBars("SPY", FIRST, LAST, sink).bars();
                }

                @Override
                public String describe() {
                    return "fake";
                }
            };
            new VolumeProfileService(VolumeProfileSettings.defaults(Map.of()), system, market, bus, stage,
                new SettableClock(Instant.parse("2025-11-14T21:30:00Z")))
                .backfill(new VolumeProfileService.BackfillRequest(VolumeTicker.SPY, FIRST, LAST, PublishMode.NONE,
                    false, 10.0, "default", true, false), feed, null);
        }
    }

    private static Map<String, Long> commandCalls(final RedisCommands<String, String> commands) {
        final Map<String, Long> calls = new HashMap<>();
        final Matcher m = CALLS.matcher(commands.info("commandstats").replace("\r", ""));
        while (m.find()) {
            calls.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return calls;
    }

    @Test
    void shouldWriteTheModelKeyAndTheLegacyKeyInOneTransaction() throws Exception {
        try (RedisKeyValueStore system = new RedisKeyValueStore("system-redis", redis.uri())) {
            admin.sync().configResetstat();
            backfill(system);
            final Map<String, Long> calls = commandCalls(admin.sync());
            assertEquals(1L, calls.get("multi"), calls.toString());
            assertEquals(1L, calls.get("exec"), calls.toString());
            assertEquals(2L, calls.get("set"), calls.toString());
            final byte[] model = system.get(VolumeProfileKeys.modelKey("SPX"));
            assertNotNull(model);
            assertArrayEquals(model, system.get(VolumeProfileKeys.LEGACY_MODEL_KEY));
        }
    }

    @Test
    void shouldChangeNeitherKeyWhenTheTransactionFails() throws Exception {
        admin.sync().set(VolumeProfileKeys.LEGACY_MODEL_KEY, "old legacy");
        admin.sync().aclSetuser("models-only", AclSetuserArgs.Builder.on().addPassword("pw")
            .keyPattern(VolumeProfileKeys.modelKey("*")).allCommands());
        try (RedisKeyValueStore limited = new RedisKeyValueStore("system-redis",
            "redis://models-only:pw@127.0.0.1:" + redis.port())) {
            final StoreException e = assertThrows(StoreException.class, () -> backfill(limited));
            assertTrue(e.getMessage().contains("NOPERM"), e.getMessage());
        }
        assertNull(admin.sync().get(VolumeProfileKeys.modelKey("SPX")), "the model key was not written either");
        assertEquals("old legacy", admin.sync().get(VolumeProfileKeys.LEGACY_MODEL_KEY));
    }
}
