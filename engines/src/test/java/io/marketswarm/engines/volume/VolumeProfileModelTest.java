package io.marketswarm.engines.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.marketswarm.core.format.JsonByteWriter;

class VolumeProfileModelTest {

    private static String json(final VolumeProfileModel model, final boolean ohlc) {
        final JsonByteWriter out = new JsonByteWriter(256);
        VolumeProfileModelJson.write(model, out, ohlc);
        return out.toString();
    }

    private static VolumeProfileModel read(final String text) {
        return VolumeProfileModelJson.read(text.getBytes(StandardCharsets.UTF_8), "test", true);
    }

    @Test
    void specFactOneBarWritesTheSpecBucketsInKeyOrder() {
        final VolumeProfileModel model = new VolumeProfileModel("SPY", "SPX", 10.0, "default", true);
        model.apply(1_700_000_040_000L, 600.05, 600.30, 600.00, 600.15, 3000);
        model.lastUpdated("2025-12-01T14:03:05.123456+00:00");
        model.sourceRange("2025-11-01", "2025-12-01");
        assertEquals("{\"symbol\":\"SPY\",\"synthetic_symbol\":\"SPX\",\"spy_multiplier\":10.0,"
            + "\"multiplier_source\":\"default\",\"bin_size\":1,\"min_price\":6002,\"max_price\":6002,"
            + "\"last_updated\":\"2025-12-01T14:03:05.123456+00:00\","
            + "\"source_range\":{\"start\":\"2025-11-01\",\"end\":\"2025-12-01\"},\"last_bar_t\":1700000040000,"
            + "\"bar_count\":1,\"ohlc\":[{\"t\":1700000040000,\"o\":600.05,\"h\":600.3,\"l\":600.0,\"c\":600.15,"
            + "\"v\":3000.0}],\"buckets_raw\":{\"6002\":3000.0},"
            + "\"buckets_tv\":{\"6000\":600.0,\"6001\":900.0,\"6002\":1100.0,\"6003\":400.0}}", json(model, true));
    }

    @Test
    void flatAndHalfEvenBarsFollowSection9() {
        final VolumeProfileModel model = new VolumeProfileModel("SPY", "SPX", 10.0, "default", false);
        model.apply(60_000, 500.0, 500.0, 500.0, 500.0, 100);
        model.apply(120_000, 450.1, 450.35, 450.05, 450.25, 90);
        assertEquals(100.0, model.profile().raw(5000));
        assertEquals(90.0, model.profile().raw(4502));
        assertEquals(4, model.profile().tvBinCount());
        assertEquals(3.0, model.profile().tv(4500));
        assertEquals(27.0, model.profile().tv(4501));
        assertEquals(33.0, model.profile().tv(4502));
        assertEquals(27.0, model.profile().tv(4503));
        assertEquals(4502, model.minPrice());
        assertEquals(5000, model.maxPrice());
        assertEquals(0, model.ohlc().size(), "--no-ohlc keeps no bars");
        assertTrue(json(model, true).contains("\"ohlc\":[]"));
    }

    @Test
    void aBarAtOrBeforeTheWatermarkIsNeverCountedTwice() {
        final VolumeProfileModel model = new VolumeProfileModel("SPY", "SPX", 10.0, "default", true);
        assertTrue(model.apply(60_000, 1, 2, 1, 2, 10));
        assertFalse(model.apply(60_000, 1, 2, 1, 2, 10), "same bar again");
        assertFalse(model.apply(0, 1, 2, 1, 2, 10), "older bar");
        assertTrue(model.apply(120_000, 1, 2, 1, 2, 10));
        assertEquals(2, model.barCount());
        assertEquals(2, model.staleBarsSkipped());
        assertEquals(120_000, model.lastBarT());
        assertEquals(20.0, model.profile().raw(20));
    }

    @Test
    void liveMetricsOnTheSpecMap() {
        final long[] bins = {6000, 6001, 6002, 6003, 6004, 6005};
        final double[] vols = {100, 400, 100, 40, 400, 10};
        final LongHorizonMetrics m = LongHorizonMetrics.compute(bins, vols, 6);
        assertEquals(6001, m.vpoc());
        assertEquals(175.0, m.average());
        assertArrayEquals(new long[] {6001, 6004}, m.hvn());
        assertArrayEquals(new long[] {6003, 6005}, m.lvn());
        assertFalse(LongHorizonMetrics.compute(bins, vols, 0).hasVpoc());
    }

