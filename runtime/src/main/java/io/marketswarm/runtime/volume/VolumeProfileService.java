package io.marketswarm.runtime.volume;

import io.marketswarm.store.VolumeProfileKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.core.format.JsonByteWriter;
import io.marketswarm.engines.volume.LongHorizonMetrics;
import io.marketswarm.engines.volume.SessionProfileBuilder;
import io.marketswarm.engines.volume.SessionProfileHashes;
import io.marketswarm.engines.volume.SessionProfileSnapshot;
import io.marketswarm.engines.volume.VolumeProfileModel;
import io.marketswarm.engines.volume.VolumeProfileModelJson;
import io.marketswarm.feeds.massive.BarSink;
import io.marketswarm.feeds.massive.MassiveAggregatesClient;
import io.marketswarm.store.KeyValueStore;
import io.marketswarm.store.MessageBus;

/**
 * Builds, updates, stores and publishes long-horizon volume-profile models (spec {@code volume-profile.md} §4–§7).
 * Bars go through the {@link VolumeProfileStage}'s ring; the model and the session profile are touched only by the
 * stage thread while a batch runs, and by the calling thread before and after.
 *
 * <p><b>Nothing partial is written.</b> A backfill whose feed fails writes nothing (with {@code --wipe} the old
 * model was deleted before fetching, as the spec orders). A live cycle whose fetch fails saves nothing, so its
 * watermark does not move and the next cycle fetches the same bars again; the watermark guarantees no bar is
 * counted twice.
 *
 * <p>Threading: one caller at a time per ticker (the CLI, or the live updater's thread).
 */
public final class VolumeProfileService {

    /** Finished sessions whose {@code volume_profile:session:*} hash a backfill writes (besides the last one). */
    static final int SESSIONS_KEPT = 5;

