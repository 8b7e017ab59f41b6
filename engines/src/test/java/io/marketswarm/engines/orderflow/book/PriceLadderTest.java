package io.marketswarm.engines.orderflow.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One side's levels against a {@link TreeMap}, including the extreme prices that the ask key transform meets. */
class PriceLadderTest {

    @ParameterizedTest(name = "bid {0}")
    @ValueSource(booleans = {true, false})
    void shouldMatchTreeMapUnderRandomChanges(final boolean bid) {
        final Random random = new Random(bid ? 1 : 2);
        final RecordingDepthListener listener = new RecordingDepthListener();
        final PriceLadder ladder = new PriceLadder(bid, 1, listener);
        final TreeMap<Long, Long> reference = new TreeMap<>();
        final long[] prices = new long[200];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = i < 4 ? new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}[i] : random.nextInt(1000) - 500;
        }
        for (int op = 0; op < 200_000; op++) {
            final long price = prices[random.nextInt(random.nextBoolean() ? 20 : prices.length)];
            final long a = random.nextInt(20) - 8;
            final long b = random.nextInt(20);
            final long old = reference.getOrDefault(price, 0L);
            switch (random.nextInt(3)) {
                case 0 -> {
                    ladder.add(price, a);
                    store(reference, price, old == 0 && a <= 0 ? 0 : old + a);
                }
                case 1 -> {
                    final long minus = Math.abs(a);
                    ladder.replace(price, minus, b);
                    store(reference, price, Math.max(old - minus, 0) + b);
                }
                default -> {
                    ladder.set(price, a);
                    store(reference, price, a);
                }
            }
            assertEquals(reference.getOrDefault(price, 0L), ladder.qtyAt(price));
            assertEquals(reference.size(), ladder.levelCount());
            assertEquals(reference.isEmpty() ? 0 : bid ? reference.lastKey() : reference.firstKey(), ladder.best());
            assertEquals(reference, listener.sums);
            if (op % 97 == 0) {
                final long min = random.nextInt(1200) - 600;
                final long max = min + random.nextInt(400);
                assertEquals(reference.subMap(min, true, max, true), visit(ladder, min, max));
                assertEquals(reference, visit(ladder, Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
    }

    private static void store(final TreeMap<Long, Long> reference, final long price, final long qty) {
        if (qty <= 0) {
            reference.remove(price);
        } else {
            reference.put(price, qty);
        }
    }

    private static TreeMap<Long, Long> visit(final PriceLadder ladder, final long min, final long max) {
        final TreeMap<Long, Long> seen = new TreeMap<>();
        final long[] last = {0};
        ladder.forEach(min, max, (price, qty) -> {
            if (!seen.isEmpty() && price <= last[0]) {
                throw new AssertionError("not ascending at " + price);
            }
            last[0] = price;
            seen.put(price, qty);
        });
        return seen;
    }

    @Test
    void shouldKeepBestLevelAtEndForBothSides() {
        final PriceLadder bids = new PriceLadder(true, 2, NoDepthListener.INSTANCE);
        final PriceLadder asks = new PriceLadder(false, 2, NoDepthListener.INSTANCE);
        for (long price = 10; price <= 15; price++) {
            bids.add(price, 1);
            asks.add(price, 1);
        }

        assertEquals(15, bids.best());
        assertEquals(10, asks.best());
        bids.add(15, -1);
        asks.add(10, -5);
        assertEquals(14, bids.best());
        assertEquals(11, asks.best());
        bids.clear();
        assertEquals(0, bids.best());
    }
}
