package io.marketswarm.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnDumper;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dbn dump} and {@code dbn stats}: inspect Databento DBN files.
 */
@Command(
    name = "dbn",
    description = "Inspect Databento DBN files (versions 1-3, plain or zstd, detected by content).",
    subcommands = {DbnCommand.Dump.class, DbnCommand.Stats.class},
    mixinStandardHelpOptions = true)
final class DbnCommand {

    static DbnReader open(final String file) throws IOException {
        if (file.equals("-")) {
            return DbnReader.open(System.in, "stdin");
        }
        return DbnReader.open(Path.of(file));
    }

    /** {@code dbn dump}. */
    @Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Print one JSON object per record on stdout, byte-identical to Databento's JSON text form",
            "(ts_recv, hd, then fields in text order; 64-bit integers as strings). Renders mbo, trades and",
            "ohlcv records; other record types are counted on stderr. A truncated or corrupt file prints every",
            "record before the fault, then exits 1 with the file and byte offset on stderr.",
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/marketswarm.jar dbn dump data/esh4.mbo.dbn.zst --limit 3",
            "  java -jar target/marketswarm.jar dbn dump session.dbn --pretty-px --pretty-ts | jq .price",
            "  java -jar target/marketswarm.jar dbn dump session.dbn.zst --metadata",
            "  zstd -dc session.dbn.zst | java -jar target/marketswarm.jar dbn dump -",
        })
    static final class Dump implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "DBN file (.dbn or .dbn.zst), or - for stdin.")
        private String file;

        @Option(names = "--limit", paramLabel = "N",
            description = "Print at most N records, N >= 0 (default: every record).")
        private Long limit;

        @Option(names = "--pretty-px", description = "Prices as decimals (\"3722.750000000\"; undefined: null).")
        private boolean prettyPx;

        @Option(names = "--pretty-ts", description = "Timestamps as ISO 8601 UTC with nanoseconds.")
        private boolean prettyTs;

        @Option(names = "--metadata", description = "Print the metadata object instead of the records.")
        private boolean metadata;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (limit != null && limit < 0) {
                throw new ParameterException(spec.commandLine(), "--limit " + limit + ": a record count must be 0 or "
                    + "more; omit --limit to print every record");
            }
            final OutputStream out = System.out;
            final DbnDumper dumper = new DbnDumper();
            try (DbnReader reader = open(file)) {
                if (metadata) {
                    dumper.dumpMetadata(reader, out, prettyTs);
                    return 0;
                }
                dumper.dumpRecords(reader, out, limit == null ? -1 : limit, prettyPx, prettyTs);
            } finally {
                if (out instanceof PrintStream && ((PrintStream)out).checkError()) {
                    spec.commandLine().getErr().println("warning: stdout closed early");
                }
            }
            if (dumper.skipped() > 0) {
                final PrintWriter err = spec.commandLine().getErr();
                err.println("note: " + dumper.skipped() + " records of types other than mbo, trades and ohlcv "
                    + "were not printed");
                err.flush();
            }
            return 0;
        }
    }

    /** {@code dbn stats}. */
    @Command(
        name = "stats",
        mixinStandardHelpOptions = true,
        description = {
            "Decode a whole file and summarise it: metadata, record counts by type and MBO action, snapshot",
            "records, instruments, time range, and the decode rate (records/s).",
        },
        footer = {
            "",
            "Examples:",
            "  java -jar target/marketswarm.jar dbn stats target/demo.dbn.zst",
            "  java -jar target/marketswarm.jar dbn stats esh4-glbx-mdp3-20231225.mbo.dbn.zst",
        })
    static final class Stats implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "DBN file (.dbn or .dbn.zst), or - for stdin.")
        private String file;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            final PrintWriter out = spec.commandLine().getOut();
            final long[] byAction = new long[128];
            final long[] byRtype = new long[256];
            long snapshot = 0;
            long last = 0;
            long firstTs = -1;
            long lastTs = -1;
            long minPx = Long.MAX_VALUE;
            long maxPx = Long.MIN_VALUE;
            final org.agrona.collections.LongHashSet instruments = new org.agrona.collections.LongHashSet();
            final long started = System.nanoTime();
            final DbnMetadata metadata;
            final long records;
            final boolean compressed;
            try (DbnReader reader = open(file)) {
                metadata = reader.metadata();
                compressed = reader.compressed();
                final MboFlyweight mbo = reader.mbo();
                while (reader.next()) {
                    final int rtype = reader.rtype();
                    byRtype[rtype]++;
                    if (rtype != DbnConstants.RTYPE_MBO) {
                        continue;
                    }
                    if (reader.recordLength() < 56) {
                        throw new IOException(file + ": impossible MBO record length " + reader.recordLength()
                            + " at byte offset " + reader.recordOffset());
                    }
                    mbo.wrap(reader.buffer(), reader.recordIndex());
                    byAction[mbo.action() & 0x7F]++;
                    final int flags = mbo.flags();
                    snapshot += (flags & DbnConstants.F_SNAPSHOT) != 0 ? 1 : 0;
                    last += (flags & DbnConstants.F_LAST) != 0 ? 1 : 0;
                    instruments.add(mbo.instrumentId());
                    final long ts = mbo.tsRecv();
                    firstTs = firstTs == -1 ? ts : firstTs;
                    lastTs = ts;
                    final long px = mbo.price();
                    if (px != DbnConstants.UNDEF_PRICE && (mbo.action() == 'A' || mbo.action() == 'T')) {
                        minPx = Math.min(minPx, px);
                        maxPx = Math.max(maxPx, px);
                    }
                }
                records = reader.recordCount();
            }
            final double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(Locale.ROOT, "file:        %s (%s, DBN v%d)%n", file, compressed ? "zstd" : "plain",
                metadata.version());
            out.printf(Locale.ROOT, "dataset:     %s  schema: %s  symbols: %s%n", metadata.dataset(),
                DbnConstants.schemaName(metadata.schema()), metadata.symbols());
            out.printf(Locale.ROOT, "mappings:    %s%n", metadata.instrumentSymbols());
            out.printf(Locale.ROOT, "records:     %,d%n", records);
            for (int rtype = 0; rtype < 256; rtype++) {
                if (byRtype[rtype] > 0) {
                    out.printf(Locale.ROOT, "  rtype 0x%02X: %,d%n", rtype, byRtype[rtype]);
                }
            }
            if (byRtype[DbnConstants.RTYPE_MBO] > 0) {
                final StringBuilder actions = new StringBuilder();
                for (final char action : new char[] {'A', 'C', 'M', 'R', 'T', 'F', 'N'}) {
                    actions.append(String.format(Locale.ROOT, " %c=%,d", action, byAction[action]));
                }
                out.println("mbo actions:" + actions);
                out.printf(Locale.ROOT, "flags:       F_SNAPSHOT=%,d F_LAST=%,d%n", snapshot, last);
                out.printf(Locale.ROOT, "instruments: %s%n", instruments);
                out.printf(Locale.ROOT, "ts_recv:     %s .. %s%n", iso(firstTs), iso(lastTs));
                if (minPx <= maxPx) {
                    out.printf(Locale.ROOT, "price range: %.9f .. %.9f (adds and trades)%n", minPx / 1e9,
                        maxPx / 1e9);
                }
            }
            out.printf(Locale.ROOT, "decoded in:  %.3f s (%,.0f records/s, including file open)%n", seconds,
                records / Math.max(seconds, 1e-9));
            out.flush();
            return 0;
        }

        private static String iso(final long epochNanos) {
            if (epochNanos == -1) {
                return "-";
            }
            return java.time.Instant.ofEpochSecond(Long.divideUnsigned(epochNanos, 1_000_000_000L),
                Long.remainderUnsigned(epochNanos, 1_000_000_000L)).toString();
        }
    }
}
