package io.marketswarm.core.journal;

/**
 * Layout of one journal entry: the body of one Chronicle Queue data document, after Chronicle's own 4-byte document
 * header. Integers are in the platform's native order (little-endian on every platform Chronicle supports), as
 * Chronicle Bytes writes them.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |   type (u8)   | version (u8)  |        reserved (u16, 0)      |  0
 *  +---------------+---------------+-------------------------------+
 *  |                    payload length (u32)                       |  4
 *  +---------------------------------------------------------------+
 *  |                 payload: length bytes, copied verbatim        |  8
 *  |                              ...                              |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * {@link #TYPE_HEADER} entries carry the DBN metadata header of a run; {@link #TYPE_RECORD} entries carry one raw
 * DBN record. The payload length must equal the document length minus {@link #PAYLOAD_OFFSET}.
 */
public final class JournalDescriptor {

    /** Entry type of a run's DBN metadata header. */
    public static final int TYPE_HEADER = 1;
    /** Entry type of one raw DBN record. */
    public static final int TYPE_RECORD = 2;

    /** Format version written into every entry. */
    public static final int FORMAT_VERSION = 1;

    /** Offset of the entry type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the format version. */
    public static final int VERSION_OFFSET = 1;
    /** Offset of the reserved field. */
    public static final int RESERVED_OFFSET = 2;
    /** Offset of the payload length. */
    public static final int LENGTH_OFFSET = 4;
    /** Offset of the payload, which is also the size of the entry prefix. */
    public static final int PAYLOAD_OFFSET = 8;

    /** Largest record payload: a DBN record's length byte counts 4-byte words, so 255 x 4. */
    public static final int MAX_RECORD_LENGTH = 255 * 4;
    /** Largest header payload accepted (16 MiB), far above any real DBN metadata header. */
    public static final int MAX_HEADER_LENGTH = 16 << 20;

    private JournalDescriptor() {
    }

    /**
     * @param type an entry type.
     * @return {@code "header"}, {@code "record"} or {@code "unknown"}.
     */
    public static String typeName(final int type) {
        switch (type) {
            case TYPE_HEADER:
                return "header";
            case TYPE_RECORD:
                return "record";
            default:
                return "unknown";
        }
    }
}
