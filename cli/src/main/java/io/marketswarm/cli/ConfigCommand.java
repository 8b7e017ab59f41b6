package io.marketswarm.cli;

import java.io.PrintWriter;

import io.marketswarm.core.config.InstrumentConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code config show}: validates the instrument config and prints its fields and {@code config_version}.
 */
@Command(
    name = "config",
    description = "Validate and show the single-instrument config.",
    subcommands = ConfigCommand.Show.class,
    mixinStandardHelpOptions = true)
final class ConfigCommand {

    /** {@code config show}. */
    @Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Load instrument.yaml, validate all 11 fields, and print them with config_version,",
            "the wire version (grid K=50) and the bucket width in price units. Exits 1 naming every bad field.",
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/marketswarm.jar config show",
            "  java -jar target/marketswarm.jar config show --instrument configs/es.yaml",
            "  VP_INSTRUMENT_CONFIG_PATH=~/es.yaml java -jar target/marketswarm.jar config show",
        })
    static final class Show implements Runnable {
        @Mixin
        private InstrumentOption instrument;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            final InstrumentConfig config = instrument.load();
            final PrintWriter out = spec.commandLine().getOut();
            out.println("source:              " + config.source());
            out.println("product_type:        " + config.productType());
            out.println("symbol:              " + config.symbol());
            out.println("symbol_root:         " + config.symbolRoot());
            out.println("canonical:           " + config.canonicalString());
            out.println("config_version:      " + config.configVersion());
            out.println("wire config_version: " + config.wireConfigVersion());
            out.println("tick_int:            " + config.tickInt() + " (bucket width in 1e-9 price units)");
            out.flush();
        }
    }
}
