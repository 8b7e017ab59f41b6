package io.marketswarm.feeds.dbn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.core.testsupport.SharedData;
import io.marketswarm.feeds.massive.BarFileException;

class DbnOhlcvBarsTest {

    private static final String SAMPLE = "dbn-real/futures_ohlcv-1m_2024-07-01T23-40_2024-07-02T00-10.dbn.zst";
    private static final Pattern PRETTY = Pattern.compile("\"instrument_id\":(\\d+)\\},\"open\":\"([^\"]+)\","
        + "\"high\":\"([^\"]+)\",\"low\":\"([^\"]+)\",\"close\":\"([^\"]+)\",\"volume\":\"(\\d+)\"");
    private static final Pattern TS_EVENT = Pattern.compile("\"ts_event\":\"(\\d+)\"");
    private static final long DAY_NS = 86_400_000_000_000L;
    private static final long T0_NS = 1_719_877_200_000_000_000L;

    @TempDir
    Path dir;

    /** One delivered bar. */
    private record Bar(long t, double o, double h, double l, double c, double v, double vw, long n) {
    }

    private static final class Recorder {
        final List<Bar> bars = new ArrayList<>();

        DbnOhlcvBars.Summary read(final Path file, final String symbol) throws IOException {
            return DbnOhlcvBars.read(file, symbol, (t, o, h, l, c, v, vw, n) -> bars.add(new Bar(t, o, h, l, c, v,
                vw, n)));
        }
    }

    @Test
    void shouldRefuseTheTwoInstrumentSampleWithoutASymbolNamingBoth() {
        final Path file = SharedData.require(SAMPLE);

        final BarFileException ex = assertThrows(BarFileException.class, () -> new Recorder().read(file, null));

        assertEquals(file, ex.file());
        assertTrue(ex.getMessage().contains("ESU4 -> 118") && ex.getMessage().contains("NQU4 -> 4358"),
            ex.getMessage());
    }

    @Test
    void shouldKeepThirtyBarsOfTheChosenSymbolMatchingDatabentoText() throws IOException {
        final Path file = SharedData.require(SAMPLE);
        final List<String[]> expected = prettyRecords(file, "118");
        final Recorder recorder = new Recorder();

        final DbnOhlcvBars.Summary summary = recorder.read(file, "ESU4");

        assertEquals(new DbnOhlcvBars.Summary("ESU4", 30, 30, 0), summary);
        assertEquals(30, expected.size());
        for (int i = 0; i < 30; i++) {
            final String[] text = expected.get(i);
            final Bar bar = recorder.bars.get(i);
            assertEquals(Long.parseLong(text[0]) / 1_000_000, bar.t(), "t of bar " + i);
            assertEquals(Double.parseDouble(text[1]), bar.o(), 0.0, "open of bar " + i);
            assertEquals(Double.parseDouble(text[2]), bar.h(), 0.0);
            assertEquals(Double.parseDouble(text[3]), bar.l(), 0.0);
            assertEquals(Double.parseDouble(text[4]), bar.c(), 0.0);
            assertEquals(Double.parseDouble(text[5]), bar.v(), 0.0);
            assertTrue(Double.isNaN(bar.vw()));
            assertEquals(0, bar.n());
        }
        assertEquals(5527.25, recorder.bars.get(0).o(), 0.0);
        assertEquals(180.0, recorder.bars.get(0).v(), 0.0);
        assertEquals(1_719_877_200_000L, recorder.bars.get(0).t());
        assertEquals(1_719_878_940_000L, recorder.bars.get(29).t());
    }

    @Test
    void shouldAcceptTheResolvedInstrumentIdAsTheSymbol() throws IOException {
        final Path file = SharedData.require(SAMPLE);
        final Recorder byId = new Recorder();
        final Recorder bySymbol = new Recorder();

        assertEquals(30, byId.read(file, "4358").bars());
        bySymbol.read(file, "NQU4");

        assertEquals(bySymbol.bars, byId.bars);
        assertEquals(20014.25, byId.bars.get(0).o(), 0.0);
    }

