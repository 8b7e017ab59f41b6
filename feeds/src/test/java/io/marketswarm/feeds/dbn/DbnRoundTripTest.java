package io.marketswarm.feeds.dbn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.luben.zstd.Zstd;

import io.marketswarm.feeds.support.RandomMbo;

/**
 * decode(encode(x)) == x for random MBO records in v2 and v3, plain and zstd, through every reader entry point and
 * across read-window boundaries.
 */
class DbnRoundTripTest {

    @TempDir
    Path dir;

    static DbnMetadata metadata(final int version) {
        return RandomMbo.metadata(version);
    }

    static List<long[]> randomRecords(final int count, final long seed) {
        return RandomMbo.records(count, seed);
    }

    static byte[] encode(final DbnMetadata metadata, final List<long[]> records) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DbnMboEncoder encoder = new DbnMboEncoder(bytes, metadata)) {
            for (final long[] r : records) {
                encoder.claim().writeHeader((int)r[0], r[1], r[2]).orderId(r[3]).price(r[4]).size(r[5])
                    .flags((int)r[6]).channelId((int)r[7]).action((byte)r[8]).side((byte)r[9]).tsRecv(r[10])
                    .tsInDelta((int)r[11]).sequence(r[12]);
            }
        }
        return bytes.toByteArray();
    }

    static void assertDecodes(final DbnReader reader, final List<long[]> records) throws IOException {
        final MboFlyweight mbo = reader.mbo();
        for (final long[] r : records) {
            assertTrue(reader.nextMbo());
            assertArrayEquals(r, new long[] {
                mbo.publisherId(), mbo.instrumentId(), mbo.tsEvent(), mbo.orderId(), mbo.price(), mbo.size(),
                mbo.flags(), mbo.channelId(), mbo.action(), mbo.side(), mbo.tsRecv(), mbo.tsInDelta(), mbo.sequence(),
            });
        }
        assertFalse(reader.nextMbo());
    }

    @ParameterizedTest(name = "v{0} zstd={1}")
    @CsvSource({"2, false", "2, true", "3, false", "3, true"})
    void shouldRoundTripThroughFiles(final int version, final boolean zstd) throws IOException {
        final List<long[]> records = randomRecords(50_000, version * 31L + (zstd ? 1 : 0));
        final Path file = dir.resolve("round-trip.v" + version + (zstd ? ".dbn.zst" : ".dbn"));
        try (DbnMboEncoder encoder = DbnMboEncoder.create(file, metadata(version), zstd)) {
            for (final long[] r : records) {
                encoder.claim().writeHeader((int)r[0], r[1], r[2]).orderId(r[3]).price(r[4]).size(r[5])
                    .flags((int)r[6]).channelId((int)r[7]).action((byte)r[8]).side((byte)r[9]).tsRecv(r[10])
                    .tsInDelta((int)r[11]).sequence(r[12]);
            }
        }
        try (DbnReader reader = DbnReader.open(file)) {
            assertEquals(zstd, reader.compressed());
            final DbnMetadata expected = metadata(version);
            final DbnMetadata actual = reader.metadata();
            assertEquals(version, actual.version());
            assertEquals(expected.symbols(), actual.symbols());
            assertEquals(expected.notFound(), actual.notFound());
            assertEquals(expected.mappings(), actual.mappings());
            assertEquals(expected.end(), actual.end());
            assertEquals(0, actual.recordsOffset() % (version == 3 ? 8 : 1));
            assertEquals("MNQM6", actual.instrumentSymbols().get(42002L));
            assertDecodes(reader, records);
        }
    }

    @Test
    void shouldDecodeUnalignedRecordsAcrossSmallWindows() throws IOException {
        final List<long[]> records = randomRecords(10_000, 7);
        final byte[] v2 = encode(metadata(2), records);
        assertTrue(DbnReader.fromBytes(v2, "mem").metadata().recordsOffset() % 8 != 0, "v2 header is unaligned");
        final Path file = Files.write(dir.resolve("small-window.dbn"), v2);
        try (DbnReader reader = DbnReader.open(file, 4096)) {
            assertDecodes(reader, records);
        }
        try (DbnReader reader = DbnReader.fromBytes(v2, "mem")) {
            assertDecodes(reader, records);
        }
    }

    @Test
    void shouldWriteZstdAsChecksummedFramesOfAtMostOneBuffer() throws IOException {
        final List<long[]> records = randomRecords(60_000, 8);
        final Path file = dir.resolve("frames.dbn.zst");
        try (DbnMboEncoder encoder = DbnMboEncoder.create(file, metadata(3), true)) {
            for (final long[] r : records) {
                RandomMbo.fill(encoder.claim(), r);
            }
        }
        final byte[] bytes = Files.readAllBytes(file);
        int frames = 0;
        long decompressed = 0;
        for (int pos = 0; pos < bytes.length; frames++) {
            final int frameLength = (int)Zstd.findFrameCompressedSize(bytes, pos);
            assertTrue((bytes[pos + 4] & 0x04) != 0, "frame " + frames + " has Content_Checksum_flag set");
            final byte[] content;
            try (java.io.InputStream in = new com.github.luben.zstd.ZstdInputStreamNoFinalizer(
                new java.io.ByteArrayInputStream(bytes, pos, frameLength))) {
                content = in.readAllBytes();
            }
            assertTrue(frames == 0 || content.length <= DbnMboEncoder.ZSTD_FRAME_BYTES, "frame " + frames + " holds "
                + content.length + " bytes");
            decompressed += content.length;
            pos += frameLength;
        }
        final long headerLength = DbnMetadataCodec.encode(metadata(3)).length;
        assertEquals(headerLength + 56L * records.size(), decompressed);
        assertEquals(1 + (56L * records.size() + DbnMboEncoder.ZSTD_FRAME_BYTES - 1)
            / (DbnMboEncoder.ZSTD_FRAME_BYTES / 56 * 56), frames, "the header, then one frame per full buffer");
        try (DbnReader reader = DbnReader.open(file)) {
            assertDecodes(reader, records);
        }
    }

    @Test
    void shouldDecodeConcatenatedZstdFrames() throws IOException {
        final List<long[]> records = randomRecords(3_000, 11);
        final byte[] plain = encode(metadata(3), records);
        final ByteArrayOutputStream frames = new ByteArrayOutputStream();
        final int[] cuts = {0, 100, 5_000, 77_777, plain.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            final byte[] part = java.util.Arrays.copyOfRange(plain, cuts[i], cuts[i + 1]);
            frames.write(Zstd.compress(part, 3));
        }
        try (DbnReader reader = DbnReader.fromBytes(frames.toByteArray(), "frames")) {
            assertTrue(reader.compressed());
            assertDecodes(reader, records);
        }
    }

    @Test
    void shouldDetectFormatByContentNotName() throws IOException {
        final List<long[]> records = randomRecords(100, 3);
        final byte[] plain = encode(metadata(3), records);
        final Path misnamedPlain = Files.write(dir.resolve("really-plain.dbn.zst"), plain);
        final Path misnamedZstd = Files.write(dir.resolve("really-zstd.dbn"), Zstd.compress(plain, 1));
        try (DbnReader reader = DbnReader.open(misnamedPlain)) {
            assertFalse(reader.compressed());
            assertDecodes(reader, records);
        }
        try (DbnReader reader = DbnReader.open(misnamedZstd)) {
            assertTrue(reader.compressed());
            assertDecodes(reader, records);
        }
    }

    @Test
    void shouldSkipUnknownRecordTypesBetweenMboRecords() throws IOException {
        final List<long[]> records = randomRecords(3, 5);
        final byte[] plain = encode(metadata(3), records);
        final int start = (int)DbnReader.fromBytes(plain, "mem").metadata().recordsOffset();
        final ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.write(plain, 0, start + 56);
        final byte[] unknown = new byte[1020];
        unknown[0] = (byte)255;
        unknown[1] = (byte)0xEE;
        mixed.write(unknown);
        mixed.write(plain, start + 56, plain.length - start - 56);
        try (DbnReader reader = DbnReader.fromBytes(mixed.toByteArray(), "mixed")) {
            assertDecodes(reader, records);
        }
    }

    @Test
    void shouldReadTsOutSuffixWhenMetadataSaysSo() throws IOException {
        final DbnMetadata md = metadata(3);
        final DbnMetadata withTsOut = new DbnMetadata(3, md.dataset(), md.schema(), md.start(), md.end(), md.limit(),
            md.stypeIn(), md.stypeOut(), true, 71, md.symbols(), md.partial(), md.notFound(), md.mappings(), 0);
        final byte[] header = DbnMetadataCodec.encode(withTsOut);
        final byte[] record = new byte[64];
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(record);
        new MboFlyweight().wrap(buffer, 0).writeHeader(1, 7, 100).price(5).action((byte)'A').side((byte)'B');
        buffer.putByte(0, (byte)16);
        buffer.putLong(56, 123_456_789L, java.nio.ByteOrder.LITTLE_ENDIAN);
        final byte[] stream = new byte[header.length + 64];
        System.arraycopy(header, 0, stream, 0, header.length);
        System.arraycopy(record, 0, stream, header.length, 64);
        try (DbnReader reader = DbnReader.fromBytes(stream, "ts_out")) {
            assertTrue(reader.metadata().tsOut());
            assertTrue(reader.nextMbo());
            assertEquals(64, reader.mbo().lengthBytes());
            assertEquals(123_456_789L, reader.mbo().tsOut());
            assertEquals(5, reader.mbo().price());
        }
    }
}
