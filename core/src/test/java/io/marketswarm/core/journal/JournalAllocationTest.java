package io.marketswarm.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Steady-state appends and reads allocate nothing, measured with the thread's allocation counter. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalAllocationTest {

    private static final int WARM_UP = 200_000;
    private static final int MEASURED = 100_000;
    /** Slack for the measuring itself and rare one-off work inside Chronicle (e.g. index blocks), not per entry. */
    private static final long BOUND_BYTES = 16 * 1024;

    @TempDir
    Path dir;

    private static com.sun.management.ThreadMXBean threads() {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs com.sun.management");
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
            "thread allocation counting is off");
        return threads;
    }

    private static void append(final JournalWriter writer, final UnsafeBuffer record, final int count) {
        for (int i = 0; i < count; i++) {
            record.putInt(52, i);
            writer.appendRecord(record, 0, 56);
        }
    }

    @Test
    void shouldNotAllocatePerAppendedRecordInSteadyState() throws JournalException {
        final com.sun.management.ThreadMXBean threads = threads();
        final long thread = Thread.currentThread().getId();
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[56]);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(56));
        try (JournalWriter writer = JournalWriter.create(dir)) {
            writer.appendHeader(heap, 0, 56);
            append(writer, heap, WARM_UP);
            append(writer, direct, WARM_UP);

            final long before = threads.getThreadAllocatedBytes(thread);
            append(writer, heap, MEASURED);
            append(writer, direct, MEASURED);
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;

            System.out.println("appendRecord: " + allocated + " bytes allocated over " + 2 * MEASURED + " appends");
            assertTrue(allocated < BOUND_BYTES, allocated + " bytes allocated over " + 2 * MEASURED + " appends");
        }
    }

    @Test
    void shouldNotAllocatePerReplayedEntryInSteadyState() throws JournalException {
        final com.sun.management.ThreadMXBean threads = threads();
        final long thread = Thread.currentThread().getId();
        final UnsafeBuffer record = new UnsafeBuffer(new byte[56]);
        try (JournalWriter writer = JournalWriter.create(dir)) {
            writer.appendHeader(record, 0, 56);
            append(writer, record, WARM_UP + MEASURED);
        }
        try (JournalReader reader = JournalReader.open(dir)) {
            long sum = 0;
            for (int i = 0; i < WARM_UP + 1; i++) {
                reader.next();
            }
            final long before = threads.getThreadAllocatedBytes(thread);
            int read = 0;
            while (reader.next()) {
                sum += reader.buffer().getInt(reader.offset() + 52);
                read++;
            }
            final long allocated = threads.getThreadAllocatedBytes(thread) - before;
            System.out.println("JournalReader.next: " + allocated + " bytes allocated over " + read + " entries");
            assertEquals(MEASURED, read);
            assertEquals((long)(WARM_UP + MEASURED - 1) * (WARM_UP + MEASURED) / 2 - (long)(WARM_UP - 1) * WARM_UP / 2,
                sum);
            assertTrue(allocated < BOUND_BYTES, allocated + " bytes allocated over " + read + " entries");
        }
    }
}
