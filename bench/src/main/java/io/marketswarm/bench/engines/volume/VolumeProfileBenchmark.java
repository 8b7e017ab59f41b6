package io.marketswarm.bench.engines.volume;

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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.engines.volume.VolumeProfileAccumulator;
import io.marketswarm.feeds.massive.SyntheticMinuteBars;

/**
 * Per-bar cost of {@link VolumeProfileAccumulator} in steady state (spec {@code volume-profile.md} §3): one year of
 * synthetic SPY regular-session minute bars ({@link #BARS}, about 2% flat) preloaded into primitive arrays and
 * applied with the SPY-to-SPX multiplier 10. The accumulator has seen every bar once in {@code @Setup}, so its bin
 * windows already span the year's price range and an invocation allocates nothing ({@code gc.alloc.rate.norm}
 * under {@code -prof gc} is bytes per bar, expected 0). The score is ns per bar.
 *
 * <ul>
 *   <li>{@link #raw}: RAW only, {@code onBar} with null high and low (TV is skipped at its first check);</li>
 *   <li>{@link #tv}: TV only (30 microbins), {@code onBar} with a null close;</li>
 *   <li>{@link #onBar}: both, the production call.</li>
 * </ul>
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar VolumeProfileBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(VolumeProfileBenchmark.BARS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.NO_BOUNDS_CHECKS, BenchJvm.HEAP_MIN,
    BenchJvm.HEAP_MAX})
public class VolumeProfileBenchmark {

    /** Bars per invocation: the 262 weekdays of 2024, 390 bars each; the score is per bar. */
    public static final int BARS = 102_180;

    /** The SPY-to-SPX multiplier {@code m}. */
    public static final double MULTIPLIER = 10.0;

    private static final double NULL = Double.NaN;

    private final double[] open = new double[BARS];
    private final double[] high = new double[BARS];
    private final double[] low = new double[BARS];
    private final double[] close = new double[BARS];
    private final double[] volume = new double[BARS];
    private VolumeProfileAccumulator accumulator;

    /** Generates the bars and applies them once, so every bin the runs touch exists. */
    @Setup(Level.Trial)
    public void setUp() {
        final SyntheticMinuteBars bars = new SyntheticMinuteBars(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
            400.0, 7);
        int n = 0;
        int flat = 0;
        while (bars.next()) {
            open[n] = bars.open();
            high[n] = bars.high();
            low[n] = bars.low();
            close[n] = bars.close();
            volume[n] = bars.volume();
            flat += bars.highCents() == bars.lowCents() ? 1 : 0;
            n++;
        }
        if (n != BARS) {
            throw new IllegalStateException(n + " bars generated, expected " + BARS);
        }
        accumulator = new VolumeProfileAccumulator(MULTIPLIER);
        for (int i = 0; i < BARS; i++) {
            accumulator.onBar(open[i], high[i], low[i], close[i], volume[i]);
        }
        System.err.printf("[bench] %,d bars (%,d flat), RAW bins %,d, TV bins %,d%n", BARS, flat,
            accumulator.rawBinCount(), accumulator.tvBinCount());
    }

    /** @return RAW bars applied, so the loop cannot be eliminated. */
    @Benchmark
    public long raw() {
        final VolumeProfileAccumulator acc = accumulator;
        final double[] c = close;
        final double[] v = volume;
        for (int i = 0; i < BARS; i++) {
            acc.onBar(NULL, NULL, NULL, c[i], v[i]);
        }
        return acc.rawBarsApplied();
    }

    /** @return TV bars applied. */
    @Benchmark
    public long tv() {
        final VolumeProfileAccumulator acc = accumulator;
        final double[] h = high;
        final double[] l = low;
        final double[] v = volume;
        for (int i = 0; i < BARS; i++) {
            acc.onBar(NULL, h[i], l[i], NULL, v[i]);
        }
        return acc.tvBarsApplied();
    }

    /** @return bars applied to both profiles. */
    @Benchmark
    public long onBar() {
        final VolumeProfileAccumulator acc = accumulator;
        final double[] o = open;
        final double[] h = high;
        final double[] l = low;
        final double[] c = close;
        final double[] v = volume;
        for (int i = 0; i < BARS; i++) {
            acc.onBar(o[i], h[i], l[i], c[i], v[i]);
        }
        return acc.rawBarsApplied() + acc.tvBarsApplied();
    }
}
