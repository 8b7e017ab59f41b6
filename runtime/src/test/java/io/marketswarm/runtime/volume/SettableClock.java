package io.marketswarm.runtime.volume;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock the test moves by hand: the live updater's "now" and {@code last_updated}. */
final class SettableClock extends Clock {

    private volatile Instant now;

    SettableClock(final Instant start) {
        now = start;
    }

    void setMillis(final long epochMs) {
        now = Instant.ofEpochMilli(epochMs);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
