package io.marketswarm.feeds.dbn;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * Renders DBN records and metadata as Databento's own JSON text form: one compact object per line, keys in
 * Databento's order ({@code ts_recv}, then {@code hd}, then the text-order fields), 64-bit integers as strings.
 * {@code prettyPx} renders prices as {@code "3722.750000000"} ({@code null} for the undefined price),
 * {@code prettyTs} renders timestamps as ISO 8601 UTC with nanoseconds ({@code null} for 0 and undefined).
 *
 * <p>Renders MBO ({@code 0xA0}), trades ({@code 0x00}) and OHLCV ({@code 0x11}, {@code 0x20..0x24}) records;
 * {@link #record} returns {@code false} for other types so the caller can count what it skipped. Allocates nothing
 * per record. Not thread-safe.
 */
public final class DbnJsonEncoder {

    private static final byte[] TS_RECV = key("{\"ts_recv\":");
    private static final byte[] HD_TS_EVENT = key("\"hd\":{\"ts_event\":");
    private static final byte[] OPEN_HD_TS_EVENT = key("{\"hd\":{\"ts_event\":");
    private static final byte[] RTYPE = key(",\"rtype\":");
    private static final byte[] PUBLISHER_ID = key(",\"publisher_id\":");
    private static final byte[] INSTRUMENT_ID = key(",\"instrument_id\":");
    private static final byte[] ACTION = key(",\"action\":");
    private static final byte[] SIDE = key(",\"side\":");
    private static final byte[] DEPTH = key(",\"depth\":");
    private static final byte[] PRICE = key(",\"price\":");
    private static final byte[] SIZE = key(",\"size\":");
    private static final byte[] CHANNEL_ID = key(",\"channel_id\":");
    private static final byte[] ORDER_ID = key(",\"order_id\":");
    private static final byte[] FLAGS = key(",\"flags\":");
    private static final byte[] TS_IN_DELTA = key(",\"ts_in_delta\":");
    private static final byte[] SEQUENCE = key(",\"sequence\":");
    private static final byte[] OPEN = key(",\"open\":");
    private static final byte[] HIGH = key(",\"high\":");
    private static final byte[] LOW = key(",\"low\":");
    private static final byte[] CLOSE = key(",\"close\":");
    private static final byte[] VOLUME = key(",\"volume\":");
    private static final byte[] TS_OUT = key(",\"ts_out\":");
    private static final byte[] END_LINE = key("}\n");

    private final AsciiJsonWriter out;
    private final boolean prettyPx;
    private final boolean prettyTs;
    private final boolean tsOut;

    /**
     * @param out      where text goes.
     * @param prettyPx render prices as decimals.
     * @param prettyTs render timestamps as ISO 8601.
     * @param tsOut    records carry a trailing {@code ts_out} (metadata flag), rendered as the last key.
     */
    public DbnJsonEncoder(final AsciiJsonWriter out, final boolean prettyPx, final boolean prettyTs,
        final boolean tsOut) {
        this.out = out;
        this.prettyPx = prettyPx;
        this.prettyTs = prettyTs;
        this.tsOut = tsOut;
    }

    /**
     * Renders one record of a supported type as a line.
     *
     * @param buffer holding the record.
     * @param offset of the record.
     * @param length record length in bytes.
     * @return {@code false}, writing nothing, for an unsupported record type or a record too short for its type.
     * @throws IOException if the output fails.
     */
    public boolean record(final DirectBuffer buffer, final int offset, final int length) throws IOException {
        final int rtype = buffer.getByte(offset + MboDescriptor.RTYPE_OFFSET) & 0xFF;
        if (rtype == DbnConstants.RTYPE_MBO && length >= MboDescriptor.MBO_LENGTH) {
            mbo(buffer, offset);
        } else if (rtype == DbnConstants.RTYPE_MBP0 && length >= 48) {
            trade(buffer, offset);
        } else if ((rtype == DbnConstants.RTYPE_OHLCV_DEPRECATED
            || (rtype >= DbnConstants.RTYPE_OHLCV_1S && rtype <= DbnConstants.RTYPE_OHLCV_EOD)) && length >= 56) {
            ohlcv(buffer, offset);
        } else {
            return false;
        }
        if (tsOut && length >= 24) {
            out.raw(TS_OUT);
            timestamp(buffer.getLong(offset + length - 8, LITTLE_ENDIAN));
        }
        out.raw(END_LINE);
        return true;
    }

    private void mbo(final DirectBuffer b, final int o) throws IOException {
        out.reserve().raw(TS_RECV);
        timestamp(b.getLong(o + MboDescriptor.TS_RECV_OFFSET, LITTLE_ENDIAN));
        out.raw(',').raw(HD_TS_EVENT);
        header(b, o);
        out.raw(ACTION).charValue(b.getByte(o + MboDescriptor.ACTION_OFFSET));
        out.raw(SIDE).charValue(b.getByte(o + MboDescriptor.SIDE_OFFSET));
        out.raw(PRICE);
        price(b.getLong(o + MboDescriptor.PRICE_OFFSET, LITTLE_ENDIAN));
        out.raw(SIZE).unsigned(b.getInt(o + MboDescriptor.SIZE_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL);
        out.raw(CHANNEL_ID).unsigned(b.getByte(o + MboDescriptor.CHANNEL_ID_OFFSET) & 0xFF);
        out.raw(ORDER_ID).quotedUnsigned(b.getLong(o + MboDescriptor.ORDER_ID_OFFSET, LITTLE_ENDIAN));
        out.raw(FLAGS).unsigned(b.getByte(o + MboDescriptor.FLAGS_OFFSET) & 0xFF);
        out.raw(TS_IN_DELTA).number(b.getInt(o + MboDescriptor.TS_IN_DELTA_OFFSET, LITTLE_ENDIAN));
        out.raw(SEQUENCE).unsigned(b.getInt(o + MboDescriptor.SEQUENCE_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL);
    }

    private void trade(final DirectBuffer b, final int o) throws IOException {
        out.reserve().raw(TS_RECV);
        timestamp(b.getLong(o + 32, LITTLE_ENDIAN));
        out.raw(',').raw(HD_TS_EVENT);
        header(b, o);
        out.raw(ACTION).charValue(b.getByte(o + 28));
        out.raw(SIDE).charValue(b.getByte(o + 29));
        out.raw(DEPTH).unsigned(b.getByte(o + 31) & 0xFF);
        out.raw(PRICE);
        price(b.getLong(o + 16, LITTLE_ENDIAN));
        out.raw(SIZE).unsigned(b.getInt(o + 24, LITTLE_ENDIAN) & 0xFFFF_FFFFL);
        out.raw(FLAGS).unsigned(b.getByte(o + 30) & 0xFF);
        out.raw(TS_IN_DELTA).number(b.getInt(o + 40, LITTLE_ENDIAN));
        out.raw(SEQUENCE).unsigned(b.getInt(o + 44, LITTLE_ENDIAN) & 0xFFFF_FFFFL);
    }

    private void ohlcv(final DirectBuffer b, final int o) throws IOException {
        out.reserve().raw(OPEN_HD_TS_EVENT);
        header(b, o);
        out.raw(OPEN);
        price(b.getLong(o + 16, LITTLE_ENDIAN));
        out.raw(HIGH);
        price(b.getLong(o + 24, LITTLE_ENDIAN));
        out.raw(LOW);
        price(b.getLong(o + 32, LITTLE_ENDIAN));
        out.raw(CLOSE);
        price(b.getLong(o + 40, LITTLE_ENDIAN));
        out.raw(VOLUME).quotedUnsigned(b.getLong(o + 48, LITTLE_ENDIAN));
    }

    private void header(final DirectBuffer b, final int o) {
        timestamp(b.getLong(o + MboDescriptor.TS_EVENT_OFFSET, LITTLE_ENDIAN));
        out.raw(RTYPE).unsigned(b.getByte(o + MboDescriptor.RTYPE_OFFSET) & 0xFF);
        out.raw(PUBLISHER_ID).unsigned(b.getShort(o + MboDescriptor.PUBLISHER_ID_OFFSET, LITTLE_ENDIAN) & 0xFFFF);
        out.raw(INSTRUMENT_ID).unsigned(b.getInt(o + MboDescriptor.INSTRUMENT_ID_OFFSET, LITTLE_ENDIAN)
            & 0xFFFF_FFFFL);
        out.raw('}');
    }

    private void timestamp(final long ts) {
        if (!prettyTs) {
            out.quotedUnsigned(ts);
        } else if (ts == 0 || ts == DbnConstants.UNDEF_TIMESTAMP) {
            out.nullValue();
        } else {
            out.quotedIsoTimestamp(ts);
        }
    }

    private void price(final long px) {
        if (!prettyPx) {
            out.quotedNumber(px);
        } else if (px == DbnConstants.UNDEF_PRICE) {
            out.nullValue();
        } else {
            out.quotedPrice(px);
        }
    }

    /**
     * Renders the metadata as one line in Databento's key order: version, dataset, schema, start, end, limit,
     * stype_in, stype_out, ts_out, symbol_cstr_len, symbols, partial, not_found, mappings. Mapping dates are bare
     * {@code YYYYMMDD} integers, or {@code "YYYY-MM-DD"} strings with {@code prettyTs}.
     *
     * @param metadata the header.
     * @throws IOException if the output fails.
     */
    public void metadata(final DbnMetadata metadata) throws IOException {
        out.reserve().raw(key("{\"version\":")).unsigned(metadata.version());
        out.raw(key(",\"dataset\":")).string(metadata.dataset());
        out.raw(key(",\"schema\":")).string(DbnConstants.schemaName(metadata.schema()));
        out.raw(key(",\"start\":"));
        timestamp(metadata.start());
        out.raw(key(",\"end\":"));
        if (metadata.end() == DbnConstants.UNDEF_TIMESTAMP || metadata.end() == 0) {
            out.nullValue();
        } else {
            timestamp(metadata.end());
        }
        out.raw(key(",\"limit\":"));
        if (metadata.limit() == 0) {
            out.nullValue();
        } else {
            out.quotedUnsigned(metadata.limit());
        }
        out.raw(key(",\"stype_in\":")).string(DbnConstants.stypeName(metadata.stypeIn()));
        out.raw(key(",\"stype_out\":")).string(DbnConstants.stypeName(metadata.stypeOut()));
        out.raw(key(",\"ts_out\":")).raw(key(metadata.tsOut() ? "true" : "false"));
        out.raw(key(",\"symbol_cstr_len\":")).unsigned(metadata.symbolCstrLen());
        stringArray(",\"symbols\":", metadata.symbols());
        stringArray(",\"partial\":", metadata.partial());
        stringArray(",\"not_found\":", metadata.notFound());
        out.raw(key(",\"mappings\":["));
        final List<DbnMetadata.SymbolMapping> mappings = metadata.mappings();
        for (int m = 0; m < mappings.size(); m++) {
            out.reserve().raw(key(m == 0 ? "{\"raw_symbol\":" : ",{\"raw_symbol\":")).string(mappings.get(m).rawSymbol());
            out.raw(key(",\"intervals\":["));
            final List<DbnMetadata.MappingInterval> intervals = mappings.get(m).intervals();
            for (int i = 0; i < intervals.size(); i++) {
                final DbnMetadata.MappingInterval interval = intervals.get(i);
                out.reserve().raw(key(i == 0 ? "{\"start_date\":" : ",{\"start_date\":"));
                date(interval.startDate());
                out.raw(key(",\"end_date\":"));
                date(interval.endDate());
                out.raw(key(",\"symbol\":")).string(interval.symbol());
                out.raw('}');
            }
            out.raw(key("]}"));
        }
        out.raw(key("]}\n"));
    }

    private void date(final int yyyymmdd) {
        if (!prettyTs) {
            out.unsigned(yyyymmdd & 0xFFFF_FFFFL);
            return;
        }
        out.raw('"');
        final long epochDay = java.time.LocalDate.of(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100)
            .toEpochDay();
        out.isoDate(epochDay).raw('"');
    }

    private void stringArray(final String name, final List<String> values) throws IOException {
        out.reserve().raw(key(name)).raw('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.reserve().string(values.get(i));
        }
        out.raw(']');
    }

    private static byte[] key(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
