package io.marketswarm.cli;

import java.nio.file.Path;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentConfigLoader;
import picocli.CommandLine.Option;

/**
 * The {@code --instrument FILE} option shared by every command that needs the instrument config.
 */
final class InstrumentOption {

    @Option(names = "--instrument", paramLabel = "FILE",
        description = "Instrument config (instrument.yaml). Default: $VP_INSTRUMENT_CONFIG_PATH if set, else "
            + "./instrument.yaml, else the copy bundled in the jar.")
    private String path;

    /** @return the validated config; throws with every problem named. */
    InstrumentConfig load() {
        return InstrumentConfigLoader.resolve(path, System.getenv(), Path.of("").toAbsolutePath(),
            InstrumentConfigLoader.BundledConfig.ofResource(InstrumentOption.class, "instrument.yaml"));
    }
}
