package io.marketswarm.engines.orderflow.book;

import java.util.Arrays;

/**
 * A book following Databento's documented rules ({@code dbn.md} §8): one book per publisher, orders keyed by
 * {@code (publisherId, orderId)}, depth derived from the orders and consolidated across publishers for
 * {@link #bestBid}, {@link #bestAsk}, {@link #depthAt}, {@link #levelCount} and {@link #forEachLevel}.
 *
 * <table>
 *   <caption>Book change and touch records per action</caption>
 *   <tr><th>action</th><th>book</th><th>touches {@code (price, side, add, pull, fill)}</th></tr>
 *   <tr><td>{@code A}</td><td>add the order (an existing id of that publisher is removed first)</td>
 *       <td>{@code (price, side, size, 0, 0)}</td></tr>
 *   <tr><td>{@code A} + {@code F_TOB}</td><td>the publisher's side becomes one level at the record's price and size
 *       (its orders on that side are removed); price {@code UNDEF_PRICE} or 0 empties the side. Such levels are not
 *       orders</td><td>{@code (price, side, size, 0, 0)}, none when the side is emptied</td></tr>
 *   <tr><td>{@code C} known</td><td>subtract the record's size (removed at &le; 0)</td>
 *       <td>{@code (order price, order side, 0, min(size, remaining), 0)}</td></tr>
 *   <tr><td>{@code M} known</td><td>new price and size; the side does not change</td>
 *       <td>price changed: pull old, then add new; same price: the size increase as add or the decrease as pull,
 *       all zero when equal</td></tr>
 *   <tr><td>{@code M} unknown</td><td>add</td><td>none</td></tr>
 *   <tr><td>{@code F} known</td><td>none</td><td>{@code (order price, order side, 0, 0, record size)}</td></tr>
 *   <tr><td>{@code R}</td><td>drop that publisher's orders and top-of-book levels</td><td>none</td></tr>
 *   <tr><td>{@code C F} unknown, {@code T N}, other</td><td>none</td><td>none</td></tr>
 * </table>
 *
 * <p>{@link #maybeBad()} turns true on any record flagged {@code F_MAYBE_BAD_BOOK} (0x04) and false on the next
 * {@code R} of any publisher (an {@code R} that carries the flag leaves it true). An {@code R} that leaves no order
 * and no top-of-book level of any publisher empties the whole book and reports {@link DepthListener#onClear()};
 * otherwise the listener sees the dropped quantity level by level.
 *
 * <p>Publisher ids are the low 16 bits of the argument. Sides are stored as given; {@code 'B'} is the bid side,
 * every other byte the ask side.
 *
 * <p>Single-threaded: owned by the engine thread. Nothing is allocated in steady state; the order table, the level
 * arrays and the per-publisher arrays grow by doubling. Removing a publisher's orders ({@code R} while another
 * publisher has orders, or {@code F_TOB} on a side where that publisher has orders) scans the whole order table.
 */
public final class DatabentoOrderBook implements OrderBook {

    /** {@code F_TOB}: top-of-book message, not an individual order. */
    public static final int F_TOB = 0x40;
    /** {@code F_MAYBE_BAD_BOOK}: the channel had an unrecoverable gap. */
    public static final int F_MAYBE_BAD_BOOK = 0x04;
    /** Price meaning "no price"; on a top-of-book add it empties the side. */
    public static final long UNDEF_PRICE = Long.MAX_VALUE;

    private static final int ALL_SIDES = -1;
    private static final int INITIAL_PUBLISHERS = 16;

    private final OrderTable orders;
    private final PriceLadder bids;
    private final PriceLadder asks;
    private DepthListener listener = NoDepthListener.INSTANCE;

    /** Orders per {@code publisherId << 1 | sideIndex}. */
    private int[] sideOrders = new int[INITIAL_PUBLISHERS << 1];
    /** Top-of-book level per {@code publisherId << 1 | sideIndex}; quantity 0 = none. */
    private long[] tobPrice = new long[INITIAL_PUBLISHERS << 1];
    private long[] tobQty = new long[INITIAL_PUBLISHERS << 1];
    private int tobLevels;
    private boolean maybeBad;

    /** A book sized like {@link ParityOrderBook#ParityOrderBook()}. */
    public DatabentoOrderBook() {
        this(ParityOrderBook.DEFAULT_EXPECTED_ORDERS, ParityOrderBook.DEFAULT_EXPECTED_LEVELS);
    }

    /**
     * @param expectedOrders orders (all publishers) held before the order table first grows, &ge; 1.
     * @param expectedLevels consolidated levels per side held before the level arrays first grow, &ge; 1.
     */
    public DatabentoOrderBook(final int expectedOrders, final int expectedLevels) {
        orders = new OrderTable(expectedOrders);
        bids = new PriceLadder(true, expectedLevels, listener);
        asks = new PriceLadder(false, expectedLevels, listener);
    }

