package io.marketswarm.feeds.dbn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.github.luben.zstd.Zstd;

import io.marketswarm.feeds.support.RandomMbo;

/**
 * Every kind of bad input fails with a {@link DbnFormatException} naming the file and byte offset, after delivering
 * every complete record before the fault.
 */
class DbnBadInputTest {

    private static final int RECORDS = 1_000;

    @TempDir
    Path dir;

    private final List<long[]> records = DbnRoundTripTest.randomRecords(RECORDS, 99);

    private byte[] v3() throws IOException {
        return DbnRoundTripTest.encode(DbnRoundTripTest.metadata(3), records);
    }

    private int recordsOffset(final byte[] stream) throws IOException {
        return (int)DbnReader.fromBytes(stream, "mem").metadata().recordsOffset();
    }

    private DbnFormatException openFails(final String name, final byte[] bytes) throws IOException {
        final Path file = Files.write(dir.resolve(name), bytes);
        final DbnFormatException ex = assertThrows(DbnFormatException.class, () -> DbnReader.open(file).close());
        assertTrue(ex.getMessage().startsWith(file.toString() + ": "), ex.getMessage());
        assertEquals(file.toString(), ex.source());
        return ex;
    }

    /** Reads every MBO record until the reader fails; returns how many arrived first. */
    private long readUntilFailure(final Path file, final long expectedOffset, final String expectedText)
        throws IOException {
        long delivered = 0;
        try (DbnReader reader = DbnReader.open(file)) {
            final DbnFormatException ex = assertThrows(DbnFormatException.class, () -> {
                while (reader.nextMbo()) {
                    continue;
                }
            });
            delivered = reader.recordCount();
            assertTrue(ex.getMessage().contains(expectedText), ex.getMessage());
            assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
            if (expectedOffset >= 0) {
                assertEquals(expectedOffset, ex.offset(), ex.getMessage());
            }
        }
        return delivered;
    }

    @Test
    void shouldRejectNonDbnWithOffsetZero() throws IOException {
        final DbnFormatException ex = openFails("notes.dbn", "{\"ts_recv\":1}\n".getBytes(StandardCharsets.US_ASCII));
        assertTrue(ex.getMessage().contains("not a DBN stream"), ex.getMessage());
        assertEquals(0, ex.offset());
    }

    @Test
    void shouldRejectEmptyFile() throws IOException {
        assertTrue(openFails("empty.dbn", new byte[0]).getMessage().contains("empty"));
    }

    @Test
    void shouldRejectLegacyDbz() throws IOException {
        final byte[] dbz = {0x50, 0x2A, 0x4D, 0x18, 16, 0, 0, 0, 'D', 'B', 'Z', 1};
        assertTrue(openFails("old.dbz", dbz).getMessage().contains("legacy DBZ"));
    }

    @Test
    void shouldRejectVersionAbove3() throws IOException {
        final byte[] v4 = v3();
        v4[3] = 4;
        final DbnFormatException ex = openFails("future.dbn", v4);
        assertTrue(ex.getMessage().contains("DBN version 4 is not supported"), ex.getMessage());
        assertEquals(3, ex.offset());
        final DbnFormatException zst = openFails("future.dbn.zst", Zstd.compress(v4, 1));
        assertTrue(zst.getMessage().contains("DBN version 4 is not supported"), zst.getMessage());
    }

    @Test
    void shouldRejectZstdThatDoesNotHoldDbn() throws IOException {
        final byte[] text = Zstd.compress("hello world, not market data".getBytes(StandardCharsets.US_ASCII), 1);
        assertTrue(openFails("text.zst", text).getMessage().contains("decompressed stream starts with"));
    }

    @Test
    void shouldRejectTruncatedMetadata() throws IOException {
        final byte[] full = v3();
        assertTrue(openFails("prelude.dbn", Arrays.copyOf(full, 6)).getMessage().contains("truncated metadata"));
        final DbnFormatException ex = openFails("header.dbn", Arrays.copyOf(full, 150));
        assertTrue(ex.getMessage().contains("truncated metadata"), ex.getMessage());
        assertEquals(150, ex.offset());
        final DbnFormatException zst = openFails("header.dbn.zst", Zstd.compress(Arrays.copyOf(full, 150), 1));
        assertTrue(zst.getMessage().contains("truncated metadata"), zst.getMessage());
    }

