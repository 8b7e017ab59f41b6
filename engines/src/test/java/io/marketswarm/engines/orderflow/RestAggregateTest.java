package io.marketswarm.engines.orderflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.engines.orderflow.book.DatabentoOrderBook;
import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.book.ParityOrderBook;

/**
 * The per-bucket resting-depth aggregate, kept incrementally and shifted with spot, equals a naive rescan of every
 * book level after every event, on long random streams (on-tick prices, and off-tick prices that exercise the
 * half-even rounding of bucket boundaries).
 */
class RestAggregateTest {

    private static final long TICK = 250_000_000L;

    @ParameterizedTest(name = "{0} book, off-tick prices {1}, seed {2}")
    @CsvSource({"parity, false, 1", "parity, true, 2", "databento, false, 3", "databento, true, 4",
        "parity, false, 5"})
    void shouldMatchANaiveScanAfterEveryEvent(final String mode, final boolean offTick, final long seed) {
        final OrderBook book = mode.equals("parity") ? new ParityOrderBook() : new DatabentoOrderBook();
        final VacuumPressureEngine engine = new VacuumPressureEngine(TICK, book);
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] actions = {'A', 'A', 'A', 'C', 'C', 'M', 'F', 'T', 'N'};
        long mid = 20_000L * TICK;
        long nextId = 1;
        for (int i = 0; i < 60_000; i++) {
            if (random.nextInt(50) == 0) {
                mid += (random.nextBoolean() ? 1 : -1) * TICK * (1 + random.nextInt(3));
            }
            final byte action = i % 20_000 == 19_999 ? (byte)'R' : actions[random.nextInt(actions.length)];
            final boolean bid = random.nextBoolean();
            final long distance = (1 + random.nextInt(70)) * TICK + (offTick && random.nextInt(4) == 0
                ? TICK / 2 * random.nextInt(-1, 2) : 0);
            final long price = bid ? mid - distance : mid + distance;
            final long id = action == 'A' ? nextId++ : 1 + random.nextLong(nextId);
            engine.onEvent(1_000_000_000L + i * 1_000_000L, action, (byte)(bid ? 'B' : 'A'), price,
                1 + random.nextInt(9), id, 0x80, 1);
            if (engine.spotRef() > 0) {
                assertAggregate(engine, book, i);
            }
        }
    }

    private static void assertAggregate(final VacuumPressureEngine engine, final OrderBook book, final int event) {
        final long[] naive = new long[GridColumns.ROWS];
        final OrderBook.LevelVisitor visitor = (price, quantity) -> {
            final int k = engine.bucketOf(price);
            if (k >= -GridColumns.K && k <= GridColumns.K) {
                naive[k + GridColumns.K] += quantity;
            }
        };
        book.forEachLevel(OrderBook.BID, Long.MIN_VALUE, Long.MAX_VALUE, visitor);
        book.forEachLevel(OrderBook.ASK, Long.MIN_VALUE, Long.MAX_VALUE, visitor);
        for (int row = 0; row < GridColumns.ROWS; row++) {
            assertEquals(naive[row], engine.restAggregate(row), "event " + event + " k=" + (row - GridColumns.K));
        }
    }
}
