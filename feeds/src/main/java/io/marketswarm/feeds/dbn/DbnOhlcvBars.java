package io.marketswarm.feeds.dbn;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.feeds.massive.BarFileException;
import io.marketswarm.feeds.massive.BarSink;

/**
 * Reads the one-minute bars of one instrument from a Databento {@code ohlcv-1m} file ({@code .dbn} or
 * {@code .dbn.zst}, DBN v1 to v3) and gives them to a {@link BarSink}, the same sink the Massive readers feed.
 *
 * <p><b>Record</b> ({@code OhlcvMsg}, rtype {@code 0x21}, 56 bytes, plus 8 with {@code ts_out}):
 * <pre>
 *   0  header (16): length u8, rtype u8, publisher_id u16, instrument_id u32, ts_event u64 ns (bar start)
 *  16  open  i64   1e-9 fixed point
 *  24  high  i64
 *  32  low   i64
 *  40  close i64
 *  48  volume u64
 * </pre>
 *
 * <p><b>Emitted</b>, on the calling thread in file order: {@code tsMillis = floor(ts_event / 1e6)}; each price is the
 * double nearest to {@code px / 1e9} ({@code NaN} for {@code UNDEF_PRICE}); {@code volume} is the u64 as a double;
 * {@code vwap} is {@code NaN} and {@code trades} 0, as DBN bars carry neither. Records of other types are skipped and
 * counted; so is the deprecated generic OHLCV rtype {@code 0x11} unless the file's schema is {@code ohlcv-1m}.
 *
 * <p><b>Instrument.</b> With a symbol, a bar is kept when the metadata maps that symbol (a {@code raw_symbol}, or a
 * resolved symbol such as the instrument id {@code "118"}) to the bar's instrument on the bar's UTC date, so a
 * continuous symbol follows its rolls. Without one (null or blank), the file must hold one instrument: a single
 * symbol mapping, or, with no mappings at all, a single instrument id in the records.
 *
 * <p><b>Errors.</b> {@link BarFileException} naming the file when the schema is not {@code ohlcv-1m}, the symbol is
 * unknown (listing the file's symbols), or no symbol was given for a file of several instruments (listing them);
 * {@link DbnFormatException} with the byte offset for a corrupt or truncated stream, a short OHLCV record, or a
 * kept bar whose {@code t} is not after the previous kept bar's. Bars before a failing record have already reached
 * the sink, so a caller must discard them on an exception.
 *
 * <p>Stateless; each call opens its own reader, so calls may run on any threads. Allocates nothing per bar.
 */
public final class DbnOhlcvBars {

    /**
     * What a completed {@link #read} delivered.
     *
     * @param symbol            the symbol the bars belong to (the filter, the file's only symbol, or the instrument
     *                          id when the file has no mappings); {@code null} if the file holds no bar.
     * @param bars              bars given to the sink.
     * @param otherInstruments  OHLCV records of other instruments (or other dates of the mapping), skipped.
     * @param otherRecords      records of other types, skipped.
     */
    public record Summary(String symbol, long bars, long otherInstruments, long otherRecords) {
    }

    /** Length of an {@code OhlcvMsg} without {@code ts_out}. */
    public static final int OHLCV_LENGTH = 56;

    private static final int OPEN_OFFSET = 16;
    private static final int HIGH_OFFSET = 24;
    private static final int LOW_OFFSET = 32;
    private static final int CLOSE_OFFSET = 40;
    private static final int VOLUME_OFFSET = 48;
    private static final int SCHEMA_OHLCV_1M = 6;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private DbnOhlcvBars() {
    }

