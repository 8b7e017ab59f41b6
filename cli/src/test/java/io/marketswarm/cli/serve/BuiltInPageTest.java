package io.marketswarm.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.marketswarm.gateway.server.GatewayServer;

/**
 * The built-in page in headless Chromium against a live server: it connects, decodes the Arrow frames and draws a
 * non-empty heatmap and panel. The screenshot is kept as {@code target/page-screenshot.png}. Needs {@code node} and
 * {@code chromium} (Debian package); skipped without them unless {@code CI_STRICT=1}.
 */
@Timeout(180)
class BuiltInPageTest {

    private static final Path DRIVER = Path.of("..", "gateway", "src", "test", "resources", "web-test", "shot.mjs");

    private static boolean onPath(final String tool) {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldDrawAHeatmapAndPanelFromTheLiveStream() throws Exception {
        if (!onPath("node") || !onPath("chromium")) {
            final String message = "node and chromium are needed for the page test (apt-get install chromium)";
            if ("1".equals(System.getenv("CI_STRICT"))) {
                Assertions.fail(message + "; CI_STRICT=1 forbids skipping");
            }
            Assumptions.abort(message);
        }
        try (GatewayServer server = LiveServerFixture.start(200, true)) {
            final Path screenshot = Path.of("target", "page-screenshot.png").toAbsolutePath();
            final Process process = new ProcessBuilder("node", "--experimental-websocket", DRIVER.toString(), "--url",
                "http://127.0.0.1:" + server.port() + "/?dt=2026-02-06&start_time=09:30&throttle_ms=10000", "--out",
                screenshot.toString(), "--wait-ms", "8000", "--expect-live").redirectErrorStream(true).start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "driver finished");
            assertEquals(0, process.exitValue(), output);
            assertTrue(Files.size(screenshot) > 10_000, "screenshot written");
            assertTrue(number(output, "grids") > 5, output);
            assertTrue(number(output, "heatmapNonZero") > 0, output);
            assertTrue(output.contains("\"protocolErrors\": 0"), output);
            assertTrue(output.matches("(?s).*\"state\": \"(UP BIAS|DOWN BIAS|UP LEAN|DOWN LEAN|CHOP)\".*"), output);
        }
    }

    private static long number(final String json, final String key) throws IOException {
        final Matcher matcher = Pattern.compile("\"" + key + "\": (\\d+)").matcher(json);
        if (!matcher.find()) {
            throw new IOException(key + " missing from " + json);
        }
        return Long.parseLong(matcher.group(1));
    }
}
