package io.marketswarm.runtime.orderflow;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;

import io.marketswarm.core.config.InstrumentConfig;
import io.marketswarm.core.config.InstrumentLock;
import io.marketswarm.core.ring.RingProfile;
import io.marketswarm.engines.orderflow.OrderFlowSettings;

/**
 * Everything the order-flow path needs, set with fluent setters and checked by {@link #conclude()} before any thread
 * starts (Aeron's {@code Context.conclude()} habit): after it, the context is immutable and every setter throws.
 *
 * <p>Exactly one source: a DBN file ({@link #dbn}), a lake ({@link #lake}), a journal ({@link #journalIn}) or a
 * session held in memory ({@link #memorySession}, the embedded demo and benchmarks). Every value that a user gives
 * is checked with a message naming the option, the value and the reason ({@link IllegalArgumentException}: a usage
 * error). Files are checked when they are opened (an {@link java.io.IOException} naming the file).
 */
public final class OrderFlowContext {

    /** Default ring size: 64 Ki events. */
    public static final int DEFAULT_RING_SIZE = 1 << 16;

    private boolean concluded;
    private InstrumentConfig config;
    private String productType;
    private String symbol;
    private LocalDate date;
    private LocalTime startTime;
    private double throttleMs = 25;
    private Path dbn;
    private Path lake;
    private Path journalIn;
    private byte[] memorySession;
    private String memoryName = "memory";
    private boolean embeddedDemo;
    private Path journalOut;
    private boolean useCache = true;
    private Path cacheDir;
    private OrderFlowSettings.BookMode bookMode = OrderFlowSettings.BookMode.PARITY;
    private RingProfile ringProfile = RingProfile.DEFAULT;
    private int engineCpu = -1;
    private int ringSize = DEFAULT_RING_SIZE;
    private int outputRingSize = 64;
    private boolean stampIngest;
    private double speed = Double.POSITIVE_INFINITY;
    private long maxGapMs = 1000;
    private boolean loop;
    private long rateEventsPerSecond;

    /**
     * Validates and freezes the context.
     *
     * @return this.
     * @throws IllegalArgumentException naming the first bad value and why.
     */
    public OrderFlowContext conclude() {
        if (concluded) {
            return this;
        }
        if (config == null) {
            throw new IllegalArgumentException("no instrument config");
        }
        if (productType == null) {
            productType = config.productType();
        }
        if (symbol == null) {
            symbol = config.symbol();
        }
        InstrumentLock.check(config, productType, symbol);
        config.wireConfigVersion();
        if (date == null) {
            throw new IllegalArgumentException("--dt: no trading date");
        }
        final int sources = (dbn != null ? 1 : 0) + (lake != null ? 1 : 0) + (journalIn != null ? 1 : 0)
            + (memorySession != null ? 1 : 0) + (embeddedDemo ? 1 : 0);
        if (sources == 0) {
            throw new IllegalArgumentException("give a source: --dbn FILE, --lake DIR or --journal DIR");
        }
        if (sources > 1) {
            throw new IllegalArgumentException("give one source: " + (dbn != null ? "--dbn " + dbn + " " : "")
                + (lake != null ? "--lake " + lake + " " : "") + (journalIn != null ? "--journal " + journalIn : "")
                + " were all given");
        }
        if (!(throttleMs >= 0) || Double.isInfinite(throttleMs)) {
            throw new IllegalArgumentException("--throttle-ms " + throttleMs + ": must be a finite number >= 0");
        }
        if (Integer.bitCount(ringSize) != 1 || ringSize < 64) {
            throw new IllegalArgumentException("--ring-size " + ringSize + ": must be a power of two >= 64");
        }
        if (Integer.bitCount(outputRingSize) != 1) {
            throw new IllegalArgumentException("output ring size " + outputRingSize + ": must be a power of two");
        }
        if (engineCpu < -1) {
            throw new IllegalArgumentException("--engine-cpu " + engineCpu + ": must be a CPU number >= 0, or -1 "
                + "for any");
        }
        if (engineCpu >= 0 && engineCpu >= Runtime.getRuntime().availableProcessors()) {
            throw new IllegalArgumentException("--engine-cpu " + engineCpu + ": this machine has CPUs 0.."
                + (Runtime.getRuntime().availableProcessors() - 1));
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed " + speed + ": must be a positive number or max");
        }
        if (maxGapMs < 0) {
            throw new IllegalArgumentException("--max-gap-ms " + maxGapMs + ": must be >= 0");
        }
        if (rateEventsPerSecond < 0) {
            throw new IllegalArgumentException("--rate " + rateEventsPerSecond + ": must be >= 0 (0 = unpaced)");
        }
        if (journalOut != null && journalIn != null) {
            throw new IllegalArgumentException("--journal " + journalOut + ": cannot journal a journal replay");
        }
        concluded = true;
        return this;
    }

