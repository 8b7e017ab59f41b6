package io.marketswarm.feeds.dbn;

import java.util.List;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Decoded DBN metadata header (versions 1 to 3), immutable. Values keep their wire meaning: timestamps are unsigned
 * nanoseconds with {@link DbnConstants#UNDEF_TIMESTAMP} for none, {@code limit} 0 means no limit, {@code schema}
 * {@link DbnConstants#SCHEMA_NONE} means mixed.
 *
 * @param version       DBN version, 1 to 3.
 * @param dataset       dataset code, e.g. {@code GLBX.MDP3}.
 * @param schema        schema value.
 * @param start         query start, ns.
 * @param end           query end (exclusive), ns, or {@link DbnConstants#UNDEF_TIMESTAMP}.
 * @param limit         record limit, 0 for none.
 * @param stypeIn       input symbology type, {@link DbnConstants#STYPE_NONE} for none.
 * @param stypeOut      output symbology type.
 * @param tsOut         whether every record carries an 8-byte {@code ts_out} suffix.
 * @param symbolCstrLen fixed length of symbol strings (22 in v1, 71 in v2/v3).
 * @param symbols       requested symbols.
 * @param partial       symbols that did not resolve on some day.
 * @param notFound      symbols that resolved on no day.
 * @param mappings      symbol mappings.
 * @param recordsOffset byte offset of the first record ({@code 8 + length}).
 */
public record DbnMetadata(
    int version,
    String dataset,
    int schema,
    long start,
    long end,
    long limit,
    int stypeIn,
    int stypeOut,
    boolean tsOut,
    int symbolCstrLen,
    List<String> symbols,
    List<String> partial,
    List<String> notFound,
    List<SymbolMapping> mappings,
    long recordsOffset) {

    /**
     * One requested symbol and what it resolved to over date ranges.
     *
     * @param rawSymbol symbol in {@code stype_in}.
     * @param intervals resolutions by date.
     */
    public record SymbolMapping(String rawSymbol, List<MappingInterval> intervals) {
    }

    /**
     * A resolution valid for {@code [startDate, endDate)}, dates as decimal {@code YYYYMMDD} (UTC).
     *
     * @param startDate first day, inclusive.
     * @param endDate   last day, exclusive.
     * @param symbol    resolved symbol in {@code stype_out}; the instrument id in decimal when that is the stype.
     */
    public record MappingInterval(int startDate, int endDate, String symbol) {
    }

    /**
     * Maps instrument ids to raw symbols for files whose {@code stype_out} is {@code instrument_id}. Date intervals
     * are ignored and the last mapping seen wins, as the original runtime does.
     *
     * @return instrument id to raw symbol; empty when no interval symbol is numeric.
     */
    public Long2ObjectHashMap<String> instrumentSymbols() {
        final Long2ObjectHashMap<String> byId = new Long2ObjectHashMap<>();
        for (final SymbolMapping mapping : mappings) {
            for (final MappingInterval interval : mapping.intervals()) {
                final long id = parseId(interval.symbol());
                if (id >= 0) {
                    byId.put(id, mapping.rawSymbol());
                }
            }
        }
        return byId;
    }

    /**
     * Looks up the raw symbol of an instrument on a date.
     *
     * @param instrumentId numeric id.
     * @param yyyymmdd     UTC date as decimal {@code YYYYMMDD}.
     * @return the raw symbol, or {@code null} when no interval covers that date.
     */
    public String symbolOn(final long instrumentId, final int yyyymmdd) {
        for (final SymbolMapping mapping : mappings) {
            for (final MappingInterval interval : mapping.intervals()) {
                if (yyyymmdd >= interval.startDate() && yyyymmdd < interval.endDate()
                    && parseId(interval.symbol()) == instrumentId) {
                    return mapping.rawSymbol();
                }
            }
        }
        return null;
    }

    private static long parseId(final String text) {
        if (text.isEmpty() || text.length() > 10) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
