package io.marketswarm.feeds.journal;

import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.core.journal.JournalDescriptor;
import io.marketswarm.core.journal.JournalWriter;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;
import io.marketswarm.feeds.dbn.MboFlyweight;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Child process of {@link JournalCrashTest}. {@code <dir> kill <maxRecords>} journals {@link CrashRecords} in bursts
 * paced to 1 M records/s, so the disk stays small, until killed (exit code 3 if it reaches {@code maxRecords} first).
 * {@code <dir> torn <records>} journals that many, then starts one more entry, writes half of it and halts the JVM with
 * the entry open, as a crash would.
 */
public final class JournalCrashWriterMain {

    /** Exit code when the kill mode ran out of records before being killed. */
    static final int EXIT_NOT_KILLED = 3;
    /** Kill mode writes in bursts of 1024 records at most one record per this many ns (1 M records/s). */
    static final long PACE_NS_PER_RECORD = 1_000;

    private JournalCrashWriterMain() {
    }

    public static void main(final String[] args) throws Exception {
        final Path dir = Path.of(args[0]);
        final String mode = args[1];
        final long records = Long.parseLong(args[2]);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final MboFlyweight mbo = new MboFlyweight().wrap(buffer, 0);
        try (JournalWriter writer = JournalWriter.create(dir)) {
            final byte[] header = DbnMetadataCodec.encode(CrashRecords.metadata("MNQH6"));
            writer.appendHeader(new UnsafeBuffer(header), 0, header.length);
            final boolean paced = "kill".equals(mode);
            final long startNs = System.nanoTime();
            for (long i = 0; i < records; i++) {
                if (paced && (i & 1023) == 0) {
                    while (System.nanoTime() - startNs < i * PACE_NS_PER_RECORD) {
                        Thread.onSpinWait();
                    }
                }
                CrashRecords.fill(mbo, 0, i);
                writer.appendRecord(buffer, 0, 56);
            }
        }
        if ("torn".equals(mode)) {
            writeHalfAnEntryAndHalt(dir, buffer);
        }
        System.exit(EXIT_NOT_KILLED);
    }

    private static void writeHalfAnEntryAndHalt(final Path dir, final UnsafeBuffer buffer) {
        final SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(RollCycles.FAST_DAILY).build();
        final ExcerptAppender appender = queue.createAppender();
        final DocumentContext dc = appender.writingDocument();
        final Bytes<?> bytes = dc.wire().bytes();
        bytes.writeByte((byte)JournalDescriptor.TYPE_RECORD).writeByte((byte)JournalDescriptor.FORMAT_VERSION)
            .writeShort((short)0).writeInt(56);
        bytes.write(buffer.byteArray(), 0, 28);
        System.out.println("torn entry open");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
