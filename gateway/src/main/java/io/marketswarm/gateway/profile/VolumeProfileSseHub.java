package io.marketswarm.gateway.profile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Relays one bus channel ({@code sse:volume-profile}) to every connected {@code GET /sse/volume-profile} client
 * as server-sent events.
 *
 * <pre>
 *  bus thread                         hub lock                              event loop (one per client group)
 *  onMessage ─► observers ─► encode once ─► ring (last N) ─► post(event) ─► SseLoopFanout ─► SseClient × n
 *                                           ▲                                                  │ catch-up
 *                                           └──────────────── retainedNext(lastSeq) ◄──────────┘
 * </pre>
 *
 * <ul>
 *   <li>Each message becomes {@code id: <startMs>-<seq>\nevent: volume-profile\ndata: <message>\n\n} (a message
 *       with line breaks becomes several {@code data:} lines). {@code startMs} is this hub's creation time, so an
 *       id from a previous gateway run never matches. The frame is encoded once and shared by every client with
 *       {@link ByteBuf#retainedDuplicate()}.</li>
 *   <li>A new client gets {@code retry: <retryMs>}, then: with a {@code Last-Event-ID} of this run still covered by
 *       the ring, exactly the events after it; otherwise (no header, unknown or too old id) the most recent event,
 *       if any; then every later event, and a {@code : heartbeat} comment every {@code heartbeatIntervalMs}.</li>
 *   <li>Back-pressure: a client is written only while it is writable (Netty's write-buffer water marks); events it
 *       misses meanwhile are caught up from the ring when it becomes writable again (or, if they were evicted, it
 *       skips to the newest event). A client unwritable for longer than {@code stallLimitMs} is closed.</li>
 * </ul>
 *
 * <p>Threads: the bus thread never blocks on a client: it takes the hub lock briefly (encode, ring append, one task
 * per event loop; tens of microseconds for a 100 KB message) and returns. Client state is confined to the client's event loop. Observers
 * ({@link #addObserver}) run on the bus thread before the event is relayed; one that throws is counted and skipped.
 * Start with {@link #start()}, stop with {@link #close()} (unsubscribes, closes every client, releases the ring).
 */
public final class VolumeProfileSseHub implements AutoCloseable {

    /** SSE event name of every relayed message. */
    public static final String EVENT_NAME = "volume-profile";

    private static final Logger LOG = LoggerFactory.getLogger(VolumeProfileSseHub.class);
    private static final byte[] EVENT_LINE = ("\nevent: " + EVENT_NAME + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf HEARTBEAT = constant(": heartbeat\n\n");

    private final ChannelFeed bus;
    private final VolumeProfileSseConfig config;
    private final String idPrefix;
    private final ByteBuf retryFrame;
    private final Object lock = new Object();
    private final SseEventRing ring;
    private final CopyOnWriteArrayList<Consumer<String>> observers = new CopyOnWriteArrayList<>();
    private final AtomicInteger clients = new AtomicInteger();
    private final LongAdder eventsRelayed = new LongAdder();
    private final LongAdder eventsSkipped = new LongAdder();
    private final LongAdder clientsStalled = new LongAdder();
    private final LongAdder observerErrors = new LongAdder();
    private SseLoopFanout[] fanouts = new SseLoopFanout[0];
    private ChannelFeed.Subscription subscription;
    private boolean started;
    private boolean closed;

    /**
     * Creates a hub; nothing is subscribed until {@link #start()}.
     *
     * @param bus    the bus carrying {@code config.channel()} (market-redis).
     * @param config settings.
     */
    public VolumeProfileSseHub(final ChannelFeed bus, final VolumeProfileSseConfig config) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.config = Objects.requireNonNull(config, "config");
        this.idPrefix = System.currentTimeMillis() + "-";
        this.ring = new SseEventRing(config.retainedEvents());
        this.retryFrame = constant("retry: " + config.retryMs() + "\n\n");
    }

    /** A small shared frame: heap (no release needed), read-only, unreleasable; write {@code duplicate()}s. */
    private static ByteBuf constant(final String text) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.US_ASCII))
            .asReadOnly());
    }

    /**
     * Subscribes to the channel, once.
     *
     * @return this.
     * @throws RuntimeException if the bus cannot subscribe.
     * @throws IllegalStateException if already started or closed.
     */
    public VolumeProfileSseHub start() {
        synchronized (lock) {
            if (started || closed) {
                throw new IllegalStateException("hub already " + (closed ? "closed" : "started"));
            }
            started = true;
        }
        final ChannelFeed.Subscription created = bus.subscribe(config.channel(), this::onMessage);
        synchronized (lock) {
            if (!closed) {
                subscription = created;
                LOG.info("volume-profile SSE relays {} on {}", config.channel(), bus.describe());
                return this;
            }
        }
        created.close();
        return this;
    }

    /**
     * Adds a callback run on the bus thread with every message, before it is relayed (the model cache uses it to
     * drop stale models, so a client that refetches on the event gets the new model).
     *
     * @param observer receives the raw message; must not block.
     */
    public void addObserver(final Consumer<String> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** @return the settings. */
    public VolumeProfileSseConfig config() {
        return config;
    }

    /** @return the id prefix of this run, {@code <startMs>-}. */
    public String idPrefix() {
        return idPrefix;
    }

    /**
     * Event loop of the new client: the handler that serves one {@code GET /sse/volume-profile}. When added to the
     * pipeline (in place of the router) it writes the response head and the stream; it discards anything the
     * client sends afterwards.
     *
     * @param version     the request's HTTP version (HTTP/1.1 gets a chunked body, HTTP/1.0 a close-delimited one).
     * @param lastEventId the request's {@code Last-Event-ID} header, or {@code null}.
     * @return a handler for one channel.
     */
    public ChannelHandler newClient(final HttpVersion version, final String lastEventId) {
        return new SseClient(this, version, lastEventId);
    }

    private void onMessage(final String channel, final String message) {
        if (message == null) {
            return;
        }
        for (final Consumer<String> observer : observers) {
            try {
                observer.accept(message);
            } catch (final RuntimeException ex) {
                observerErrors.increment();
                LOG.warn("volume-profile observer failed", ex);
            }
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            final long seq = ring.newest() + 1;
            final SseEvent event = new SseEvent(seq, encode(seq, message));
            ring.add(event);
            eventsRelayed.increment();
            for (final SseLoopFanout fanout : fanouts) {
                fanout.post(event);
            }
        }
    }

    private ByteBuf encode(final long seq, final String message) {
        int breaks = 0;
        for (int i = 0; i < message.length(); i++) {
            final char c = message.charAt(i);
            if (c == '\n' || c == '\r') {
                breaks++;
            }
        }
        final ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(48 + EVENT_LINE.length
            + ByteBufUtil.utf8Bytes(message) + (breaks + 1) * (DATA.length + 1) + 1);
        frame.writeCharSequence("id: ", StandardCharsets.US_ASCII);
        frame.writeCharSequence(idPrefix, StandardCharsets.US_ASCII);
        frame.writeCharSequence(Long.toString(seq), StandardCharsets.US_ASCII);
        frame.writeBytes(EVENT_LINE);
        int start = 0;
        for (int i = 0; i < message.length(); i++) {
            final char c = message.charAt(i);
            if (c == '\n' || c == '\r') {
                dataLine(frame, message, start, i);
                if (c == '\r' && i + 1 < message.length() && message.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        dataLine(frame, message, start, message.length());
        return frame.writeByte('\n');
    }

    private static void dataLine(final ByteBuf frame, final String message, final int start, final int end) {
        frame.writeBytes(DATA);
        ByteBufUtil.writeUtf8(frame, message, start, end);
        frame.writeByte('\n');
    }

    /**
     * Client's event loop: joins the client to its loop's group and sets where its stream starts.
     *
     * @return the loop's group, or {@code null} if the hub is closed.
     */
    SseLoopFanout register(final SseClient client, final EventLoop loop, final String lastEventId) {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            client.resumeAfter(resumePoint(lastEventId));
            for (final SseLoopFanout fanout : fanouts) {
                if (fanout.loop() == loop) {
                    return fanout;
                }
            }
            final SseLoopFanout fanout = new SseLoopFanout(this, loop);
            fanouts = Arrays.copyOf(fanouts, fanouts.length + 1);
            fanouts[fanouts.length - 1] = fanout;
            fanout.startHeartbeat(config.heartbeatIntervalMs());
            return fanout;
        }
    }

    /** Under the lock: the last sequence a new client counts as delivered. */
    private long resumePoint(final String lastEventId) {
        final long newest = ring.newest();
        if (newest == 0) {
            return 0;
        }
        final long seq = parseId(lastEventId);
        return seq >= ring.oldest() - 1 && seq <= newest ? seq : newest - 1;
    }

    /** @return the sequence of an id of this run, or -1. */
    private long parseId(final String id) {
        if (id == null || !id.startsWith(idPrefix) || id.length() == idPrefix.length()
            || id.length() > idPrefix.length() + 18) {
            return -1;
        }
        long seq = 0;
        for (int i = idPrefix.length(); i < id.length(); i++) {
            final char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            seq = seq * 10 + (c - '0');
        }
        return seq;
    }

    /**
     * Any event loop: the next event a client should get after {@code lastSeq}: {@code lastSeq + 1} if retained,
     * else the newest event (the client skips what was evicted), else {@code null}.
     *
     * @return an event whose frame reference the caller owns, or {@code null}.
     */
    SseEvent retainedNext(final long lastSeq) {
        synchronized (lock) {
            if (closed || ring.newest() <= lastSeq) {
                return null;
            }
            SseEvent event = ring.get(lastSeq + 1);
            if (event == null) {
                event = ring.get(ring.newest());
                if (event == null) {
                    return null;
                }
                eventsSkipped.add(event.seq() - lastSeq - 1);
            }
            return new SseEvent(event.seq(), event.frame().retainedDuplicate());
        }
    }

    /** @return a duplicate of the shared {@code retry:} frame (unreleasable). */
    ByteBuf retryFrame() {
        return retryFrame.duplicate();
    }

    /** @return a duplicate of the shared heartbeat comment (unreleasable). */
    static ByteBuf heartbeatFrame() {
        return HEARTBEAT.duplicate();
    }

    void clientJoined() {
        clients.incrementAndGet();
    }

    void clientLeft() {
        clients.decrementAndGet();
    }

    void clientStalled() {
        clientsStalled.increment();
    }

    /** @return clients connected now. */
    public int clients() {
        return clients.get();
    }

    /** @return messages relayed since start. */
    public long eventsRelayed() {
        return eventsRelayed.sum();
    }

    /** @return events clients skipped because they fell behind the ring (summed over clients). */
    public long eventsSkipped() {
        return eventsSkipped.sum();
    }

    /** @return clients closed for staying unwritable beyond the stall limit. */
    public long clientsStalled() {
        return clientsStalled.sum();
    }

    /** @return observer callbacks that threw. */
    public long observerErrors() {
        return observerErrors.sum();
    }

    /**
     * Appends this hub's Prometheus lines.
     *
     * @param out destination.
     */
    public void renderMetrics(final StringBuilder out) {
        out.append("# HELP marketswarm_sse_clients volume-profile SSE clients connected\n")
            .append("# TYPE marketswarm_sse_clients gauge\nmarketswarm_sse_clients ").append(clients()).append('\n')
            .append("# HELP marketswarm_sse_events_total volume-profile messages relayed\n")
            .append("# TYPE marketswarm_sse_events_total counter\nmarketswarm_sse_events_total ")
            .append(eventsRelayed()).append('\n')
            .append("# HELP marketswarm_sse_events_skipped_total events skipped by clients that fell behind\n")
            .append("# TYPE marketswarm_sse_events_skipped_total counter\nmarketswarm_sse_events_skipped_total ")
            .append(eventsSkipped()).append('\n')
            .append("# HELP marketswarm_sse_clients_stalled_total SSE clients closed for not reading\n")
            .append("# TYPE marketswarm_sse_clients_stalled_total counter\nmarketswarm_sse_clients_stalled_total ")
            .append(clientsStalled()).append('\n');
    }

    /** Any thread: unsubscribes, closes every client (on its loop) and releases the retained events. Idempotent. */
    @Override
    public void close() {
        final ChannelFeed.Subscription active;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            active = subscription;
            subscription = null;
        }
        if (active != null) {
            active.close();
        }
        synchronized (lock) {
            ring.clear();
            for (final SseLoopFanout fanout : fanouts) {
                fanout.shutdown();
            }
        }
    }
}
