package io.marketswarm.feeds.synth;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * What a synthetic MBO session looks like: immutable, validated on construction.
 *
 * @param seed          random seed; the same settings always give byte-identical output.
 * @param events        number of MBO records to write, snapshot records included (at least 1000).
 * @param symbol        raw symbol, e.g. {@code MNQH6}; written into the metadata mapping.
 * @param instrumentId  numeric instrument id used in every record and in the mapping.
 * @param dataset       dataset code, e.g. {@code GLBX.MDP3}.
 * @param publisherId   publisher id in every record header.
 * @param date          trading date (the session start is on this date in America/New_York).
 * @param startEt       session start, America/New_York wall time (DST-aware).
 * @param hours         session length in hours, &gt; 0.
 * @param tickInt       tick size in 1e-9 price units, &gt; 0.
 * @param startMidPrice initial mid price in 1e-9 units, a multiple of {@code tickInt}.
 * @param dbnVersion    DBN version to write, 2 or 3.
 */
public record SynthSettings(
    long seed,
    long events,
    String symbol,
    long instrumentId,
    String dataset,
    int publisherId,
    LocalDate date,
    LocalTime startEt,
    double hours,
    long tickInt,
    long startMidPrice,
    int dbnVersion) {

    /** Exchange time zone used for {@code --start}. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Validates every field and names the bad one. */
    public SynthSettings {
        if (events < 1000) {
            throw new IllegalArgumentException("events=" + events + " must be >= 1000");
        }
        if (symbol == null || symbol.isBlank() || symbol.length() > 70) {
            throw new IllegalArgumentException("symbol='" + symbol + "' must be 1..70 characters");
        }
        if (instrumentId < 0 || instrumentId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("instrumentId=" + instrumentId + " must fit in u32");
        }
        if (!(hours > 0) || hours > 24) {
            throw new IllegalArgumentException("hours=" + hours + " must be in (0, 24]");
        }
        if (tickInt <= 0) {
            throw new IllegalArgumentException("tickInt=" + tickInt + " must be > 0");
        }
        if (startMidPrice <= 0 || startMidPrice % tickInt != 0) {
            throw new IllegalArgumentException("startMidPrice=" + startMidPrice + " must be > 0 and a multiple of "
                + "tickInt=" + tickInt);
        }
        if (startMidPrice / tickInt < 10_000) {
            throw new IllegalArgumentException("startMidPrice=" + startMidPrice + " must be at least 10000 ticks "
                + "so the price can wander without reaching zero");
        }
        if (dbnVersion != 2 && dbnVersion != 3) {
            throw new IllegalArgumentException("dbnVersion=" + dbnVersion + " must be 2 or 3");
        }
    }

    /** @return session start, ns since the epoch (UTC). */
    public long startNs() {
        final ZonedDateTime start = ZonedDateTime.of(date, startEt, NEW_YORK);
        return start.toEpochSecond() * 1_000_000_000L + start.getNano();
    }

    /** @return session end (exclusive), ns since the epoch. */
    public long endNs() {
        return startNs() + (long)(hours * 3_600_000_000_000.0);
    }

    /**
     * @param root   the contract's root, e.g. {@code MNQ}.
     * @param future whether it is a futures contract.
     * @return a realistic starting mid in dollars for the root (MNQ/NQ 21,500, ES/MES 6,000, RTY/M2K 2,300,
     *         YM/MYM 44,000), else 5,000 for futures and 500 for equities.
     */
    public static double defaultMidDollars(final String root, final boolean future) {
        return switch (root.toUpperCase(java.util.Locale.ROOT)) {
            case "MNQ", "NQ" -> 21_500.0;
            case "ES", "MES" -> 6_000.0;
            case "RTY", "M2K" -> 2_300.0;
            case "YM", "MYM" -> 44_000.0;
            default -> future ? 5_000.0 : 500.0;
        };
    }
}
