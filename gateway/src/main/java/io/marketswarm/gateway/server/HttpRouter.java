package io.marketswarm.gateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.gateway.protocol.StreamMessages;
import io.marketswarm.gateway.session.GatewayMetrics;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.session.SessionRegistry;
import io.marketswarm.gateway.session.StreamSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * Routes HTTP requests: {@code GET /health}, {@code GET /metrics}, the built-in page ({@code /} and
 * {@code /vacuum-pressure.html}), and the WebSocket upgrade on {@value #STREAM_PATH}. A stream request is validated
 * after the handshake, as the original does: a bad one gets {@code {"type":"error",...}} and close code 1008.
 * Runs on the channel's event loop; one bad request never affects another connection.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Path of the grid stream. */
    static final String STREAM_PATH = "/v1/vacuum-pressure/stream";

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private static final byte[] HEALTH = "{\"status\":\"ok\",\"service\":\"vacuum-pressure\"}"
        .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGE = resource("/web/vacuum-pressure.html");

    private final InstrumentConfig config;
    private final GatewayConfig gateway;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final String runtimeConfig;

    HttpRouter(final InstrumentConfig config, final GatewayConfig gateway, final SessionRegistry sessions,
        final GatewayMetrics metrics, final String runtimeConfig) {
        this.config = config;
        this.gateway = gateway;
        this.sessions = sessions;
        this.metrics = metrics;
        this.runtimeConfig = runtimeConfig;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", "bad request\n".getBytes());
            return;
        }
        final String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(STREAM_PATH) && request.headers().containsValue(HttpHeaderNames.UPGRADE,
            HttpHeaderValues.WEBSOCKET, true)) {
            upgrade(ctx, request);
            return;
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n".getBytes());
            return;
        }
        switch (path) {
            case "/health" -> respond(ctx, request, HttpResponseStatus.OK, "application/json", HEALTH);
            case "/metrics" -> respond(ctx, request, HttpResponseStatus.OK, "text/plain; version=0.0.4",
                metrics.render(sessions).getBytes(StandardCharsets.UTF_8));
            case "/", "/index.html", "/vacuum-pressure.html" -> {
                if (PAGE == null) {
                    respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain", "page not bundled\n".getBytes());
                } else {
                    respond(ctx, request, HttpResponseStatus.OK, "text/html; charset=utf-8", PAGE);
                }
            }
            default -> respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain",
                ("no such path: " + path + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        final String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + STREAM_PATH;
        final WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, true, 1 << 16)
            .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        final String uri = request.uri();
        handshaker.handshake(ctx.channel(), request).addListener(future -> {
            if (!future.isSuccess()) {
                metrics.channelErrors.increment();
                ctx.close();
                return;
            }
            ctx.pipeline().replace(this, "ws", new WebSocketFrameHandler(handshaker, metrics));
            start(ctx, uri);
        });
    }

    private void start(final ChannelHandlerContext ctx, final String uri) {
        final SessionKey key;
        final StreamSession session;
        try {
            key = StreamQuery.parse(uri, config, gateway.defaults());
            session = sessions.acquire(key);
        } catch (final RuntimeException ex) {
            metrics.setupErrors.increment();
            final String message = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            LOG.info("stream request {} refused: {}", uri, message.lines().findFirst().orElse(""));
            ctx.write(new TextWebSocketFrame(StreamMessages.error(message)));
            ctx.writeAndFlush(new CloseWebSocketFrame(1008, StreamMessages.closeReason(message)))
                .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(new TextWebSocketFrame(runtimeConfig));
        if (!session.join(ctx.channel())) {
            sessions.acquire(key).join(ctx.channel());
        }
    }

    private static void respond(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final HttpResponseStatus status, final String contentType, final byte[] body) {
        final ByteBuf content = request.method() == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER
            : Unpooled.wrappedBuffer(body);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        metrics.channelErrors.increment();
        LOG.debug("http channel error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static byte[] resource(final String name) {
        try (InputStream in = HttpRouter.class.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (final IOException ex) {
            throw new IllegalStateException("cannot read bundled " + name, ex);
        }
    }
}
