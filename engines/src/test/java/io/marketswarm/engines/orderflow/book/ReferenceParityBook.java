package io.marketswarm.engines.orderflow.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parity rules of spec §4.3 written as plainly as possible over {@link HashMap} and {@link TreeMap}, to check
 * {@link ParityOrderBook} against. Not for production: boxes everything.
 */
final class ReferenceParityBook {

    /** A resting order. */
    record Order(byte side, long price, long qty) {
    }

    final Map<Long, Order> orders = new HashMap<>();
    final TreeMap<Long, Long> bids = new TreeMap<>();
    final TreeMap<Long, Long> asks = new TreeMap<>();

    /** @return the touch records of the event. */
    List<Touch> apply(final byte action, final byte side, final long price, final long size, final long orderId) {
        final List<Touch> touches = new ArrayList<>();
        final Order old = orders.get(orderId);
        switch (action) {
            case 'R' -> {
                orders.clear();
                bids.clear();
                asks.clear();
            }
            case 'A' -> {
                orders.put(orderId, new Order(side, price, size));
                changeDepth(side, price, size);
                touches.add(new Touch(price, side, size, 0, 0));
            }
            case 'C' -> {
                if (old != null) {
                    orders.remove(orderId);
                    changeDepth(old.side(), old.price(), -old.qty());
                    touches.add(new Touch(old.price(), old.side(), 0, old.qty(), 0));
                }
            }
            case 'M' -> {
                if (old == null) {
                    orders.put(orderId, new Order(side, price, size));
                    changeDepth(side, price, size);
                } else {
                    orders.remove(orderId);
                    changeDepth(old.side(), old.price(), -old.qty());
                    orders.put(orderId, new Order(side, price, size));
                    changeDepth(side, price, size);
                    if (price != old.price()) {
                        touches.add(new Touch(old.price(), old.side(), 0, old.qty(), 0));
                        touches.add(new Touch(price, side, size, 0, 0));
                    } else if (size - old.qty() > 0) {
                        touches.add(new Touch(price, side, size - old.qty(), 0, 0));
                    } else if (old.qty() - size > 0) {
                        touches.add(new Touch(price, side, 0, old.qty() - size, 0));
                    } else {
                        touches.add(new Touch(price, side, 0, 0, 0));
                    }
                }
            }
            case 'F' -> {
                if (old != null) {
                    final long eff = Math.min(size, old.qty());
                    changeDepth(old.side(), old.price(), -eff);
                    if (old.qty() - eff <= 0) {
                        orders.remove(orderId);
                    } else {
                        orders.put(orderId, new Order(old.side(), old.price(), old.qty() - eff));
                    }
                    touches.add(new Touch(old.price(), old.side(), 0, 0, size));
                }
            }
            default -> {
            }
        }
        return touches;
    }

    TreeMap<Long, Long> depth(final byte side) {
        return side == 'B' ? bids : asks;
    }

    private void changeDepth(final byte side, final long price, final long delta) {
        final TreeMap<Long, Long> depth = depth(side);
        final long now = depth.getOrDefault(price, 0L) + delta;
        if (now <= 0) {
            depth.remove(price);
        } else {
            depth.put(price, now);
        }
    }
}
