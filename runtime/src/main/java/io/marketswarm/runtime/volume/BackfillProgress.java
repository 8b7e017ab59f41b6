package io.marketswarm.runtime.volume;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A one-line backfill progress bar on stderr, drawn only when the JVM has a terminal: bar date, bars, bars/s and an
 * ETA from how far the bars' time has moved through the requested range. Redrawn at most 10 times a second; called
 * on the feed thread with each bar's {@code t}.
 */
final class BackfillProgress implements LongConsumer {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final PrintStream out;
    private final long fromMs;
    private final long toMs;
    private final long began = System.nanoTime();
    private long bars;
    private long lastDraw;
    private boolean drawn;

    private BackfillProgress(final PrintStream out, final long fromMs, final long toMs) {
        this.out = out;
        this.fromMs = fromMs;
        this.toMs = Math.max(toMs, fromMs + 1);
    }

    /** @return a bar on stderr when it is a terminal, or {@code null} (no progress output). */
    static BackfillProgress forTerminal(final long fromMs, final long toMs) {
        return System.console() == null ? null : new BackfillProgress(System.err, fromMs, toMs);
    }

    @Override
    public void accept(final long tsMillis) {
        bars++;
        final long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        final double seconds = (now - began) / 1e9;
        final double done = Math.min(1.0, Math.max(1e-6, (tsMillis - fromMs) / (double) (toMs - fromMs)));
        final long eta = Math.round(seconds / done - seconds);
        final int width = 24;
        final int filled = (int) Math.round(done * width);
        out.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %s %,12d bars %,10.0f bars/s ETA %d:%02d ",
            "#".repeat(filled), " ".repeat(width - filled), done * 100,
            Instant.ofEpochMilli(tsMillis).atZone(NEW_YORK).toLocalDate(), bars, bars / Math.max(seconds, 1e-9),
            eta / 60, eta % 60);
        out.flush();
        drawn = true;
    }

    /** Clears the line. */
    void done() {
        if (drawn) {
            out.print("\r" + " ".repeat(100) + "\r");
            out.flush();
        }
    }
}
