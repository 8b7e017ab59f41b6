package io.marketswarm.engines.orderflow.book;

import java.util.Arrays;

/**
 * Resting orders keyed by {@code (orderId, publisherId)}: an open-addressing table (linear probing, Fibonacci hash,
 * backward-shift deletion, so no tombstones build up under churn) whose entries hold the order fields inline.
 * A lookup therefore costs one cache line, where a map to a separate slab would cost two.
 *
 * <pre>
 *   entries: long[capacity * 4], one entry per position
 *   +---------+----------------------------------------+--------+--------+
 *   | orderId | meta = LIVE | publisherId &lt;&lt; 8 | side | price  |  qty   |
 *   +---------+----------------------------------------+--------+--------+
 *   meta == 0 marks an empty position; every live entry has the LIVE bit, so any order id (0 and -1 included) is a
 *   valid key.
 * </pre>
 *
 * <p>A position is valid until the next insert or removal: removal shifts later entries of the same cluster back,
 * growth rehashes everything. Capacity is a power of two, at least twice the order count (load factor 0.5); it
 * doubles when exceeded and never shrinks.
 *
 * <p>Single-threaded. Allocates only when it grows.
 */
final class OrderTable {

    private static final int STRIDE_SHIFT = 2;
    private static final int META = 1;
    private static final int PRICE = 2;
    private static final int QTY = 3;
    private static final long LIVE = 1L << 40;
    private static final long KEY_META_MASK = LIVE | 0xFF_FF00L;
    private static final long GOLDEN = 0x9E37_79B9_7F4A_7C15L;
    private static final long PUBLISHER_MIX = 0x632B_E59B_D9B4_E019L;
    private static final int MIN_CAPACITY = 8;
    private static final int MAX_CAPACITY = 1 << 28;

    private long[] entries;
    private int mask;
    private int shift;
    private int size;
    private int resizeAt;

    /**
     * @param expectedOrders orders the table should hold before it first grows; at least 1.
     */
    OrderTable(final int expectedOrders) {
        if (expectedOrders < 1 || expectedOrders > MAX_CAPACITY >>> 1) {
            throw new IllegalArgumentException("expectedOrders=" + expectedOrders);
        }
        allocate(Math.max(MIN_CAPACITY, Integer.highestOneBit(expectedOrders * 2 - 1) << 1));
    }

    /** @return number of live orders. */
    int size() {
        return size;
    }

    /** @return number of positions (live or empty); positions are {@code 0 .. capacity()-1}. */
    int capacity() {
        return mask + 1;
    }

    /**
     * @param orderId     order id.
     * @param publisherId publisher id, 0..65535.
     * @return the position of the order, or {@code ~p} (negative) where {@code p} is the empty position an insert of
     *         that key would use.
     */
    int find(final long orderId, final int publisherId) {
        final long[] e = entries;
        final int m = mask;
        final long keyMeta = LIVE | (long)publisherId << 8;
        int pos = home(orderId, publisherId);
        while (true) {
            final int base = pos << STRIDE_SHIFT;
            final long meta = e[base + META];
            if (meta == 0) {
                return ~pos;
            }
            if (e[base] == orderId && (meta & KEY_META_MASK) == keyMeta) {
                return pos;
            }
            pos = (pos + 1) & m;
        }
    }

    /**
     * Inserts an order that {@link #find} reported absent.
     *
     * @param missing     the negative value {@link #find} returned for this key, with no insert or removal since.
     * @param orderId     order id.
     * @param publisherId publisher id, 0..65535.
     * @param side        ASCII side, stored as given.
     * @param price       price.
     * @param qty         quantity.
     * @return the new order's position.
     */
    int insert(final int missing, final long orderId, final int publisherId, final byte side, final long price,
        final long qty) {
        int pos = ~missing;
        if (size >= resizeAt) {
            grow();
            pos = ~find(orderId, publisherId);
        }
        final int base = pos << STRIDE_SHIFT;
        final long[] e = entries;
        e[base] = orderId;
        e[base + META] = LIVE | (long)publisherId << 8 | (side & 0xFF);
        e[base + PRICE] = price;
        e[base + QTY] = qty;
        size++;
        return pos;
    }

