package io.marketswarm.cli;

import java.io.PrintStream;
import java.util.Locale;

import io.marketswarm.feeds.ring.MboRingPublisher;

/**
 * A one-line progress display on stderr, drawn only when the JVM has a terminal (never into pipes or CI logs):
 * records published, rate and elapsed time, redrawn at most 10 times a second. Feed thread only.
 */
final class ProgressBar implements MboRingPublisher.Progress {

    private final PrintStream out;
    private final long began = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(final PrintStream out) {
        this.out = out;
    }

    /** @return a bar on stderr, silent when stderr is not a terminal. */
    static ProgressBar forStderr() {
        return new ProgressBar(System.console() != null ? System.err : null);
    }

    @Override
    public void onProgress(final long records) {
        if (out == null) {
            return;
        }
        final long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        final double seconds = (now - began) / 1e9;
        final int spin = (int)(seconds * 4) % 4;
        out.printf(Locale.ROOT, "\r%c %,14d records  %,12.0f records/s  %6.1f s ", "|/-\\".charAt(spin), records,
            records / Math.max(seconds, 1e-9), seconds);
        out.flush();
        drawn = true;
    }

    /** Clears the line. */
    void done() {
        if (out != null && drawn) {
            out.print("\r" + " ".repeat(72) + "\r");
            out.flush();
        }
    }
}
