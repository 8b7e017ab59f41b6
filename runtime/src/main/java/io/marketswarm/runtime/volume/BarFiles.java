package io.marketswarm.runtime.volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.marketswarm.feeds.massive.BarSink;
import io.marketswarm.feeds.massive.SavedAggregatesFiles;

/**
 * Bars from local files ({@code --from-file}): saved Massive aggregates pages ({@code *.json} or directories of
 * them), or DBN {@code ohlcv-1m} files ({@code .dbn}, {@code .dbn.zst}). One kind per run. Saved pages naming a
 * different ticker than the backfill's are refused.
 */
public final class BarFiles implements BarFeed {

    private final List<Path> paths;
    private final VolumeTicker ticker;
    private final String dbnSymbol;

    /**
     * @param paths     files and directories.
     * @param ticker    the backfill's ticker.
     * @param dbnSymbol instrument to take from a multi-instrument DBN file, or {@code null}.
     */
    public BarFiles(final List<Path> paths, final VolumeTicker ticker, final String dbnSymbol) {
        this.paths = List.copyOf(paths);
        this.ticker = ticker;
        this.dbnSymbol = dbnSymbol;
    }

    @Override
    public long run(final BarSink sink) throws Exception {
        final List<Path> dbn = new ArrayList<>();
        for (final Path p : paths) {
            final String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".dbn") || name.endsWith(".dbn.zst")) {
                dbn.add(p);
            }
        }
        if (!dbn.isEmpty() && dbn.size() != paths.size()) {
            throw new IllegalArgumentException("--from-file: give saved aggregates pages or DBN files, not both");
        }
        if (!dbn.isEmpty()) {
            return DbnBarFiles.read(dbn, dbnSymbol, sink);
        }
        final SavedAggregatesFiles.Summary summary = new SavedAggregatesFiles().read(paths, sink);
        if (summary.ticker() != null && !summary.ticker().equalsIgnoreCase(ticker.name())) {
            throw new IllegalArgumentException("--from-file: the saved pages are for ticker " + summary.ticker()
                + ", not " + ticker);
        }
        return summary.bars();
    }

    @Override
    public String describe() {
        return "local files " + paths;
    }
}
