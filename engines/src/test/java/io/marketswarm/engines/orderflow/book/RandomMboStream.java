package io.marketswarm.engines.orderflow.book;

import java.util.Random;

/**
 * A seeded stream of random MBO records meant to hit every rule of both books: prices on a small grid (so levels
 * collide) with a few far-off ones, a bounded pool of order ids (so ids repeat, are unknown or are added twice) that
 * includes 0, -1 and the extremes, zero and huge sizes, sides other than {@code B}/{@code A}, every action including
 * unknown ones, top-of-book and maybe-bad-book flags and two main publishers plus rare others.
 */
final class RandomMboStream {

    static final long BASE_PRICE = 5_000_000_000_000L;
    static final long TICK = 250_000_000L;
    static final int GRID = 24;
    private static final byte[] OTHER_ACTIONS = {'X', 'Z', 'a', 0};

    private final Random random;
    private final long[] ids;
    private final int clearPerMillion;

    byte action;
    byte side;
    long price;
    long size;
    long orderId;
    int flags;
    int publisherId;

    /**
     * @param seed            random seed.
     * @param idPool          distinct order ids.
     * @param clearPerMillion how many of a million records are {@code R}.
     */
    RandomMboStream(final long seed, final int idPool, final int clearPerMillion) {
        this.random = new Random(seed);
        this.clearPerMillion = clearPerMillion;
        ids = new long[idPool];
        final long sequentialBase = 6_407_165_795_181L;
        for (int i = 0; i < idPool; i++) {
            ids[i] = switch (i % 4) {
                case 0, 1 -> sequentialBase + i;
                case 2 -> random.nextLong();
                default -> i * (1L << 40);
            };
        }
        final long[] special = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE};
        for (int i = 0; i < special.length && i < idPool; i++) {
            ids[idPool - 1 - i] = special[i];
        }
    }

    /** Moves to the next record. */
    void next() {
        action = nextAction();
        final int s = random.nextInt(100);
        side = (byte)(s < 46 ? 'B' : s < 92 ? 'A' : s < 97 ? 'N' : 'x');
        price = nextPrice();
        size = nextSize();
        orderId = ids[random.nextInt(ids.length)];
        publisherId = nextPublisher();
        flags = random.nextInt(256) & ~(DatabentoOrderBook.F_TOB | DatabentoOrderBook.F_MAYBE_BAD_BOOK);
        if (action == 'A' && random.nextInt(100) < 4) {
            flags |= DatabentoOrderBook.F_TOB;
            if (random.nextInt(8) == 0) {
                price = random.nextBoolean() ? DatabentoOrderBook.UNDEF_PRICE : 0;
            }
        }
        if (random.nextInt(1000) < 3) {
            flags |= DatabentoOrderBook.F_MAYBE_BAD_BOOK;
        }
    }

    private byte nextAction() {
        if (random.nextInt(1_000_000) < clearPerMillion) {
            return 'R';
        }
        final int a = random.nextInt(1000);
        if (a < 330) {
            return 'A';
        }
        if (a < 510) {
            return 'C';
        }
        if (a < 710) {
            return 'M';
        }
        if (a < 880) {
            return 'F';
        }
        if (a < 940) {
            return 'T';
        }
        if (a < 980) {
            return 'N';
        }
        return OTHER_ACTIONS[random.nextInt(OTHER_ACTIONS.length)];
    }

    private long nextPrice() {
        final int p = random.nextInt(1000);
        if (p < 5) {
            return 0;
        }
        if (p < 25) {
            return BASE_PRICE + (random.nextInt(2_000_001) - 1_000_000) * TICK;
        }
        if (p < 27) {
            return p == 25 ? Long.MIN_VALUE + 1 + random.nextInt(3) : Long.MAX_VALUE - 1 - random.nextInt(3);
        }
        return BASE_PRICE + random.nextInt(GRID) * TICK;
    }

    private long nextSize() {
        final int s = random.nextInt(100);
        if (s < 5) {
            return 0;
        }
        if (s < 7) {
            return random.nextInt(10_000) + 1;
        }
        if (s < 8) {
            return 0xFFFF_FFFFL;
        }
        return random.nextInt(20) + 1;
    }

    private int nextPublisher() {
        final int p = random.nextInt(1000);
        if (p == 0) {
            return 65_535;
        }
        if (p == 1) {
            return 40;
        }
        return 1 + (p & 1);
    }
}
