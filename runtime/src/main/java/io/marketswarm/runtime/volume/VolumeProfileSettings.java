package io.marketswarm.runtime.volume;

import io.marketswarm.store.VolumeProfileKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.marketswarm.engines.volume.PocTie;
import io.marketswarm.engines.volume.SessionProfileConfig;
import io.marketswarm.engines.volume.ValueAreaMode;
import io.marketswarm.engines.volume.ValueAreaTie;

/**
 * Volume-profile settings from the optional runtime config file ({@code --config FILE}, env
 * {@code MARKETSWARM_CONFIG}, else {@code ./marketswarm.yaml} when it exists; no file means every default):
 *
 * <pre>
 * volumeProfile:
 *   multiplier: {SPY: 10, QQQ: 4}      # spec §1; recorded in every model
 *   legacySymbol: SPX                  # whose model is mirrored to massive:volume_profile
 *   tickers: [SPY]                     # models the live updater maintains
 *   session: {rowSize: 0.01, priceDecimals: 2, vaPercent: 0.70, vaMode: SINGLE, vaTie: UP, pocTie: CENTER,
 *             hvnWindow: 2, maxLevels: 3, ttlSeconds: 86400}   # each also accepted as volumeProfile.&lt;key&gt;
 * schedules:
 *   enable_volume_profile: false       # first in precedence
 *   volume_profile: 60                 # live update period, seconds
 * workflow:
 *   volume_profile: {enabled: false, system_key: massive:volume_profile}
 * </pre>
 *
 * Enabled is, in precedence order (spec §6): {@code schedules.enable_volume_profile}, env
 * {@code ENABLE_VOLUME_PROFILE=true}, {@code workflow.volume_profile.enabled}; default off.
 *
 * <p>Bad values fail with {@link IllegalArgumentException} naming the file and the key. Immutable.
 */
public final class VolumeProfileSettings {

    /** Session-profile keys, read under {@code volumeProfile} (the spec's names) or {@code volumeProfile.session}. */
    private static final List<String> SESSION_KEYS = List.of("rowSize", "priceDecimals", "vaPercent", "vaMode",
        "vaTie", "pocTie", "hvnWindow", "hvnMinPocFraction", "maxLevels", "ttlSeconds");

    /** Env variable naming the config file. */
    public static final String CONFIG_ENV = "MARKETSWARM_CONFIG";

    private final String origin;
    private final Map<VolumeTicker, Double> multipliers;
    private final String legacySymbol;
    private final List<VolumeTicker> tickers;
    private final boolean enabled;
    private final String enabledBy;
    private final long intervalSeconds;
    private final String systemKey;
    private final double rowSize;
    private final int priceDecimals;
    private final SessionProfileConfig sessionConfig;
    private final long sessionTtlSeconds;

    private VolumeProfileSettings(final String origin, final Map<String, Object> root, final Map<String, String> env) {
        this.origin = origin;
        final Map<String, Object> volume = section(root, "volumeProfile");
        final Map<VolumeTicker, Double> m = new EnumMap<>(VolumeTicker.class);
        for (final Map.Entry<String, Object> e : section(volume, "multiplier").entrySet()) {
            final VolumeTicker ticker;
            try {
                ticker = VolumeTicker.parse(e.getKey());
            } catch (final IllegalArgumentException ex) {
                throw bad("volumeProfile.multiplier." + e.getKey(), ex.getMessage());
            }
            m.put(ticker, positive("volumeProfile.multiplier." + e.getKey(), e.getValue()));
        }
        this.multipliers = Collections.unmodifiableMap(m);
        this.legacySymbol = text(volume, "legacySymbol", "SPX").toUpperCase(Locale.ROOT);
        final Object tickerList = volume.get("tickers");
        final List<VolumeTicker> list = new ArrayList<>();
        if (tickerList == null) {
            list.add(VolumeTicker.SPY);
        } else if (tickerList instanceof List<?> items) {
            for (final Object item : items) {
                try {
                    list.add(VolumeTicker.parse(String.valueOf(item)));
                } catch (final IllegalArgumentException ex) {
                    throw bad("volumeProfile.tickers", ex.getMessage());
                }
            }
        } else {
            throw bad("volumeProfile.tickers", "must be a list such as [SPY, QQQ]");
        }
        this.tickers = List.copyOf(list);
        final Map<String, Object> schedules = section(root, "schedules");
        final Map<String, Object> workflowVp = section(section(root, "workflow"), "volume_profile");
        if (schedules.get("enable_volume_profile") != null) {
            this.enabled = bool("schedules.enable_volume_profile", schedules.get("enable_volume_profile"));
            this.enabledBy = "schedules.enable_volume_profile in " + origin;
        } else if (env.get("ENABLE_VOLUME_PROFILE") != null && !env.get("ENABLE_VOLUME_PROFILE").isBlank()) {
            this.enabled = "true".equalsIgnoreCase(env.get("ENABLE_VOLUME_PROFILE").strip());
            this.enabledBy = "env ENABLE_VOLUME_PROFILE";
        } else if (workflowVp.get("enabled") != null) {
            this.enabled = bool("workflow.volume_profile.enabled", workflowVp.get("enabled"));
            this.enabledBy = "workflow.volume_profile.enabled in " + origin;
        } else {
            this.enabled = false;
            this.enabledBy = "default";
        }
        this.intervalSeconds = (long) positive("schedules.volume_profile",
            schedules.getOrDefault("volume_profile", 60));
        this.systemKey = text(workflowVp, "system_key", VolumeProfileKeys.LEGACY_MODEL_KEY);
        final Map<String, Object> session = new java.util.HashMap<>(section(volume, "session"));
        for (final String key : SESSION_KEYS) {
            if (volume.containsKey(key)) {
                session.put(key, volume.get(key));
            }
        }
        this.rowSize = positive("volumeProfile.session.rowSize", session.getOrDefault("rowSize", 0.01));
        this.priceDecimals = (int) nonNegative("volumeProfile.session.priceDecimals",
            session.getOrDefault("priceDecimals", 2));
        try {
            this.sessionConfig = new SessionProfileConfig(
                positive("volumeProfile.session.vaPercent", session.getOrDefault("vaPercent", 0.70)),
                ValueAreaMode.valueOf(text(session, "vaMode", "SINGLE").toUpperCase(Locale.ROOT)),
                ValueAreaTie.valueOf(text(session, "vaTie", "UP").toUpperCase(Locale.ROOT)),
                PocTie.valueOf(text(session, "pocTie", "CENTER").toUpperCase(Locale.ROOT)),
                (int) positive("volumeProfile.session.hvnWindow", session.getOrDefault("hvnWindow", 2)),
                nonNegative("volumeProfile.session.hvnMinPocFraction", session.getOrDefault("hvnMinPocFraction", 0)),
                (int) nonNegative("volumeProfile.session.maxLevels", session.getOrDefault("maxLevels", 3)));
        } catch (final IllegalArgumentException ex) {
            throw bad("volumeProfile.session", ex.getMessage()
                + " (vaMode SINGLE|DUAL, vaTie UP|DOWN, pocTie CENTER|LOWEST, vaPercent in (0, 1])");
        }
        this.sessionTtlSeconds = (long) nonNegative("volumeProfile.session.ttlSeconds",
            session.getOrDefault("ttlSeconds", 86_400));
    }

