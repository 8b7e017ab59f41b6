package io.marketswarm.feeds.dbn;

import static io.marketswarm.feeds.dbn.MboDescriptor.ACTION_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.CHANNEL_ID_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.FLAGS_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.INSTRUMENT_ID_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.LENGTH_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.MBO_LENGTH;
import static io.marketswarm.feeds.dbn.MboDescriptor.ORDER_ID_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.PRICE_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.PUBLISHER_ID_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.RTYPE_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.SEQUENCE_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.SIDE_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.SIZE_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.TS_EVENT_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.TS_IN_DELTA_OFFSET;
import static io.marketswarm.feeds.dbn.MboDescriptor.TS_RECV_OFFSET;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over one MBO record in a buffer; layout in {@link MboDescriptor}. Wrapping costs two field writes and
 * nothing is copied or allocated, so one instance is reused for every record. Unsigned wire fields ({@code size},
 * {@code instrument_id}, {@code sequence}) are widened to {@code long}; 64-bit unsigned fields ({@code order_id},
 * timestamps) are returned raw and must be compared with {@link Long#compareUnsigned}.
 *
 * <p>Not thread-safe: owned by the thread that wraps it. Setters require a {@link MutableDirectBuffer}.
 */
public final class MboFlyweight {

    private DirectBuffer buffer;
    private int offset;

    /**
     * Points this flyweight at a record.
     *
     * @param buffer holding the record.
     * @param offset of the record's first byte.
     * @return this.
     */
    public MboFlyweight wrap(final DirectBuffer buffer, final int offset) {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** @return the wrapped buffer. */
    public DirectBuffer buffer() {
        return buffer;
    }

    /** @return the offset of the wrapped record. */
    public int offset() {
        return offset;
    }

    /** @return record length in bytes (56, or 64 with {@code ts_out}). */
    public int lengthBytes() {
        return (buffer.getByte(offset + LENGTH_OFFSET) & 0xFF) << 2;
    }

    /** @return record type, {@link DbnConstants#RTYPE_MBO} for MBO. */
    public int rtype() {
        return buffer.getByte(offset + RTYPE_OFFSET) & 0xFF;
    }

    /** @return dataset and venue id. */
    public int publisherId() {
        return buffer.getShort(offset + PUBLISHER_ID_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
    }

    /** @return numeric instrument id (u32). */
    public long instrumentId() {
        return buffer.getInt(offset + INSTRUMENT_ID_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** @return matching-engine timestamp, ns since epoch (unsigned). */
    public long tsEvent() {
        return buffer.getLong(offset + TS_EVENT_OFFSET, LITTLE_ENDIAN);
    }

    /** @return venue order id (unsigned). */
    public long orderId() {
        return buffer.getLong(offset + ORDER_ID_OFFSET, LITTLE_ENDIAN);
    }

    /** @return price in 1e-9 units, or {@link DbnConstants#UNDEF_PRICE}. */
    public long price() {
        return buffer.getLong(offset + PRICE_OFFSET, LITTLE_ENDIAN);
    }

    /** @return order quantity (u32). */
    public long size() {
        return buffer.getInt(offset + SIZE_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** @return flag bits, see {@link DbnConstants}. */
    public int flags() {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    /** @return Databento channel id. */
    public int channelId() {
        return buffer.getByte(offset + CHANNEL_ID_OFFSET) & 0xFF;
    }

    /** @return action as an ASCII byte: {@code A M C R T F N}. */
    public byte action() {
        return buffer.getByte(offset + ACTION_OFFSET);
    }

    /** @return side as an ASCII byte: {@code A B N}. */
    public byte side() {
        return buffer.getByte(offset + SIDE_OFFSET);
    }

    /** @return capture-server timestamp, ns since epoch (unsigned). */
    public long tsRecv() {
        return buffer.getLong(offset + TS_RECV_OFFSET, LITTLE_ENDIAN);
    }

    /** @return ns before {@code ts_recv} at which the venue sent the message. */
    public int tsInDelta() {
        return buffer.getInt(offset + TS_IN_DELTA_OFFSET, LITTLE_ENDIAN);
    }

    /** @return venue sequence number (u32). */
    public long sequence() {
        return buffer.getInt(offset + SEQUENCE_OFFSET, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** @return the gateway send time appended when metadata {@code ts_out} is set (last 8 bytes). */
    public long tsOut() {
        return buffer.getLong(offset + lengthBytes() - 8, LITTLE_ENDIAN);
    }

    /**
     * Writes a complete 56-byte MBO header and body (no {@code ts_out}).
     *
     * @return this.
     */
    public MboFlyweight writeHeader(final int publisherId, final long instrumentId, final long tsEvent) {
        final MutableDirectBuffer out = (MutableDirectBuffer)buffer;
        out.putByte(offset + LENGTH_OFFSET, (byte)(MBO_LENGTH >> 2));
        out.putByte(offset + RTYPE_OFFSET, (byte)DbnConstants.RTYPE_MBO);
        out.putShort(offset + PUBLISHER_ID_OFFSET, (short)publisherId, LITTLE_ENDIAN);
        out.putInt(offset + INSTRUMENT_ID_OFFSET, (int)instrumentId, LITTLE_ENDIAN);
        out.putLong(offset + TS_EVENT_OFFSET, tsEvent, LITTLE_ENDIAN);
        return this;
    }

    /** @param orderId venue order id. @return this. */
    public MboFlyweight orderId(final long orderId) {
        ((MutableDirectBuffer)buffer).putLong(offset + ORDER_ID_OFFSET, orderId, LITTLE_ENDIAN);
        return this;
    }

    /** @param price 1e-9 fixed point. @return this. */
    public MboFlyweight price(final long price) {
        ((MutableDirectBuffer)buffer).putLong(offset + PRICE_OFFSET, price, LITTLE_ENDIAN);
        return this;
    }

    /** @param size u32 quantity. @return this. */
    public MboFlyweight size(final long size) {
        ((MutableDirectBuffer)buffer).putInt(offset + SIZE_OFFSET, (int)size, LITTLE_ENDIAN);
        return this;
    }

    /** @param flags flag bits. @return this. */
    public MboFlyweight flags(final int flags) {
        ((MutableDirectBuffer)buffer).putByte(offset + FLAGS_OFFSET, (byte)flags);
        return this;
    }

    /** @param channelId channel id. @return this. */
    public MboFlyweight channelId(final int channelId) {
        ((MutableDirectBuffer)buffer).putByte(offset + CHANNEL_ID_OFFSET, (byte)channelId);
        return this;
    }

    /** @param action ASCII action. @return this. */
    public MboFlyweight action(final byte action) {
        ((MutableDirectBuffer)buffer).putByte(offset + ACTION_OFFSET, action);
        return this;
    }

    /** @param side ASCII side. @return this. */
    public MboFlyweight side(final byte side) {
        ((MutableDirectBuffer)buffer).putByte(offset + SIDE_OFFSET, side);
        return this;
    }

    /** @param tsRecv capture timestamp, ns. @return this. */
    public MboFlyweight tsRecv(final long tsRecv) {
        ((MutableDirectBuffer)buffer).putLong(offset + TS_RECV_OFFSET, tsRecv, LITTLE_ENDIAN);
        return this;
    }

    /** @param tsInDelta send delta, ns. @return this. */
    public MboFlyweight tsInDelta(final int tsInDelta) {
        ((MutableDirectBuffer)buffer).putInt(offset + TS_IN_DELTA_OFFSET, tsInDelta, LITTLE_ENDIAN);
        return this;
    }

    /** @param sequence venue sequence (u32). @return this. */
    public MboFlyweight sequence(final long sequence) {
        ((MutableDirectBuffer)buffer).putInt(offset + SEQUENCE_OFFSET, (int)sequence, LITTLE_ENDIAN);
        return this;
    }

    @Override
    public String toString() {
        return "Mbo{ts_recv=" + Long.toUnsignedString(tsRecv()) + ", ts_event=" + Long.toUnsignedString(tsEvent())
            + ", publisher_id=" + publisherId() + ", instrument_id=" + instrumentId()
            + ", action=" + (char)action() + ", side=" + (char)side() + ", price=" + price() + ", size=" + size()
            + ", channel_id=" + channelId() + ", order_id=" + Long.toUnsignedString(orderId())
            + ", flags=" + flags() + ", ts_in_delta=" + tsInDelta() + ", sequence=" + sequence() + "}";
    }
}
