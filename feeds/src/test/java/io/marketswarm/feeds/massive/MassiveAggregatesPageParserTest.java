package io.marketswarm.feeds.massive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MassiveAggregatesPageParserTest {

    private final AggregatesPageParser parser = new AggregatesPageParser();

    private void parse(final String json) throws MassiveApiException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        parser.parse(bytes, bytes.length, "http://test/page");
    }

    private List<double[]> bars() {
        final List<double[]> out = new ArrayList<>();
        parser.deliver((t, o, h, l, c, v, vw, n) -> out.add(new double[] {t, o, h, l, c, v, vw, n}));
        return out;
    }

    private MassiveApiException malformed(final String json) {
        return assertThrows(MassiveApiException.class, () -> parse(json));
    }

    @Test
    void shouldSkipUnknownFieldsOfAnyShape() throws Exception {
        parse(" {\"meta\":{\"a\":[1,-2.5e-3,true,false,null,{\"b\":\"x\\\"y\\u00e9\"}]},\"ticker\":\"O:SPY\","
            + "\"results\":[{\"otc\":true,\"T\":\"AAPL\",\"t\":5,\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,"
            + "\"extra\":[[],{}]}],\"resultsCount\":1,\"status\":\"OK\",\"next_url\":null}\n");

        assertEquals("O:SPY", parser.ticker());
        assertEquals("OK", parser.status());
        assertEquals(1, parser.resultsCount());
        assertNull(parser.nextUrl());
        final double[] bar = bars().get(0);
        assertEquals(5, bar[0]);
        assertEquals(1.5, bar[4]);
        assertTrue(Double.isNaN(bar[5]));
    }

    @Test
    void shouldReadNullOrMissingPricesAsNaNAndRequireOnlyT() throws Exception {
        parse("{\"status\":\"OK\",\"results\":[{\"t\":60000,\"o\":1,\"h\":2,\"l\":0.5,\"c\":null,\"v\":10},"
            + "{\"t\":120000,\"c\":1.5,\"v\":20},{\"t\":180000,\"o\":1,\"h\":2,\"l\":1,\"c\":1.5,\"v\":5}]}");
        final List<double[]> bars = bars();
        assertEquals(3, bars.size());
        assertTrue(Double.isNaN(bars.get(0)[4]), "null close");
        assertEquals(0.5, bars.get(0)[3]);
        assertTrue(Double.isNaN(bars.get(1)[1]) && Double.isNaN(bars.get(1)[2]) && Double.isNaN(bars.get(1)[3]),
            "missing o h l");
        assertEquals(1.5, bars.get(1)[4]);
        assertEquals(1.5, bars.get(2)[4], "a well-formed bar after them still takes the fast path");
        final MassiveApiException noT = malformed("{\"status\":\"OK\",\"results\":[{\"o\":1,\"c\":1}]}");
        assertTrue(noT.getMessage().contains("lacks its window start t"), noT.getMessage());
    }

    @Test
    void shouldTreatMissingResultsAsEmptyPage() throws Exception {
        parse("{\"ticker\":\"AAPL\",\"queryCount\":0,\"resultsCount\":0,\"status\":\"OK\"}");

        assertEquals(0, parser.barCount());
        assertEquals(0, parser.resultsCount());
    }

    @Test
    void shouldDecodeEscapedStrings() throws Exception {
        parse("{\"status\":\"OK\",\"next_url\":\"http:\\/\\/h\\/v2?cursor=a\\u0062\"}");

        assertEquals("http://h/v2?cursor=ab", parser.nextUrl());
    }

    @Test
    void shouldParseDoublesExactlyAsTheJdk() throws Exception {
        final Random random = new Random(42);
        final StringBuilder sb = new StringBuilder("{\"results\":[");
        final List<String> texts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            final String text = switch (i % 4) {
                case 0 -> Double.toString(random.nextDouble() * 1000);
                case 1 -> String.format("%.4f", random.nextDouble() * 500);
                case 2 -> Long.toString(random.nextLong() >>> (1 + random.nextInt(60)));
                default -> Double.toString(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            };
            texts.add(text);
            sb.append(i == 0 ? "" : ",").append("{\"t\":").append(i).append(",\"o\":").append(text)
                .append(",\"h\":0,\"l\":0,\"c\":0,\"v\":").append(text).append('}');
        }
        parse(sb.append("]}").toString());

        final List<double[]> bars = bars();
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(Double.parseDouble(texts.get(i)), bars.get(i)[1], texts.get(i));
        }
    }

    @Test
    void shouldParseDigitRunsOfEveryLengthAtEveryAlignment() throws Exception {
        final Random random = new Random(7);
        final StringBuilder sb = new StringBuilder("{\"results\":[");
        final List<String> prices = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            final int intDigits = 1 + i % 18;
            final int fractionDigits = i % 7 == 0 ? 0 : random.nextInt(Math.max(1, 19 - intDigits));
            final StringBuilder price = new StringBuilder(i % 5 == 0 ? "-" : "");
            price.append(1 + random.nextInt(9));
            for (int d = 1; d < intDigits; d++) {
                price.append(random.nextInt(10));
            }
            if (fractionDigits > 0) {
                price.append('.');
                for (int d = 0; d < fractionDigits; d++) {
                    price.append(random.nextInt(10));
                }
            }
            final long t = random.nextLong() >>> (5 + random.nextInt(59));
            prices.add(price.toString());
            times.add(t);
            sb.append(i == 0 ? "" : ",").append(" ".repeat(i % 9)).append("{\"t\":").append(t)
                .append(",\"o\":").append(price).append(",\"h\":1,\"l\":1,\"c\":").append(price)
                .append(",\"n\":").append(intDigits).append('}');
        }
        final byte[] json = sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        final byte[] stale = java.util.Arrays.copyOf(json, json.length + 16);
        java.util.Arrays.fill(stale, json.length, stale.length, (byte) '7');

        parser.parse(stale, json.length, "http://test/page");

        final List<double[]> bars = bars();
        for (int i = 0; i < prices.size(); i++) {
            assertEquals(Double.parseDouble(prices.get(i)), bars.get(i)[1], prices.get(i));
            assertEquals(Double.parseDouble(prices.get(i)), bars.get(i)[4], prices.get(i));
            assertEquals(1 + i % 18, bars.get(i)[7]);
        }
        final long[] ts = new long[prices.size()];
        parser.deliver(new BarSink() {
            private int i;

            @Override
            public void onBar(final long t, final double o, final double h, final double l, final double c,
                final double v, final double vw, final long n) {
                ts[i++] = t;
            }
        });
        for (int i = 0; i < ts.length; i++) {
            assertEquals(times.get(i), ts[i], "t of bar " + i);
        }
    }

    @Test
    void shouldParsePrettyPrintedAndCompactBarsAlike() throws Exception {
        parse("{\"results\":[{\"v\":642646396.0,\"vw\":1.469,\"o\":1.5032,\"c\":1.4604,\"h\":1.5064,"
            + "\"l\":1.4489,\"t\":1112331600000,\"n\":82132}],\"status\":\"OK\"}");
        final double[] compact = bars().get(0);
        parse("{\n  \"results\" : [\n    {\n      \"v\" : 642646396.0 ,\n      \"vw\": 1.469,\r\n\t\"o\":1.5032,"
            + " \"c\":1.4604, \"h\" :1.5064, \"l\": 1.4489, \"t\": 1112331600000, \"n\": 82132\n    }\n  ]\n}\n");

        assertEquals(java.util.Arrays.toString(compact), java.util.Arrays.toString(bars().get(0)));
        assertEquals(1112331600000.0, compact[0]);
        assertEquals(642646396.0, compact[5]);
    }

    @Test
    void shouldGrowColumnsBeyondInitialCapacityAndResetPerPage() throws Exception {
        final StringBuilder sb = new StringBuilder("{\"results\":[");
        for (int i = 0; i < 1000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"t\":").append(i).append(",\"o\":1,\"h\":1,\"l\":1,\"c\":1}");
        }
        parse(sb.append("]}").toString());
        assertEquals(1000, parser.barCount());

        parse("{\"results\":[]}");
        assertEquals(0, parser.barCount());
    }

    @Test
    void shouldRejectMalformedInputNamingTheOffset() {
        assertEquals(0, malformed("").offset());
        assertEquals(0, malformed("[]").offset());
        assertEquals(12, malformed("{\"results\":[{}]}").offset());
        assertEquals(14, malformed("{\"results\":[] ").offset());
        assertEquals(15, malformed("{\"status\":\"OK\" \"x\":1}").offset());
        assertEquals(2, malformed("{}x").offset());
        assertEquals(8, malformed("{\"a\":[1,]}").offset());
        assertEquals(5, malformed("{\"a\":01}").offset());
        assertEquals(8, malformed("{\"a\":tru}").offset());
        assertEquals(7, malformed("{\"a\":\"\\q\"}").offset());
        assertEquals(11, malformed("{\"results\":{}}").offset());
        assertEquals(17, malformed("{\"results\":[{\"t\":1.5,\"o\":1,\"h\":1,\"l\":1,\"c\":1}]}").offset());
        assertTrue(malformed("{\"a\":\"x\ny\"}").getMessage().contains("control character"));
        assertTrue(malformed("{\"a\":\"x").getMessage().contains("unexpected end of input"));
    }

    @Test
    void shouldCountOffsetInCharactersNotBytes() {
        final MassiveApiException ex = malformed("{\"a\":\"éé\",}");

        assertEquals(10, ex.offset());
        assertTrue(ex.getMessage().contains("GET http://test/page at offset 10"), ex.getMessage());
    }

    @Test
    void shouldRejectDeepNesting() {
        final String deep = "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertTrue(malformed(deep).getMessage().contains("nesting"));
    }

    @Test
    void shouldReadErrorOrMessageFromErrorBodies() {
        final String unknownKey = "{\"status\":\"ERROR\",\"request_id\":\"x\",\"error\":\"Unknown API Key\"}";
        assertEquals("Unknown API Key", AggregatesPageParser.errorText(unknownKey.getBytes(StandardCharsets.UTF_8)));
        assertEquals("not entitled", AggregatesPageParser.errorText(
            "{\"status\":\"NOT_AUTHORIZED\",\"message\":\"not entitled\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(AggregatesPageParser.errorText("<html>".getBytes(StandardCharsets.UTF_8)));
    }
}
