package io.marketswarm.engines.orderflow;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import io.marketswarm.engines.orderflow.book.DatabentoOrderBook;
import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.book.ParityOrderBook;

/**
 * What one order-flow run processes (spec §3.2, §9): the locked instrument, the date, the optional start time, the
 * throttle and the book rules. Immutable; the time boundaries are derived once here.
 *
 * @param futures     {@code true} for {@code future_mbo} (UTC-day session), {@code false} for {@code equity_mbo}.
 * @param symbol      requested symbol.
 * @param date        trading date {@code dt}.
 * @param startTime   America/New_York start time, or {@code null} for no phases.
 * @param throttleMs  event-time throttle in ms, &gt;= 0 (0 emits every event).
 * @param tickInt     bucket width in 1e-9 units.
 * @param bookMode    book rules.
 */
public record OrderFlowSettings(
    boolean futures,
    String symbol,
    LocalDate date,
    LocalTime startTime,
    double throttleMs,
    long tickInt,
    BookMode bookMode) {

    /** Exchange time zone. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Warmup before the start time. */
    public static final long WARMUP_NS = 30L * 60 * 1_000_000_000L;

    /** Which book rules the run uses. */
    public enum BookMode {
        /** The original runtime's rules (default): numbers match the original. */
        PARITY,
        /** Databento's documented rules (dbn.md §8). */
        DATABENTO;

        /** @return a new, empty book following this mode's rules. */
        public OrderBook newBook() {
            return this == DATABENTO ? new DatabentoOrderBook() : new ParityOrderBook();
        }

        /**
         * @param text {@code parity} or {@code databento}, any case.
         * @return the mode.
         */
        public static BookMode parse(final String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "parity" -> PARITY;
                case "databento" -> DATABENTO;
                default -> throw new IllegalArgumentException("book mode '" + text + "' must be parity or databento");
            };
        }
    }

    /** Validates the settings. */
    public OrderFlowSettings {
        if (!(throttleMs >= 0) || Double.isInfinite(throttleMs)) {
            throw new IllegalArgumentException("throttle_ms=" + throttleMs + " must be >= 0");
        }
        if (tickInt <= 0) {
            throw new IllegalArgumentException("tickInt=" + tickInt + " must be > 0");
        }
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must be non-empty");
        }
    }

    /** @return throttle in ns, {@code trunc(throttle_ms * 1e6)}. */
    public long throttleNs() {
        return (long)(throttleMs * 1_000_000.0);
    }

    /** @return whether the run has phases (a start time was given). */
    public boolean hasPhases() {
        return startTime != null;
    }

    /** @return first ns of the emit phase, 0 without a start time. */
    public long emitAfterNs() {
        return startTime == null ? 0 : nanos(ZonedDateTime.of(date, startTime, NEW_YORK));
    }

    /** @return first ns of the warmup phase, 0 without a start time. */
    public long warmupStartNs() {
        return startTime == null ? 0 : emitAfterNs() - WARMUP_NS;
    }

    /** @return session window start (inclusive), ns. */
    public long sessionStartNs() {
        return futures ? nanos(date.atStartOfDay(ZoneOffset.UTC))
            : nanos(ZonedDateTime.of(date, LocalTime.of(2, 0), NEW_YORK));
    }

    /** @return session window end (exclusive), ns. */
    public long sessionEndNs() {
        return futures ? nanos(date.plusDays(1).atStartOfDay(ZoneOffset.UTC))
            : nanos(ZonedDateTime.of(date, LocalTime.of(16, 0), NEW_YORK));
    }

    private static long nanos(final ZonedDateTime time) {
        return time.toEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