    /**
     * Removes the order at {@code pos}, shifting back later entries of its cluster.
     *
     * @param pos a live position.
     */
    void removeAt(final int pos) {
        final long[] e = entries;
        final int m = mask;
        int hole = pos;
        int j = pos;
        while (true) {
            j = (j + 1) & m;
            final int jb = j << STRIDE_SHIFT;
            final long meta = e[jb + META];
            if (meta == 0) {
                break;
            }
            final int home = home(e[jb], publisherOf(meta));
            if (((j - home) & m) >= ((j - hole) & m)) {
                copyEntry(e, jb, e, hole << STRIDE_SHIFT);
                hole = j;
            }
        }
        e[(hole << STRIDE_SHIFT) + META] = 0;
        size--;
    }

    /** Removes every order; keeps the capacity. */
    void clear() {
        if (size > 0) {
            Arrays.fill(entries, 0L);
            size = 0;
        }
    }

    /**
     * @param pos a position.
     * @return whether an order lives there.
     */
    boolean isLive(final int pos) {
        return entries[(pos << STRIDE_SHIFT) + META] != 0;
    }

    /**
     * @param pos a live position.
     * @return the order id.
     */
    long orderId(final int pos) {
        return entries[pos << STRIDE_SHIFT];
    }

    /**
     * @param pos a live position.
     * @return the publisher id.
     */
    int publisherId(final int pos) {
        return publisherOf(entries[(pos << STRIDE_SHIFT) + META]);
    }

    /**
     * @param pos a live position.
     * @return the ASCII side as stored.
     */
    byte side(final int pos) {
        return (byte)entries[(pos << STRIDE_SHIFT) + META];
    }

    /**
     * @param pos a live position.
     * @return the price.
     */
    long price(final int pos) {
        return entries[(pos << STRIDE_SHIFT) + PRICE];
    }

    /**
     * @param pos a live position.
     * @return the remaining quantity.
     */
    long qty(final int pos) {
        return entries[(pos << STRIDE_SHIFT) + QTY];
    }

    /**
     * @param pos a live position.
     * @param qty new remaining quantity.
     */
    void qty(final int pos, final long qty) {
        entries[(pos << STRIDE_SHIFT) + QTY] = qty;
    }

    /**
     * Replaces the fields of the order at {@code pos}; its key is unchanged.
     *
     * @param pos   a live position.
     * @param side  ASCII side.
     * @param price price.
     * @param qty   quantity.
     */
    void update(final int pos, final byte side, final long price, final long qty) {
        final int base = pos << STRIDE_SHIFT;
        final long[] e = entries;
        e[base + META] = (e[base + META] & KEY_META_MASK) | (side & 0xFF);
        e[base + PRICE] = price;
        e[base + QTY] = qty;
    }

    private int home(final long orderId, final int publisherId) {
        return (int)(((orderId + publisherId * PUBLISHER_MIX) * GOLDEN) >>> shift);
    }

    private static int publisherOf(final long meta) {
        return (int)(meta >>> 8) & 0xFFFF;
    }

    private void allocate(final int capacity) {
        entries = new long[capacity << STRIDE_SHIFT];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        resizeAt = capacity >>> 1;
    }

    private static void copyEntry(final long[] from, final int fromBase, final long[] to, final int toBase) {
        to[toBase] = from[fromBase];
        to[toBase + META] = from[fromBase + META];
        to[toBase + PRICE] = from[fromBase + PRICE];
        to[toBase + QTY] = from[fromBase + QTY];
    }

    private void grow() {
        if (mask + 1 >= MAX_CAPACITY) {
            throw new IllegalStateException("order table full: capacity=" + (mask + 1));
        }
        final long[] old = entries;
        allocate((mask + 1) << 1);
        final long[] e = entries;
        final int m = mask;
        for (int base = 0; base < old.length; base += 1 << STRIDE_SHIFT) {
            final long meta = old[base + META];
            if (meta != 0) {
                int pos = home(old[base], publisherOf(meta));
                while (e[(pos << STRIDE_SHIFT) + META] != 0) {
                    pos = (pos + 1) & m;
                }
                copyEntry(old, base, e, pos << STRIDE_SHIFT);
            }
        }
    }
}
