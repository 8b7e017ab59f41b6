package io.marketswarm.engines.volume;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import io.marketswarm.core.format.JsonByteWriter;

/**
 * Reads and writes the model JSON of spec {@code volume-profile.md} §4.
 *
 * <p><b>Writing</b> emits the keys in the spec's order: {@code symbol, synthetic_symbol, spy_multiplier,
 * multiplier_source, bin_size, min_price, max_price, last_updated, source_range, last_bar_t, bar_count, ohlc,
 * buckets_raw, buckets_tv}, then {@code vpoc, hvn, lvn} once metrics were computed. Bucket keys are ascending
 * integers as strings; floats are rendered as Python's {@code repr} (shortest round trip); a null bar value is
 * {@code null}. Allocation-free apart from the writer's growth.
 *
 * <p><b>Reading</b> accepts our models and the original's (key order free; no {@code last_bar_t}: the largest
 * {@code t} in {@code ohlc} is the watermark; no {@code bar_count}: the {@code ohlc} length; no
 * {@code multiplier_source}: {@code default}). Numbers are parsed with correct rounding on every JDK (Jackson's
 * fast double parser), so a written model reads back bit for bit. Any malformed input throws
 * {@link ModelFormatException} naming the source, the field and the byte offset.
 *
 * <p>Threading: stateless apart from a shared thread-safe {@link JsonFactory}; any thread.
 */
public final class VolumeProfileModelJson {

    private static final JsonFactory JSON = JsonFactory.builder()
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
        .build();

    private VolumeProfileModelJson() {
    }

    /**
     * Writes {@code model} as one JSON object.
     *
     * @param model       the model.
     * @param out         where the text goes (appended).
     * @param includeOhlc {@code false} omits the {@code ohlc} key (the live snapshot of §5).
     */
    public static void write(final VolumeProfileModel model, final JsonByteWriter out, final boolean includeOhlc) {
        out.raw('{').key("symbol").string(model.symbol());
        out.raw(',').key("synthetic_symbol").string(model.syntheticSymbol());
        out.raw(',').key("spy_multiplier").number(model.multiplier());
        out.raw(',').key("multiplier_source").string(model.multiplierSource());
        out.raw(',').key("bin_size").number(model.binSize());
        out.raw(',').key("min_price").number(model.minPrice());
        out.raw(',').key("max_price").number(model.maxPrice());
        out.raw(',').key("last_updated").string(model.lastUpdated());
        out.raw(',').key("source_range");
        if (model.sourceStart() == null && model.sourceEnd() == null) {
            out.nullValue();
        } else {
            out.raw('{').key("start").string(model.sourceStart()).raw(',').key("end").string(model.sourceEnd())
                .raw('}');
        }
        out.raw(',').key("last_bar_t");
        if (model.lastBarT() == VolumeProfileModel.NO_BARS) {
            out.nullValue();
        } else {
            out.number(model.lastBarT());
        }
        out.raw(',').key("bar_count").number(model.barCount());
        if (includeOhlc) {
            out.raw(',').key("ohlc").raw('[');
            final BarColumns bars = model.ohlc();
            for (int i = 0, n = bars.size(); i < n; i++) {
                if (i > 0) {
                    out.raw(',');
                }
                out.raw('{').key("t").number(bars.t(i))
                    .raw(',').key("o").number(bars.open(i))
                    .raw(',').key("h").number(bars.high(i))
                    .raw(',').key("l").number(bars.low(i))
                    .raw(',').key("c").number(bars.close(i))
                    .raw(',').key("v").number(bars.volume(i))
                    .raw('}');
            }
            out.raw(']');
        }
        out.raw(',').key("buckets_raw");
        writeBuckets(out, model.profile(), true);
        out.raw(',').key("buckets_tv");
        writeBuckets(out, model.profile(), false);
        final LongHorizonMetrics metrics = model.metrics();
        if (metrics != null) {
            out.raw(',').key("vpoc");
            if (metrics.hasVpoc()) {
                out.number(metrics.vpoc());
            } else {
                out.nullValue();
            }
            out.raw(',').key("hvn");
            writeBins(out, metrics.hvn());
            out.raw(',').key("lvn");
            writeBins(out, metrics.lvn());
        }
        out.raw('}');
    }