    @Test
    void shouldRejectMetadataWhoseListsOverrunTheDeclaredLength() throws IOException {
        final byte[] bad = v3();
        final int symbolsCountAt = 112;
        bad[symbolsCountAt] = (byte)200;
        assertTrue(openFails("overrun.dbn", bad).getMessage().contains("truncated metadata: symbols"));
    }

    @Test
    void shouldDeliverEveryRecordBeforeATruncatedRecord() throws IOException {
        final byte[] full = v3();
        final int start = recordsOffset(full);
        final Path file = Files.write(dir.resolve("cut.dbn"), Arrays.copyOf(full, full.length - 20));
        final long lastOffset = start + (RECORDS - 1) * 56L;
        assertEquals(RECORDS - 1, readUntilFailure(file, lastOffset, "truncated record"));
    }

    @Test
    void shouldReportImpossibleRecordLength() throws IOException {
        final byte[] bad = v3();
        final int start = recordsOffset(bad);
        final int badIndex = 400;
        bad[start + badIndex * 56] = 2;
        final Path file = Files.write(dir.resolve("length.dbn"), bad);
        assertEquals(badIndex, readUntilFailure(file, start + badIndex * 56L, "impossible record length 8 bytes"));
    }

    @Test
    void shouldReportMboRecordShorterThanItsLayout() throws IOException {
        final byte[] bad = v3();
        final int start = recordsOffset(bad);
        bad[start + 10 * 56] = 10;
        final Path file = Files.write(dir.resolve("short-mbo.dbn"), bad);
        readUntilFailure(file, start + 10 * 56L, "impossible record length 40 bytes for an MBO record");
    }

    @Test
    void shouldDeliverDecodableRecordsBeforeTruncatedZstd() throws IOException {
        final byte[] compressed = Zstd.compress(DbnRoundTripTest.encode(DbnRoundTripTest.metadata(3),
            DbnRoundTripTest.randomRecords(200_000, 5)), 1);
        final Path file = Files.write(dir.resolve("cut.dbn.zst"), Arrays.copyOf(compressed, compressed.length / 2));
        final long delivered = readUntilFailure(file, -1, "zstd");
        assertTrue(delivered > 0 && delivered < 200_000, "delivered " + delivered);
    }

    @Test
    void shouldRejectCorruptZstd() throws IOException {
        final byte[] compressed = Zstd.compress(v3(), 1);
        for (int i = 20; i < compressed.length; i += 7) {
            compressed[i] ^= 0x5A;
        }
        final Path file = Files.write(dir.resolve("corrupt.dbn.zst"), compressed);
        assertThrows(DbnFormatException.class, () -> {
            try (DbnReader reader = DbnReader.open(file)) {
                while (reader.next()) {
                    continue;
                }
            }
        });
    }

    private Path writeZstd(final String name, final List<long[]> source) throws IOException {
        final Path file = dir.resolve(name);
        try (DbnMboEncoder encoder = DbnMboEncoder.create(file, DbnRoundTripTest.metadata(3), true)) {
            for (final long[] r : source) {
                RandomMbo.fill(encoder.claim(), r);
            }
        }
        return file;
    }

    @Test
    void shouldReportACorruptFrameNamingTheFileAndBothOffsetsAfterTheRecordsBeforeIt() throws IOException {
        final List<long[]> source = DbnRoundTripTest.randomRecords(200_000, 21);
        final Path file = writeZstd("corrupt-middle.dbn.zst", source);
        final byte[] bytes = Files.readAllBytes(file);
        final int middle = bytes.length / 2;
        final java.util.Random random = new java.util.Random(64);
        for (int i = 0; i < 64; i++) {
            bytes[middle + i] ^= (byte)(1 + random.nextInt(255));
        }
        Files.write(file, bytes);

        long intact = 0;
        try (DbnReader reader = DbnReader.open(file)) {
            final DbnFormatException ex = assertThrows(DbnFormatException.class, () -> {
                while (reader.nextMbo()) {
                    continue;
                }
            });
            assertTrue(ex.decompressed(), ex.getMessage());
            assertTrue(ex.getMessage().startsWith(file + ": corrupt or truncated zstd frame (zstd: "),
                ex.getMessage());
            assertTrue(ex.getMessage().matches(".*found after the decoder had read \\d+ compressed bytes of the file; "
                + "\\d+ complete records were read before it \\(at decompressed byte offset \\d+\\)"),
                ex.getMessage());
        }
        try (DbnReader reader = DbnReader.open(file)) {
            final MboFlyweight mbo = reader.mbo();
            while (intact < source.size() && reader.nextMbo()
                && Arrays.equals(source.get((int)intact), RandomMbo.fields(mbo))) {
                intact++;
            }
        } catch (final DbnFormatException expected) {
            assertTrue(expected.decompressed());
        }
        final long recordsPerFrame = DbnMboEncoder.ZSTD_FRAME_BYTES / 56;
        assertTrue(intact > source.size() / 4, "records before the corrupt frame are delivered: " + intact);
        assertTrue(intact < source.size() * 3 / 4 + recordsPerFrame, "the corruption is in the middle: " + intact);
    }

