package io.marketswarm.feeds.massive;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Loopback HTTP server on 127.0.0.1, port 0, answering each request with the next scripted {@link Reply} and
 * recording what it was asked. An exhausted script answers 404.
 */
final class FakeMassiveServer {

    /** One scripted answer. {@code declaredLength > body.length} sends a body cut short. */
    record Reply(int status, Map<String, String> headers, byte[] body, long delayMs, long declaredLength) {

        static Reply ok(final String json) {
            return of(200, json);
        }

        static Reply of(final int status, final String json) {
            final byte[] body = json.getBytes(StandardCharsets.UTF_8);
            return new Reply(status, Map.of(), body, 0, body.length);
        }

        Reply withHeader(final String name, final String value) {
            return new Reply(status, Map.of(name, value), body, delayMs, declaredLength);
        }

        Reply delayedMs(final long ms) {
            return new Reply(status, headers, body, ms, declaredLength);
        }

        Reply cutShortTo(final int sentBytes) {
            final byte[] part = java.util.Arrays.copyOf(body, sentBytes);
            return new Reply(status, headers, part, delayMs, body.length);
        }
    }

    /** What the client sent. */
    record Request(String pathAndQuery, String authorization) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    FakeMassiveServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized FakeMassiveServer enqueue(final Reply reply) {
        script.addLast(reply);
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        final Reply reply;
        synchronized (this) {
            final String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                exchange.getRequestHeaders().getFirst("Authorization")));
            reply = script.isEmpty() ? Reply.of(404, "{\"status\":\"ERROR\",\"error\":\"no scripted reply\"}")
                : script.removeFirst();
        }
        try {
            if (reply.delayMs() > 0) {
                Thread.sleep(reply.delayMs());
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), reply.declaredLength() == 0 ? -1 : reply.declaredLength());
            final OutputStream out = exchange.getResponseBody();
            out.write(reply.body());
            out.flush();
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
        } catch (final IOException ex) {
            return;
        } finally {
            exchange.close();
        }
    }

    void close() throws InterruptedException {
        server.stop(0);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
    }
}
