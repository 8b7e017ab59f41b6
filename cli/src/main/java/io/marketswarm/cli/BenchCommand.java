package io.marketswarm.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.HdrHistogram.Histogram;
import org.agrona.collections.LongHashSet;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.events.MboEvent;
import io.marketswarm.core.ring.OrderFlowRing;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.core.snapshot.SnapshotSlot;
import io.marketswarm.engines.vp.GridSlotWriter;
import io.marketswarm.engines.vp.OrderFlowPipeline;
import io.marketswarm.engines.vp.OrderFlowSettings;
import io.marketswarm.engines.vp.VacuumPressureEngine;
import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;
import io.marketswarm.feeds.synth.SynthSettings;
import io.marketswarm.feeds.synth.SyntheticMboGenerator;
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

        @Option(names = "--ring-profile", paramLabel = "P", defaultValue = "default", description = "default or tuned.")
        private String ringProfile;

        @Option(names = "--engine-cpu", paramLabel = "N", defaultValue = "-1", description = "CPU for the engine stage.")
        private int engineCpu;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException, TimeoutException {
            final InstrumentConfig config = instrument.load();
            final byte[] session = load(config);
            final MboEvent decoded = new MboEvent();
            final int records = countRecords(session);
            final PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "bench replay: %,d records (%s), ring profile %s, throttle %s ms, rate %s%n",
                records, dbn == null ? "synthetic " + config.symbol() : dbn.getFileName() + " x" + replicate,
                ringProfile, throttleMs, rate == 0 ? "unpaced" : String.format(Locale.ROOT, "%,d ev/s", rate));
            decoded.endOfStream();
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
            throws IOException, TimeoutException {
            final OrderFlowSettings.BookMode mode = OrderFlowSettings.BookMode.parse(bookMode);
            final OrderFlowSettings settings = new OrderFlowSettings(config.isFuture(), config.symbol(),
                LocalDate.parse(date), null, throttleMs, config.tickInt(), mode);
            final SnapshotSlot slot = GridSlotWriter.newSlot();
            final OrderFlowPipeline[] pipeline = new OrderFlowPipeline[1];
            final GridSlotWriter writer = new GridSlotWriter(slot, grid -> latency.recordValue(
                Math.max(0, System.nanoTime() - pipeline[0].lastIngestNanos())));
            pipeline[0] = new OrderFlowPipeline(settings, new VacuumPressureEngine(config.tickInt(), mode.newBook()),
                new LongHashSet(), writer, null);
            final long events;
            final long began;
            final long ended;
            try (OrderFlowRing ring = new OrderFlowRing(1 << 16, RingProfile.parse(ringProfile), engineCpu, null,
                pipeline[0]); DbnReader reader = DbnReader.fromBytes(session, "bench")) {
                final com.lmax.disruptor.RingBuffer<MboEvent> buffer = ring.publisher();
                final MboFlyweight mbo = reader.mbo();
                final long intervalNs = rate > 0 ? 1_000_000_000L / rate : 0;
                long count = 0;
                began = System.nanoTime();
                long next = began;
                while (reader.nextMbo()) {
                    if (intervalNs > 0) {
                        while (System.nanoTime() < next) {
                            Thread.onSpinWait();
                        }
                        next += intervalNs;
                    }
                    final long sequence = buffer.next();
                    buffer.get(sequence).record(mbo.tsEvent(), mbo.tsRecv(), mbo.orderId(), mbo.price(), mbo.size(),
                        mbo.instrumentId(), mbo.publisherId(), mbo.flags(), mbo.action(), mbo.side())
                        .rawLength(0).ingestNanos(System.nanoTime());
                    buffer.publish(sequence);
                    count++;
                }
                final long sequence = buffer.next();
                buffer.get(sequence).endOfStream();
                buffer.publish(sequence);
                ring.awaitDrained(10, TimeUnit.MINUTES);
                ended = System.nanoTime();
                events = count;
                if (ring.failure() != null) {
                    throw new IOException("bench run failed: " + ring.failure(), ring.failure());
                }
            }
            return new long[] {events, ended - began};
        }

        private byte[] load(final InstrumentConfig config) throws IOException {
            if (dbn == null) {
                final long tickInt = config.tickInt();
                final SynthSettings settings = new SynthSettings(1, synthEvents, config.symbol(), 42_001,
                    "GLBX.MDP3", 1, LocalDate.parse(date), LocalTime.of(9, 30), 6.5, tickInt,
                    Math.round(21_500.0 / config.tickSize()) * tickInt, 3);
                final SyntheticMboGenerator generator = new SyntheticMboGenerator(settings);
                final ByteArrayOutputStream bytes = new ByteArrayOutputStream(synthEvents * 56 + 4096);
                try (DbnMboEncoder encoder = new DbnMboEncoder(bytes, generator.metadata())) {
                    generator.generate(encoder);
                }
                return bytes.toByteArray();
            }
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DbnReader reader = DbnReader.open(dbn)) {
                final DbnMboEncoder encoder = new DbnMboEncoder(bytes,
                    io.marketswarm.feeds.journal.DbnFileJournaler.journalMetadata(reader.metadata()));
                final ByteArrayOutputStream records = new ByteArrayOutputStream();
                while (reader.nextMbo()) {
                    final byte[] record = new byte[56];
                    reader.buffer().getBytes(reader.recordIndex(), record);
                    records.write(record);
                }
                final byte[] once = records.toByteArray();
                final org.agrona.concurrent.UnsafeBuffer view = new org.agrona.concurrent.UnsafeBuffer(once);
                for (int copy = 0; copy < replicate; copy++) {
                    for (int offset = 0; offset < once.length; offset += 56) {
                        encoder.append(view, offset, 56);
                    }
                }
                encoder.close();
            }
            return bytes.toByteArray();
        }

        private static int countRecords(final byte[] session) throws IOException {
            int count = 0;
            try (DbnReader reader = DbnReader.fromBytes(session, "bench")) {
                while (reader.nextMbo()) {
                    count++;
                }
            }
            return count;
        }
    }
}
