package io.marketswarm.runtime.volume;

import io.marketswarm.store.VolumeProfileKeys;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.engines.volume.LongHorizonMetrics;
import io.marketswarm.engines.volume.VolumeProfileModel;
import io.marketswarm.feeds.massive.BarSink;
import io.marketswarm.feeds.massive.FetchSummary;
import io.marketswarm.feeds.massive.MassiveAggregatesClient;
import io.marketswarm.feeds.massive.SyntheticMinuteBars;

/**
 * The backfill tool's actions, shared by {@code volume-profile backfill} and the interactive menu: they resolve the
 * multiplier (CLI, then config, then the original's default, with the §1 warning for QQQ ×4), check that both
 * Redis roles answer (before a long download, not after), run the {@link VolumeProfileService}, and print a summary. Exit codes: 0 done, 1 failed or (summary) no model.
 */
public final class VolumeProfileActions {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeProfileActions.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private VolumeProfileActions() {
    }

    /**
     * A backfill request as the operator gave it.
     *
     * @param ticker     ETF.
     * @param start      first day, or {@code null} (files only: whatever they hold).
     * @param end        last day, or {@code null}.
     * @param publish    publish mode.
     * @param wipe       delete before fetching.
     * @param multiplier {@code --multiplier}, or {@code null}.
     * @param keepOhlc   keep bars in the model; {@code null} (the menu): keep them when the model will fit, else
     *                   build without them and say so.
     */
    public record Options(VolumeTicker ticker, LocalDate start, LocalDate end, PublishMode publish, boolean wipe,
        Double multiplier, Boolean keepOhlc) {
    }

    /** Bars per trading day with extended hours (04:00–20:00 ET), for the size estimate. */
    private static final long BARS_PER_DAY = 960;
    /** Bytes of one {@code ohlc} entry in the model JSON, rounded up. */
    private static final long OHLC_BYTES_PER_BAR = 90;

    /**
     * Prints the stored model's summary (no network, no writes).
     *
     * @return 0, or 1 if no model is stored.
     */
    public static int summary(final VolumeProfileRuntime ctx, final VolumeTicker ticker, final PrintWriter out) {
        final VolumeProfileModel model = ctx.service().load(ticker);
        if (model == null) {
            out.printf(Locale.ROOT, "no %s model in %s (key %s): run volume-profile backfill --ticker %s --years 5%n",
                ticker.synthetic(), ctx.system().describe(), VolumeProfileKeys.modelKey(ticker.synthetic()), ticker);
            out.flush();
            return 1;
        }
        out.print(VolumeProfileSummary.render(model, ctx.system().describe() + " "
            + VolumeProfileKeys.modelKey(ticker.synthetic())));
        out.flush();
        return 0;
    }

