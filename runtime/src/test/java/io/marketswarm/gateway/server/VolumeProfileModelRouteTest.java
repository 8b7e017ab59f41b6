package io.marketswarm.gateway.server;

import io.marketswarm.runtime.volume.VolumeProfileLevelsCalculator;
import io.marketswarm.store.VolumeProfileKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.gateway.profile.VolumeProfileApi;
import io.marketswarm.gateway.profile.VolumeProfileApiConfig;
import io.marketswarm.gateway.profile.VolumeProfileModels;
import io.marketswarm.gateway.profile.VolumeProfileRoutes;
import io.marketswarm.gateway.profile.VolumeProfileSseConfig;
import io.marketswarm.gateway.profile.VolumeProfileSseHub;
import io.marketswarm.gateway.profile.VolumeProfileView;
import io.marketswarm.gateway.protocol.StreamMessages;
import io.marketswarm.gateway.session.GatewayMetrics;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.session.SessionRegistry;
import io.marketswarm.gateway.support.FakeMessageBus;
import io.marketswarm.gateway.support.StubEncoder;
import io.marketswarm.gateway.support.StubSessionEngine;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * {@code GET /api/models/volume_profile} and the unconfigured / HEAD / 405 answers of both volume-profile routes,
 * through the router in an {@link EmbeddedChannel}: every response is complete, buffers are released, nothing is
 * left. The model loader is a direct executor unless a test says otherwise; the clock is a fake.
 */
@Timeout(60)
class VolumeProfileModelRouteTest {

    private static final InstrumentConfig CONFIG = InstrumentConfigLoader.load(Path.of("..", "instrument.yaml"));
    private static final String RAW_JSON = "{\"symbol\":\"SPX\",\"source_symbol\":\"SPY\",\"mode\":\"raw\","
        + "\"multiplier\":10.0,\"last_updated\":\"2025-12-01T14:03:05.123456+00:00\",\"bar_count\":123,"
        + "\"last_bar_t\":1764597780000,\"min_bin\":6000,\"max_bin\":6005,\"vpoc\":6001,\"hvn\":[6001,6004],"
        + "\"lvn\":[6003,6005],\"value_area_high\":6004,\"value_area_low\":6000,\"buckets\":{\"6000\":100.0,"
        + "\"6001\":400.0,\"6002\":100.0,\"6003\":40.0,\"6004\":400.0,\"6005\":10.0}}";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<String> loaded = new ArrayList<>();

    /** Bins 6000..6005 RAW 100,400,100,40,400,10 (spec §9); TV with a gap at 6001 and a repeating fraction. */
    static VolumeProfileView view() {
        return new VolumeProfileView("SPY", "SPX", 10.0, "2025-12-01T14:03:05.123456+00:00", 123, 1764597780000L,
            new long[] {6000, 6001, 6002, 6003, 6004, 6005}, new double[] {100, 400, 100, 40, 400, 10},
            new long[] {5999, 6000, 6002, 6003}, new double[] {5, 50, 100.0 / 3, 20});
    }

    private VolumeProfileApi api(final VolumeProfileModels models) {
        return new VolumeProfileApi(models, VolumeProfileLevelsCalculator::compute, VolumeProfileApiConfig.defaults(),
            Runnable::run, nanos::get);
    }

    private VolumeProfileApi api() {
        return api(symbol -> {
            loaded.add(symbol);
            return symbol.equals("SPX") ? view() : null;
        });
    }

    private static EmbeddedChannel channel(final VolumeProfileRoutes routes) {
        final GatewayMetrics metrics = new GatewayMetrics();
        final GatewayConfig gateway = GatewayConfig.defaults("127.0.0.1", 0, 1,
            new SessionKey(LocalDate.of(2026, 2, 6), null, 25));
        final SessionRegistry sessions = new SessionRegistry(key -> new StubSessionEngine(1, 1), metrics,
            StubEncoder::new, 1, 1_000_000_000L);
        return new EmbeddedChannel(new HttpRouter(CONFIG, gateway, sessions, metrics,
            StreamMessages.runtimeConfig(CONFIG), routes));
    }

    private static FullHttpResponse request(final VolumeProfileRoutes routes, final HttpMethod method,
        final String uri) {
        final EmbeddedChannel channel = channel(routes);
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
        final FullHttpResponse response = channel.readOutbound();
        assertNotNull(response, uri);
        assertFalse(channel.finish(), "nothing left in the channel");
        return response;
    }

    private FullHttpResponse get(final VolumeProfileApi api, final String uri) {
        return request(VolumeProfileRoutes.of(null, api), HttpMethod.GET, uri);
    }

