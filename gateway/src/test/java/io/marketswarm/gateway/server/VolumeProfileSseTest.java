package io.marketswarm.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.gateway.profile.VolumeProfileRoutes;
import io.marketswarm.gateway.profile.VolumeProfileSseConfig;
import io.marketswarm.gateway.profile.VolumeProfileSseHub;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.support.FakeMessageBus;
import io.marketswarm.gateway.support.SseRecorder;
import io.marketswarm.gateway.support.StubEncoder;
import io.marketswarm.gateway.support.StubSessionEngine;

/**
 * {@code GET /sse/volume-profile} on loopback with real clients (JDK {@link HttpClient}, raw sockets) and an
 * in-memory bus whose publisher thread plays the bus thread.
 */
@Timeout(120)
class VolumeProfileSseTest {

    private static final InstrumentConfig CONFIG = InstrumentConfigLoader.load(Path.of("..", "instrument.yaml"));
    private static final String CHANNEL = "sse:volume-profile";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final FakeMessageBus bus = new FakeMessageBus();
    private final List<SseRecorder> recorders = new ArrayList<>();
    private VolumeProfileSseHub hub;
    private GatewayServer server;

    private void start(final int retained, final long heartbeatMs, final long stallLimitMs) throws Exception {
        hub = new VolumeProfileSseHub(bus, new VolumeProfileSseConfig(CHANNEL, retained, heartbeatMs, 3_000,
            stallLimitMs)).start();
        final GatewayConfig config = new GatewayConfig("127.0.0.1", 0, 2, 4, 64 * 1024, 128 * 1024, 5_000,
            new SessionKey(LocalDate.of(2026, 2, 6), null, 25));
        server = new GatewayServer(config, CONFIG, key -> new StubSessionEngine(1, 1), StubEncoder::new,
            VolumeProfileRoutes.of(hub, null)).start();
    }

    @AfterEach
    void stop() throws Exception {
        for (final SseRecorder recorder : recorders) {
            recorder.close();
        }
        if (server != null) {
            server.close();
        }
        assertEquals(0, bus.subscribers(CHANNEL), "the server closed the hub, which unsubscribed");
    }

    private SseRecorder connect(final String lastEventId) throws Exception {
        final SseRecorder recorder = new SseRecorder(http, URI.create("http://127.0.0.1:" + server.port()
            + "/sse/volume-profile"), lastEventId);
        recorders.add(recorder);
        final SseRecorder.Item retry = recorder.next(10_000);
        assertEquals(new SseRecorder.Item("retry", null, null, "3000"), retry, "retry comes first");
        return recorder;
    }

    private String id(final long seq) {
        return hub.idPrefix() + seq;
    }

    private void publish(final int from, final int to) {
        for (int i = from; i <= to; i++) {
            bus.publish(CHANNEL, "{\"symbol\":\"SPX\",\"n\":" + i + "}");
        }
    }

    private void expectEvents(final SseRecorder recorder, final int from, final int to) throws Exception {
        for (int i = from; i <= to; i++) {
            final SseRecorder.Item event = recorder.nextEvent(10_000);
            assertNotNull(event, "event " + i);
            assertEquals(new SseRecorder.Item("event", id(i), "volume-profile", "{\"symbol\":\"SPX\",\"n\":" + i + "}"),
                event);
        }
    }

