package io.marketswarm.runtime.volume;

import io.marketswarm.store.VolumeProfileKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.format.JsonByteWriter;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.engines.volume.VolumeProfileModel;
import io.marketswarm.engines.volume.VolumeProfileModelJson;
import io.marketswarm.feeds.massive.MassiveAggregatesClient;
import io.marketswarm.feeds.massive.MassiveApiException;
import io.marketswarm.feeds.massive.MassiveConfig;
import io.marketswarm.store.LocalKeyValueStore;
import io.marketswarm.store.LocalMessageBus;
import io.marketswarm.store.MessageBus;

/**
 * The backfill and the live cycle end to end on the local store (the embedded default): bars from a paginated,
 * keyed, rate-limited local Massive stand-in, through the bar ring, into the stored model and the publications.
 */
class VolumeProfileServiceTest {

    private static final LocalDate FIRST = LocalDate.of(2025, 11, 3);
    private static final LocalDate LAST = LocalDate.of(2025, 11, 14);

    @TempDir
    Path dir;

    private FakeMassiveApi api;
    private LocalKeyValueStore system;
    private LocalKeyValueStore market;
    private LocalMessageBus bus;
    private VolumeProfileStage stage;
    private final List<String> published = new CopyOnWriteArrayList<>();
    private MessageBus.Subscription subscription;
    private final SettableClock clock = new SettableClock(Instant.parse("2025-11-14T21:30:00Z"));

    @BeforeEach
    void start() throws Exception {
        api = new FakeMassiveApi("SPY", 1000);
        system = new LocalKeyValueStore(dir.resolve("system"));
        market = new LocalKeyValueStore(dir.resolve("market"));
        bus = new LocalMessageBus(dir.resolve("market"));
        subscription = bus.subscribe(VolumeProfileKeys.CHANNEL, (channel, message) -> published.add(message));
        stage = new VolumeProfileStage(1024, RingProfile.DEFAULT);
    }

    @AfterEach
    void stop() {
        subscription.close();
        stage.close();
        bus.close();
        system.close();
        market.close();
        api.close();
    }

    private VolumeProfileService service(final VolumeProfileSettings settings) {
        return new VolumeProfileService(settings, system, market, bus, stage, clock);
    }

    private MassiveAggregatesClient client() {
        return new MassiveAggregatesClient(MassiveConfig.builder().baseUrl(api.baseUrl()).apiKey(FakeMassiveApi.KEY)
            .backoffBaseMs(1).backoffCapMs(2).build(), ms -> { }, System::currentTimeMillis, () -> 0.5);
    }

    private BarFeed apiFeed(final LocalDate from, final LocalDate to) {
        final MassiveAggregatesClient client = client();
        return new BarFeed() {
            @Override
            public long run(final io.marketswarm.feeds.massive.BarSink sink) throws Exception {
                return client.fetchMinuteBars("SPY", from, to, sink).bars();
            }

            @Override
            public String describe() {
                return "fake";
            }
        };
    }

    private static VolumeProfileService.BackfillRequest request(final PublishMode mode, final boolean wipe,
        final double m) {
        return new VolumeProfileService.BackfillRequest(VolumeTicker.SPY, FIRST, LAST, mode, wipe, m, "default", true,
            false);
    }

    private VolumeProfileModel stored(final String key) {
        final byte[] bytes = system.get(key);
        return bytes == null ? null : VolumeProfileModelJson.read(bytes, key, true);
    }

    private static String json(final VolumeProfileModel model) {
        final JsonByteWriter out = new JsonByteWriter(1 << 20);
        VolumeProfileModelJson.write(model, out, true);
        return out.toString();
    }

    private void awaitPublished(final int n) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (published.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertEquals(n, published.size(), "publications: " + published.size());
    }

