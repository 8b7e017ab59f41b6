package io.marketswarm.gateway.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.gateway.profile.VolumeProfileApi;
import io.marketswarm.gateway.profile.VolumeProfileRoutes;
import io.marketswarm.gateway.profile.VolumeProfileSseHub;
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
 * {@code /vacuum-pressure.html}), the WebSocket upgrade on {@value #STREAM_PATH}, and the optional volume-profile
 * routes {@value #VOLUME_PROFILE_SSE_PATH} and {@value #VOLUME_PROFILE_MODEL_PATH} (404 naming what is missing when
 * not configured). A stream request is validated after the handshake, as the original does: a bad one gets
 * {@code {"type":"error",...}} and close code 1008. An SSE request replaces this router with the hub's client
 * handler. A model request is answered from the model loader thread; the connection reads nothing more until the
 * answer is written, so responses keep request order. Every route answers HEAD like GET without a body, and other
 * methods with 405. Runs on the channel's event loop; one bad request never affects another connection.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Path of the grid stream. */
    static final String STREAM_PATH = "/v1/vacuum-pressure/stream";
    /** Path of the volume-profile event stream. */
    static final String VOLUME_PROFILE_SSE_PATH = "/sse/volume-profile";
    /** Path of the volume-profile model API. */
    static final String VOLUME_PROFILE_MODEL_PATH = "/api/models/volume_profile";

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private static final byte[] HEALTH = "{\"status\":\"ok\",\"service\":\"vacuum-pressure\"}"
        .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAGE = resource("/web/vacuum-pressure.html");

    private final InstrumentConfig config;
    private final GatewayConfig gateway;
    private final SessionRegistry sessions;
    private final GatewayMetrics metrics;
    private final String runtimeConfig;
    private final VolumeProfileRoutes volumeProfile;

    HttpRouter(final InstrumentConfig config, final GatewayConfig gateway, final SessionRegistry sessions,
        final GatewayMetrics metrics, final String runtimeConfig) {
        this(config, gateway, sessions, metrics, runtimeConfig, VolumeProfileRoutes.none());
    }

    HttpRouter(final InstrumentConfig config, final GatewayConfig gateway, final SessionRegistry sessions,
        final GatewayMetrics metrics, final String runtimeConfig, final VolumeProfileRoutes volumeProfile) {
        this.config = config;
        this.gateway = gateway;
        this.sessions = sessions;
        this.metrics = metrics;
        this.runtimeConfig = runtimeConfig;
        this.volumeProfile = volumeProfile;
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
                renderMetrics().getBytes(StandardCharsets.UTF_8));
            case VOLUME_PROFILE_SSE_PATH -> volumeProfileStream(ctx, request);
            case VOLUME_PROFILE_MODEL_PATH -> volumeProfileModel(ctx, request);
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

    private String renderMetrics() {
        final String base = metrics.render(sessions);
        final VolumeProfileSseHub hub = volumeProfile.hub();
        if (hub == null) {
            return base;
        }
        final StringBuilder out = new StringBuilder(base.length() + 1024).append(base);
        hub.renderMetrics(out);
        return out.toString();
    }

    private void volumeProfileStream(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        final VolumeProfileSseHub hub = volumeProfile.hub();
        if (hub == null) {
            respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain",
                "volume profile stream is not configured on this gateway (serve needs a market bus)\n"
                    .getBytes(StandardCharsets.US_ASCII));
        } else if (request.method() == HttpMethod.HEAD) {
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.EMPTY_BUFFER);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            HttpUtil.setTransferEncodingChunked(response, true);
            send(ctx, HttpUtil.isKeepAlive(request), response);
        } else {
            ctx.pipeline().replace(this, "sse", hub.newClient(request.protocolVersion(),
                request.headers().get("Last-Event-ID")));
        }
    }

    private void volumeProfileModel(final ChannelHandlerContext ctx, final FullHttpRequest request) {
        final VolumeProfileApi api = volumeProfile.api();
        final boolean head = request.method() == HttpMethod.HEAD;
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (api == null) {
            respond(ctx, head, keepAlive, HttpResponseStatus.NOT_FOUND, "application/json",
                VolumeProfileApi.errorJson("volume profile models are not configured on this gateway"));
            return;
        }
        final CompletableFuture<VolumeProfileApi.Response> answer = api.get(request.uri());
        if (answer.isDone()) {
            respondModel(ctx, head, keepAlive, answer.join());
            return;
        }
        ctx.channel().config().setAutoRead(false);
        answer.whenComplete((response, failure) -> {
            try {
                ctx.executor().execute(() -> {
                    ctx.channel().config().setAutoRead(true);
                    respondModel(ctx, head, keepAlive, response);
                });
            } catch (final RejectedExecutionException ex) {
                LOG.debug("volume profile answer dropped: event loop is shut down");
            }
        });
    }

    private void respondModel(final ChannelHandlerContext ctx, final boolean head, final boolean keepAlive,
        final VolumeProfileApi.Response response) {
        if (response == null) {
            respond(ctx, head, keepAlive, HttpResponseStatus.SERVICE_UNAVAILABLE, "application/json",
                VolumeProfileApi.errorJson("volume profile request failed"));
        } else {
            respond(ctx, head, keepAlive, HttpResponseStatus.valueOf(response.status()), "application/json",
                response.body());
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

    private void respond(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final HttpResponseStatus status, final String contentType, final byte[] body) {
        respond(ctx, request.method() == HttpMethod.HEAD, HttpUtil.isKeepAlive(request), status, contentType, body);
    }

    private void respond(final ChannelHandlerContext ctx, final boolean head, final boolean keepAlive,
        final HttpResponseStatus status, final String contentType, final byte[] body) {
        if (status.code() >= 400 && status.code() < 500) {
            metrics.httpErrors.increment();
        }
        final ByteBuf content = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        send(ctx, keepAlive, response);
    }

    private static void send(final ChannelHandlerContext ctx, final boolean keepAlive,
        final FullHttpResponse response) {
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
