package io.marketswarm.engines.orderflow.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** Databento's documented book rules ({@code dbn.md} §8) as specified for {@link DatabentoOrderBook}. */
class DatabentoOrderBookTest {

    private static final byte BID = 'B';
    private static final byte ASK = 'A';
    private static final int PUB_1 = 1;
    private static final int PUB_2 = 2;
    private static final int TOB = DatabentoOrderBook.F_TOB;
    private static final int MAYBE_BAD = DatabentoOrderBook.F_MAYBE_BAD_BOOK;
    private static final long P100 = 100_000_000_000L;
    private static final long P100_25 = 100_250_000_000L;
    private static final long P100_50 = 100_500_000_000L;

    private final DatabentoOrderBook book = new DatabentoOrderBook(2, 1);
    private final RecordingDepthListener listener = new RecordingDepthListener();
    private final TouchBuffer touches = new TouchBuffer();

    DatabentoOrderBookTest() {
        book.depthListener(listener);
    }

    private List<Touch> apply(final char action, final char side, final long price, final long size,
        final long orderId, final int flags, final int publisherId) {
        touches.clear();
        book.apply((byte)action, (byte)side, price, size, orderId, flags, publisherId, touches);
        return Touch.of(touches);
    }

    private List<Touch> apply(final char action, final char side, final long price, final long size,
        final long orderId) {
        return apply(action, side, price, size, orderId, 0, PUB_1);
    }

    private static TreeMap<Long, Long> levels(final long... priceQty) {
        final TreeMap<Long, Long> map = new TreeMap<>();
        for (int i = 0; i < priceQty.length; i += 2) {
            map.put(priceQty[i], priceQty[i + 1]);
        }
        return map;
    }

    private static BookState.Order order(final int publisher, final long id, final char side, final long price,
        final long qty) {
        return new BookState.Order(publisher, id, (byte)side, price, qty);
    }

