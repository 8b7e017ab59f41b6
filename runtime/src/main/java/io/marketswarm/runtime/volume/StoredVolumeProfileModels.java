package io.marketswarm.runtime.volume;

import io.marketswarm.store.VolumeProfileKeys;
import io.marketswarm.engines.volume.VolumeProfileAccumulator;
import io.marketswarm.engines.volume.VolumeProfileModel;
import io.marketswarm.engines.volume.VolumeProfileModelJson;
import io.marketswarm.gateway.profile.VolumeProfileModels;
import io.marketswarm.gateway.profile.VolumeProfileView;
import io.marketswarm.store.KeyValueStore;

/**
 * The gateway's view of the stored models: reads {@code massive:volume_profile:model:{SYNTH}} on system-redis (or the
 * local store), falling back to the legacy key {@code massive:volume_profile} for the legacy symbol (a model written
 * by the original, used only if it is of that synthetic), and parses it without its bars. Blocking; called on the
 * gateway's loader thread.
 */
public final class StoredVolumeProfileModels implements VolumeProfileModels {

    private final KeyValueStore system;
    private final String legacySymbol;

    /**
     * @param system       system-redis role.
     * @param legacySymbol synthetic symbol mirrored to the legacy key.
     */
    public StoredVolumeProfileModels(final KeyValueStore system, final String legacySymbol) {
        this.system = system;
        this.legacySymbol = legacySymbol;
    }

    @Override
    public VolumeProfileView load(final String syntheticSymbol) {
        String key = VolumeProfileKeys.modelKey(syntheticSymbol);
        byte[] bytes = system.get(key);
        if (bytes == null && legacySymbol.equalsIgnoreCase(syntheticSymbol)) {
            key = VolumeProfileKeys.LEGACY_MODEL_KEY;
            bytes = system.get(key);
        }
        if (bytes == null) {
            return null;
        }
        final VolumeProfileModel model = VolumeProfileModelJson.read(bytes, system.describe() + " key " + key, false);
        if (!syntheticSymbol.equalsIgnoreCase(model.syntheticSymbol())) {
            return null;
        }
        final VolumeProfileAccumulator profile = model.profile();
        final long[] rawBins = new long[profile.rawBinCount()];
        final double[] rawVols = new double[rawBins.length];
        final long[] tvBins = new long[profile.tvBinCount()];
        final double[] tvVols = new double[tvBins.length];
        final int[] i = {0, 0};
        profile.forEachRaw((bin, vol) -> {
            rawBins[i[0]] = bin;
            rawVols[i[0]++] = vol;
        });
        profile.forEachTv((bin, vol) -> {
            tvBins[i[1]] = bin;
            tvVols[i[1]++] = vol;
        });
        return new VolumeProfileView(model.symbol(), model.syntheticSymbol(), model.multiplier(), model.lastUpdated(),
            model.barCount(), model.lastBarT(), rawBins, rawVols, tvBins, tvVols);
    }
}
