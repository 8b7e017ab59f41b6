package io.marketswarm.feeds.journal;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.core.journal.JournalWriter;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.DbnMetadataCodec;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;
import io.marketswarm.feeds.dbn.MboSource;

/**
 * Journals a DBN stream as one run: a header entry, then one record entry per MBO record. Only MBO records are
 * journaled; records of other types are skipped, as {@link DbnReader#nextMbo()} skips them.
 *
 * <p>The header entry is the source's metadata re-encoded with {@link DbnMetadataCodec#encode(DbnMetadata)}, which
 * writes DBN v2 or v3: a v2 or v3 source keeps its version, and a v1 source is journaled with a v3 header (v1
 * symbols fit the wider v3 strings, and the MBO layout is the same in every version). Re-encoding keeps every decoded
 * field but drops the reserved bytes and the (in practice empty) schema definition, so the journaled header is not
 * always byte-identical to the file's.
 *
 * <p>Runs on the caller's thread, which must own the writer.
 */
public final class DbnFileJournaler {

    private DbnFileJournaler() {
    }

    /**
     * Journals a DBN file (plain or zstd) into a new journal.
     *
     * @param dbnFile   the source.
     * @param directory the journal directory: absent or empty (see {@link JournalWriter#create}).
     * @return MBO records journaled.
     * @throws IOException when the file is not valid DBN, or the journal cannot be created.
     */
    public static long journal(final Path dbnFile, final Path directory) throws IOException {
        try (DbnReader reader = DbnReader.open(dbnFile); JournalWriter writer = JournalWriter.create(directory)) {
            return journal(reader, writer);
        }
    }

    /**
     * Writes the source's metadata as the run's header, then every remaining MBO record.
     *
     * @param source a source positioned before its first record, e.g. a {@link DbnReader}.
     * @param writer a writer that has not written its header yet.
     * @return MBO records journaled.
     * @throws IOException when the source fails or holds bad input.
     */
    public static long journal(final MboSource source, final JournalWriter writer) throws IOException {
        final byte[] header = DbnMetadataCodec.encode(journalMetadata(source.metadata()));
        writer.appendHeader(new UnsafeBuffer(header), 0, header.length);
        final MboFlyweight mbo = source.mbo();
        long count = 0;
        while (source.nextMbo()) {
            writer.appendRecord(mbo.buffer(), mbo.offset(), mbo.lengthBytes());
            count++;
        }
        return count;
    }

    /**
     * @param metadata decoded metadata of any supported version.
     * @return the same metadata if v2 or v3, else a v3 copy (symbol strings of 71 bytes).
     */
    public static DbnMetadata journalMetadata(final DbnMetadata metadata) {
        if (metadata.version() >= 2) {
            return metadata;
        }
        return new DbnMetadata(3, metadata.dataset(), metadata.schema(), metadata.start(), metadata.end(),
            metadata.limit(), metadata.stypeIn(), metadata.stypeOut(), metadata.tsOut(),
            DbnMetadataCodec.V2_SYMBOL_CSTR_LEN, metadata.symbols(), metadata.partial(), metadata.notFound(),
            metadata.mappings(), metadata.recordsOffset());
    }
}
