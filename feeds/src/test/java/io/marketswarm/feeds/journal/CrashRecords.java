package io.marketswarm.feeds.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.MboFlyweight;

/** MBO records whose every field is a function of their sequence number, so a replay can check each one. */
final class CrashRecords {

    static final long TS_BASE = 1_770_000_000_000_000_000L;

    private CrashRecords() {
    }

    static DbnMetadata metadata(final String symbol) {
        return new DbnMetadata(3, "GLBX.MDP3", DbnConstants.SCHEMA_MBO, TS_BASE, DbnConstants.UNDEF_TIMESTAMP, 0,
            DbnConstants.STYPE_RAW_SYMBOL, DbnConstants.STYPE_INSTRUMENT_ID, false, 71, List.of(symbol), List.of(),
            List.of(), List.of(new DbnMetadata.SymbolMapping(symbol, List.of(
                new DbnMetadata.MappingInterval(20260206, 20260207, "42001")))), 0);
    }

    static void fill(final MboFlyweight mbo, final long run, final long i) {
        mbo.writeHeader((int)(run & 0xFFFF), 42001, TS_BASE + i).orderId(i * 31 + 7).price(i * 250_000_000L)
            .size(i % 100 + 1).flags((int)(i & 0xFF)).channelId((int)(run & 0xFF)).action((byte)'A')
            .side((byte)((i & 1) == 0 ? 'B' : 'A')).tsRecv(TS_BASE + i + 5).tsInDelta((int)i).sequence(i);
    }

    static void check(final MboFlyweight mbo, final long run, final long i) {
        final String where = "run " + run + " record " + i;
        assertEquals(56, mbo.lengthBytes(), where);
        assertEquals(DbnConstants.RTYPE_MBO, mbo.rtype(), where);
        assertEquals(i, mbo.sequence(), where);
        assertEquals(run & 0xFFFF, mbo.publisherId(), where);
        assertEquals(42001, mbo.instrumentId(), where);
        assertEquals(TS_BASE + i, mbo.tsEvent(), where);
        assertEquals(i * 31 + 7, mbo.orderId(), where);
        assertEquals(i * 250_000_000L, mbo.price(), where);
        assertEquals(i % 100 + 1, mbo.size(), where);
        assertEquals(i & 0xFF, mbo.flags(), where);
        assertEquals(run & 0xFF, mbo.channelId(), where);
        assertEquals('A', mbo.action(), where);
        assertEquals((i & 1) == 0 ? 'B' : 'A', mbo.side(), where);
        assertEquals(TS_BASE + i + 5, mbo.tsRecv(), where);
        assertEquals((int)i, mbo.tsInDelta(), where);
    }
}
