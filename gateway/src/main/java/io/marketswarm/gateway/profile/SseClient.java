package io.marketswarm.gateway.profile;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * One {@code GET /sse/volume-profile} connection, placed at the end of the pipeline in place of the router. On
 * {@link #handlerAdded} it writes the response head and {@code retry:}, joins its loop's group and catches up from
 * the hub's ring; then it receives events from {@link SseLoopFanout}. Inbound messages are discarded.
 *
 * <p>Delivery: event {@code lastSeq + 1} is written directly when the channel is writable; a missed or out-of-order
 * event triggers {@link #catchUp()}, which pulls from the ring while the channel stays writable. {@code lastSeq}
 * advances before each write, because a flush can re-enter through {@link #channelWritabilityChanged}. Unwritable
 * for longer than the stall limit: closed and counted. Event-loop thread only.
 */
final class SseClient extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(SseClient.class);

    private final VolumeProfileSseHub hub;
    private final HttpVersion version;
    private final String lastEventId;
    private ChannelHandlerContext ctx;
    private SseLoopFanout fanout;
    private ScheduledFuture<?> stallTimer;
    private long lastSeq;

    SseClient(final VolumeProfileSseHub hub, final HttpVersion version, final String lastEventId) {
        this.hub = hub;
        this.version = version;
        this.lastEventId = lastEventId;
    }

    /** Hub lock held: the last sequence this client counts as delivered. */
    void resumeAfter(final long seq) {
        lastSeq = seq;
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext context) {
        ctx = context;
        final HttpResponse head = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
            .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .set("X-Accel-Buffering", "no");
        if (version.equals(HttpVersion.HTTP_1_1)) {
            HttpUtil.setTransferEncodingChunked(head, true);
            head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ctx.write(head, ctx.voidPromise());
        ctx.write(hub.retryFrame(), ctx.voidPromise());
        if (!ctx.channel().isActive()) {
            ctx.flush();
            return;
        }
        final SseLoopFanout group = hub.register(this, ctx.channel().eventLoop(), lastEventId);
        if (group == null || !group.add(this)) {
            ctx.flush();
            ctx.close();
            return;
        }
        fanout = group;
        catchUp();
        ctx.flush();
    }

    /** Loop thread: a live event from the fanout. */
    void onEvent(final SseEvent event) {
        if (!ctx.channel().isActive()) {
            close();
            return;
        }
        if (event.seq() <= lastSeq || !ctx.channel().isWritable()) {
            return;
        }
        if (event.seq() == lastSeq + 1) {
            lastSeq = event.seq();
            ctx.writeAndFlush(event.frame().retainedDuplicate(), ctx.voidPromise());
        } else {
            catchUp();
        }
    }

    /** Loop thread: the loop's heartbeat tick. */
    void onHeartbeat() {
        if (ctx.channel().isActive() && ctx.channel().isWritable()) {
            ctx.writeAndFlush(VolumeProfileSseHub.heartbeatFrame(), ctx.voidPromise());
        }
    }

    private void catchUp() {
        boolean wrote = false;
        while (ctx.channel().isWritable()) {
            final SseEvent next = hub.retainedNext(lastSeq);
            if (next == null) {
                break;
            }
            lastSeq = next.seq();
            ctx.write(next.frame(), ctx.voidPromise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(final ChannelHandlerContext context) {
        if (context.channel().isWritable()) {
            cancelStallTimer();
            catchUp();
        } else if (stallTimer == null) {
            stallTimer = context.executor().schedule(this::onStallLimit, hub.config().stallLimitMs(),
                TimeUnit.MILLISECONDS);
        }
        context.fireChannelWritabilityChanged();
    }

    private void onStallLimit() {
        stallTimer = null;
        if (ctx.channel().isActive() && !ctx.channel().isWritable()) {
            hub.clientStalled();
            LOG.info("volume-profile SSE client {} closed: not reading for {} ms", ctx.channel().remoteAddress(),
                hub.config().stallLimitMs());
            close();
        }
    }

    private void cancelStallTimer() {
        if (stallTimer != null) {
            stallTimer.cancel(false);
            stallTimer = null;
        }
    }

    /** Loop thread: leaves the group and closes the connection. */
    void close() {
        cancelStallTimer();
        if (fanout != null) {
            fanout.remove(this);
        }
        ctx.close();
    }

    @Override
    public void channelRead(final ChannelHandlerContext context, final Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext context) {
        cancelStallTimer();
        if (fanout != null) {
            fanout.remove(this);
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext context, final Throwable cause) {
        fail(cause);
    }

    /** Loop thread: an error on this client only; it is logged and the client closed. */
    void fail(final Throwable cause) {
        LOG.debug("volume-profile SSE client {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        close();
    }
}
