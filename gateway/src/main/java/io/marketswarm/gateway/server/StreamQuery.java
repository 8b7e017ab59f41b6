package io.marketswarm.gateway.server;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentLock;
import io.marketswarm.gateway.session.SessionKey;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Parses and validates the stream request's query (spec §11.2): {@code product_type} (default {@code future_mbo}),
 * {@code symbol} (default {@code MNQH6}), {@code dt}, {@code start_time} (HH:MM) and {@code throttle_ms} (decimal,
 * &gt;= 0), the last three defaulting to the server's {@code serve} options. Failures are {@link IllegalArgumentException}s whose message is
 * sent to the client as the setup error.
 */
public final class StreamQuery {

    private StreamQuery() {
    }

    /**
     * @param uri      request URI.
     * @param config   the locked instrument.
     * @param defaults {@code dt}, {@code start_time} and {@code throttle_ms} used when the request has none.
     * @return the session key.
     * @throws IllegalArgumentException naming the bad parameter, or the lock message.
     */
    public static SessionKey parse(final String uri, final InstrumentConfig config, final SessionKey defaults) {
        final Map<String, List<String>> params = new QueryStringDecoder(uri).parameters();
        final String productType = first(params, "product_type", InstrumentConfig.FUTURE_MBO);
        final String symbol = first(params, "symbol", "MNQH6");
        InstrumentLock.check(config, productType, symbol);
        config.wireConfigVersion();
        final String dt = first(params, "dt", null);
        final LocalDate date;
        try {
            date = dt == null ? defaults.date() : LocalDate.parse(dt.trim());
        } catch (final DateTimeParseException ex) {
            throw new IllegalArgumentException("dt '" + dt + "' is not a YYYY-MM-DD date");
        }
        final String start = first(params, "start_time", null);
        LocalTime startTime = start == null ? defaults.startTime() : null;
        if (start != null && !start.isBlank()) {
            try {
                startTime = LocalTime.parse(start.trim());
            } catch (final DateTimeParseException ex) {
                throw new IllegalArgumentException("start_time '" + start + "' is not an HH:MM time");
            }
        }
        final String throttle = first(params, "throttle_ms", Double.toString(defaults.throttleMs()));
        final double throttleMs;
        try {
            throttleMs = Double.parseDouble(throttle.trim());
        } catch (final NumberFormatException ex) {
            throw new IllegalArgumentException("throttle_ms '" + throttle + "' is not a number");
        }
        if (!(throttleMs >= 0) || Double.isInfinite(throttleMs)) {
            throw new IllegalArgumentException("throttle_ms must be >= 0, got " + throttle);
        }
        return new SessionKey(date, startTime, throttleMs);
    }

    private static String first(final Map<String, List<String>> params, final String name, final String fallback) {
        final List<String> values = params.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
