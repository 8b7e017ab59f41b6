package io.marketswarm.runtime.harness;

import java.net.URI;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;
import io.marketswarm.gateway.arrow.GridArrowEncoder;
import io.marketswarm.gateway.server.GatewayConfig;
import io.marketswarm.gateway.server.GatewayServer;
import io.marketswarm.gateway.session.SessionEngine;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.gateway.session.StreamSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

/**
 * The gateway fan-out harness of {@code bench fanout}: the gateway with one I/O thread, a stand-in engine publishing
 * grids at a fixed rate (each stamped with {@link System#nanoTime()} as its {@code ts_ns}), and many Netty WebSocket
 * clients on loopback in this JVM, counting grids delivered, bytes and the publish-to-client delay.
 *
 * <p>Called from one thread; the clients count on their event loops.
 */
public final class FanoutHarness {

    private final InstrumentConfig config;
    private final int clients;
    private final int rate;
    private final int seconds;
    private final int clientThreads;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Histogram delay = new Histogram(60_000_000_000L, 3);
    private volatile boolean measuring;

    /**
     * What one measurement found.
     *
     * @param gridsPerSecond    grids (Arrow frames) delivered per second, all clients together.
     * @param megabytesPerSecond Arrow bytes delivered per second, 1e6 bytes.
     * @param conflated         grids skipped for clients over the water mark.
     * @param delayNs           publish-to-client delay of grid_update texts, ns.
     */
    public record Result(double gridsPerSecond, double megabytesPerSecond, long conflated, Histogram delayNs) {
    }

    /**
     * @param config        the instrument the gateway serves.
     * @param clients       WebSocket clients.
     * @param rate          grids published per second.
     * @param seconds       measured time.
     * @param clientThreads client event loops.
     */
    public FanoutHarness(final InstrumentConfig config, final int clients, final int rate, final int seconds,
        final int clientThreads) {
        if (clients < 1 || rate < 1 || seconds < 1 || clientThreads < 1) {
            throw new IllegalArgumentException("clients " + clients + ", rate " + rate + ", seconds " + seconds
                + " and client threads " + clientThreads + " must all be at least 1");
        }
        this.config = config;
        this.clients = clients;
        this.rate = rate;
        this.seconds = seconds;
        this.clientThreads = clientThreads;
    }

    /**
     * Runs the measurement: starts the gateway and the clients, waits 2 s, measures for {@code seconds}.
     *
     * @return the figures.
     * @throws InterruptedException if interrupted.
     */
    public Result run() throws InterruptedException {
        final GatewayConfig gatewayConfig = new GatewayConfig("127.0.0.1", 0, 1, 1, 256 * 1024, 512 * 1024, 60_000,
            new SessionKey(LocalDate.of(2026, 2, 6), null, 25));
        try (GatewayServer server = new GatewayServer(gatewayConfig, config, key -> new PublishingEngine(rate),
            GridArrowEncoder::new).start()) {
            final EventLoopGroup group = new MultiThreadIoEventLoopGroup(clientThreads, NioIoHandler.newFactory());
            try {
                final URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/v1/vacuum-pressure/stream");
                final CountDownLatch connected = new CountDownLatch(clients);
                for (int i = 0; i < clients; i++) {
                    connect(group, uri, connected);
                }
                if (!connected.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(connected.getCount() + " clients did not connect");
                }
                Thread.sleep(2000);
                final long conflatedBefore = server.metrics().framesConflated.sum();
                delivered.set(0);
                bytes.set(0);
                synchronized (delay) {
                    delay.reset();
                }
                measuring = true;
                final long began = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                measuring = false;
                final double elapsed = (System.nanoTime() - began) / 1e9;
                final long conflated = server.metrics().framesConflated.sum() - conflatedBefore;
                synchronized (delay) {
                    return new Result(delivered.get() / elapsed, bytes.get() / elapsed / 1e6, conflated, delay.copy());
                }
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
    }

    private void connect(final EventLoopGroup group, final URI uri, final CountDownLatch connected) {
        new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(final SocketChannel channel) {
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                    new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri,
                        WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 1 << 20)),
                    new Counter(connected));
            }
        }).connect(uri.getHost(), uri.getPort());
    }

    private final class Counter extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final CountDownLatch connected;
        private boolean counted;

        Counter(final CountDownLatch connected) {
            this.connected = connected;
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame) {
            if (!counted) {
                counted = true;
                connected.countDown();
            }
            if (!measuring) {
                return;
            }
            if (frame instanceof TextWebSocketFrame) {
                final ByteBuf content = frame.content();
                final int start = indexOf(content, "\"ts_ns\":\"") + 9;
                if (start > 8) {
                    long ts = 0;
                    for (int i = start; content.getByte(i) != '"'; i++) {
                        ts = ts * 10 + (content.getByte(i) - '0');
                    }
                    final long now = System.nanoTime();
                    synchronized (delay) {
                        delay.recordValue(Math.max(0, Math.min(now - ts, 60_000_000_000L)));
                    }
                }
            } else if (frame instanceof BinaryWebSocketFrame) {
                delivered.incrementAndGet();
                bytes.addAndGet(frame.content().readableBytes());
            }
        }

        private int indexOf(final ByteBuf content, final String needle) {
            outer:
            for (int i = content.readerIndex(); i <= content.writerIndex() - needle.length(); i++) {
                for (int j = 0; j < needle.length(); j++) {
                    if (content.getByte(i + j) != needle.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Publishes grids stamped with {@link System#nanoTime()} as their {@code ts_ns}, at a fixed rate. */
    private static final class PublishingEngine implements SessionEngine {
        private final int rate;
        private volatile boolean stopped;

        PublishingEngine(final int rate) {
            this.rate = rate;
        }

        @Override
        public void start(final StreamSession session) {
            final Thread thread = new Thread(() -> {
                final GridSnapshot grid = GridSnapshot.allocate();
                final long interval = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (long id = 1; !stopped; id++) {
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                    next += interval;
                    grid.header(System.nanoTime(), id, 21_500_000_000_000L, 21_500.125, 21_500_000_000_000L,
                        21_500_250_000_000L, true, 0);
                    session.slot().write(grid.buffer(), grid.offset(), GridSnapshotDescriptor.LENGTH);
                    session.onGridPublished();
                }
            }, "bench-publisher");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void stop() {
            stopped = true;
        }

        @Override
        public long ringRemainingCapacity() {
            return 0;
        }

        @Override
        public long eventsProcessed() {
            return 0;
        }
    }
}
