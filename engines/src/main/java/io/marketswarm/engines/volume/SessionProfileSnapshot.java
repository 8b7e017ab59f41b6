package io.marketswarm.engines.volume;

import java.time.LocalDate;

/**
 * An immutable copy of one session profile (spec §8.1) made by {@link SessionProfileBuilder}: the dense rows from
 * the lowest to the highest row with volume, plus what §8.6 and §8.8 need (last price, event times, session open).
 *
 * <p>Threading: immutable and thread-safe. Made on the builder's thread, usable anywhere.
 */
public final class SessionProfileSnapshot {
    private final String symbol;
    private final LocalDate sessionDate;
    private final long sessionStartMs;
    private final long sessionEndMs;
    private final double rowSize;
    private final long firstRow;
    private final double[] volumes;
    private final int rowsWithVolume;
    private final double lastPrice;
    private final long referenceRow;
    private final long firstEventMs;
    private final long lastEventMs;
    private final long includedEvents;

    SessionProfileSnapshot(final String symbol, final LocalDate sessionDate, final long sessionStartMs,
                           final long sessionEndMs, final double rowSize, final long firstRow,
                           final double[] volumes, final int rowsWithVolume, final double lastPrice,
                           final long referenceRow, final long firstEventMs, final long lastEventMs,
                           final long includedEvents) {
        this.symbol = symbol;
        this.sessionDate = sessionDate;
        this.sessionStartMs = sessionStartMs;
        this.sessionEndMs = sessionEndMs;
        this.rowSize = rowSize;
        this.firstRow = firstRow;
        this.volumes = volumes;
        this.rowsWithVolume = rowsWithVolume;
        this.lastPrice = lastPrice;
        this.referenceRow = referenceRow;
        this.firstEventMs = firstEventMs;
        this.lastEventMs = lastEventMs;
        this.includedEvents = includedEvents;
    }

    /** @return the instrument symbol as given to the builder (with any {@code :}) */
    public String symbol() {
        return symbol;
    }

    /** @return the America/New_York session date */
    public LocalDate sessionDate() {
        return sessionDate;
    }

    /** @return the session open, epoch milliseconds UTC (session date at the configured start time, New York) */
    public long sessionStartMs() {
        return sessionStartMs;
    }

    /** @return the session close (exclusive), epoch milliseconds UTC */
    public long sessionEndMs() {
        return sessionEndMs;
    }

    /** @return the row size: row {@code r} has price {@code r * rowSize} */
    public double rowSize() {
        return rowSize;
    }

    /** @return the lowest row with volume; {@code 0} when {@link #rowCount()} is 0 */
    public long firstRow() {
        return firstRow;
    }

    /** @return {@code n}, rows from the lowest to the highest row with volume; 0 if there is no volume */
    public int rowCount() {
        return volumes.length;
    }

    /**
     * @param row a row key
     * @return its volume, 0 outside the dense profile
     */
    public double volume(final long row) {
        final long i = row - firstRow;
        return i >= 0 && i < volumes.length ? volumes[(int) i] : 0.0;
    }

    /** @return rows with positive volume (the {@code price_levels} of §8.8) */
    public int rowsWithVolume() {
        return rowsWithVolume;
    }

    /**
     * Visits the rows with positive volume, ascending; rows of the dense profile without volume are skipped.
     *
     * @param consumer receives each row and its volume, on the calling thread
     */
    public void forEachRowWithVolume(final BinVolumeConsumer consumer) {
        for (int i = 0; i < volumes.length; i++) {
            if (volumes[i] > 0.0) {
                consumer.accept(firstRow + i, volumes[i]);
            }
        }
    }

    /** @return the session's last traded price (bar close or trade price), {@code NaN} if there was none */
    public double lastPrice() {
        return lastPrice;
    }

    /** @return the row of {@link #lastPrice()}, or {@link SessionProfileMetrics#NO_REFERENCE} if none */
    public long referenceRow() {
        return referenceRow;
    }

    /** @return the earliest event time included in the session, epoch milliseconds UTC */
    public long firstEventMs() {
        return firstEventMs;
    }

    /** @return the latest event time included in the session (a bar's window start), epoch milliseconds UTC */
    public long lastEventMs() {
        return lastEventMs;
    }

    /** @return bars and trades included in the session */
    public long includedEvents() {
        return includedEvents;
    }

    /**
     * Computes the §8 metrics with the reference row of §8.6 (last price, or the POC if none).
     *
     * @param config metric settings
     * @return the metrics, or {@code null} if no row has volume
     */
    public SessionProfileResult result(final SessionProfileConfig config) {
        return SessionProfileMetrics.compute(firstRow, volumes, volumes.length, referenceRow, config);
    }
}
