package io.marketswarm.engines.orderflow.book;

/**
 * The original runtime's book (spec {@code pressure-vacuum.md} §4.3, quirks §14.6-9), the default mode. Orders
 * {@code orderId -> (side, price, qty)} and the two depth maps are kept apart and may disagree:
 *
 * <table>
 *   <caption>Book change and touch records per action</caption>
 *   <tr><th>action</th><th>book</th><th>touches {@code (price, side, add, pull, fill)}</th></tr>
 *   <tr><td>{@code A}</td><td>insert or overwrite the order; depth += size (an overwritten order's depth stays)</td>
 *       <td>{@code (price, side, size, 0, 0)}</td></tr>
 *   <tr><td>{@code C} known</td><td>remove the whole order (record size, side, price ignored); depth -= its qty</td>
 *       <td>{@code (old price, old side, 0, old qty, 0)}</td></tr>
 *   <tr><td>{@code M} known</td><td>as {@code C}, then insert the record's side, price and size; depth += size</td>
 *       <td>price changed: pull old, then add new; same price (side not compared): one record at the new price with
 *       the size increase as add or the decrease as pull, all zero when equal</td></tr>
 *   <tr><td>{@code M} unknown</td><td>insert as an add</td><td>none</td></tr>
 *   <tr><td>{@code F} known</td><td>{@code eff = min(size, qty)}: depth -= eff, qty -= eff (removed at &le; 0);
 *       record side and price ignored</td><td>{@code (order price, order side, 0, 0, raw record size)}</td></tr>
 *   <tr><td>{@code R}</td><td>empty orders and depth ({@link DepthListener#onClear()})</td><td>none</td></tr>
 *   <tr><td>{@code C F} unknown, {@code T N}, other</td><td>none</td><td>none</td></tr>
 * </table>
 *
 * <p>Sides are stored as given; {@code 'B'} is the bid side, every other byte the ask side. Publisher ids and flags
 * are ignored (orders are reported with publisher 0). A depth level is dropped when it reaches &le; 0 and is never
 * created with a quantity &le; 0.
 *
 * <p>Single-threaded: owned by the engine thread. Nothing is allocated in steady state; the order table and the
 * level arrays double when full.
 */
public final class ParityOrderBook implements OrderBook {

    /** Orders held before the order table first grows, by default. */
    public static final int DEFAULT_EXPECTED_ORDERS = 1 << 15;
    /** Levels per side held before the level arrays first grow, by default. */
    public static final int DEFAULT_EXPECTED_LEVELS = 1 << 10;

    private final OrderTable orders;
    private final PriceLadder bids;
    private final PriceLadder asks;
    private DepthListener listener = NoDepthListener.INSTANCE;

    /** A book sized for {@link #DEFAULT_EXPECTED_ORDERS} orders and {@link #DEFAULT_EXPECTED_LEVELS} levels. */
    public ParityOrderBook() {
        this(DEFAULT_EXPECTED_ORDERS, DEFAULT_EXPECTED_LEVELS);
    }

    /**
     * @param expectedOrders orders held before the order table first grows, &ge; 1.
     * @param expectedLevels levels per side held before the level arrays first grow, &ge; 1.
     */
    public ParityOrderBook(final int expectedOrders, final int expectedLevels) {
        orders = new OrderTable(expectedOrders);
        bids = new PriceLadder(true, expectedLevels, listener);
        asks = new PriceLadder(false, expectedLevels, listener);
    }

    @Override
    public void apply(final byte action, final byte side, final long price, final long size, final long orderId,
        final int flags, final int publisherId, final TouchBuffer touches) {
        switch (action) {
            case 'A':
                add(side, price, size, orderId, touches);
                break;
            case 'C':
                cancel(orderId, touches);
                break;
            case 'M':
                modify(side, price, size, orderId, touches);
                break;
            case 'F':
                fill(size, orderId, touches);
                break;
            case 'R':
                clear();
                break;
            default:
                break;
        }
    }

    private void add(final byte side, final long price, final long size, final long orderId,
        final TouchBuffer touches) {
        final int pos = orders.find(orderId, 0);
        if (pos >= 0) {
            orders.update(pos, side, price, size);
        } else {
            orders.insert(pos, orderId, 0, side, price, size);
        }
        ladder(side).add(price, size);
        if (touches != null) {
            touches.add(price, side, size, 0, 0);
        }
    }

