package io.marketswarm.core.events;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Ring event for one inbound MBO record: the record's fields decoded by the feed thread, and the raw record bytes
 * as read (for the journal). Preallocated in the ring and overwritten in place by the producer; consumers read it
 * only between their sequence claims. A {@link #kind()} other than {@link #RECORD} marks the end of the source.
 */
public final class MboEvent {

    /** An MBO record. */
    public static final int RECORD = 0;
    /** The source is exhausted: consumers flush and finish. */
    public static final int END_OF_STREAM = 1;
    /** Longest raw record kept (an MBO record with {@code ts_out}). */
    public static final int MAX_RECORD_LENGTH = 64;

    private final UnsafeBuffer raw = new UnsafeBuffer(new byte[MAX_RECORD_LENGTH]);
    private int kind;
    private int rawLength;
    private long ingestNanos;
    private long tsEvent;
    private long tsRecv;
    private long orderId;
    private long price;
    private long size;
    private long instrumentId;
    private int publisherId;
    private int flags;
    private byte action;
    private byte side;

    /**
     * Sets every field of a record event (the producer's only write path).
     *
     * @return this.
     */
    public MboEvent record(final long tsEvent, final long tsRecv, final long orderId, final long price,
        final long size, final long instrumentId, final int publisherId, final int flags, final byte action,
        final byte side) {
        this.kind = RECORD;
        this.tsEvent = tsEvent;
        this.tsRecv = tsRecv;
        this.orderId = orderId;
        this.price = price;
        this.size = size;
        this.instrumentId = instrumentId;
        this.publisherId = publisherId;
        this.flags = flags;
        this.action = action;
        this.side = side;
        return this;
    }

    /**
     * Marks the end of the source.
     *
     * @return this.
     */
    public MboEvent endOfStream() {
        this.kind = END_OF_STREAM;
        this.rawLength = 0;
        return this;
    }

    /** @return {@link #RECORD} or {@link #END_OF_STREAM}. */
    public int kind() {
        return kind;
    }

    /** @return buffer holding the raw record bytes as read ({@link #rawLength()} of them). */
    public UnsafeBuffer raw() {
        return raw;
    }

    /** @return length of the raw record, 0 when not kept. */
    public int rawLength() {
        return rawLength;
    }

    /** @param length raw bytes copied into {@link #raw()}. @return this. */
    public MboEvent rawLength(final int length) {
        this.rawLength = length;
        return this;
    }

    /** @return {@link System#nanoTime()} when the producer published the event. */
    public long ingestNanos() {
        return ingestNanos;
    }

    /** @param nanos publish time. @return this. */
    public MboEvent ingestNanos(final long nanos) {
        this.ingestNanos = nanos;
        return this;
    }

    /** @return matching-engine timestamp, ns. */
    public long tsEvent() {
        return tsEvent;
    }

    /** @return capture timestamp, ns. */
    public long tsRecv() {
        return tsRecv;
    }

    /** @return order id. */
    public long orderId() {
        return orderId;
    }

    /** @return price, 1e-9 units. */
    public long price() {
        return price;
    }

    /** @return size. */
    public long size() {
        return size;
    }

    /** @return instrument id. */
    public long instrumentId() {
        return instrumentId;
    }

    /** @return publisher id. */
    public int publisherId() {
        return publisherId;
    }

    /** @return DBN flags. */
    public int flags() {
        return flags;
    }

    /** @return ASCII action. */
    public byte action() {
        return action;
    }

    /** @return ASCII side. */
    public byte side() {
        return side;
    }
}
