package io.marketswarm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.marketswarm.core.testsupport.SharedData;
import io.marketswarm.engines.orderflow.book.DatabentoOrderBook;
import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.book.ParityOrderBook;
import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;

/**
 * Both book modes on real CME data: how often each shows a crossed (or locked) book after an {@code F_LAST} record.
 * On the ESH4 file every crossing falls in the pre-open auction (22:39:55 to the 23:00:00 open), where CME books do
 * cross, and none after it; the file that starts with a Clear and a snapshot never crosses. Counts are printed.
 */
class BookModesOnRealDataTest {

    /** Globex open after the holiday, 2023-12-25 23:00:00 UTC: the pre-open auction before it may cross. */
    private static final long OPEN_2023_12_25 = 1_703_545_200_000_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"esh4-glbx-mdp3-20231225.mbo.dbn.zst",
        "orderbooks_mbo_2024-05-08T00-00-00_2024-05-08T00-00-02.dbn.zst"})
    void shouldCountCrossedBooksAfterFLastInBothModes(final String name) throws IOException {
        final Path file = SharedData.require("dbn-real/" + name);
        final OrderBook parity = new ParityOrderBook();
        final OrderBook databento = new DatabentoOrderBook();
        final OrderBook flowOnly = new DatabentoOrderBook();
        long flowOnlyCrossed = 0;
        long lastCrossedTsRecv = 0;
        long lastRecords = 0;
        long parityCrossed = 0;
        long databentoCrossed = 0;
        try (DbnReader reader = DbnReader.open(file)) {
            final MboFlyweight mbo = reader.mbo();
            while (reader.nextMbo()) {
                final long price = mbo.price() == DbnConstants.UNDEF_PRICE ? 0 : mbo.price();
                parity.apply(mbo.action(), mbo.side(), price, mbo.size(), mbo.orderId(), mbo.flags(),
                    mbo.publisherId(), null);
                databento.apply(mbo.action(), mbo.side(), price, mbo.size(), mbo.orderId(), mbo.flags(),
                    mbo.publisherId(), null);
                if ((mbo.flags() & DbnConstants.F_SNAPSHOT) == 0) {
                    flowOnly.apply(mbo.action(), mbo.side(), price, mbo.size(), mbo.orderId(), mbo.flags(),
                        mbo.publisherId(), null);
                }
                if ((mbo.flags() & DbnConstants.F_LAST) != 0) {
                    lastRecords++;
                    flowOnlyCrossed += crossed(flowOnly) ? 1 : 0;
                    parityCrossed += crossed(parity) ? 1 : 0;
                    if (crossed(databento)) {
                        databentoCrossed++;
                        lastCrossedTsRecv = mbo.tsRecv();
                    }
                }
            }
        }
        System.out.printf("%s: %d F_LAST records; crossed or locked after F_LAST: parity %d (%.2f%%), "
                + "databento %d (%.2f%%); databento without the snapshot records %d%n", name, lastRecords, parityCrossed,
            100.0 * parityCrossed / lastRecords, databentoCrossed, 100.0 * databentoCrossed / lastRecords,
            flowOnlyCrossed);
        assertTrue(lastRecords > 100);
        assertTrue(databentoCrossed <= parityCrossed, "Databento's rules cross no more often than the original's");
        if (name.startsWith("esh4")) {
            assertTrue(lastCrossedTsRecv <= OPEN_2023_12_25 + 1_000_000L,
                "crossings only in the pre-open auction, last at " + lastCrossedTsRecv);
        }
        if (name.startsWith("orderbooks")) {
            assertEquals(0, databentoCrossed, "a file that starts with Clear + snapshot never crosses");
        }
    }

    private static boolean crossed(final OrderBook book) {
        return book.bestBid() > 0 && book.bestAsk() > 0 && book.bestBid() >= book.bestAsk();
    }
}
