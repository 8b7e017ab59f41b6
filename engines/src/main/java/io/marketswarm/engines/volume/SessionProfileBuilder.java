package io.marketswarm.engines.volume;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Builds the session profile of spec {@code volume-profile.md} §8.1 for one symbol from 1-minute bars and/or
 * trades, and finishes it when the session date changes.
 *
 * <p><b>Rows.</b> A trade adds its size to {@code (long) rint(price / rowSize)}. A bar follows the §3 TV rule with
 * {@code m = 1.0 / rowSize} (computed once): {@code step = (h - l) / 30.0}, {@code volPer = v / 30.0}, and for
 * {@code i = 0..29} {@code row = (long) rint((l + i * step) * m)}, the high never sampled. A bar with
 * {@code h <= l}, or without a high or low, puts its whole volume on the close's row {@code rint(c * m)}. The
 * long-horizon TV model drops such bars, but a session profile must hold the session's traded volume: {@code V}
 * feeds the value-area target, POC share and strength, and a flat bar's volume certainly traded at that one price.
 *
 * <p><b>Session.</b> A bar (by its window start) or trade at time {@code t} is in session if its America/New_York
 * wall time is in {@code [sessionStart, sessionEnd)}, 09:30–16:00 by default; the session date is its New York date.
 * A start or end inside a DST gap moves forward by the gap; inside an overlap it means the earlier instant. Any event
 * of a later New York date, in session or not, finishes the open session first: the listener receives it and the
 * next in-session event opens a new one. An event is then, in this order:
 * <ul>
 *   <li><em>invalid</em> (counted, ignored): time before 1970 or from year 10000 on; volume or size {@code NaN},
 *       infinite or negative; a trade price, or a bar with neither a usable high/low range nor a close, that is
 *       {@code NaN} or infinite; a row beyond {@code ±2^52}; or rows that would stretch the profile beyond
 *       {@value SessionRowWindow#MAX_SPAN} rows;</li>
 *   <li><em>out of session</em> (counted, ignored): outside the session window of its date;</li>
 *   <li><em>late</em> (counted, ignored): its date is before the open session's date or belongs to a session
 *       already finished;</li>
 *   <li><em>included</em>: its volume is added (zero volume adds no row).</li>
 * </ul>
 * The last traded price is the close or trade price of the included event with the latest time (a later call wins
 * a tie); a bar without a close leaves it unchanged.
 *
 * <p><b>Threading and allocation:</b> not thread-safe; one thread owns an instance and the listener runs on it.
 * {@link #onBar} and {@link #onTrade} allocate nothing once the row range of a session has been seen, except on
 * the first event of each New York date (time-zone lookup) and when a session is finished (its snapshot).
 */
public final class SessionProfileBuilder {
    /** Time zone of session windows and session dates. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Default session open, New York wall time. */
    public static final LocalTime RTH_START = LocalTime.of(9, 30);
    /** Default session close (exclusive), New York wall time. */
    public static final LocalTime RTH_END = LocalTime.of(16, 0);

    private static final double MAX_ABS_ROW = 0x1p52;
    private static final long MAX_TIME_MS = 253_402_300_800_000L;
    private static final int INITIAL_CAPACITY = 1024;

    private final String symbol;
    private final double rowSize;
    private final double multiplier;
    private final LocalTime sessionStart;
    private final LocalTime sessionEnd;
    private final SessionProfileListener listener;
    private final SessionRowWindow rows = new SessionRowWindow(INITIAL_CAPACITY);

    private long dayStartMs;
    private long dayEndMs;
    private LocalDate day;
    private long dayEpochDay;
    private long windowStartMs;
    private long windowEndMs;

    private LocalDate sessionDate;
    private long sessionEpochDay;
    private long sessionStartMs;
    private long sessionEndMs;
    private long minAcceptedEpochDay = Long.MIN_VALUE;
    private double lastPrice = Double.NaN;
    private long referenceRow = SessionProfileMetrics.NO_REFERENCE;
    private long firstEventMs = Long.MAX_VALUE;
    private long lastEventMs = Long.MIN_VALUE;
    private long sessionEvents;

    private long includedEvents;
    private long outOfSessionEvents;
    private long lateEvents;
    private long invalidEvents;
    private long finishedSessions;

    /**
     * A builder for regular trading hours, 09:30–16:00 New York.
     *
     * @param symbol   instrument symbol, non-blank
     * @param rowSize  price per row, finite and {@code > 0} (e.g. the instrument tick)
     * @param listener receives each finished session on this builder's thread
     * @throws IllegalArgumentException on a bad value, naming it
     */
    public SessionProfileBuilder(final String symbol, final double rowSize, final SessionProfileListener listener) {
        this(symbol, rowSize, RTH_START, RTH_END, listener);
    }

    /**
     * A builder for a custom session window of one New York day.
     *
     * @param symbol       instrument symbol, non-blank
     * @param rowSize      price per row, finite and {@code > 0}, with {@code 1 / rowSize} finite
     * @param sessionStart session open, New York wall time, inclusive
     * @param sessionEnd   session close, New York wall time, exclusive; after {@code sessionStart}
     * @param listener     receives each finished session on this builder's thread
     * @throws IllegalArgumentException on a bad value, naming it
     */
    public SessionProfileBuilder(final String symbol, final double rowSize, final LocalTime sessionStart,
                                 final LocalTime sessionEnd, final SessionProfileListener listener) {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(sessionStart, "sessionStart");
        Objects.requireNonNull(sessionEnd, "sessionEnd");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("symbol='" + symbol + "'");
        }
        if (!(rowSize > 0.0) || Double.isInfinite(rowSize) || Double.isInfinite(1.0 / rowSize)) {
            throw new IllegalArgumentException("rowSize=" + rowSize);
        }
        if (!sessionStart.isBefore(sessionEnd)) {
            throw new IllegalArgumentException("sessionStart=" + sessionStart + " sessionEnd=" + sessionEnd);
        }
        this.symbol = symbol;
        this.rowSize = rowSize;
        this.multiplier = 1.0 / rowSize;
        this.sessionStart = sessionStart;
        this.sessionEnd = sessionEnd;
    }

    /**
     * Applies one trade.
     *
     * @param timeMs trade time, epoch milliseconds UTC
     * @param price  trade price
     * @param size   trade size, {@code >= 0}
     * @return whether the trade was included; otherwise one counter says why
     */
    public boolean onTrade(final long timeMs, final double price, final double size) {
        final double scaled = price / rowSize;
        if (!validTime(timeMs) || !validVolume(size) || !validRow(scaled)) {
            invalidEvents++;
            return false;
        }
        final long row = (long) Math.rint(scaled);
        if (!admit(timeMs)) {
            return false;
        }
        if (!rows.fits(row, row)) {
            invalidEvents++;
            return false;
        }
        include(timeMs, price, row);
        rows.reserve(row, row);
        rows.add(row, size);
        return true;
    }

    /**
     * Applies one 1-minute bar; {@code NaN} means null. See the type documentation for the row rule.
     *
     * @param timeMs bar window start, epoch milliseconds UTC
     * @param open   unused; accepted for the bar shape
     * @param high   bar high
     * @param low    bar low
     * @param close  bar close, the last traded price
     * @param volume bar volume, {@code >= 0}, may be fractional
     * @return whether the bar was included; otherwise one counter says why
     */
    public boolean onBar(final long timeMs, final double open, final double high, final double low,
                         final double close, final double volume) {
        final double m = multiplier;
        final boolean spread = high > low;
        final double step = (high - low) / 30.0;
        final double bottom = spread ? low * m : close * m;
        final double top = spread ? (low + 29.0 * step) * m : bottom;
        final boolean hasClose = !Double.isNaN(close);
        if (!validTime(timeMs) || !validVolume(volume) || !validRow(bottom) || !validRow(top)
            || hasClose && !validRow(close * m)) {
            invalidEvents++;
            return false;
        }
        final long lo = (long) Math.rint(bottom);
        final long hi = (long) Math.rint(top);
        if (!admit(timeMs)) {
            return false;
        }
        if (!rows.fits(lo, hi)) {
            invalidEvents++;
            return false;
        }
        include(timeMs, close, hasClose ? (long) Math.rint(close * m) : SessionProfileMetrics.NO_REFERENCE);
        rows.reserve(lo, hi);
        if (spread) {
            final double volPer = volume / 30.0;
            for (int i = 0; i < VolumeProfileAccumulator.MICROBINS; i++) {
                final double price = low + (double) i * step;
                rows.add((long) Math.rint(price * m), volPer);
            }
        } else {
            rows.add(lo, volume);
        }
        return true;
    }

    /**
     * Finishes the open session if {@code nowMs} has reached its close, so it is delivered without waiting for
     * the next day's first event.
     *
     * @param nowMs current time, epoch milliseconds UTC
     * @return whether a session was finished and delivered to the listener
     */
    public boolean onTime(final long nowMs) {
        return sessionDate != null && nowMs >= sessionEndMs && finishSession();
    }

    /**
     * Finishes the open session now: the listener receives its snapshot, and later events of its date are late.
     *
     * @return whether a session was open
     */
    public boolean finishSession() {
        if (sessionDate == null) {
            return false;
        }
        final SessionProfileSnapshot finished = snapshot();
        minAcceptedEpochDay = sessionEpochDay + 1;
        sessionDate = null;
        rows.clear();
        lastPrice = Double.NaN;
        referenceRow = SessionProfileMetrics.NO_REFERENCE;
        firstEventMs = Long.MAX_VALUE;
        lastEventMs = Long.MIN_VALUE;
        sessionEvents = 0;
        finishedSessions++;
        listener.onSessionFinished(finished);
        return true;
    }

    /**
     * Computes the §8 metrics of the open session, with the last traded price's row as the §8.6 reference (the
     * POC if there is none). Scans the whole row window; meant for the publish path, not per event.
     *
     * @param config metric settings
     * @return the metrics, or {@code null} if no session is open or it has no volume
     */
    public SessionProfileResult result(final SessionProfileConfig config) {
        if (sessionDate == null || rows.isEmpty()) {
            return null;
        }
        final double[] volumes = rows.array();
        return SessionProfileMetrics.compute(rows.base(), volumes, volumes.length, referenceRow, config);
    }

    /** @return an immutable copy of the open session, or {@code null} if none is open; allocates */
    public SessionProfileSnapshot snapshot() {
        if (sessionDate == null) {
            return null;
        }
        return new SessionProfileSnapshot(symbol, sessionDate, sessionStartMs, sessionEndMs, rowSize,
            rows.isEmpty() ? 0 : rows.lowest(), rows.copyDense(), rows.rowsWithVolume(), lastPrice, referenceRow,
            firstEventMs, lastEventMs, sessionEvents);
    }

    /** @return the instrument symbol */
    public String symbol() {
        return symbol;
    }

    /** @return the price per row */
    public double rowSize() {
        return rowSize;
    }

    /** @return the open session's New York date, or {@code null} if none is open */
    public LocalDate sessionDate() {
        return sessionDate;
    }

    /** @return the open session's last traded price, {@code NaN} if none or no session is open */
    public double lastPrice() {
        return lastPrice;
    }

    /** @return the latest included event time of the open session, {@code Long.MIN_VALUE} if none is open */
    public long lastEventMs() {
        return lastEventMs;
    }

    /** @return events included since construction, over all sessions */
    public long includedEvents() {
        return includedEvents;
    }

    /** @return events ignored because they were outside their date's session window */
    public long outOfSessionEvents() {
        return outOfSessionEvents;
    }

    /** @return events ignored because their session date was already finished or before the open one */
    public long lateEvents() {
        return lateEvents;
    }

    /** @return events ignored as malformed or out of range */
    public long invalidEvents() {
        return invalidEvents;
    }

    /** @return sessions delivered to the listener */
    public long finishedSessions() {
        return finishedSessions;
    }

    private boolean admit(final long timeMs) {
        locate(timeMs);
        final long epochDay = dayEpochDay;
        if (sessionDate != null && epochDay > sessionEpochDay) {
            finishSession();
        }
        if (timeMs < windowStartMs || timeMs >= windowEndMs) {
            outOfSessionEvents++;
            return false;
        }
        if (epochDay < minAcceptedEpochDay) {
            lateEvents++;
            return false;
        }
        return true;
    }

    private void include(final long timeMs, final double price, final long priceRow) {
        if (sessionDate == null) {
            sessionDate = day;
            sessionEpochDay = dayEpochDay;
            sessionStartMs = windowStartMs;
            sessionEndMs = windowEndMs;
            minAcceptedEpochDay = dayEpochDay;
        }
        sessionEvents++;
        includedEvents++;
        if (timeMs < firstEventMs) {
            firstEventMs = timeMs;
        }
        if (timeMs >= lastEventMs) {
            lastEventMs = timeMs;
            if (priceRow != SessionProfileMetrics.NO_REFERENCE) {
                lastPrice = price;
                referenceRow = priceRow;
            }
        }
    }

    private void locate(final long timeMs) {
        if (timeMs >= dayStartMs && timeMs < dayEndMs) {
            return;
        }
        final LocalDate date = Instant.ofEpochMilli(timeMs).atZone(NEW_YORK).toLocalDate();
        day = date;
        dayEpochDay = date.toEpochDay();
        dayStartMs = date.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
        dayEndMs = date.plusDays(1).atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
        windowStartMs = date.atTime(sessionStart).atZone(NEW_YORK).toInstant().toEpochMilli();
        windowEndMs = date.atTime(sessionEnd).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    private static boolean validTime(final long timeMs) {
        return timeMs >= 0 && timeMs < MAX_TIME_MS;
    }

    private static boolean validVolume(final double volume) {
        return volume >= 0.0 && volume != Double.POSITIVE_INFINITY;
    }

    private static boolean validRow(final double scaled) {
        return Math.abs(scaled) <= MAX_ABS_ROW;
    }
}
