package io.marketswarm.gateway.protocol;

import java.nio.charset.StandardCharsets;

import org.agrona.MutableDirectBuffer;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.PythonFloatFormat;
import io.marketswarm.core.format.PythonDoubleWriter;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;

/**
 * The text messages of the stream protocol (spec §11.3), byte-compatible with the original: {@code runtime_config}
 * (built once per session), {@code grid_update} (written per grid without allocating) and {@code error}.
 * JSON as the original's server sends it (compact separators, non-ASCII unescaped); floats as Python's {@code repr};
 * 64-bit ints that may exceed 2^53 as strings.
 */
public final class StreamMessages {

    /** Longest {@code grid_update} text. */
    public static final int MAX_GRID_UPDATE_LENGTH = 512;

    private final PythonDoubleWriter doubles = new PythonDoubleWriter();
    private final byte[] scratch = new byte[MAX_GRID_UPDATE_LENGTH];

    /**
     * @param config the locked instrument.
     * @return the {@code runtime_config} message.
     */
    public static String runtimeConfig(final InstrumentConfig config) {
        final StringBuilder json = new StringBuilder(768);
        json.append("{\"type\":\"runtime_config\"");
        json.append(",\"product_type\":").append(quote(config.productType()));
        json.append(",\"symbol\":").append(quote(config.symbol()));
        json.append(",\"symbol_root\":").append(quote(config.symbolRoot()));
        json.append(",\"price_scale\":").append(PythonFloatFormat.repr(config.priceScale()));
        json.append(",\"tick_size\":").append(PythonFloatFormat.repr(config.tickSize()));
        json.append(",\"bucket_size_dollars\":").append(PythonFloatFormat.repr(config.bucketSizeDollars()));
        json.append(",\"rel_tick_size\":").append(PythonFloatFormat.repr(config.relTickSize()));
        json.append(",\"grid_max_ticks\":").append(InstrumentConfig.CANONICAL_GRID_K);
        json.append(",\"contract_multiplier\":").append(PythonFloatFormat.repr(config.contractMultiplier()));
        json.append(",\"qty_unit\":").append(quote(config.qtyUnit()));
        json.append(",\"price_decimals\":").append(config.priceDecimals());
        json.append(",\"config_version\":").append(quote(config.wireConfigVersion()));
        json.append(",\"mode\":\"pre_prod\",\"deployment_stage\":\"pre_prod\",\"stream_format\":\"dense_grid\"");
        json.append(",\"grid_schema_fields\":[");
        for (int i = 0; i < GridColumns.NAMES.length; i++) {
            json.append(i == 0 ? "" : ",").append(quote(GridColumns.NAMES[i]));
        }
        json.append("],\"grid_rows\":").append(GridColumns.ROWS).append('}');
        return json.toString();
    }

    /**
     * @param message error text.
     * @return the {@code error} message.
     */
    public static String error(final String message) {
        return "{\"type\":\"error\",\"message\":" + quote(message) + "}";
    }

    /**
     * Writes the {@code grid_update} header of a grid. Not thread-safe: one instance per thread.
     *
     * @param grid   the grid.
     * @param out    destination.
     * @param offset where to write.
     * @return bytes written.
     */
    public int gridUpdate(final GridSnapshot grid, final MutableDirectBuffer out, final int offset) {
        int pos = 0;
        pos = ascii(pos, "{\"type\":\"grid_update\",\"ts_ns\":\"");
        pos = number(pos, grid.tsNs());
        pos = ascii(pos, "\",\"event_id\":");
        pos = number(pos, grid.eventId());
        pos = ascii(pos, ",\"mid_price\":");
        pos = doubles.write(grid.midPrice(), scratch, pos);
        pos = ascii(pos, ",\"spot_ref_price_int\":\"");
        pos = number(pos, grid.spotRefPriceInt());
        pos = ascii(pos, "\",\"best_bid_price_int\":\"");
        pos = number(pos, grid.bestBidPriceInt());
        pos = ascii(pos, "\",\"best_ask_price_int\":\"");
        pos = number(pos, grid.bestAskPriceInt());
        pos = ascii(pos, grid.bookValid() ? "\",\"book_valid\":true}" : "\",\"book_valid\":false}");
        out.putBytes(offset, scratch, 0, pos);
        return pos;
    }

    private int ascii(final int pos, final String text) {
        for (int i = 0; i < text.length(); i++) {
            scratch[pos + i] = (byte)text.charAt(i);
        }
        return pos + text.length();
    }

    private int number(final int start, final long value) {
        int pos = start;
        long v = value;
        if (v < 0) {
            scratch[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v / 10; t != 0; t /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1; i >= pos; i--) {
            scratch[i] = (byte)('0' + v % 10);
            v /= 10;
        }
        return pos + digits;
    }

    /**
     * @param text any text, not null.
     * @return it as a JSON string literal: quotes, backslash and control characters escaped, and U+2028/U+2029 too
     *         (so the text is also safe inside a script).
     */
    public static String quote(final String text) {
        final StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int)c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * @param text any text.
     * @return its UTF-8 bytes cut to at most 123 bytes on a character boundary (a WebSocket close reason's limit).
     */
    public static String closeReason(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return text;
        }
        int end = 123;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
