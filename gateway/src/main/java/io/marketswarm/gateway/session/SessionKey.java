package io.marketswarm.gateway.session;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * What makes two stream requests share one engine run (spec §11.2 and the issue): the date, the start time and the
 * throttle. The product type and symbol are locked per process.
 *
 * @param date       trading date.
 * @param startTime  America/New_York start time, or {@code null} for none.
 * @param throttleMs throttle, ms, &gt;= 0.
 */
public record SessionKey(LocalDate date, LocalTime startTime, double throttleMs) {
}