    /**
     * Writes one bucket map ({@code {"6000":600.0,...}}, ascending).
     *
     * @param raw {@code true} for RAW, {@code false} for TV.
     */
    public static void writeBuckets(final JsonByteWriter out, final VolumeProfileAccumulator profile,
        final boolean raw) {
        out.raw('{');
        final boolean[] first = {true};
        final BinVolumeConsumer each = (bin, vol) -> {
            if (!first[0]) {
                out.raw(',');
            }
            first[0] = false;
            out.quotedNumber(bin).raw(':').number(vol);
        };
        if (raw) {
            profile.forEachRaw(each);
        } else {
            profile.forEachTv(each);
        }
        out.raw('}');
    }

    private static void writeBins(final JsonByteWriter out, final long[] bins) {
        out.raw('[');
        for (int i = 0; i < bins.length; i++) {
            if (i > 0) {
                out.raw(',');
            }
            out.number(bins[i]);
        }
        out.raw(']');
    }

    /**
     * Parses a stored model.
     *
     * @param json     the JSON bytes (UTF-8).
     * @param source   where they came from, for messages (e.g. {@code system-redis key massive:volume_profile}).
     * @param withOhlc {@code false} skips the {@code ohlc} array (faster; the model then keeps no bars).
     * @return the model, with the RAW/TV profiles, counters and metrics restored.
     * @throws ModelFormatException if the bytes are not a valid model.
     */
    public static VolumeProfileModel read(final byte[] json, final String source, final boolean withOhlc) {
        try (JsonParser p = JSON.createParser(json)) {
            return new Reader(p, source, withOhlc).read();
        } catch (final IOException ex) {
            throw new ModelFormatException("volume-profile model from " + source + " is not valid JSON: "
                + ex.getMessage(), ex);
        }
    }

    /** A stored model could not be read. */
    public static final class ModelFormatException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelFormatException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    private static final class Reader {
        private final JsonParser p;
        private final String source;
        private final boolean withOhlc;
        private String symbol;
        private String synthetic;
        private double multiplier = Double.NaN;
        private String multiplierSource;
        private int binSize = 1;
        private String lastUpdated;
        private String rangeStart;
        private String rangeEnd;
        private long lastBarT = VolumeProfileModel.NO_BARS;
        private long barCount = -1;
        private boolean ohlcSeen;
        private final BarColumns bars = new BarColumns(16);
        private long[] rawBins = new long[256];
        private double[] rawVols = new double[256];
        private int rawCount;
        private long[] tvBins = new long[256];
        private double[] tvVols = new double[256];
        private int tvCount;
        private boolean metricsSeen;
        private boolean vpocPresent;
        private long vpoc;
        private long[] hvn = new long[0];
        private long[] lvn = new long[0];

        Reader(final JsonParser p, final String source, final boolean withOhlc) {
            this.p = p;
            this.source = source;
            this.withOhlc = withOhlc;
        }

