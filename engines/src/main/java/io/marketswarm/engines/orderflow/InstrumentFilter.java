package io.marketswarm.engines.orderflow;

import java.util.Map;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

/**
 * The symbol filter of spec §3.2: which instrument ids of a source the order-flow pipeline drops. Stateless.
 */
public final class InstrumentFilter {

    private InstrumentFilter() {
    }

    /**
     * Instrument ids to drop: mapped to a spread (futures, a symbol with {@code -}) or to another symbol.
     *
     * @param instrumentSymbols the source's instrument id → symbol mappings.
     * @param symbol            requested symbol.
     * @param futures           whether spreads are dropped.
     * @return ids to drop; unmapped ids are kept.
     */
    public static LongHashSet droppedInstruments(final Long2ObjectHashMap<String> instrumentSymbols,
        final String symbol, final boolean futures) {
        final LongHashSet dropped = new LongHashSet();
        for (final Map.Entry<Long, String> entry : instrumentSymbols.entrySet()) {
            final String mapped = entry.getValue();
            if ((futures && mapped.contains("-")) || (!mapped.isEmpty() && !mapped.equals(symbol))) {
                dropped.add(entry.getKey());
            }
        }
        return dropped;
    }
}
