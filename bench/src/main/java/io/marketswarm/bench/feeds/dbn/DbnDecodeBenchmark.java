package io.marketswarm.bench.feeds.dbn;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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

import com.github.luben.zstd.Zstd;

import io.marketswarm.bench.support.BenchData;
import io.marketswarm.bench.support.BenchJvm;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;

/**
 * DBN MBO decode throughput on one thread, from memory: a whole stream per invocation, reported per record (the
 * score is records/s; {@code gc.alloc.rate.norm} under {@code -prof gc} is bytes per record).
 *
 * <p>Each record is fully read (every field the book and the grid use) and folded into a checksum that is returned,
 * so nothing is dead-code eliminated. Compressed variants decode the same bytes zstd-compressed at level 3 with the
 * shipped decoder (zstd-jni) and with the pure-Java alternative (aircompressor) it was chosen against.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar DbnDecodeBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(DbnDecodeBenchmark.RECORDS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.EXPORT_MISC, BenchJvm.OPEN_LANG, BenchJvm.EXPORT_NIO,
    BenchJvm.NO_ANALYTICS, BenchJvm.NO_BOUNDS_CHECKS, BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
public class DbnDecodeBenchmark {

    /** Source of the records: {@code es} = the real ES sample replicated, {@code synth} = a synthetic session. */
    @Param({"es"})
    public String source;

    /** Records in the stream; the score is per record. */
    public static final int RECORDS = 4_000_000;

    private byte[] plain;
    private byte[] zstd;

    /**
     * Builds the streams and checks they hold exactly {@link #RECORDS} MBO records.
     *
     * @throws IOException if the sample cannot be read.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        plain = BenchData.mboStream(source, RECORDS);
        zstd = Zstd.compress(plain, 3);
        long count = 0;
        try (DbnReader reader = DbnReader.fromBytes(plain, "plain")) {
            while (reader.nextMbo()) {
                count++;
            }
        }
        System.err.printf("[bench] %,d records, %,d bytes plain, %,d bytes zstd (ratio %.1f)%n", count,
            plain.length, zstd.length, (double)plain.length / zstd.length);
        if (count != RECORDS) {
            throw new IllegalStateException(count + " records, expected " + RECORDS);
        }
    }

    /**
     * @return checksum over all records.
     * @throws IOException never for valid data.
     */
    @Benchmark
    public long uncompressed() throws IOException {
        return checksum(DbnReader.fromBytes(plain, "plain"));
    }

    /**
     * @return checksum over all records.
     * @throws IOException never for valid data.
     */
    @Benchmark
    public long zstdJni() throws IOException {
        try (DbnReader reader = DbnReader.fromBytes(zstd, "zstd")) {
            return checksum(reader);
        }
    }

    /**
     * @return checksum over all records.
     * @throws IOException never for valid data.
     */
    @Benchmark
    public long zstdAircompressor() throws IOException {
        final InputStream in = new io.airlift.compress.zstd.ZstdInputStream(new ByteArrayInputStream(zstd));
        try (DbnReader reader = DbnReader.open(in, "aircompressor")) {
            return checksum(reader);
        }
    }

    private static long checksum(final DbnReader reader) throws IOException {
        final MboFlyweight mbo = reader.mbo();
        long sum = 0;
        while (reader.nextMbo()) {
            sum += mbo.tsEvent() ^ mbo.orderId() ^ mbo.price() ^ (mbo.size() << 8) ^ mbo.flags() ^ mbo.action()
                ^ mbo.side() ^ mbo.instrumentId();
        }
        return sum;
    }
}