    @Test
    void shouldSubtractRecordSizeAndKeepOrderOnPartialCancel() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.pull(P100, 'B', 2)), apply('C', 'A', P100_50, 2, 1));

        assertEquals(List.of(order(PUB_1, 1, 'B', P100, 3)), BookState.orders(book));
        assertEquals(levels(P100, 3), BookState.depth(book, BID));
    }

    @Test
    void shouldRemoveOrderAndPullOnlyTheRemainderWhenCancelReachesZero() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.pull(P100, 'B', 5)), apply('C', 'B', P100, 8, 1));

        assertEquals(0, book.orderCount());
        assertEquals(0, book.levelCount(BID));
    }

    @Test
    void shouldIgnoreCancelForUnknownOrder() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(), apply('C', 'B', P100, 5, 2));
        assertEquals(List.of(), apply('C', 'B', P100, 5, 1, 0, PUB_2));

        assertEquals(levels(P100, 5), BookState.depth(book, BID));
    }

    @Test
    void shouldReplaceExistingOrderOnDuplicateAdd() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.add(P100_25, 'A', 4)), apply('A', 'A', P100_25, 4, 1));

        assertEquals(List.of(order(PUB_1, 1, 'A', P100_25, 4)), BookState.orders(book));
        assertEquals(0, book.levelCount(BID));
        assertEquals(levels(P100_25, 4), BookState.depth(book, ASK));
    }

    @Test
    void shouldKeepOrderSideOnModify() {
        apply('A', 'B', P100, 5, 1);

        assertEquals(List.of(Touch.pull(P100, 'B', 5), Touch.add(P100_25, 'B', 6)), apply('M', 'A', P100_25, 6, 1));

        assertEquals(List.of(order(PUB_1, 1, 'B', P100_25, 6)), BookState.orders(book));
        assertEquals(levels(P100_25, 6), BookState.depth(book, BID));
        assertEquals(0, book.levelCount(ASK));
    }

    @Test
    void shouldEmitSizeChangeWhenModifyKeepsPrice() {
        apply('A', 'A', P100_25, 5, 1);

        assertEquals(List.of(Touch.add(P100_25, 'A', 3)), apply('M', 'A', P100_25, 8, 1));
        assertEquals(List.of(Touch.pull(P100_25, 'A', 6)), apply('M', 'A', P100_25, 2, 1));
        assertEquals(List.of(new Touch(P100_25, ASK, 0, 0, 0)), apply('M', 'A', P100_25, 2, 1));

        assertEquals(levels(P100_25, 2), BookState.depth(book, ASK));
    }

    @Test
    void shouldAddWithoutTouchOnModifyForUnknownOrder() {
        assertEquals(List.of(), apply('M', 'A', P100_25, 3, 9));

        assertEquals(List.of(order(PUB_1, 9, 'A', P100_25, 3)), BookState.orders(book));
        assertEquals(levels(P100_25, 3), BookState.depth(book, ASK));
    }

    @Test
    void shouldLeaveBookUnchangedOnTradeAndFillAndTouchFillAtOrderPrice() {
        apply('A', 'A', P100_25, 5, 1);
        listener.forgetChanges();

        assertEquals(List.of(), apply('T', 'B', P100_25, 2, 0));
        assertEquals(List.of(Touch.fill(P100_25, 'A', 9)), apply('F', 'B', P100_50, 9, 1));
        assertEquals(List.of(), apply('F', 'A', P100_25, 2, 77));
        assertEquals(List.of(), apply('N', 'A', P100_25, 2, 1));

        assertEquals(List.of(order(PUB_1, 1, 'A', P100_25, 5)), BookState.orders(book));
        assertEquals(levels(P100_25, 5), BookState.depth(book, ASK));
        assertEquals(List.of(), listener.changes);
    }

    @Test
    void shouldKeyOrdersByPublisherAndConsolidateDepth() {
        apply('A', 'B', P100, 5, 1, 0, PUB_1);
        apply('A', 'B', P100, 7, 1, 0, PUB_2);

        assertEquals(2, book.orderCount());
        assertEquals(levels(P100, 12), BookState.depth(book, BID));

        apply('C', 'B', P100, 7, 1, 0, PUB_2);
        assertEquals(List.of(order(PUB_1, 1, 'B', P100, 5)), BookState.orders(book));
        assertEquals(levels(P100, 5), BookState.depth(book, BID));
    }

    @Test
    void shouldClearOnlyThatPublisherOnClearRecord() {
        apply('A', 'B', P100, 5, 1, 0, PUB_1);
        apply('A', 'A', P100_25, 3, 2, 0, PUB_1);
        apply('A', 'B', P100, 7, 1, 0, PUB_2);
        listener.forgetChanges();

        assertEquals(List.of(), apply('R', 'N', Long.MAX_VALUE, 0, 0, 0, PUB_1));

        assertEquals(List.of(order(PUB_2, 1, 'B', P100, 7)), BookState.orders(book));
        assertEquals(levels(P100, 7), BookState.depth(book, BID));
        assertEquals(0, book.levelCount(ASK));
        assertEquals(0, listener.clears);
        assertEquals(Map.of(P100, 7L), listener.sums);
    }

    @Test
    void shouldEmptyWholeBookWhenClearedPublisherWasTheOnlyOne() {
        apply('A', 'B', P100, 5, 1, 0, PUB_2);

        apply('R', 'N', Long.MAX_VALUE, 0, 0, 0, PUB_2);

        assertEquals(0, book.orderCount());
        assertEquals(0, book.levelCount(BID));
        assertEquals(1, listener.clears);
    }

    @Test
    void shouldKeepOtherPublishersTopOfBookLevelsOnClear() {
        apply('A', 'B', P100, 5, 1, 0, PUB_1);
        apply('A', 'B', P100_25, 4, 0, TOB, PUB_2);

        apply('R', 'N', Long.MAX_VALUE, 0, 0, 0, PUB_1);

        assertEquals(0, book.orderCount());
        assertEquals(levels(P100_25, 4), BookState.depth(book, BID));
        assertEquals(0, listener.clears);
    }

    @Test
    void shouldReplacePublisherSideWithOneTopOfBookLevel() {
        apply('A', 'B', P100, 5, 1, 0, PUB_1);
        apply('A', 'B', P100, 5, 1, 0, PUB_2);
        apply('A', 'A', P100_50, 2, 2, 0, PUB_2);

        assertEquals(List.of(Touch.add(P100_25, 'B', 9)), apply('A', 'B', P100_25, 9, 0, TOB, PUB_2));

        assertEquals(List.of(order(PUB_1, 1, 'B', P100, 5), order(PUB_2, 2, 'A', P100_50, 2)),
            BookState.orders(book));
        assertEquals(levels(P100, 5, P100_25, 9), BookState.depth(book, BID));
        assertEquals(2, book.orderCount());

        apply('A', 'B', P100_25, 4, 0, TOB, PUB_2);
        assertEquals(levels(P100, 5, P100_25, 4), BookState.depth(book, BID));

        apply('A', 'B', P100_50, 1, 0, TOB, PUB_2);
        assertEquals(levels(P100, 5, P100_50, 1), BookState.depth(book, BID));
        assertEquals(Map.of(P100, 5L, P100_50, 3L), listener.sums);
    }

    @Test
    void shouldEmptyPublisherSideOnTopOfBookWithUndefinedOrZeroPrice() {
        apply('A', 'A', P100_25, 9, 0, TOB, PUB_2);
        apply('A', 'B', P100, 3, 0, TOB, PUB_2);

        assertEquals(List.of(), apply('A', 'A', DatabentoOrderBook.UNDEF_PRICE, 0, 0, TOB, PUB_2));
        assertEquals(0, book.levelCount(ASK));
        assertEquals(levels(P100, 3), BookState.depth(book, BID));

        assertEquals(List.of(), apply('A', 'B', 0, 0, 0, TOB, PUB_2));
        assertEquals(0, book.levelCount(BID));
        assertEquals(0, book.orderCount());
    }

    @Test
    void shouldSetMaybeBadOnFlagUntilNextClear() {
        assertFalse(book.maybeBad());
        apply('A', 'B', P100, 5, 1, MAYBE_BAD, PUB_1);
        assertTrue(book.maybeBad());
        apply('C', 'B', P100, 1, 1, 0, PUB_1);
        assertTrue(book.maybeBad());

        apply('R', 'N', Long.MAX_VALUE, 0, 0, 0, PUB_2);
        assertFalse(book.maybeBad());

        apply('R', 'N', Long.MAX_VALUE, 0, 0, MAYBE_BAD, PUB_1);
        assertTrue(book.maybeBad());
        book.clear();
        assertFalse(book.maybeBad());
    }

    @Test
    void shouldRestoreDepthWithOrdersAndIgnoreLevels() {
        book.restoreOrder(PUB_2, 4, BID, P100, 6);
        book.restoreLevel(ASK, P100_25, 3);

        assertEquals(List.of(order(PUB_2, 4, 'B', P100, 6)), BookState.orders(book));
        assertEquals(levels(P100, 6), BookState.depth(book, BID));
        assertEquals(0, book.levelCount(ASK));
        assertEquals(List.of(Touch.pull(P100, 'B', 6)), apply('C', 'B', P100, 6, 4, 0, PUB_2));
    }

    @Test
    void shouldAcceptPublisherIdsUpToSixteenBits() {
        apply('A', 'B', P100, 5, 1, 0, 65_535);
        apply('A', 'B', P100, 2, 1, 0, 300);

        assertEquals(List.of(order(300, 1, 'B', P100, 2), order(65_535, 1, 'B', P100, 5)), BookState.orders(book));
        apply('R', 'N', 0, 0, 0, 0, 65_535);
        assertEquals(levels(P100, 2), BookState.depth(book, BID));
    }
}
