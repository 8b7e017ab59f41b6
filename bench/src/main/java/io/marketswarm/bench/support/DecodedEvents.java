package io.marketswarm.bench.support;

import java.io.IOException;

import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;

/**
 * MBO events decoded once into primitive arrays, so engine benchmarks measure the engine and not DBN decoding.
 * Null prices are replaced by 0 as the pipeline does for non-add actions.
 */
public final class DecodedEvents {

    /** Number of events. */
    public final int count;
    /** Event times, ns. */
    public final long[] ts;
    /** Prices, 1e-9 units. */
    public final long[] price;
    /** Sizes. */
    public final long[] size;
    /** Order ids. */
    public final long[] orderId;
    /** Instrument ids. */
    public final long[] instrumentId;
    /** ASCII actions. */
    public final byte[] action;
    /** ASCII sides. */
    public final byte[] side;
    /** DBN flags. */
    public final int[] flags;
    /** Publisher ids. */
    public final int[] publisherId;

    /**
     * @param stream a DBN stream of MBO records.
     * @param count  records in it.
     * @throws IOException if the stream is bad.
     */
    public DecodedEvents(final byte[] stream, final int count) throws IOException {
        this.count = count;
        ts = new long[count];
        price = new long[count];
        size = new long[count];
        orderId = new long[count];
        instrumentId = new long[count];
        action = new byte[count];
        side = new byte[count];
        flags = new int[count];
        publisherId = new int[count];
        try (DbnReader reader = DbnReader.fromBytes(stream, "bench")) {
            final MboFlyweight mbo = reader.mbo();
            for (int i = 0; i < count; i++) {
                if (!reader.nextMbo()) {
                    throw new IOException("stream holds only " + i + " records, expected " + count);
                }
                ts[i] = mbo.tsEvent();
                price[i] = mbo.price() == DbnConstants.UNDEF_PRICE ? 0 : mbo.price();
                size[i] = mbo.size();
                orderId[i] = mbo.orderId();
                instrumentId[i] = mbo.instrumentId();
                action[i] = mbo.action();
                side[i] = mbo.side();
                flags[i] = mbo.flags();
                publisherId[i] = mbo.publisherId();
            }
        }
    }
}
