package io.marketswarm.gateway.arrow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal FlatBuffers builder: just enough to write the two Arrow IPC metadata messages of a grid frame once, at
 * class initialisation, without the FlatBuffers runtime on the class path. It follows the reference builder: the
 * buffer fills from the end towards the start, so children are written before the objects that refer to them and
 * every {@code uoffset} points forward; each scalar is aligned to its size relative to the end of the buffer, and
 * {@link #finish} pads the front so the root offset lands on the largest alignment used, which makes those
 * alignments hold relative to the start too. Identical vtables are written once.
 *
 * <pre>
 *  table:   [soffset32 to vtable (table - vtable)] [fields, each aligned to its size]
 *  vtable:  [u16 vtable bytes] [u16 table bytes] [u16 field offset from table start, 0 = absent]...
 *  vector:  [u32 count] [elements]        string: [u32 length] [UTF-8 bytes] [0]
 *  root:    [u32 offset of the root table] at byte 0
 * </pre>
 *
 * Allocates freely; not for hot paths. Not thread-safe.
 */
final class FlatBufferWriter {

    private byte[] buf;
    private int space;
    private int minAlign = 1;
    private int[] vtable = new int[8];
    private int vtableInUse;
    private int objectStart;
    private int[] vtables = new int[16];
    private int vtableCount;
    private int vectorCount;

    /**
     * @param initialCapacity bytes to start with; the buffer grows as needed.
     */
    FlatBufferWriter(final int initialCapacity) {
        buf = new byte[Math.max(initialCapacity, 64)];
        space = buf.length;
    }

    /** @return the current position, counted from the end of the buffer (the form every offset here takes). */
    int offset() {
        return buf.length - space;
    }

    /**
     * @param value a string.
     * @return its offset: a zero-terminated UTF-8 byte vector.
     */
    int createString(final String value) {
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        prep(4, utf8.length + 1);
        buf[--space] = 0;
        space -= utf8.length;
        System.arraycopy(utf8, 0, buf, space, utf8.length);
        putInt(utf8.length);
        return offset();
    }

    /**
     * @param offsets of tables or strings, in vector order.
     * @return the vector's offset.
     */
    int createOffsetVector(final int... offsets) {
        startVector(4, offsets.length, 4);
        for (int i = offsets.length - 1; i >= 0; i--) {
            addOffset(offsets[i]);
        }
        return endVector();
    }

    /**
     * Starts a vector of inline elements (structs); push them last to first with {@link #putStructLongs}.
     *
     * @param elementSize bytes per element.
     * @param count       elements.
     * @param alignment   of an element.
     */
    void startVector(final int elementSize, final int count, final int alignment) {
        vectorCount = count;
        prep(4, elementSize * count);
        prep(alignment, elementSize * count);
    }

    /**
     * Pushes one struct made of longs, written so that {@code fields[0]} comes first in memory.
     *
     * @param fields the struct's fields in declaration order.
     */
    void putStructLongs(final long... fields) {
        prep(8, fields.length * 8);
        for (int i = fields.length - 1; i >= 0; i--) {
            putLong(fields[i]);
        }
    }

    /** @return the offset of the vector started by {@link #startVector}. */
    int endVector() {
        putInt(vectorCount);
        return offset();
    }

    /**
     * @param fields number of fields of the table's type (the highest field id used plus one is enough).
     */
    void startTable(final int fields) {
        if (vtable.length < fields) {
            vtable = new int[fields];
        }
        vtableInUse = fields;
        Arrays.fill(vtable, 0, fields, 0);
        objectStart = offset();
    }

    /** Adds a {@code bool} or {@code ubyte} field (also the type tag of a union). */
    void addByte(final int field, final int value) {
        prep(1, 0);
        buf[--space] = (byte)value;
        vtable[field] = offset();
    }

    /** Adds a {@code short} field (an enum). */
    void addShort(final int field, final int value) {
        prep(2, 0);
        putShort(value);
        vtable[field] = offset();
    }

    /** Adds an {@code int} field. */
    void addInt(final int field, final int value) {
        prep(4, 0);
        putInt(value);
        vtable[field] = offset();
    }

    /** Adds a {@code long} field. */
    void addLong(final int field, final long value) {
        prep(8, 0);
        putLong(value);
        vtable[field] = offset();
    }

    /** Adds a reference to a table, vector or string written earlier. */
    void addOffset(final int field, final int target) {
        addOffset(target);
        vtable[field] = offset();
    }

    /** @return the offset of the table started by {@link #startTable}. */
    int endTable() {
        prep(4, 0);
        putInt(0);
        final int tableOffset = offset();
        int last = vtableInUse - 1;
        while (last >= 0 && vtable[last] == 0) {
            last--;
        }
        for (int i = last; i >= 0; i--) {
            putShortAligned(vtable[i] != 0 ? tableOffset - vtable[i] : 0);
        }
        putShortAligned(tableOffset - objectStart);
        putShortAligned((last + 1 + 2) * 2);

        final int existing = findVtable(space);
        if (existing != 0) {
            space = buf.length - tableOffset;
            putIntAt(space, existing - tableOffset);
        } else {
            if (vtableCount == vtables.length) {
                vtables = Arrays.copyOf(vtables, vtableCount * 2);
            }
            vtables[vtableCount++] = offset();
            putIntAt(buf.length - tableOffset, offset() - tableOffset);
        }
        return tableOffset;
    }

    /**
     * @param root offset of the root table.
     * @return the finished buffer: the root offset at byte 0, then the objects.
     */
    byte[] finish(final int root) {
        prep(minAlign, 4);
        addOffset(root);
        return Arrays.copyOfRange(buf, space, buf.length);
    }

    private int findVtable(final int candidate) {
        final int length = getShort(candidate);
        for (int i = 0; i < vtableCount; i++) {
            final int other = buf.length - vtables[i];
            if (getShort(other) == length
                && Arrays.equals(buf, other, other + length, buf, candidate, candidate + length)) {
                return vtables[i];
            }
        }
        return 0;
    }

    private void addOffset(final int target) {
        prep(4, 0);
        putInt(offset() - target + 4);
    }

    private void prep(final int size, final int additional) {
        if (size > minAlign) {
            minAlign = size;
        }
        final int alignPad = (-(offset() + additional)) & (size - 1);
        while (space < alignPad + size + additional) {
            grow();
        }
        for (int i = 0; i < alignPad; i++) {
            buf[--space] = 0;
        }
    }

    private void grow() {
        final byte[] bigger = new byte[buf.length * 2];
        System.arraycopy(buf, 0, bigger, bigger.length - buf.length, buf.length);
        space += bigger.length - buf.length;
        buf = bigger;
    }

    private void putShortAligned(final int value) {
        prep(2, 0);
        putShort(value);
    }

    private void putShort(final int value) {
        buf[--space] = (byte)(value >>> 8);
        buf[--space] = (byte)value;
    }

    private void putInt(final int value) {
        space -= 4;
        putIntAt(space, value);
    }

    private void putIntAt(final int index, final int value) {
        buf[index] = (byte)value;
        buf[index + 1] = (byte)(value >>> 8);
        buf[index + 2] = (byte)(value >>> 16);
        buf[index + 3] = (byte)(value >>> 24);
    }

    private void putLong(final long value) {
        putInt((int)(value >>> 32));
        putInt((int)value);
    }

    private int getShort(final int index) {
        return (buf[index] & 0xFF) | (buf[index + 1] & 0xFF) << 8;
    }
}
