package io.marketswarm.gateway.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.marketswarm.core.format.PythonDoubleWriter;
import io.marketswarm.gateway.protocol.StreamMessages;

/**
 * Renders the JSON of {@code GET /api/models/volume_profile}: compact separators, keys in a fixed order, floats as
 * Python's {@code repr} (shortest round trip: {@code 10.0}, {@code 233.33333333333334}), non-finite numbers as
 * {@code null}, bucket keys ascending. Not thread-safe: one instance per thread (it owns a float writer).
 */
final class VolumeProfileJson {

    private final PythonDoubleWriter doubles = new PythonDoubleWriter();
    private final byte[] scratch = new byte[PythonDoubleWriter.MAX_LENGTH];

    /**
     * Renders one mode of a model.
     *
     * <pre>
     * {"symbol":"SPX","source_symbol":"SPY","mode":"raw","multiplier":10.0,"last_updated":"...","bar_count":N,
     *  "last_bar_t":T,"min_bin":B,"max_bin":B,"vpoc":B,"hvn":[...],"lvn":[...],"value_area_high":B,
     *  "value_area_low":B,"buckets":{"6000":100.0,...}}
     * </pre>
     * {@code min_bin}, {@code max_bin}, {@code vpoc} and the value area describe the full profile of the mode (null
     * when it is empty); {@code hvn}, {@code lvn} and {@code buckets} are restricted to {@code [minBin, maxBin]}.
     *
     * @param view   the model.
     * @param mode   which buckets.
     * @param levels levels of that mode.
     * @param minBin lowest bin to include.
     * @param maxBin highest bin to include.
     * @return UTF-8 JSON.
     */
    byte[] model(final VolumeProfileView view, final VolumeProfileMode mode, final VolumeProfileLevels levels,
        final long minBin, final long maxBin) {
        final long[] bins = view.bins(mode);
        final double[] volumes = view.volumes(mode);
        final int from = lowerBound(bins, minBin);
        final int to = maxBin == Long.MAX_VALUE ? bins.length : lowerBound(bins, maxBin + 1);
        final StringBuilder out = new StringBuilder(256 + 24 * Math.max(0, to - from));
        out.append("{\"symbol\":");
        string(out, view.syntheticSymbol());
        out.append(",\"source_symbol\":");
        string(out, view.symbol());
        out.append(",\"mode\":\"").append(mode.wireName()).append("\",\"multiplier\":");
        number(out, view.multiplier());
        out.append(",\"last_updated\":");
        string(out, view.lastUpdated());
        out.append(",\"bar_count\":").append(view.barCount());
        out.append(",\"last_bar_t\":").append(view.lastBarT());
        final boolean empty = levels.empty();
        optionalBin(out, ",\"min_bin\":", empty, levels.minBin());
        optionalBin(out, ",\"max_bin\":", empty, levels.maxBin());
        optionalBin(out, ",\"vpoc\":", empty, levels.vpoc());
        out.append(",\"hvn\":[");
        int written = 0;
        for (int i = 0; i < levels.hvnCount(); i++) {
            written = listItem(out, levels.hvn(i), minBin, maxBin, written);
        }
        out.append("],\"lvn\":[");
        written = 0;
        for (int i = 0; i < levels.lvnCount(); i++) {
            written = listItem(out, levels.lvn(i), minBin, maxBin, written);
        }
        out.append(']');
        optionalBin(out, ",\"value_area_high\":", !levels.hasValueArea(), levels.valueAreaHigh());
        optionalBin(out, ",\"value_area_low\":", !levels.hasValueArea(), levels.valueAreaLow());
        out.append(",\"buckets\":{");
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.append(',');
            }
            out.append('"').append(bins[i]).append("\":");
            number(out, volumes[i]);
        }
        return out.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param message error text.
     * @return {@code {"error":"..."}} as UTF-8.
     */
    static byte[] error(final String message) {
        final StringBuilder out = new StringBuilder(message.length() + 16).append("{\"error\":");
        string(out, message);
        return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int lowerBound(final long[] bins, final long key) {
        final int i = Arrays.binarySearch(bins, key);
        return i >= 0 ? i : -i - 1;
    }

    private static int listItem(final StringBuilder out, final long bin, final long minBin, final long maxBin,
        final int written) {
        if (bin < minBin || bin > maxBin) {
            return written;
        }
        if (written > 0) {
            out.append(',');
        }
        out.append(bin);
        return written + 1;
    }

    private static void optionalBin(final StringBuilder out, final String key, final boolean absent, final long bin) {
        out.append(key);
        if (absent) {
            out.append("null");
        } else {
            out.append(bin);
        }
    }

    private void number(final StringBuilder out, final double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
            return;
        }
        final int length = doubles.write(value, scratch, 0);
        for (int i = 0; i < length; i++) {
            out.append((char)scratch[i]);
        }
    }

    private static void string(final StringBuilder out, final String text) {
        out.append(text == null ? "null" : StreamMessages.quote(text));
    }
}