    @Override
    public void apply(final byte action, final byte side, final long price, final long size, final long orderId,
        final int flags, final int publisherId, final TouchBuffer touches) {
        final int publisher = publisherId & 0xFFFF;
        if ((publisher << 1) >= sideOrders.length) {
            growPublishers(publisher);
        }
        switch (action) {
            case 'A':
                if ((flags & F_TOB) != 0) {
                    topOfBook(publisher, side, price, size, touches);
                } else {
                    add(publisher, side, price, size, orderId, touches);
                }
                break;
            case 'C':
                cancel(publisher, size, orderId, touches);
                break;
            case 'M':
                modify(publisher, side, price, size, orderId, touches);
                break;
            case 'F':
                fill(publisher, size, orderId, touches);
                break;
            case 'R':
                maybeBad = false;
                clearPublisher(publisher);
                break;
            default:
                break;
        }
        if ((flags & F_MAYBE_BAD_BOOK) != 0) {
            maybeBad = true;
        }
    }

    /** @return whether a record flagged {@code F_MAYBE_BAD_BOOK} was seen since the last {@code R} or clear. */
    public boolean maybeBad() {
        return maybeBad;
    }

    private void add(final int publisher, final byte side, final long price, final long size, final long orderId,
        final TouchBuffer touches) {
        final int pos = orders.find(orderId, publisher);
        if (pos >= 0) {
            final byte oldSide = orders.side(pos);
            final long oldPrice = orders.price(pos);
            final long oldQty = orders.qty(pos);
            orders.update(pos, side, price, size);
            sideOrders[sideSlot(publisher, oldSide)]--;
            sideOrders[sideSlot(publisher, side)]++;
            final PriceLadder oldLadder = ladder(oldSide);
            final PriceLadder newLadder = ladder(side);
            if (oldLadder == newLadder && oldPrice == price) {
                newLadder.replace(price, oldQty, size);
            } else {
                oldLadder.add(oldPrice, -oldQty);
                newLadder.add(price, size);
            }
        } else {
            orders.insert(pos, orderId, publisher, side, price, size);
            sideOrders[sideSlot(publisher, side)]++;
            ladder(side).add(price, size);
        }
        if (touches != null) {
            touches.add(price, side, size, 0, 0);
        }
    }

