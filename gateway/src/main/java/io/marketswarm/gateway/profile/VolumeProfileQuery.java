package io.marketswarm.gateway.profile;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Parameters of {@code GET /api/models/volume_profile}: {@code symbol} (synthetic, upper-cased, default from
 * config), {@code mode} ({@code raw} default, or {@code tv}), optional inclusive bin bounds {@code min} and
 * {@code max} (an empty value counts as absent). Only the first value of a repeated parameter is used.
 *
 * @param symbol upper-case synthetic symbol.
 * @param mode   buckets to return.
 * @param minBin lowest bin returned, {@link Long#MIN_VALUE} when absent.
 * @param maxBin highest bin returned, {@link Long#MAX_VALUE} when absent.
 */
public record VolumeProfileQuery(String symbol, VolumeProfileMode mode, long minBin, long maxBin) {

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9._^-]{1,32}");

    /**
     * Parses a request URI.
     *
     * @param uri           request URI (path and query).
     * @param defaultSymbol symbol used when the request has none.
     * @return the query.
     * @throws IllegalArgumentException whose message names the bad parameter: {@code mode} not raw/tv, {@code min}
     *                                  or {@code max} not an integer, {@code min > max}, a malformed {@code symbol}.
     */
    public static VolumeProfileQuery parse(final String uri, final String defaultSymbol) {
        final Map<String, List<String>> params = new QueryStringDecoder(uri).parameters();
        final String symbol = first(params, "symbol", defaultSymbol).trim();
        if (!SYMBOL.matcher(symbol).matches()) {
            throw new IllegalArgumentException("symbol '" + clip(symbol) + "' must be 1-32 letters, digits or ._^-");
        }
        final String modeText = first(params, "mode", "raw").trim().toLowerCase(Locale.ROOT);
        final VolumeProfileMode mode = switch (modeText) {
            case "", "raw" -> VolumeProfileMode.RAW;
            case "tv" -> VolumeProfileMode.TV;
            default -> throw new IllegalArgumentException("mode must be raw or tv, got '" + clip(modeText) + "'");
        };
        final long min = bound(params, "min", Long.MIN_VALUE);
        final long max = bound(params, "max", Long.MAX_VALUE);
        if (min > max) {
            throw new IllegalArgumentException("min=" + min + " must be <= max=" + max);
        }
        return new VolumeProfileQuery(symbol.toUpperCase(Locale.ROOT), mode, min, max);
    }

    private static long bound(final Map<String, List<String>> params, final String name, final long absent) {
        final String text = first(params, name, "").trim();
        if (text.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(text);
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException(name + " must be an integer bin, got '" + clip(text) + "'");
        }
    }

    private static String clip(final String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String first(final Map<String, List<String>> params, final String name, final String fallback) {
        final List<String> values = params.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
