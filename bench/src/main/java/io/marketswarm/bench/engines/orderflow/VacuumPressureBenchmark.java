package io.marketswarm.bench.engines.orderflow;

import java.io.IOException;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

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

import io.marketswarm.bench.support.BenchData;
import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.bench.support.DecodedEvents;
import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.book.ParityOrderBook;
import io.marketswarm.engines.orderflow.book.TouchBuffer;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.engines.orderflow.OrderFlowPipeline;
import io.marketswarm.engines.orderflow.OrderFlowSettings;
import io.marketswarm.engines.orderflow.VacuumPressureEngine;

/**
 * The order-flow engine on one thread, per event (score = events/s; {@code -prof gc} B/op = bytes per event), over
 * {@value #EVENTS} pre-decoded events: the real ES session replicated, or a synthetic MNQ session.
 * <ul>
 *   <li>{@code bookOnly}: the parity book alone (the baseline the grid's cost is measured against);</li>
 *   <li>{@code bookAndGrid}: {@link VacuumPressureEngine#onEvent}: book, spot, shift, mechanics, derivative chain;</li>
 *   <li>{@code pipeline}: the engine stage as replay runs it: filter, throttle 25 ms, grids published.</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar VacuumPressureBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(VacuumPressureBenchmark.EVENTS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.OPEN_LANG, BenchJvm.EXPORT_NIO,
    BenchJvm.NO_ANALYTICS, BenchJvm.NO_BOUNDS_CHECKS, "-Xms4g", "-Xmx4g"})
public class VacuumPressureBenchmark {

    /** Events per invocation. */
    public static final int EVENTS = 10_000_000;
    private static final long TICK = 250_000_000L;

    /** {@code es} = real ESH4 session replicated, {@code synth} = synthetic MNQH6 session. */
    @Param({"es", "synth"})
    public String source;

    private DecodedEvents events;

    private LocalDate sessionDate() {
        return "es".equals(source) && BenchData.findEsSample() != null ? LocalDate.of(2023, 12, 25)
            : LocalDate.of(2026, 2, 6);
    }
    private final TouchBuffer touches = new TouchBuffer();

    /**
     * @throws IOException if the sample cannot be read.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        events = new DecodedEvents(BenchData.mboStream(source, EVENTS), EVENTS);
    }

    /** @return best bid after all events. */
    @Benchmark
    public long bookOnly() {
        final OrderBook book = new ParityOrderBook();
        final DecodedEvents e = events;
        final TouchBuffer t = touches;
        for (int i = 0; i < EVENTS; i++) {
            t.clear();
            book.apply(e.action[i], e.side[i], e.price[i], e.size[i], e.orderId[i], e.flags[i], e.publisherId[i], t);
        }
        return book.bestBid();
    }

    /** @return spot after all events. */
    @Benchmark
    public long bookAndGrid() {
        final VacuumPressureEngine engine = new VacuumPressureEngine(TICK, new ParityOrderBook());
        final DecodedEvents e = events;
        for (int i = 0; i < EVENTS; i++) {
            engine.onEvent(e.ts[i], e.action[i], e.side[i], e.price[i], e.size[i], e.orderId[i], e.flags[i],
                e.publisherId[i]);
        }
        return engine.spotRef();
    }

    /** @return grids emitted. */
    @Benchmark
    public long pipeline() {
        final long[] spots = new long[1];
        final OrderFlowSettings settings = new OrderFlowSettings(true, "X", sessionDate(), null, 25, TICK,
            OrderFlowSettings.BookMode.PARITY);
        final OrderFlowPipeline pipeline = new OrderFlowPipeline(settings,
            new VacuumPressureEngine(TICK, new ParityOrderBook()), new LongHashSet(),
            (GridSnapshot grid) -> spots[0] += grid.spotRefPriceInt(), null);
        final DecodedEvents e = events;
        for (int i = 0; i < EVENTS; i++) {
            pipeline.onRecord(e.ts[i], e.action[i], e.side[i], e.price[i], e.size[i], e.orderId[i], e.flags[i],
                e.publisherId[i], e.instrumentId[i]);
        }
        return pipeline.gridsEmitted() + spots[0];
    }
}
