package io.marketswarm.runtime.volume;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.marketswarm.feeds.massive.SyntheticMinuteBars;

/**
 * A local stand-in for the Massive aggregates endpoint on loopback: serves a fixed list of minute bars for
 * {@code /v2/aggs/ticker/{T}/range/1/minute/{from}/{to}} (dates as New York days, or millisecond bounds), paginated
 * with {@code next_url} cursors that omit the key, as the real service does. It checks the Bearer key (401 with the
 * real error body otherwise), can answer 429 to the first requests, or 500 while {@link #down} is set, and records
 * every request line.
 */
public final class FakeMassiveApi implements AutoCloseable {

    public static final String KEY = "test-key-5f2c";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Pattern PATH = Pattern.compile("/v2/aggs/ticker/([^/]+)/range/1/minute/([^/]+)/([^/?]+)");

    private final HttpServer server;
    private final String ticker;
    private final List<double[]> bars = Collections.synchronizedList(new ArrayList<>());
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final int pageSize;
    public final AtomicInteger rateLimitedRequests = new AtomicInteger();
    public volatile boolean down;

    public FakeMassiveApi(final String ticker, final int pageSize) throws IOException {
        this.ticker = ticker;
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Adds the synthetic bars of [first, last]; returns how many. */
    public long addSynthetic(final LocalDate first, final LocalDate last, final double startPrice, final long seed) {
        final SyntheticMinuteBars gen = new SyntheticMinuteBars(first, last, startPrice, seed);
        return gen.forEach((t, o, h, l, c, v, vw, n) -> bars.add(new double[] {t, o, h, l, c, v}));
    }

    /** Adds one bar. */
    public void add(final long t, final double o, final double h, final double l, final double c, final double v) {
        bars.add(new double[] {t, o, h, l, c, v});
    }

    public List<double[]> bars() {
        return bars;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    private void handle(final HttpExchange ex) throws IOException {
        try (ex) {
            final String uri = ex.getRequestURI().toString();
            requests.add(uri);
            final String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + KEY).equals(auth)) {
                send(ex, 401, "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Unknown API Key\"}");
                return;
            }
            if (rateLimitedRequests.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                send(ex, 429, "{\"status\":\"ERROR\",\"error\":\"You've exceeded the maximum requests per minute\"}");
                return;
            }
            if (down) {
                send(ex, 500, "<html>upstream down</html>");
                return;
            }
            final Matcher m = PATH.matcher(ex.getRequestURI().getPath());
            if (!m.matches() || !m.group(1).equals(ticker)) {
                send(ex, 404, "{\"status\":\"NOT_FOUND\",\"request_id\":\"x\"}");
                return;
            }
            final long from = bound(m.group(2), false);
            final long to = bound(m.group(3), true);
            final List<double[]> hits = new ArrayList<>();
            synchronized (bars) {
                for (final double[] b : bars) {
                    if ((long) b[0] >= from && (long) b[0] <= to) {
                        hits.add(b);
                    }
                }
            }
            final int n = Math.min(pageSize, hits.size());
            final StringBuilder sb = new StringBuilder(n * 90 + 256);
            sb.append("{\"ticker\":\"").append(ticker).append("\",\"queryCount\":").append(n)
                .append(",\"resultsCount\":").append(n).append(",\"adjusted\":true");
            if (n > 0) {
                sb.append(",\"results\":[");
                for (int i = 0; i < n; i++) {
                    final double[] b = hits.get(i);
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append("{\"v\":").append(b[5]).append(",\"vw\":").append(b[4]).append(",\"o\":").append(b[1])
                        .append(",\"c\":").append(b[4]).append(",\"h\":").append(b[2]).append(",\"l\":")
                        .append(b[3]).append(",\"t\":").append((long) b[0]).append(",\"n\":1}");
                }
                sb.append(']');
            }
            sb.append(",\"status\":\"OK\",\"request_id\":\"r").append(requests.size()).append('"');
            if (hits.size() > n) {
                sb.append(",\"next_url\":\"").append(baseUrl()).append("/v2/aggs/ticker/").append(ticker)
                    .append("/range/1/minute/").append((long) hits.get(n)[0]).append('/').append(m.group(3))
                    .append("?cursor=bGltaXQ9NTAwMDAmc29ydD1hc2M\"");
            }
            sb.append('}');
            send(ex, 200, sb.toString());
        }
    }

    private static long bound(final String text, final boolean end) {
        if (text.indexOf('-') > 0) {
            final LocalDate day = LocalDate.parse(text);
            return (end ? day.plusDays(1) : day).atStartOfDay(NEW_YORK).toInstant().toEpochMilli() - (end ? 1 : 0);
        }
        return Long.parseLong(text);
    }

    private static void send(final HttpExchange ex, final int status, final String body) throws IOException {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