    private void cancel(final int publisher, final long size, final long orderId, final TouchBuffer touches) {
        final int pos = orders.find(orderId, publisher);
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
            sideOrders[sideSlot(publisher, orderSide)]--;
        } else {
            orders.qty(pos, remaining - eff);
        }
        if (touches != null) {
            touches.add(orderPrice, orderSide, 0, eff, 0);
        }
    }

    private void modify(final int publisher, final byte side, final long price, final long size, final long orderId,
        final TouchBuffer touches) {
        final int pos = orders.find(orderId, publisher);
        if (pos < 0) {
            orders.insert(pos, orderId, publisher, side, price, size);
            sideOrders[sideSlot(publisher, side)]++;
            ladder(side).add(price, size);
            return;
        }
        final byte orderSide = orders.side(pos);
        final long oldPrice = orders.price(pos);
        final long oldQty = orders.qty(pos);
        orders.update(pos, orderSide, price, size);
        final PriceLadder orderLadder = ladder(orderSide);
        if (oldPrice == price) {
            orderLadder.replace(price, oldQty, size);
        } else {
            orderLadder.add(oldPrice, -oldQty);
            orderLadder.add(price, size);
        }
        if (touches != null) {
            if (oldPrice != price) {
                touches.add(oldPrice, orderSide, 0, oldQty, 0);
                touches.add(price, orderSide, size, 0, 0);
            } else {
                final long change = size - oldQty;
                touches.add(price, orderSide, change > 0 ? change : 0, change < 0 ? -change : 0, 0);
            }
        }
    }

    private void fill(final int publisher, final long size, final long orderId, final TouchBuffer touches) {
        if (touches == null) {
            return;
        }
        final int pos = orders.find(orderId, publisher);
        if (pos >= 0) {
            touches.add(orders.price(pos), orders.side(pos), 0, 0, size);
        }
    }

    private void topOfBook(final int publisher, final byte side, final long price, final long size,
        final TouchBuffer touches) {
        final int slot = sideSlot(publisher, side);
        if (sideOrders[slot] > 0) {
            removeOrders(publisher, slot & 1);
        }
        final boolean empty = price == UNDEF_PRICE || price == 0;
        final long oldPrice = tobPrice[slot];
        final long oldQty = tobQty[slot];
        final long newQty = empty ? 0 : size;
        final PriceLadder ladder = ladder(side);
        if (oldQty > 0 && newQty > 0 && oldPrice == price) {
            ladder.replace(price, oldQty, newQty);
        } else {
            if (oldQty > 0) {
                ladder.add(oldPrice, -oldQty);
            }
            if (newQty > 0) {
                ladder.add(price, newQty);
            }
        }
        tobLevels += (newQty > 0 ? 1 : 0) - (oldQty > 0 ? 1 : 0);
        tobPrice[slot] = newQty > 0 ? price : 0;
        tobQty[slot] = newQty;
        if (!empty && touches != null) {
            touches.add(price, side, size, 0, 0);
        }
    }

    private void clearPublisher(final int publisher) {
        final int bidSlot = publisher << 1;
        final int askSlot = bidSlot | 1;
        final int publisherOrders = sideOrders[bidSlot] + sideOrders[askSlot];
        final int publisherTob = (tobQty[bidSlot] > 0 ? 1 : 0) + (tobQty[askSlot] > 0 ? 1 : 0);
        if (publisherOrders == orders.size() && publisherTob == tobLevels) {
            clear();
            return;
        }
        if (publisherOrders > 0) {
            removeOrders(publisher, ALL_SIDES);
        }
        for (int slot = bidSlot; slot <= askSlot; slot++) {
            if (tobQty[slot] > 0) {
                ladder(slot == bidSlot ? BID : ASK).add(tobPrice[slot], -tobQty[slot]);
                tobPrice[slot] = 0;
                tobQty[slot] = 0;
                tobLevels--;
            }
        }
    }

    /**
     * Removes the orders of one publisher on one side (0 bid, 1 ask) or on {@link #ALL_SIDES}. A removal shifts later
     * entries of the cluster back into the freed position, never before it, so the position is examined again.
     */
    private void removeOrders(final int publisher, final int sideIndex) {
        final OrderTable table = orders;
        final int capacity = table.capacity();
        int pos = 0;
        while (pos < capacity) {
            if (table.isLive(pos) && table.publisherId(pos) == publisher) {
                final byte orderSide = table.side(pos);
                final int orderSlot = sideSlot(publisher, orderSide);
                if (sideIndex == ALL_SIDES || (orderSlot & 1) == sideIndex) {
                    ladder(orderSide).add(table.price(pos), -table.qty(pos));
                    sideOrders[orderSlot]--;
                    table.removeAt(pos);
                    continue;
                }
            }
            pos++;
        }
    }

    private static int sideSlot(final int publisher, final byte side) {
        return publisher << 1 | (side == BID ? 0 : 1);
    }

    private PriceLadder ladder(final byte side) {
        return side == BID ? bids : asks;
    }

    private void growPublishers(final int publisher) {
        final int length = Integer.highestOneBit(publisher) << 2;
        sideOrders = Arrays.copyOf(sideOrders, length);
        tobPrice = Arrays.copyOf(tobPrice, length);
        tobQty = Arrays.copyOf(tobQty, length);
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

    /** @return number of resting orders of all publishers; top-of-book levels are not orders. */
    @Override
    public int orderCount() {
        return orders.size();
    }

    @Override
    public void forEachLevel(final byte side, final long minPrice, final long maxPrice, final LevelVisitor visitor) {
        ladder(side).forEach(minPrice, maxPrice, visitor);
    }

    /** Top-of-book levels are not orders and are not visited. */
    @Override
    public void forEachOrder(final OrderVisitor visitor) {
        final OrderTable table = orders;
        final int capacity = table.capacity();
        for (int pos = 0; pos < capacity; pos++) {
            if (table.isLive(pos)) {
                visitor.onOrder(table.publisherId(pos), table.orderId(pos), table.side(pos), table.price(pos),
                    table.qty(pos));
            }
        }
    }

    /** Also forgets every top-of-book level and resets {@link #maybeBad()}. */
    @Override
    public void clear() {
        orders.clear();
        bids.clear();
        asks.clear();
        Arrays.fill(sideOrders, 0);
        Arrays.fill(tobPrice, 0L);
        Arrays.fill(tobQty, 0L);
        tobLevels = 0;
        maybeBad = false;
        listener.onClear();
    }

    /**
     * Adds the order like an {@code A} record without touch records: here depth derives from orders, so it is
     * restored too (unlike the interface's general rule), and an existing order of that key is replaced.
     */
    @Override
    public void restoreOrder(final int publisherId, final long orderId, final byte side, final long price,
        final long quantity) {
        final int publisher = publisherId & 0xFFFF;
        if ((publisher << 1) >= sideOrders.length) {
            growPublishers(publisher);
        }
        add(publisher, side, price, quantity, orderId, null);
    }

    /**
     * Does nothing: depth is rebuilt by {@link #restoreOrder}. Top-of-book levels are therefore not restored from a
     * book cache; the venue's next top-of-book record sets them again.
     */
    @Override
    public void restoreLevel(final byte side, final long price, final long quantity) {
    }

    @Override
    public void depthListener(final DepthListener listener) {
        this.listener = listener == null ? NoDepthListener.INSTANCE : listener;
        bids.listener(this.listener);
        asks.listener(this.listener);
    }
}
