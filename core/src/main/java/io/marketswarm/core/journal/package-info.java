/**
 * Journal of inbound DBN data for deterministic replay, on Chronicle Queue.
 *
 * <pre>
 *  feed / DBN file --&gt; journal stage: JournalWriter --&gt; queue directory (one .cq4 file per UTC day)
 *                                                            |
 *  replay: JournalReader (core) or JournalRuns (feeds)       &lt;-+
 * </pre>
 *
 * A journal is a sequence of entries ({@link io.marketswarm.core.journal.JournalDescriptor}): each run starts with a
 * header entry (the source's DBN metadata header) followed by one record entry per raw DBN record.
 * {@link io.marketswarm.core.journal.JournalWriter#create} makes a journal of one run and refuses a non-empty
 * directory; {@link io.marketswarm.core.journal.JournalWriter#append} adds a run (after a restart, say). One writer
 * at a time holds a journal (an operating-system lock on {@code writer.lock}). Replay
 * delivers every complete entry of every run in the order written, and stops, without waiting, at the end or at an
 * entry a crashed writer did not finish.
 */
package io.marketswarm.core.journal;
