package io.marketswarm.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import io.marketswarm.runtime.orderflow.OrderFlowRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warm-cache}: builds the book cache for a day and start time, and nothing else.
 */
@Command(
    name = "warm-cache",
    mixinStandardHelpOptions = true,
    description = {
        "Build the book cache (the L3 book 30 minutes before --start-time) so a later replay or serve of the",
        "same file, day and start time skips the bootstrap. A cache is keyed by product type, symbol, day,",
        "warmup start and the DBN file's mtime and size; a changed file gets a new cache.",
    },
    footer = {
        "",
        "Examples:",
        "  java -jar target/marketswarm.jar warm-cache --product-type future_mbo --symbol MNQH6 --dt 2026-02-06 \\",
        "      --start-time 09:30 --lake /data/lake",
        "  java -jar target/marketswarm.jar warm-cache --product-type future_mbo --dt 2026-02-06 --start-time 09:30 \\",
        "      --dbn target/demo.dbn.zst --cache-dir target/cache",
    })
final class WarmCacheCommand implements Callable<Integer> {

    @Mixin
    private OrderFlowOptions options;

    @Option(names = "--start-time", required = true, paramLabel = "HH:MM",
        description = "America/New_York start time the cache is for (required).")
    private String startTime;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (options.dbn == null && options.lake == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "warm-cache needs --dbn or --lake");
        }
        final OrderFlowRuntime runtime = new OrderFlowRuntime(options.context(spec.commandLine(),
            OrderFlowOptions.parseTime(spec.commandLine(), "--start-time", startTime), 25, null, null, true));
        spec.commandLine().getOut().println(runtime.warmCache());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