    private static String body(final FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    private static String answer(final FullHttpResponse response, final int status) {
        assertEquals(status, response.status().code(), () -> response.content().toString(StandardCharsets.UTF_8));
        assertEquals("application/json", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals(response.content().readableBytes(), response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
        return body(response);
    }

    @Test
    void shouldServeTheRawProfileWithLevelsOfTheFullProfile() {
        final VolumeProfileApi api = api();
        assertEquals(RAW_JSON, answer(get(api, "/api/models/volume_profile"), 200));
        assertEquals(RAW_JSON, answer(get(api, "/api/models/volume_profile?mode=raw&symbol=spx&min=&max="), 200));
        assertEquals(List.of("SPX"), loaded, "default symbol SPX, loaded once");
    }

    @Test
    void shouldServeTheTvProfileWithAValueAreaOverTheDenseProfile() {
        final String json = answer(get(api(), "/api/models/volume_profile?mode=tv"), 200);
        assertTrue(json.startsWith("{\"symbol\":\"SPX\",\"source_symbol\":\"SPY\",\"mode\":\"tv\","
            + "\"multiplier\":10.0,"), json);
        assertTrue(json.endsWith("\"min_bin\":5999,\"max_bin\":6003,\"vpoc\":6000,\"hvn\":[6000],\"lvn\":[5999],"
            + "\"value_area_high\":6002,\"value_area_low\":5999,\"buckets\":{\"5999\":5.0,\"6000\":50.0,"
            + "\"6002\":33.333333333333336,\"6003\":20.0}}"), json);
    }

    @Test
    void shouldFilterBucketsAndNodesToTheInclusiveWindowButKeepFullProfileLevels() {
        final String json = answer(get(api(), "/api/models/volume_profile?min=6002&max=6004"), 200);
        assertTrue(json.endsWith("\"min_bin\":6000,\"max_bin\":6005,\"vpoc\":6001,\"hvn\":[6004],\"lvn\":[6003],"
            + "\"value_area_high\":6004,\"value_area_low\":6000,\"buckets\":{\"6002\":100.0,\"6003\":40.0,"
            + "\"6004\":400.0}}"), json);
        assertTrue(answer(get(api(), "/api/models/volume_profile?min=7000"), 200)
            .endsWith("\"hvn\":[],\"lvn\":[],\"value_area_high\":6004,\"value_area_low\":6000,\"buckets\":{}}"));
        assertTrue(answer(get(api(), "/api/models/volume_profile?max=6000&min=6000"), 200)
            .endsWith("\"buckets\":{\"6000\":100.0}}"));
    }

    @Test
    void shouldRejectBadParametersWith400NamingTheParameter() {
        final VolumeProfileApi api = api();
        final String[][] cases = {
            {"mode=both", "{\"error\":\"mode must be raw or tv, got 'both'\"}"},
            {"min=abc", "{\"error\":\"min must be an integer bin, got 'abc'\"}"},
            {"max=6000.5", "{\"error\":\"max must be an integer bin, got '6000.5'\"}"},
            {"min=6005&max=6000", "{\"error\":\"min=6005 must be <= max=6000\"}"},
            {"symbol=%22x%22", "{\"error\":\"symbol '\\\"x\\\"' must be 1-32 letters, digits or ._^-\"}"},
        };
        for (final String[] c : cases) {
            assertEquals(c[1], answer(get(api, "/api/models/volume_profile?" + c[0]), 400), c[0]);
        }
        assertEquals(List.of(), loaded, "nothing loaded for a bad request");
    }

    @Test
    void shouldAnswer404WithTheBackfillCommandWhenNoModelIsStored() {
        assertEquals("{\"error\":\"no volume profile model for NDX; run `volume-profile backfill --ticker QQQ "
            + "--years 5` to build it\"}", answer(get(api(), "/api/models/volume_profile?symbol=NDX"), 404));
        final VolumeProfileApi none = api(symbol -> null);
        assertTrue(answer(get(none, "/api/models/volume_profile"), 404)
            .contains("run `volume-profile backfill --ticker SPY --years 5`"));
    }

    @Test
    void shouldAnswer503WithTheErrorTextWhenLoadingFails() {
        final VolumeProfileApi failing = api(symbol -> {
            throw new IllegalStateException("Unable to connect to 127.0.0.1:6379");
        });
        assertEquals("{\"error\":\"cannot load volume profile model SPX: Unable to connect to 127.0.0.1:6379\"}",
            answer(get(failing, "/api/models/volume_profile"), 503));
        final VolumeProfileApi corrupt = api(symbol -> new VolumeProfileView("SPY", "SPX", 10.0, null, 1, 0,
            new long[] {2, 1}, new double[] {1, 1}, new long[0], new double[0]));
        assertEquals("{\"error\":\"cannot load volume profile model SPX: rawBins not strictly ascending at index 1: "
            + "2, 1\"}", answer(get(corrupt, "/api/models/volume_profile"), 503));
    }

    @Test
    void shouldCacheTheModelUntilAPublicationNamesItOrTheTtlPasses() {
        final VolumeProfileApi api = api();
        get(api, "/api/models/volume_profile").release();
        get(api, "/api/models/volume_profile?mode=tv").release();
        assertEquals(1, api.loads(), "both modes from one load");
        api.onPublished("{\"symbol\":\"NDX\",\"mode\":\"raw\",\"buckets\":{}}");
        get(api, "/api/models/volume_profile").release();
        assertEquals(1, api.loads(), "another symbol's publication keeps SPX cached");
        api.onPublished("{\"symbol\":\"SPX\",\"volume_profile\":{\"symbol\":\"SPY\"}}");
        get(api, "/api/models/volume_profile").release();
        assertEquals(2, api.loads(), "reloaded after a publication naming SPX");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(29));
        get(api, "/api/models/volume_profile").release();
        assertEquals(2, api.loads());
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        get(api, "/api/models/volume_profile").release();
        assertEquals(3, api.loads(), "reloaded after 30 s");
        api.onPublished("not json");
        get(api, "/api/models/volume_profile").release();
        assertEquals(4, api.loads(), "an unreadable publication drops every cached model");
    }

    @Test
    void shouldInvalidateThroughTheHubWhenBothRoutesAreWired() {
        final FakeMessageBus bus = new FakeMessageBus();
        final VolumeProfileApi api = api();
        try (VolumeProfileSseHub hub = new VolumeProfileSseHub(bus, VolumeProfileSseConfig.defaults(VolumeProfileKeys.CHANNEL)).start()) {
            final VolumeProfileRoutes routes = VolumeProfileRoutes.of(hub, api);
            request(routes, HttpMethod.GET, "/api/models/volume_profile").release();
            bus.publish(VolumeProfileKeys.CHANNEL, "{\"symbol\":\"SPX\",\"mode\":\"tv\",\"buckets\":{}}");
            request(routes, HttpMethod.GET, "/api/models/volume_profile").release();
            assertEquals(2, api.loads());
        }
        assertEquals(0, bus.subscribers(VolumeProfileKeys.CHANNEL), "closing the hub unsubscribes");
    }

    @Test
    void shouldAnswerFromTheLoaderThreadAndThenReadTheNextRequest() throws Exception {
        final ExecutorService loader = Executors.newSingleThreadExecutor();
        final List<Thread> loadedOn = new CopyOnWriteArrayList<>();
        try {
            final VolumeProfileApi api = new VolumeProfileApi(symbol -> {
                loadedOn.add(Thread.currentThread());
                return view();
            }, VolumeProfileLevelsCalculator::compute, VolumeProfileApiConfig.defaults(), loader, System::nanoTime);
            final EmbeddedChannel channel = channel(VolumeProfileRoutes.of(null, api));
            channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                "/api/models/volume_profile"));
            FullHttpResponse response = channel.readOutbound();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (response == null && System.nanoTime() < deadline) {
                Thread.sleep(5);
                channel.runPendingTasks();
                response = channel.readOutbound();
            }
            assertNotNull(response, "answer written on the event loop");
            assertEquals(RAW_JSON, answer(response, 200));
            assertTrue(channel.config().isAutoRead(), "reading resumed after the answer");
            assertEquals(1, loadedOn.size());
            assertTrue(loadedOn.get(0) != Thread.currentThread(), "loaded off the event loop");
            assertFalse(channel.finish());
        } finally {
            loader.shutdownNow();
        }
    }

