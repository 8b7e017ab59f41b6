package io.marketswarm.feeds.ring;

import java.io.IOException;
import java.util.function.BooleanSupplier;

import com.lmax.disruptor.RingBuffer;

import io.marketswarm.core.events.MboEvent;
import io.marketswarm.feeds.dbn.MboFlyweight;
import io.marketswarm.feeds.dbn.MboSource;

/**
 * Stage (1) of the order-flow ring, and the one place an MBO record becomes a ring event: reads an
 * {@link MboSource} on the calling (feed) thread and publishes every MBO record into the ring, decoded into the
 * preallocated {@link MboEvent} plus its raw bytes for the journal, then one {@link MboEvent#END_OF_STREAM}. An
 * optional {@link MboPacer} holds records back until due (live sessions, rate-paced benchmarks). Claims and publishes one slot at a time without lambdas, so nothing is allocated
 * per record.
 *
 * <p>Bad input ends the source: the records before it are published, then the end-of-stream event, then the
 * source's {@link IOException} propagates to the caller.
 */
public final class MboRingPublisher {

    private final RingBuffer<MboEvent> ring;
    private final boolean stampIngest;
    private final MboPacer pacer;
    private final boolean rawBytes;
    private long published;

    /**
     * @param ring        the ring (single producer: this thread only).
     * @param stampIngest stamp {@link System#nanoTime()} on each event for ingest-to-snapshot latency.
     */
    public MboRingPublisher(final RingBuffer<MboEvent> ring, final boolean stampIngest) {
        this(ring, stampIngest, null, true);
    }

    /**
     * @param ring        the ring (single producer: this thread only).
     * @param stampIngest stamp {@link System#nanoTime()} on each event for ingest-to-snapshot latency.
     * @param pacer       holds each record back until it is due, or {@code null} to publish as fast as possible.
     * @param rawBytes    copy each record's raw bytes into the event (a journal stage reads them); without a
     *                    journal the copy is skipped and {@link MboEvent#rawLength()} is 0.
     */
    public MboRingPublisher(final RingBuffer<MboEvent> ring, final boolean stampIngest, final MboPacer pacer,
        final boolean rawBytes) {
        this.ring = ring;
        this.stampIngest = stampIngest;
        this.pacer = pacer;
        this.rawBytes = rawBytes;
    }

    /**
     * Publishes the whole source, then end-of-stream.
     *
     * @param source  records in file order.
     * @param stop    polled every 4096 records; {@code true} stops early (a stage failed, the user interrupted).
     * @param progress told of progress every 4096 records, or {@code null}.
     * @return records published.
     * @throws IOException the source's error, after the end-of-stream event was published.
     */
    public long publishAll(final MboSource source, final BooleanSupplier stop, final Progress progress)
        throws IOException {
        try {
            final MboFlyweight mbo = source.mbo();
            final MboPacer pace = pacer;
            while (source.nextMbo()) {
                if (pace != null && !pace.awaitDue(mbo.tsEvent())) {
                    break;
                }
                publish(mbo);
                if ((published & 0xFFF) == 0) {
                    if (stop.getAsBoolean()) {
                        break;
                    }
                    if (progress != null) {
                        progress.onProgress(published);
                    }
                }
            }
        } finally {
            final long sequence = ring.next();
            ring.get(sequence).endOfStream();
            ring.publish(sequence);
        }
        return published;
    }

    /**
     * Publishes one record.
     *
     * @param mbo the record.
     */
    public void publish(final MboFlyweight mbo) {
        final long sequence = ring.next();
        final MboEvent event = ring.get(sequence);
        event.record(mbo.tsEvent(), mbo.tsRecv(), mbo.orderId(), mbo.price(), mbo.size(), mbo.instrumentId(),
            mbo.publisherId(), mbo.flags(), mbo.action(), mbo.side());
        if (rawBytes) {
            final int length = Math.min(mbo.lengthBytes(), MboEvent.MAX_RECORD_LENGTH);
            event.raw().putBytes(0, mbo.buffer(), mbo.offset(), length);
            event.rawLength(length);
        } else {
            event.rawLength(0);
        }
        event.ingestNanos(stampIngest ? System.nanoTime() : 0);
        ring.publish(sequence);
        published++;
    }

    /** @return records published so far. */
    public long published() {
        return published;
    }

    /** Progress callback, on the feed thread. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param records records published so far.
         */
        void onProgress(long records);
    }
}
