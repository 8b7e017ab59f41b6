package io.marketswarm.runtime.volume;

import io.marketswarm.store.VolumeProfileKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.engines.volume.VolumeProfileModel;
import io.marketswarm.engines.volume.VolumeProfileModelJson;
import io.marketswarm.feeds.massive.MassiveAggregatesClient;
import io.marketswarm.feeds.massive.MassiveConfig;
import io.marketswarm.store.RedisKeyValueStore;
import io.marketswarm.store.RedisMessageBus;
import io.marketswarm.store.testsupport.RedisServerProcess;

/**
 * The live updater through a Massive outage and a Redis outage on a real {@code redis-server}: a failed cycle logs,
 * returns false and saves nothing; the next cycle after recovery adds every missed bar exactly once.
 */
class LiveUpdaterOutageTest {

    @Test
    void survivesApiAndRedisOutagesWithoutLosingOrDoubleCountingBars() throws Exception {
        final LocalDate day = LocalDate.of(2025, 11, 3);
        try (RedisServerProcess redis = RedisServerProcess.start();
             FakeMassiveApi api = new FakeMassiveApi("SPY", 200);
             RedisKeyValueStore system = new RedisKeyValueStore("system-redis", redis.uri());
             RedisKeyValueStore market = new RedisKeyValueStore("market-redis", redis.uri());
             RedisMessageBus bus = new RedisMessageBus("market-redis", redis.uri());
             VolumeProfileStage stage = new VolumeProfileStage(1024, RingProfile.DEFAULT)) {
            api.addSynthetic(day, day, 600.0, 1);
            final SettableClock clock = new SettableClock(Instant.parse("2025-11-03T21:00:00Z"));
            final VolumeProfileService service = new VolumeProfileService(VolumeProfileSettings.defaults(Map.of()),
                system, market, bus, stage, clock);
            final MassiveAggregatesClient client = new MassiveAggregatesClient(MassiveConfig.builder()
                .baseUrl(api.baseUrl()).apiKey(FakeMassiveApi.KEY).maxAttempts(2).backoffBaseMs(1).backoffCapMs(2)
                .build());
            service.backfill(new VolumeProfileService.BackfillRequest(VolumeTicker.SPY, day, day, PublishMode.NONE,
                false, 10.0, "default", true, false), new BarFeed() {
                    @Override
                    public long run(final io.marketswarm.feeds.massive.BarSink sink) throws Exception {
                        return client.fetchMinuteBars("SPY", day, day, sink).bars();
                    }

                    @Override
                    public String describe() {
                        return "fake";
                    }
                }, null);
            final byte[] saved = system.get(VolumeProfileKeys.modelKey("SPX"));
            final long watermark = VolumeProfileModelJson.read(saved, "redis", false).lastBarT();
            final LiveUpdater updater = new LiveUpdater(service, () -> client, List.of(VolumeTicker.SPY), 60);

            api.add(watermark + 60_000L, 601, 602, 600, 601.5, 700);
            clock.setMillis(watermark + 3 * 60_000L);
            api.down = true;
            assertFalse(updater.runCycle(), "API outage: the cycle fails");
            api.down = false;

            redis.stop();
            api.add(watermark + 120_000L, 601, 602, 600, 601.5, 300);
            assertFalse(updater.runCycle(), "Redis outage: the cycle fails");
            redis.restart();
            system.set(VolumeProfileKeys.modelKey("SPX"), saved);

            assertTrue(updater.runCycle(), "recovered");
            final VolumeProfileModel model = VolumeProfileModelJson.read(system.get(VolumeProfileKeys.modelKey("SPX")),
                "redis", true);
            assertEquals(watermark + 120_000L, model.lastBarT());
            assertEquals(392, model.barCount(), "390 + the two missed bars, once each");
            assertTrue(updater.runCycle(), "a repeated cycle is a no-op");
            assertEquals(392, VolumeProfileModelJson.read(system.get(VolumeProfileKeys.modelKey("SPX")), "redis",
                false).barCount());
        }
    }
}