    @Test
    void shouldAnswerHeadWithoutABodyAnd405ForOtherMethods() {
        final FakeMessageBus bus = new FakeMessageBus();
        try (VolumeProfileSseHub hub = new VolumeProfileSseHub(bus, VolumeProfileSseConfig.defaults(VolumeProfileKeys.CHANNEL)).start()) {
            final VolumeProfileRoutes routes = VolumeProfileRoutes.of(hub, api());
            final FullHttpResponse head = request(routes, HttpMethod.HEAD, "/api/models/volume_profile");
            assertEquals(200, head.status().code());
            assertEquals(RAW_JSON.length(), head.headers().getInt(HttpHeaderNames.CONTENT_LENGTH));
            assertEquals(0, head.content().readableBytes());
            head.release();
            final FullHttpResponse sseHead = request(routes, HttpMethod.HEAD, "/sse/volume-profile");
            assertEquals(200, sseHead.status().code());
            assertEquals("text/event-stream", sseHead.headers().get(HttpHeaderNames.CONTENT_TYPE));
            assertEquals("no-cache", sseHead.headers().get(HttpHeaderNames.CACHE_CONTROL));
            assertEquals(0, sseHead.content().readableBytes());
            sseHead.release();
            for (final String path : new String[] {"/api/models/volume_profile", "/sse/volume-profile"}) {
                final FullHttpResponse post = request(routes, HttpMethod.POST, path);
                assertEquals(405, post.status().code(), path);
                post.release();
            }
            assertEquals(0, hub.clients());
        }
    }

    @Test
    void shouldAnswer404NamingTheMissingPieceWhenTheRoutesAreNotConfigured() {
        final FullHttpResponse models = request(VolumeProfileRoutes.none(), HttpMethod.GET,
            "/api/models/volume_profile");
        assertEquals("{\"error\":\"volume profile models are not configured on this gateway\"}",
            answer(models, 404));
        final FullHttpResponse stream = request(VolumeProfileRoutes.none(), HttpMethod.GET, "/sse/volume-profile");
        assertEquals(404, stream.status().code());
        assertTrue(body(stream).startsWith("volume profile stream is not configured"));
    }
}
