package io.marketswarm.cli;

import java.net.URI;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench fanout}: grids fanned out by the gateway to many WebSocket clients on loopback.
 */
@Command(
    name = "fanout",
    mixinStandardHelpOptions = true,
    description = {
        "Start the gateway with one I/O thread (the server on one core), a stand-in engine publishing grids at",
        "--rate grids/s, and --clients Netty WebSocket clients on loopback in this JVM; report grids delivered",
        "per second (a grid = the grid_update text + the 17.7 KB Arrow frame), conflated grids, and the",
        "publish -> client delivery delay percentiles.",
    },
    footer = {
        "",
        "Examples:",
        "  java -jar target/marketswarm.jar bench fanout --clients 1000 --rate 1000 --seconds 10",
        "  java -jar target/marketswarm.jar bench fanout --clients 100 --rate 200",
    })
final class BenchFanoutCommand implements Callable<Integer> {

    @Mixin
    private InstrumentOption instrument;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1000", description = "Clients (default: ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--rate", paramLabel = "GRIDS_PER_S", defaultValue = "1000",
        description = "Grids published per second (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "Measured time (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--client-threads", paramLabel = "N", defaultValue = "1",
        description = "Client event loops (default: ${DEFAULT-VALUE}).")
    private int clientThreads;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Histogram delay = new Histogram(60_000_000_000L, 3);
    private volatile boolean measuring;

    @Override
    public Integer call() throws Exception {
        final InstrumentConfig config = instrument.load();
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
                    spec.commandLine().getOut().printf(Locale.ROOT, "bench fanout: %d clients, %d grids/s published, "
                            + "server on 1 I/O thread: %,.0f grids/s delivered (%,.0f MB/s), %,d conflated; "
                            + "delivery delay us: p50 %,.0f p90 %,.0f p99 %,.0f max %,.0f%n", clients, rate,
                        delivered.get() / elapsed, bytes.get() / elapsed / 1e6, conflated,
                        delay.getValueAtPercentile(50) / 1e3, delay.getValueAtPercentile(90) / 1e3,
                        delay.getValueAtPercentile(99) / 1e3, delay.getMaxValue() / 1e3);
                }
                spec.commandLine().getOut().flush();
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        return 0;
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
