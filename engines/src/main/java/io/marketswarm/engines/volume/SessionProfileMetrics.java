package io.marketswarm.engines.volume;

import java.util.Arrays;

/**
 * Session profile metrics of spec {@code volume-profile.md} §8.2–§8.6: POC, value area (SINGLE or DUAL),
 * HVN/LVN, profile strength, POC share, support and resistance.
 *
 * <p>Input is a profile of non-negative volumes on consecutive integer rows starting at {@code firstRow}.
 * Leading and trailing rows without volume are trimmed, so the metrics see the dense profile of §8.1: lowest to
 * highest row with volume, gaps counted as 0.
 *
 * <p>Threading: stateless and thread-safe. Allocates its result and a little scratch; it is meant for the
 * per-update or end-of-batch path, not per event.
 */
public final class SessionProfileMetrics {
    /** Reference row meaning "no last traded price": the POC is used instead (§8.6). */
    public static final long NO_REFERENCE = Long.MIN_VALUE;

    private SessionProfileMetrics() {
    }

    /**
     * Computes every §8 metric.
     *
     * @param firstRow     row key of {@code volumes[0]}
     * @param volumes      volume per row; only {@code [0, length)} is read
     * @param length       number of rows supplied
     * @param referenceRow row of the session's last traded price, or {@link #NO_REFERENCE}
     * @param config       settings
     * @return the metrics, or {@code null} if no row has volume
     * @throws IllegalArgumentException if a volume is negative or not finite, or {@code length} is out of range
     */
    public static SessionProfileResult compute(final long firstRow, final double[] volumes, final int length,
                                               final long referenceRow, final SessionProfileConfig config) {
        if (length < 0 || length > volumes.length) {
            throw new IllegalArgumentException("length=" + length + " volumes.length=" + volumes.length);
        }
        int from = -1;
        int to = -1;
        for (int i = 0; i < length; i++) {
            final double x = volumes[i];
            if (!(x >= 0.0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException("volumes[" + i + "]=" + x);
            }
            if (x > 0.0) {
                to = i;
                if (from < 0) {
                    from = i;
                }
            }
        }
        if (from < 0) {
            return null;
        }
        final double[] v = Arrays.copyOfRange(volumes, from, to + 1);
        return computeDense(firstRow + from, v, referenceRow, config);
    }

    private static SessionProfileResult computeDense(final long firstRow, final double[] v, final long referenceRow,
                                                     final SessionProfileConfig config) {
        final int n = v.length;
        double total = 0.0;
        for (final double x : v) {
            total += x;
        }
        final int poc = poc(v, config.pocTie());
        final int[] bounds = new int[2];
        final double vaVolume = valueArea(v, poc, config.vaPercent() * total, config, bounds);
        final int lo = bounds[0];
        final int hi = bounds[1];
        final double strength = n < 2 || total == 0.0 ? Double.NaN
            : clamp01(1.0 - ((double) (hi - lo + 1) / n) / (vaVolume / total));
        final int window = config.extremumWindowRows();
        final long[] hvn = extrema(v, firstRow, window, true, config.hvnMinPocFraction() * v[poc]);
        final long[] lvn = extrema(v, firstRow, window, false, 0.0);
        final long reference = referenceRow == NO_REFERENCE ? firstRow + poc : referenceRow;
        return new SessionProfileResult(firstRow, n, total, firstRow + poc, v[poc], firstRow + lo, firstRow + hi,
            vaVolume, strength, v[poc] / total, hvn, lvn, levels(hvn, reference, config.maxLevels(), true),
            levels(hvn, reference, config.maxLevels(), false));
    }

    static int poc(final double[] v, final PocTie tie) {
        final int n = v.length;
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[i] > v[best]) {
                best = i;
            } else if (v[i] == v[best] && tie == PocTie.CENTER
                && Math.abs(2L * i - (n - 1)) < Math.abs(2L * best - (n - 1))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Contiguous expansion of §8.3; writes {@code lo} and {@code hi} into {@code bounds}.
     *
     * @return {@code acc}, the value-area volume in the order it was accumulated
     */
    static double valueArea(final double[] v, final int poc, final double target, final SessionProfileConfig config,
                            final int[] bounds) {
        final int n = v.length;
        final int width = config.vaMode() == ValueAreaMode.DUAL ? 2 : 1;
        final boolean tieUp = config.vaTie() == ValueAreaTie.UP;
        int lo = poc;
        int hi = poc;
        double acc = v[poc];
        while (acc < target) {
            final int upRows = Math.min(width, n - 1 - hi);
            final int downRows = Math.min(width, lo);
            if (upRows == 0 && downRows == 0) {
                break;
            }
            double up = 0.0;
            for (int k = 1; k <= upRows; k++) {
                up += v[hi + k];
            }
            double down = 0.0;
            for (int k = 1; k <= downRows; k++) {
                down += v[lo - k];
            }
            final boolean takeUp = downRows == 0 || upRows != 0 && (up > down || up == down && tieUp);
            if (takeUp) {
                hi += upRows;
                acc += up;
            } else {
                lo -= downRows;
                acc += down;
            }
        }
        bounds[0] = lo;
        bounds[1] = hi;
        return acc;
    }

    private static long[] extrema(final double[] v, final long firstRow, final int window, final boolean high,
                                  final double minVolume) {
        final int n = v.length;
        final long[] out = new long[Math.max(0, n)];
        int count = 0;
        for (int r = window; r < n - window; r++) {
            boolean ok = !high || v[r] >= minVolume;
            for (int k = r - window; ok && k <= r + window; k++) {
                if (k != r) {
                    ok = high ? v[r] > v[k] : v[r] < v[k];
                }
            }
            if (ok) {
                out[count++] = firstRow + r;
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static long[] levels(final long[] hvnAscending, final long reference, final int maxLevels,
                                 final boolean below) {
        final long[] out = new long[Math.min(maxLevels, hvnAscending.length)];
        int count = 0;
        if (below) {
            for (int i = hvnAscending.length - 1; i >= 0 && count < out.length; i--) {
                if (hvnAscending[i] < reference) {
                    out[count++] = hvnAscending[i];
                }
            }
        } else {
            for (int i = 0; i < hvnAscending.length && count < out.length; i++) {
                if (hvnAscending[i] > reference) {
                    out[count++] = hvnAscending[i];
                }
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static double clamp01(final double x) {
        return x < 0.0 ? 0.0 : Math.min(x, 1.0);
    }
}
