package io.marketswarm.engines.volume;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.marketswarm.core.config.PythonFloatFormat;

/**
 * The two market-redis hashes of spec {@code volume-profile.md} §8.8 for one session profile:
 * {@code volume_profile:poc:{symbol}} and {@code volume_profile:session:{symbol}:{date}}, fields in spec order.
 *
 * <p>Value formats (every value a string):
 * <ul>
 *   <li>prices: {@code row × rowSize} in exact decimal arithmetic with exactly {@code priceDecimals} decimals
 *       ({@code "600.15"}); {@code row_size} is written the same way;</li>
 *   <li>volumes: an integer when integral ({@code "3000"}), else Python's shortest round-trip
 *       ({@code "233.33333333333334"});</li>
 *   <li>ratios ({@code profile_strength}, {@code poc_share}, {@code va_percent}): Python's {@code repr(float)}
 *       ({@code "0.7"}, {@code "0.0"});</li>
 *   <li>{@code profile_strength} is null when the profile has one row (§8.5): the field is then omitted from both
 *       hashes, so a publisher must replace a hash as a whole (delete and write in one transaction), or a stale
 *       strength survives;</li>
 *   <li>{@code exchange_timestamp}: the last included event (a bar's window start) in UTC as
 *       {@code 2025-12-01T20:59:00+00:00}, with {@code .SSS} milliseconds only when they are not zero;</li>
 *   <li>{@code session_start}: the nominal session open in New York time with its offset,
 *       {@code 2025-12-01T09:30:00-05:00}, same millisecond rule;</li>
 *   <li>{@code session_date}: {@code YYYY-MM-DD}; {@code va_mode}: {@code SINGLE} or {@code DUAL} (the config value);
 *       {@code calculation_method}: {@code va_single} or {@code va_dual};</li>
 *   <li>JSON fields are compact: {@code price_volume_distribution} is an object from price string to volume
 *       number over the rows with volume, ascending price; {@code support_levels} and {@code resistance_levels}
 *       (nearest first), {@code hvn} and {@code lvn} (ascending) are arrays of prices written as JSON numbers with
 *       {@code priceDecimals} decimals ({@code [102.00,105.00]}).</li>
 * </ul>
 *
 * <p>Threading: immutable once built and thread-safe; building computes the §8 metrics once and allocates, so it
 * belongs on the publish path, not per event. Each field method returns a new map the caller owns.
 */
public final class SessionProfileHashes {
    /** Default TTL of both hashes, in seconds. */
    public static final long DEFAULT_TTL_SECONDS = 86_400L;

    private static final int MAX_PRICE_DECIMALS = 15;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private final SessionProfileSnapshot session;
    private final SessionProfileConfig config;
    private final int priceDecimals;
    private final BigDecimal rowSize;
    private final SessionProfileResult result;

    /**
     * Computes the metrics of a session and prepares its hashes.
     *
     * @param session       a finished or current session with volume
     * @param config        metric settings
     * @param priceDecimals decimals of every price, in {@code [0, 15]}, at least those of the row size
     * @throws IllegalArgumentException if the session has no volume, {@code priceDecimals} is out of range, or the
     *                                  row size has more decimals than {@code priceDecimals}
     */
    public SessionProfileHashes(final SessionProfileSnapshot session, final SessionProfileConfig config,
                                final int priceDecimals) {
        this.session = Objects.requireNonNull(session, "session");
        this.config = Objects.requireNonNull(config, "config");
        if (priceDecimals < 0 || priceDecimals > MAX_PRICE_DECIMALS) {
            throw new IllegalArgumentException("priceDecimals=" + priceDecimals);
        }
        final BigDecimal size = BigDecimal.valueOf(session.rowSize());
        if (size.stripTrailingZeros().scale() > priceDecimals) {
            throw new IllegalArgumentException("rowSize=" + session.rowSize() + " has more decimals than priceDecimals="
                + priceDecimals);
        }
        this.priceDecimals = priceDecimals;
        this.rowSize = size;
        this.result = session.result(config);
        if (result == null) {
            throw new IllegalArgumentException("session " + session.symbol() + " " + session.sessionDate()
                + " has no volume");
        }
    }

