package io.marketswarm.core.snapshot;

import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A single-writer, many-reader slot holding the latest snapshot (a seqlock): the writer never waits, readers never
 * block it, and a reader detects a torn copy and reports it instead of returning mixed data.
 *
 * <pre>
 *   0  version (i64): odd while a write is in progress, +2 per completed write
 *   8  length (i32) of the payload
 *  64  payload (capacity bytes), cache-line aligned
 * </pre>
 *
 * Writer: version := v + 1 (ordered), copy payload (or write it in place: {@link #beginWrite}/{@link #endWrite}),
 * version := v + 2 (ordered). Reader: read version (volatile);
 * if odd, report busy; copy; full fence; re-read version; equal means the copy is whole. Payload bytes are read with
 * plain loads, which may race with the writer: the version check discards such copies.
 *
 * <p>Threading: exactly one writer thread; any number of reader threads, each with its own destination buffer.
 */
public final class SnapshotSlot {

    /** A read found no snapshot written yet. */
    public static final int EMPTY = -1;
    /** A read overlapped a write; retry. */
    public static final int TORN = -2;

    private static final int VERSION_OFFSET = 0;
    private static final int LENGTH_OFFSET = 8;
    /** Offset of the payload in the buffer {@link #beginWrite} returns. */
    public static final int PAYLOAD_OFFSET = 64;

    private final UnsafeBuffer buffer;
    private final int capacity;

    /**
     * @param capacity largest payload in bytes, &gt; 0.
     */
    public SnapshotSlot(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity=" + capacity + " must be > 0");
        }
        this.capacity = capacity;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            PAYLOAD_OFFSET + ((capacity + 63) & ~63), 64));
    }

    /** @return largest payload in bytes. */
    public int capacity() {
        return capacity;
    }

    /**
     * Publishes a snapshot. Writer thread only; never blocks.
     *
     * @param source holding the payload.
     * @param offset of the payload.
     * @param length of the payload, at most {@link #capacity()}.
     */
    public void write(final DirectBuffer source, final int offset, final int length) {
        beginWrite(length).putBytes(PAYLOAD_OFFSET, source, offset, length);
        endWrite();
    }

    /**
     * Starts a write in place: the writer then fills {@code length} bytes at {@link #PAYLOAD_OFFSET} of the returned
     * buffer and calls {@link #endWrite()}. Readers see the slot busy (and report {@link #TORN}) until then. Writer
     * thread only; never blocks.
     *
     * @param length of the payload, at most {@link #capacity()}.
     * @return the slot's buffer, the payload at {@link #PAYLOAD_OFFSET}.
     */
    public MutableDirectBuffer beginWrite(final int length) {
        if (length > capacity) {
            throw new IllegalArgumentException("length=" + length + " exceeds capacity=" + capacity);
        }
        final long version = buffer.getLong(VERSION_OFFSET);
        buffer.putLongOrdered(VERSION_OFFSET, version + 1);
        java.lang.invoke.VarHandle.storeStoreFence();
        buffer.putInt(LENGTH_OFFSET, length);
        return buffer;
    }

    /** Completes the write {@link #beginWrite} started. Writer thread only. */
    public void endWrite() {
        buffer.putLongOrdered(VERSION_OFFSET, buffer.getLong(VERSION_OFFSET) + 1);
    }

    /** @return completed writes so far (never blocks). */
    public long writes() {
        return buffer.getLongVolatile(VERSION_OFFSET) >>> 1;
    }

    /**
     * Copies the latest snapshot.
     *
     * @param destination at least {@link #capacity()} bytes from {@code offset}.
     * @param offset      where to copy to.
     * @return the number of the snapshot copied (1 for the first write), {@link #EMPTY}, or {@link #TORN}.
     */
    public long read(final MutableDirectBuffer destination, final int offset) {
        final long before = buffer.getLongVolatile(VERSION_OFFSET);
        if (before == 0) {
            return EMPTY;
        }
        if ((before & 1) != 0) {
            return TORN;
        }
        final int length = buffer.getInt(LENGTH_OFFSET);
        if (length < 0 || length > capacity) {
            return TORN;
        }
        destination.putBytes(offset, buffer, PAYLOAD_OFFSET, length);
        java.lang.invoke.VarHandle.fullFence();
        final long after = buffer.getLongVolatile(VERSION_OFFSET);
        return after == before ? before >>> 1 : TORN;
    }

    /**
     * @return length of the latest payload (racy hint; use {@link #read} for data).
     */
    public int lengthHint() {
        return buffer.getIntVolatile(LENGTH_OFFSET);
    }
}
