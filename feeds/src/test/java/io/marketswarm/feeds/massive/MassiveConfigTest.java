package io.marketswarm.feeds.massive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MassiveConfigTest {

    @Test
    void shouldDefaultToMassiveOriginAndDocumentedTimeouts() {
        final MassiveConfig config = MassiveConfig.fromEnvironment(Map.of("MASSIVE_API_KEY", "k1"));

        assertEquals("https://api.massive.com", config.baseUrl());
        assertEquals("k1", config.apiKey());
        assertEquals(10_000, config.connectTimeoutMs());
        assertEquals(30_000, config.requestTimeoutMs());
        assertEquals(5, config.maxAttempts());
    }

    @Test
    void shouldPreferMassiveKeyAndFallBackToPolygonKey() {
        assertEquals("m", MassiveConfig.fromEnvironment(Map.of("MASSIVE_API_KEY", "m", "POLYGON_API_KEY", "p"))
            .apiKey());
        assertEquals("p", MassiveConfig.fromEnvironment(Map.of("MASSIVE_API_KEY", " ", "POLYGON_API_KEY", "p"))
            .apiKey());
    }

    @Test
    void shouldReadBaseUrlAndDropTrailingSlash() {
        final MassiveConfig config = MassiveConfig.fromEnvironment(
            Map.of("MASSIVE_BASE_URL", "http://127.0.0.1:8080/", "POLYGON_API_KEY", "p"));

        assertEquals("http://127.0.0.1:8080", config.baseUrl());
    }

    @Test
    void shouldRejectMissingKeyNamingTheVariables() {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> MassiveConfig.fromEnvironment(Map.of()));

        assertTrue(ex.getMessage().contains("MASSIVE_API_KEY"), ex.getMessage());
        assertTrue(ex.getMessage().contains("POLYGON_API_KEY"), ex.getMessage());
    }

    @Test
    void shouldRejectBaseUrlWithPathAndBadNumbers() {
        assertThrows(IllegalArgumentException.class,
            () -> MassiveConfig.builder().apiKey("k").baseUrl("https://api.massive.com/v2").build());
        assertThrows(IllegalArgumentException.class,
            () -> MassiveConfig.builder().apiKey("k").baseUrl("ftp://api.massive.com").build());
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> MassiveConfig.builder().apiKey("k").maxAttempts(0).build());
        assertTrue(ex.getMessage().contains("maxAttempts=0"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> MassiveConfig.builder().apiKey("k").backoffBaseMs(2000).backoffCapMs(1000).build());
    }

    @Test
    void shouldKeepKeyOutOfToString() {
        final String key = "top-secret-key-42";
        final MassiveConfig config = MassiveConfig.builder().apiKey(key).build();

        assertFalse(config.toString().contains(key));
        assertFalse(MassiveConfig.builder().apiKey(key).toString().contains(key));
        assertFalse(new MassiveAggregatesClient(config).toString().contains(key));
    }
}