    /** @return the metrics the hashes are made of */
    public SessionProfileResult result() {
        return result;
    }

    /** @return the fields of the POC hash ({@code VolumeProfileKeys.pocKey}) for this session's symbol, in spec order */
    public Map<String, String> pocFields() {
        final Map<String, String> h = new LinkedHashMap<>();
        putPocHead(h);
        h.put("exchange_timestamp", timestamp(session.lastEventMs(), ZoneOffset.UTC));
        h.put("session_date", session.sessionDate().toString());
        h.put("total_volume", volume(result.totalVolume()));
        h.put("va_volume", volume(result.vaVolume()));
        h.put("poc_share", PythonFloatFormat.repr(result.pocShare()));
        h.put("va_mode", config.vaMode().name());
        h.put("va_percent", PythonFloatFormat.repr(config.vaPercent()));
        h.put("row_size", rowSize.setScale(priceDecimals, RoundingMode.HALF_EVEN).toPlainString());
        return h;
    }

    /** @return the fields of the session hash ({@code VolumeProfileKeys.sessionKey}) for this session, in spec order */
    public Map<String, String> sessionFields() {
        final Map<String, String> h = new LinkedHashMap<>();
        putPocHead(h);
        h.put("total_volume", volume(result.totalVolume()));
        h.put("price_levels", Integer.toString(session.rowsWithVolume()));
        h.put("price_volume_distribution", distributionJson());
        h.put("support_levels", pricesJson(result.supportRows()));
        h.put("resistance_levels", pricesJson(result.resistanceRows()));
        h.put("hvn", pricesJson(result.hvnRows()));
        h.put("lvn", pricesJson(result.lvnRows()));
        h.put("session_start", timestamp(session.sessionStartMs(), SessionProfileBuilder.NEW_YORK));
        h.put("exchange_timestamp", timestamp(session.lastEventMs(), ZoneOffset.UTC));
        h.put("calculation_method", config.vaMode() == ValueAreaMode.DUAL ? "va_dual" : "va_single");
        return h;
    }

    /**
     * @param row a row key
     * @return its price {@code row × rowSize} with exactly {@code priceDecimals} decimals
     */
    public String price(final long row) {
        return BigDecimal.valueOf(row).multiply(rowSize).setScale(priceDecimals, RoundingMode.HALF_EVEN)
            .toPlainString();
    }

    /**
     * @param volume a finite volume
     * @return an integer when integral, else Python's shortest round-trip text
     */
    public static String volume(final double volume) {
        if (volume == Math.rint(volume)) {
            return Math.abs(volume) < 0x1p62 ? Long.toString((long) volume)
                : new BigDecimal(volume).toPlainString();
        }
        return PythonFloatFormat.repr(volume);
    }

    private void putPocHead(final Map<String, String> h) {
        h.put("poc_price", price(result.pocRow()));
        h.put("poc_volume", volume(result.pocVolume()));
        h.put("value_area_high", price(result.vahRow()));
        h.put("value_area_low", price(result.valRow()));
        if (!Double.isNaN(result.profileStrength())) {
            h.put("profile_strength", PythonFloatFormat.repr(result.profileStrength()));
        }
    }

    private String distributionJson() {
        final StringBuilder json = new StringBuilder(16 + 24 * session.rowsWithVolume()).append('{');
        session.forEachRowWithVolume((row, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(price(row)).append("\":").append(volume(v));
        });
        return json.append('}').toString();
    }

    private String pricesJson(final long[] rows) {
        final StringBuilder json = new StringBuilder(2 + 16 * rows.length).append('[');
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(price(rows[i]));
        }
        return json.append(']').toString();
    }

    private static String timestamp(final long epochMs, final ZoneId zone) {
        final ZonedDateTime time = Instant.ofEpochMilli(epochMs).atZone(zone);
        final int millis = (int) Math.floorMod(epochMs, 1000L);
        final StringBuilder text = new StringBuilder(32).append(SECONDS.format(time));
        if (millis != 0) {
            text.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
        }
        return text.append(OFFSET.format(time)).toString();
    }
}
