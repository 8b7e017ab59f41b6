package io.marketswarm.bench.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;

import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.synth.SynthSettings;
import io.marketswarm.feeds.synth.SyntheticMboGenerator;

/**
 * Input data for benchmarks, built once per trial: the real ES MBO sample replicated to a target record count, or a
 * synthetic session of that size when the sample is absent (printed, so a figure is never mistaken for the other).
 *
 * <p>The real file is found through {@code -Dmarketswarm.es.file=PATH}, else as
 * {@code shared/data/dbn-real/esh4-glbx-mdp3-20231225.mbo.dbn.zst} in the working directory or up to three parents.
 */
public final class BenchData {

    /** File name of the real ES session sample. */
    public static final String ES_SAMPLE = "esh4-glbx-mdp3-20231225.mbo.dbn.zst";

    private BenchData() {
    }

    /**
     * @return the real ES sample, or {@code null} when it cannot be found.
     */
    public static Path findEsSample() {
        final String property = System.getProperty("marketswarm.es.file");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 4 && dir != null; i++) {
            final Path candidate = dir.resolve("shared").resolve("data").resolve("dbn-real").resolve(ES_SAMPLE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }

    /**
     * An uncompressed DBN v3 stream of exactly {@code minRecords} MBO records (the last copy of the sample cut short).
     *
     * @param source     {@code es} for the replicated real sample (falls back to synth if absent) or {@code synth}.
     * @param minRecords records wanted.
     * @return the whole stream, metadata first.
     * @throws IOException if the sample cannot be read.
     */
    public static byte[] mboStream(final String source, final int minRecords) throws IOException {
        final Path es = "es".equals(source) ? findEsSample() : null;
        if (es != null) {
            return replicate(es, minRecords);
        }
        if ("es".equals(source)) {
            System.err.println("[bench] " + ES_SAMPLE + " not found (-Dmarketswarm.es.file=PATH): using a synthetic "
                + "session instead");
        }
        return synthetic(minRecords);
    }

    private static byte[] replicate(final Path file, final int minRecords) throws IOException {
        final ByteArrayOutputStream records = new ByteArrayOutputStream(4 << 20);
        final byte[] header;
        int count = 0;
        try (DbnReader reader = DbnReader.open(file)) {
            header = DbnMetadataCodec.encode(withVersion3(reader));
            while (reader.next()) {
                final byte[] record = new byte[reader.recordLength()];
                reader.buffer().getBytes(reader.recordIndex(), record);
                records.write(record);
                count++;
            }
        }
        final byte[] once = records.toByteArray();
        final int recordBytes = once.length / count;
        if (recordBytes * count != once.length) {
            throw new IOException(file + ": records of mixed sizes cannot be replicated to an exact count");
        }
        final long total = (long)recordBytes * minRecords;
        final byte[] stream = new byte[Math.toIntExact(header.length + total)];
        System.arraycopy(header, 0, stream, 0, header.length);
        for (long done = 0; done < total; done += once.length) {
            System.arraycopy(once, 0, stream, (int)(header.length + done), (int)Math.min(once.length, total - done));
        }
        System.err.printf("[bench] %s replicated %.1f times = %,d records%n", file.getFileName(),
            (double)minRecords / count, minRecords);
        return stream;
    }

    private static io.marketswarm.feeds.dbn.DbnMetadata withVersion3(final DbnReader reader) {
        final io.marketswarm.feeds.dbn.DbnMetadata md = reader.metadata();
        return new io.marketswarm.feeds.dbn.DbnMetadata(3, md.dataset(), md.schema(), md.start(), md.end(), md.limit(),
            md.stypeIn(), md.stypeOut(), md.tsOut(), md.symbolCstrLen(), md.symbols(), md.partial(), md.notFound(),
            md.mappings(), 0);
    }

    private static byte[] synthetic(final int records) throws IOException {
        final SynthSettings settings = new SynthSettings(1, records, "MNQH6", 42_001, "GLBX.MDP3", 1,
            LocalDate.of(2026, 2, 6), LocalTime.of(9, 30), 6.5, 250_000_000L, 21_500_000_000_000L, 3);
        final SyntheticMboGenerator generator = new SyntheticMboGenerator(settings);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(records * 56 + 4096);
        try (DbnMboEncoder encoder = new DbnMboEncoder(bytes, generator.metadata())) {
            generator.generate(encoder);
        }
        System.err.println("[bench] synthetic MNQH6 session, " + records + " records");
        return bytes.toByteArray();
    }
}
