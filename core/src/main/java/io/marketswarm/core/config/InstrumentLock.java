package io.marketswarm.core.config;

/**
 * The single-instrument lock: one process serves the one {@code (product_type, symbol)} pair of its config. Applied
 * by the server, {@code replay} and the regime analysis before any work starts.
 */
public final class InstrumentLock {

    /** First line of the rejection, exactly as the original writes it. */
    public static final String MISMATCH_HEADLINE =
        "Requested instrument does not match locked single-instrument runtime config.";

    private InstrumentLock() {
    }

    /**
     * Rejects a request for another instrument.
     *
     * @param config      the locked config.
     * @param productType the requested product type (trimmed before comparing).
     * @param symbol      the requested symbol (trimmed before comparing).
     * @throws InstrumentConfigException with the original's four-line message when the pair differs.
     */
    public static void check(final InstrumentConfig config, final String productType, final String symbol) {
        final String pt = productType == null ? "" : productType.trim();
        final String sym = symbol == null ? "" : symbol.trim();
        if (!pt.equals(config.productType()) || !sym.equals(config.symbol())) {
            throw new InstrumentConfigException(MISMATCH_HEADLINE + "\n"
                + "Requested: " + pt + ":" + sym + "\n"
                + "Locked:    " + config.productType() + ":" + config.symbol() + "\n"
                + "Config:    " + config.source());
        }
    }
}
