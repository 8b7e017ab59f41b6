package io.marketswarm.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Finds, parses (safe YAML: plain mappings, scalars and lists only) and validates {@code instrument.yaml}.
 *
 * <p>Where the file comes from, first match wins: an explicit path ({@code --instrument FILE}), then the environment
 * variable {@value #ENV_PATH} (trimmed, {@code ~} expanded, used when non-empty), then {@code instrument.yaml} in the
 * working directory, then the copy bundled in the jar. An explicit path or environment path that does not exist is an
 * error; nothing falls back silently past it.
 *
 * <p>Coercion follows the original (Python {@code str(v).strip()}, {@code float(v)}, {@code int(v)}). Every missing
 * field is reported in one message, and every bad value after it, one per line.
 */
public final class InstrumentConfigLoader {

    /** Environment variable that overrides the config path. */
    public static final String ENV_PATH = "VP_INSTRUMENT_CONFIG_PATH";
    /** File name looked up in the working directory. */
    public static final String DEFAULT_FILE_NAME = "instrument.yaml";

    private static final String[] REQUIRED_FIELDS = {
        "product_type", "symbol", "symbol_root", "price_scale", "tick_size", "bucket_size_dollars",
        "rel_tick_size", "grid_max_ticks", "contract_multiplier", "qty_unit", "price_decimals",
    };
    private static final Pattern PY_FLOAT = Pattern.compile(
        "[+-]?(?:(?:\\d(?:_?\\d)*)?\\.?\\d(?:_?\\d)*(?:[eE][+-]?\\d(?:_?\\d)*)?|\\d(?:_?\\d)*\\.|inf|infinity|nan)",
        Pattern.CASE_INSENSITIVE);
    private static final Pattern PY_INT = Pattern.compile("[+-]?\\d(?:_?\\d)*");

    private InstrumentConfigLoader() {
    }

    /**
     * Resolves the config path as described in the type doc and loads it.
     *
     * @param explicitPath  the {@code --instrument} option, or {@code null}.
     * @param env           the environment (normally {@link System#getenv()}).
     * @param workDir       the working directory.
     * @param bundledSource the bundled copy to fall back to, or {@code null} for none.
     * @return the validated config.
     * @throws InstrumentConfigException naming the path and every problem.
     */
    public static InstrumentConfig resolve(
        final String explicitPath, final Map<String, String> env, final Path workDir, final BundledConfig bundledSource) {
        if (explicitPath != null && !explicitPath.isBlank()) {
            return load(expandHome(explicitPath.trim(), env));
        }
        final String fromEnv = env.get(ENV_PATH);
        if (fromEnv != null && !fromEnv.trim().isEmpty()) {
            return load(expandHome(fromEnv.trim(), env));
        }
        final Path local = workDir.resolve(DEFAULT_FILE_NAME);
        if (Files.isRegularFile(local) || bundledSource == null) {
            return load(local);
        }
        return parse(bundledSource.text(), bundledSource.name());
    }

    /**
     * Loads and validates one file.
     *
     * @param path the YAML file.
     * @return the validated config.
     * @throws InstrumentConfigException if the file is missing, unreadable, malformed or invalid.
     */
    public static InstrumentConfig load(final Path path) {
        final String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException ex) {
            throw new InstrumentConfigException("Instrument config not found: expected " + path.toAbsolutePath()
                + ". Set " + ENV_PATH + " (or pass --instrument FILE) to use another file.");
        } catch (final IOException ex) {
            throw new InstrumentConfigException("Cannot read instrument config " + path.toAbsolutePath() + ": " + ex,
                ex);
        }
        return parse(text, path.toString());
    }

    /**
     * Parses and validates config text.
     *
     * @param yamlText the YAML document.
     * @param source   where it came from, used in messages and kept in the config.
     * @return the validated config.
     * @throws InstrumentConfigException naming the source and every problem.
     */
    public static InstrumentConfig parse(final String yamlText, final String source) {
        final Object document;
        try (Reader reader = new StringReader(yamlText)) {
            final LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (final YAMLException | IOException ex) {
            throw new InstrumentConfigException("Invalid single-instrument config format in " + source + ": "
                + ex.getMessage(), ex);
        }
        if (!(document instanceof Map)) {
            throw new InstrumentConfigException("Invalid single-instrument config format in " + source
                + ": expected a YAML mapping of the 11 fields, got "
                + (document == null ? "an empty document" : document.getClass().getSimpleName()));
        }
        final Map<?, ?> raw = (Map<?, ?>)document;
        final List<String> missing = new ArrayList<>();
        for (final String field : REQUIRED_FIELDS) {
            if (!raw.containsKey(field)) {
                missing.add("'" + field + "'");
            }
        }
        final List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("Single-instrument config missing required fields: " + missing);
        }
        final Coercion c = new Coercion(raw, problems);
        final String productType = c.string("product_type");
        final String symbol = c.string("symbol");
        final String symbolRoot = c.string("symbol_root");
        final double priceScale = c.floating("price_scale");
        final double tickSize = c.floating("tick_size");
        final double bucketSizeDollars = c.floating("bucket_size_dollars");
        final double relTickSize = c.floating("rel_tick_size");
        final int gridMaxTicks = c.integer("grid_max_ticks");
        final double contractMultiplier = c.floating("contract_multiplier");
        final String qtyUnit = c.string("qty_unit");
        final int priceDecimals = c.integer("price_decimals");

        if (productType != null && !InstrumentConfig.FUTURE_MBO.equals(productType)
            && !InstrumentConfig.EQUITY_MBO.equals(productType)) {
            problems.add("product_type: must be 'future_mbo' or 'equity_mbo', got '" + productType + "'");
        }
        if (symbol != null && symbol.isEmpty()) {
            problems.add("symbol: must be non-empty");
        }
        if (c.present("tick_size") && !(tickSize > 0)) {
            problems.add("tick_size: must be > 0, got " + PythonFloatFormat.repr(tickSize));
        }
        if (c.present("bucket_size_dollars") && !(bucketSizeDollars > 0)) {
            problems.add("bucket_size_dollars: must be > 0, got " + PythonFloatFormat.repr(bucketSizeDollars));
        }
        if (c.present("grid_max_ticks") && gridMaxTicks < 1) {
            problems.add("grid_max_ticks: must be >= 1, got " + gridMaxTicks);
        }
        if (!problems.isEmpty()) {
            throw new InstrumentConfigException("Invalid single-instrument config " + source + ":\n  "
                + String.join("\n  ", problems));
        }
        return new InstrumentConfig(source, productType, symbol, symbolRoot, priceScale, tickSize, bucketSizeDollars,
            relTickSize, gridMaxTicks, contractMultiplier, qtyUnit, priceDecimals);
    }

    private static Path expandHome(final String path, final Map<String, String> env) {
        if (path.equals("~") || path.startsWith("~/")) {
            final String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            return Path.of(home + path.substring(1));
        }
        return Path.of(path);
    }

    /** The config copy shipped inside the jar. */
    public interface BundledConfig {
        /** @return a name for messages, e.g. {@code jar:instrument.yaml}. */
        String name();

        /** @return the YAML text. */
        String text();

        /**
         * A bundled config read from a class-path resource.
         *
         * @param anchor   class whose loader holds the resource.
         * @param resource resource name relative to {@code anchor}.
         * @return the bundled config, or {@code null} when the resource is absent.
         */
        static BundledConfig ofResource(final Class<?> anchor, final String resource) {
            try (InputStream in = anchor.getResourceAsStream(resource)) {
                if (in == null) {
                    return null;
                }
                final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new BundledConfig() {
                    @Override
                    public String name() {
                        return "jar:" + resource + " (bundled default)";
                    }

                    @Override
                    public String text() {
                        return text;
                    }
                };
            } catch (final IOException ex) {
                throw new InstrumentConfigException("Cannot read bundled instrument config " + resource, ex);
            }
        }
    }

    private static final class Coercion {
        private final Map<?, ?> raw;
        private final List<String> problems;

        Coercion(final Map<?, ?> raw, final List<String> problems) {
            this.raw = raw;
            this.problems = problems;
        }

        boolean present(final String field) {
            return raw.get(field) != null;
        }

        String string(final String field) {
            if (!raw.containsKey(field)) {
                return null;
            }
            final Object value = raw.get(field);
            if (value == null) {
                problems.add(field + ": must be a string, got null");
                return null;
            }
            if (value instanceof Map || value instanceof List) {
                problems.add(field + ": must be a string, got a " + (value instanceof Map ? "mapping" : "list"));
                return null;
            }
            if (value instanceof Double) {
                return PythonFloatFormat.repr((Double)value);
            }
            if (value instanceof Boolean) {
                return ((Boolean)value) ? "True" : "False";
            }
            return value.toString().strip();
        }

        double floating(final String field) {
            if (!raw.containsKey(field)) {
                return Double.NaN;
            }
            final Object value = raw.get(field);
            if (value instanceof Boolean) {
                return ((Boolean)value) ? 1.0 : 0.0;
            }
            if (value instanceof Number) {
                return ((Number)value).doubleValue();
            }
            if (value instanceof String) {
                final String text = ((String)value).strip();
                if (PY_FLOAT.matcher(text).matches()) {
                    return parsePythonFloat(text);
                }
            }
            problems.add(field + ": must be a number, got " + describe(value));
            return Double.NaN;
        }

        int integer(final String field) {
            if (!raw.containsKey(field)) {
                return 0;
            }
            final Object value = raw.get(field);
            if (value instanceof Boolean) {
                return ((Boolean)value) ? 1 : 0;
            }
            if (value instanceof Integer || value instanceof Long) {
                final long v = ((Number)value).longValue();
                if (v == (int)v) {
                    return (int)v;
                }
            } else if (value instanceof Double && Double.isFinite((Double)value)) {
                final double truncated = (double)(long)(double)(Double)value;
                if (truncated == (int)truncated) {
                    return (int)truncated;
                }
            } else if (value instanceof String && PY_INT.matcher(((String)value).strip()).matches()) {
                try {
                    return Integer.parseInt(((String)value).strip().replace("_", ""));
                } catch (final NumberFormatException ignored) {
                    problems.add(field + ": integer out of range, got " + describe(value));
                    return 0;
                }
            }
            problems.add(field + ": must be an integer, got " + describe(value));
            return 0;
        }

        private static double parsePythonFloat(final String text) {
            final String lower = text.toLowerCase(java.util.Locale.ROOT).replace("_", "");
            final boolean negative = lower.startsWith("-");
            final String unsigned = (negative || lower.startsWith("+")) ? lower.substring(1) : lower;
            if (unsigned.equals("inf") || unsigned.equals("infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (unsigned.equals("nan")) {
                return Double.NaN;
            }
            return Double.parseDouble(lower);
        }

        private static String describe(final Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof String) {
                return "'" + value + "'";
            }
            return value.toString();
        }
    }
}