    @Test
    void shouldListTheFileSymbolsForAnUnknownSymbol() {
        final Path file = SharedData.require(SAMPLE);

        final BarFileException ex = assertThrows(BarFileException.class, () -> new Recorder().read(file, "ESZ4"));

        assertTrue(ex.getMessage().contains("ESZ4") && ex.getMessage().contains("ESU4"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnotherSchema() throws IOException {
        final Path file = write("mbo.dbn", metadata(0, List.of()), new byte[0]);

        final BarFileException ex = assertThrows(BarFileException.class, () -> new Recorder().read(file, null));

        assertTrue(ex.getMessage().contains("schema is mbo"), ex.getMessage());
    }

    @Test
    void shouldReadTheOnlyInstrumentOfAFileWithoutMappingsAndSkipOtherRecordTypes() throws IOException {
        final Path file = write("single.dbn", metadata(6, List.of()),
            ohlcv(7, T0_NS, 100_250_000_000L, 101_000_000_000L, 99_500_000_000L, 100_000_000_000L, 5),
            trade(7, T0_NS + 1),
            ohlcv(7, T0_NS + 60_000_000_000L, DbnConstants.UNDEF_PRICE, 3_000_000_001L, 1, -100_000_000L, -1L));
        final Recorder recorder = new Recorder();

        final DbnOhlcvBars.Summary summary = recorder.read(file, " ");

        assertEquals(new DbnOhlcvBars.Summary("7", 2, 0, 1), summary);
        assertEquals(new Bar(T0_NS / 1_000_000, 100.25, 101.0, 99.5, 100.0, 5.0, Double.NaN, 0),
            recorder.bars.get(0));
        final Bar second = recorder.bars.get(1);
        assertTrue(Double.isNaN(second.o()));
        assertEquals(3.000000001, second.h(), 0.0);
        assertEquals(1e-9, second.l(), 0.0);
        assertEquals(-0.1, second.c(), 0.0);
        assertEquals(18446744073709551615.0, second.v(), 0.0);
    }

    @Test
    void shouldFailOnASecondInstrumentWhenTheFileHasNoMappings() throws IOException {
        final Path file = write("two.dbn", metadata(6, List.of()),
            ohlcv(7, T0_NS, 1, 1, 1, 1, 1), ohlcv(8, T0_NS, 1, 1, 1, 1, 1));

        final BarFileException ex = assertThrows(BarFileException.class, () -> new Recorder().read(file, null));
        assertTrue(ex.getMessage().contains("7 and 8"), ex.getMessage());

        final Recorder recorder = new Recorder();
        assertEquals(1, recorder.read(file, "8").bars());
    }

    @Test
    void shouldFollowAContinuousSymbolAcrossItsRollByDate() throws IOException {
        final List<DbnMetadata.SymbolMapping> mappings = List.of(new DbnMetadata.SymbolMapping("ES.c.0", List.of(
            new DbnMetadata.MappingInterval(20240701, 20240702, "118"),
            new DbnMetadata.MappingInterval(20240702, 20240703, "119"))));
        final Path file = write("roll.dbn", metadata(6, mappings),
            ohlcv(118, T0_NS, 1, 1, 1, 1, 1), ohlcv(119, T0_NS + 60_000_000_000L, 2, 2, 2, 2, 2),
            ohlcv(118, T0_NS + DAY_NS, 3, 3, 3, 3, 3), ohlcv(119, T0_NS + DAY_NS, 4, 4, 4, 4, 4));
        final Recorder recorder = new Recorder();

        final DbnOhlcvBars.Summary summary = recorder.read(file, null);

        assertEquals(new DbnOhlcvBars.Summary("ES.c.0", 2, 2, 0), summary);
        assertEquals(1e-9, recorder.bars.get(0).c(), 0.0);
        assertEquals(4e-9, recorder.bars.get(1).c(), 0.0);
    }

    @Test
    void shouldRejectBarsOutOfTimeOrderWithTheOffset() throws IOException {
        final Path file = write("order.dbn", metadata(6, List.of()),
            ohlcv(7, T0_NS + 60_000_000_000L, 1, 1, 1, 1, 1), ohlcv(7, T0_NS, 1, 1, 1, 1, 1));

        final DbnFormatException ex = assertThrows(DbnFormatException.class, () -> new Recorder().read(file, null));

        assertTrue(ex.getMessage().contains("not after the previous"), ex.getMessage());
        assertTrue(ex.offset() > 0);
    }

    @Test
    void shouldConvertFixedPricesToTheNearestDouble() {
        assertEquals(5527.25, DbnOhlcvBars.price(5_527_250_000_000L), 0.0);
        assertEquals(0.1, DbnOhlcvBars.price(100_000_000L), 0.0);
        assertEquals(Double.parseDouble("9223372036.854775806"), DbnOhlcvBars.price(Long.MAX_VALUE - 1), 0.0);
        assertEquals(Double.parseDouble("-9007199.254740993"), DbnOhlcvBars.price(-9_007_199_254_740_993L), 0.0);
        assertTrue(Double.isNaN(DbnOhlcvBars.price(DbnConstants.UNDEF_PRICE)));
    }

    /** {ts_event, open, high, low, close, volume} as Databento's pretty text, for one instrument, in file order. */
    private static List<String[]> prettyRecords(final Path file, final String instrumentId) throws IOException {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (DbnReader reader = DbnReader.open(file)) {
            final AsciiJsonWriter out = new AsciiJsonWriter(text, 4096);
            final DbnJsonEncoder encoder = new DbnJsonEncoder(out, true, false, false);
            while (reader.next()) {
                encoder.record(reader.buffer(), reader.recordIndex(), reader.recordLength());
            }
            out.flush();
        }
        final List<String[]> rows = new ArrayList<>();
        for (final String line : text.toString(StandardCharsets.US_ASCII).split("\n")) {
            final Matcher m = PRETTY.matcher(line);
            final Matcher ts = TS_EVENT.matcher(line);
            if (m.find() && ts.find() && m.group(1).equals(instrumentId)) {
                rows.add(new String[] {ts.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6)});
            }
        }
        return rows;
    }

    private Path write(final String name, final byte[] header, final byte[]... records) throws IOException {
        final Path file = dir.resolve(name);
        int length = header.length;
        for (final byte[] r : records) {
            length += r.length;
        }
        final ByteBuffer all = ByteBuffer.allocate(length).put(header);
        for (final byte[] r : records) {
            all.put(r);
        }
        Files.write(file, all.array());
        return file;
    }

    private static byte[] metadata(final int schema, final List<DbnMetadata.SymbolMapping> mappings) {
        return DbnMetadataCodec.encode(new DbnMetadata(3, "GLBX.MDP3", schema, T0_NS, T0_NS + 2 * DAY_NS, 0,
            DbnConstants.STYPE_RAW_SYMBOL, DbnConstants.STYPE_INSTRUMENT_ID, false, 71,
            mappings.stream().map(DbnMetadata.SymbolMapping::rawSymbol).toList(), List.of(), List.of(), mappings, 0));
    }

    private static byte[] ohlcv(final long instrumentId, final long tsEvent, final long open, final long high,
        final long low, final long close, final long volume) {
        final ByteBuffer b = ByteBuffer.allocate(DbnOhlcvBars.OHLCV_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) (DbnOhlcvBars.OHLCV_LENGTH / 4)).put((byte) DbnConstants.RTYPE_OHLCV_1M).putShort((short) 1)
            .putInt((int) instrumentId).putLong(tsEvent);
        b.putLong(open).putLong(high).putLong(low).putLong(close).putLong(volume);
        return b.array();
    }

    private static byte[] trade(final long instrumentId, final long tsEvent) {
        final ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 12).put((byte) DbnConstants.RTYPE_MBP0).putShort((short) 1).putInt((int) instrumentId)
            .putLong(tsEvent).putLong(1_000_000_000L).putInt(1);
        return b.array();
    }
}
