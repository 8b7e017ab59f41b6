package io.marketswarm.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code marketswarm.jar}. Switches Chronicle's analytics off before any Chronicle class loads and,
 * unless the user set it, Agrona's buffer bounds checks (the production setting of Aeron; every offset the engines
 * use is computed from validated indices, and the test suite runs with the checks on), then dispatches to the
 * subcommands. Exit codes: 0 success, 1 runtime failure (bad input, I/O), 2 usage error.
 */
@Command(
    name = "marketswarm",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
        "MarketSwarm Engine: low-latency market-data event processor for 0DTE index options and index futures.",
        "",
        "Reads Databento MBO files (DBN v1-v3, plain or .zst), generates realistic synthetic sessions,",
        "validates the single-instrument config (instrument.yaml), and builds the long-horizon volume profile",
        "from Massive minute bars (volume-profile).",
    },
    footer = {
        "",
        "Examples:",
        "  java -jar target/marketswarm.jar synth mbo --events 1000000 --out target/demo.dbn.zst",
        "  java -jar target/marketswarm.jar dbn stats target/demo.dbn.zst",
        "  java -jar target/marketswarm.jar dbn dump target/demo.dbn.zst --limit 5 --pretty-px --pretty-ts",
        "  java -jar target/marketswarm.jar config show",
        "  java -jar target/marketswarm.jar volume-profile backfill --ticker SPY --summary",
        "",
        "Run 'java -jar target/marketswarm.jar COMMAND --help' for a command's options and examples.",
    },
    subcommands = {ServeCommand.class, ReplayCommand.class, WarmCacheCommand.class, VolumeProfileCommand.class,
        DbnCommand.class, SynthCommand.class, BenchCommand.class,
        ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * @param args command line.
     */
    public static void main(final String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs a command line without exiting the JVM (tests use this).
     *
     * @param args command line.
     * @param out  where help and usage go.
     * @param err  where errors go.
     * @return the exit code.
     */
    public static int run(final String[] args, final PrintWriter out, final PrintWriter err) {
        System.setProperty("chronicle.analytics.disable", "true");
        if (System.getProperty("agrona.disable.bounds.checks") == null) {
            System.setProperty("agrona.disable.bounds.checks", "true");
        }
        final CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (ex.getMessage() != null ? ex.getMessage() : ex.toString()));
            if (Boolean.getBoolean("marketswarm.stacktrace")) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reports the jar's implementation version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            final String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"marketswarm " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
