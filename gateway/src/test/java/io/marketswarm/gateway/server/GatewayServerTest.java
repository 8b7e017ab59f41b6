package io.marketswarm.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.support.StubEncoder;
import io.marketswarm.gateway.support.StubSessionEngine;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * The gateway on loopback with real clients (JDK {@link HttpClient} and raw sockets) and a stand-in engine.
 */
@Timeout(120)
class GatewayServerTest {

    private static final InstrumentConfig CONFIG = InstrumentConfigLoader.load(java.nio.file.Path.of("..",
        "instrument.yaml"));
    private final HttpClient http = HttpClient.newHttpClient();
    private GatewayServer server;

    private GatewayServer start(final int grids, final long intervalMs, final long stallLimitMs) throws Exception {
        final GatewayConfig config = new GatewayConfig("127.0.0.1", 0, 2, 4, 64 * 1024, 128 * 1024, stallLimitMs,
            new SessionKey(LocalDate.of(2026, 2, 6), null, 25));
        server = new GatewayServer(config, CONFIG, key -> new StubSessionEngine(grids, intervalMs), StubEncoder::new)
            .start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void shouldAnswerHealthAndMetricsAndNotFound() throws Exception {
        start(1, 10, 5_000);
        assertEquals("{\"status\":\"ok\",\"service\":\"vacuum-pressure\"}", get("/health"));
        final String metrics = get("/metrics");
        for (final String name : new String[] {"marketswarm_events_processed_total", "marketswarm_grids_emitted_total",
            "marketswarm_clients_connected", "marketswarm_frames_sent_total", "marketswarm_frames_conflated_total",
            "marketswarm_errors_total{kind=\"setup\"}", "marketswarm_ring_remaining_capacity",
            "marketswarm_ingest_to_snapshot_ns{quantile=\"0.99\"}"}) {
            assertTrue(metrics.contains(name), name + " missing from\n" + metrics);
        }
        final HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.port() + "/nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    /** Records what a WebSocket client receives. */
    static final class Recorder implements WebSocket.Listener {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<Long> binaryEventIds = new CopyOnWriteArrayList<>();
        final List<String> order = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final CountDownLatch grids;
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(1 << 20);

        Recorder(final int expectedGrids) {
            this.grids = new CountDownLatch(expectedGrids);
        }

        @Override
        public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last) {
            text.append(data);
            if (last) {
                texts.add(text.toString());
                order.add(text.toString().contains("grid_update") ? "update" : "text");
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(final WebSocket ws, final ByteBuffer data, final boolean last) {
            binary.put(data);
            if (last) {
                binary.flip();
                binaryEventIds.add(binary.order(ByteOrder.LITTLE_ENDIAN).getLong(0));
                binary = ByteBuffer.allocate(1 << 20);
                order.add("binary");
                grids.countDown();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(final WebSocket ws, final int statusCode, final String reason) {
            closed.complete(statusCode);
            return null;
        }
    }

    private WebSocket connect(final String query, final Recorder recorder) {
        return http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
            + "/v1/vacuum-pressure/stream" + query), recorder).join();
    }

    @Test
    void shouldSendRuntimeConfigThenUpdateAndArrowPairs() throws Exception {
        start(20, 20, 5_000);
        final Recorder recorder = new Recorder(20);
        connect("?product_type=future_mbo&symbol=MNQH6&dt=2026-02-06&throttle_ms=25", recorder);
        assertTrue(recorder.grids.await(30, TimeUnit.SECONDS), "grids received: " + recorder.binaryEventIds);
        assertTrue(recorder.texts.get(0).startsWith("{\"type\":\"runtime_config\",\"product_type\":\"future_mbo\","
            + "\"symbol\":\"MNQH6\""), recorder.texts.get(0));
        assertTrue(recorder.texts.get(0).contains("\"grid_max_ticks\":50,"), recorder.texts.get(0));
        assertTrue(recorder.texts.get(0).contains("\"config_version\":\"" + CONFIG.wireConfigVersion() + "\""));
        assertTrue(recorder.texts.get(0).endsWith("\"grid_rows\":101}"), recorder.texts.get(0));
        for (int i = 1; i < recorder.order.size(); i++) {
            if (recorder.order.get(i).equals("binary")) {
                assertEquals("update", recorder.order.get(i - 1), "binary frame without a grid_update: "
                    + recorder.order);
            }
        }
        assertEquals("{\"type\":\"grid_update\",\"ts_ns\":\"1000000000\",\"event_id\":1,\"mid_price\":21500.125,"
            + "\"spot_ref_price_int\":\"21500000000000\",\"best_bid_price_int\":\"21500000000000\","
            + "\"best_ask_price_int\":\"21500250000000\",\"book_valid\":true}", recorder.texts.get(1));
        final List<Long> ids = new ArrayList<>(recorder.binaryEventIds);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i) > ids.get(i - 1), "increasing event ids " + ids);
        }
        assertEquals(1000, recorder.closed.get(30, TimeUnit.SECONDS), "normal close when the source is exhausted");
    }

