package io.marketswarm.runtime.volume;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The interactive operator menu of spec §7, mirroring the original screen: ticker, publish mode, then an action;
 * the chosen publish mode goes to every action (the original always passed {@code raw}). After an action the menu
 * starts again; {@code x} or the end of input exits. An action's failure is printed and the menu goes on.
 *
 * <p>Runs on the calling thread, reading lines from {@code in}.
 */
public final class VolumeProfileMenu {

    private final VolumeProfileRuntime ctx;
    private final BufferedReader in;
    private final PrintWriter out;
    private final LocalDate today;

    /**
     * @param ctx   the opened context.
     * @param in    operator input, one answer per line.
     * @param out   the screen.
     * @param today "today" in America/New_York, for the ranges.
     */
    public VolumeProfileMenu(final VolumeProfileRuntime ctx, final BufferedReader in, final PrintWriter out,
        final LocalDate today) {
        this.ctx = ctx;
        this.in = in;
        this.out = out;
        this.today = today;
    }

    /** @return 0 when the operator exits; 1 if the last action failed. */
    public int run() throws IOException {
        int status = 0;
        while (true) {
            out.println();
            out.println("=== Massive Volume Profile Builder ===");
            out.println("Select ticker:");
            out.println("  1) SPY  (→ SPX)");
            out.println("  2) QQQ  (→ NDX)");
            final String t = prompt("Ticker [1-2]: ");
            if (t == null) {
                return status;
            }
            final VolumeTicker ticker;
            if ("1".equals(t)) {
                ticker = VolumeTicker.SPY;
            } else if ("2".equals(t)) {
                ticker = VolumeTicker.QQQ;
            } else {
                out.println("Invalid ticker selection.");
                continue;
            }
            out.println("Publish mode:");
            out.println("  1) raw (default)");
            out.println("  2) tv");
            out.println("  3) both");
            final String p = prompt("Publish [1]: ");
            if (p == null) {
                return status;
            }
            final PublishMode publish = switch (p) {
                case "2" -> PublishMode.TV;
                case "3" -> PublishMode.BOTH;
                default -> PublishMode.RAW;
            };
            final Integer result = action(ticker, publish);
            if (result == null) {
                return status;
            }
            status = result;
        }
    }

    private Integer action(final VolumeTicker ticker, final PublishMode publish) throws IOException {
        while (true) {
            out.printf("%s → %s, publish %s%n", ticker, ticker.synthetic(), publish);
            out.println("  1) Backfill last 5 years");
            out.println("  2) Backfill ALL AVAILABLE history");
            out.println("  3) Backfill custom date range");
            out.println("  4) Delete + FULL rebuild (max history)");
            out.println("  5) Show current summary");
            out.println("  x) Exit");
            final String a = prompt("Select option: ");
            if (a == null || "x".equalsIgnoreCase(a)) {
                return null;
            }
            switch (a) {
                case "1" -> {
                    return backfill(ticker, today.minusDays(365L * 5), publish, false);
                }
                case "2" -> {
                    final String c = prompt("Fetch ALL history since " + ticker.historyStart() + "? [y/N]: ");
                    if (c == null) {
                        return null;
                    }
                    if (!"y".equalsIgnoreCase(c)) {
                        out.println("Cancelled.");
                        return 0;
                    }
                    return backfill(ticker, ticker.historyStart(), publish, false);
                }
                case "3" -> {
                    final String s = prompt("Start date (YYYY-MM-DD): ");
                    final String e = s == null ? null : prompt("End date (YYYY-MM-DD): ");
                    if (e == null) {
                        return null;
                    }
                    try {
                        final LocalDate start = LocalDate.parse(s.strip());
                        final LocalDate end = LocalDate.parse(e.strip());
                        if (end.isBefore(start)) {
                            out.println("End date is before start date.");
                            return 1;
                        }
                        return run(ticker, start, end, publish, false);
                    } catch (final DateTimeParseException ex) {
                        out.println("Invalid date: " + ex.getParsedString());
                        return 1;
                    }
                }
                case "4" -> {
                    final String c = prompt("DELETE the stored " + ticker.synthetic()
                        + " model and rebuild from ALL history? [y/N]: ");
                    if (c == null) {
                        return null;
                    }
                    if (!"y".equalsIgnoreCase(c)) {
                        out.println("Cancelled.");
                        return 0;
                    }
                    return backfill(ticker, ticker.historyStart(), publish, true);
                }
                case "5" -> {
                    return VolumeProfileActions.summary(ctx, ticker, out);
                }
                default -> out.println("Invalid option");
            }
        }
    }

    private int backfill(final VolumeTicker ticker, final LocalDate start, final PublishMode publish,
        final boolean wipe) {
        return run(ticker, start, today, publish, wipe);
    }

    private int run(final VolumeTicker ticker, final LocalDate start, final LocalDate end,
        final PublishMode publish, final boolean wipe) {
        try {
            return VolumeProfileActions.backfill(ctx, new VolumeProfileActions.Options(ticker, start, end, publish,
                wipe, null, null), null, out);
        } catch (final InterruptedException ex) {
            Thread.currentThread().interrupt();
            out.println("error: interrupted");
            return 1;
        } catch (final Exception ex) {
            out.println("error: " + ex.getMessage());
            out.flush();
            return 1;
        }
    }

    private String prompt(final String text) throws IOException {
        out.print(text);
        out.flush();
        final String line = in.readLine();
        return line == null ? null : line.strip();
    }
}
