package io.marketswarm.bench.engines.orderflow.book;

import java.io.IOException;
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
import io.marketswarm.engines.orderflow.book.DatabentoOrderBook;
import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.book.ParityOrderBook;
import io.marketswarm.engines.orderflow.book.TouchBuffer;
import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;

/**
 * Order-book throughput on one thread, book only: {@link #EVENTS} MBO records decoded in {@code @Setup} into
 * primitive arrays (so DBN decoding is not measured) and applied per invocation, each with a {@link TouchBuffer}
 * cleared before the record. The score is records/s; {@code gc.alloc.rate.norm} under {@code -prof gc} is bytes per
 * record (expected 0).
 *
 * <p>Every invocation starts with {@link OrderBook#clear()} on the same book, so capacities reached in warmup are
 * kept and steady state is measured; the clear zero-fills the order table (a few hundred microseconds against an
 * invocation of tens of milliseconds). The records get the pipeline's null-price rule (spec §3.2 step 5: {@code A}
 * and {@code M} with {@code UNDEF_PRICE} are dropped, other actions get price 0). The real ES sample has no clear
 * record, so each replicated copy re-adds its snapshot over the previous copy's orders (duplicate adds).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar OrderBookBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(OrderBookBenchmark.EVENTS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.OPEN_LANG, BenchJvm.EXPORT_NIO,
    BenchJvm.NO_ANALYTICS, BenchJvm.NO_BOUNDS_CHECKS, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
public class OrderBookBenchmark {

    /** Records applied per invocation; the score is per record. */
    public static final int EVENTS = 2_000_000;

    /** Source of the records: {@code es} = the real ES sample replicated, {@code synth} = a synthetic session. */
    @Param({"es", "synth"})
    public String source;

    /** Book rules: {@code parity} ({@link ParityOrderBook}) or {@code databento} ({@link DatabentoOrderBook}). */
    @Param({"parity", "databento"})
    public String mode;

    private final byte[] action = new byte[EVENTS];
    private final byte[] side = new byte[EVENTS];
    private final long[] price = new long[EVENTS];
    private final long[] size = new long[EVENTS];
    private final long[] orderId = new long[EVENTS];
    private final int[] flags = new int[EVENTS];
    private final int[] publisherId = new int[EVENTS];
    private final TouchBuffer touches = new TouchBuffer();
    private OrderBook book;

    /**
     * Decodes the records and builds the book.
     *
     * @throws IOException if the sample cannot be read.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final int requested = EVENTS + EVENTS / 16;
        int kept = 0;
        int dropped = 0;
        try (DbnReader reader = DbnReader.fromBytes(BenchData.mboStream(source, requested), source)) {
            final MboFlyweight mbo = reader.mbo();
            while (kept < EVENTS && reader.nextMbo()) {
                final byte a = mbo.action();
                long p = mbo.price();
                if (p == DbnConstants.UNDEF_PRICE) {
                    if (a == 'A' || a == 'M') {
                        dropped++;
                        continue;
                    }
                    p = 0;
                }
                action[kept] = a;
                side[kept] = mbo.side();
                price[kept] = p;
                size[kept] = mbo.size();
                orderId[kept] = mbo.orderId();
                flags[kept] = mbo.flags();
                publisherId[kept] = mbo.publisherId();
                kept++;
            }
        }
        if (kept != EVENTS) {
            throw new IllegalStateException(kept + " records after the null-price rule, expected " + EVENTS);
        }
        book = "databento".equals(mode) ? new DatabentoOrderBook() : new ParityOrderBook();
        System.err.printf("[bench] %s book, %,d records (%,d dropped for null price)%n", mode, kept, dropped);
    }

    /** @return a checksum of the final book, so the work cannot be eliminated. */
    @Benchmark
    public long apply() {
        final OrderBook b = book;
        final TouchBuffer t = touches;
        final byte[] a = action;
        final byte[] s = side;
        final long[] p = price;
        final long[] q = size;
        final long[] id = orderId;
        final int[] f = flags;
        final int[] pub = publisherId;
        b.clear();
        long touched = 0;
        for (int i = 0; i < EVENTS; i++) {
            t.clear();
            b.apply(a[i], s[i], p[i], q[i], id[i], f[i], pub[i], t);
            touched += t.count();
        }
        return touched + b.orderCount() + b.bestBid() + b.bestAsk();
    }
}