    @Test
    void shouldStartALateJoinerFromTheLatestGrid() throws Exception {
        start(0, 10, 5_000);
        final Recorder first = new Recorder(30);
        connect("?throttle_ms=25", first);
        assertTrue(first.grids.await(30, TimeUnit.SECONDS));
        final Recorder late = new Recorder(3);
        connect("?throttle_ms=25", late);
        assertTrue(late.grids.await(30, TimeUnit.SECONDS));
        assertTrue(late.binaryEventIds.get(0) >= 30, "late joiner starts at " + late.binaryEventIds.get(0));
        assertTrue(late.texts.get(0).startsWith("{\"type\":\"runtime_config\""));
        assertEquals(1, server.sessions().size());
    }

    @Test
    void shouldRefuseBadParametersWithErrorAndPolicyClose() throws Exception {
        start(0, 50, 5_000);
        for (final String query : new String[] {"?symbol=ESH6", "?throttle_ms=-1", "?dt=06-02-2026",
            "?start_time=9am", "?product_type=equity_mbo"}) {
            final Recorder recorder = new Recorder(1);
            connect(query, recorder);
            assertEquals(1008, recorder.closed.get(10, TimeUnit.SECONDS), query);
            assertTrue(recorder.texts.get(0).startsWith("{\"type\":\"error\",\"message\":"), recorder.texts.get(0));
        }
        final Recorder lock = new Recorder(1);
        connect("?symbol=ESH6", lock);
        lock.closed.get(10, TimeUnit.SECONDS);
        assertTrue(lock.texts.get(0).contains("does not match locked single-instrument"), lock.texts.get(0));
        assertTrue(get("/metrics").contains("marketswarm_errors_total{kind=\"setup\"} 6"));
    }

    @Test
    void shouldShareOneSessionAndFeedTwoHundredClients() throws Exception {
        start(0, 20, 60_000);
        final int clients = 200;
        final CountDownLatch allFed = new CountDownLatch(clients);
        final AtomicIntegerArray received = new AtomicIntegerArray(
            clients);
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1,
            io.netty.channel.nio.NioIoHandler.newFactory());
        try {
            final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/v1/vacuum-pressure/stream?throttle_ms=25");
            for (int i = 0; i < clients; i++) {
                final int index = i;
                new Bootstrap().group(group).channel(io.netty.channel.socket.nio.NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(final SocketChannel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(),
                                new HttpObjectAggregator(1 << 16),
                                new WebSocketClientProtocolHandler(
                                    io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory.newHandshaker(
                                        uri, io.netty.handler.codec.http.websocketx.WebSocketVersion.V13, null, false,
                                        new DefaultHttpHeaders(), 1 << 20)),
                                new SimpleChannelInboundHandler<
                                    BinaryWebSocketFrame>() {
                                    @Override
                                    protected void channelRead0(final ChannelHandlerContext ctx,
                                        final BinaryWebSocketFrame frame) {
                                        if (received.incrementAndGet(index) == 10) {
                                            allFed.countDown();
                                        }
                                    }
                                });
                        }
                    }).connect("127.0.0.1", server.port());
            }
            assertTrue(allFed.await(60, TimeUnit.SECONDS), "clients with 10 grids: " + (clients - allFed.getCount()));
            assertEquals(1, server.sessions().size());
            assertEquals(clients, server.sessions().clients());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void shouldNotLetAClientThatStopsReadingSlowTheOthers() throws Exception {
        start(0, 5, 3_000);
        final Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
        final OutputStream out = stalled.getOutputStream();
        out.write(("GET /v1/vacuum-pressure/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        final Recorder healthy = new Recorder(200);
        connect("", healthy);
        assertTrue(healthy.grids.await(60, TimeUnit.SECONDS), "healthy client got " + healthy.binaryEventIds.size());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (get("/metrics").contains("marketswarm_frames_conflated_total 0\n") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(!get("/metrics").contains("marketswarm_frames_conflated_total 0\n"), "the stalled client skips");
        final int before = healthy.binaryEventIds.size();
        Thread.sleep(500);
        assertTrue(healthy.binaryEventIds.size() > before + 20, "the healthy client keeps receiving");
        while (!get("/metrics").contains("marketswarm_errors_total{kind=\"stalled_client\"} 1")
            && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(get("/metrics").contains("marketswarm_errors_total{kind=\"stalled_client\"} 1"));
        final InputStream in = stalled.getInputStream();
        stalled.setSoTimeout(10_000);
        final byte[] sink = new byte[1 << 16];
        long drained = 0;
        int n;
        try {
            while ((n = in.read(sink)) > 0) {
                drained += n;
            }
        } catch (final java.net.SocketException ex) {
            drained = -1;
        }
        assertTrue(drained < 12L << 20, "a stalled client's backlog stays bounded (water mark plus the kernel's "
            + "socket buffers), got " + drained + " bytes");
        stalled.close();
    }
}
