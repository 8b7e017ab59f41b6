package io.marketswarm.feeds.dbn;

import java.io.IOException;

/**
 * A source of MBO records in file order: a DBN file ({@link DbnReader}) or a journal. Single-threaded.
 */
public interface MboSource extends AutoCloseable {

    /** @return the metadata (symbol mappings) of the source. */
    DbnMetadata metadata();

    /**
     * Advances to the next MBO record.
     *
     * @return {@code false} at the end.
     * @throws IOException on bad input (naming the source and offset) or a failing read.
     */
    boolean nextMbo() throws IOException;

    /** @return the current record, valid until the next advance. */
    MboFlyweight mbo();

    /** @return a name for messages. */
    String source();

    @Override
    void close() throws IOException;
}
