package io.marketswarm.core.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the recorded samples in {@code shared/data} beside the repository (or {@code $MARKETSWARM_SHARED_DATA}).
 * A user's fresh clone may not have them: tests then skip with a message, except under {@code CI_STRICT=1}, where a
 * missing sample fails the test.
 */
public final class SharedData {

    private SharedData() {
    }

    /**
     * @param relative path under {@code shared/data}, e.g. {@code dbn/test_data.mbo.v3.dbn}.
     * @return the existing file.
     */
    public static Path require(final String relative) {
        final Path root = root();
        final Path file = root.resolve(relative);
        if (!Files.exists(file)) {
            final String message = "shared sample " + file + " is absent (set MARKETSWARM_SHARED_DATA to the "
                + "shared/data folder to run this test)";
            if ("1".equals(System.getenv("CI_STRICT"))) {
                Assertions.fail(message + "; CI_STRICT=1 forbids skipping");
            }
            Assumptions.abort(message);
        }
        return file;
    }

    /** @return the shared data folder, which may not exist. */
    public static Path root() {
        final String env = System.getenv("MARKETSWARM_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            final Path candidate = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Path.of("").toAbsolutePath().getParent().resolveSibling("shared").resolve("data");
    }
}
