package io.marketswarm.feeds.dbn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.testsupport.SharedData;

/**
 * The JSON text form matches Databento's byte for byte. Expected lines are the {@code dbn} CLI's output on the same
 * sample files and the literals of the {@code dbn} crate's encoder tests.
 */
class DbnJsonTest {

    private static final String MBO_1 = "{\"ts_recv\":\"1609160400000704060\",\"hd\":{\"ts_event\":\"1609160400000429831\","
        + "\"rtype\":160,\"publisher_id\":1,\"instrument_id\":5482},\"action\":\"C\",\"side\":\"A\","
        + "\"price\":\"3722750000000\",\"size\":1,\"channel_id\":0,\"order_id\":\"647784973705\",\"flags\":128,"
        + "\"ts_in_delta\":22993,\"sequence\":1170352}\n";

    @TempDir
    Path dir;

    private static String dump(final Path file, final long limit, final boolean px, final boolean ts)
        throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DbnReader reader = DbnReader.open(file)) {
            new DbnDumper().dumpRecords(reader, out, limit, px, ts);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldMatchDbnCliForMboInEveryVersion() throws IOException {
        for (final String name : new String[] {"test_data.mbo.dbn", "test_data.mbo.v1.dbn.zst",
            "test_data.mbo.v3.dbn.zst"}) {
            final String text = dump(SharedData.require("dbn/" + name), -1, false, false);
            final String[] lines = text.split("(?<=\n)");
            assertEquals(2, lines.length, name);
            assertEquals(MBO_1, lines[0], name);
            assertTrue(lines[1].startsWith("{\"ts_recv\":\"1609160400000711344\""), lines[1]);
        }
    }

    @Test
    void shouldRenderPrettyPricesAndTimestamps() throws IOException {
        final String text = dump(SharedData.require("dbn/test_data.mbo.v3.dbn"), 1, true, true);
        assertEquals("{\"ts_recv\":\"2020-12-28T13:00:00.000704060Z\",\"hd\":{\"ts_event\":"
            + "\"2020-12-28T13:00:00.000429831Z\",\"rtype\":160,\"publisher_id\":1,\"instrument_id\":5482},"
            + "\"action\":\"C\",\"side\":\"A\",\"price\":\"3722.750000000\",\"size\":1,\"channel_id\":0,"
            + "\"order_id\":\"647784973705\",\"flags\":128,\"ts_in_delta\":22993,\"sequence\":1170352}\n", text);
    }

    @Test
    void shouldMatchDbnCliForTradesAndOhlcv() throws IOException {
        final String trades = dump(SharedData.require("dbn/test_data.trades.dbn"), 1, false, false);
        assertEquals("{\"ts_recv\":\"1609160400099150057\",\"hd\":{\"ts_event\":\"1609160400098821953\",\"rtype\":0,"
            + "\"publisher_id\":1,\"instrument_id\":5482},\"action\":\"T\",\"side\":\"A\",\"depth\":0,"
            + "\"price\":\"3720250000000\",\"size\":5,\"flags\":129,\"ts_in_delta\":19251,\"sequence\":1170380}\n",
            trades);
        final String ohlcv = dump(SharedData.require("dbn/test_data.ohlcv-1s.dbn"), 1, false, false);
        assertEquals("{\"hd\":{\"ts_event\":\"1609160400000000000\",\"rtype\":32,\"publisher_id\":1,"
            + "\"instrument_id\":5482},\"open\":\"372025000000000\",\"high\":\"372050000000000\","
            + "\"low\":\"372025000000000\",\"close\":\"372050000000000\",\"volume\":\"57\"}\n", ohlcv);
    }

    @Test
    void shouldMatchDbnCliMetadata() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn/test_data.ohlcv-1s.v1.dbn.zst"))) {
            new DbnDumper().dumpMetadata(reader, out, false);
        }
        assertEquals("{\"version\":1,\"dataset\":\"GLBX.MDP3\",\"schema\":\"ohlcv-1s\",\"start\":\"1609160400000000000\","
            + "\"end\":\"1609200000000000000\",\"limit\":\"2\",\"stype_in\":\"raw_symbol\",\"stype_out\":\"instrument_id\","
            + "\"ts_out\":false,\"symbol_cstr_len\":22,\"symbols\":[\"ESH1\"],\"partial\":[],\"not_found\":[],"
            + "\"mappings\":[{\"raw_symbol\":\"ESH1\",\"intervals\":[{\"start_date\":20201228,\"end_date\":20201229,"
            + "\"symbol\":\"5482\"}]}]}\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRenderPrettyMetadataDates() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn/test_data.mbo.v3.dbn"))) {
            new DbnDumper().dumpMetadata(reader, out, true);
        }
        final String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"start\":\"2020-12-28T13:00:00.000000000Z\""), text);
        assertTrue(text.contains("{\"start_date\":\"2020-12-28\",\"end_date\":\"2020-12-29\",\"symbol\":\"5482\"}"),
            text);
    }

    @Test
    void shouldRenderEdgeValuesAsDatabentoDoes() throws IOException {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[56]);
        new MboFlyweight().wrap(buffer, 0).writeHeader(1, 4294967295L, 0).orderId(-1L)
            .price(DbnConstants.UNDEF_PRICE).size(4294967295L).flags(255).channelId(0).action((byte)0)
            .side((byte)'/').tsRecv(DbnConstants.UNDEF_TIMESTAMP).tsInDelta(-5).sequence(4294967295L);
        assertEquals("{\"ts_recv\":\"18446744073709551615\",\"hd\":{\"ts_event\":\"0\",\"rtype\":160,\"publisher_id\":1,"
            + "\"instrument_id\":4294967295},\"action\":null,\"side\":\"\\/\",\"price\":\"9223372036854775807\","
            + "\"size\":4294967295,\"channel_id\":0,\"order_id\":\"18446744073709551615\",\"flags\":255,"
            + "\"ts_in_delta\":-5,\"sequence\":4294967295}\n", render(buffer, false, false));
        final String pretty = render(buffer, true, true);
        assertTrue(pretty.startsWith("{\"ts_recv\":null,\"hd\":{\"ts_event\":null,"), pretty);
        assertTrue(pretty.contains("\"price\":null"), pretty);

        new MboFlyweight().wrap(buffer, 0).price(-1_250_000_000L).tsRecv(1_658_441_891_000_000_000L);
        final String negative = render(buffer, true, true);
        assertTrue(negative.contains("\"price\":\"-1.250000000\""), negative);
        assertTrue(negative.contains("\"ts_recv\":\"2022-07-21T22:18:11.000000000Z\""), negative);
        new MboFlyweight().wrap(buffer, 0).price(5500);
        assertTrue(render(buffer, true, false).contains("\"price\":\"0.000005500\""));
        new MboFlyweight().wrap(buffer, 0).price(Long.MIN_VALUE);
        assertTrue(render(buffer, true, false).contains("\"price\":\"-9223372036.854775808\""));
        assertTrue(render(buffer, false, false).contains("\"price\":\"-9223372036854775808\""));
    }

    private static String render(final UnsafeBuffer buffer, final boolean px, final boolean ts) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final AsciiJsonWriter writer = new AsciiJsonWriter(out, 4096);
        assertTrue(new DbnJsonEncoder(writer, px, ts, false).record(buffer, 0, 56));
        writer.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldWriteEveryRecordBeforeAFaultThenFail() throws IOException {
        final byte[] stream = DbnRoundTripTest.encode(DbnRoundTripTest.metadata(3),
            DbnRoundTripTest.randomRecords(20_000, 1));
        final Path file = Files.write(dir.resolve("cut.dbn"), Arrays.copyOf(stream, stream.length - 30));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final DbnDumper dumper = new DbnDumper();
        try (DbnReader reader = DbnReader.open(file)) {
            assertThrows(DbnFormatException.class, () -> dumper.dumpRecords(reader, out, -1, false, false));
        }
        assertEquals(19_999, dumper.written());
        assertEquals(19_999, out.toString(StandardCharsets.UTF_8).split("\n").length);
    }

    @Test
    void shouldDumpEveryRealEsRecord() throws IOException {
        final String text = dump(SharedData.require("dbn-real/esh4-glbx-mdp3-20231225.mbo.dbn.zst"), -1, true, true);
        final String[] lines = text.split("\n");
        assertEquals(68_792, lines.length);
        assertEquals("{\"ts_recv\":\"2023-12-25T00:00:00.000000000Z\",\"hd\":{\"ts_event\":"
            + "\"2023-12-24T13:00:05.243925307Z\",\"rtype\":160,\"publisher_id\":1,\"instrument_id\":17077},"
            + "\"action\":\"A\",\"side\":\"B\",\"price\":\"4799.000000000\",\"size\":2,\"channel_id\":0,"
            + "\"order_id\":\"6412777162812\",\"flags\":40,\"ts_in_delta\":0,\"sequence\":682}", lines[0]);
    }
}