    @Test
    void writtenModelReadsBackBitForBitAndRewritesIdentically() {
        final VolumeProfileModel model = new VolumeProfileModel("QQQ", "NDX", 4.0, "config", true);
        final SplittableRandom random = new SplittableRandom(11);
        double price = 380.0;
        for (int i = 0; i < 5000; i++) {
            price += (random.nextInt(21) - 10) * 0.01;
            final double low = price - random.nextInt(30) * 0.01;
            final double high = price + random.nextInt(30) * 0.01;
            model.apply(60_000L * (i + 1), price, high, low, price, random.nextInt(1, 100_000) / 3.0);
        }
        model.recomputeMetrics();
        model.lastUpdated("2026-01-02T03:04:05.000006+00:00");
        final String first = json(model, true);
        final VolumeProfileModel back = read(first);
        assertEquals(first, json(back, true));
        assertEquals(model.barCount(), back.barCount());
        assertEquals(model.lastBarT(), back.lastBarT());
        assertEquals(model.metrics(), new LongHorizonMetrics(true, back.metrics().vpoc(), model.metrics().average(),
            back.metrics().hvn(), back.metrics().lvn()));
        model.profile().forEachTv((bin, vol) -> assertEquals(Double.doubleToRawLongBits(vol),
            Double.doubleToRawLongBits(back.profile().tv(bin))));
        final VolumeProfileModel lean = VolumeProfileModelJson.read(first.getBytes(StandardCharsets.UTF_8), "t",
            false);
        assertEquals(0, lean.ohlc().size());
        assertEquals(model.lastBarT(), lean.lastBarT());
    }

    @Test
    void anOriginalModelTakesItsWatermarkFromOhlc() {
        final VolumeProfileModel model = read("{\"symbol\":\"SPY\",\"spy_multiplier\":10,\"bin_size\":1,"
            + "\"buckets_raw\":{\"6002\":3000,\"5000\":100},\"buckets_tv\":{},"
            + "\"ohlc\":[{\"t\":120000,\"o\":1,\"h\":1,\"l\":1,\"c\":1,\"v\":1},{\"t\":60000,\"o\":1,\"h\":1,\"l\":1,"
            + "\"c\":1,\"v\":1}],\"last_updated\":\"x\",\"min_price\":0,\"max_price\":0}");
        assertEquals("SPX", model.syntheticSymbol());
        assertEquals(120_000, model.lastBarT());
        assertEquals(2, model.barCount());
        assertEquals("default", model.multiplierSource());
        assertEquals(5000, model.minPrice());
        assertEquals(6002, model.maxPrice());
        assertNull(model.metrics());
    }

    @Test
    void badModelsNameTheFieldAndOffset() {
        final VolumeProfileModelJson.ModelFormatException notNumber = assertThrows(
            VolumeProfileModelJson.ModelFormatException.class,
            () -> read("{\"symbol\":\"SPY\",\"spy_multiplier\":10,\"buckets_raw\":{\"6002\":\"x\"}}"));
        assertTrue(notNumber.getMessage().contains("buckets_raw[\"6002\"]"), notNumber.getMessage());
        assertTrue(notNumber.getMessage().contains("from test at byte"), notNumber.getMessage());
        final VolumeProfileModelJson.ModelFormatException badKey = assertThrows(
            VolumeProfileModelJson.ModelFormatException.class,
            () -> read("{\"symbol\":\"SPY\",\"spy_multiplier\":10,\"buckets_raw\":{\"60.5\":1}}"));
        assertTrue(badKey.getMessage().contains("non-integer bin key \"60.5\""), badKey.getMessage());
        final VolumeProfileModelJson.ModelFormatException cut = assertThrows(
            VolumeProfileModelJson.ModelFormatException.class,
            () -> read("{\"symbol\":\"SPY\",\"spy_multiplier\":10,\"buckets_raw\":{\"6002\":1"));
        assertTrue(cut.getMessage().contains("not valid JSON"), cut.getMessage());
        assertThrows(VolumeProfileModelJson.ModelFormatException.class,
            () -> read("{\"symbol\":\"SPY\",\"buckets_raw\":{}}"), "no multiplier");
    }
}
