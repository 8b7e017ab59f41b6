package io.marketswarm.engines.orderflow.book;

import java.util.Arrays;

/**
 * The depth of one side: price levels with a stored quantity &gt; 0, in two parallel sorted arrays with the best
 * level at the end, so that changes near the touch move few elements.
 *
 * <pre>
 *   keys: ascending; key = price for bids, ~price (order-reversing, defined for every long) for asks
 *   index  0 ............................................ size-1
 *   bids   lowest price ................................. best bid (highest)
 *   asks   highest price ................................ best ask (lowest)
 * </pre>
 *
 * <p>A level is looked up by first trying the index found last, then galloping from the best end (probes at distance
 * 1, 2, 4, ...) and a binary search inside the bracket, so a lookup costs O(log d) for a level d places from the
 * touch. A level whose quantity reaches &le; 0 is dropped; a negative change to a missing level changes nothing.
 * Every change to a stored quantity is reported to the {@link OrderBook.DepthListener} as one non-zero delta (a
 * dropped level counts as going to 0).
 *
 * <p>Single-threaded. Allocates only when the arrays grow (they double and never shrink).
 */
final class PriceLadder {

    private final boolean bid;
    private long[] keys;
    private long[] qty;
    private int size;
    private int lastIndex;
    private OrderBook.DepthListener listener;

    /**
     * @param bid            {@code true} for the bid side.
     * @param expectedLevels levels held before the arrays first grow; at least 1.
     * @param listener       told of every change.
     */
    PriceLadder(final boolean bid, final int expectedLevels, final OrderBook.DepthListener listener) {
        if (expectedLevels < 1) {
            throw new IllegalArgumentException("expectedLevels=" + expectedLevels);
        }
        this.bid = bid;
        this.keys = new long[expectedLevels];
        this.qty = new long[expectedLevels];
        this.listener = listener;
    }

    /**
     * @param listener told of every change from now on.
     */
    void listener(final OrderBook.DepthListener listener) {
        this.listener = listener;
    }

    /** @return number of levels. */
    int levelCount() {
        return size;
    }

    /** @return the best price, 0 when the side is empty. */
    long best() {
        return size == 0 ? 0 : priceOf(keys[size - 1]);
    }

    /**
     * @param price a price.
     * @return the stored quantity, 0 when there is no level.
     */
    long qtyAt(final long price) {
        final long key = keyOf(price);
        final int i = lowerBound(key);
        return i < size && keys[i] == key ? qty[i] : 0;
    }

    /**
     * Adds {@code delta} to the level at {@code price}: creates it when missing and {@code delta > 0}, drops it when
     * it reaches &le; 0.
     *
     * @param price level price.
     * @param delta signed change.
     */
    void add(final long price, final long delta) {
        final long key = keyOf(price);
        final int i = lowerBound(key);
        if (i < size && keys[i] == key) {
            final long old = qty[i];
            final long now = old + delta;
            if (now <= 0) {
                removeAt(i);
                listener.onDepthChange(price, -old);
            } else if (delta != 0) {
                qty[i] = now;
                listener.onDepthChange(price, delta);
            }
        } else if (delta > 0) {
            insertAt(i, key, delta);
            listener.onDepthChange(price, delta);
        }
    }

    /**
     * Subtracts {@code minus} (dropping the level at &le; 0) and then adds {@code plus} at the same price, reported
     * as one net change; the result equals {@code add(price, -minus)} followed by {@code add(price, plus)}.
     *
     * @param price level price.
     * @param minus quantity removed, &ge; 0.
     * @param plus  quantity added, &ge; 0.
     */
    void replace(final long price, final long minus, final long plus) {
        final long key = keyOf(price);
        final int i = lowerBound(key);
        if (i < size && keys[i] == key) {
            final long old = qty[i];
            final long afterMinus = old - minus;
            final long now = (afterMinus > 0 ? afterMinus : 0) + plus;
            if (now <= 0) {
                removeAt(i);
                listener.onDepthChange(price, -old);
            } else if (now != old) {
                qty[i] = now;
                listener.onDepthChange(price, now - old);
            }
        } else if (plus > 0) {
            insertAt(i, key, plus);
            listener.onDepthChange(price, plus);
        }
    }

    /**
     * Sets the stored quantity of a level, creating it if needed.
     *
     * @param price    level price.
     * @param quantity new quantity; &le; 0 drops the level.
     */
    void set(final long price, final long quantity) {
        final long current = qtyAt(price);
        if (quantity <= 0) {
            add(price, -current);
        } else {
            add(price, quantity - current);
        }
    }

    /**
     * Visits the levels with {@code minPrice <= price <= maxPrice} in ascending price order.
     *
     * @param minPrice lowest price, inclusive.
     * @param maxPrice highest price, inclusive.
     * @param visitor  receives each level.
     */
    void forEach(final long minPrice, final long maxPrice, final OrderBook.LevelVisitor visitor) {
        if (minPrice > maxPrice) {
            return;
        }
        final long[] k = keys;
        final long[] q = qty;
        if (bid) {
            final int n = size;
            for (int i = lowerBound(minPrice); i < n && k[i] <= maxPrice; i++) {
                visitor.onLevel(k[i], q[i]);
            }
        } else {
            final long minKey = ~maxPrice;
            final long maxKey = ~minPrice;
            final int from = lowerBound(minKey);
            int i = upperBound(maxKey) - 1;
            for (; i >= from; i--) {
                visitor.onLevel(~k[i], q[i]);
            }
        }
    }

    /** Drops every level without telling the listener. */
    void clear() {
        size = 0;
    }

    private long keyOf(final long price) {
        return bid ? price : ~price;
    }

    private long priceOf(final long key) {
        return bid ? key : ~key;
    }

    /**
     * Tries the index found last (about 40% of lookups on real ES flow hit it), then gallops from the end and
     * finishes with a binary search written for conditional moves (its trip count depends only on the bracket).
     *
     * @param key a key.
     * @return the first index whose key is &ge; {@code key}, {@code size} when none.
     */
    private int lowerBound(final long key) {
        final long[] k = keys;
        final int n = size;
        final int cached = lastIndex;
        if (cached < n && k[cached] == key) {
            return cached;
        }
        int hi = n;
        int probe = n - 1;
        int step = 1;
        while (probe >= 0 && k[probe] >= key) {
            hi = probe;
            step <<= 1;
            probe = n - step;
        }
        int base = probe < 0 ? 0 : probe + 1;
        int length = hi - base;
        while (length > 1) {
            final int half = length >>> 1;
            base = k[base + half - 1] < key ? base + half : base;
            length -= half;
        }
        final int found = length == 1 && k[base] < key ? base + 1 : base;
        lastIndex = found;
        return found;
    }

    private int upperBound(final long key) {
        return key == Long.MAX_VALUE ? size : lowerBound(key + 1);
    }

    private void insertAt(final int i, final long key, final long quantity) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size << 1);
            qty = Arrays.copyOf(qty, size << 1);
        }
        final int tail = size - i;
        if (tail > 0) {
            System.arraycopy(keys, i, keys, i + 1, tail);
            System.arraycopy(qty, i, qty, i + 1, tail);
        }
        keys[i] = key;
        qty[i] = quantity;
        size++;
    }

    private void removeAt(final int i) {
        final int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(keys, i + 1, keys, i, tail);
            System.arraycopy(qty, i + 1, qty, i, tail);
        }
        size--;
    }
}