    /**
     * Reads every kept bar of {@code file} into {@code sink}.
     *
     * @param file   the {@code ohlcv-1m} file, plain or zstd.
     * @param symbol the instrument to keep, or {@code null}/blank when the file holds one instrument.
     * @param sink   receives each bar on this thread.
     * @return the symbol and counts.
     * @throws BarFileException   for a wrong schema or an unknown or missing symbol (see the type documentation).
     * @throws DbnFormatException for a corrupt stream or bars out of order, with the byte offset.
     * @throws IOException        if the file cannot be read.
     */
    public static Summary read(final Path file, final String symbol, final BarSink sink) throws IOException {
        if (sink == null) {
            throw new IllegalArgumentException("sink is missing");
        }
        try (DbnReader reader = DbnReader.open(file)) {
            final DbnMetadata metadata = reader.metadata();
            if (metadata.schema() != SCHEMA_OHLCV_1M && metadata.schema() != DbnConstants.SCHEMA_NONE) {
                throw new BarFileException(file, BarFileException.NO_BAR, "schema is "
                    + DbnConstants.schemaName(metadata.schema()) + ", expected ohlcv-1m", null);
            }
            final Selection selection = select(file, metadata, symbol);
            final boolean legacyOhlcv = metadata.schema() == SCHEMA_OHLCV_1M;
            final UnsafeBuffer buffer = reader.buffer();
            long lastT = Long.MIN_VALUE;
            long bars = 0;
            long otherInstruments = 0;
            long otherRecords = 0;
            long lockedId = -1;
            while (reader.next()) {
                final int rtype = reader.rtype();
                if (rtype != DbnConstants.RTYPE_OHLCV_1M
                    && !(legacyOhlcv && rtype == DbnConstants.RTYPE_OHLCV_DEPRECATED)) {
                    otherRecords++;
                    continue;
                }
                if (reader.recordLength() < OHLCV_LENGTH) {
                    throw reader.formatError(reader.recordOffset(), "impossible record length "
                        + reader.recordLength() + " bytes for an OHLCV record (rtype 0x" + Integer.toHexString(rtype)
                        + " needs " + OHLCV_LENGTH + ")");
                }
                final int o = reader.recordIndex();
                final long instrumentId = buffer.getInt(o + MboDescriptor.INSTRUMENT_ID_OFFSET, LITTLE_ENDIAN)
                    & 0xFFFF_FFFFL;
                final long tsEvent = buffer.getLong(o + MboDescriptor.TS_EVENT_OFFSET, LITTLE_ENDIAN);
                if (tsEvent < 0) {
                    throw reader.formatError(reader.recordOffset(), "OHLCV record without a "
                        + "valid ts_event (0x" + Long.toHexString(tsEvent) + ")");
                }
                if (selection == null) {
                    if (lockedId < 0) {
                        lockedId = instrumentId;
                    } else if (instrumentId != lockedId) {
                        throw new BarFileException(file, BarFileException.NO_BAR, "holds several instruments ("
                            + lockedId + " and " + instrumentId + ", the latter at byte offset "
                            + reader.recordOffset() + ") and no symbol mappings: pass the instrument id as the "
                            + "symbol", null);
                    }
                } else if (!selection.keeps(instrumentId, Math.floorDiv(tsEvent, NANOS_PER_DAY))) {
                    otherInstruments++;
                    continue;
                }
                final long t = Math.floorDiv(tsEvent, NANOS_PER_MILLI);
                if (t <= lastT) {
                    throw reader.formatError(reader.recordOffset(), "bar of instrument "
                        + instrumentId + " at " + Instant.ofEpochMilli(t) + " is not after the previous kept bar at "
                        + Instant.ofEpochMilli(lastT) + "; does the symbol resolve to several instruments at once?");
                }
                lastT = t;
                sink.onBar(t, price(buffer.getLong(o + OPEN_OFFSET, LITTLE_ENDIAN)),
                    price(buffer.getLong(o + HIGH_OFFSET, LITTLE_ENDIAN)),
                    price(buffer.getLong(o + LOW_OFFSET, LITTLE_ENDIAN)),
                    price(buffer.getLong(o + CLOSE_OFFSET, LITTLE_ENDIAN)),
                    unsignedToDouble(buffer.getLong(o + VOLUME_OFFSET, LITTLE_ENDIAN)), Double.NaN, 0);
                bars++;
            }
            final String name = selection != null ? selection.name
                : lockedId >= 0 ? Long.toString(lockedId) : null;
            return new Summary(name, bars, otherInstruments, otherRecords);
        }
    }

    /**
     * @param fixedPrice price in 1e-9 units.
     * @return the double nearest to {@code fixedPrice / 1e9}, or {@code NaN} for {@link DbnConstants#UNDEF_PRICE}.
     */
    public static double price(final long fixedPrice) {
        if (fixedPrice == DbnConstants.UNDEF_PRICE) {
            return Double.NaN;
        }
        if (fixedPrice > -EXACT_DOUBLE_LIMIT && fixedPrice < EXACT_DOUBLE_LIMIT) {
            return fixedPrice / 1e9;
        }
        return BigDecimal.valueOf(fixedPrice, 9).doubleValue();
    }

    private static double unsignedToDouble(final long value) {
        if (value >= 0) {
            return value;
        }
        return ((double) ((value >>> 1) | (value & 1))) * 2.0;
    }

