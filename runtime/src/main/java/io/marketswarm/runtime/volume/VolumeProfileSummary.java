package io.marketswarm.runtime.volume;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.marketswarm.engines.volume.BarColumns;
import io.marketswarm.engines.volume.LongHorizonMetrics;
import io.marketswarm.engines.volume.VolumeProfileModel;

/** Renders the {@code --summary} report of spec §7 for a stored model. Stateless. */
final class VolumeProfileSummary {

    private static final DateTimeFormatter ET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx 'ET'", Locale.ROOT)
        .withZone(ZoneId.of("America/New_York"));

    private VolumeProfileSummary() {
    }

    static String render(final VolumeProfileModel model, final String source) {
        final StringBuilder sb = new StringBuilder(1024);
        final double[] totals = new double[2];
        model.profile().forEachRaw((bin, vol) -> totals[0] += vol);
        model.profile().forEachTv((bin, vol) -> totals[1] += vol);
        final BarColumns bars = model.ohlc();
        line(sb, "model", source);
        line(sb, "symbol", model.symbol());
        line(sb, "synthetic", model.syntheticSymbol());
        line(sb, "multiplier", model.multiplier() + " (" + model.multiplierSource() + ")");
        line(sb, "bin_size", Integer.toString(model.binSize()));
        line(sb, "min/max price", model.minPrice() + " / " + model.maxPrice());
        line(sb, "bar_count", String.format(Locale.ROOT, "%,d", model.barCount()));
        line(sb, "source range", model.sourceStart() == null ? "unknown"
            : model.sourceStart() + " to " + model.sourceEnd());
        line(sb, "first bar", bars.size() > 0 ? time(bars.t(0))
            : "unknown (no ohlc kept: built with --no-ohlc)");
        line(sb, "last bar", model.lastBarT() == VolumeProfileModel.NO_BARS ? "none" : time(model.lastBarT()));
        line(sb, "total volume", String.format(Locale.ROOT, "RAW %,.0f, TV %,.0f", totals[0], totals[1]));
        line(sb, "bins", String.format(Locale.ROOT, "RAW %,d, TV %,d", model.profile().rawBinCount(),
            model.profile().tvBinCount()));
        final LongHorizonMetrics metrics = model.metrics();
        line(sb, "VPOC", metrics == null ? "not computed yet (after the first live update)"
            : metrics.hasVpoc() ? Long.toString(metrics.vpoc()) : "none (empty model)");
        if (metrics != null) {
            line(sb, "HVN / LVN bins", metrics.hvn().length + " / " + metrics.lvn().length);
        }
        line(sb, "last_updated", model.lastUpdated() == null ? "never" : model.lastUpdated());
        return sb.toString();
    }

    private static String time(final long ms) {
        final Instant at = Instant.ofEpochMilli(ms);
        return at + " (" + ET.format(at) + ")";
    }

    private static void line(final StringBuilder sb, final String label, final String value) {
        sb.append(String.format(Locale.ROOT, "%-15s %s%n", label, value));
    }
}
