package io.marketswarm.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.gateway.server.GatewayServer;
import io.marketswarm.runtime.orderflow.OrderFlowContext;

/**
 * A served session with a start time writes the book cache; the next session of the same day and start time loads
 * it and streams the same grids (a client may skip a grid that was superseded before its loop read it, so the
 * streams are compared grid by grid where both have one, and on the final grid).
 */
@Timeout(120)
class ServeBookCacheTest {

    @TempDir
    Path dir;

    private List<String> stream(final GatewayServer server) throws Exception {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
            + "/v1/vacuum-pressure/stream?dt=2026-02-06&start_time=09:30&throttle_ms=10000"), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(final WebSocket ws, final CharSequence data, final boolean last) {
                    text.append(data);
                    if (last) {
                        texts.add(text.toString());
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(final WebSocket ws, final int status, final String reason) {
                    closed.complete(status);
                    return null;
                }
            }).join();
        assertEquals(1000, closed.get(60, TimeUnit.SECONDS));
        return texts;
    }

    @Test
    void shouldWriteThenReuseTheBookCacheAcrossSessions() throws Exception {
        final Path cacheDir = dir.resolve("cache");
        final GatewayServer[] server = {LiveServerFixture.start(new OrderFlowContext().dbn(LiveServerFixture.GOLDEN)
            .cacheDir(cacheDir).speed(1000), 2)};
        try (GatewayServer running = server[0]) {
            final List<String> first = stream(running);
            final List<Path> caches;
            try (Stream<Path> files = Files.list(cacheDir)) {
                caches = files.toList();
            }
            assertEquals(1, caches.size(), "one cache file written");
            final long written = Files.getLastModifiedTime(caches.get(0)).toMillis();
            final List<String> second = stream(running);
            assertTrue(first.size() > 10, "grids streamed: " + first.size());
            assertEquals(first.get(first.size() - 1), second.get(second.size() - 1), "the same final grid");
            final java.util.Set<String> firstGrids = new java.util.HashSet<>(first);
            final long shared = second.stream().filter(firstGrids::contains).count();
            assertTrue(shared >= (second.size() - 1) * 9 / 10, "grids of the cached session that equal the first "
                + "session's: " + shared + " of " + (second.size() - 1));
            assertEquals(written, Files.getLastModifiedTime(caches.get(0)).toMillis(), "the cache was read, not rebuilt");
        }
    }
}