    /**
     * Runs a backfill and prints what it did.
     *
     * @param files bars from local files, or {@code null} for the Massive API.
     * @return 0 on success.
     * @throws Exception the failure; nothing was written.
     */
    public static int backfill(final VolumeProfileRuntime ctx, final Options o, final BarFeed files,
        final PrintWriter out) throws Exception {
        final VolumeTicker ticker = o.ticker();
        final double multiplier;
        final String source;
        final Double configured = ctx.settings().configuredMultiplier(ticker);
        if (o.multiplier() != null) {
            multiplier = o.multiplier();
            source = "cli";
        } else if (configured != null) {
            multiplier = configured;
            source = "config";
        } else {
            multiplier = ticker.defaultMultiplier();
            source = "default";
        }
        if (ticker == VolumeTicker.QQQ && multiplier == 4.0) {
            LOG.warn("QQQ → NDX with multiplier 4 (the original's value): NDX/QQQ is about 40; ×4 is the QQQ → MNX "
                + "(NDX/10) relation. Kept for parity; set volumeProfile.multiplier.QQQ or --multiplier 40 (with "
                + "--wipe) for true NDX points");
        }
        final boolean keepOhlc = keepOhlc(o, out);
        final BarFeed feed = files != null ? files : apiFeed(ctx.client(), ticker, o.start(), o.end());
        ctx.system().exists(VolumeProfileKeys.modelKey(ticker.synthetic()));
        ctx.market().exists(VolumeProfileKeys.pocKey(ticker.name()));
        final VolumeProfileService.BackfillRequest request = new VolumeProfileService.BackfillRequest(ticker,
            o.start(), o.end(), o.publish(), o.wipe(), multiplier, source, keepOhlc, files != null);
        LOG.info("backfill {} → {} ×{} ({}) from {}{}, publish {}{}", ticker, ticker.synthetic(), multiplier, source,
            feed.describe(), o.start() == null ? "" : " for " + o.start() + " to " + o.end(), o.publish(),
            o.wipe() ? ", wipe first" : "");
        final long fromMs = o.start() == null ? 0 : o.start().atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
        final long toMs = o.end() == null ? System.currentTimeMillis()
            : o.end().plusDays(1).atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
        final BackfillProgress progress = BackfillProgress.forTerminal(fromMs, toMs);
        final VolumeProfileService.BackfillResult r;
        try {
            r = ctx.service().backfill(request, feed, progress);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        final LongHorizonMetrics m = r.metrics();
        out.printf(Locale.ROOT, "backfill %s → %s done in %.2f s: %,d bars (%,.0f bars/s), %,d skipped; %,d RAW / "
                + "%,d TV bins; VPOC %s%n", ticker, r.synthetic(), r.seconds(), r.bars(),
            r.bars() / Math.max(r.seconds(), 1e-9), r.skipped(), r.rawBins(), r.tvBins(),
            m != null && m.hasVpoc() ? Long.toString(m.vpoc()) : "none");
        out.printf(Locale.ROOT, "saved %,d bytes to %s%s on %s; published %d message(s) (%s) on %s%n", r.modelBytes(),
            r.modelKey(), r.legacyKey() == null ? "" : " and " + r.legacyKey(), ctx.system().describe(), r.published(),
            o.publish(), VolumeProfileKeys.CHANNEL);
        if (!r.sessionKeys().isEmpty()) {
            out.printf(Locale.ROOT, "session profiles: %s%n", String.join(", ", r.sessionKeys()));
        }
        out.flush();
        return 0;
    }

    /**
     * Decides whether the model keeps its bars, before anything is deleted or fetched: a range whose {@code ohlc}
     * would pass the Redis string limit (full SPY history is about 6M bars) is refused on the command line, and built
     * without bars from the menu.
     */
    private static boolean keepOhlc(final Options o, final PrintWriter out) {
        if (Boolean.FALSE.equals(o.keepOhlc()) || o.start() == null) {
            return !Boolean.FALSE.equals(o.keepOhlc());
        }
        final long estimate = SyntheticMinuteBars.weekdays(o.start(), o.end()) * BARS_PER_DAY * OHLC_BYTES_PER_BAR;
        if (estimate <= VolumeProfileService.MAX_MODEL_BYTES) {
            return true;
        }
        if (o.keepOhlc() == null) {
            out.printf(Locale.ROOT, "note: %s to %s with every bar would be about %,d MB, above Redis's 512 MB string "
                + "limit: building the model without ohlc%n", o.start(), o.end(), estimate >> 20);
            out.flush();
            return false;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s to %s with every bar in the model would be "
            + "about %,d MB, above Redis's 512 MB string limit; add --no-ohlc (nothing was deleted or fetched)",
            o.start(), o.end(), estimate >> 20));
    }

    private static BarFeed apiFeed(final MassiveAggregatesClient client, final VolumeTicker ticker,
        final LocalDate start, final LocalDate end) {
        return new BarFeed() {
            @Override
            public long run(final BarSink sink) throws Exception {
                final FetchSummary summary = client.fetchMinuteBars(ticker.name(), start, end, sink);
                LOG.info("fetched {} bars of {} in {} page(s)", summary.bars(), ticker, summary.pages());
                return summary.bars();
            }

            @Override
            public String describe() {
                return "Massive " + client.config().baseUrl();
            }
        };
    }
}
