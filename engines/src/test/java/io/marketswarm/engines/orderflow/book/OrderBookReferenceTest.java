package io.marketswarm.engines.orderflow.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the optimised books beside the naive references over long random streams and compares, after every event:
 * touch records, best bid and ask, both full depth maps, level and order counts, and the running sum of depth
 * listener deltas per price against the reference depth (bid plus ask). Orders are compared every 64 events (every 2048
 * with large id pools) and at the end. A second optimised book, sized to grow from one order and one level and fed no touch buffer (the
 * book-only path), must keep the same state.
 */
class OrderBookReferenceTest {

    private static final int EVENTS = 200_000;
    private static final byte BID = 'B';
    private static final byte ASK = 'A';

    @ParameterizedTest(name = "seed {0}, {1} ids, {2} R per million")
    @CsvSource({"1, 300, 2000", "2, 300, 2000", "3, 2000, 200", "4, 20000, 20", "5, 40, 5000"})
    void shouldMatchReferenceParityBookAfterEveryEvent(final long seed, final int idPool, final int clears) {
        final RandomMboStream stream = new RandomMboStream(seed, idPool, clears);
        final ReferenceParityBook reference = new ReferenceParityBook();
        final ParityOrderBook book = new ParityOrderBook();
        final ParityOrderBook growing = new ParityOrderBook(1, 1);
        final RecordingDepthListener listener = new RecordingDepthListener();
        book.depthListener(listener);
        final TouchBuffer touches = new TouchBuffer();
        for (int event = 1; event <= EVENTS; event++) {
            stream.next();
            final int n = event;
            final Supplier<String> where = () -> "seed " + seed + " event " + n + ": " + (char)stream.action + " "
                + (char)stream.side + " " + stream.price + " x" + stream.size + " id " + stream.orderId;
            final List<Touch> expected = reference.apply(stream.action, stream.side, stream.price, stream.size,
                stream.orderId);
            touches.clear();
            book.apply(stream.action, stream.side, stream.price, stream.size, stream.orderId, stream.flags,
                stream.publisherId, touches);
            growing.apply(stream.action, stream.side, stream.price, stream.size, stream.orderId, stream.flags,
                stream.publisherId, null);
            assertEquals(expected, Touch.of(touches), where);
            assertDepth(reference.depth(BID), reference.depth(ASK), reference.orders.size(), book, listener, where);
            assertSameState(book, growing, where);
            if (event % orderCheckInterval(idPool) == 0 || event == EVENTS) {
                assertEquals(parityOrders(reference), BookState.orders(book), where);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} ids, {2} R per million")
    @CsvSource({"11, 300, 2000", "12, 300, 2000", "13, 2000, 200", "14, 5000, 20", "15, 40, 5000"})
    void shouldMatchReferenceDatabentoBookAfterEveryEvent(final long seed, final int idPool, final int clears) {
        final RandomMboStream stream = new RandomMboStream(seed, idPool, clears);
        final ReferenceDatabentoBook reference = new ReferenceDatabentoBook();
        final DatabentoOrderBook book = new DatabentoOrderBook();
        final DatabentoOrderBook growing = new DatabentoOrderBook(1, 1);
        final RecordingDepthListener listener = new RecordingDepthListener();
        book.depthListener(listener);
        final TouchBuffer touches = new TouchBuffer();
        for (int event = 1; event <= EVENTS; event++) {
            stream.next();
            final int n = event;
            final Supplier<String> where = () -> "seed " + seed + " event " + n + ": " + (char)stream.action + " "
                + (char)stream.side + " " + stream.price + " x" + stream.size + " id " + stream.orderId + " pub "
                + stream.publisherId + " flags " + stream.flags;
            final List<Touch> expected = reference.apply(stream.action, stream.side, stream.price, stream.size,
                stream.orderId, stream.flags, stream.publisherId);
            touches.clear();
            book.apply(stream.action, stream.side, stream.price, stream.size, stream.orderId, stream.flags,
                stream.publisherId, touches);
            growing.apply(stream.action, stream.side, stream.price, stream.size, stream.orderId, stream.flags,
                stream.publisherId, null);
            assertEquals(expected, Touch.of(touches), where);
            assertDepth(reference.depth(BID), reference.depth(ASK), reference.orders.size(), book, listener, where);
            assertEquals(reference.maybeBad, book.maybeBad(), where);
            assertSameState(book, growing, where);
            if (event % orderCheckInterval(idPool) == 0 || event == EVENTS) {
                assertEquals(databentoOrders(reference), BookState.orders(book), where);
            }
        }
    }

    private static int orderCheckInterval(final int idPool) {
        return idPool > 1000 ? 2048 : 64;
    }

    private static void assertDepth(final TreeMap<Long, Long> bids, final TreeMap<Long, Long> asks,
        final int orders, final OrderBook book, final RecordingDepthListener listener, final Supplier<String> where) {
        assertEquals(bids, BookState.depth(book, BID), where);
        assertEquals(asks, BookState.depth(book, ASK), where);
        assertEquals(bids.isEmpty() ? 0 : bids.lastKey(), book.bestBid(), where);
        assertEquals(asks.isEmpty() ? 0 : asks.firstKey(), book.bestAsk(), where);
        assertEquals(bids.size(), book.levelCount(BID), where);
        assertEquals(asks.size(), book.levelCount(ASK), where);
        assertEquals(orders, book.orderCount(), where);
        final long probe = RandomMboStream.BASE_PRICE + RandomMboStream.TICK * (orders % RandomMboStream.GRID);
        assertEquals(bids.getOrDefault(probe, 0L), book.depthAt(BID, probe), where);
        assertEquals(asks.getOrDefault(probe, 0L), book.depthAt((byte)'N', probe), where);
        final TreeMap<Long, Long> both = new TreeMap<>(bids);
        asks.forEach((price, qty) -> both.merge(price, qty, Long::sum));
        assertEquals(both, listener.sums, where);
    }

    private static void assertSameState(final OrderBook expected, final OrderBook actual,
        final Supplier<String> where) {
        assertEquals(expected.orderCount(), actual.orderCount(), where);
        assertEquals(BookState.depth(expected, BID), BookState.depth(actual, BID), where);
        assertEquals(BookState.depth(expected, ASK), BookState.depth(actual, ASK), where);
    }

    private static List<BookState.Order> parityOrders(final ReferenceParityBook reference) {
        return reference.orders.entrySet().stream()
            .map(e -> new BookState.Order(0, e.getKey(), e.getValue().side(), e.getValue().price(),
                e.getValue().qty()))
            .sorted((a, b) -> Long.compare(a.orderId(), b.orderId()))
            .toList();
    }

    private static List<BookState.Order> databentoOrders(final ReferenceDatabentoBook reference) {
        return reference.orders.entrySet().stream()
            .map(e -> new BookState.Order(e.getKey().publisherId(), e.getKey().orderId(), e.getValue().side(),
                e.getValue().price(), e.getValue().qty()))
            .sorted((a, b) -> a.publisherId() != b.publisherId() ? Integer.compare(a.publisherId(), b.publisherId())
                : Long.compare(a.orderId(), b.orderId()))
            .toList();
    }
}