    private void awaitClients(final int clients) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hub.clients() != clients && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(clients, hub.clients());
    }

    @Test
    void shouldStreamEventsWithIdsAfterRetryAndSnapshot() throws Exception {
        start(64, 60_000, 5_000);
        assertTrue(hub.idPrefix().matches("\\d{13}-"), hub.idPrefix());
        publish(1, 2);
        final SseRecorder recorder = connect(null);
        assertEquals(200, recorder.response().statusCode());
        assertEquals("text/event-stream", recorder.response().headers().firstValue("content-type").orElse(null));
        assertEquals("no-cache", recorder.response().headers().firstValue("cache-control").orElse(null));
        expectEvents(recorder, 2, 2);
        publish(3, 4);
        expectEvents(recorder, 3, 4);
        bus.publish(CHANNEL, "{\"symbol\":\"SPX\",\n\"pretty\":true}");
        assertEquals(new SseRecorder.Item("event", id(5), "volume-profile", "{\"symbol\":\"SPX\",\n\"pretty\":true}"),
            recorder.nextEvent(10_000), "a message with a line break is sent as two data lines");
        assertEquals(5, hub.eventsRelayed());
        final HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.port() + "/sse/volume-profile")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
        assertEquals("text/event-stream", head.headers().firstValue("content-type").orElse(null));
        assertEquals(1, hub.clients(), "HEAD does not join the stream");
    }

    @Test
    void shouldSendHeartbeatCommentsAtTheConfiguredInterval() throws Exception {
        start(64, 100, 5_000);
        final SseRecorder recorder = connect(null);
        final long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertEquals(new SseRecorder.Item("comment", null, null, "heartbeat"), recorder.next(2_000));
        }
        final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(elapsedMs >= 150 && elapsedMs < 2_000, "three heartbeats 100 ms apart took " + elapsedMs + " ms");
    }

    @Test
    void shouldResumeFromLastEventIdWithExactlyTheMissedEvents() throws Exception {
        start(8, 60_000, 5_000);
        publish(1, 5);
        final SseRecorder resumed = connect(id(2));
        expectEvents(resumed, 3, 5);
        final SseRecorder current = connect(id(5));
        publish(6, 6);
        expectEvents(resumed, 6, 6);
        expectEvents(current, 6, 6);
        publish(7, 20);
        final SseRecorder oldestKept = connect(id(12));
        expectEvents(oldestKept, 13, 20);
        publish(21, 21);
        expectEvents(oldestKept, 21, 21);
        assertEquals(0, oldestKept.pending(), "nothing but the missed events and the live one");
    }

    @Test
    void shouldSendTheLatestEventForAnUnknownOrTooOldId() throws Exception {
        start(8, 60_000, 5_000);
        final SseRecorder empty = connect(null);
        publish(1, 20);
        expectEvents(empty, 1, 20);
        for (final String id : new String[] {id(3), "1700000000000-19", "garbage", hub.idPrefix() + "99"}) {
            final SseRecorder recorder = connect(id);
            expectEvents(recorder, 20, 20);
            assertNull(recorder.nextEvent(200), "only the snapshot for " + id);
        }
        publish(21, 21);
        for (final SseRecorder recorder : recorders) {
            expectEvents(recorder, 21, 21);
        }
    }

    @Test
    void shouldDeliverEveryMessageToFiftyConcurrentClients() throws Exception {
        start(64, 60_000, 5_000);
        final List<SseRecorder> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(connect(null));
        }
        awaitClients(50);
        publish(1, 30);
        for (final SseRecorder client : clients) {
            expectEvents(client, 1, 30);
        }
        assertEquals(0, hub.eventsSkipped());
    }

    @Test
    void shouldCatchUpAClientThatPausedReadingOnceEachAndInOrder() throws Exception {
        start(64, 60_000, 20_000);
        try (Socket paused = new Socket()) {
            paused.setReceiveBufferSize(4096);
            paused.connect(new InetSocketAddress("127.0.0.1", server.port()));
            paused.getOutputStream().write("GET /sse/volume-profile HTTP/1.0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            awaitClients(1);
            final String pad = "y".repeat(100_000);
            for (int i = 1; i <= 60; i++) {
                bus.publish(CHANNEL, "{\"symbol\":\"SPX\",\"n\":" + i + ",\"pad\":\"" + pad + "\"}");
            }
            paused.setSoTimeout(10_000);
            final BufferedReader in = new BufferedReader(new InputStreamReader(paused.getInputStream(),
                StandardCharsets.UTF_8));
            assertEquals("HTTP/1.0 200 OK", in.readLine());
            final List<String> ids = new ArrayList<>();
            for (String line = in.readLine(); ids.size() < 60 && line != null; line = in.readLine()) {
                if (line.startsWith("id: ")) {
                    ids.add(line.substring(4));
                }
            }
            final List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 60; i++) {
                expected.add(id(i));
            }
            assertEquals(expected, ids, "every event once, in order, although the client stalled for a while");
            assertEquals(0, hub.eventsSkipped(), "all caught up from the ring");
            assertEquals(0, hub.clientsStalled());
        }
    }

    @Test
    void shouldCloseAClientThatStopsReadingWhileOthersGetEveryMessage() throws Exception {
        start(64, 60_000, 1_000);
        final SseRecorder healthy = connect(null);
        final Socket stalled = new Socket();
        stalled.setReceiveBufferSize(4096);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
        final OutputStream out = stalled.getOutputStream();
        out.write("GET /sse/volume-profile HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitClients(2);
        final String pad = "x".repeat(100_000);
        for (int i = 1; i <= 100; i++) {
            bus.publish(CHANNEL, "{\"symbol\":\"SPX\",\"n\":" + i + ",\"pad\":\"" + pad + "\"}");
            final SseRecorder.Item event = healthy.nextEvent(10_000);
            assertNotNull(event, "healthy client got event " + i);
            assertEquals(id(i), event.id());
            assertTrue(event.text().startsWith("{\"symbol\":\"SPX\",\"n\":" + i + ","));
            assertEquals(100_030 + Integer.toString(i).length(), event.text().length());
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (hub.clientsStalled() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, hub.clientsStalled(), "the client that stopped reading was closed");
        awaitClients(1);
        bus.publish(CHANNEL, "{\"symbol\":\"SPX\",\"n\":101}");
        expectEvents(healthy, 101, 101);
        final InputStream in = stalled.getInputStream();
        stalled.setSoTimeout(10_000);
        final byte[] sink = new byte[1 << 16];
        long drained = 0;
        try {
            for (int n = in.read(sink); n > 0; n = in.read(sink)) {
                drained += n;
            }
        } catch (final SocketException ex) {
            drained = -1;
        }
        assertTrue(drained < 10L << 20, "the stalled client's backlog stayed bounded: " + drained + " bytes");
        stalled.close();
        assertTrue(server.metrics().framesSent.sum() == 0, "the grid stream was not involved");
    }

    @Test
    void shouldCloseEveryClientWhenTheServerCloses() throws Exception {
        start(64, 60_000, 5_000);
        final SseRecorder recorder = connect(null);
        awaitClients(1);
        server.close();
        server = null;
        SseRecorder.Item item = recorder.next(10_000);
        while (item != null && item.kind().equals("comment")) {
            item = recorder.next(10_000);
        }
        assertTrue(item == SseRecorder.END || item != null && item.kind().equals("error"), "stream ended: " + item);
    }
}
