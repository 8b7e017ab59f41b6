package io.marketswarm.feeds.dbn;

/**
 * Constants of the Databento Binary Encoding (DBN) versions 1 to 3: record types, flags, sentinels.
 */
public final class DbnConstants {

    /** Fixed-point price scale: one unit is 1e-9. */
    public static final long FIXED_PRICE_SCALE = 1_000_000_000L;
    /** Null price. */
    public static final long UNDEF_PRICE = Long.MAX_VALUE;
    /** Null timestamp ({@code u64::MAX}). */
    public static final long UNDEF_TIMESTAMP = -1L;
    /** Highest DBN version this reader accepts. */
    public static final int MAX_VERSION = 3;

    /** Record type of MBO records. */
    public static final int RTYPE_MBO = 0xA0;
    /** Record type of trades (mbp-0) records. */
    public static final int RTYPE_MBP0 = 0x00;
    /** Record type of the deprecated generic OHLCV record. */
    public static final int RTYPE_OHLCV_DEPRECATED = 0x11;
    /** Record type of 1-second OHLCV bars. */
    public static final int RTYPE_OHLCV_1S = 0x20;
    /** Record type of 1-minute OHLCV bars. */
    public static final int RTYPE_OHLCV_1M = 0x21;
    /** Record type of 1-hour OHLCV bars. */
    public static final int RTYPE_OHLCV_1H = 0x22;
    /** Record type of daily OHLCV bars. */
    public static final int RTYPE_OHLCV_1D = 0x23;
    /** Record type of end-of-day OHLCV bars. */
    public static final int RTYPE_OHLCV_EOD = 0x24;

    /** Last record of an event for its instrument. */
    public static final int F_LAST = 0x80;
    /** Top-of-book message, not an individual order. */
    public static final int F_TOB = 0x40;
    /** From a snapshot or replay, not the live incremental feed. */
    public static final int F_SNAPSHOT = 0x20;
    /** Aggregated price-level message. */
    public static final int F_MBP = 0x10;
    /** {@code ts_recv} is not accurate. */
    public static final int F_BAD_TS_RECV = 0x08;
    /** A gap was detected on the channel: the book may be wrong. */
    public static final int F_MAYBE_BAD_BOOK = 0x04;
    /** Publisher-specific event. */
    public static final int F_PUBLISHER_SPECIFIC = 0x02;

    /** Schema value meaning none or mixed. */
    public static final int SCHEMA_NONE = 0xFFFF;
    /** Schema value of MBO files. */
    public static final int SCHEMA_MBO = 0;
    /** SType value meaning none. */
    public static final int STYPE_NONE = 0xFF;
    /** SType of numeric instrument ids. */
    public static final int STYPE_INSTRUMENT_ID = 0;
    /** SType of raw venue symbols. */
    public static final int STYPE_RAW_SYMBOL = 1;

    private static final String[] SCHEMA_NAMES = {
        "mbo", "mbp-1", "mbp-10", "tbbo", "trades", "ohlcv-1s", "ohlcv-1m", "ohlcv-1h", "ohlcv-1d", "definition",
        "statistics", "status", "imbalance", "ohlcv-eod", "cmbp-1", "cbbo-1s", "cbbo-1m", "tcbbo", "bbo-1s", "bbo-1m",
    };
    private static final String[] STYPE_NAMES = {
        "instrument_id", "raw_symbol", "smart", "continuous", "parent", "nasdaq_symbol", "cms_symbol", "isin",
        "us_code", "bbg_comp_id", "bbg_comp_ticker", "figi", "figi_ticker",
    };

    private DbnConstants() {
    }

    /**
     * @param schema metadata schema value.
     * @return its text name, {@code null} for {@link #SCHEMA_NONE}, or {@code "schema(<n>)"} when unknown.
     */
    public static String schemaName(final int schema) {
        if (schema == SCHEMA_NONE) {
            return null;
        }
        return schema >= 0 && schema < SCHEMA_NAMES.length ? SCHEMA_NAMES[schema] : "schema(" + schema + ")";
    }

    /**
     * @param stype metadata stype value.
     * @return its text name, {@code null} for {@link #STYPE_NONE}, or {@code "stype(<n>)"} when unknown.
     */
    public static String stypeName(final int stype) {
        if (stype == STYPE_NONE) {
            return null;
        }
        return stype >= 0 && stype < STYPE_NAMES.length ? STYPE_NAMES[stype] : "stype(" + stype + ")";
    }

    /**
     * @param name a schema name such as {@code mbo}.
     * @return its value, or -1 when unknown.
     */
    public static int schemaValue(final String name) {
        for (int i = 0; i < SCHEMA_NAMES.length; i++) {
            if (SCHEMA_NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
