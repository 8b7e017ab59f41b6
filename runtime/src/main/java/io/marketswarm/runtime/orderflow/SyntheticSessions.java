package io.marketswarm.runtime.orderflow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;

import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.journal.DbnFileJournaler;
import io.marketswarm.feeds.synth.SynthSettings;
import io.marketswarm.feeds.synth.SyntheticMboGenerator;

/**
 * MBO sessions held in memory as DBN bytes: synthetic ones (the embedded demo of {@code serve}, the default session
 * of {@code bench replay}; deterministic: seed 1, publisher 1, 09:30 ET for 6.5 h, mid by instrument) and real files
 * replicated for benchmarks.
 */
public final class SyntheticSessions {

    /** Bytes of one MBO record. */
    private static final int MBO_LENGTH = 56;

    /** Events of the embedded demo. */
    public static final int DEMO_EVENTS = 2_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(SyntheticSessions.class);

    private SyntheticSessions() {
    }

    /**
     * The embedded demo session of {@code serve}.
     *
     * @param config the instrument.
     * @param date   trading date.
     * @return the session as DBN bytes.
     */
    public static byte[] demo(final InstrumentConfig config, final LocalDate date) {
        final byte[] session = generate(config, date, DEMO_EVENTS, config.isFuture() ? 21_500.0 : 500.0);
        LOG.info("embedded demo: synthetic {} session of {} events on {} from 09:30 ET, replayed in real time "
            + "and looped", config.symbol(), String.format(java.util.Locale.ROOT, "%,d", DEMO_EVENTS), date);
        return session;
    }

    /**
     * A synthetic session.
     *
     * @param config   the instrument.
     * @param date     trading date.
     * @param events   MBO records.
     * @param midPrice starting mid, dollars.
     * @return the session as DBN bytes.
     */
    public static byte[] generate(final InstrumentConfig config, final LocalDate date, final int events,
        final double midPrice) {
        final long tickInt = config.tickInt();
        final long mid = Math.round(midPrice / config.tickSize()) * tickInt;
        final SynthSettings settings = new SynthSettings(1, events, config.symbol(), 42_001,
            config.isFuture() ? "GLBX.MDP3" : "XNAS.ITCH", 1, date, LocalTime.of(9, 30), 6.5, tickInt,
            Math.max(mid, tickInt * 10_000), 3);
        final SyntheticMboGenerator generator = new SyntheticMboGenerator(settings);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(events * 56 + 4096);
        try (DbnMboEncoder encoder = new DbnMboEncoder(bytes, generator.metadata())) {
            generator.generate(encoder);
        } catch (final IOException ex) {
            throw new UncheckedIOException("generating a synthetic session in memory failed", ex);
        }
        return bytes.toByteArray();
    }

    /**
     * A real session replicated in memory: the MBO records of {@code file} written {@code times} times after one
     * metadata header (DBN v3), for benchmarks longer than the file.
     *
     * @param file  a DBN MBO file.
     * @param times copies, {@code >= 1}.
     * @return the session as DBN bytes.
     * @throws IOException naming the file if it cannot be read.
     */
    public static byte[] replicated(final Path file, final int times) throws IOException {
        if (times < 1) {
            throw new IllegalArgumentException("--replicate " + times + ": must be at least 1");
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DbnReader reader = DbnReader.open(file);
            DbnMboEncoder encoder = new DbnMboEncoder(bytes, DbnFileJournaler.journalMetadata(reader.metadata()))) {
            final ByteArrayOutputStream records = new ByteArrayOutputStream();
            final byte[] record = new byte[MBO_LENGTH];
            while (reader.nextMbo()) {
                reader.buffer().getBytes(reader.recordIndex(), record);
                records.write(record);
            }
            final UnsafeBuffer once = new UnsafeBuffer(records.toByteArray());
            for (int copy = 0; copy < times; copy++) {
                for (int offset = 0; offset < once.capacity(); offset += MBO_LENGTH) {
                    encoder.append(once, offset, MBO_LENGTH);
                }
            }
        }
        return bytes.toByteArray();
    }

    /**
     * @param session a DBN session in memory.
     * @return its MBO records.
     * @throws IOException if it is not a valid session.
     */
    public static long countMbo(final byte[] session) throws IOException {
        long count = 0;
        try (DbnReader reader = DbnReader.fromBytes(session, "session in memory")) {
            while (reader.nextMbo()) {
                count++;
            }
        }
        return count;
    }
}
