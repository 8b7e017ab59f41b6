package io.marketswarm.core.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalRoundTripTest {

    @TempDir
    Path dir;

    static byte[] randomBytes(final SplittableRandom random, final int length) {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static List<byte[]> readAll(final Path journal, final List<Integer> types) throws JournalException {
        final List<byte[]> payloads = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            while (reader.next()) {
                final byte[] copy = new byte[reader.length()];
                reader.buffer().getBytes(reader.offset(), copy);
                payloads.add(copy);
                types.add(reader.type());
                assertEquals(payloads.size() - 1, reader.entryNumber());
            }
            assertFalse(reader.next(), "end of journal is sticky");
        }
        return payloads;
    }

    @Test
    void shouldReplayHeaderAndRecordsFromHeapDirectAndOffsetBuffers() throws JournalException {
        final SplittableRandom random = new SplittableRandom(42);
        final byte[] header = randomBytes(random, 1_234);
        final List<byte[]> records = new ArrayList<>();
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[2048]);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
        final Path journal = dir.resolve("j");
        try (JournalWriter writer = JournalWriter.create(journal)) {
            heap.putBytes(3, header);
            writer.appendHeader(heap, 3, header.length);
            for (int i = 0; i < 20_000; i++) {
                final byte[] record = randomBytes(random, i % 7 == 0 ? 1 + random.nextInt(1020) : 56);
                records.add(record);
                final UnsafeBuffer target = (i & 1) == 0 ? heap : direct;
                final int offset = i % 13;
                target.putBytes(offset, record);
                writer.appendRecord(target, offset, record.length);
            }
            assertEquals(records.size(), writer.recordCount());
        }
        final List<Integer> types = new ArrayList<>();
        final List<byte[]> payloads = readAll(journal, types);
        assertEquals(records.size() + 1, payloads.size());
        assertEquals(JournalDescriptor.TYPE_HEADER, types.get(0));
        assertArrayEquals(header, payloads.get(0));
        for (int i = 0; i < records.size(); i++) {
            assertEquals(JournalDescriptor.TYPE_RECORD, types.get(i + 1));
            assertArrayEquals(records.get(i), payloads.get(i + 1), "record " + i);
        }
    }

    @Test
    void shouldReplayEveryRunInOrderWhenAppended() throws JournalException {
        final Path journal = dir.resolve("runs");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (int run = 0; run < 3; run++) {
            try (JournalWriter writer = run == 0 ? JournalWriter.create(journal)
                : JournalWriter.append(journal, JournalWriter.DEFAULT_RECOVERY_TIMEOUT_MS)) {
                buffer.putInt(0, 1000 + run);
                writer.appendHeader(buffer, 0, 4);
                for (int i = 0; i < 5; i++) {
                    buffer.putInt(0, run * 100 + i);
                    writer.appendRecord(buffer, 0, 56);
                }
            }
        }
        final List<Integer> types = new ArrayList<>();
        final List<byte[]> payloads = readAll(journal, types);
        assertEquals(18, payloads.size());
        for (int run = 0; run < 3; run++) {
            assertEquals(JournalDescriptor.TYPE_HEADER, types.get(run * 6));
            assertEquals(1000 + run, new UnsafeBuffer(payloads.get(run * 6)).getInt(0));
            for (int i = 0; i < 5; i++) {
                assertEquals(run * 100 + i, new UnsafeBuffer(payloads.get(run * 6 + 1 + i)).getInt(0));
            }
        }
    }

    @Test
    void shouldAcceptWriterOpenedOnOneThreadAndUsedOnAnother() throws Exception {
        final Path journal = dir.resolve("handoff");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[56]);
        final ExecutorService stage = Executors.newSingleThreadExecutor();
        try (JournalWriter writer = JournalWriter.create(journal)) {
            stage.submit(() -> {
                writer.appendHeader(buffer, 0, 8);
                for (int i = 0; i < 100; i++) {
                    writer.appendRecord(buffer, 0, 56);
                }
                return null;
            }).get(30, TimeUnit.SECONDS);
        } finally {
            stage.shutdown();
        }
        final List<Integer> types = new ArrayList<>();
        assertEquals(101, readAll(journal, types).size());
    }

    @Test
    void shouldRejectRecordBeforeHeaderAndSecondHeader() throws JournalException {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        try (JournalWriter writer = JournalWriter.create(dir.resolve("order"))) {
            assertThrows(IllegalStateException.class, () -> writer.appendRecord(buffer, 0, 56));
            writer.appendHeader(buffer, 0, 8);
            assertThrows(IllegalStateException.class, () -> writer.appendHeader(buffer, 0, 8));
            assertThrows(IllegalArgumentException.class, () -> writer.appendRecord(buffer, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> writer.appendRecord(buffer, 0, 1021));
            assertThrows(IndexOutOfBoundsException.class, () -> writer.appendRecord(buffer, 2000, 56));
            writer.appendRecord(buffer, 0, 56);
        }
        final List<Integer> types = new ArrayList<>();
        readAll(dir.resolve("order"), types);
        assertEquals(List.of(JournalDescriptor.TYPE_HEADER, JournalDescriptor.TYPE_RECORD), types);
    }

    @Test
    void shouldReturnFalseOnJournalWithNoEntries() throws JournalException {
        final Path journal = dir.resolve("empty-journal");
        JournalWriter.create(journal).close();
        try (JournalReader reader = JournalReader.open(journal)) {
            assertFalse(reader.next());
        }
    }

    @Test
    void shouldRejectNonPositiveRecoveryTimeout() {
        assertThrows(IllegalArgumentException.class, () -> JournalWriter.append(dir.resolve("x"), 0));
    }

    @Test
    void shouldReplayEntriesAcrossMappedChunkBoundaries() throws JournalException {
        final Path journal = dir.resolve("chunks");
        final int records = 160_000;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1020]);
        try (JournalWriter writer = JournalWriter.create(journal)) {
            writer.appendHeader(buffer, 0, 8);
            for (int i = 0; i < records; i++) {
                final int length = 1000 + i % 21;
                buffer.setMemory(0, length, (byte)i);
                buffer.putInt(0, i);
                writer.appendRecord(buffer, 0, length);
            }
        }
        try (JournalReader reader = JournalReader.open(journal)) {
            assertTrue(reader.next());
            for (int i = 0; i < records; i++) {
                assertTrue(reader.next());
                final int length = 1000 + i % 21;
                assertEquals(length, reader.length());
                assertEquals(i, reader.buffer().getInt(reader.offset()));
                for (int k = 4; k < length; k++) {
                    if (reader.buffer().getByte(reader.offset() + k) != (byte)i) {
                        throw new AssertionError("record " + i + " byte " + k);
                    }
                }
            }
            assertFalse(reader.next());
        }
    }

    @Test
    void shouldReadManyEntriesWithoutBlockingAtTheEnd() throws JournalException {
        final Path journal = dir.resolve("end");
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[56]);
        try (JournalWriter writer = JournalWriter.create(journal)) {
            writer.appendHeader(buffer, 0, 8);
            for (int i = 0; i < 200_000; i++) {
                buffer.putInt(0, i);
                writer.appendRecord(buffer, 0, 56);
            }
            try (JournalReader reader = JournalReader.open(journal)) {
                assertTrue(reader.next());
                for (int i = 0; i < 200_000; i++) {
                    assertTrue(reader.next());
                    assertEquals(i, reader.buffer().getInt(reader.offset()));
                }
                final long startNs = System.nanoTime();
                assertFalse(reader.next());
                assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(1), "end of journal is immediate");
            }
        }
    }
}
