package io.marketswarm.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code marketswarm.jar}. Switches Chronicle's analytics off before any Chronicle class loads and,
 * unless the user set it, Agrona's buffer bounds checks (the production setting of Aeron; every offset the engines
 * use is computed from validated indices, and the test suite runs with the checks on), then dispatches to the
 * subcommands (only the named one is built, which keeps start-up short). Exit codes: 0 success, 1 runtime failure
 * (bad input, I/O), 2 usage error.
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
    })
public final class Main implements Runnable {

    /** Every command, by name, in the order help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();

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
        final CommandLine cli = commandLine(args.length > 0 ? args[0] : null);
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

    /**
     * @param first the command line's first word, or {@code null}.
     * @return the command line with only that command when it names one, else with every command (help, an unknown
     *         word: picocli then lists them or suggests one).
     */
    static CommandLine commandLine(final String first) {
        final CommandLine cli = new CommandLine(new Main());
        final Class<?> only = first != null && !"help".equals(first) ? COMMANDS.get(first) : null;
        for (final Map.Entry<String, Class<?>> command : COMMANDS.entrySet()) {
            if (only == null || only == command.getValue()) {
                cli.addSubcommand(command.getKey(), command.getValue());
            }
        }
        return cli;
    }

    /**
     * The commands. A command line that names one builds only that command's model: picocli reflects over every
     * option of every registered command, which is most of a short command's start-up time.
     */
    private static Map<String, Class<?>> commands() {
        final Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("serve", ServeCommand.class);
        commands.put("replay", ReplayCommand.class);
        commands.put("warm-cache", WarmCacheCommand.class);
        commands.put("volume-profile", VolumeProfileCommand.class);
        commands.put("dbn", DbnCommand.class);
        commands.put("synth", SynthCommand.class);
        commands.put("bench", BenchCommand.class);
        commands.put("config", ConfigCommand.class);
        commands.put("help", CommandLine.HelpCommand.class);
        return commands;
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
