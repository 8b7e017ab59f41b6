package io.marketswarm.cli.serve;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.gateway.arrow.GridArrowEncoder;
import io.marketswarm.gateway.server.GatewayConfig;
import io.marketswarm.gateway.server.GatewayServer;
import io.marketswarm.gateway.session.SessionKey;
import io.marketswarm.runtime.orderflow.OrderFlowContext;
import io.marketswarm.runtime.orderflow.OrderFlowRuntime;

/**
 * A real gateway on loopback serving the committed golden DBN file through real engine sessions.
 */
final class LiveServerFixture {

    static final Path GOLDEN = Path.of("src/test/resources/golden/MNQH6-20260206.synth-golden.dbn.zst");
    static final InstrumentConfig CONFIG = InstrumentConfigLoader.load(Path.of("..", "instrument.yaml"));

    private LiveServerFixture() {
    }

    /**
     * @param speed event-time speed-up.
     * @param loop  start the file over when it ends.
     * @return a started server on a free port.
     * @throws InterruptedException if binding is interrupted.
     */
    static GatewayServer start(final double speed, final boolean loop) throws InterruptedException {
        return start(new OrderFlowContext().dbn(GOLDEN).useCache(false).speed(speed).loop(loop), 4);
    }

    /**
     * @param ctx         the order-flow context without config, date, start time and throttle (set here).
     * @param maxSessions sessions at once.
     * @return a started server on a free port serving sessions of {@code ctx}.
     * @throws InterruptedException if binding is interrupted.
     */
    static GatewayServer start(final OrderFlowContext ctx, final int maxSessions) throws InterruptedException {
        final OrderFlowRuntime runtime = new OrderFlowRuntime(ctx.config(CONFIG).date(LocalDate.of(2026, 2, 6))
            .startTime(LocalTime.of(9, 30)).throttleMs(10_000).maxGapMs(1000));
        final GatewayServer[] server = new GatewayServer[1];
        server[0] = new GatewayServer(GatewayConfig.defaults("127.0.0.1", 0, maxSessions,
            new SessionKey(LocalDate.of(2026, 2, 6), LocalTime.of(9, 30), 10_000)), CONFIG,
            key -> runtime.sessions(server[0].metrics()).create(key), GridArrowEncoder::new).start();
        return server[0];
    }
}
