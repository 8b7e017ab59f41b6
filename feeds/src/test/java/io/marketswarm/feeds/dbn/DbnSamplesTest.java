package io.marketswarm.feeds.dbn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.marketswarm.core.testsupport.SharedData;

/**
 * Every recorded sample in {@code shared/data/dbn} and {@code shared/data/dbn-real} decodes with the counts and values
 * read from the files by other tools (the samples' READMEs, the databento-cpp decoder tests).
 */
class DbnSamplesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test_data.mbo.dbn, 2, 353",
        "test_data.mbo.v1.dbn.zst, 1, 206",
        "test_data.mbo.v2.dbn.zst, 2, 353",
        "test_data.mbo.v3.dbn, 3, 360",
        "test_data.mbo.v3.dbn.zst, 3, 360",
    })
    void shouldDecodeEveryMboSampleToTheSameTwoCancels(final String file, final int version, final long firstOffset)
        throws IOException {
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn/" + file))) {
            final DbnMetadata md = reader.metadata();
            assertEquals(version, md.version());
            assertEquals("GLBX.MDP3", md.dataset());
            assertEquals(DbnConstants.SCHEMA_MBO, md.schema());
            assertEquals(1609160400000000000L, md.start());
            assertEquals(1609200000000000000L, md.end());
            assertEquals(2, md.limit());
            assertEquals(DbnConstants.STYPE_RAW_SYMBOL, md.stypeIn());
            assertEquals(DbnConstants.STYPE_INSTRUMENT_ID, md.stypeOut());
            assertFalse(md.tsOut());
            assertEquals(version == 1 ? 22 : 71, md.symbolCstrLen());
            assertEquals(List.of("ESH1"), md.symbols());
            assertEquals(List.of(), md.partial());
            assertEquals(List.of(), md.notFound());
            assertEquals(List.of(new DbnMetadata.SymbolMapping("ESH1",
                List.of(new DbnMetadata.MappingInterval(20201228, 20201229, "5482")))), md.mappings());
            assertEquals("ESH1", md.instrumentSymbols().get(5482L));
            assertEquals("ESH1", md.symbolOn(5482, 20201228));
            assertEquals(null, md.symbolOn(5482, 20201229));
            assertEquals(firstOffset, md.recordsOffset());

            assertTrue(reader.nextMbo());
            assertEquals(firstOffset, reader.recordOffset());
            final MboFlyweight mbo = reader.mbo();
            assertEquals(56, mbo.lengthBytes());
            assertEquals(160, mbo.rtype());
            assertEquals(1, mbo.publisherId());
            assertEquals(5482, mbo.instrumentId());
            assertEquals(1609160400000429831L, mbo.tsEvent());
            assertEquals(647784973705L, mbo.orderId());
            assertEquals(3722750000000L, mbo.price());
            assertEquals(1, mbo.size());
            assertEquals(128, mbo.flags());
            assertEquals(0, mbo.channelId());
            assertEquals('C', mbo.action());
            assertEquals('A', mbo.side());
            assertEquals(1609160400000704060L, mbo.tsRecv());
            assertEquals(22993, mbo.tsInDelta());
            assertEquals(1170352, mbo.sequence());

            assertTrue(reader.nextMbo());
            assertEquals(1609160400000431665L, mbo.tsEvent());
            assertEquals(647784973631L, mbo.orderId());
            assertEquals(3723000000000L, mbo.price());
            assertEquals(1609160400000711344L, mbo.tsRecv());
            assertEquals(19621, mbo.tsInDelta());
            assertEquals(1170353, mbo.sequence());
            assertFalse(reader.nextMbo());
            assertEquals(2, reader.recordCount());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "test_data.bbo-1m.dbn, 2, 4, 80", "test_data.bbo-1m.v2.dbn.zst, 2, 4, 80", "test_data.bbo-1m.v3.dbn.zst, 3, 4, 80",
        "test_data.bbo-1s.dbn, 2, 4, 80", "test_data.cbbo-1s.v3.dbn.zst, 3, 2, 80", "test_data.cmbp-1.dbn, 2, 2, 80",
        "test_data.definition.dbn, 2, 2, 400", "test_data.definition.v1.dbn.zst, 1, 2, 360",
        "test_data.definition.v2.dbn.zst, 2, 2, 400", "test_data.definition.v3.dbn.zst, 3, 2, 520",
        "test_data.imbalance.dbn, 2, 2, 112", "test_data.imbalance.v1.dbn.zst, 1, 2, 112",
        "test_data.mbp-1.v1.dbn.zst, 1, 2, 80", "test_data.mbp-10.dbn, 2, 2, 368", "test_data.mbp-10.v3.dbn.zst, 3, 2, 368",
        "test_data.ohlcv-1d.dbn, 2, 0, 0", "test_data.ohlcv-1d.v1.dbn.zst, 1, 0, 0", "test_data.ohlcv-1d.v3.dbn.zst, 3, 0, 0",
        "test_data.ohlcv-1h.v1.dbn.zst, 1, 2, 56", "test_data.ohlcv-1m.v3.dbn.zst, 3, 2, 56",
        "test_data.statistics.dbn, 2, 2, 64", "test_data.statistics.v3.dbn.zst, 3, 2, 80",
        "test_data.status.v3.dbn.zst, 3, 4, 40", "test_data.tbbo.v1.dbn.zst, 1, 2, 80",
        "test_data.trades.dbn, 2, 2, 48", "test_data.trades.v3.dbn.zst, 3, 2, 48",
    })
    void shouldSkipOtherRecordTypesByLength(final String file, final int version, final int records,
        final int recordBytes) throws IOException {
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn/" + file))) {
            assertEquals(version, reader.metadata().version());
            int count = 0;
            while (reader.next()) {
                assertEquals(recordBytes, reader.recordLength());
                count++;
            }
            assertEquals(records, count);
        }
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn/" + file))) {
            assertFalse(reader.nextMbo(), "no MBO records in " + file);
        }
    }

    @Test
    void shouldDecodeLargeMetadata() throws IOException {
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn/test_data.definition.dbn"))) {
            final DbnMetadata md = reader.metadata();
            assertEquals("XNAS.ITCH", md.dataset());
            assertEquals(62, md.mappings().stream().mapToInt(m -> m.intervals().size()).sum());
        }
    }

    @Test
    void shouldRejectRecordOnlyFragmentsAsNotDbn() {
        final Path frag = SharedData.require("dbn/test_data.definition.v3.dbn.frag");
        final DbnFormatException ex = assertThrows(DbnFormatException.class, () -> DbnReader.open(frag));
        assertTrue(ex.getMessage().contains("not a DBN stream"), ex.getMessage());
        assertTrue(ex.getMessage().contains(frag.toString()), ex.getMessage());
    }

    @Test
    void shouldDecodeRealEsSessionWithSnapshot() throws IOException {
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn-real/esh4-glbx-mdp3-20231225.mbo.dbn.zst"))) {
            assertEquals(1, reader.metadata().version());
            assertEquals("ESH4", reader.metadata().instrumentSymbols().get(17077L));
            final MboFlyweight mbo = reader.mbo();
            assertTrue(reader.nextMbo());
            assertEquals(206, reader.recordOffset());
            assertRecord(mbo, 'A', 'B', 6412777162812L, 4799000000000L, 2, 40, 1703422805243925307L,
                1703462400000000000L, 0, 682);
            long count = 1;
            long snapshot = 1;
            while (reader.nextMbo()) {
                count++;
                snapshot += (mbo.flags() & DbnConstants.F_SNAPSHOT) != 0 ? 1 : 0;
                assertEquals(17077, mbo.instrumentId());
            }
            assertEquals(68_792, count);
            assertEquals(8_725, snapshot);
        }
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn-real/esh4-glbx-mdp3-20231225.mbo.dbn.zst"))) {
            long offset = -1;
            while (reader.nextMbo()) {
                offset = reader.recordOffset();
            }
            assertEquals(3_852_502L, offset);
            assertRecord(reader.mbo(), 'M', 'A', 6412777285103L, 4810500000000L, 1, 130, 1703548799446724905L,
                1703548799446821072L, 16997, 59585);
        }
    }

    @Test
    void shouldDecodeRealSnapshotOnlyFile() throws IOException {
        try (DbnReader reader = DbnReader.open(SharedData.require("dbn-real/esh4-glbx-mdp3-20231224.mbo.dbn.zst"))) {
            long count = 0;
            while (reader.nextMbo()) {
                count++;
                assertTrue((reader.mbo().flags() & DbnConstants.F_SNAPSHOT) != 0);
            }
            assertEquals(8_725, count);
            assertRecord(reader.mbo(), 'A', 'A', 6412754796275L, 5792500000000L, 2, 168, 1703422805243925307L,
                1703422805718200244L, 0, 691);
        }
    }

    @Test
    void shouldDecodeRealOrderbookFileStartingWithSnapshotClear() throws IOException {
        final Path file = SharedData.require("dbn-real/orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn.zst");
        try (DbnReader reader = DbnReader.open(file)) {
            assertTrue(reader.nextMbo());
            assertRecord(reader.mbo(), 'R', 'N', 0, DbnConstants.UNDEF_PRICE, 0, 40, 1714910404570304567L,
                1715126400000000000L, 0, 0);
            long count = 1;
            while (reader.nextMbo()) {
                count++;
            }
            assertEquals(13_796, count);
            assertRecord(reader.mbo(), 'C', 'A', 6413245568152L, 5474500000000L, 1, 130, 1715126401995601491L,
                1715126401995697728L, 14494, 11051240);
        }
    }

    @Test
    void shouldSkipNonMboRecordsInRealFiles() throws IOException {
        for (final String name : new String[] {"futures_ohlcv-1m_2024-07-01T23-40_2024-07-02T00-10.dbn.zst",
            "futures_trades_2024-07-01T23-58_2024-07-02T00-02.dbn.zst", "definition-glbx-es-fut.dbn.zst"}) {
            try (DbnReader reader = DbnReader.open(SharedData.require("dbn-real/" + name))) {
                long count = 0;
                while (reader.next()) {
                    count++;
                }
                assertEquals(name.startsWith("futures_ohlcv") ? 60 : name.startsWith("futures_trades") ? 120 : 2,
                    count, name);
            }
        }
    }

    static void assertRecord(final MboFlyweight mbo, final char action, final char side, final long orderId,
        final long price, final long size, final int flags, final long tsEvent, final long tsRecv,
        final int tsInDelta, final long sequence) {
        assertEquals(action, (char)mbo.action(), "action");
        assertEquals(side, (char)mbo.side(), "side");
        assertEquals(orderId, mbo.orderId(), "order_id");
        assertEquals(price, mbo.price(), "price");
        assertEquals(size, mbo.size(), "size");
        assertEquals(flags, mbo.flags(), "flags");
        assertEquals(tsEvent, mbo.tsEvent(), "ts_event");
        assertEquals(tsRecv, mbo.tsRecv(), "ts_recv");
        assertEquals(tsInDelta, mbo.tsInDelta(), "ts_in_delta");
        assertEquals(sequence, mbo.sequence(), "sequence");
    }
}
