package io.marketswarm.gateway.profile;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * {@code GET /api/models/volume_profile?mode=raw|tv&min=&max=&symbol=}: one mode of the long-horizon volume profile
 * model as JSON.
 *
 * <pre>
 * {"symbol":"SPX","source_symbol":"SPY","mode":"raw","multiplier":10.0,"last_updated":"...","bar_count":N,
 *  "last_bar_t":T,"min_bin":B,"max_bin":B,"vpoc":B,"hvn":[...],"lvn":[...],"value_area_high":B,
 *  "value_area_low":B,"buckets":{"6000":100.0,...}}
 * </pre>
 * {@code min_bin}/{@code max_bin} (the mode's full range), {@code vpoc} and the value area always describe the full
 * profile ({@link VolumeProfileLevels}; null when the mode has no bins); {@code hvn}, {@code lvn} (computed over
 * the full profile) and {@code buckets} are restricted to the inclusive {@code [min, max]} window. Floats are
 * rendered as Python's {@code repr}.
 *
 * <p>Answers: 200 with the model; 400 {@code {"error":...}} naming the bad parameter; 404 when no model is stored
 * (the message says which backfill to run); 503 with the error text when loading fails, or when the loader queue
 * is full or closed.
 *
 * <p>Threads: {@link #get} is called on an event loop and only parses; everything else (cache lookup,
 * {@link VolumeProfileModels#load}, levels, rendering) runs on the loader executor, by default one daemon thread
 * {@code marketswarm-volume-model-loader} owned by this object. A loaded model and its levels (both modes, computed once per load)
 * are cached per symbol until {@code cacheTtlMs} passes or {@link #onPublished} sees a publication naming the
 * symbol (bus thread). A model loaded while a publication arrives is served but not cached.
 */
public final class VolumeProfileApi implements AutoCloseable {

    /**
     * An answer.
     *
     * @param status HTTP status.
     * @param body   UTF-8 JSON.
     */
    public record Response(int status, byte[] body) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(VolumeProfileApi.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final VolumeProfileModels models;
    private final VolumeProfileLevels.Rule levels;
    private final VolumeProfileApiConfig config;
    private final Executor loader;
    private final ExecutorService owned;
    private final LongSupplier nanoClock;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();
    private final LongAdder loads = new LongAdder();

    /**
     * With its own loader thread and the system clock.
     *
     * @param models model source.
     * @param levels computes the reference levels of a loaded model.
     * @param config settings.
     */
    public VolumeProfileApi(final VolumeProfileModels models, final VolumeProfileLevels.Rule levels,
        final VolumeProfileApiConfig config) {
        this(models, levels, config, newLoader(config.queueLimit()), System::nanoTime, true);
    }

    /**
     * With a caller's executor (not shut down by {@link #close()}) and clock, for tests and embedding.
     *
     * @param models    model source.
     * @param levels    computes the reference levels of a loaded model.
     * @param config    settings ({@code queueLimit} is the executor's business here).
     * @param loader    runs loads and rendering; must not be an event loop.
     * @param nanoClock monotonic time in ns, for the cache TTL.
     */
    public VolumeProfileApi(final VolumeProfileModels models, final VolumeProfileLevels.Rule levels,
        final VolumeProfileApiConfig config, final Executor loader, final LongSupplier nanoClock) {
        this(models, levels, config, loader, nanoClock, false);
    }

    private VolumeProfileApi(final VolumeProfileModels models, final VolumeProfileLevels.Rule levels,
        final VolumeProfileApiConfig config, final Executor loader, final LongSupplier nanoClock, final boolean own) {
        this.models = models;
        this.levels = levels;
        this.config = config;
        this.loader = loader;
        this.owned = own ? (ExecutorService)loader : null;
        this.nanoClock = nanoClock;
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(config.cacheTtlMs());
    }

    private static ExecutorService newLoader(final int queueLimit) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(queueLimit), r -> {
            final Thread thread = new Thread(r, "marketswarm-volume-model-loader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return the settings. */
    public VolumeProfileApiConfig config() {
        return config;
    }

    /**
     * Event loop (any thread): answers one request. Never blocks.
     *
     * @param uri request URI.
     * @return the answer; already complete for a 400, else completed on the loader thread.
     */
    public CompletableFuture<Response> get(final String uri) {
        final VolumeProfileQuery query;
        try {
            query = VolumeProfileQuery.parse(uri, config.defaultSymbol());
        } catch (final IllegalArgumentException ex) {
            return CompletableFuture.completedFuture(new Response(400, VolumeProfileJson.error(ex.getMessage())));
        }
        final Job job = new Job(query);
        try {
            loader.execute(job);
        } catch (final RejectedExecutionException ex) {
            job.refuse("volume profile loader is busy or closed");
        }
        return job.answer;
    }

    private Response answer(final VolumeProfileQuery query) {
        final Entry entry;
        try {
            entry = entry(query.symbol());
        } catch (final Exception ex) {
            final String reason = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            LOG.warn("cannot load volume profile model {}: {}", query.symbol(), reason);
            return new Response(503, VolumeProfileJson.error("cannot load volume profile model " + query.symbol()
                + ": " + reason));
        }
        if (entry == null) {
            return new Response(404, VolumeProfileJson.error("no volume profile model for " + query.symbol()
                + "; run `volume-profile backfill --ticker " + sourceTicker(query.symbol())
                + " --years 5` to build it"));
        }
        final VolumeProfileLevels levels = query.mode() == VolumeProfileMode.RAW ? entry.raw : entry.tv;
        return new Response(200, new VolumeProfileJson().model(entry.view, query.mode(), levels, query.minBin(),
            query.maxBin()));
    }

    private Entry entry(final String symbol) throws Exception {
        final long now = nanoClock.getAsLong();
        final Entry cached = cache.get(symbol);
        if (cached != null && now - cached.loadedAtNanos < ttlNanos) {
            return cached;
        }
        final long generation = invalidations.get();
        final VolumeProfileView view = models.load(symbol);
        loads.increment();
        if (view == null) {
            cache.remove(symbol);
            return null;
        }
        final Entry fresh = new Entry(view, now, levels.compute(view.rawBins(), view.rawVolumes()),
            levels.compute(view.tvBins(), view.tvVolumes()));
        cache.put(symbol, fresh);
        if (invalidations.get() != generation) {
            cache.remove(symbol, fresh);
        }
        return fresh;
    }

    private static String sourceTicker(final String synthetic) {
        return switch (synthetic) {
            case "SPX" -> "SPY";
            case "NDX" -> "QQQ";
            default -> "<ETF of " + synthetic + ">";
        };
    }

    /**
     * Bus thread: a publication on the volume-profile channel; drops the cached model of the symbol it names (its
     * top-level {@code "symbol"}), or every cached model if it names none or is not JSON. Never throws.
     *
     * @param message the payload.
     */
    public void onPublished(final String message) {
        invalidations.incrementAndGet();
        final String symbol = symbolOf(message);
        if (symbol == null) {
            cache.clear();
        } else {
            cache.remove(symbol.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param message a publication.
     * @return its top-level {@code "symbol"} string, or {@code null} if absent or not JSON.
     */
    static String symbolOf(final String message) {
        if (message == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(message)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if ("symbol".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (final IOException ex) {
            return null;
        }
    }

    /**
     * @param message error text.
     * @return {@code {"error":"..."}} as UTF-8, the body of every non-200 answer.
     */
    public static byte[] errorJson(final String message) {
        return VolumeProfileJson.error(message);
    }

    /** @return model loads performed (a cache miss that reached {@link VolumeProfileModels#load}). */
    public long loads() {
        return loads.sum();
    }

    /** Stops the owned loader thread (waits up to 2 s for a running load); queued requests are answered 503. */
    @Override
    public void close() {
        if (owned != null) {
            for (final Runnable queued : owned.shutdownNow()) {
                if (queued instanceof Job job) {
                    job.refuse("gateway is shutting down");
                }
            }
            try {
                owned.awaitTermination(2, TimeUnit.SECONDS);
            } catch (final InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        cache.clear();
    }

    /** One request waiting for the loader. */
    private final class Job implements Runnable {
        final VolumeProfileQuery query;
        final CompletableFuture<Response> answer = new CompletableFuture<>();

        Job(final VolumeProfileQuery query) {
            this.query = query;
        }

        @Override
        public void run() {
            try {
                answer.complete(answer(query));
            } catch (final RuntimeException ex) {
                LOG.warn("volume profile request {} failed", query, ex);
                refuse("cannot render volume profile model " + query.symbol() + ": " + ex);
            } finally {
                if (!answer.isDone()) {
                    refuse("volume profile loader failed");
                }
            }
        }

        void refuse(final String reason) {
            answer.complete(new Response(503, VolumeProfileJson.error(reason)));
        }
    }

    private static final class Entry {
        final VolumeProfileView view;
        final long loadedAtNanos;
        final VolumeProfileLevels raw;
        final VolumeProfileLevels tv;

        Entry(final VolumeProfileView view, final long loadedAtNanos, final VolumeProfileLevels raw,
            final VolumeProfileLevels tv) {
            this.view = view;
            this.loadedAtNanos = loadedAtNanos;
            this.raw = raw;
            this.tv = tv;
        }
    }
}
