package io.marketswarm.engines.orderflow.book;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Reads the observable state of an {@link OrderBook} into plain collections, for assertions. */
final class BookState {

    /** An order as reported by {@link OrderBook#forEachOrder}. */
    record Order(int publisherId, long orderId, byte side, long price, long quantity) {
    }

    private BookState() {
    }

    /** @return the levels of one side over the whole price range, checked to come in strictly ascending order. */
    static TreeMap<Long, Long> depth(final OrderBook book, final byte side) {
        final TreeMap<Long, Long> levels = new TreeMap<>();
        final long[] last = {Long.MIN_VALUE};
        final boolean[] first = {true};
        book.forEachLevel(side, Long.MIN_VALUE, Long.MAX_VALUE, (price, quantity) -> {
            if (!first[0] && price <= last[0]) {
                throw new AssertionError("levels not ascending: " + last[0] + " then " + price);
            }
            first[0] = false;
            last[0] = price;
            levels.put(price, quantity);
        });
        return levels;
    }

    /** @return every order, sorted by publisher then order id. */
    static List<Order> orders(final OrderBook book) {
        final List<Order> list = new ArrayList<>();
        book.forEachOrder((publisherId, orderId, side, price, quantity) ->
            list.add(new Order(publisherId, orderId, side, price, quantity)));
        list.sort((a, b) -> a.publisherId() != b.publisherId() ? Integer.compare(a.publisherId(), b.publisherId())
            : Long.compare(a.orderId(), b.orderId()));
        return list;
    }
}
