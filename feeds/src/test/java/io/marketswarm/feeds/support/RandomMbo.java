package io.marketswarm.feeds.support;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.MboFlyweight;

/**
 * Random MBO records and metadata for round-trip tests. A record is a field array: publisher, instrument, ts_event,
 * order_id, price, size, flags, channel, action, side, ts_recv, ts_in_delta, sequence.
 */
public final class RandomMbo {

    private RandomMbo() {
    }

    /**
     * @param version DBN version 2 or 3.
     * @return metadata with two symbols mapped to instrument ids 42001 and 42002.
     */
    public static DbnMetadata metadata(final int version) {
        return new DbnMetadata(version, "GLBX.MDP3", DbnConstants.SCHEMA_MBO, 1_770_000_000_000_000_000L,
            DbnConstants.UNDEF_TIMESTAMP, 0, DbnConstants.STYPE_RAW_SYMBOL, DbnConstants.STYPE_INSTRUMENT_ID, false,
            71, List.of("MNQH6", "MNQM6"), List.of(), List.of("MNQZ9"),
            List.of(new DbnMetadata.SymbolMapping("MNQH6", List.of(new DbnMetadata.MappingInterval(20260206, 20260207,
                "42001"))), new DbnMetadata.SymbolMapping("MNQM6", List.of(
                    new DbnMetadata.MappingInterval(20260206, 20260207, "42002")))), 0);
    }

    /**
     * @param count records.
     * @param seed  random seed.
     * @return random records covering every action and side, and null prices.
     */
    public static List<long[]> records(final int count, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] actions = {'A', 'C', 'M', 'R', 'T', 'F', 'N'};
        final byte[] sides = {'A', 'B', 'N'};
        final List<long[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new long[] {
                random.nextInt(1 << 16), random.nextLong(1L << 32), random.nextLong(), random.nextLong(),
                random.nextInt(10) == 0 ? DbnConstants.UNDEF_PRICE : random.nextLong(), random.nextLong(1L << 32),
                random.nextInt(256), random.nextInt(256), actions[random.nextInt(actions.length)],
                sides[random.nextInt(sides.length)], random.nextLong(), random.nextInt(), random.nextLong(1L << 32),
            });
        }
        return records;
    }

    /**
     * Writes a record through a flyweight.
     *
     * @param mbo flyweight over a 56-byte slot.
     * @param r   the record.
     */
    public static void fill(final MboFlyweight mbo, final long[] r) {
        mbo.writeHeader((int)r[0], r[1], r[2]).orderId(r[3]).price(r[4]).size(r[5]).flags((int)r[6])
            .channelId((int)r[7]).action((byte)r[8]).side((byte)r[9]).tsRecv(r[10]).tsInDelta((int)r[11])
            .sequence(r[12]);
    }

    /**
     * @param mbo a decoded record.
     * @return its fields in record order.
     */
    public static long[] fields(final MboFlyweight mbo) {
        return new long[] {
            mbo.publisherId(), mbo.instrumentId(), mbo.tsEvent(), mbo.orderId(), mbo.price(), mbo.size(),
            mbo.flags(), mbo.channelId(), mbo.action(), mbo.side(), mbo.tsRecv(), mbo.tsInDelta(), mbo.sequence(),
        };
    }
}
