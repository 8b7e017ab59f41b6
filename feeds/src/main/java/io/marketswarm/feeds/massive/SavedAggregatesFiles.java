package io.marketswarm.feeds.massive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads minute bars from saved Massive aggregates pages: files each holding one response body of
 * {@code GET /v2/aggs/ticker/...} (as {@link MassiveAggregatesClient} receives it, or as
 * {@link AggregatesPageWriter} renders it), and gives them to a {@link BarSink} in strictly ascending {@code t}.
 *
 * <p><b>Input.</b> A list of paths, read in order; a directory stands for its {@code *.json} files (not recursive)
 * sorted by file name. Each file is read whole into one reused buffer and parsed by a reused
 * {@link AggregatesPageParser}, so a run allocates per file, not per bar. A missing or {@code null} {@code results}
 * is an empty page.
 *
 * <p><b>Emitted.</b> Bars go to the sink on the calling thread, file by file. Each file is parsed and checked in full
 * before any of its bars is delivered. A bar whose {@code t} equals the last delivered bar's (the same bar in two
 * overlapping pages) is skipped and counted, and counted again as differing when any of its values differs; a bar
 * whose {@code t} is earlier than the last delivered one is an error.
 *
 * <p><b>Errors.</b> {@link BarFileException} naming the file: missing or unreadable, malformed JSON (with the
 * character offset), not an aggregates page ({@code status} other than {@code OK}/{@code DELAYED}, or a
 * {@code resultsCount} that disagrees with the bars), a {@code ticker} other than the earlier files', a directory
 * without {@code *.json} files, or a {@code t} going backwards (with the bar index). Bars of earlier files may
 * already have reached the sink, so a caller must discard them on an exception.
 *
 * <p>Not thread-safe: one instance per thread; it may be reused for any number of reads.
 */
public final class SavedAggregatesFiles {

    /**
     * What a completed {@link #read} delivered.
     *
     * @param files               files read.
     * @param bars                bars given to the sink.
     * @param duplicatesSkipped   bars skipped because their {@code t} was already delivered.
     * @param duplicatesDiffering of those, bars whose values differ from the delivered bar's (the first one wins).
     * @param ticker              the pages' {@code ticker}, or {@code null} if none names one.
     */
    public record Summary(int files, long bars, long duplicatesSkipped, long duplicatesDiffering, String ticker) {
    }

    private static final int MAX_FILE_BYTES = Integer.MAX_VALUE - 16;
    /**
     * Bytes per read call. A heap buffer is filled through a temporary direct buffer of the request's size; slices
     * keep that buffer in cache instead of streaming the whole file through memory twice.
     */
    private static final int READ_SLICE_BYTES = 256 * 1024;

    private final AggregatesPageParser parser = new AggregatesPageParser();
    private byte[] buffer = new byte[1 << 20];

    private long lastT;
    private Path lastFile;
    private double lastOpen;
    private double lastHigh;
    private double lastLow;
    private double lastClose;
    private double lastVolume;
    private double lastVwap;
    private long lastTrades;

