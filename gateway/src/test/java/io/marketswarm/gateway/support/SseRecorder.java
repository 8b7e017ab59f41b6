package io.marketswarm.gateway.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent-events client over the JDK {@link HttpClient} (HTTP/1.1): parses the stream on its own daemon
 * thread into {@link Item}s (events, comments, retry fields) in arrival order.
 */
public final class SseRecorder implements AutoCloseable {

    /**
     * One thing received.
     *
     * @param kind    {@code event}, {@code comment} or {@code retry}.
     * @param id      event id (null if none).
     * @param event   event name (null if none).
     * @param text    event data (lines joined with \n), comment text, or the retry value.
     */
    public record Item(String kind, String id, String event, String text) {
    }

    /** Marks the end of the stream in the queue. */
    public static final Item END = new Item("end", null, null, null);

    private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final Thread reader;

    /**
     * Connects and starts reading.
     *
     * @param client      the HTTP client.
     * @param uri         stream URI.
     * @param lastEventId {@code Last-Event-ID} header, or null.
     * @throws Exception if the request fails.
     */
    public SseRecorder(final HttpClient client, final URI uri, final String lastEventId) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_1_1)
            .timeout(Duration.ofSeconds(30)).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        reader = new Thread(this::read, "sse-recorder");
        reader.setDaemon(true);
        reader.start();
    }

    /** @return the response (status and headers). */
    public HttpResponse<InputStream> response() {
        return response;
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        items.add(new Item("event", id, event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    items.add(new Item("comment", null, null, line.substring(1).trim()));
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("retry: ")) {
                    items.add(new Item("retry", null, null, line.substring(7)));
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line, 6, line.length());
                }
            }
        } catch (final IOException ex) {
            items.add(new Item("error", null, null, ex.toString()));
        } finally {
            items.add(END);
        }
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next item, or null on timeout.
     * @throws InterruptedException if interrupted.
     */
    public Item next(final long timeoutMs) throws InterruptedException {
        return items.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * @param timeoutMs how long to wait in total.
     * @return the next event, skipping comments and retry lines, or null on timeout or end of stream.
     * @throws InterruptedException if interrupted.
     */
    public Item nextEvent(final long timeoutMs) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (long left = timeoutMs; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            final Item item = items.poll(left, TimeUnit.MILLISECONDS);
            if (item == null || item == END) {
                return null;
            }
            if (item.kind().equals("event")) {
                return item;
            }
        }
        return null;
    }

    /** @return items received and not yet taken. */
    public int pending() {
        return items.size();
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