    /** @return every default (no file), with the enablement env variable honoured. */
    public static VolumeProfileSettings defaults(final Map<String, String> env) {
        return new VolumeProfileSettings("defaults", Map.of(), env);
    }

    /**
     * Loads the settings.
     *
     * @param explicit {@code --config} value or {@code null}.
     * @param env      the environment.
     * @throws IOException              if a named file cannot be read.
     * @throws IllegalArgumentException if it holds a bad value (named).
     */
    public static VolumeProfileSettings load(final Path explicit, final Map<String, String> env) throws IOException {
        Path file = explicit;
        if (file == null && env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank()) {
            file = Path.of(env.get(CONFIG_ENV).strip().replaceFirst("^~", System.getProperty("user.home")));
        }
        if (file == null) {
            final Path local = Path.of("marketswarm.yaml");
            if (!Files.isRegularFile(local)) {
                return defaults(env);
            }
            file = local;
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("config file " + file + " does not exist");
        }
        final Object doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (final RuntimeException ex) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + ex.getMessage(), ex);
        }
        if (doc != null && !(doc instanceof Map)) {
            throw new IllegalArgumentException(file + ": the top level must be a mapping");
        }
        @SuppressWarnings("unchecked")
        final Map<String, Object> root = doc == null ? Map.of() : (Map<String, Object>) doc;
        return new VolumeProfileSettings(file.toString(), root, env);
    }

    /** @return the multiplier from the config file for {@code ticker}, or {@code null}. */
    public Double configuredMultiplier(final VolumeTicker ticker) {
        return multipliers.get(ticker);
    }

    /** @return synthetic symbol mirrored to the legacy key. */
    public String legacySymbol() {
        return legacySymbol;
    }

    /** @return tickers whose models the live updater maintains. */
    public List<VolumeTicker> tickers() {
        return tickers;
    }

    /** @return whether the volume profile (startup guard and live updater) is enabled. */
    public boolean enabled() {
        return enabled;
    }

    /** @return which setting decided {@link #enabled()}, for logs. */
    public String enabledBy() {
        return enabledBy;
    }

    /** @return live update period in seconds. */
    public long intervalSeconds() {
        return intervalSeconds;
    }

    /** @return the key the startup guard checks on system-redis. */
    public String systemKey() {
        return systemKey;
    }

    /** @return session profile row size in price units. */
    public double rowSize() {
        return rowSize;
    }

    /** @return decimals of prices in the session hashes. */
    public int priceDecimals() {
        return priceDecimals;
    }

    /** @return value-area, POC and HVN/LVN rules of session profiles. */
    public SessionProfileConfig sessionConfig() {
        return sessionConfig;
    }

    /** @return TTL of the session hashes, seconds (0 = none). */
    public long sessionTtlSeconds() {
        return sessionTtlSeconds;
    }

    /** @return the file the settings came from, or {@code defaults}. */
    public String origin() {
        return origin;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(final Map<String, Object> parent, final String key) {
        final Object value = parent.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw bad(key, "must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    private String text(final Map<String, Object> map, final String key, final String fallback) {
        final Object value = map.get(key);
        return value == null ? fallback : String.valueOf(value).strip();
    }

    private double positive(final String key, final Object value) {
        final double d = number(key, value);
        if (!(d > 0.0) || Double.isInfinite(d)) {
            throw bad(key, "must be a positive number, got " + value);
        }
        return d;
    }

    private double nonNegative(final String key, final Object value) {
        final double d = number(key, value);
        if (!(d >= 0.0) || Double.isInfinite(d)) {
            throw bad(key, "must be a number >= 0, got " + value);
        }
        return d;
    }

    private double number(final String key, final Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(String.valueOf(value).strip());
        } catch (final NumberFormatException ex) {
            throw bad(key, "must be a number, got '" + value + "'");
        }
    }

    private boolean bool(final String key, final Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        final String s = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw bad(key, "must be true or false, got '" + value + "'");
    }

    private IllegalArgumentException bad(final String key, final String what) {
        return new IllegalArgumentException(origin + ": " + key + " " + what);
    }
}
