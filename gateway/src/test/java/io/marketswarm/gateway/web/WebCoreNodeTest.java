package io.marketswarm.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the built-in page's offline unit tests ({@code src/test/resources/web-test/*.test.mjs}, Node's own test
 * runner, no packages) so that {@code mvn test} catches a page change that breaks them. Needs {@code node} on the
 * PATH; skipped without it unless {@code CI_STRICT=1}.
 */
@Timeout(120)
class WebCoreNodeTest {

    private static final Path DIR = Path.of("src", "test", "resources", "web-test");

    private static boolean onPath(final String tool) {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void shouldPassThePageCoreAndProfileLayoutNodeTests() throws Exception {
        if (!onPath("node")) {
            final String message = "node is needed for the page's unit tests";
            if ("1".equals(System.getenv("CI_STRICT"))) {
                Assertions.fail(message + "; CI_STRICT=1 forbids skipping");
            }
            Assumptions.abort(message);
        }
        final Process process = new ProcessBuilder("node", "--test", "page-core.test.mjs", "profile-layout.test.mjs")
            .directory(DIR.toFile()).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "node finished");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("# fail 0"), output);
    }
}
