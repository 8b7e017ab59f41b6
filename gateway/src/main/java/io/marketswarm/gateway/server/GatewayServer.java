package io.marketswarm.gateway.server;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.gateway.profile.VolumeProfileRoutes;
import io.marketswarm.gateway.protocol.StreamMessages;
import io.marketswarm.gateway.session.BinaryGridEncoder;
import io.marketswarm.gateway.session.GatewayMetrics;
import io.marketswarm.gateway.session.SessionEngine;
import io.marketswarm.gateway.session.SessionRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The gateway: one Netty server (the pipeline is built in one initializer below: HTTP codec, aggregator, router;
 * the router swaps itself for the WebSocket handler after an upgrade, or for an SSE client handler on
 * {@code GET /sse/volume-profile}). Binds {@code 127.0.0.1} unless configured otherwise. Start with
 * {@link #start()}, stop with {@link #close()}, which also closes the volume-profile routes it was given.
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayConfig gateway;
    private final InstrumentConfig config;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final SessionRegistry sessions;
    private final String runtimeConfig;
    private final VolumeProfileRoutes volumeProfile;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;

    /**
     * @param gateway  server settings.
     * @param config   the locked instrument (validated: its wire config version must build).
     * @param engines  starts engine runs for new sessions.
     * @param encoders creates a binary frame encoder per event loop.
     */
    public GatewayServer(final GatewayConfig gateway, final InstrumentConfig config,
        final SessionEngine.Factory engines, final Supplier<BinaryGridEncoder> encoders) {
        this(gateway, config, engines, encoders, VolumeProfileRoutes.none());
    }

    /**
     * @param gateway       server settings (its water marks apply to SSE clients too).
     * @param config        the locked instrument (validated: its wire config version must build).
     * @param engines       starts engine runs for new sessions.
     * @param encoders      creates a binary frame encoder per event loop.
     * @param volumeProfile the volume-profile routes, owned by the server from here on (closed by {@link #close()});
     *                      {@link VolumeProfileRoutes#none()} for none.
     */
    public GatewayServer(final GatewayConfig gateway, final InstrumentConfig config,
        final SessionEngine.Factory engines, final Supplier<BinaryGridEncoder> encoders,
        final VolumeProfileRoutes volumeProfile) {
        this.volumeProfile = Objects.requireNonNull(volumeProfile, "volumeProfile");
        this.gateway = gateway;
        this.config = config;
        this.runtimeConfig = StreamMessages.runtimeConfig(config);
        this.sessions = new SessionRegistry(engines, metrics, encoders, gateway.maxSessions(),
            gateway.stallLimitMs() * 1_000_000L);
    }

    /**
     * Binds and starts serving.
     *
     * @return this.
     * @throws InterruptedException if interrupted while binding.
     */
    public GatewayServer start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(gateway.ioThreads(), NioIoHandler.newFactory());
        final ServerBootstrap bootstrap = new ServerBootstrap()
            .group(boss, workers)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 2048)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                new WriteBufferWaterMark(gateway.writeBufferLow(), gateway.writeBufferHigh()))
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(final SocketChannel channel) {
                    channel.pipeline()
                        .addLast("http", new HttpServerCodec())
                        .addLast("aggregator", new HttpObjectAggregator(1 << 16))
                        .addLast("router", new HttpRouter(config, gateway, sessions, metrics, runtimeConfig,
                            volumeProfile));
                }
            });
        server = bootstrap.bind(gateway.host(), gateway.port()).sync().channel();
        LOG.info("gateway listening on http://{}:{}/ (stream ws://{}:{}{})", gateway.host(), port(), gateway.host(),
            port(), HttpRouter.STREAM_PATH);
        return this;
    }

    /** @return the bound port. */
    public int port() {
        return ((InetSocketAddress)server.localAddress()).getPort();
    }

    /** @return the counters. */
    public GatewayMetrics metrics() {
        return metrics;
    }

    /** @return the live sessions. */
    public SessionRegistry sessions() {
        return sessions;
    }

    /** @return a future that completes when the server channel closes. */
    public io.netty.channel.ChannelFuture closeFuture() {
        return server.closeFuture();
    }

    @Override
    public void close() {
        sessions.stopAll();
        volumeProfile.close();
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
