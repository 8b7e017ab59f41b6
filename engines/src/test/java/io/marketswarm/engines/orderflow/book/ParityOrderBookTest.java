package io.marketswarm.engines.orderflow.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The rows of spec §4.3 and the quirks of §14 (6-9), one behaviour per test. */
class ParityOrderBookTest {

    private static final byte BID = 'B';
    private static final byte ASK = 'A';
    private static final long P100 = 100_000_000_000L;
    private static final long P100_25 = 100_250_000_000L;
    private static final long P100_50 = 100_500_000_000L;

    private final ParityOrderBook book = new ParityOrderBook(2, 1);
    private final RecordingDepthListener listener = new RecordingDepthListener();
    private final TouchBuffer touches = new TouchBuffer();

    ParityOrderBookTest() {
        book.depthListener(listener);
    }

    private List<Touch> apply(final char action, final char side, final long price, final long size,
        final long orderId) {
        touches.clear();
        book.apply((byte)action, (byte)side, price, size, orderId, 0, 0, touches);
        return Touch.of(touches);
    }

    private static TreeMap<Long, Long> levels(final long... priceQty) {
        final TreeMap<Long, Long> map = new TreeMap<>();
        for (int i = 0; i < priceQty.length; i += 2) {
            map.put(priceQty[i], priceQty[i + 1]);
        }
        return map;
    }

    private void assertOrders(final BookState.Order... expected) {
        assertEquals(List.of(expected), BookState.orders(book));
    }

    private static BookState.Order order(final long id, final char side, final long price, final long qty) {
        return new BookState.Order(0, id, (byte)side, price, qty);
    }

    @Test
    void shouldAddOrderAndDepthAndEmitAddTouch() {
        assertEquals(List.of(Touch.add(P100, 'B', 5)), apply('A', 'B', P100, 5, 1));
        assertEquals(List.of(Touch.add(P100_25, 'A', 3)), apply('A', 'A', P100_25, 3, 2));

        assertEquals(P100, book.bestBid());
        assertEquals(P100_25, book.bestAsk());
        assertEquals(5, book.depthAt(BID, P100));
        assertEquals(3, book.depthAt(ASK, P100_25));
        assertEquals(2, book.orderCount());
        assertOrders(order(1, 'B', P100, 5), order(2, 'A', P100_25, 3));
    }

    @Test
    void shouldAccumulateDepthOfSeveralOrdersAtOneLevel() {
        apply('A', 'B', P100, 5, 1);
        apply('A', 'B', P100, 2, 3);

        assertEquals(levels(P100, 7), BookState.depth(book, BID));
        assertEquals(1, book.levelCount(BID));
    }

