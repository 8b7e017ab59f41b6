package io.marketswarm.feeds.dbn;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a DBN stream as Databento's JSON lines (see {@link DbnJsonEncoder}): what {@code dbn dump} runs.
 *
 * <p>Records of types the encoder does not render are counted in {@link #skipped()}, not printed. If the stream
 * turns out truncated or corrupt, every record before the fault has already been written (and flushed) when the
 * {@link DbnFormatException} propagates.
 */
public final class DbnDumper {

    private long written;
    private long skipped;

    /**
     * Dumps records.
     *
     * @param reader   an open reader, positioned before the first record.
     * @param out      destination of the JSON lines.
     * @param limit    maximum records to print, or a negative number for all.
     * @param prettyPx render prices as decimals.
     * @param prettyTs render timestamps as ISO 8601.
     * @return records written.
     * @throws IOException on a bad stream (after flushing what was written) or a failing output.
     */
    public long dumpRecords(final DbnReader reader, final OutputStream out, final long limit, final boolean prettyPx,
        final boolean prettyTs) throws IOException {
        final AsciiJsonWriter writer = new AsciiJsonWriter(out, 1 << 16);
        final DbnJsonEncoder encoder = new DbnJsonEncoder(writer, prettyPx, prettyTs, reader.metadata().tsOut());
        try {
            while ((limit < 0 || written < limit) && reader.next()) {
                if (encoder.record(reader.buffer(), reader.recordIndex(), reader.recordLength())) {
                    written++;
                } else {
                    skipped++;
                }
            }
        } finally {
            writer.flush();
        }
        return written;
    }

    /**
     * Dumps the metadata object as one line.
     *
     * @param reader   an open reader.
     * @param out      destination.
     * @param prettyTs render start/end as ISO 8601 and mapping dates as {@code YYYY-MM-DD}.
     * @throws IOException if the output fails.
     */
    public void dumpMetadata(final DbnReader reader, final OutputStream out, final boolean prettyTs)
        throws IOException {
        final AsciiJsonWriter writer = new AsciiJsonWriter(out, 1 << 16);
        new DbnJsonEncoder(writer, false, prettyTs, false).metadata(reader.metadata());
        writer.flush();
    }

    /** @return records printed so far. */
    public long written() {
        return written;
    }

    /** @return records of unrendered types passed over. */
    public long skipped() {
        return skipped;
    }
}
