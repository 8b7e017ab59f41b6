package io.marketswarm.gateway.profile;

/**
 * Source of long-horizon volume profile models (spec {@code volume-profile.md} §4), one per synthetic symbol.
 *
 * <p>Threads: called only from the gateway's model loader thread ({@link VolumeProfileApi}), never from an event
 * loop, so an implementation may block (a stored model is tens of MB on system-redis).
 */
@FunctionalInterface
public interface VolumeProfileModels {

    /**
     * Loads the current model.
     *
     * @param syntheticSymbol upper-case synthetic symbol, e.g. {@code SPX}.
     * @return the model, or {@code null} if none is stored for the symbol.
     * @throws Exception if the store cannot be read or the stored model cannot be parsed; the gateway answers 503
     *                   with the exception's message.
     */
    VolumeProfileView load(String syntheticSymbol) throws Exception;
}