    @Test
    void paginatedRateLimitedBackfillStoresTheSameModelAsADirectBuildAndPublishesBoth() throws Exception {
        final long bars = api.addSynthetic(FIRST, LAST, 600.0, 3);
        api.rateLimitedRequests.set(2);
        final VolumeProfileService.BackfillResult r = service(VolumeProfileSettings.defaults(Map.of()))
            .backfill(request(PublishMode.BOTH, false, 10.0), apiFeed(FIRST, LAST), null);
        assertEquals(bars, r.bars());
        assertTrue(api.requests().size() >= 2 + (bars + 999) / 1000, "paginated: " + api.requests().size());
        assertTrue(api.requests().stream().noneMatch(u -> u.contains(FakeMassiveApi.KEY)), "key never in a URL");

        final VolumeProfileModel expected = new VolumeProfileModel("SPY", "SPX", 10.0, "default", true);
        for (final double[] b : api.bars()) {
            expected.apply((long) b[0], b[1], b[2], b[3], b[4], b[5]);
        }
        expected.recomputeMetrics();
        final VolumeProfileModel model = stored(VolumeProfileKeys.modelKey("SPX"));
        assertNotNull(model);
        expected.lastUpdated(model.lastUpdated());
        expected.sourceRange(FIRST.toString(), LAST.toString());
        assertEquals(json(expected), json(model), "the stored model is the direct build, byte for byte");
        assertEquals("2025-11-14T21:30:00.000000+00:00", model.lastUpdated());
        assertArrayEquals(system.get(VolumeProfileKeys.modelKey("SPX")), system.get(VolumeProfileKeys.LEGACY_MODEL_KEY),
            "SPX is the legacy symbol: the legacy key mirrors it");

        awaitPublished(2);
        final JsonByteWriter rawMsg = new JsonByteWriter(1 << 16);
        rawMsg.raw("{\"symbol\":\"SPX\",\"mode\":\"raw\",\"buckets\":".getBytes(StandardCharsets.US_ASCII));
        VolumeProfileModelJson.writeBuckets(rawMsg, expected.profile(), true);
        rawMsg.raw('}');
        assertEquals(rawMsg.toString(), published.get(0));
        assertTrue(published.get(1).startsWith("{\"symbol\":\"SPX\",\"mode\":\"tv\",\"buckets\":{\""));

        assertTrue(r.sessionKeys().contains("volume_profile:poc:SPY"), r.sessionKeys().toString());
        assertTrue(r.sessionKeys().contains("volume_profile:session:SPY:2025-11-14"), r.sessionKeys().toString());
        assertEquals(VolumeProfileService.SESSIONS_KEPT + 2, r.sessionKeys().size(), r.sessionKeys().toString());
        final Map<String, String> poc = market.hashGetAll("volume_profile:poc:SPY");
        assertEquals("2025-11-14", poc.get("session_date"));
        assertTrue(market.ttlSeconds("volume_profile:poc:SPY") > 86_000);
    }

    @Test
    void publishModesAreHonoured() throws Exception {
        api.addSynthetic(FIRST, FIRST, 600.0, 3);
        final VolumeProfileService service = service(VolumeProfileSettings.defaults(Map.of()));
        service.backfill(request(PublishMode.NONE, false, 10.0), apiFeed(FIRST, FIRST), null);
        awaitPublished(0);
        service.backfill(request(PublishMode.TV, false, 10.0), apiFeed(FIRST, FIRST), null);
        awaitPublished(1);
        assertTrue(published.get(0).contains("\"mode\":\"tv\""));
        service.backfill(request(PublishMode.RAW, false, 10.0), apiFeed(FIRST, FIRST), null);
        awaitPublished(2);
        assertTrue(published.get(1).contains("\"mode\":\"raw\""));
    }

    @Test
    void aFailedPageWritesNothingAndWipeDeletesBeforeFetching() throws Exception {
        api.addSynthetic(FIRST, LAST, 600.0, 3);
        final VolumeProfileService service = service(VolumeProfileSettings.defaults(Map.of()));
        service.backfill(request(PublishMode.NONE, false, 10.0), apiFeed(FIRST, LAST), null);
        final byte[] before = system.get(VolumeProfileKeys.modelKey("SPX"));
        api.down = true;
        final MassiveApiException fail = assertThrows(MassiveApiException.class,
            () -> service.backfill(request(PublishMode.RAW, false, 10.0), apiFeed(FIRST, LAST), null));
        assertTrue(fail.getMessage().contains("HTTP 500"), fail.getMessage());
        assertArrayEquals(before, system.get(VolumeProfileKeys.modelKey("SPX")), "untouched without --wipe");
        assertThrows(MassiveApiException.class,
            () -> service.backfill(request(PublishMode.RAW, true, 10.0), apiFeed(FIRST, LAST), null));
        assertNull(system.get(VolumeProfileKeys.modelKey("SPX")), "--wipe deleted the model before fetching");
        assertNull(system.get(VolumeProfileKeys.LEGACY_MODEL_KEY));
        awaitPublished(0);
    }