        VolumeProfileModel read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error("the model is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "symbol" -> symbol = text(name);
                    case "synthetic_symbol" -> synthetic = text(name);
                    case "spy_multiplier" -> multiplier = number(name);
                    case "multiplier_source" -> multiplierSource = text(name);
                    case "bin_size" -> binSize = (int) integer(name);
                    case "last_updated" -> lastUpdated = nullableText(name);
                    case "source_range" -> sourceRange();
                    case "last_bar_t" -> lastBarT = p.currentToken() == JsonToken.VALUE_NULL
                        ? VolumeProfileModel.NO_BARS : integer(name);
                    case "bar_count" -> barCount = integer(name);
                    case "ohlc" -> ohlc();
                    case "buckets_raw" -> rawCount = buckets(name, true);
                    case "buckets_tv" -> tvCount = buckets(name, false);
                    case "vpoc" -> {
                        metricsSeen = true;
                        vpocPresent = p.currentToken() != JsonToken.VALUE_NULL;
                        vpoc = vpocPresent ? integer(name) : 0;
                    }
                    case "hvn" -> {
                        metricsSeen = true;
                        hvn = binList(name);
                    }
                    case "lvn" -> {
                        metricsSeen = true;
                        lvn = binList(name);
                    }
                    default -> p.skipChildren();
                }
            }
            if (symbol == null) {
                throw error("field 'symbol' is missing");
            }
            if (synthetic == null) {
                synthetic = switch (symbol.toUpperCase(Locale.ROOT)) {
                    case "SPY" -> "SPX";
                    case "QQQ" -> "NDX";
                    default -> throw error("field 'synthetic_symbol' is missing");
                };
            }
            if (!(multiplier > 0.0) || Double.isInfinite(multiplier)) {
                throw error("field 'spy_multiplier' is missing or not a positive number");
            }
            if (binSize != 1) {
                throw error("field 'bin_size' is " + binSize + "; only 1 is supported");
            }
            final boolean keepOhlc = withOhlc && (bars.size() > 0 || barCount <= 0);
            final VolumeProfileModel model = new VolumeProfileModel(symbol, synthetic, multiplier,
                multiplierSource == null ? "default" : multiplierSource, binSize, keepOhlc);
            final VolumeProfileAccumulator profile = model.profile();
            try {
                for (int i = 0; i < rawCount; i++) {
                    profile.addRaw(rawBins[i], rawVols[i]);
                }
                for (int i = 0; i < tvCount; i++) {
                    profile.addTv(tvBins[i], tvVols[i]);
                }
            } catch (final IllegalArgumentException ex) {
                throw new ModelFormatException("volume-profile model from " + source + ": buckets span too many bins: "
                    + ex.getMessage(), ex);
            }
            if (keepOhlc) {
                for (int i = 0; i < bars.size(); i++) {
                    model.ohlc().add(bars.t(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i),
                        bars.volume(i));
                }
            }
            final long watermark = lastBarT != VolumeProfileModel.NO_BARS ? lastBarT
                : bars.size() > 0 ? bars.maxT() : VolumeProfileModel.NO_BARS;
            model.restoreCounters(watermark, barCount >= 0 ? barCount : bars.size());
            if (metricsSeen) {
                model.restoreMetrics(new LongHorizonMetrics(vpocPresent, vpoc, Double.NaN, hvn, lvn));
            }
            model.lastUpdated(lastUpdated);
            if (rangeStart != null || rangeEnd != null) {
                model.sourceRange(rangeStart, rangeEnd);
            }
            if (!ohlcSeen && lastBarT == VolumeProfileModel.NO_BARS && barCount > 0) {
                throw error("the model has bars but neither 'last_bar_t' nor 'ohlc'");
            }
            return model;
        }

        private void sourceRange() throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error("field 'source_range' is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String name = p.currentName();
                p.nextToken();
                if ("start".equals(name)) {
                    rangeStart = nullableText("source_range.start");
                } else if ("end".equals(name)) {
                    rangeEnd = nullableText("source_range.end");
                } else {
                    p.skipChildren();
                }
            }
        }

        private void ohlc() throws IOException {
            ohlcSeen = true;
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw error("field 'ohlc' is not an array");
            }
            if (!withOhlc) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    long t = Long.MIN_VALUE;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        final String name = p.currentName();
                        p.nextToken();
                        if ("t".equals(name)) {
                            t = integer("ohlc[].t");
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (t > lastBarTFromOhlc) {
                        lastBarTFromOhlc = t;
                    }
                    ohlcCount++;
                }
                if (p.currentToken() != JsonToken.END_ARRAY) {
                    throw error("field 'ohlc' holds a non-object");
                }
                if (lastBarT == VolumeProfileModel.NO_BARS) {
                    lastBarT = lastBarTFromOhlc;
                }
                if (barCount < 0) {
                    barCount = ohlcCount;
                }
                return;
            }
            int index = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
                long t = Long.MIN_VALUE;
                double o = Double.NaN;
                double h = Double.NaN;
                double l = Double.NaN;
                double c = Double.NaN;
                double v = Double.NaN;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    final String name = p.currentName();
                    p.nextToken();
                    switch (name) {
                        case "t" -> t = integer("ohlc[" + index + "].t");
                        case "o" -> o = nullableNumber("ohlc[" + index + "].o");
                        case "h" -> h = nullableNumber("ohlc[" + index + "].h");
                        case "l" -> l = nullableNumber("ohlc[" + index + "].l");
                        case "c" -> c = nullableNumber("ohlc[" + index + "].c");
                        case "v" -> v = nullableNumber("ohlc[" + index + "].v");
                        default -> p.skipChildren();
                    }
                }
                if (t == Long.MIN_VALUE) {
                    throw error("ohlc[" + index + "] has no 't'");
                }
                bars.add(t, o, h, l, c, v);
                index++;
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                throw error("ohlc[" + index + "] is not an object");
            }
        }

        private long lastBarTFromOhlc = VolumeProfileModel.NO_BARS;
        private long ohlcCount;

        private int buckets(final String field, final boolean raw) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error("field '" + field + "' is not an object");
            }
            int n = 0;
            long[] bins = raw ? rawBins : tvBins;
            double[] vols = raw ? rawVols : tvVols;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String key = p.currentName();
                final long bin = binKey(field, key);
                p.nextToken();
                final double vol = number(field + "[\"" + key + "\"]");
                if (n == bins.length) {
                    bins = Arrays.copyOf(bins, n * 2);
                    vols = Arrays.copyOf(vols, n * 2);
                }
                bins[n] = bin;
                vols[n] = vol;
                n++;
            }
            if (raw) {
                rawBins = bins;
                rawVols = vols;
            } else {
                tvBins = bins;
                tvVols = vols;
            }
            return n;
        }

        private long binKey(final String field, final String key) {
            try {
                return Long.parseLong(key);
            } catch (final NumberFormatException ex) {
                try {
                    final double d = Double.parseDouble(key);
                    if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                        return (long) d;
                    }
                } catch (final NumberFormatException ignored) {
                    // reported below
                }
                throw error("field '" + field + "' has a non-integer bin key \"" + key + "\"");
            }
        }

        private long[] binList(final String field) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return new long[0];
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw error("field '" + field + "' is not an array");
            }
            long[] out = new long[16];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = integer(field + "[]");
            }
            return Arrays.copyOf(out, n);
        }

        private String text(final String field) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw error("field '" + field + "' is not a string");
            }
            return p.getText();
        }

        private String nullableText(final String field) throws IOException {
            return p.currentToken() == JsonToken.VALUE_NULL ? null : text(field);
        }

        private double number(final String field) throws IOException {
            final JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                return p.getDoubleValue();
            }
            throw error("field '" + field + "' is not a number");
        }

        private double nullableNumber(final String field) throws IOException {
            return p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : number(field);
        }

        private long integer(final String field) throws IOException {
            final JsonToken token = p.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return p.getLongValue();
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                final double d = p.getDoubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                    return (long) d;
                }
            }
            throw error("field '" + field + "' is not an integer");
        }

        private ModelFormatException error(final String what) {
            return new ModelFormatException("volume-profile model from " + source + " at byte "
                + p.currentLocation().getByteOffset() + ": " + what, null);
        }
    }
}
