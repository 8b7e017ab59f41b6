package io.marketswarm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentConfigLoaderTest {

    static final String SHIPPED = String.join("\n",
        "product_type: future_mbo",
        "symbol: MNQH6",
        "symbol_root: MNQ",
        "price_scale: 1.0e-9",
        "tick_size: 0.25",
        "bucket_size_dollars: 0.25",
        "rel_tick_size: 0.25",
        "grid_max_ticks: 400",
        "contract_multiplier: 2.0",
        "qty_unit: contracts",
        "price_decimals: 2",
        "");

    @TempDir
    Path dir;

    @Test
    void shouldHashShippedConfigToOriginalVersion() {
        final InstrumentConfig config = InstrumentConfigLoader.parse(SHIPPED, "test");
        assertEquals("bucket_size_dollars=0.25|contract_multiplier=2.0|grid_max_ticks=400|price_decimals=2"
            + "|price_scale=1e-09|product_type=future_mbo|qty_unit=contracts|rel_tick_size=0.25|symbol=MNQH6"
            + "|symbol_root=MNQ|tick_size=0.25", config.canonicalString());
        assertEquals("e9c7ca0145bc", config.configVersion());
        assertEquals("e9c7ca0145bc:k50", config.wireConfigVersion());
        assertEquals(250_000_000L, config.tickInt());
    }

    @Test
    void shouldHashTheRepositoryInstrumentYaml() {
        final Path shipped = Path.of("..", "instrument.yaml");
        assertEquals("e9c7ca0145bc", InstrumentConfigLoader.load(shipped).configVersion());
    }

    @Test
    void shouldSendTheConfigVersionWithTheCanonicalGridOnTheWire() {
        assertEquals("e9c7ca0145bc:k50", InstrumentConfigLoader.parse(SHIPPED, "test").wireConfigVersion());
    }

    @Test
    void shouldCoerceStringsAndNumbersAsTheOriginal() {
        final InstrumentConfig config = InstrumentConfigLoader.parse(SHIPPED
            .replace("tick_size: 0.25", "tick_size: '0.25'")
            .replace("grid_max_ticks: 400", "grid_max_ticks: '400'")
            .replace("contract_multiplier: 2.0", "contract_multiplier: 2")
            .replace("symbol: MNQH6", "symbol: '  MNQH6  '"), "test");
        assertEquals("e9c7ca0145bc", config.configVersion());
    }

    @Test
    void shouldListEveryMissingFieldInOneError() {
        final String yaml = "product_type: future_mbo\nsymbol_root: MNQ\nprice_scale: 1.0e-9\nrel_tick_size: 0.25\n"
            + "contract_multiplier: 2.0\nqty_unit: contracts\nprice_decimals: 2\n";
        final InstrumentConfigException ex = assertThrows(InstrumentConfigException.class,
            () -> InstrumentConfigLoader.parse(yaml, "cfg.yaml"));
        assertTrue(ex.getMessage().contains("Single-instrument config missing required fields: "
            + "['symbol', 'tick_size', 'bucket_size_dollars', 'grid_max_ticks']"), ex.getMessage());
        assertTrue(ex.getMessage().contains("cfg.yaml"), ex.getMessage());
    }

    @Test
    void shouldNameEveryBadField() {
        final String yaml = SHIPPED
            .replace("product_type: future_mbo", "product_type: option_chain")
            .replace("symbol: MNQH6", "symbol: ''")
            .replace("tick_size: 0.25", "tick_size: 0")
            .replace("bucket_size_dollars: 0.25", "bucket_size_dollars: -1")
            .replace("grid_max_ticks: 400", "grid_max_ticks: 0")
            .replace("price_decimals: 2", "price_decimals: two")
            .replace("price_scale: 1.0e-9", "price_scale: tiny");
        final String message = assertThrows(InstrumentConfigException.class,
            () -> InstrumentConfigLoader.parse(yaml, "bad.yaml")).getMessage();
        for (final String field : new String[] {"product_type", "symbol:", "tick_size", "bucket_size_dollars",
            "grid_max_ticks", "price_decimals", "price_scale"}) {
            assertTrue(message.contains(field), field + " missing from: " + message);
        }
    }

    @Test
    void shouldRejectANonMapping() {
        final String message = assertThrows(InstrumentConfigException.class,
            () -> InstrumentConfigLoader.parse("- a\n- b\n", "list.yaml")).getMessage();
        assertTrue(message.contains("Invalid single-instrument config format"), message);
    }

    @Test
    void shouldRejectMalformedYaml() {
        final String message = assertThrows(InstrumentConfigException.class,
            () -> InstrumentConfigLoader.parse("symbol: [unclosed\n", "broken.yaml")).getMessage();
        assertTrue(message.contains("Invalid single-instrument config format in broken.yaml"), message);
    }

    @Test
    void shouldRejectUnsafeYamlTags() {
        final String yaml = SHIPPED + "extra: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n";
        assertThrows(InstrumentConfigException.class, () -> InstrumentConfigLoader.parse(yaml, "evil.yaml"));
    }

    @Test
    void shouldFailGridBelowCanonicalKWithOriginalMessage() {
        final InstrumentConfig config = InstrumentConfigLoader.parse(SHIPPED.replace("grid_max_ticks: 400",
            "grid_max_ticks: 20"), "test");
        final String message = assertThrows(InstrumentConfigException.class, config::wireConfigVersion).getMessage();
        assertEquals("default canonical grid K=50 exceeds configured max 20 for future_mbo/MNQH6", message);
    }

    @Test
    void shouldUseBucketSizeForEquities() {
        final InstrumentConfig config = InstrumentConfigLoader.parse(SHIPPED
            .replace("product_type: future_mbo", "product_type: equity_mbo")
            .replace("bucket_size_dollars: 0.25", "bucket_size_dollars: 0.05"), "test");
        assertEquals(50_000_000L, config.tickInt());
    }

    @Test
    void shouldPreferExplicitPathThenEnvironmentThenWorkingDirectory() throws IOException {
        final Path explicit = write("explicit.yaml", SHIPPED.replace("MNQH6", "MNQM6"));
        final Path fromEnv = write("env.yaml", SHIPPED.replace("MNQH6", "MNQU6"));
        write("instrument.yaml", SHIPPED);
        final Map<String, String> env = Map.of(InstrumentConfigLoader.ENV_PATH, "  " + fromEnv + "  ");
        assertEquals("MNQM6", InstrumentConfigLoader.resolve(explicit.toString(), env, dir, null).symbol());
        assertEquals("MNQU6", InstrumentConfigLoader.resolve(null, env, dir, null).symbol());
        assertEquals("MNQH6", InstrumentConfigLoader.resolve(null, Map.of(InstrumentConfigLoader.ENV_PATH, " "), dir,
            null).symbol());
    }

    @Test
    void shouldExpandHomeInEnvironmentPath() throws IOException {
        write("home.yaml", SHIPPED);
        final Map<String, String> env = Map.of(InstrumentConfigLoader.ENV_PATH, "~/home.yaml", "HOME", dir.toString());
        assertEquals("MNQH6", InstrumentConfigLoader.resolve(null, env, dir.resolve("elsewhere"), null).symbol());
    }

    @Test
    void shouldNameExpectedPathAndOverrideWhenFileMissing() {
        final Map<String, String> env = Map.of(InstrumentConfigLoader.ENV_PATH, dir.resolve("nope.yaml").toString());
        final String message = assertThrows(InstrumentConfigException.class,
            () -> InstrumentConfigLoader.resolve(null, env, dir, null)).getMessage();
        assertTrue(message.contains(dir.resolve("nope.yaml").toString()), message);
        assertTrue(message.contains(InstrumentConfigLoader.ENV_PATH), message);
    }

    @Test
    void shouldFallBackToBundledCopyOnlyWithoutLocalFile() {
        final InstrumentConfigLoader.BundledConfig bundled = new InstrumentConfigLoader.BundledConfig() {
            @Override
            public String name() {
                return "bundled";
            }

            @Override
            public String text() {
                return SHIPPED;
            }
        };
        final InstrumentConfig config = InstrumentConfigLoader.resolve(null, Map.of(), dir, bundled);
        assertEquals("bundled", config.source());
    }

    @Test
    void shouldRejectOtherInstrumentWithOriginalLockMessage() {
        final InstrumentConfig config = InstrumentConfigLoader.parse(SHIPPED, "/etc/ms/instrument.yaml");
        InstrumentLock.check(config, " future_mbo ", "MNQH6");
        final String message = assertThrows(InstrumentConfigException.class,
            () -> InstrumentLock.check(config, "future_mbo", "ESH6")).getMessage();
        assertEquals("Requested instrument does not match locked single-instrument runtime config.\n"
            + "Requested: future_mbo:ESH6\n"
            + "Locked:    future_mbo:MNQH6\n"
            + "Config:    /etc/ms/instrument.yaml", message);
        assertTrue(message.contains("does not match locked single-instrument"));
    }

    private Path write(final String name, final String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
