package io.marketswarm.runtime.volume;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.feeds.massive.MassiveAggregatesClient;

/**
 * Runs the live volume-profile update (spec §6) for each configured ticker every {@code intervalSeconds}, first
 * cycle at once, on one daemon thread ({@code marketswarm-volume-updater}). A failing cycle (API down, key rejected,
 * Redis unreachable, a bad stored model) is logged and the next cycle tries again from the stored watermark, so a
 * bar is never lost and never counted twice. Cycles never overlap (fixed delay).
 */
public final class LiveUpdater implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveUpdater.class);

    private final VolumeProfileService service;
    private final Supplier<MassiveAggregatesClient> client;
    private final List<VolumeTicker> tickers;
    private final long intervalSeconds;
    private final Map<VolumeTicker, VolumeProfileService.LiveSession> sessions = new EnumMap<>(VolumeTicker.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "marketswarm-volume-updater");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param service         the service.
     * @param client          the Massive client (created lazily: a missing key fails each cycle with a clear log).
     * @param tickers         models to update.
     * @param intervalSeconds seconds between cycles.
     */
    public LiveUpdater(final VolumeProfileService service, final Supplier<MassiveAggregatesClient> client,
        final List<VolumeTicker> tickers, final long intervalSeconds) {
        if (tickers.isEmpty()) {
            throw new IllegalArgumentException("no ticker to update");
        }
        this.service = service;
        this.client = client;
        this.tickers = List.copyOf(tickers);
        this.intervalSeconds = intervalSeconds;
        for (final VolumeTicker t : tickers) {
            sessions.put(t, new VolumeProfileService.LiveSession());
        }
    }

    /** Schedules the cycles: the first now, then every interval after the previous one ended. */
    public void start() {
        LOG.info("volume-profile live updater: {} every {} s", tickers, intervalSeconds);
        timer.scheduleWithFixedDelay(this::scheduledCycle, 0, intervalSeconds, TimeUnit.SECONDS);
    }

    private void scheduledCycle() {
        try {
            runCycle();
        } catch (final Throwable ex) {
            LOG.error("live update cycle failed, will retry next cycle", ex);
        }
    }

    /**
     * Runs one cycle for every ticker on the calling thread (the timer thread, or a {@code --once} caller).
     *
     * @return {@code true} if every ticker's model was brought up to date.
     */
    public synchronized boolean runCycle() {
        boolean ok = true;
        for (final VolumeTicker ticker : tickers) {
            try {
                final VolumeProfileService.CycleResult r = service.liveCycle(ticker, client.get(),
                    sessions.get(ticker));
                switch (r.outcome()) {
                    case NO_MODEL, REFUSED -> ok = false;
                    case NO_NEW_BARS -> LOG.debug("live update {}: no new completed bar ({} still open)", ticker,
                        r.incomplete());
                    case UPDATED -> {
                        if (!r.published()) {
                            ok = false;
                        }
                    }
                    default -> throw new IllegalStateException(r.outcome().name());
                }
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            } catch (final Exception ex) {
                ok = false;
                LOG.error("live update {} failed, will retry next cycle: {}", ticker, ex.getMessage());
            }
        }
        return ok;
    }

    /** @return the period in seconds. */
    public long intervalSeconds() {
        return intervalSeconds;
    }

    /** @return the tickers updated. */
    public List<VolumeTicker> tickers() {
        return tickers;
    }

    /** Blocks until {@link #close()}. */
    public void awaitTermination() throws InterruptedException {
        while (!timer.awaitTermination(1, TimeUnit.HOURS)) {
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
