package io.marketswarm.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.gateway.protocol.StreamMessages;
import io.marketswarm.gateway.session.GatewayMetrics;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.session.SessionRegistry;
import io.marketswarm.gateway.support.StubEncoder;
import io.marketswarm.gateway.support.StubSessionEngine;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The HTTP routes in an {@link EmbeddedChannel}: every response is complete, buffers are released, nothing is left.
 */
class HttpRouterTest {

    private static final InstrumentConfig CONFIG = InstrumentConfigLoader.load(Path.of("..", "instrument.yaml"));

    private static FullHttpResponse request(final HttpMethod method, final String uri) {
        final GatewayMetrics metrics = new GatewayMetrics();
        final GatewayConfig gateway = GatewayConfig.defaults("127.0.0.1", 0, 1,
            new SessionKey(LocalDate.of(2026, 2, 6), null, 25));
        final SessionRegistry sessions = new SessionRegistry(key -> new StubSessionEngine(1, 1), metrics,
            StubEncoder::new, 1, 1_000_000_000L);
        final EmbeddedChannel channel = new EmbeddedChannel(new HttpRouter(CONFIG, gateway, sessions, metrics,
            StreamMessages.runtimeConfig(CONFIG)));
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
        final FullHttpResponse response = channel.readOutbound();
        assertFalse(channel.finish(), "nothing left in the channel");
        return response;
    }

    private static String body(final FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    @Test
    void shouldAnswerHealth() {
        final FullHttpResponse response = request(HttpMethod.GET, "/health");
        assertEquals(200, response.status().code());
        assertEquals("application/json", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("*", response.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN));
        assertEquals("{\"status\":\"ok\",\"service\":\"vacuum-pressure\"}", body(response));
    }

    @Test
    void shouldServeMetricsInPrometheusText() {
        final FullHttpResponse response = request(HttpMethod.GET, "/metrics");
        assertTrue(response.headers().get(HttpHeaderNames.CONTENT_TYPE).startsWith("text/plain; version=0.0.4"));
        final String text = body(response);
        assertTrue(text.contains("# TYPE marketswarm_frames_sent_total counter\nmarketswarm_frames_sent_total 0\n"),
            text);
    }

    @Test
    void shouldServeTheBuiltInPageAtBothPaths() {
        final String root = body(request(HttpMethod.GET, "/"));
        final String named = body(request(HttpMethod.GET, "/vacuum-pressure.html?symbol=MNQH6"));
        assertTrue(root.contains("<html") && root.contains("/v1/vacuum-pressure/stream"), root.substring(0, 200));
        assertEquals(root, named);
    }

    @Test
    void shouldRefuseUnknownPathsAndMethods() {
        final FullHttpResponse missing = request(HttpMethod.GET, "/etc/passwd");
        assertEquals(404, missing.status().code());
        missing.release();
        final FullHttpResponse post = request(HttpMethod.POST, "/health");
        assertEquals(405, post.status().code());
        post.release();
        final FullHttpResponse head = request(HttpMethod.HEAD, "/health");
        assertEquals(200, head.status().code());
        assertEquals(0, head.content().readableBytes());
        head.release();
    }
}
