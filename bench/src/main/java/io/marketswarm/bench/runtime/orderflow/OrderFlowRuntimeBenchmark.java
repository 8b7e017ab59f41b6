package io.marketswarm.bench.runtime.orderflow;

import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

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

import io.marketswarm.bench.support.BenchData;
import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.core.snapshot.SnapshotSlot;
import io.marketswarm.engines.orderflow.GridSlotWriter;
import io.marketswarm.runtime.orderflow.OrderFlowContext;
import io.marketswarm.runtime.orderflow.OrderFlowRuntime;

/**
 * End to end through {@link OrderFlowRuntime}, as {@code bench replay} runs it: the benchmark thread reads
 * {@value #EVENTS} records from a DBN session in memory and publishes them into the ring, the engine stage runs the
 * pipeline (throttle 25 ms) and publishes grids into a snapshot slot; one invocation ends when the stage has drained.
 * Score = events/s; {@code -prof gc} counts every thread's allocation per event.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar OrderFlowRuntimeBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(OrderFlowRuntimeBenchmark.EVENTS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.OPEN_LANG, BenchJvm.EXPORT_NIO,
    BenchJvm.NO_ANALYTICS, BenchJvm.NO_BOUNDS_CHECKS, "-Xms4g", "-Xmx4g"})
public class OrderFlowRuntimeBenchmark {

    /** Events per invocation. */
    public static final int EVENTS = 10_000_000;

    /** {@code es} = real ESH4 session replicated, {@code synth} = synthetic MNQH6 session. */
    @Param({"es", "synth"})
    public String source;

    /** Ring profile: {@code default} or {@code tuned}. */
    @Param({"default"})
    public String profile;

    private OrderFlowContext context;
    private final SnapshotSlot slot = GridSlotWriter.newSlot();

    /**
     * @throws IOException if the sample cannot be read.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final boolean es = "es".equals(source) && BenchData.findEsSample() != null;
        final InstrumentConfig config = InstrumentConfigLoader.parse(String.join("\n", "product_type: future_mbo",
            es ? "symbol: ESH4" : "symbol: MNQH6", es ? "symbol_root: ES" : "symbol_root: MNQ", "price_scale: 1.0e-9",
            "tick_size: 0.25", "bucket_size_dollars: 0.25", "rel_tick_size: 0.25", "grid_max_ticks: 400",
            es ? "contract_multiplier: 50.0" : "contract_multiplier: 2.0", "qty_unit: contracts", "price_decimals: 2",
            ""), "benchmark instrument");
        context = new OrderFlowContext().config(config)
            .date(es ? LocalDate.of(2023, 12, 25) : LocalDate.of(2026, 2, 6)).throttleMs(25)
            .ringProfile(RingProfile.parse(profile)).memorySession(BenchData.mboStream(source, EVENTS), source)
            .conclude();
    }

    /**
     * @return grids emitted.
     * @throws IOException if the run fails.
     */
    @Benchmark
    public long endToEnd() throws IOException {
        return new OrderFlowRuntime(context).runToSlot(slot, ns -> { }).gridsEmitted() + slot.writes();
    }
}
