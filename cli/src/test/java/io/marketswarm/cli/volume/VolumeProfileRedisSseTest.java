package io.marketswarm.cli.volume;

import io.marketswarm.runtime.volume.FakeMassiveApi;
import io.marketswarm.store.VolumeProfileKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.format.JsonByteWriter;
import io.marketswarm.engines.volume.VolumeProfileModel;
import io.marketswarm.engines.volume.VolumeProfileModelJson;
import io.marketswarm.store.RedisKeyValueStore;
import io.marketswarm.store.testsupport.RedisServerProcess;

/**
 * The done-criterion end to end, with everything real but the vendor: a private {@code redis-server}, the
 * Massive stand-in (paginated, rate-limited, keyed), {@code volume-profile backfill} and {@code serve} as child
 * JVMs, and an HTTP client reading {@code /sse/volume-profile}.
 */
class VolumeProfileRedisSseTest {

    @TempDir
    Path dir;

    @Test
    void backfillLandsTheModelInRedisAndOnSseAndServeKeepsItLive() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             FakeMassiveApi api = new FakeMassiveApi("SPY", 500);
             RedisKeyValueStore system = new RedisKeyValueStore("system-redis", redis.uri())) {
            api.addSynthetic(LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 7), 600.0, 9);
            api.rateLimitedRequests.set(1);
            final int port = RedisServerProcess.freePort();
            final Map<String, String> env = new HashMap<>(Map.of("MASSIVE_BASE_URL", api.baseUrl(),
                "MASSIVE_API_KEY", FakeMassiveApi.KEY, "SYSTEM_REDIS_URL", redis.uri(), "MARKET_REDIS_URL",
                redis.uri(), "MARKETSWARM_STORE_DIR", dir.resolve("unused").toString()));

            final CliProcess.Result backfill = CliProcess.run(env, null, dir, "volume-profile", "backfill",
                "--ticker", "SPY", "--start", "2025-11-03", "--end", "2025-11-07", "--publish", "none");
            assertEquals(0, backfill.exitCode(), backfill.err());
            assertTrue(api.requests().size() >= 5, "1 rate-limited + 4 pages: " + api.requests());

            final byte[] stored = system.get(VolumeProfileKeys.modelKey("SPX"));
            assertNotNull(stored, "model on system-redis");
            assertArrayEquals(stored, system.get(VolumeProfileKeys.LEGACY_MODEL_KEY));
            final VolumeProfileModel model = VolumeProfileModelJson.read(stored, "redis", true);
            final VolumeProfileModel expected = new VolumeProfileModel("SPY", "SPX", 10.0, "default", true);
            for (final double[] b : api.bars()) {
                expected.apply((long) b[0], b[1], b[2], b[3], b[4], b[5]);
            }
            expected.recomputeMetrics();
            expected.lastUpdated(model.lastUpdated());
            expected.sourceRange("2025-11-03", "2025-11-07");
            assertEquals(json(expected), json(model), "the right model, byte for byte");
            try (RedisKeyValueStore market = new RedisKeyValueStore("market-redis", redis.uri())) {
                assertEquals("2025-11-07", market.hashGetAll("volume_profile:poc:SPY").get("session_date"));
                assertTrue(market.ttlSeconds("volume_profile:session:SPY:2025-11-07") > 86_000);
            }

            final long watermark = model.lastBarT();
            for (int i = 1; i <= 3; i++) {
                api.add(watermark + i * 60_000L, 650, 651, 649, 650.5, 10_000);
            }
            final Path config = dir.resolve("marketswarm.yaml");
            Files.writeString(config, "schedules:\n  enable_volume_profile: true\n  volume_profile: 1\n");
            final List<String> command = new ArrayList<>(CliProcess.javaCommand());
            command.addAll(List.of("serve", "--port", Integer.toString(port), "--config", config.toString()));
            final ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("serve.out").toFile()).redirectError(dir.resolve("serve.err").toFile());
            pb.environment().putAll(env);
            final Process serve = pb.start();
            try {
                final HttpClient http = HttpClient.newHttpClient();
                awaitHealth(http, port, serve);
                final BlockingQueue<String> events = new LinkedBlockingQueue<>();
                final HttpResponse<InputStream> sse = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/sse/volume-profile")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, sse.statusCode());
                assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
                final Thread reader = new Thread(() -> readEvents(sse.body(), events), "sse-reader");
                reader.setDaemon(true);
                reader.start();

                final String live = awaitEvent(events, "\"volume_profile\"");
                assertTrue(live.contains("id: "), live);
                assertTrue(live.contains("data: {\"symbol\":\"SPX\",\"volume_profile\":{\"symbol\":\"SPY\""), live);
                assertTrue(live.contains("\"last_bar_t\":" + (watermark + 180_000L)), "3 new bars: " + live);

                final CliProcess.Result again = CliProcess.run(env, null, dir, "volume-profile", "backfill",
                    "--ticker", "SPY", "--start", "2025-11-03", "--end", "2025-11-07", "--publish", "raw");
                assertEquals(0, again.exitCode(), again.err());
                final String raw = awaitEvent(events, "\"mode\":\"raw\"");
                assertTrue(raw.contains("data: {\"symbol\":\"SPX\",\"mode\":\"raw\",\"buckets\":{\""), raw);

                final HttpResponse<String> api2 = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/api/models/volume_profile?mode=tv")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, api2.statusCode(), api2.body());
                assertTrue(api2.body().contains("\"symbol\":\"SPX\""), api2.body());
                assertTrue(api2.body().contains("\"mode\":\"tv\""), api2.body());
            } finally {
                serve.destroy();
                serve.waitFor(20, TimeUnit.SECONDS);
                serve.destroyForcibly();
            }
        }
    }

    private static String json(final VolumeProfileModel model) {
        final JsonByteWriter out = new JsonByteWriter(1 << 20);
        VolumeProfileModelJson.write(model, out, true);
        return out.toString();
    }

    private void awaitHealth(final HttpClient http, final int port, final Process serve) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                throw new AssertionError("serve exited " + serve.exitValue() + ": "
                    + Files.readString(dir.resolve("serve.err")));
            }
            try {
                final HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (final java.io.IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("serve did not answer /health: " + Files.readString(dir.resolve("serve.err")));
    }

    private static void readEvents(final InputStream body, final BlockingQueue<String> events) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            final StringBuilder event = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event.length() > 0) {
                        events.add(event.toString());
                        event.setLength(0);
                    }
                } else {
                    event.append(line).append('\n');
                }
            }
        } catch (final java.io.IOException closed) {
            events.add("closed: " + closed);
        }
    }

    private static String awaitEvent(final BlockingQueue<String> events, final String containing)
        throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            final String e = events.poll(500, TimeUnit.MILLISECONDS);
            if (e != null && e.contains(containing)) {
                return e;
            }
        }
        throw new AssertionError("no SSE event containing " + containing);
    }
}
