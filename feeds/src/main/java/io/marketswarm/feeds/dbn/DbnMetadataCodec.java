package io.marketswarm.feeds.dbn;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Decodes and encodes the DBN metadata header.
 *
 * <pre>
 *  off  size  v2/v3                          v1
 *    0     3  "DBN"                          same
 *    3     1  version (2|3)                  version (1)
 *    4     4  length u32: bytes after here   same
 *    8    16  dataset char[16]               same
 *   24     2  schema u16                     same
 *   26     8  start u64                      same
 *   34     8  end u64                        same
 *   42     8  limit u64                      same
 *   50     1  stype_in u8                    record_count u64 (deprecated) 50..57
 *   51     1  stype_out u8                   stype_in 58, stype_out 59, ts_out 60
 *   52     1  ts_out u8                      reserved 61..107
 *   53     2  symbol_cstr_len u16            (implicit 22)
 *   55    53  reserved
 *  108     4  schema_definition_length u32   same
 *  112     …  symbols, partial, not_found: u32 count + count x char[L];
 *             mappings: u32 count + (raw_symbol char[L], u32 n, n x (start u32, end u32, symbol char[L]))
 *             v3 only: zero padding so that 8 + length is a multiple of 8
 * </pre>
 *
 * Every read is bounds-checked against the declared length; an overrun is reported as truncated metadata with the
 * absolute offset.
 */
public final class DbnMetadataCodec {

    /** Size of the magic, version and length prelude. */
    public static final int PRELUDE_LENGTH = 8;
    /** Fixed part after the prelude, identical size in every version. */
    public static final int FIXED_LENGTH = 100;
    /** Symbol string length of DBN v1. */
    public static final int V1_SYMBOL_CSTR_LEN = 22;
    /** Symbol string length written by v2/v3 encoders. */
    public static final int V2_SYMBOL_CSTR_LEN = 71;

    private static final int DATASET_OFFSET = 8;
    private static final int DATASET_LENGTH = 16;
    private static final int SCHEMA_OFFSET = 24;
    private static final int START_OFFSET = 26;
    private static final int END_OFFSET = 34;
    private static final int LIMIT_OFFSET = 42;
    private static final int SCHEMA_DEFINITION_LENGTH_OFFSET = 108;
    private static final int VARIABLE_OFFSET = 112;

    private DbnMetadataCodec() {
    }

    /**
     * Decodes a complete header.
     *
     * @param header the first {@code 8 + length} bytes of the stream.
     * @param headerLength {@code 8 + length}.
     * @param source name for error messages.
     * @return the metadata.
     * @throws DbnFormatException when a field runs past {@code headerLength}.
     */
    public static DbnMetadata decode(final DirectBuffer header, final int headerLength, final String source)
        throws DbnFormatException {
        final Cursor in = new Cursor(header, headerLength, source);
        if (headerLength < PRELUDE_LENGTH + FIXED_LENGTH) {
            throw new DbnFormatException(source, headerLength, "truncated metadata: declared length "
                + (headerLength - PRELUDE_LENGTH) + " is below the fixed " + FIXED_LENGTH + " bytes");
        }
        final int version = header.getByte(3) & 0xFF;
        final String dataset = in.cstr(DATASET_OFFSET, DATASET_LENGTH);
        final int schema = header.getShort(SCHEMA_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        final long start = header.getLong(START_OFFSET, LITTLE_ENDIAN);
        final long end = header.getLong(END_OFFSET, LITTLE_ENDIAN);
        final long limit = header.getLong(LIMIT_OFFSET, LITTLE_ENDIAN);
        final int stypeIn;
        final int stypeOut;
        final boolean tsOut;
        final int cstrLen;
        if (version == 1) {
            stypeIn = header.getByte(58) & 0xFF;
            stypeOut = header.getByte(59) & 0xFF;
            tsOut = header.getByte(60) != 0;
            cstrLen = V1_SYMBOL_CSTR_LEN;
        } else {
            stypeIn = header.getByte(50) & 0xFF;
            stypeOut = header.getByte(51) & 0xFF;
            tsOut = header.getByte(52) != 0;
            cstrLen = header.getShort(53, LITTLE_ENDIAN) & 0xFFFF;
        }
        final long schemaDefinitionLength = header.getInt(SCHEMA_DEFINITION_LENGTH_OFFSET, LITTLE_ENDIAN)
            & 0xFFFF_FFFFL;
        in.position = VARIABLE_OFFSET;
        in.skip(schemaDefinitionLength, "schema definition");
        final List<String> symbols = in.symbolList(cstrLen, "symbols");
        final List<String> partial = in.symbolList(cstrLen, "partial");
        final List<String> notFound = in.symbolList(cstrLen, "not_found");
        final long mappingCount = in.u32("mappings count");
        final List<DbnMetadata.SymbolMapping> mappings = new ArrayList<>();
        for (long m = 0; m < mappingCount; m++) {
            final String raw = in.symbol(cstrLen, "mapping raw_symbol");
            final long intervalCount = in.u32("mapping interval count");
            in.require(intervalCount * (8L + cstrLen), "mapping intervals");
            final List<DbnMetadata.MappingInterval> intervals = new ArrayList<>((int)intervalCount);
            for (long i = 0; i < intervalCount; i++) {
                final int startDate = (int)in.u32("interval start_date");
                final int endDate = (int)in.u32("interval end_date");
                intervals.add(new DbnMetadata.MappingInterval(startDate, endDate, in.symbol(cstrLen, "interval symbol")));
            }
            mappings.add(new DbnMetadata.SymbolMapping(raw, List.copyOf(intervals)));
        }
        return new DbnMetadata(version, dataset, schema, start, end, limit, stypeIn, stypeOut, tsOut, cstrLen,
            symbols, partial, notFound, List.copyOf(mappings), headerLength);
    }

    /**
     * Encodes a v2 or v3 header ({@code metadata.version()} decides; v3 pads to 8 bytes).
     *
     * @param metadata what to write; {@code recordsOffset} is ignored.
     * @param out      destination, starting at 0.
     * @return bytes written, which is where records start.
     */
    public static int encode(final DbnMetadata metadata, final MutableDirectBuffer out) {
        final int version = metadata.version();
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("encoder writes DBN v2 or v3, version=" + version);
        }
        final int cstrLen = V2_SYMBOL_CSTR_LEN;
        out.putByte(0, (byte)'D');
        out.putByte(1, (byte)'B');
        out.putByte(2, (byte)'N');
        out.putByte(3, (byte)version);
        out.setMemory(DATASET_OFFSET, VARIABLE_OFFSET - DATASET_OFFSET, (byte)0);
        putCstr(out, DATASET_OFFSET, DATASET_LENGTH, metadata.dataset());
        out.putShort(SCHEMA_OFFSET, (short)metadata.schema(), LITTLE_ENDIAN);
        out.putLong(START_OFFSET, metadata.start(), LITTLE_ENDIAN);
        out.putLong(END_OFFSET, metadata.end(), LITTLE_ENDIAN);
        out.putLong(LIMIT_OFFSET, metadata.limit(), LITTLE_ENDIAN);
        out.putByte(50, (byte)metadata.stypeIn());
        out.putByte(51, (byte)metadata.stypeOut());
        out.putByte(52, (byte)(metadata.tsOut() ? 1 : 0));
        out.putShort(53, (short)cstrLen, LITTLE_ENDIAN);
        out.putInt(SCHEMA_DEFINITION_LENGTH_OFFSET, 0, LITTLE_ENDIAN);
        int pos = VARIABLE_OFFSET;
        pos = putSymbolList(out, pos, cstrLen, metadata.symbols());
        pos = putSymbolList(out, pos, cstrLen, metadata.partial());
        pos = putSymbolList(out, pos, cstrLen, metadata.notFound());
        out.putInt(pos, metadata.mappings().size(), LITTLE_ENDIAN);
        pos += 4;
        for (final DbnMetadata.SymbolMapping mapping : metadata.mappings()) {
            putCstr(out, pos, cstrLen, mapping.rawSymbol());
            pos += cstrLen;
            out.putInt(pos, mapping.intervals().size(), LITTLE_ENDIAN);
            pos += 4;
            for (final DbnMetadata.MappingInterval interval : mapping.intervals()) {
                out.putInt(pos, interval.startDate(), LITTLE_ENDIAN);
                out.putInt(pos + 4, interval.endDate(), LITTLE_ENDIAN);
                putCstr(out, pos + 8, cstrLen, interval.symbol());
                pos += 8 + cstrLen;
            }
        }
        if (version == 3) {
            final int padded = (pos + 7) & ~7;
            out.setMemory(pos, padded - pos, (byte)0);
            pos = padded;
        }
        out.putInt(4, pos - PRELUDE_LENGTH, LITTLE_ENDIAN);
        return pos;
    }