    private void cancel(final long orderId, final TouchBuffer touches) {
        final int pos = orders.find(orderId, 0);
        if (pos < 0) {
            return;
        }
        final byte oldSide = orders.side(pos);
        final long oldPrice = orders.price(pos);
        final long oldQty = orders.qty(pos);
        orders.removeAt(pos);
        ladder(oldSide).add(oldPrice, -oldQty);
        if (touches != null) {
            touches.add(oldPrice, oldSide, 0, oldQty, 0);
        }
    }

    private void modify(final byte side, final long price, final long size, final long orderId,
        final TouchBuffer touches) {
        final int pos = orders.find(orderId, 0);
        if (pos < 0) {
            orders.insert(pos, orderId, 0, side, price, size);
            ladder(side).add(price, size);
            return;
        }
        final byte oldSide = orders.side(pos);
        final long oldPrice = orders.price(pos);
        final long oldQty = orders.qty(pos);
        orders.update(pos, side, price, size);
        final PriceLadder oldLadder = ladder(oldSide);
        final PriceLadder newLadder = ladder(side);
        if (oldLadder == newLadder && oldPrice == price) {
            newLadder.replace(price, oldQty, size);
        } else {
            oldLadder.add(oldPrice, -oldQty);
            newLadder.add(price, size);
        }
        if (touches != null) {
            if (oldPrice != price) {
                touches.add(oldPrice, oldSide, 0, oldQty, 0);
                touches.add(price, side, size, 0, 0);
            } else {
                final long change = size - oldQty;
                touches.add(price, side, change > 0 ? change : 0, change < 0 ? -change : 0, 0);
            }
        }
    }

    private void fill(final long size, final long orderId, final TouchBuffer touches) {
        final int pos = orders.find(orderId, 0);
        if (pos < 0) {
            return;
        }
        final byte orderSide = orders.side(pos);
        final long orderPrice = orders.price(pos);
        final long remaining = orders.qty(pos);
        final long eff = Math.min(size, remaining);
        ladder(orderSide).add(orderPrice, -eff);
        if (remaining - eff <= 0) {
            orders.removeAt(pos);
        } else {
            orders.qty(pos, remaining - eff);
        }
        if (touches != null) {
            touches.add(orderPrice, orderSide, 0, 0, size);
        }
    }

    private PriceLadder ladder(final byte side) {
        return side == BID ? bids : asks;
    }

    @Override
    public long bestBid() {
        return bids.best();
    }

    @Override
    public long bestAsk() {
        return asks.best();
    }

    @Override
    public long depthAt(final byte side, final long price) {
        return ladder(side).qtyAt(price);
    }

    @Override
    public int levelCount(final byte side) {
        return ladder(side).levelCount();
    }

    @Override
    public int orderCount() {
        return orders.size();
    }

    @Override
    public void forEachLevel(final byte side, final long minPrice, final long maxPrice, final LevelVisitor visitor) {
        ladder(side).forEach(minPrice, maxPrice, visitor);
    }

    /** Orders are reported with publisher id 0. */
    @Override
    public void forEachOrder(final OrderVisitor visitor) {
        final OrderTable table = orders;
        final int capacity = table.capacity();
        for (int pos = 0; pos < capacity; pos++) {
            if (table.isLive(pos)) {
                visitor.onOrder(0, table.orderId(pos), table.side(pos), table.price(pos), table.qty(pos));
            }
        }
    }

    @Override
    public void clear() {
        orders.clear();
        bids.clear();
        asks.clear();
        listener.onClear();
    }

    /**
     * Inserts or overwrites the order; depth is not touched (restore it with {@link #restoreLevel}). The publisher
     * id is ignored.
     */
    @Override
    public void restoreOrder(final int publisherId, final long orderId, final byte side, final long price,
        final long quantity) {
        final int pos = orders.find(orderId, 0);
        if (pos >= 0) {
            orders.update(pos, side, price, quantity);
        } else {
            orders.insert(pos, orderId, 0, side, price, quantity);
        }
    }

    /** Sets the level's stored quantity (the listener is told of the change); a quantity &le; 0 drops it. */
    @Override
    public void restoreLevel(final byte side, final long price, final long quantity) {
        ladder(side).set(price, quantity);
    }

    @Override
    public void depthListener(final DepthListener listener) {
        this.listener = listener == null ? NoDepthListener.INSTANCE : listener;
        bids.listener(this.listener);
        asks.listener(this.listener);
    }
}
