package io.marketswarm.bench.core.ring;

import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.agrona.collections.LongHashSet;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.lmax.disruptor.RingBuffer;

import io.marketswarm.bench.support.BenchData;
import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.bench.support.DecodedEvents;
import io.marketswarm.core.events.MboEvent;
import io.marketswarm.core.ring.OrderFlowRing;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.core.snapshot.SnapshotSlot;
import io.marketswarm.engines.book.ParityOrderBook;
import io.marketswarm.engines.vp.GridSlotWriter;
import io.marketswarm.engines.vp.OrderFlowPipeline;
import io.marketswarm.engines.vp.OrderFlowSettings;
import io.marketswarm.engines.vp.VacuumPressureEngine;

/**
 * End to end on two threads: the benchmark thread publishes {@value #EVENTS} pre-decoded events into the ring, the
 * engine stage runs the pipeline (throttle 25 ms) and publishes grids into a snapshot slot; one invocation ends when
 * the stage has drained. Score = events/s; {@code -prof gc} counts every thread's allocation per event.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar OrderFlowRingBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(OrderFlowRingBenchmark.EVENTS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.OPEN_LANG, BenchJvm.EXPORT_NIO,
    BenchJvm.NO_ANALYTICS, BenchJvm.NO_BOUNDS_CHECKS, "-Xms4g", "-Xmx4g"})
public class OrderFlowRingBenchmark {

    /** Events per invocation. */
    public static final int EVENTS = 10_000_000;
    private static final long TICK = 250_000_000L;

    /** {@code es} = real ESH4 session replicated, {@code synth} = synthetic MNQH6 session. */
    @Param({"es", "synth"})
    public String source;

    /** Ring profile: {@code default} or {@code tuned}. */
    @Param({"default"})
    public String profile;

    private DecodedEvents events;

    private LocalDate sessionDate() {
        return "es".equals(source) && BenchData.findEsSample() != null ? LocalDate.of(2023, 12, 25)
            : LocalDate.of(2026, 2, 6);
    }

    /**
     * @throws IOException if the sample cannot be read.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        events = new DecodedEvents(BenchData.mboStream(source, EVENTS), EVENTS);
    }

    /**
     * @return grids emitted.
     * @throws TimeoutException if the engine stage falls a minute behind.
     */
    @Benchmark
    public long endToEnd() throws TimeoutException {
        final OrderFlowSettings settings = new OrderFlowSettings(true, "X", sessionDate(), null, 25, TICK,
            OrderFlowSettings.BookMode.PARITY);
        final SnapshotSlot slot = GridSlotWriter.newSlot();
        final OrderFlowPipeline pipeline = new OrderFlowPipeline(settings,
            new VacuumPressureEngine(TICK, new ParityOrderBook()), new LongHashSet(), new GridSlotWriter(slot, null),
            null);
        try (OrderFlowRing ring = new OrderFlowRing(1 << 16, RingProfile.parse(profile), -1, null, pipeline)) {
            final RingBuffer<MboEvent> buffer = ring.publisher();
            final DecodedEvents e = events;
            for (int i = 0; i < EVENTS; i++) {
                final long sequence = buffer.next();
                buffer.get(sequence).record(e.ts[i], e.ts[i], e.orderId[i], e.price[i], e.size[i], e.instrumentId[i],
                    e.publisherId[i], e.flags[i], e.action[i], e.side[i]);
                buffer.publish(sequence);
            }
            final long sequence = buffer.next();
            buffer.get(sequence).endOfStream();
            buffer.publish(sequence);
            ring.awaitDrained(1, TimeUnit.MINUTES);
        }
        return pipeline.gridsEmitted() + slot.writes();
    }
}
