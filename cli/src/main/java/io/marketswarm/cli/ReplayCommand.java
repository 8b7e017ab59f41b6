package io.marketswarm.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.marketswarm.engines.orderflow.GridJsonWriter;
import io.marketswarm.runtime.orderflow.OrderFlowRuntime;
import io.marketswarm.runtime.orderflow.OrderFlowSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: runs a day of order flow through the ring and writes every emitted grid as JSON lines.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replay a day of MBO order flow through the L3 book and the 101-bucket pressure/vacuum grid, as fast as",
        "the machine allows, and write one JSON object per emitted grid (the original's replay schema) to",
        "--output (default stdout). With --start-time the book is bootstrapped (and cached) up to 30 minutes",
        "before it, the grid warms up for 30 minutes, and grids are emitted from the start time on.",
        "With --journal DIR and --dbn/--lake, every inbound record is also appended to a Chronicle Queue",
        "journal; with --journal DIR alone, that journal is replayed (byte-identical output).",
        "Progress goes to stderr on a terminal; a summary is always printed to stderr at the end.",
    },
    footer = {
        "",
        "Examples:",
        "  java -jar target/marketswarm.jar replay --product-type future_mbo --symbol MNQH6 --dt 2026-02-06 \\",
        "      --dbn target/demo.dbn.zst --output target/demo-grids.jsonl",
        "  java -jar target/marketswarm.jar replay --product-type future_mbo --symbol ESH4 --dt 2023-12-25 \\",
        "      --instrument es.yaml --dbn esh4-glbx-mdp3-20231225.mbo.dbn.zst --start-time 18:30 --throttle-ms 0",
        "  java -jar target/marketswarm.jar replay --product-type future_mbo --dt 2026-02-06 --lake /data/lake \\",
        "      --journal /data/journal/mnq-20260206",
        "  java -jar target/marketswarm.jar replay --product-type future_mbo --dt 2026-02-06 \\",
        "      --journal /data/journal/mnq-20260206 --output replayed.jsonl",
    })
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    private OrderFlowOptions options;

    @Option(names = "--start-time", paramLabel = "HH:MM",
        description = "Emit from this America/New_York time (DST-aware); bootstrap and warm up before it.")
    private String startTime;

    @Option(names = "--throttle-ms", paramLabel = "MS", defaultValue = "25",
        description = "Event-time throttle between emitted grids, ms; 0 emits every event (default: 25).")
    private double throttleMs;

    @Option(names = "--output", paramLabel = "FILE|-", defaultValue = "-",
        description = "Where the JSON lines go (default: stdout).")
    private String output;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "With --dbn/--lake: append every inbound record to this journal. Alone: replay it.")
    private Path journal;

    @Option(names = "--no-cache", description = "Do not read or write the book cache.")
    private boolean noCache;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final boolean fromJournal = journal != null && options.dbn == null && options.lake == null;
        final OrderFlowRuntime runtime = new OrderFlowRuntime(options.context(spec.commandLine(),
            OrderFlowOptions.parseTime(spec.commandLine(), "--start-time", startTime), throttleMs,
            fromJournal ? journal : null, fromJournal ? null : journal, !noCache));
        final OutputStream sink = openOutput();
        final GridJsonWriter json = new GridJsonWriter(sink);
        final ProgressBar progress = ProgressBar.forStderr();
        try {
            runtime.replay(json, progress);
        } finally {
            progress.done();
            try {
                if ("-".equals(output)) {
                    json.flush();
                } else {
                    json.close();
                }
            } finally {
                summary(runtime.summary(), json.lines());
            }
        }
        return 0;
    }

    private OutputStream openOutput() throws IOException {
        if ("-".equals(output)) {
            return System.out;
        }
        final Path path = Path.of(output);
        try {
            return new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        } catch (final NoSuchFileException ex) {
            throw new IOException("--output " + output + ": cannot create the file (no such directory "
                + path.toAbsolutePath().getParent() + ")", ex);
        } catch (final AccessDeniedException ex) {
            throw new IOException("--output " + output + ": cannot create the file (permission denied)", ex);
        } catch (final FileSystemException ex) {
            throw new IOException("--output " + output + ": cannot create the file ("
                + (ex.getReason() != null ? ex.getReason() : ex.getClass().getSimpleName()) + ")", ex);
        }
    }

    private void summary(final OrderFlowSummary p, final long lines) {
        final double seconds = p.elapsedNanos() / 1e9;
        final PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "replay %s: %,d records read%s; filtered %,d (symbol %,d, session window %,d, "
                + "null price %,d, before warmup %,d); processed %,d (book-only %,d%s, full %,d); %,d grids "
                + "emitted; %.2f s, %,.0f events/s%s%n", p.sourceName(), p.recordsIn(),
            p.runs() > 1 ? " in " + p.runs() + " runs" : "", p.filtered(), p.droppedSymbol(), p.droppedWindow(),
            p.droppedNullPrice(), p.droppedBeforeWarmup(), p.bookOnly() + p.fullPath(), p.bookOnly(),
            p.restoredFromCache() ? " from cache" : "", p.fullPath(), lines, seconds,
            p.recordsIn() / Math.max(seconds, 1e-9), p.failure() != null ? "; FAILED (see the error below)" : "");
        if (p.cache() != null) {
            final String rejection = p.cache().lastRejection();
            err.printf(Locale.ROOT, "book cache %s: %s%n", p.cache().file(), p.restoredFromCache() ? "hit"
                : rejection != null ? "rejected (" + rejection + "), rebuilt" : "built");
        }
        if (p.journal() != null) {
            err.printf(Locale.ROOT, "journal %s: %,d records appended%n", p.journal().directory(),
                p.journal().records());
        }
        err.flush();
    }
}