    /** @return the bars to keep, or {@code null} to keep the file's only instrument id (no mappings, no symbol). */
    private static Selection select(final Path file, final DbnMetadata metadata, final String symbol)
        throws BarFileException {
        final List<DbnMetadata.SymbolMapping> mappings = metadata.mappings();
        final String wanted = symbol == null ? "" : symbol.trim();
        if (wanted.isEmpty()) {
            if (mappings.isEmpty()) {
                return null;
            }
            if (mappings.size() > 1) {
                throw new BarFileException(file, BarFileException.NO_BAR, "holds " + mappings.size()
                    + " instruments (" + describe(mappings) + "): name one with a symbol", null);
            }
            return Selection.of(file, mappings.get(0).rawSymbol(), mappings.get(0).intervals(), null);
        }
        for (final DbnMetadata.SymbolMapping mapping : mappings) {
            if (mapping.rawSymbol().equals(wanted)) {
                return Selection.of(file, wanted, mapping.intervals(), null);
            }
        }
        final List<DbnMetadata.MappingInterval> resolved = new ArrayList<>();
        for (final DbnMetadata.SymbolMapping mapping : mappings) {
            for (final DbnMetadata.MappingInterval interval : mapping.intervals()) {
                if (interval.symbol().equals(wanted)) {
                    resolved.add(interval);
                }
            }
        }
        if (!resolved.isEmpty()) {
            return Selection.of(file, wanted, resolved, null);
        }
        if (mappings.isEmpty() && wanted.matches("[0-9]{1,10}") && Long.parseLong(wanted) <= 0xFFFF_FFFFL) {
            return Selection.of(file, wanted, List.of(), Long.parseLong(wanted));
        }
        throw new BarFileException(file, BarFileException.NO_BAR, "symbol " + wanted + " is not in the file"
            + (mappings.isEmpty() ? ", which has no symbol mappings: use a numeric instrument id"
            : "; it holds " + describe(mappings)), null);
    }

    private static String describe(final List<DbnMetadata.SymbolMapping> mappings) {
        final List<String> parts = new ArrayList<>();
        for (final DbnMetadata.SymbolMapping mapping : mappings) {
            final Set<String> resolved = new LinkedHashSet<>();
            for (final DbnMetadata.MappingInterval interval : mapping.intervals()) {
                resolved.add(interval.symbol());
            }
            parts.add(mapping.rawSymbol() + " -> " + String.join("/", resolved));
        }
        return String.join(", ", parts);
    }

    /** Instrument ids kept, each on a range of UTC epoch days {@code [from, to)}. */
    private static final class Selection {
        private final String name;
        private final long[] ids;
        private final long[] fromDay;
        private final long[] toDay;

        private Selection(final String name, final long[] ids, final long[] fromDay, final long[] toDay) {
            this.name = name;
            this.ids = ids;
            this.fromDay = fromDay;
            this.toDay = toDay;
        }

        static Selection of(final Path file, final String name, final List<DbnMetadata.MappingInterval> intervals,
            final Long anyDayId) throws BarFileException {
            if (anyDayId != null) {
                return new Selection(name, new long[] {anyDayId}, new long[] {Long.MIN_VALUE},
                    new long[] {Long.MAX_VALUE});
            }
            final int n = intervals.size();
            final long[] ids = new long[n];
            final long[] from = new long[n];
            final long[] to = new long[n];
            for (int i = 0; i < n; i++) {
                final DbnMetadata.MappingInterval interval = intervals.get(i);
                if (!interval.symbol().matches("[0-9]{1,10}")) {
                    throw new BarFileException(file, BarFileException.NO_BAR, "symbol " + name + " maps to "
                        + interval.symbol() + ", not an instrument id (stype_out must be instrument_id)", null);
                }
                ids[i] = Long.parseLong(interval.symbol());
                from[i] = epochDay(file, interval.startDate());
                to[i] = epochDay(file, interval.endDate());
            }
            return new Selection(name, ids, from, to);
        }

        boolean keeps(final long instrumentId, final long epochDay) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == instrumentId && epochDay >= fromDay[i] && epochDay < toDay[i]) {
                    return true;
                }
            }
            return false;
        }

        private static long epochDay(final Path file, final int yyyymmdd) throws BarFileException {
            try {
                return LocalDate.of(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100).toEpochDay();
            } catch (final DateTimeException ex) {
                throw new BarFileException(file, BarFileException.NO_BAR, "symbol mapping date " + yyyymmdd
                    + " is not a YYYYMMDD date", ex);
            }
        }
    }
}
