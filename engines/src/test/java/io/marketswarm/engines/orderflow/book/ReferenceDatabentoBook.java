package io.marketswarm.engines.orderflow.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Databento rules ({@code dbn.md} §8 as specified for {@link DatabentoOrderBook}) written plainly: orders in a
 * {@link HashMap} keyed by publisher and order id, top-of-book levels per publisher and side, and depth recomputed
 * from scratch on every query, so it shares no incremental bookkeeping with the optimised book.
 */
final class ReferenceDatabentoBook {

    /** Order key. */
    record Key(int publisherId, long orderId) {
    }

    /** A resting order. */
    record Order(byte side, long price, long qty) {
    }

    /** A top-of-book level. */
    record Level(long price, long qty) {
    }

    final Map<Key, Order> orders = new HashMap<>();
    /** Keyed by publisher id * 2 + (0 bid, 1 ask). */
    final Map<Integer, Level> topOfBook = new HashMap<>();
    boolean maybeBad;

    /** @return the touch records of the event. */
    List<Touch> apply(final byte action, final byte side, final long price, final long size, final long orderId,
        final int flags, final int publisherId) {
        final List<Touch> touches = new ArrayList<>();
        final Key key = new Key(publisherId, orderId);
        final Order old = orders.get(key);
        switch (action) {
            case 'A' -> {
                if ((flags & 0x40) != 0) {
                    final int sideIndex = side == 'B' ? 0 : 1;
                    orders.entrySet().removeIf(e -> e.getKey().publisherId() == publisherId
                        && (e.getValue().side() == 'B' ? 0 : 1) == sideIndex);
                    if (price == Long.MAX_VALUE || price == 0) {
                        topOfBook.remove(publisherId * 2 + sideIndex);
                    } else {
                        topOfBook.put(publisherId * 2 + sideIndex, new Level(price, size));
                        touches.add(new Touch(price, side, size, 0, 0));
                    }
                } else {
                    orders.put(key, new Order(side, price, size));
                    touches.add(new Touch(price, side, size, 0, 0));
                }
            }
            case 'C' -> {
                if (old != null) {
                    final long eff = Math.min(size, old.qty());
                    if (old.qty() - size <= 0) {
                        orders.remove(key);
                    } else {
                        orders.put(key, new Order(old.side(), old.price(), old.qty() - size));
                    }
                    touches.add(new Touch(old.price(), old.side(), 0, eff, 0));
                }
            }
            case 'M' -> {
                if (old == null) {
                    orders.put(key, new Order(side, price, size));
                } else {
                    orders.put(key, new Order(old.side(), price, size));
                    if (price != old.price()) {
                        touches.add(new Touch(old.price(), old.side(), 0, old.qty(), 0));
                        touches.add(new Touch(price, old.side(), size, 0, 0));
                    } else {
                        final long change = size - old.qty();
                        touches.add(new Touch(price, old.side(), Math.max(change, 0), Math.max(-change, 0), 0));
                    }
                }
            }
            case 'F' -> {
                if (old != null) {
                    touches.add(new Touch(old.price(), old.side(), 0, 0, size));
                }
            }
            case 'R' -> {
                maybeBad = false;
                orders.keySet().removeIf(k -> k.publisherId() == publisherId);
                topOfBook.remove(publisherId * 2);
                topOfBook.remove(publisherId * 2 + 1);
            }
            default -> {
            }
        }
        if ((flags & 0x04) != 0) {
            maybeBad = true;
        }
        return touches;
    }

    /** @return consolidated levels of one side with quantity &gt; 0, summed over orders and top-of-book levels. */
    TreeMap<Long, Long> depth(final byte side) {
        final boolean bid = side == 'B';
        final TreeMap<Long, Long> depth = new TreeMap<>();
        for (final Order order : orders.values()) {
            if ((order.side() == 'B') == bid) {
                depth.merge(order.price(), order.qty(), Long::sum);
            }
        }
        topOfBook.forEach((slot, level) -> {
            if ((slot % 2 == 0) == bid) {
                depth.merge(level.price(), level.qty(), Long::sum);
            }
        });
        depth.values().removeIf(q -> q <= 0);
        return depth;
    }
}