    private OrderFlowContext mutable() {
        if (concluded) {
            throw new IllegalStateException("the order-flow context is concluded and immutable");
        }
        return this;
    }

    /** @return the order-flow settings of a session on {@code day} from {@code start} at {@code throttle} ms. */
    OrderFlowSettings settings(final LocalDate day, final LocalTime start, final double throttle) {
        return new OrderFlowSettings(config.isFuture(), symbol, day, start, throttle, config.tickInt(), bookMode);
    }

    /** @param value the locked instrument config. @return this. */
    public OrderFlowContext config(final InstrumentConfig value) {
        mutable().config = value;
        return this;
    }

    /** @param value requested product type ({@code null}: the config's). @return this. */
    public OrderFlowContext productType(final String value) {
        mutable().productType = value;
        return this;
    }

    /** @param value requested symbol ({@code null}: the config's). @return this. */
    public OrderFlowContext symbol(final String value) {
        mutable().symbol = value;
        return this;
    }

    /** @param value trading date. @return this. */
    public OrderFlowContext date(final LocalDate value) {
        mutable().date = value;
        return this;
    }

    /** @param value America/New_York start time, or {@code null} for none. @return this. */
    public OrderFlowContext startTime(final LocalTime value) {
        mutable().startTime = value;
        return this;
    }

    /** @param value event-time throttle between grids, ms; 0 emits every event. @return this. */
    public OrderFlowContext throttleMs(final double value) {
        mutable().throttleMs = value;
        return this;
    }

    /** @param value DBN file. @return this. */
    public OrderFlowContext dbn(final Path value) {
        mutable().dbn = value;
        return this;
    }

    /** @param value lake root. @return this. */
    public OrderFlowContext lake(final Path value) {
        mutable().lake = value;
        return this;
    }

    /** @param value journal to replay. @return this. */
    public OrderFlowContext journalIn(final Path value) {
        mutable().journalIn = value;
        return this;
    }

    /**
     * @param bytes a whole DBN session in memory.
     * @param name  its name in logs and summaries.
     * @return this.
     */
    public OrderFlowContext memorySession(final byte[] bytes, final String name) {
        mutable().memorySession = bytes;
        this.memoryName = name;
        return this;
    }

    /**
     * The embedded demo of {@code serve}: a synthetic session of the instrument on the trading date, generated in
     * memory when the runtime is built (after {@link #conclude()}, so bad values fail before that work).
     *
     * @return this.
     */
    public OrderFlowContext embeddedDemo() {
        mutable().embeddedDemo = true;
        this.memoryName = "embedded synthetic session";
        return this;
    }

    /** @param value journal to append every inbound record to, or {@code null}. @return this. */
    public OrderFlowContext journalOut(final Path value) {
        mutable().journalOut = value;
        return this;
    }

    /** @param value use the book cache (runs with a start time from files). @return this. */
    public OrderFlowContext useCache(final boolean value) {
        mutable().useCache = value;
        return this;
    }

    /** @param value book cache directory, or {@code null} for the default. @return this. */
    public OrderFlowContext cacheDir(final Path value) {
        mutable().cacheDir = value;
        return this;
    }

    /** @param value book rules. @return this. */
    public OrderFlowContext bookMode(final OrderFlowSettings.BookMode value) {
        mutable().bookMode = value;
        return this;
    }

    /** @param value wait/pinning profile. @return this. */
    public OrderFlowContext ringProfile(final RingProfile value) {
        mutable().ringProfile = value;
        return this;
    }

