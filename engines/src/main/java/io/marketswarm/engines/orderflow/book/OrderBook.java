package io.marketswarm.engines.orderflow.book;

/**
 * An L3 order book rebuilt from MBO records, consolidated to one depth map per side (price to resting quantity).
 * Two implementations: {@link ParityOrderBook} (the original runtime's rules, quirks included, the default) and
 * {@link DatabentoOrderBook} (Databento's documented rules: one book per publisher, consolidated depth).
 *
 * <p>Sides are ASCII bytes: {@code 'B'} is the bid side; every other byte is the ask side.
 *
 * <p>Single-threaded: owned by the engine thread; nothing here is safe to call from another thread. Implementations
 * allocate nothing in steady state (primitive structures sized at construction; growth doubles and is rare).
 */
public interface OrderBook {

    /** Bid side. */
    byte BID = 'B';
    /** Ask side. */
    byte ASK = 'A';

    /**
     * Applies one MBO record.
     *
     * @param action      ASCII action {@code A C M R T F N}; anything else changes nothing.
     * @param side        ASCII side.
     * @param price       1e-9 fixed-point price (the pipeline has already replaced a null price by 0 where the
     *                    original does).
     * @param size        record size.
     * @param orderId     venue order id.
     * @param flags       DBN flags.
     * @param publisherId publisher id (only the Databento book keys on it).
     * @param touches     receives the touch records of the event, or {@code null} on the book-only path.
     */
    void apply(byte action, byte side, long price, long size, long orderId, int flags, int publisherId,
        TouchBuffer touches);

    /** @return the highest bid price with depth, 0 when the bid side is empty. */
    long bestBid();

    /** @return the lowest ask price with depth, 0 when the ask side is empty. */
    long bestAsk();

    /**
     * @param side  ASCII side.
     * @param price a price.
     * @return the resting quantity at that level, 0 when there is none.
     */
    long depthAt(byte side, long price);

    /**
     * @param side ASCII side.
     * @return number of price levels on that side.
     */
    int levelCount(byte side);

    /** @return number of resting orders. */
    int orderCount();

    /**
     * Visits the levels of one side with {@code minPrice <= price <= maxPrice}, in ascending price order.
     *
     * @param side     ASCII side.
     * @param minPrice lowest price, inclusive.
     * @param maxPrice highest price, inclusive.
     * @param visitor  receives each level.
     */
    void forEachLevel(byte side, long minPrice, long maxPrice, LevelVisitor visitor);

    /**
     * Visits every resting order (for the book cache), in no particular order.
     *
     * @param visitor receives each order.
     */
    void forEachOrder(OrderVisitor visitor);

    /** Empties the book (orders and both depth maps); the depth listener gets {@link DepthListener#onClear()}. */
    void clear();

    /**
     * Restores one order from the book cache. The parity book leaves depth to {@link #restoreLevel} (its depth is
     * not derivable from its orders); the Databento book derives depth from its orders and adds it here.
     *
     * @param publisherId publisher id.
     * @param orderId     order id.
     * @param side        ASCII side.
     * @param price       price.
     * @param quantity    remaining quantity.
     */
    void restoreOrder(int publisherId, long orderId, byte side, long price, long quantity);

    /**
     * Restores one depth level from the book cache (parity book; the Databento book ignores it).
     *
     * @param side     ASCII side.
     * @param price    price.
     * @param quantity resting quantity, &gt; 0.
     */
    void restoreLevel(byte side, long price, long quantity);

    /**
     * @param listener told of every change to a level's stored quantity; replaces any previous listener.
     */
    void depthListener(DepthListener listener);

    /** Receives depth levels. */
    @FunctionalInterface
    interface LevelVisitor {
        /**
         * @param price    level price.
         * @param quantity resting quantity.
         */
        void onLevel(long price, long quantity);
    }

    /** Receives resting orders. */
    @FunctionalInterface
    interface OrderVisitor {
        /**
         * @param publisherId publisher id (0 in the parity book, which does not key on it).
         * @param orderId     order id.
         * @param side        ASCII side as stored.
         * @param price       price.
         * @param quantity    remaining quantity.
         */
        void onOrder(int publisherId, long orderId, byte side, long price, long quantity);
    }

    /**
     * Told of depth changes, so a consumer can keep aggregates (per-bucket resting depth) without rescanning.
     * Called on the book's thread, synchronously, inside {@link #apply}.
     */
    interface DepthListener {
        /**
         * A level's stored quantity changed; a level that is dropped counts as going to 0.
         *
         * @param price level price.
         * @param delta new stored quantity minus old stored quantity; never 0.
         */
        void onDepthChange(long price, long delta);

        /** Both depth maps were emptied. */
        void onClear();
    }
}
