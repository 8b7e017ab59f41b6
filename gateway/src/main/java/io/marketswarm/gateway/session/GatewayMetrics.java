package io.marketswarm.gateway.session;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters of the gateway, rendered for {@code GET /metrics} in Prometheus text format. Counters are updated from
 * any thread; latency samples come from the engine threads through a {@link Recorder}.
 */
public final class GatewayMetrics {

    /** Grids emitted by all sessions. */
    public final LongAdder gridsEmitted = new LongAdder();
    /** Frames (text + binary pairs count as one grid each) written to clients. */
    public final LongAdder framesSent = new LongAdder();
    /** Grids skipped for a client that was not writable. */
    public final LongAdder framesConflated = new LongAdder();
    /** Clients closed for stalling. */
    public final LongAdder clientsStalled = new LongAdder();
    /** Stream requests refused at setup (bad parameters, lock). */
    public final LongAdder setupErrors = new LongAdder();
    /** Engine runs that failed. */
    public final LongAdder engineErrors = new LongAdder();
    /** Channel exceptions (bad frames, resets). */
    public final LongAdder channelErrors = new LongAdder();
    /** HTTP requests answered 4xx. */
    public final LongAdder httpErrors = new LongAdder();
    private final Recorder latency = new Recorder(3_600_000_000_000L, 3);
    private Histogram interval;

    /**
     * @param nanos ingest→snapshot latency of one grid.
     */
    public void recordLatency(final long nanos) {
        latency.recordValue(Math.max(0, Math.min(nanos, 3_600_000_000_000L)));
    }

    /**
     * Renders the metrics.
     *
     * @param sessions live sessions, for gauges.
     * @return Prometheus text.
     */
    public synchronized String render(final SessionRegistry sessions) {
        interval = latency.getIntervalHistogram(interval);
        final StringBuilder out = new StringBuilder(2048);
        counter(out, "marketswarm_events_processed_total", "MBO events processed by live sessions",
            sessions.eventsProcessed());
        counter(out, "marketswarm_grids_emitted_total", "grids emitted by the engines", gridsEmitted.sum());
        gauge(out, "marketswarm_clients_connected", "WebSocket clients connected", sessions.clients());
        gauge(out, "marketswarm_sessions", "engine sessions running", sessions.size());
        counter(out, "marketswarm_frames_sent_total", "grids written to clients", framesSent.sum());
        counter(out, "marketswarm_frames_conflated_total", "grids skipped for clients that fell behind",
            framesConflated.sum());
        out.append("# HELP marketswarm_errors_total errors by kind\n# TYPE marketswarm_errors_total counter\n");
        out.append("marketswarm_errors_total{kind=\"setup\"} ").append(setupErrors.sum()).append('\n');
        out.append("marketswarm_errors_total{kind=\"engine\"} ").append(engineErrors.sum()).append('\n');
        out.append("marketswarm_errors_total{kind=\"channel\"} ").append(channelErrors.sum()).append('\n');
        out.append("marketswarm_errors_total{kind=\"http\"} ").append(httpErrors.sum()).append('\n');
        out.append("marketswarm_errors_total{kind=\"stalled_client\"} ").append(clientsStalled.sum()).append('\n');
        gauge(out, "marketswarm_ring_remaining_capacity", "free ring slots, smallest over sessions (-1: none)",
            sessions.ringRemainingCapacity());
        out.append("# HELP marketswarm_ingest_to_snapshot_ns ingest to snapshot latency since the last scrape\n");
        out.append("# TYPE marketswarm_ingest_to_snapshot_ns summary\n");
        for (final double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            out.append(String.format(Locale.ROOT, "marketswarm_ingest_to_snapshot_ns{quantile=\"%s\"} %d%n", q,
                interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(q * 100)));
        }
        out.append("marketswarm_ingest_to_snapshot_ns_count ").append(interval.getTotalCount()).append('\n');
        return out.toString();
    }

    private static void counter(final StringBuilder out, final String name, final String help, final long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
            .append(" counter\n").append(name).append(' ').append(value).append('\n');
    }

    private static void gauge(final StringBuilder out, final String name, final String help, final long value) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name)
            .append(" gauge\n").append(name).append(' ').append(value).append('\n');
    }
}
