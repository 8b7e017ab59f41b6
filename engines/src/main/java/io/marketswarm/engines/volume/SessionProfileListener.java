package io.marketswarm.engines.volume;

/**
 * Receives each session profile a {@link SessionProfileBuilder} finishes.
 *
 * <p>Threading: called on the builder's thread, synchronously, from inside the builder call that finished the
 * session, before the event that triggered it (if any) is applied. The snapshot is immutable and may be handed to
 * another thread.
 */
@FunctionalInterface
public interface SessionProfileListener {
    /**
     * Called once per finished session, in session-date order. A session whose events all had zero volume is
     * delivered too; its {@link SessionProfileSnapshot#rowsWithVolume()} is 0. It must not call back into the
     * builder that delivers it.
     *
     * @param session the finished session
     */
    void onSessionFinished(SessionProfileSnapshot session);
}