    @Test
    void aModelTooLargeForARedisStringIsRefusedBeforeWriting() throws Exception {
        api.addSynthetic(FIRST, FIRST, 600.0, 3);
        final VolumeProfileService small = new VolumeProfileService(VolumeProfileSettings.defaults(Map.of()), system,
            market, bus, stage, clock, 10_000);
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> small.backfill(request(PublishMode.RAW, false, 10.0), apiFeed(FIRST, FIRST), null));
        assertTrue(ex.getMessage().contains("--no-ohlc"), ex.getMessage());
        assertNull(system.get(VolumeProfileKeys.modelKey("SPX")));
        small.backfill(new VolumeProfileService.BackfillRequest(VolumeTicker.SPY, FIRST, FIRST, PublishMode.NONE,
            false, 10.0, "default", false, false), apiFeed(FIRST, FIRST), null);
        assertEquals(390, stored(VolumeProfileKeys.modelKey("SPX")).barCount(), "fits without ohlc");
        awaitPublished(0);
    }

    @Test
    void aDifferentMultiplierNeedsWipe() throws Exception {
        api.addSynthetic(FIRST, FIRST, 600.0, 3);
        final VolumeProfileService service = service(VolumeProfileSettings.defaults(Map.of()));
        service.backfill(request(PublishMode.NONE, false, 10.0), apiFeed(FIRST, FIRST), null);
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> service.backfill(request(PublishMode.NONE, false, 9.9), apiFeed(FIRST, FIRST), null));
        assertTrue(ex.getMessage().contains("--wipe"), ex.getMessage());
        service.backfill(request(PublishMode.NONE, true, 9.9), apiFeed(FIRST, FIRST), null);
        assertEquals(9.9, stored(VolumeProfileKeys.modelKey("SPX")).multiplier());
    }

    @Test
    void liveCyclesAddOnlyCompletedNewBarsOnceAndSurviveAnOutage() throws Exception {
        api.addSynthetic(FIRST, LAST, 600.0, 3);
        final VolumeProfileService service = service(VolumeProfileSettings.defaults(Map.of()));
        service.backfill(request(PublishMode.NONE, false, 10.0), apiFeed(FIRST, LAST), null);
        final VolumeProfileModel base = stored(VolumeProfileKeys.modelKey("SPX"));
        final long t0 = base.lastBarT();
        for (int i = 1; i <= 5; i++) {
            api.add(t0 + i * 60_000L, 640, 641, 639, 640.5, 1000 * i);
        }
        final VolumeProfileService.LiveSession session = new VolumeProfileService.LiveSession();
        clock.setMillis(t0 + 4 * 60_000L + 30_000L);
        api.down = true;
        assertThrows(MassiveApiException.class, () -> service.liveCycle(VolumeTicker.SPY, client(), session));
        assertEquals(t0, stored(VolumeProfileKeys.modelKey("SPX")).lastBarT(), "outage: nothing saved");
        api.down = false;

        final VolumeProfileService.CycleResult first = service.liveCycle(VolumeTicker.SPY, client(), session);
        assertEquals(VolumeProfileService.CycleOutcome.UPDATED, first.outcome());
        assertEquals(3, first.added(), "bars 1..3 have ended; bar 4 is still open");
        assertEquals(t0 + 3 * 60_000L, first.lastBarT());
        awaitPublished(1);
        assertTrue(published.get(0).startsWith("{\"symbol\":\"SPX\",\"volume_profile\":{\"symbol\":\"SPY\""));
        assertFalse(published.get(0).contains("\"ohlc\""), "the live snapshot leaves ohlc out");
        assertTrue(published.get(0).contains("\"vpoc\":"));

        final VolumeProfileService.CycleResult again = service.liveCycle(VolumeTicker.SPY, client(), session);
        assertEquals(VolumeProfileService.CycleOutcome.NO_NEW_BARS, again.outcome(), "same minute: nothing new");
        clock.setMillis(t0 + 10 * 60_000L);
        final VolumeProfileService.CycleResult later = service.liveCycle(VolumeTicker.SPY, client(), session);
        assertEquals(2, later.added());
        awaitPublished(2);

        final VolumeProfileModel model = stored(VolumeProfileKeys.modelKey("SPX"));
        final VolumeProfileModel expected = new VolumeProfileModel("SPY", "SPX", 10.0, "default", true);
        for (final double[] b : api.bars()) {
            expected.apply((long) b[0], b[1], b[2], b[3], b[4], b[5]);
        }
        assertEquals(expected.barCount(), model.barCount());
        assertEquals(expected.profile().raw(6405), model.profile().raw(6405), "each live bar counted once");
        assertEquals(15_000.0, model.profile().raw(6405) - base.profile().raw(6405));
        assertTrue(api.requests().stream().anyMatch(u -> u.contains("/range/1/minute/" + (t0 + 60_000L) + "/")),
            "fetches from watermark + 1 minute in ms: " + api.requests());
    }

    @Test
    void aLegacyKeyHoldingAnotherTickersModelIsNotTakenForThisOne() throws Exception {
        system.set(VolumeProfileKeys.LEGACY_MODEL_KEY, ("{\"symbol\":\"QQQ\",\"synthetic_symbol\":\"NDX\","
            + "\"spy_multiplier\":4,\"last_bar_t\":60000,\"bar_count\":1,\"ohlc\":[],\"buckets_raw\":{\"1600\":5},"
            + "\"buckets_tv\":{}}").getBytes(StandardCharsets.UTF_8));
        final VolumeProfileService service = service(VolumeProfileSettings.defaults(Map.of()));
        assertNull(service.load(VolumeTicker.SPY));
        assertEquals(VolumeProfileService.CycleOutcome.NO_MODEL,
            service.liveCycle(VolumeTicker.SPY, client(), new VolumeProfileService.LiveSession()).outcome());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void aBackfillLeavesTheMinuteStillInProgressToTheUpdater() throws Exception {
        api.addSynthetic(FIRST, LAST, 600.0, 3);
        final long last = (long) api.bars().get(api.bars().size() - 1)[0];
        clock.setMillis(last + 30_000L);
        final VolumeProfileService.BackfillResult r = service(VolumeProfileSettings.defaults(Map.of()))
            .backfill(request(PublishMode.NONE, false, 10.0), apiFeed(FIRST, LAST), null);
        assertEquals(api.bars().size() - 1, r.bars());
        assertEquals(1, r.skipped());
        assertEquals(last - 60_000L, stored(VolumeProfileKeys.modelKey("SPX")).lastBarT());
    }

    @Test
    void liveCycleWithoutModelOrWatermark() throws Exception {
        final VolumeProfileService service = service(VolumeProfileSettings.defaults(Map.of()));
        final VolumeProfileService.LiveSession session = new VolumeProfileService.LiveSession();
        assertEquals(VolumeProfileService.CycleOutcome.NO_MODEL,
            service.liveCycle(VolumeTicker.SPY, client(), session).outcome());
        system.set(VolumeProfileKeys.modelKey("SPX"), ("{\"symbol\":\"SPY\",\"spy_multiplier\":10,\"ohlc\":[],"
            + "\"buckets_raw\":{\"6000\":5},\"buckets_tv\":{}}").getBytes(StandardCharsets.UTF_8));
        assertEquals(VolumeProfileService.CycleOutcome.REFUSED,
            service.liveCycle(VolumeTicker.SPY, client(), session).outcome());
        assertTrue(api.requests().isEmpty(), "no fetch without a watermark");
    }
}
