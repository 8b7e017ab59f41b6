package io.marketswarm.cli;

import java.util.Locale;
import java.util.concurrent.Callable;

import io.marketswarm.runtime.harness.FanoutHarness;
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

    @Override
    public Integer call() throws Exception {
        final FanoutHarness.Result r;
        try {
            r = new FanoutHarness(instrument.load(), clients, rate, seconds, clientThreads).run();
        } catch (final IllegalArgumentException ex) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "bench fanout: %d clients, %d grids/s published, server on 1 "
                + "I/O thread: %,.0f grids/s delivered (%,.0f MB/s), %,d conflated; delivery delay us: p50 %,.0f "
                + "p90 %,.0f p99 %,.0f max %,.0f%n", clients, rate, r.gridsPerSecond(), r.megabytesPerSecond(),
            r.conflated(), r.delayNs().getValueAtPercentile(50) / 1e3, r.delayNs().getValueAtPercentile(90) / 1e3,
            r.delayNs().getValueAtPercentile(99) / 1e3, r.delayNs().getMaxValue() / 1e3);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
