package io.marketswarm.feeds.dbn;

/**
 * Layout of a DBN record header and of the MBO record ({@code MboMsg}, rtype {@code 0xA0}), identical in DBN
 * versions 1 to 3. All integers little-endian; records may start at any byte offset in v1/v2 streams.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |  length (u8)  |  rtype (u8)   |       publisher_id (u16)      |  0
 *  +---------------+---------------+-------------------------------+
 *  |                     instrument_id (u32)                       |  4
 *  +---------------------------------------------------------------+
 *  |                       ts_event (u64)                          |  8
 *  +---------------------------------------------------------------+
 *  |                       order_id (u64)                          | 16
 *  +---------------------------------------------------------------+
 *  |                        price (i64, 1e-9)                      | 24
 *  +---------------------------------------------------------------+
 *  |                          size (u32)                           | 32
 *  +---------------+---------------+---------------+---------------+
 *  |  flags (u8)   | channel (u8)  | action (char) |  side (char)  | 36
 *  +---------------+---------------+---------------+---------------+
 *  |                        ts_recv (u64)                          | 40
 *  +---------------------------------------------------------------+
 *  |                      ts_in_delta (i32)                        | 48
 *  +---------------------------------------------------------------+
 *  |                        sequence (u32)                         | 52
 *  +---------------------------------------------------------------+
 *  |              ts_out (u64, only when metadata ts_out = 1)       | 56
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * {@code length} counts 4-byte words and includes {@code ts_out}.
 */
public final class MboDescriptor {

    /** Offset of the length byte (words of 4 bytes). */
    public static final int LENGTH_OFFSET = 0;
    /** Offset of the record type. */
    public static final int RTYPE_OFFSET = 1;
    /** Offset of the publisher id. */
    public static final int PUBLISHER_ID_OFFSET = 2;
    /** Offset of the instrument id. */
    public static final int INSTRUMENT_ID_OFFSET = 4;
    /** Offset of the matching-engine timestamp. */
    public static final int TS_EVENT_OFFSET = 8;
    /** Size of the common record header. */
    public static final int HEADER_LENGTH = 16;

    /** Offset of the order id. */
    public static final int ORDER_ID_OFFSET = 16;
    /** Offset of the price. */
    public static final int PRICE_OFFSET = 24;
    /** Offset of the size. */
    public static final int SIZE_OFFSET = 32;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 36;
    /** Offset of the channel id. */
    public static final int CHANNEL_ID_OFFSET = 37;
    /** Offset of the action character. */
    public static final int ACTION_OFFSET = 38;
    /** Offset of the side character. */
    public static final int SIDE_OFFSET = 39;
    /** Offset of the capture timestamp. */
    public static final int TS_RECV_OFFSET = 40;
    /** Offset of the send delta. */
    public static final int TS_IN_DELTA_OFFSET = 48;
    /** Offset of the venue sequence number. */
    public static final int SEQUENCE_OFFSET = 52;
    /** Size of an MBO record without {@code ts_out}. */
    public static final int MBO_LENGTH = 56;
    /** Size of an MBO record with {@code ts_out}. */
    public static final int MBO_LENGTH_WITH_TS_OUT = 64;

    private MboDescriptor() {
    }
}
