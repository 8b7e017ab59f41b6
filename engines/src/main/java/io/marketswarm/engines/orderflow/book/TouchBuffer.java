package io.marketswarm.engines.orderflow.book;

/**
 * The touch records of one event (spec §4.3): {@code (price, side, add, pull, fill)} in the order they happened.
 * Preallocated, reused for every event, cleared by the caller before each {@link OrderBook#apply}.
 * Single-threaded.
 */
public final class TouchBuffer {

    /** Most touch records one event can produce (a price-changing modify produces two). */
    public static final int CAPACITY = 4;

    private final long[] price = new long[CAPACITY];
    private final byte[] side = new byte[CAPACITY];
    private final long[] add = new long[CAPACITY];
    private final long[] pull = new long[CAPACITY];
    private final long[] fill = new long[CAPACITY];
    private int count;

    /** Forgets all records. */
    public void clear() {
        count = 0;
    }

    /**
     * Appends a record.
     *
     * @param price    price the touch happened at.
     * @param side     ASCII side.
     * @param addQty   quantity added.
     * @param pullQty  quantity pulled.
     * @param fillQty  quantity filled.
     */
    public void add(final long price, final byte side, final long addQty, final long pullQty, final long fillQty) {
        final int i = count++;
        this.price[i] = price;
        this.side[i] = side;
        this.add[i] = addQty;
        this.pull[i] = pullQty;
        this.fill[i] = fillQty;
    }

    /** @return number of records. */
    public int count() {
        return count;
    }

    /** @param i index. @return price of record {@code i}. */
    public long price(final int i) {
        return price[i];
    }

    /** @param i index. @return side of record {@code i}. */
    public byte side(final int i) {
        return side[i];
    }

    /** @param i index. @return added quantity of record {@code i}. */
    public long add(final int i) {
        return add[i];
    }

    /** @param i index. @return pulled quantity of record {@code i}. */
    public long pull(final int i) {
        return pull[i];
    }

    /** @param i index. @return filled quantity of record {@code i}. */
    public long fill(final int i) {
        return fill[i];
    }
}
