package io.marketswarm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.HdrHistogram.Histogram;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.engines.orderflow.GridSlotWriter;
import io.marketswarm.engines.orderflow.OrderFlowSettings;
import io.marketswarm.runtime.orderflow.OrderFlowContext;
import io.marketswarm.runtime.orderflow.OrderFlowRuntime;
import io.marketswarm.runtime.orderflow.OrderFlowSummary;
import io.marketswarm.runtime.orderflow.SyntheticSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench replay}: end-to-end throughput and ingest-to-snapshot latency of the order-flow ring.
 */
@Command(
    name = "bench",
    description = "Measurement harnesses (JMH micro-benchmarks live in bench/target/benchmarks.jar).",
    subcommands = {BenchCommand.Replay.class, BenchFanoutCommand.class},
    mixinStandardHelpOptions = true)
final class BenchCommand {

    /** {@code bench replay}. */
    @Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Load a session into memory (a DBN file, or a synthetic session of --synth N events), then run it",
            "through the ring (feed thread -> engine thread, grids into a snapshot slot) --repeat times and report",
            "events/s and the HdrHistogram of ingest -> snapshot latency (from the feed thread's publish of an",
            "event to its grid being in the slot). --rate paces the feed thread (events/s of wall time; 0 = as",
            "fast as possible). Latency is recorded for every emitted grid, so use --throttle-ms 0 to time every",
            "event.",
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/marketswarm.jar bench replay --synth 10000000",
            "  java -jar target/marketswarm.jar bench replay --dbn esh4-glbx-mdp3-20231225.mbo.dbn.zst \\",
            "      --instrument es.yaml --dt 2023-12-25 --replicate 60",
            "  java -jar target/marketswarm.jar bench replay --synth 2000000 --rate 100000 --throttle-ms 0 \\",
            "      --ring-profile tuned --engine-cpu 1",
        })
    static final class Replay implements Callable<Integer> {

        @Mixin
        private InstrumentOption instrument;

        @Mixin
        private RingOptions ring;

        @Option(names = "--dbn", paramLabel = "FILE", description = "Session to replay (default: synthetic).")
        private Path dbn;

        @Option(names = "--dt", paramLabel = "YYYY-MM-DD", defaultValue = "2026-02-06",
            description = "Trading date of the session (default: ${DEFAULT-VALUE}).")
        private String date;

        @Option(names = "--synth", paramLabel = "N", defaultValue = "10000000",
            description = "Events of the synthetic session when no --dbn is given (default: ${DEFAULT-VALUE}).")
        private int synthEvents;

        @Option(names = "--replicate", paramLabel = "K", defaultValue = "1",
            description = "Concatenate the file's records K times (default: 1).")
        private int replicate;

        @Option(names = "--repeat", paramLabel = "R", defaultValue = "3",
            description = "Timed runs after one warm-up run (default: ${DEFAULT-VALUE}).")
        private int repeat;

        @Option(names = "--rate", paramLabel = "EV_PER_S", defaultValue = "0",
            description = "Feed pacing in events/s of wall time, 0 = unpaced (default: ${DEFAULT-VALUE}).")
        private long rate;

        @Option(names = "--throttle-ms", paramLabel = "MS", defaultValue = "25",
            description = "Event-time throttle (default: ${DEFAULT-VALUE}).")
        private double throttleMs;

        @Option(names = "--book-mode", paramLabel = "MODE", defaultValue = "parity", description = "parity or databento.")
        private String bookMode;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            final InstrumentConfig config = instrument.load();
            final byte[] session = load(config);
            final long records = SyntheticSessions.countMbo(session);
            final PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "bench replay: %,d records (%s), ring profile %s, throttle %s ms, rate %s%n",
                records, dbn == null ? "synthetic " + config.symbol() : dbn.getFileName() + " x" + replicate,
                ring.ringProfile, throttleMs, rate == 0 ? "unpaced" : String.format(Locale.ROOT, "%,d ev/s", rate));
            for (int run = 0; run <= repeat; run++) {
                final Histogram latency = new Histogram(3_600_000_000_000L, 3);
                final long[] result = runOnce(config, session, latency);
                if (run == 0) {
                    out.printf(Locale.ROOT, "warm-up: %,.0f events/s%n", result[0] * 1e9 / result[1]);
                    continue;
                }
                out.printf(Locale.ROOT, "run %d: %,d events in %.3f s = %,.0f events/s; %,d grids; ingest->snapshot "
                        + "ns: p50 %,d p90 %,d p99 %,d p99.9 %,d max %,d%n", run, result[0], result[1] / 1e9,
                    result[0] * 1e9 / result[1], latency.getTotalCount(), latency.getValueAtPercentile(50),
                    latency.getValueAtPercentile(90), latency.getValueAtPercentile(99),
                    latency.getValueAtPercentile(99.9), latency.getMaxValue());
            }
            out.flush();
            return 0;
        }

        private long[] runOnce(final InstrumentConfig config, final byte[] session, final Histogram latency)
            throws IOException {
            final OrderFlowContext ctx;
            try {
                ctx = new OrderFlowContext().config(config).date(LocalDate.parse(date)).throttleMs(throttleMs)
                    .bookMode(OrderFlowSettings.BookMode.parse(bookMode)).rateEventsPerSecond(rate).stampIngest(true)
                    .memorySession(session, "bench");
                ring.applyTo(ctx).conclude();
            } catch (final IllegalArgumentException ex) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
            }
            final OrderFlowSummary summary = new OrderFlowRuntime(ctx).runToSlot(GridSlotWriter.newSlot(),
                latency::recordValue);
            return new long[] {summary.published(), summary.elapsedNanos()};
        }

        private byte[] load(final InstrumentConfig config) throws IOException {
            if (dbn == null) {
                return SyntheticSessions.generate(config, LocalDate.parse(date), synthEvents, 21_500.0);
            }
            return SyntheticSessions.replicated(dbn, replicate);
        }

    }
}