    @Test
    void shouldOverwriteOrderWithoutRemovingOldDepthOnDuplicateAdd() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.add(P100_50, 'A', 4)), apply('A', 'A', P100_50, 4, 1));

        assertOrders(order(1, 'A', P100_50, 4));
        assertEquals(levels(P100, 5), BookState.depth(book, BID));
        assertEquals(levels(P100_50, 4), BookState.depth(book, ASK));
    }

    @Test
    void shouldRemoveWholeOrderOnCancelIgnoringRecordSizeSideAndPrice() {
        apply('A', 'B', P100, 5, 1);
        apply('A', 'B', P100, 2, 3);

        assertEquals(List.of(Touch.pull(P100, 'B', 2)), apply('C', 'A', P100_50, 1, 3));

        assertOrders(order(1, 'B', P100, 5));
        assertEquals(levels(P100, 5), BookState.depth(book, BID));
        assertEquals(0, book.levelCount(ASK));
    }

    @Test
    void shouldIgnoreCancelForUnknownOrder() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(), apply('C', 'B', P100, 5, 99));

        assertOrders(order(1, 'B', P100, 5));
        assertEquals(levels(P100, 5), BookState.depth(book, BID));
    }

    @Test
    void shouldEmitPullThenAddWhenModifyChangesPrice() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.pull(P100, 'B', 5), Touch.add(P100_25, 'B', 3)), apply('M', 'B', P100_25, 3, 1));

        assertOrders(order(1, 'B', P100_25, 3));
        assertEquals(levels(P100_25, 3), BookState.depth(book, BID));
    }

    @Test
    void shouldEmitAddOfIncreaseWhenModifyKeepsPrice() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.add(P100, 'B', 2)), apply('M', 'B', P100, 7, 1));

        assertEquals(levels(P100, 7), BookState.depth(book, BID));
    }

    @Test
    void shouldEmitPullOfDecreaseWhenModifyKeepsPrice() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.pull(P100, 'B', 4)), apply('M', 'B', P100, 1, 1));

        assertEquals(levels(P100, 1), BookState.depth(book, BID));
    }

    @Test
    void shouldEmitOneAllZeroTouchWhenModifyKeepsPriceAndSize() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(new Touch(P100, BID, 0, 0, 0)), apply('M', 'B', P100, 5, 1));

        assertEquals(levels(P100, 5), BookState.depth(book, BID));
    }

    @Test
    void shouldTreatSideChangeAtSamePriceAsSamePriceModify() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.add(P100, 'A', 1)), apply('M', 'A', P100, 6, 1));

        assertOrders(order(1, 'A', P100, 6));
        assertEquals(0, book.levelCount(BID));
        assertEquals(levels(P100, 6), BookState.depth(book, ASK));
    }

    @Test
    void shouldInsertWithoutTouchOnModifyForUnknownOrder() {
        assertEquals(List.of(), apply('M', 'A', P100_25, 3, 7));

        assertOrders(order(7, 'A', P100_25, 3));
        assertEquals(levels(P100_25, 3), BookState.depth(book, ASK));
    }

    @Test
    void shouldReduceBookByMinButTouchRawSizeOnFill() {
        apply('A', 'A', P100_25, 3, 2);
        apply('A', 'A', P100_25, 4, 5);

        assertEquals(List.of(Touch.fill(P100_25, 'A', 1)), apply('F', 'B', P100_50, 1, 2));
        assertOrders(order(2, 'A', P100_25, 2), order(5, 'A', P100_25, 4));
        assertEquals(levels(P100_25, 6), BookState.depth(book, ASK));

        assertEquals(List.of(Touch.fill(P100_25, 'A', 10)), apply('F', 'A', P100_25, 10, 2));
        assertOrders(order(5, 'A', P100_25, 4));
        assertEquals(levels(P100_25, 4), BookState.depth(book, ASK));
    }

    @Test
    void shouldIgnoreFillForUnknownOrder() {
        apply('A', 'A', P100_25, 3, 2);

        assertEquals(List.of(), apply('F', 'A', P100_25, 3, 99));

        assertEquals(levels(P100_25, 3), BookState.depth(book, ASK));
    }

    @Test
    void shouldClearOrdersAndDepthOnAnyClearRecord() {
        apply('A', 'B', P100, 5, 1);
        apply('A', 'A', P100_25, 3, 2);

        touches.clear();
        book.apply((byte)'R', (byte)'N', Long.MAX_VALUE, 0, 0, 0, 1, touches);

        assertEquals(0, touches.count());
        assertEquals(0, book.orderCount());
        assertEquals(0, book.bestBid());
        assertEquals(0, book.bestAsk());
        assertEquals(1, listener.clears);
        assertTrue(listener.sums.isEmpty());

        book.apply((byte)'R', (byte)'N', 0, 0, 0, 0x20 | 0x08, 1, touches);
        assertEquals(2, listener.clears);
    }

    @Test
    void shouldIgnoreTradeNoneAndUnknownActions() {
        apply('A', 'B', P100, 5, 1);
        listener.forgetChanges();

        for (final char action : new char[] {'T', 'N', 'X', 0}) {
            assertEquals(List.of(), apply(action, 'B', P100, 5, 1));
        }

        assertOrders(order(1, 'B', P100, 5));
        assertEquals(levels(P100, 5), BookState.depth(book, BID));
        assertEquals(List.of(), listener.changes);
    }

    @Test
    void shouldTreatAnySideOtherThanBidAsAsk() {
        apply('A', 'N', P100_25, 3, 1);
        apply('A', 'x', P100_50, 2, 2);

        assertEquals(levels(P100_25, 3, P100_50, 2), BookState.depth(book, ASK));
        assertEquals(levels(P100_25, 3, P100_50, 2), BookState.depth(book, (byte)'N'));
        assertEquals(P100_25, book.bestAsk());
        assertEquals(0, book.bestBid());
        assertOrders(order(1, 'N', P100_25, 3), order(2, 'x', P100_50, 2));
        assertEquals(List.of(Touch.pull(P100_25, 'N', 3)), apply('C', 'B', 0, 0, 1));
    }

    @Test
    void shouldDropLevelAtOrBelowZeroAndReportStoredQuantityAsDelta() {
        book.restoreLevel(BID, P100, 3);
        book.restoreOrder(0, 1, BID, P100, 5);
        listener.forgetChanges();

        assertEquals(List.of(Touch.pull(P100, 'B', 5)), apply('C', 'B', P100, 5, 1));

        assertEquals(0, book.levelCount(BID));
        assertEquals(List.of(new RecordingDepthListener.Change(P100, -3)), listener.changes);
    }

    @Test
    void shouldDropLevelThenAddNewSizeWhenSamePriceModifyExceedsStoredDepth() {
        book.restoreLevel(BID, P100, 3);
        book.restoreOrder(0, 1, BID, P100, 5);
        listener.forgetChanges();

        assertEquals(List.of(Touch.pull(P100, 'B', 1)), apply('M', 'B', P100, 4, 1));

        assertEquals(levels(P100, 4), BookState.depth(book, BID));
        assertEquals(List.of(new RecordingDepthListener.Change(P100, 1)), listener.changes);
    }

    @Test
    void shouldNeverCreateEmptyLevelNorReportZeroDelta() {
        assertEquals(List.of(Touch.add(P100, 'B', 0)), apply('A', 'B', P100, 0, 1));

        assertEquals(0, book.levelCount(BID));
        assertEquals(1, book.orderCount());
        assertEquals(List.of(), listener.changes);

        assertEquals(List.of(Touch.fill(P100, 'B', 2)), apply('F', 'B', P100, 2, 1));
        assertEquals(0, book.orderCount());
        assertEquals(List.of(), listener.changes);
    }

    @Test
    void shouldReportEveryStoredQuantityChangeToListener() {
        apply('A', 'B', P100, 5, 1);
        apply('A', 'B', P100, 2, 3);
        apply('M', 'B', P100_25, 2, 3);
        apply('F', 'B', 0, 1, 1);

        assertEquals(List.of(new RecordingDepthListener.Change(P100, 5), new RecordingDepthListener.Change(P100, 2),
            new RecordingDepthListener.Change(P100, -2), new RecordingDepthListener.Change(P100_25, 2),
            new RecordingDepthListener.Change(P100, -1)), listener.changes);
        assertEquals(Map.of(P100, 4L, P100_25, 2L), listener.sums);
    }

    @Test
    void shouldVisitLevelsInAscendingPriceWithinInclusiveRange() {
        for (int i = 0; i < 10; i++) {
            apply('A', 'B', P100 + i, i + 1, i);
            apply('A', 'A', P100 + i, i + 1, 100 + i);
        }

        assertEquals(levels(P100 + 2, 3, P100 + 3, 4, P100 + 4, 5), range(BID, P100 + 2, P100 + 4));
        assertEquals(levels(P100 + 2, 3, P100 + 3, 4, P100 + 4, 5), range(ASK, P100 + 2, P100 + 4));
        assertEquals(levels(P100 + 9, 10), range(ASK, P100 + 9, Long.MAX_VALUE));
        assertEquals(levels(P100, 1), range(BID, Long.MIN_VALUE, P100));
        assertEquals(levels(), range(ASK, P100 + 4, P100 + 2));
        assertEquals(P100 + 9, book.bestBid());
        assertEquals(P100, book.bestAsk());
    }

    private TreeMap<Long, Long> range(final byte side, final long min, final long max) {
        final TreeMap<Long, Long> map = new TreeMap<>();
        final long[] last = {Long.MIN_VALUE};
        book.forEachLevel(side, min, max, (price, qty) -> {
            assertTrue(map.isEmpty() || price > last[0], "ascending");
            last[0] = price;
            map.put(price, qty);
        });
        return map;
    }

    @Test
    void shouldRestoreOrdersWithoutDepthAndLevelsExplicitly() {
        book.restoreOrder(7, 1, BID, P100, 5);
        assertEquals(0, book.levelCount(BID));
        assertOrders(order(1, 'B', P100, 5));

        book.restoreLevel(BID, P100, 9);
        book.restoreLevel(ASK, P100_25, 4);
        assertEquals(levels(P100, 9), BookState.depth(book, BID));
        assertEquals(levels(P100_25, 4), BookState.depth(book, ASK));
        assertEquals(Map.of(P100, 9L, P100_25, 4L), listener.sums);

        book.restoreLevel(BID, P100, 2);
        assertEquals(levels(P100, 2), BookState.depth(book, BID));
        assertEquals(Map.of(P100, 2L, P100_25, 4L), listener.sums);
    }

    @Test
    void shouldEmptyEverythingOnClear() {
        apply('A', 'B', P100, 5, 1);
        book.clear();

        assertEquals(0, book.orderCount());
        assertEquals(0, book.levelCount(BID));
        assertEquals(1, listener.clears);
        assertEquals(List.of(), apply('C', 'B', P100, 5, 1));
    }

    /** Spec §15.1, the book part: events 1-7 with their touch records and the final book. */
    @Test
    void shouldReproduceScenarioOneBookAndTouches() {
        assertEquals(List.of(Touch.add(P100, 'B', 5)), apply('A', 'B', P100, 5, 1));
        assertEquals(List.of(Touch.add(P100_25, 'A', 3)), apply('A', 'A', P100_25, 3, 2));
        assertEquals(List.of(Touch.add(P100, 'B', 2)), apply('A', 'B', P100, 2, 3));
        assertEquals(List.of(Touch.pull(P100, 'B', 2)), apply('C', 'N', 0, 0, 3));
        assertEquals(List.of(Touch.fill(P100_25, 'A', 1)), apply('F', 'N', 0, 1, 2));
        assertEquals(List.of(Touch.add(P100, 'B', 2)), apply('M', 'B', P100, 7, 1));
        assertEquals(List.of(Touch.add(P100_50, 'A', 4)), apply('A', 'A', P100_50, 4, 4));

        assertEquals(P100, book.bestBid());
        assertEquals(P100_25, book.bestAsk());
        assertEquals(levels(P100, 7), BookState.depth(book, BID));
        assertEquals(levels(P100_25, 2, P100_50, 4), BookState.depth(book, ASK));
        assertOrders(order(1, 'B', P100, 7), order(2, 'A', P100_25, 2), order(4, 'A', P100_50, 4));
    }

    @Test
    void shouldKeepStateWhenNoTouchBufferIsGiven() {
        book.apply((byte)'A', BID, P100, 5, 1, 0, 0, null);
        book.apply((byte)'M', BID, P100_25, 4, 1, 0, 0, null);
        book.apply((byte)'F', BID, 0, 1, 1, 0, 0, null);
        book.apply((byte)'C', BID, 0, 0, 1, 0, 0, null);

        assertEquals(0, book.orderCount());
        assertEquals(0, book.levelCount(BID));
    }
}
