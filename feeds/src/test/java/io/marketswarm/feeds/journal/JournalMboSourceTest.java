package io.marketswarm.feeds.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.marketswarm.core.journal.JournalException;
import io.marketswarm.core.journal.JournalWriter;
import io.marketswarm.core.testsupport.SharedData;
import io.marketswarm.feeds.dbn.DbnFormatException;
import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;
import io.marketswarm.feeds.dbn.MboSource;
import io.marketswarm.feeds.support.RandomMbo;

/** A journaled DBN stream replays the same records and metadata as the stream itself. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalMboSourceTest {

    @TempDir
    Path dir;


    private static void assertSameMetadata(final DbnMetadata expected, final DbnMetadata actual) {
        assertEquals(expected.dataset(), actual.dataset());
        assertEquals(expected.schema(), actual.schema());
        assertEquals(expected.start(), actual.start());
        assertEquals(expected.end(), actual.end());
        assertEquals(expected.limit(), actual.limit());
        assertEquals(expected.stypeIn(), actual.stypeIn());
        assertEquals(expected.stypeOut(), actual.stypeOut());
        assertEquals(expected.tsOut(), actual.tsOut());
        assertEquals(expected.symbols(), actual.symbols());
        assertEquals(expected.partial(), actual.partial());
        assertEquals(expected.notFound(), actual.notFound());
        assertEquals(expected.mappings(), actual.mappings());
        assertEquals(expected.instrumentSymbols(), actual.instrumentSymbols());
    }

    private static void assertSameRecords(final MboSource expected, final MboSource actual) throws IOException {
        long count = 0;
        while (expected.nextMbo()) {
            assertTrue(actual.nextMbo(), "record " + count);
            assertEquals(expected.mbo().lengthBytes(), actual.mbo().lengthBytes());
            assertArrayEquals(RandomMbo.fields(expected.mbo()), RandomMbo.fields(actual.mbo()), "record " + count);
            count++;
        }
        assertFalse(actual.nextMbo());
        assertTrue(count > 0);
    }

    @ParameterizedTest(name = "v{0} zstd={1}")
    @CsvSource({"2, false", "3, false", "3, true"})
    void shouldReplayTheRecordsAndMetadataOfAJournaledFile(final int version, final boolean zstd)
        throws IOException {
        final List<long[]> records = RandomMbo.records(30_000, 17L * version + (zstd ? 1 : 0));
        final Path file = dir.resolve("source.dbn" + (zstd ? ".zst" : ""));
        try (DbnMboEncoder encoder = DbnMboEncoder.create(file, RandomMbo.metadata(version), zstd)) {
            for (final long[] r : records) {
                RandomMbo.fill(encoder.claim(), r);
            }
        }
        final Path journal = dir.resolve("journal");
        assertEquals(records.size(), DbnFileJournaler.journal(file, journal));

        try (JournalRuns runs = JournalRuns.open(journal)) {
            final JournalMboSource source = onlyRun(runs);
            assertEquals(version, source.metadata().version());
            assertSameMetadata(RandomMbo.metadata(version), source.metadata());
            assertEquals("MNQM6", source.metadata().instrumentSymbols().get(42002L));
            assertEquals("journal " + journal + " run 1", source.source());
            for (final long[] r : records) {
                assertTrue(source.nextMbo());
                assertEquals(56, source.mbo().lengthBytes());
                assertArrayEquals(r, RandomMbo.fields(source.mbo()));
            }
            assertFalse(source.nextMbo());
            assertEquals(records.size(), source.recordCount());
            assertEquals(1, source.runNumber());
            assertFalse(runs.nextRun());
            assertEquals(1, runs.runCount());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dbn/test_data.mbo.v1.dbn.zst", "dbn/test_data.mbo.v2.dbn.zst",
        "dbn/test_data.mbo.v3.dbn"})
    void shouldReplaySharedSamplesWithV1HeadersRaisedToV3(final String sample) throws IOException {
        final Path file = SharedData.require(sample);
        final Path journal = dir.resolve("sample");
        DbnFileJournaler.journal(file, journal);
        try (DbnReader reader = DbnReader.open(file); JournalRuns runs = JournalRuns.open(journal)) {
            final JournalMboSource source = onlyRun(runs);
            final int version = reader.metadata().version();
            assertEquals(version == 1 ? 3 : version, source.metadata().version());
            assertSameMetadata(reader.metadata(), source.metadata());
            assertSameRecords(reader, source);
        }
    }

    /** Writes runs of {@code records[run]} records each, the run's symbol in its header. */
    private static void writeRuns(final Path journal, final String[] symbols, final int[] records)
        throws JournalException {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[56]);
        final MboFlyweight mbo = new MboFlyweight().wrap(buffer, 0);
        for (int run = 0; run < symbols.length; run++) {
            try (JournalWriter writer = JournalWriter.append(journal, 1_000)) {
                final byte[] header = DbnMetadataCodec.encode(CrashRecords.metadata(symbols[run]));
                writer.appendHeader(new UnsafeBuffer(header), 0, header.length);
                for (int i = 0; i < records[run]; i++) {
                    CrashRecords.fill(mbo, run, i);
                    writer.appendRecord(buffer, 0, 56);
                }
            }
        }
    }

    private static JournalMboSource onlyRun(final JournalRuns runs) throws IOException {
        assertTrue(runs.nextRun(), "the journal holds a run");
        return runs.run();
    }

    @Test
    void shouldReplayEachRunAsItsOwnSourceEndingAtTheNextHeader() throws IOException {
        final Path journal = dir.resolve("runs");
        final String[] symbols = {"MNQH6", "MNQM6"};
        writeRuns(journal, symbols, new int[] {3, 3});
        try (JournalRuns runs = JournalRuns.open(journal)) {
            assertEquals(0, runs.runCount());
            for (int run = 0; run < 2; run++) {
                assertTrue(runs.nextRun());
                final JournalMboSource source = runs.run();
                assertEquals(run + 1, source.runNumber());
                assertEquals(run + 1, runs.runCount());
                assertEquals(symbols[run], source.metadata().symbols().get(0));
                assertEquals("journal " + journal + " run " + (run + 1), source.source());
                for (int i = 0; i < 3; i++) {
                    assertTrue(source.nextMbo());
                    CrashRecords.check(source.mbo(), run, i);
                }
                assertFalse(source.nextMbo(), "a run ends at the next run's header");
                assertFalse(source.nextMbo(), "the end of a run is sticky");
                assertEquals(3, source.recordCount());
            }
            assertFalse(runs.nextRun());
            assertFalse(runs.nextRun(), "the end of the journal is sticky");
            assertEquals(2, runs.runCount());
            assertEquals(6, runs.recordCount());
        }
    }

    @Test
    void shouldSkipWhatARunDidNotDeliverWhenMovingToTheNextRun() throws IOException {
        final Path journal = dir.resolve("skip");
        writeRuns(journal, new String[] {"MNQH6", "MNQM6", "MNQU6"}, new int[] {5, 4, 2});
        try (JournalRuns runs = JournalRuns.open(journal)) {
            assertTrue(runs.nextRun());
            final JournalMboSource first = runs.run();
            assertTrue(first.nextMbo());
            CrashRecords.check(first.mbo(), 0, 0);
            assertTrue(runs.nextRun());
            assertFalse(first.nextMbo(), "a run left behind delivers nothing more");
            assertEquals("MNQM6", runs.run().metadata().symbols().get(0));
            assertTrue(runs.nextRun(), "the second run is skipped unread");
            final JournalMboSource third = runs.run();
            assertEquals(3, third.runNumber());
            assertEquals("MNQU6", third.metadata().symbols().get(0));
            for (int i = 0; i < 2; i++) {
                assertTrue(third.nextMbo());
                CrashRecords.check(third.mbo(), 2, i);
            }
            assertFalse(third.nextMbo());
            assertFalse(runs.nextRun());
            assertEquals(11, runs.recordCount());
        }
    }

    @Test
    void shouldReplayARunWithNoRecordsAsAnEmptySource() throws IOException {
        final Path journal = dir.resolve("empty-run");
        writeRuns(journal, new String[] {"MNQH6", "MNQM6", "MNQU6"}, new int[] {2, 0, 1});
        try (JournalRuns runs = JournalRuns.open(journal)) {
            final int[] delivered = new int[3];
            while (runs.nextRun()) {
                final JournalMboSource run = runs.run();
                while (run.nextMbo()) {
                    CrashRecords.check(run.mbo(), run.runNumber() - 1, delivered[run.runNumber() - 1]++);
                }
            }
            assertArrayEquals(new int[] {2, 0, 1}, delivered);
        }
    }

    @Test
    void shouldRefuseRunBeforeTheFirstNextRun() throws IOException {
        final Path journal = dir.resolve("before");
        writeRuns(journal, new String[] {"MNQH6"}, new int[] {1});
        try (JournalRuns runs = JournalRuns.open(journal)) {
            assertEquals("journal " + journal + ": call nextRun() before run()",
                assertThrows(IllegalStateException.class, runs::run).getMessage());
        }
    }

    @Test
    void shouldSkipRecordsOfOtherTypesButCountThem() throws IOException {
        final Path journal = dir.resolve("mixed");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        try (JournalWriter writer = JournalWriter.create(journal)) {
            final byte[] header = DbnMetadataCodec.encode(RandomMbo.metadata(3));
            writer.appendHeader(new UnsafeBuffer(header), 0, header.length);
            buffer.putByte(0, (byte)4);
            buffer.putByte(1, (byte)0x16);
            writer.appendRecord(buffer, 0, 16);
            CrashRecords.fill(new MboFlyweight().wrap(buffer, 0), 0, 9);
            writer.appendRecord(buffer, 0, 56);
        }
        try (JournalRuns runs = JournalRuns.open(journal)) {
            final JournalMboSource source = onlyRun(runs);
            assertTrue(source.nextMbo());
            CrashRecords.check(source.mbo(), 0, 9);
            assertEquals(2, source.recordCount());
            assertFalse(source.nextMbo());
        }
    }

    @Test
    void shouldNameTheDirectoryWhenItIsMissingEmptyOrForeign() throws IOException {
        final Path missing = dir.resolve("missing");
        assertEquals("journal " + missing + ": directory does not exist",
            assertThrows(JournalException.class, () -> JournalRuns.open(missing)).getMessage());

        final Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals("journal " + empty + ": not a journal: the directory is empty",
            assertThrows(JournalException.class, () -> JournalRuns.open(empty)).getMessage());

        final Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.write(foreign.resolve("data.dbn"), DbnMetadataCodec.encode(RandomMbo.metadata(3)));
        assertEquals("journal " + foreign + ": not a journal: it holds 1 entries but no metadata.cq4t",
            assertThrows(JournalException.class, () -> JournalRuns.open(foreign)).getMessage());

        final Path noEntries = dir.resolve("no-entries");
        JournalWriter.create(noEntries).close();
        assertEquals("journal " + noEntries + ": holds no complete entry: expected the header of a run first",
            assertThrows(JournalException.class, () -> JournalRuns.open(noEntries)).getMessage());
    }

    @Test
    void shouldRejectAHeaderEntryThatIsNotDbn() throws IOException {
        final Path journal = dir.resolve("not-dbn");
        try (JournalWriter writer = JournalWriter.create(journal)) {
            writer.appendHeader(new UnsafeBuffer("hello, world".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                0, 12);
        }
        final DbnFormatException ex;
        try (JournalRuns runs = JournalRuns.open(journal)) {
            ex = assertThrows(DbnFormatException.class, runs::nextRun);
        }
        assertEquals("journal " + journal + " entry 0: header entry is not a DBN metadata header (no \"DBN\" magic) "
            + "(at byte offset 0)", ex.getMessage());
    }

    @Test
    void shouldRejectARecordWhoseLengthByteDisagreesWithItsEntry() throws IOException {
        final Path journal = dir.resolve("bad-length");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        try (JournalWriter writer = JournalWriter.create(journal)) {
            final byte[] header = DbnMetadataCodec.encode(RandomMbo.metadata(3));
            writer.appendHeader(new UnsafeBuffer(header), 0, header.length);
            CrashRecords.fill(new MboFlyweight().wrap(buffer, 0), 0, 0);
            writer.appendRecord(buffer, 0, 56);
            writer.appendRecord(buffer, 0, 60);
        }
        try (JournalRuns runs = JournalRuns.open(journal)) {
            final JournalMboSource source = onlyRun(runs);
            assertTrue(source.nextMbo());
            final JournalException ex = assertThrows(JournalException.class, source::nextMbo);
            assertEquals(2, ex.entryNumber());
            assertEquals("journal " + journal + ": entry 2: a 60-byte record disagrees with its DBN length byte (56 "
                + "bytes)", ex.getMessage());
        }
    }

    @Test
    void shouldNameTheEntryOfALaterRunsHeaderThatIsNotDbn() throws IOException {
        final Path journal = dir.resolve("bad-second-header");
        writeRuns(journal, new String[] {"MNQH6"}, new int[] {2});
        try (JournalWriter writer = JournalWriter.append(journal, 1_000)) {
            writer.appendHeader(new UnsafeBuffer(new byte[] {'D', 'B', 'N', 9, 0, 0, 0, 0}), 0, 8);
        }
        try (JournalRuns runs = JournalRuns.open(journal)) {
            assertTrue(runs.nextRun());
            final DbnFormatException ex = assertThrows(DbnFormatException.class, runs::nextRun);
            assertEquals("journal " + journal + " entry 3: DBN version 9 in the header entry is not supported (at "
                + "byte offset 3)", ex.getMessage());
        }
    }
}
