package io.marketswarm.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.cli.Main;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.gateway.server.GatewayServer;

/**
 * A third-party client (JDK WebSocket + Apache Arrow Java) reads the live stream of the golden session, and every
 * grid it receives equals, field for field and bit for bit, the line {@code replay} writes for the same event.
 */
@Timeout(120)
class StreamMatchesReplayTest {

    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":(\\d+)");

    @TempDir
    Path dir;

    @Test
    void shouldStreamTheSameGridsAsReplay() throws Exception {
        final Path replay = dir.resolve("replay.jsonl");
        final int code = Main.run(new String[] {"replay", "--product-type", "future_mbo", "--dt", "2026-02-06",
            "--start-time", "09:30", "--throttle-ms", "10000", "--no-cache", "--instrument", "../instrument.yaml",
            "--dbn", LiveServerFixture.GOLDEN.toString(), "--output", replay.toString()},
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertEquals(0, code);
        final Map<Long, String> expected = new HashMap<>();
        for (final String line : Files.readAllLines(replay)) {
            expected.put(eventId(line), line);
        }

        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        try (GatewayServer server = LiveServerFixture.start(1000, false)) {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port()
                + "/v1/vacuum-pressure/stream?product_type=future_mbo&symbol=MNQH6&dt=2026-02-06&start_time=09:30"
                + "&throttle_ms=10000"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();
                    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

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
                    public CompletionStage<?> onBinary(final WebSocket ws, final ByteBuffer data, final boolean last) {
                        final byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        binary.write(bytes, 0, bytes.length);
                        if (last) {
                            frames.add(binary.toByteArray());
                            binary.reset();
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
            assertEquals(1000, closed.get(90, TimeUnit.SECONDS), "normal close at the end of the session");
        }
        assertTrue(texts.get(0).startsWith("{\"type\":\"runtime_config\""), texts.get(0));
        final List<String> updates = new ArrayList<>(texts.subList(1, texts.size()));
        assertEquals(updates.size(), frames.size(), "one binary frame per grid_update");
        assertTrue(updates.size() >= expected.size() * 9 / 10, updates.size() + " of " + expected.size() + " grids "
            + "(a grid superseded before the loop read it is skipped)");
        for (int i = 0; i < updates.size(); i++) {
            final String update = updates.get(i);
            final String line = expected.get(eventId(update));
            assertTrue(line != null, "streamed event " + eventId(update) + " is a replay grid");
            assertEquals("{\"type\":\"grid_update\"," + line.substring(1, line.indexOf(",\"grid\":")) + "}", update);
            assertFrameEquals(line, frames.get(i));
        }
    }

    private static long eventId(final String json) {
        final Matcher matcher = EVENT_ID.matcher(json);
        assertTrue(matcher.find(), json);
        return Long.parseLong(matcher.group(1));
    }

    private static void assertFrameEquals(final String line, final byte[] frame) throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
            ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(frame), allocator)) {
            final VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertTrue(reader.loadNextBatch());
            assertEquals(GridColumns.ROWS, root.getRowCount());
            final IntVector k = (IntVector)root.getVector("k");
            for (int row = 0; row < GridColumns.ROWS; row++) {
                assertEquals(row - GridColumns.K, k.get(row));
            }
            for (int column = 1; column < GridColumns.NAMES.length; column++) {
                final String name = GridColumns.NAMES[column];
                final String[] values = array(line, name);
                for (int row = 0; row < GridColumns.ROWS; row++) {
                    if (column == GridColumns.NAMES.length - 1) {
                        assertEquals(Long.parseLong(values[row]), ((BigIntVector)root.getVector(name)).get(row), name);
                    } else {
                        final double arrow = ((Float8Vector)root.getVector(name)).get(row);
                        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(values[row])),
                            Double.doubleToRawLongBits(arrow), name + " row " + row);
                    }
                }
            }
            assertTrue(!reader.loadNextBatch(), "one batch per frame");
        }
    }

    private static String[] array(final String line, final String name) {
        final int start = line.indexOf("\"" + name + "\":[") + name.length() + 4;
        return line.substring(start, line.indexOf(']', start)).split(",");
    }
}
