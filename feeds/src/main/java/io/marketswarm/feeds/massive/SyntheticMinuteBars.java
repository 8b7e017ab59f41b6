package io.marketswarm.feeds.massive;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Deterministic generator of SPY-like regular-session minute bars, as the Massive aggregates endpoint returns them.
 *
 * <p><b>Calendar.</b> Every weekday from {@code firstDay} to {@code lastDay} (both inclusive) is a session of
 * {@value #BARS_PER_SESSION} bars starting 09:30, 09:31, ... 15:59 America/New_York; {@code t} is the bar's start in
 * Unix ms UTC, so it moves with DST (09:30 ET is 13:30Z in summer, 14:30Z in winter). Weekends are skipped;
 * exchange holidays and half days are not modelled.
 *
 * <p><b>Values.</b> A log-price random walk with a daily volatility regime, an overnight gap and an intraday U-shape
 * (busier at the open and the close). Prices are whole cents ({@code cents / 100.0}) with
 * {@code low <= min(open, close) <= max(open, close) <= high}; about 2% of bars are flat ({@code high == low}).
 * Volume is a whole number of shares in {@code [10_000, 1_000_000]}, the VWAP has 4 decimals and lies in
 * {@code [low, high]}, and the trade count is about volume / 120. The price never goes below $1.00.
 *
 * <p><b>Determinism.</b> The same arguments always give the same bars on every JVM: the random source is a
 * SplitMix64 stream of the seed and the only transcendental functions are {@link StrictMath}'s.
 *
 * <p>Usage: {@code while (bars.next()) { bars.tsMillis(); bars.open(); ... }}, or {@link #forEach(BarSink)}.
 * Allocates nothing per bar. Not thread-safe: one generator, one thread.
 */
public final class SyntheticMinuteBars {

    /** Bars in one regular session, 09:30 to 16:00 ET. */
    public static final int BARS_PER_SESSION = 390;

    /** Time zone of the session clock. */
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static final LocalTime SESSION_OPEN = LocalTime.of(9, 30);
    private static final long MINUTE_MS = 60_000L;
    private static final long MIN_CENTS = 100;
    private static final long MIN_VOLUME = 10_000;
    private static final long MAX_VOLUME = 1_000_000;
    private static final double FLAT_PROBABILITY = 0.02;

    private final LocalDate lastDay;
    private final long barCount;
    private final double[] volatilityShape = new double[BARS_PER_SESSION];
    private final double[] volumeShape = new double[BARS_PER_SESSION];

    private long state;
    private double spareGaussian = Double.NaN;
    private LocalDate day;
    private long sessionOpenMs;
    private int minute = BARS_PER_SESSION;
    private double logPrice;
    private long closeCents;
    private double dayVolatility;
    private double dayVolume;
    private long emitted;

    private long tsMillis;
    private long openCents;
    private long highCents;
    private long lowCents;
    private long barCloseCents;
    private long volume;
    private long vwapTenThousandths;
    private long trades;

    /**
     * @param firstDay   first session day (weekends in the range are skipped).
     * @param lastDay    last session day, not before {@code firstDay}.
     * @param startPrice price the walk starts from, in dollars, in {@code [1, 1_000_000]}.
     * @param seed       random seed; equal arguments give equal bars.
     * @throws IllegalArgumentException if an argument is out of range, naming it.
     */
    public SyntheticMinuteBars(final LocalDate firstDay, final LocalDate lastDay, final double startPrice,
        final long seed) {
        if (firstDay == null || lastDay == null || lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("firstDay=" + firstDay + " lastDay=" + lastDay
                + " must be non-null with firstDay <= lastDay");
        }
        if (!(startPrice >= 1.0 && startPrice <= 1_000_000.0)) {
            throw new IllegalArgumentException("startPrice=" + startPrice + " must be in [1, 1000000]");
        }
        this.lastDay = lastDay;
        this.barCount = weekdays(firstDay, lastDay) * BARS_PER_SESSION;
        this.state = seed;
        this.day = firstDay.minusDays(1);
        this.logPrice = StrictMath.log(startPrice);
        this.closeCents = Math.max(MIN_CENTS, Math.round(startPrice * 100.0));
        for (int i = 0; i < BARS_PER_SESSION; i++) {
            final int fromClose = BARS_PER_SESSION - 1 - i;
            volatilityShape[i] = 0.75 + 1.4 * StrictMath.exp(-i / 25.0) + 0.5 * StrictMath.exp(-fromClose / 30.0);
            volumeShape[i] = 0.55 + 2.6 * StrictMath.exp(-i / 20.0) + 1.9 * StrictMath.exp(-fromClose / 25.0);
        }
    }

    /**
     * @param firstDay first day.
     * @param lastDay  last day, inclusive.
     * @return the number of Monday-to-Friday days in the range (0 when {@code lastDay < firstDay}).
     */
    public static long weekdays(final LocalDate firstDay, final LocalDate lastDay) {
        final long days = lastDay.toEpochDay() - firstDay.toEpochDay() + 1;
        if (days <= 0) {
            return 0;
        }
        final long fullWeeks = days / 7;
        long count = fullWeeks * 5;
        DayOfWeek dow = firstDay.getDayOfWeek();
        for (long i = 0; i < days % 7; i++) {
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
                count++;
            }
            dow = dow.plus(1);
        }
        return count;
    }

    /** @return the total number of bars this generator yields (weekdays times {@value #BARS_PER_SESSION}). */
    public long barCount() {
        return barCount;
    }

    /** @return bars yielded so far. */
    public long emitted() {
        return emitted;
    }

    /**
     * Advances to the next bar.
     *
     * @return {@code false} once every bar has been yielded.
     */
    public boolean next() {
        if (emitted == barCount) {
            return false;
        }
        if (minute == BARS_PER_SESSION) {
            startSession();
        }
        bar(minute);
        tsMillis = sessionOpenMs + minute * MINUTE_MS;
        minute++;
        emitted++;
        return true;
    }

    /**
     * Gives every remaining bar to {@code sink}, oldest first, on the calling thread.
     *
     * @param sink receiver; {@code trades} is never 0 and no value is NaN.
     * @return the number of bars given.
     */
    public long forEach(final BarSink sink) {
        long n = 0;
        while (next()) {
            sink.onBar(tsMillis, open(), high(), low(), close(), volume, vwap(), trades);
            n++;
        }
        return n;
    }

    /** @return start of the current bar, Unix ms UTC. */
    public long tsMillis() {
        return tsMillis;
    }

    /** @return open of the current bar in cents. */
    public long openCents() {
        return openCents;
    }

    /** @return high of the current bar in cents. */
    public long highCents() {
        return highCents;
    }

    /** @return low of the current bar in cents. */
    public long lowCents() {
        return lowCents;
    }

    /** @return close of the current bar in cents. */
    public long closeCents() {
        return barCloseCents;
    }

    /** @return open in dollars, {@code openCents() / 100.0}. */
    public double open() {
        return openCents / 100.0;
    }

    /** @return high in dollars. */
    public double high() {
        return highCents / 100.0;
    }

    /** @return low in dollars. */
    public double low() {
        return lowCents / 100.0;
    }

    /** @return close in dollars. */
    public double close() {
        return barCloseCents / 100.0;
    }

    /** @return volume of the current bar, whole shares. */
    public long volume() {
        return volume;
    }

    /** @return VWAP in dollars, {@code vwapTenThousandths / 10_000.0}. */
    public double vwap() {
        return vwapTenThousandths / 10_000.0;
    }

    /** @return number of trades in the current bar. */
    public long trades() {
        return trades;
    }

    private void startSession() {
        do {
            day = day.plusDays(1);
        } while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY);
        if (day.isAfter(lastDay)) {
            throw new IllegalStateException("calendar overran lastDay=" + lastDay);
        }
        sessionOpenMs = ZonedDateTime.of(day, SESSION_OPEN, NEW_YORK).toInstant().toEpochMilli();
        minute = 0;
        dayVolatility = clamp(0.0105 * StrictMath.exp(0.35 * gaussian()), 0.004, 0.04);
        dayVolume = 110_000.0 * StrictMath.exp(0.25 * gaussian());
        if (emitted > 0) {
            logPrice += 0.45 * dayVolatility * gaussian();
        }
    }

    private void bar(final int i) {
        final double sigma = dayVolatility / StrictMath.sqrt(BARS_PER_SESSION) * volatilityShape[i];
        final long open = Math.max(MIN_CENTS, i == 0 ? cents(logPrice) : closeCents + tickJitter());
        final boolean flat = uniform() < FLAT_PROBABILITY;
        final long close;
        if (flat) {
            close = open;
        } else {
            logPrice += sigma * gaussian();
            close = cents(logPrice);
        }
        final double price = open / 100.0;
        final long top = Math.max(open, close);
        final long bottom = Math.min(open, close);
        final long high = flat ? top : top + Math.round(StrictMath.abs(gaussian()) * 0.45 * sigma * price * 100.0);
        final long low = flat ? bottom
            : Math.max(MIN_CENTS, bottom - Math.round(StrictMath.abs(gaussian()) * 0.45 * sigma * price * 100.0));
        final double noise = StrictMath.exp(0.4 * gaussian());
        final long shares = Math.round(clamp(dayVolume * volumeShape[i] * noise * (flat ? 0.3 : 1.0),
            MIN_VOLUME, MAX_VOLUME));
        final double mid = (open + close) * 50.0 + (uniform() - 0.5) * (high - low) * 50.0;
        final long vwap = Math.min(high * 100, Math.max(low * 100, Math.round(mid)));
        openCents = open;
        highCents = high;
        lowCents = low;
        barCloseCents = close;
        closeCents = close;
        volume = shares;
        vwapTenThousandths = vwap;
        trades = Math.max(1, Math.round(shares / (120.0 * StrictMath.exp(0.2 * gaussian()))));
    }

    private long tickJitter() {
        final double u = uniform();
        return u < 0.12 ? -1 : u > 0.88 ? 1 : 0;
    }

    private long cents(final double logDollars) {
        final double dollars = StrictMath.exp(logDollars);
        final long c = Math.round(dollars * 100.0);
        if (c < MIN_CENTS) {
            logPrice = StrictMath.log(MIN_CENTS / 100.0);
            return MIN_CENTS;
        }
        return c;
    }

    private double uniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Box-Muller with {@link StrictMath}, so every platform draws the same values. */
    private double gaussian() {
        if (!Double.isNaN(spareGaussian)) {
            final double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        final double u1 = 1.0 - uniform();
        final double u2 = uniform();
        final double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        final double theta = 2.0 * StrictMath.PI * u2;
        spareGaussian = r * StrictMath.sin(theta);
        return r * StrictMath.cos(theta);
    }

    private long nextLong() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double clamp(final double x, final double lo, final double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
