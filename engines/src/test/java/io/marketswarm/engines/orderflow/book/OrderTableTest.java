package io.marketswarm.engines.orderflow.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The order table against a {@link HashMap}: inserts, updates and backward-shift removals under heavy load. */
class OrderTableTest {

    /** Key in the reference map. */
    record Key(int publisherId, long orderId) {
    }

    /** Value in the reference map. */
    record Fields(byte side, long price, long qty) {
    }

    @ParameterizedTest(name = "seed {0}, {1} keys")
    @CsvSource({"1, 12", "2, 100", "3, 5000", "4, 70000"})
    void shouldMatchHashMapUnderRandomInsertUpdateAndRemove(final long seed, final int keys) {
        final Random random = new Random(seed);
        final long[] ids = new long[keys];
        for (int i = 0; i < keys; i++) {
            ids[i] = switch (i % 3) {
                case 0 -> i;
                case 1 -> random.nextLong();
                default -> (long)i << 44;
            };
        }
        final OrderTable table = new OrderTable(1);
        final Map<Key, Fields> reference = new HashMap<>();
        for (int op = 0; op < 300_000; op++) {
            final Key key = new Key(random.nextInt(3), ids[random.nextInt(keys)]);
            final int pos = table.find(key.orderId(), key.publisherId());
            final Fields expected = reference.get(key);
            assertEquals(expected != null, pos >= 0, () -> "presence of " + key);
            if (expected != null) {
                assertEquals(expected, new Fields(table.side(pos), table.price(pos), table.qty(pos)));
                assertEquals(key, new Key(table.publisherId(pos), table.orderId(pos)));
            }
            final int what = random.nextInt(10);
            final Fields fields = new Fields((byte)"BAN".charAt(random.nextInt(3)), random.nextLong(),
                random.nextInt(100));
            if (what < 5 && pos < 0) {
                table.insert(pos, key.orderId(), key.publisherId(), fields.side(), fields.price(), fields.qty());
                reference.put(key, fields);
            } else if (what < 7 && pos >= 0) {
                table.update(pos, fields.side(), fields.price(), fields.qty());
                reference.put(key, fields);
            } else if (pos >= 0) {
                table.removeAt(pos);
                reference.remove(key);
            }
            assertEquals(reference.size(), table.size());
            assertTrue(table.size() * 2 <= table.capacity());
        }
        int live = 0;
        for (int pos = 0; pos < table.capacity(); pos++) {
            if (table.isLive(pos)) {
                live++;
                final Key key = new Key(table.publisherId(pos), table.orderId(pos));
                assertEquals(reference.get(key), new Fields(table.side(pos), table.price(pos), table.qty(pos)));
            }
        }
        assertEquals(reference.size(), live);
    }

    @Test
    void shouldTreatSameOrderIdOfDifferentPublishersAsDifferentOrders() {
        final OrderTable table = new OrderTable(4);
        table.insert(table.find(7, 1), 7, 1, (byte)'B', 10, 1);
        table.insert(table.find(7, 2), 7, 2, (byte)'A', 20, 2);

        assertEquals(10, table.price(table.find(7, 1)));
        assertEquals(20, table.price(table.find(7, 2)));
        assertTrue(table.find(7, 0) < 0);
    }

    @Test
    void shouldAcceptEveryLongAsOrderId() {
        final OrderTable table = new OrderTable(2);
        final long[] ids = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1};
        for (final long id : ids) {
            table.insert(table.find(id, 0), id, 0, (byte)'B', id, 1);
        }
        for (final long id : ids) {
            assertEquals(id, table.price(table.find(id, 0)));
        }
        table.removeAt(table.find(0, 0));
        assertTrue(table.find(0, 0) < 0);
        assertEquals(-1, table.price(table.find(-1, 0)));
    }

    @Test
    void shouldForgetEverythingOnClearAndKeepCapacity() {
        final OrderTable table = new OrderTable(1);
        for (long id = 0; id < 100; id++) {
            table.insert(table.find(id, 0), id, 0, (byte)'B', id, 1);
        }
        final int capacity = table.capacity();

        table.clear();

        assertEquals(0, table.size());
        assertEquals(capacity, table.capacity());
        assertFalse(table.isLive(0));
        assertTrue(table.find(5, 0) < 0);
    }
}
