package io.marketswarm.gateway.web;

import io.marketswarm.runtime.volume.VolumeProfileLevelsCalculator;
import io.marketswarm.store.VolumeProfileKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.gateway.arrow.GridArrowEncoder;
import io.marketswarm.gateway.profile.VolumeProfileApi;
import io.marketswarm.gateway.profile.VolumeProfileApiConfig;
import io.marketswarm.gateway.profile.VolumeProfileRoutes;
import io.marketswarm.gateway.profile.VolumeProfileSseConfig;
import io.marketswarm.gateway.profile.VolumeProfileSseHub;
import io.marketswarm.gateway.profile.VolumeProfileView;
import io.marketswarm.gateway.server.GatewayConfig;
import io.marketswarm.gateway.server.GatewayServer;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.support.FakeMessageBus;
import io.marketswarm.gateway.support.StubSessionEngine;

/**
 * The built-in page's volume profile panel ({@code ?vp=1} opens it) in headless Chromium against the real routes:
 * it loads the model JSON, draws it, listens to the event stream and reloads on an event. The screenshot is kept as
 * {@code target/volume-profile-panel.png}. Needs {@code node} and {@code chromium}; skipped without them unless
 * {@code CI_STRICT=1}.
 */
@Timeout(180)
class VolumeProfilePageTest {

    private static final Path DRIVER = Path.of("..", "gateway", "src", "test", "resources", "web-test", "shot.mjs");
    private static final InstrumentConfig CONFIG = InstrumentConfigLoader.load(Path.of("..", "instrument.yaml"));

    private static boolean onPath(final String tool) {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldDrawTheProfileAndReloadItOnAnEvent() throws Exception {
        if (!onPath("node") || !onPath("chromium")) {
            final String message = "node and chromium are needed for the page test (apt-get install chromium)";
            if ("1".equals(System.getenv("CI_STRICT"))) {
                Assertions.fail(message + "; CI_STRICT=1 forbids skipping");
            }
            Assumptions.abort(message);
        }
        final FakeMessageBus bus = new FakeMessageBus();
        final long[] bins = new long[600];
        final double[] volumes = new double[600];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = 5700 + i;
            volumes[i] = 1000 * Math.exp(-Math.pow(i - 301, 2) / 5000.0) + 50;
        }
        final VolumeProfileView view = new VolumeProfileView("SPY", "SPX", 10.0, "2025-12-01T14:03:05.123456+00:00",
            490_000, 1764597780000L, bins, volumes, bins, volumes);
        final VolumeProfileSseHub hub = new VolumeProfileSseHub(bus, VolumeProfileSseConfig.defaults(VolumeProfileKeys.CHANNEL)).start();
        final VolumeProfileApi api = new VolumeProfileApi(symbol -> symbol.equals("SPX") ? view : null,
            VolumeProfileLevelsCalculator::compute, VolumeProfileApiConfig.defaults());
        final GatewayConfig config = new GatewayConfig("127.0.0.1", 0, 2, 4, 256 * 1024, 512 * 1024, 30_000,
            new SessionKey(LocalDate.of(2026, 2, 6), null, 25));
        try (GatewayServer server = new GatewayServer(config, CONFIG, key -> new StubSessionEngine(0, 50),
            GridArrowEncoder::new, VolumeProfileRoutes.of(hub, api)).start()) {
            final Path screenshot = Path.of("target", "volume-profile-panel.png").toAbsolutePath();
            final Process process = new ProcessBuilder("node", "--experimental-websocket", DRIVER.toString(), "--url",
                "http://127.0.0.1:" + server.port() + "/?vp=1&throttle_ms=25", "--out", screenshot.toString(),
                "--wait-ms", "6000").redirectErrorStream(true).start();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (hub.clients() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, hub.clients(), "the open panel subscribed to the event stream");
            Thread.sleep(500);
            bus.publish(VolumeProfileKeys.CHANNEL, "{\"symbol\":\"SPX\",\"mode\":\"raw\",\"buckets\":{}}");
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "driver finished");
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("\"vpoc\": 6001"), output);
            assertTrue(output.contains("\"error\": null"), output);
            assertTrue(output.contains("\"stream\": \"open\""), output);
            assertTrue(output.contains("\"events\": 1"), output);
            assertTrue(output.matches("(?s).*\"loads\": [2-9].*"), "reloaded after the event: " + output);
            assertTrue(output.contains("\"console\": []"), output);
            assertEquals(2, api.loads(), "the publication dropped the cached model");
        }
    }
}