    /**
     * Expands directories into their {@code *.json} files sorted by name; other paths are kept as given.
     *
     * @param paths files and directories, in reading order.
     * @return the files to read.
     * @throws BarFileException if a path does not exist, or a directory holds no {@code *.json} file.
     */
    public static List<Path> expand(final List<Path> paths) throws BarFileException {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths) {
            if (Files.isDirectory(path)) {
                final List<Path> inDir = new ArrayList<>();
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(path, "*.json")) {
                    for (final Path file : stream) {
                        if (!Files.isDirectory(file)) {
                            inDir.add(file);
                        }
                    }
                } catch (final IOException ex) {
                    throw new BarFileException(path, BarFileException.NO_BAR, "cannot list the directory: " + ex, ex);
                }
                if (inDir.isEmpty()) {
                    throw new BarFileException(path, BarFileException.NO_BAR, "directory holds no *.json file", null);
                }
                inDir.sort(Comparator.comparing(p -> p.getFileName().toString()));
                files.addAll(inDir);
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw new BarFileException(path, BarFileException.NO_BAR, "no such file or directory", null);
            }
        }
        return files;
    }

    /**
     * Reads every page and gives its bars to {@code sink}, oldest first.
     *
     * @param paths files and directories (see {@link #expand}), at least one.
     * @param sink  receives each bar on this thread.
     * @return files read, bars delivered and duplicates skipped.
     * @throws BarFileException         naming the file (and bar) at fault; see the type documentation.
     * @throws IllegalArgumentException if {@code paths} is empty or {@code sink} is {@code null}.
     */
    public Summary read(final List<Path> paths, final BarSink sink) throws BarFileException {
        if (paths == null || paths.isEmpty()) {
            throw new IllegalArgumentException("paths is empty: name at least one file or directory");
        }
        if (sink == null) {
            throw new IllegalArgumentException("sink is missing");
        }
        final List<Path> files = expand(paths);
        lastT = Long.MIN_VALUE;
        lastFile = null;
        long bars = 0;
        long duplicates = 0;
        long differing = 0;
        String ticker = null;
        Path tickerFile = null;
        for (final Path file : files) {
            final int length = load(file);
            try {
                parser.parseFile(buffer, length, file.toString());
            } catch (final MassiveApiException ex) {
                throw new BarFileException(file, BarFileException.NO_BAR, ex.getMessage(), ex);
            }
            checkPage(file);
            final String pageTicker = parser.ticker();
            if (pageTicker != null) {
                if (ticker == null) {
                    ticker = pageTicker;
                    tickerFile = file;
                } else if (!ticker.equals(pageTicker)) {
                    throw new BarFileException(file, BarFileException.NO_BAR, "page of ticker " + pageTicker
                        + " among pages of " + ticker + " (first named in " + tickerFile + ")", null);
                }
            }
            checkOrder(file);
            final int n = parser.barCount();
            for (int i = 0; i < n; i++) {
                final long t = parser.ts(i);
                if (t == lastT) {
                    duplicates++;
                    if (!sameAsLast(i)) {
                        differing++;
                    }
                    continue;
                }
                remember(i, t);
                sink.onBar(t, lastOpen, lastHigh, lastLow, lastClose, lastVolume, lastVwap, lastTrades);
                bars++;
            }
            if (n > 0) {
                lastFile = file;
            }
        }
        return new Summary(files.size(), bars, duplicates, differing, ticker);
    }

    private void checkPage(final Path file) throws BarFileException {
        final String status = parser.status();
        if (!"OK".equals(status) && !"DELAYED".equals(status)) {
            throw new BarFileException(file, BarFileException.NO_BAR, "not a Massive aggregates page: status is "
                + (status == null ? "absent" : '"' + status + '"') + ", expected \"OK\"", null);
        }
        if (parser.resultsCount() >= 0 && parser.resultsCount() != parser.barCount()) {
            throw new BarFileException(file, BarFileException.NO_BAR, "resultsCount=" + parser.resultsCount()
                + " but the page holds " + parser.barCount() + " bars", null);
        }
    }

    /** Fails on the first bar earlier than the bar before it (in this file or the last delivered one). */
    private void checkOrder(final Path file) throws BarFileException {
        long previous = lastT;
        final int n = parser.barCount();
        for (int i = 0; i < n; i++) {
            final long t = parser.ts(i);
            if (t < previous) {
                final String before = i > 0 ? "bar " + (i - 1) + " of this file"
                    : "the last bar of " + lastFile;
                throw new BarFileException(file, i, "bar " + i + " goes back in time: t=" + t + " ("
                    + Instant.ofEpochMilli(t) + ") is before t=" + previous + " (" + Instant.ofEpochMilli(previous)
                    + ") of " + before + "; pages must be read in ascending time order", null);
            }
            previous = t;
        }
    }

    private void remember(final int i, final long t) {
        lastT = t;
        lastOpen = parser.open(i);
        lastHigh = parser.high(i);
        lastLow = parser.low(i);
        lastClose = parser.close(i);
        lastVolume = parser.volume(i);
        lastVwap = parser.vwap(i);
        lastTrades = parser.trades(i);
    }

    private boolean sameAsLast(final int i) {
        return same(parser.open(i), lastOpen) && same(parser.high(i), lastHigh) && same(parser.low(i), lastLow)
            && same(parser.close(i), lastClose) && same(parser.volume(i), lastVolume)
            && same(parser.vwap(i), lastVwap) && parser.trades(i) == lastTrades;
    }

    private static boolean same(final double a, final double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b);
    }

    /** Reads the whole file into {@link #buffer}. @return its length. */
    private int load(final Path file) throws BarFileException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            final long size = channel.size();
            if (size > MAX_FILE_BYTES) {
                throw new BarFileException(file, BarFileException.NO_BAR, "file of " + size
                    + " bytes is too large for one page", null);
            }
            if (size > buffer.length) {
                buffer = new byte[(int) Math.min(MAX_FILE_BYTES, Math.max(size, (long) buffer.length * 2))];
            }
            final int length = (int) size;
            final ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
            while (target.position() < length) {
                target.limit(Math.min(length, target.position() + READ_SLICE_BYTES));
                if (channel.read(target) < 0) {
                    throw new EOFException("file shrank to " + target.position() + " bytes while read");
                }
            }
            return length;
        } catch (final BarFileException ex) {
            throw ex;
        } catch (final IOException ex) {
            throw new BarFileException(file, BarFileException.NO_BAR, "cannot read: " + ex, ex);
        }
    }
}