    /** @param value CPU of the engine stage under the tuned profile, -1 for any. @return this. */
    public OrderFlowContext engineCpu(final int value) {
        mutable().engineCpu = value;
        return this;
    }

    /** @param value MBO ring slots, a power of two. @return this. */
    public OrderFlowContext ringSize(final int value) {
        mutable().ringSize = value;
        return this;
    }

    /** @param value stamp ingest times for latency measurement. @return this. */
    public OrderFlowContext stampIngest(final boolean value) {
        mutable().stampIngest = value;
        return this;
    }

    /** @param value event-time speed-up of live sessions, {@code +inf} for none. @return this. */
    public OrderFlowContext speed(final double value) {
        mutable().speed = value;
        return this;
    }

    /** @param value longest wall-time pause when pacing, ms. @return this. */
    public OrderFlowContext maxGapMs(final long value) {
        mutable().maxGapMs = value;
        return this;
    }

    /** @param value start live sessions over when the source ends (the embedded demo). @return this. */
    public OrderFlowContext loop(final boolean value) {
        mutable().loop = value;
        return this;
    }

    /** @param value offered load of a benchmark, events/s of wall time; 0 = unpaced. @return this. */
    public OrderFlowContext rateEventsPerSecond(final long value) {
        mutable().rateEventsPerSecond = value;
        return this;
    }

    /** @return the instrument config. */
    public InstrumentConfig config() {
        return config;
    }

    /** @return the product type. */
    public String productType() {
        return productType;
    }

    /** @return the symbol. */
    public String symbol() {
        return symbol;
    }

    /** @return the trading date. */
    public LocalDate date() {
        return date;
    }

    /** @return the start time, or {@code null}. */
    public LocalTime startTime() {
        return startTime;
    }

    /** @return the throttle, ms. */
    public double throttleMs() {
        return throttleMs;
    }

    /** @return the DBN file, or {@code null}. */
    public Path dbn() {
        return dbn;
    }

    /** @return the lake root, or {@code null}. */
    public Path lake() {
        return lake;
    }

    /** @return the journal replayed, or {@code null}. */
    public Path journalIn() {
        return journalIn;
    }

    /** @return the in-memory session, or {@code null}. */
    byte[] memorySession() {
        return memorySession;
    }

    /** @return whether the source is the embedded demo. */
    public boolean isEmbeddedDemo() {
        return embeddedDemo;
    }

    /** @return the in-memory session's name. */
    String memoryName() {
        return memoryName;
    }

    /** @return the journal appended to, or {@code null}. */
    public Path journalOut() {
        return journalOut;
    }

    /** @return whether the book cache is used. */
    public boolean useCache() {
        return useCache;
    }

    /** @return the cache directory: the configured one, else {@code <lake>/cache/vp_book}, else the user's. */
    public Path cacheDir() {
        return cacheDir != null ? cacheDir : lake != null ? lake.resolve("cache").resolve("vp_book")
            : Path.of(System.getProperty("user.home"), ".cache", "marketswarm", "vp_book");
    }

    /** @return the book rules. */
    public OrderFlowSettings.BookMode bookMode() {
        return bookMode;
    }

    /** @return the ring profile. */
    public RingProfile ringProfile() {
        return ringProfile;
    }

    /** @return the engine CPU, -1 for any. */
    public int engineCpu() {
        return engineCpu;
    }

    /** @return the MBO ring size. */
    public int ringSize() {
        return ringSize;
    }

    /** @return the grid ring size of the output stage. */
    public int outputRingSize() {
        return outputRingSize;
    }

    /** @return whether ingest times are stamped. */
    public boolean stampIngest() {
        return stampIngest;
    }

    /** @return the live speed-up. */
    public double speed() {
        return speed;
    }

    /** @return the longest pause, ms. */
    public long maxGapMs() {
        return maxGapMs;
    }

    /** @return whether live sessions loop. */
    public boolean loop() {
        return loop;
    }

    /** @return the benchmark's offered load, events/s, 0 = unpaced. */
    public long rateEventsPerSecond() {
        return rateEventsPerSecond;
    }
}
