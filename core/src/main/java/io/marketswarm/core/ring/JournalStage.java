package io.marketswarm.core.ring;

import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;

import com.lmax.disruptor.EventHandler;

import io.marketswarm.core.events.MboEvent;
import io.marketswarm.core.journal.JournalException;
import io.marketswarm.core.journal.JournalWriter;

/**
 * Stage (2a) of the order-flow ring: appends every inbound record, as read, to a Chronicle Queue journal. The
 * appender is opened, given the run's header and closed on this stage's own thread (Chronicle appenders are
 * single-threaded), so the journal is complete once the end-of-stream event has passed this stage.
 */
public final class JournalStage implements EventHandler<MboEvent> {

    private final Path directory;
    private final UnsafeBuffer header;
    private JournalWriter writer;
    private long records;

    /**
     * @param directory journal directory (created, or a new run appended to an existing journal).
     * @param header    the source's DBN metadata header bytes, written first.
     */
    public JournalStage(final Path directory, final byte[] header) {
        this.directory = directory;
        this.header = new UnsafeBuffer(header);
    }

    @Override
    public void onStart() {
        try {
            writer = JournalWriter.append(directory, JournalWriter.DEFAULT_RECOVERY_TIMEOUT_MS);
        } catch (final JournalException ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        writer.appendHeader(header, 0, header.capacity());
    }

    @Override
    public void onEvent(final MboEvent event, final long sequence, final boolean endOfBatch) {
        if (event.kind() == MboEvent.END_OF_STREAM) {
            closeWriter();
            return;
        }
        if (writer != null) {
            writer.appendRecord(event.raw(), 0, event.rawLength());
            records++;
        }
    }

    @Override
    public void onShutdown() {
        closeWriter();
    }

    private void closeWriter() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    /** @return records journaled (read after the run has drained). */
    public long records() {
        return records;
    }

    /** @return the journal directory. */
    public Path directory() {
        return directory;
    }
}