    @Test
    void shouldReportTheCorruptFrameRatherThanTheBrokenRecordItDecodedTo() throws IOException {
        final byte[] plain = DbnRoundTripTest.encode(DbnRoundTripTest.metadata(3),
            DbnRoundTripTest.randomRecords(60_000, 22));
        final int start = recordsOffset(plain);
        final int bad = 20_000;
        plain[start + bad * 56] = 2;

        final Path unchecked = Files.write(dir.resolve("no-checksum.dbn.zst"), Zstd.compress(plain, 3));
        final DbnFormatException recordError = assertThrows(DbnFormatException.class, () -> readAll(unchecked));
        assertEquals(unchecked + ": impossible record length 8 bytes (length byte 2; a record holds at least its "
            + "16-byte header) (at decompressed byte offset " + (start + bad * 56L) + ")", recordError.getMessage());

        final Path checked = Files.write(dir.resolve("bad-checksum.dbn.zst"), compressWithChecksumThenCorruptIt(plain));
        final DbnFormatException frameError = assertThrows(DbnFormatException.class, () -> readAll(checked));
        assertTrue(frameError.getMessage().startsWith(checked + ": corrupt or truncated zstd frame (zstd: "),
            frameError.getMessage());
        assertEquals(1, frameError.getSuppressed().length);
        assertTrue(frameError.getSuppressed()[0].getMessage().contains("impossible record length 8 bytes"),
            frameError.getSuppressed()[0].getMessage());
    }

    /** One checksummed frame holding {@code plain}, whose stored checksum is then flipped. */
    private static byte[] compressWithChecksumThenCorruptIt(final byte[] plain) throws IOException {
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.github.luben.zstd.ZstdOutputStreamNoFinalizer zstd =
            new com.github.luben.zstd.ZstdOutputStreamNoFinalizer(out, 3).setChecksum(true)) {
            zstd.write(plain);
        }
        final byte[] bytes = out.toByteArray();
        bytes[bytes.length - 1] ^= 0x01;
        return bytes;
    }

    private static void readAll(final Path file) throws IOException {
        try (DbnReader reader = DbnReader.open(file)) {
            while (reader.nextMbo()) {
                continue;
            }
        }
    }

    @Test
    void shouldSayWhetherAPathIsADirectoryMissingOrLooping() throws IOException {
        final java.nio.file.FileSystemException directory = assertThrows(java.nio.file.FileSystemException.class,
            () -> DbnReader.open(dir));
        assertEquals(dir + ": is a directory, not a DBN file", directory.getMessage());

        final Path missing = dir.resolve("missing.dbn");
        assertEquals(missing + ": no such file",
            assertThrows(java.nio.file.NoSuchFileException.class, () -> DbnReader.open(missing)).getMessage());
        assertEquals(missing + ": no such file",
            assertThrows(java.nio.file.NoSuchFileException.class, () -> DbnReader.checkFile(missing)).getMessage());

        final Path loop = dir.resolve("loop.dbn");
        Files.createSymbolicLink(loop, dir.resolve("back.dbn"));
        Files.createSymbolicLink(dir.resolve("back.dbn"), loop);
        final IOException os = assertThrows(IOException.class, () -> DbnReader.open(loop));
        assertTrue(os.getMessage().startsWith(loop + ": Too many levels of symbolic links"), os.getMessage());
    }

    @Test
    void shouldSayPermissionDeniedForAFileThisProcessMayNotRead() throws IOException {
        final Path locked = Files.write(dir.resolve("locked.dbn"), v3());
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked),
            "running as root: file permissions do not stop this process");
        assertEquals(locked + ": permission denied",
            assertThrows(java.nio.file.AccessDeniedException.class, () -> DbnReader.open(locked)).getMessage());
    }
}