    /**
     * Largest model written: Redis's default {@code proto-max-bulk-len} (512 MiB). Full history with {@code ohlc}
     * (SPY since 1993, about 6M bars) exceeds it; such a build fails before writing and asks for {@code --no-ohlc}.
     */
    static final int MAX_MODEL_BYTES = 512 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(VolumeProfileService.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter ISO_MICROS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long MINUTE_MS = 60_000L;

    private final VolumeProfileSettings settings;
    private final KeyValueStore system;
    private final KeyValueStore market;
    private final MessageBus bus;
    private final VolumeProfileStage stage;
    private final Clock clock;
    private final int maxModelBytes;

    /**
     * @param settings config.
     * @param system   system-redis role (models).
     * @param market   market-redis role (session hashes).
     * @param bus      market-redis publications.
     * @param stage    the bar ring's consumer.
     * @param clock    wall clock: {@code last_updated} and the live updater's "now".
     */
    public VolumeProfileService(final VolumeProfileSettings settings, final KeyValueStore system,
        final KeyValueStore market, final MessageBus bus, final VolumeProfileStage stage, final Clock clock) {
        this(settings, system, market, bus, stage, clock, MAX_MODEL_BYTES);
    }

    VolumeProfileService(final VolumeProfileSettings settings, final KeyValueStore system,
        final KeyValueStore market, final MessageBus bus, final VolumeProfileStage stage, final Clock clock,
        final int maxModelBytes) {
        this.maxModelBytes = maxModelBytes;
        this.settings = settings;
        this.system = system;
        this.market = market;
        this.bus = bus;
        this.stage = stage;
        this.clock = clock;
    }

    /**
     * What to build.
     *
     * @param ticker           ETF.
     * @param start            first day (inclusive), or {@code null} for whatever a file feed holds.
     * @param end              last day (inclusive), or {@code null} with {@code start}.
     * @param publish          publications after the save.
     * @param wipe             delete the stored model before fetching.
     * @param multiplier       synthetic multiplier.
     * @param multiplierSource {@code default}, {@code config} or {@code cli}.
     * @param keepOhlc         keep every bar in the model ({@code false} = {@code --no-ohlc}).
     * @param filterRange      drop bars outside {@code [start, end]} (New York dates): for local files, which may
     *                         hold more than the range.
     */
    public record BackfillRequest(VolumeTicker ticker, LocalDate start, LocalDate end, PublishMode publish,
        boolean wipe, double multiplier, String multiplierSource, boolean keepOhlc, boolean filterRange) {
    }

    /**
     * What a backfill did.
     *
     * @param synthetic    synthetic symbol.
     * @param modelKey     key written.
     * @param legacyKey    legacy key written too, or {@code null}.
     * @param bars         bars in the model.
     * @param skipped      bars dropped: outside the range, or at/before an earlier bar's time.
     * @param rawBins      RAW bins.
     * @param tvBins       TV bins.
     * @param modelBytes   size of the stored JSON.
     * @param published    messages published.
     * @param sessionKeys  session hashes written.
     * @param metrics      VPOC/HVN/LVN of the model.
     * @param seconds      wall time.
     */
    public record BackfillResult(String synthetic, String modelKey, String legacyKey, long bars, long skipped,
        int rawBins, int tvBins, long modelBytes, int published, List<String> sessionKeys, LongHorizonMetrics metrics,
        double seconds) {
    }

    /**
     * Runs one backfill (spec §7): optional wipe, build through the ring, SET the model (and the legacy key when this
     * is the legacy symbol), publish per {@code publish}, write the session hashes of the last sessions.
     *
     * @param progress called on this thread with each bar's {@code t} (for a progress bar); may be {@code null}.
     * @throws IllegalStateException if a stored model has another multiplier and {@code wipe} is off.
     * @throws Exception             the feed's failure; nothing was written.
     */
    public BackfillResult backfill(final BackfillRequest request, final BarFeed feed, final LongConsumer progress)
        throws Exception {
        final long began = System.nanoTime();
        final String synthetic = request.ticker().synthetic();
        final String key = VolumeProfileKeys.modelKey(synthetic);
        final boolean legacy = settings.legacySymbol().equals(synthetic);
        if (request.wipe()) {
            final long deleted = legacy ? system.delete(key, VolumeProfileKeys.LEGACY_MODEL_KEY) : system.delete(key);
            LOG.info("wipe: deleted {} key(s) of {} on {} before fetching", deleted, synthetic, system.describe());
        } else {
            final byte[] existing = system.get(key);
            if (existing != null) {
                final VolumeProfileModel stored = VolumeProfileModelJson.read(existing,
                    system.describe() + " key " + key, false);
                if (Double.compare(stored.multiplier(), request.multiplier()) != 0) {
                    throw new IllegalStateException("the stored " + synthetic + " model (" + key + ") was built with "
                        + "multiplier " + stored.multiplier() + " but this backfill uses " + request.multiplier()
                        + ". A model is never mixed across multipliers: rebuild it with --wipe (e.g. "
                        + "volume-profile backfill --ticker " + request.ticker() + " --wipe --years max)");
                }
            }
        }
        final VolumeProfileModel model = new VolumeProfileModel(request.ticker().name(), synthetic,
            request.multiplier(), request.multiplierSource(), request.keepOhlc());
        final ArrayDeque<SessionProfileSnapshot> finished = new ArrayDeque<>();
        final SessionProfileBuilder sessions = newSessionBuilder(request.ticker(), finished);
        final boolean filter = request.filterRange() && request.start() != null;
        final long fromMs = filter ? request.start().atStartOfDay(NEW_YORK).toInstant().toEpochMilli() : 0;
        final long toMs = filter ? request.end().plusDays(1).atStartOfDay(NEW_YORK).toInstant().toEpochMilli() : 0;
        final long[] skipped = {0};
        final long[] firstT = {Long.MIN_VALUE};
        final long startedMs = clock.millis();
        final VolumeProfileStage.Batch batch = stage.begin((t, o, h, l, c, v) -> {
            if (filter && (t < fromMs || t >= toMs) || t + MINUTE_MS > startedMs) {
                skipped[0]++;
            } else if (model.apply(t, o, h, l, c, v)) {
                if (firstT[0] == Long.MIN_VALUE) {
                    firstT[0] = t;
                }
                sessions.onBar(t, o, h, l, c, v);
            }
        });
        final BarSink sink = progress == null ? batch : (t, o, h, l, c, v, vw, n) -> {
            batch.onBar(t, o, h, l, c, v, vw, n);
            progress.accept(t);
        };
        try {
            feed.run(sink);
        } catch (final Exception | Error ex) {
            batch.abandon();
            throw ex;
        }
        batch.end();
        model.recomputeMetrics();
        if (request.start() != null) {
            model.sourceRange(request.start().toString(), request.end().toString());
        } else if (model.barCount() > 0) {
            model.sourceRange(nyDate(firstT[0]).toString(), nyDate(model.lastBarT()).toString());
        }
        model.lastUpdated(nowIso());
        final JsonByteWriter json = new JsonByteWriter(model.keepsOhlc() ? 96 * model.ohlc().size() + 65_536
            : 65_536);
        VolumeProfileModelJson.write(model, json, true);
        checkSize(json.length(), synthetic, model);
        final byte[] bytes = json.toByteArray();
        system.setAll(modelWrites(key, bytes, legacy));
        LOG.info("saved {} model: {} bars, {} RAW / {} TV bins, {} bytes at {}{} on {}", synthetic,
            model.barCount(), model.profile().rawBinCount(), model.profile().tvBinCount(), bytes.length, key,
            legacy ? " and " + VolumeProfileKeys.LEGACY_MODEL_KEY : "", system.describe());
        final int published = publishBuckets(model, request.publish());
        final List<String> sessionKeys = writeSessions(sessions, finished);
        return new BackfillResult(synthetic, key, legacy ? VolumeProfileKeys.LEGACY_MODEL_KEY : null,
            model.barCount(), skipped[0] + model.staleBarsSkipped(), model.profile().rawBinCount(),
            model.profile().tvBinCount(), bytes.length, published, sessionKeys, model.metrics(),
            (System.nanoTime() - began) / 1e9);
    }

    /**
     * Reads the stored model of {@code ticker} (its own key, else the legacy key when it mirrors this symbol).
     *
     * @return the model with its bars, or {@code null} if none is stored.
     */
    public VolumeProfileModel load(final VolumeTicker ticker) {
        final String synthetic = ticker.synthetic();
        final String key = VolumeProfileKeys.modelKey(synthetic);
        byte[] bytes = system.get(key);
        String source = system.describe() + " key " + key;
        if (bytes == null && settings.legacySymbol().equals(synthetic)) {
            bytes = system.get(VolumeProfileKeys.LEGACY_MODEL_KEY);
            source = system.describe() + " key " + VolumeProfileKeys.LEGACY_MODEL_KEY;
        }
        if (bytes == null) {
            return null;
        }
        final VolumeProfileModel model = VolumeProfileModelJson.read(bytes, source, true);
        if (!ticker.name().equalsIgnoreCase(model.symbol()) || !synthetic.equalsIgnoreCase(model.syntheticSymbol())) {
            LOG.warn("{} holds a {} → {} model, not {} → {}: ignored (the original wrote whichever ticker was "
                + "backfilled last to the legacy key)", source, model.symbol(), model.syntheticSymbol(), ticker,
                synthetic);
            return null;
        }
        return model;
    }

    /** Outcome of one live cycle for one ticker. */
    public enum CycleOutcome {
        /** No stored model: nothing to update. */
        NO_MODEL,
        /** The stored model has no watermark: a rebuild is needed. */
        REFUSED,
        /** Fetched, but no new completed bar. */
        NO_NEW_BARS,
        /** New bars added, saved and published. */
        UPDATED
    }

    /**
     * Result of one live cycle.
     *
     * @param outcome    what happened.
     * @param added      bars added.
     * @param incomplete bars dropped because their minute has not ended.
     * @param stale      bars at or before the watermark.
     * @param lastBarT   watermark after the cycle.
     * @param published  whether the snapshot was published.
     */
    public record CycleResult(CycleOutcome outcome, long added, long incomplete, long stale, long lastBarT,
        boolean published) {
    }

    /**
     * One live-update cycle (spec §6) for {@code ticker}: load, fetch completed bars after the watermark, add them
     * through the ring, recompute VPOC/HVN/LVN, save and publish the live snapshot (without {@code ohlc}); nothing is
     * saved or published when no bar was added.
     *
     * @param sessions the ticker's session profile, kept by the caller across cycles (seeded here when empty).
     * @throws Exception a fetch, store or model failure; nothing was saved.
     */
    public CycleResult liveCycle(final VolumeTicker ticker, final MassiveAggregatesClient client,
        final LiveSession sessions) throws Exception {
        final VolumeProfileModel model = load(ticker);
        if (model == null) {
            LOG.warn("No base volume-profile model for {} → {} in {}: run volume-profile backfill --ticker {} --years 5", ticker,
                ticker.synthetic(), system.describe(), ticker);
            return new CycleResult(CycleOutcome.NO_MODEL, 0, 0, 0, VolumeProfileModel.NO_BARS, false);
        }
        if (model.lastBarT() == VolumeProfileModel.NO_BARS) {
            LOG.error("the {} model has no watermark (no last_bar_t and an empty ohlc), so new bars could be counted "
                + "twice; refusing to update it. Rebuild it: volume-profile backfill --ticker {} --wipe --years 5",
                ticker.synthetic(), ticker);
            return new CycleResult(CycleOutcome.REFUSED, 0, 0, 0, VolumeProfileModel.NO_BARS, false);
        }
        final Double configured = settings.configuredMultiplier(ticker);
        if (configured != null && Double.compare(configured, model.multiplier()) != 0) {
            LOG.warn("volumeProfile.multiplier.{} is {} but the stored {} model was built with {}; updates keep the "
                + "model's multiplier (rebuild with --wipe to change it)", ticker, configured, ticker.synthetic(),
                model.multiplier());
        }
        final long nowMs = clock.millis();
        final long watermark = model.lastBarT();
        final long fromMs = watermark + MINUTE_MS;
        if (fromMs + MINUTE_MS > nowMs) {
            return new CycleResult(CycleOutcome.NO_NEW_BARS, 0, 0, 0, watermark, false);
        }
        sessions.seed(model, settings, ticker);
        final SessionProfileBuilder builder = sessions.builder();
        final long[] counts = new long[2];
        final VolumeProfileStage.Batch batch = stage.begin((t, o, h, l, c, v) -> {
            if (t + MINUTE_MS > nowMs) {
                counts[0]++;
            } else if (model.apply(t, o, h, l, c, v)) {
                counts[1]++;
                builder.onBar(t, o, h, l, c, v);
            }
        });
        try {
            client.fetchMinuteBars(ticker.name(), fromMs, nowMs, batch);
        } catch (final Exception | Error ex) {
            batch.abandon();
            sessions.reset();
            throw ex;
        }
        try {
            batch.end();
        } catch (final RuntimeException | InterruptedException ex) {
            sessions.reset();
            throw ex;
        }
        if (counts[1] == 0) {
            return new CycleResult(CycleOutcome.NO_NEW_BARS, 0, counts[0], model.staleBarsSkipped(), watermark,
                false);
        }
        model.recomputeMetrics();
        model.lastUpdated(nowIso());
        final JsonByteWriter json = new JsonByteWriter(model.keepsOhlc() ? 96 * model.ohlc().size() + 65_536
            : 65_536);
        VolumeProfileModelJson.write(model, json, true);
        final String key = VolumeProfileKeys.modelKey(ticker.synthetic());
        try {
            checkSize(json.length(), ticker.synthetic(), model);
            final byte[] bytes = json.toByteArray();
            system.setAll(modelWrites(key, bytes, settings.legacySymbol().equals(ticker.synthetic())));
        } catch (final RuntimeException ex) {
            sessions.reset();
            throw ex;
        }
        json.reset().raw('{').key("symbol").string(ticker.synthetic()).raw(',').key("volume_profile");
        VolumeProfileModelJson.write(model, json, false);
        json.raw('}');
        boolean published = false;
        try {
            bus.publish(VolumeProfileKeys.CHANNEL, json.toString());
            published = true;
        } catch (final RuntimeException ex) {
            LOG.error("saved the {} model but could not publish it on {}: {}", ticker.synthetic(),
                VolumeProfileKeys.CHANNEL, ex.getMessage());
        }
        try {
            writeSessions(builder, new ArrayDeque<>());
        } catch (final RuntimeException ex) {
            LOG.error("could not write the {} session profile: {}", ticker, ex.getMessage());
        }
        LOG.info("live update {} → {}: +{} bars (watermark {} → {}), VPOC {}", ticker, ticker.synthetic(), counts[1],
            Instant.ofEpochMilli(watermark), Instant.ofEpochMilli(model.lastBarT()),
            model.metrics().hasVpoc() ? model.metrics().vpoc() : "none");
        return new CycleResult(CycleOutcome.UPDATED, counts[1], counts[0], model.staleBarsSkipped(),
            model.lastBarT(), published);
    }

    /** @return the service's settings. */
    public VolumeProfileSettings settings() {
        return settings;
    }

    /** @return system-redis (models). */
    public KeyValueStore system() {
        return system;
    }

    SessionProfileBuilder newSessionBuilder(final VolumeTicker ticker,
        final ArrayDeque<SessionProfileSnapshot> finished) {
        return new SessionProfileBuilder(ticker.name(), settings.rowSize(), session -> {
            if (session.rowsWithVolume() > 0) {
                finished.addLast(session);
                if (finished.size() > SESSIONS_KEPT) {
                    finished.removeFirst();
                }
            }
        });
    }

    private int publishBuckets(final VolumeProfileModel model, final PublishMode mode) {
        int sent = 0;
        final JsonByteWriter json = new JsonByteWriter(64 * Math.max(model.profile().rawBinCount(),
            model.profile().tvBinCount()) + 256);
        for (final boolean raw : new boolean[] {true, false}) {
            if (mode == PublishMode.NONE || mode == PublishMode.RAW && !raw || mode == PublishMode.TV && raw) {
                continue;
            }
            json.reset().raw('{').key("symbol").string(model.syntheticSymbol()).raw(',').key("mode")
                .string(raw ? "raw" : "tv").raw(',').key("buckets");
            VolumeProfileModelJson.writeBuckets(json, model.profile(), raw);
            json.raw('}');
            bus.publish(VolumeProfileKeys.CHANNEL, json.toString());
            sent++;
        }
        if (sent > 0) {
            LOG.info("published {} message(s) ({}) on {} via {}", sent, mode, VolumeProfileKeys.CHANNEL,
                bus.describe());
        }
        return sent;
    }

    private List<String> writeSessions(final SessionProfileBuilder builder,
        final ArrayDeque<SessionProfileSnapshot> finished) {
        final List<SessionProfileSnapshot> all = new ArrayList<>(finished);
        final SessionProfileSnapshot open = builder.snapshot();
        if (open != null && open.rowsWithVolume() > 0) {
            all.add(open);
        }
        final List<String> keys = new ArrayList<>();
        SessionProfileHashes latest = null;
        for (final SessionProfileSnapshot session : all) {
            final SessionProfileHashes hashes = new SessionProfileHashes(session, settings.sessionConfig(),
                settings.priceDecimals());
            final String key = VolumeProfileKeys.sessionKey(session.symbol(), session.sessionDate());
            market.replaceHash(key, hashes.sessionFields(), settings.sessionTtlSeconds());
            keys.add(key);
            latest = hashes;
        }
        if (latest != null) {
            final String key = VolumeProfileKeys.pocKey(builder.symbol());
            market.replaceHash(key, latest.pocFields(), settings.sessionTtlSeconds());
            keys.add(key);
        }
        return keys;
    }

    private void checkSize(final int bytes, final String synthetic, final VolumeProfileModel model) {
        if (bytes > maxModelBytes) {
            throw new IllegalStateException(String.format(Locale.ROOT, "the %s model would be %,d bytes (%,d bars "
                + "kept in ohlc), above the %,d-byte limit of a Redis string; nothing was written. Build it with "
                + "--no-ohlc (and --wipe), or a shorter range", synthetic, bytes, model.ohlc().size(), maxModelBytes));
        }
    }

    private static LocalDate nyDate(final long ms) {
        return Instant.ofEpochMilli(ms).atZone(NEW_YORK).toLocalDate();
    }

    private String nowIso() {
        return ISO_MICROS.format(clock.instant());
    }

    /**
     * The live updater's session profile of one ticker, kept across cycles. Seeded from the model's bars of the
     * watermark's New York date on first use, so a restarted updater resumes the day's profile.
     */
    public static final class LiveSession {
        private SessionProfileBuilder builder;

        void seed(final VolumeProfileModel model, final VolumeProfileSettings settings, final VolumeTicker ticker) {
            if (builder != null) {
                return;
            }
            builder = new SessionProfileBuilder(ticker.name(), settings.rowSize(), session -> { });
            final var bars = model.ohlc();
            if (bars.size() == 0) {
                return;
            }
            final LocalDate day = Instant.ofEpochMilli(model.lastBarT()).atZone(NEW_YORK).toLocalDate();
            final long dayStart = day.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
            int first = bars.size();
            while (first > 0 && bars.t(first - 1) >= dayStart) {
                first--;
            }
            for (int i = first; i < bars.size(); i++) {
                builder.onBar(bars.t(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            }
        }

        SessionProfileBuilder builder() {
            return builder;
        }

        void reset() {
            builder = null;
        }
    }

    /**
     * The model key and, for the legacy symbol, the legacy key, in that order (one MULTI/EXEC on Redis; the local
     * store renames in this order).
     */
    private static Map<String, byte[]> modelWrites(final String key, final byte[] bytes, final boolean legacy) {
        final Map<String, byte[]> writes = new LinkedHashMap<>();
        writes.put(key, bytes);
        if (legacy) {
            writes.put(VolumeProfileKeys.LEGACY_MODEL_KEY, bytes);
        }
        return writes;
    }
}
