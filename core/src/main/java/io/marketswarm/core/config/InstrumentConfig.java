package io.marketswarm.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The single-instrument runtime config ({@code instrument.yaml}): the 11 fields after type coercion, immutable,
 * validated by {@link InstrumentConfigLoader} before any thread starts.
 *
 * <p>{@link #configVersion()} is the original runtime's hash of the fields (first 12 hex digits of SHA-256 over the
 * sorted {@code name=value} pairs, doubles rendered as Python does), so two processes on the same file agree on it.
 */
public final class InstrumentConfig {

    /** Product type of futures order flow (CME MBO). */
    public static final String FUTURE_MBO = "future_mbo";
    /** Product type of equity order flow. */
    public static final String EQUITY_MBO = "equity_mbo";
    /** Grid half-width the runtime always uses, in buckets. */
    public static final int CANONICAL_GRID_K = 50;
    /** Databento fixed-point price unit in dollars. */
    public static final double PRICE_UNIT = 1e-9;

    private final String source;
    private final String productType;
    private final String symbol;
    private final String symbolRoot;
    private final double priceScale;
    private final double tickSize;
    private final double bucketSizeDollars;
    private final double relTickSize;
    private final int gridMaxTicks;
    private final double contractMultiplier;
    private final String qtyUnit;
    private final int priceDecimals;
    private final String configVersion;

    InstrumentConfig(
        final String source,
        final String productType,
        final String symbol,
        final String symbolRoot,
        final double priceScale,
        final double tickSize,
        final double bucketSizeDollars,
        final double relTickSize,
        final int gridMaxTicks,
        final double contractMultiplier,
        final String qtyUnit,
        final int priceDecimals) {
        this.source = source;
        this.productType = productType;
        this.symbol = symbol;
        this.symbolRoot = symbolRoot;
        this.priceScale = priceScale;
        this.tickSize = tickSize;
        this.bucketSizeDollars = bucketSizeDollars;
        this.relTickSize = relTickSize;
        this.gridMaxTicks = gridMaxTicks;
        this.contractMultiplier = contractMultiplier;
        this.qtyUnit = qtyUnit;
        this.priceDecimals = priceDecimals;
        this.configVersion = sha256Prefix(canonicalString());
    }

    /** @return where the config was read from (a file path or the bundled resource), for messages. */
    public String source() {
        return source;
    }

    /** @return {@link #FUTURE_MBO} or {@link #EQUITY_MBO}. */
    public String productType() {
        return productType;
    }

    /** @return the locked symbol, e.g. {@code MNQH6}. */
    public String symbol() {
        return symbol;
    }

    /** @return the symbol root, e.g. {@code MNQ}. */
    public String symbolRoot() {
        return symbolRoot;
    }

    /** @return dollars per price unit (informational; prices are Databento 1e-9 fixed point). */
    public double priceScale() {
        return priceScale;
    }

    /** @return minimum price increment in dollars. */
    public double tickSize() {
        return tickSize;
    }

    /** @return bucket width in dollars (equities). */
    public double bucketSizeDollars() {
        return bucketSizeDollars;
    }

    /** @return bucket width shown by the UI, in dollars. */
    public double relTickSize() {
        return relTickSize;
    }

    /** @return the configured grid bound in ticks (the runtime always uses {@link #CANONICAL_GRID_K}). */
    public int gridMaxTicks() {
        return gridMaxTicks;
    }

    /** @return dollars per point per contract. */
    public double contractMultiplier() {
        return contractMultiplier;
    }

    /** @return the unit of sizes, e.g. {@code contracts} or {@code shares}. */
    public String qtyUnit() {
        return qtyUnit;
    }

    /** @return decimals to display prices with. */
    public int priceDecimals() {
        return priceDecimals;
    }

    /** @return {@code true} for {@link #FUTURE_MBO}. */
    public boolean isFuture() {
        return FUTURE_MBO.equals(productType);
    }

    /**
     * Bucket width in Databento price units: one tick for futures, {@code bucket_size_dollars} for equities.
     *
     * @return the width, always positive.
     */
    public long tickInt() {
        final double dollars = isFuture() ? tickSize : bucketSizeDollars;
        final long tickInt = (long)Math.rint(dollars / PRICE_UNIT);
        if (tickInt <= 0) {
            throw new InstrumentConfigException(
                "tick_int=" + tickInt + " must be > 0 for " + productType + "/" + symbol + " (" + source + ")");
        }
        return tickInt;
    }

    /** @return the original's {@code config_version}: 12 lower-case hex digits. */
    public String configVersion() {
        return configVersion;
    }

    /**
     * The version sent on the wire: {@link #configVersion()} plus {@code ":k50"}, the canonical grid the server and
     * launcher run with (they override {@code grid_max_ticks} to {@link #CANONICAL_GRID_K}).
     *
     * @return e.g. {@code e9c7ca0145bc:k50} for the shipped file.
     * @throws InstrumentConfigException if {@code grid_max_ticks < 50}.
     */
    public String wireConfigVersion() {
        if (gridMaxTicks < CANONICAL_GRID_K) {
            throw new InstrumentConfigException("default canonical grid K=" + CANONICAL_GRID_K
                + " exceeds configured max " + gridMaxTicks + " for " + productType + "/" + symbol);
        }
        return configVersion + ":k" + CANONICAL_GRID_K;
    }

    /**
     * The string the original hashes: fields sorted by name, {@code name=value} joined by {@code |}.
     *
     * @return the canonical form.
     */
    public String canonicalString() {
        return "bucket_size_dollars=" + PythonFloatFormat.repr(bucketSizeDollars)
            + "|contract_multiplier=" + PythonFloatFormat.repr(contractMultiplier)
            + "|grid_max_ticks=" + gridMaxTicks
            + "|price_decimals=" + priceDecimals
            + "|price_scale=" + PythonFloatFormat.repr(priceScale)
            + "|product_type=" + productType
            + "|qty_unit=" + qtyUnit
            + "|rel_tick_size=" + PythonFloatFormat.repr(relTickSize)
            + "|symbol=" + symbol
            + "|symbol_root=" + symbolRoot
            + "|tick_size=" + PythonFloatFormat.repr(tickSize);
    }

    private static String sha256Prefix(final String text) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            final StringBuilder hex = new StringBuilder(12);
            for (int i = 0; i < 6; i++) {
                hex.append(String.format(Locale.ROOT, "%02x", digest[i] & 0xFF));
            }
            return hex.toString();
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every JDK", ex);
        }
    }

    @Override
    public String toString() {
        return "InstrumentConfig{source=" + source + ", " + canonicalString().replace('|', ' ')
            + ", config_version=" + configVersion + "}";
    }
}