    /**
     * Encodes a header into a fresh array.
     *
     * @param metadata what to write.
     * @return the header bytes.
     */
    public static byte[] encode(final DbnMetadata metadata) {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(1024);
        final int length = encode(metadata, out);
        final byte[] bytes = new byte[length];
        out.getBytes(0, bytes);
        return bytes;
    }

    private static int putSymbolList(final MutableDirectBuffer out, final int start, final int cstrLen,
        final List<String> symbols) {
        out.putInt(start, symbols.size(), LITTLE_ENDIAN);
        int pos = start + 4;
        for (final String symbol : symbols) {
            putCstr(out, pos, cstrLen, symbol);
            pos += cstrLen;
        }
        return pos;
    }

    private static void putCstr(final MutableDirectBuffer out, final int offset, final int length, final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= length) {
            throw new IllegalArgumentException("symbol '" + text + "' longer than " + (length - 1) + " characters");
        }
        out.putBytes(offset, bytes);
        out.setMemory(offset + bytes.length, length - bytes.length, (byte)0);
    }

    private static final class Cursor {
        private final DirectBuffer buffer;
        private final int limit;
        private final String source;
        private int position;

        Cursor(final DirectBuffer buffer, final int limit, final String source) {
            this.buffer = buffer;
            this.limit = limit;
            this.source = source;
        }

        void require(final long bytes, final String what) throws DbnFormatException {
            if (position + bytes > limit) {
                throw new DbnFormatException(source, position, "truncated metadata: " + what + " needs " + bytes
                    + " bytes but the declared metadata ends at offset " + limit);
            }
        }

        void skip(final long bytes, final String what) throws DbnFormatException {
            require(bytes, what);
            position += (int)bytes;
        }

        long u32(final String what) throws DbnFormatException {
            require(4, what);
            final long value = buffer.getInt(position, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            position += 4;
            return value;
        }

        String symbol(final int cstrLen, final String what) throws DbnFormatException {
            require(cstrLen, what);
            final String value = cstr(position, cstrLen);
            position += cstrLen;
            return value;
        }

        List<String> symbolList(final int cstrLen, final String what) throws DbnFormatException {
            final long count = u32(what + " count");
            require(count * cstrLen, what);
            final List<String> out = new ArrayList<>((int)count);
            for (long i = 0; i < count; i++) {
                out.add(symbol(cstrLen, what));
            }
            return List.copyOf(out);
        }

        String cstr(final int offset, final int length) {
            int end = offset;
            final int max = offset + length;
            while (end < max && buffer.getByte(end) != 0) {
                end++;
            }
            final byte[] bytes = new byte[end - offset];
            buffer.getBytes(offset, bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
