package io.marketswarm.feeds.synth;

import static io.marketswarm.feeds.dbn.DbnConstants.F_BAD_TS_RECV;
import static io.marketswarm.feeds.dbn.DbnConstants.F_LAST;
import static io.marketswarm.feeds.dbn.DbnConstants.F_PUBLISHER_SPECIFIC;
import static io.marketswarm.feeds.dbn.DbnConstants.F_SNAPSHOT;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.MboFlyweight;

/**
 * Writes a deterministic synthetic CME-style MBO session for one instrument: a book snapshot one minute before the
 * session start, then bursts of adds, cancels, modifies and trades whose mid follows a random-walking fair value,
 * with one Clear-and-rebuild half way through. The same {@link SynthSettings} always give byte-identical output.
 *
 * <p>What the stream contains, in order:
 * <ol>
 *   <li>Snapshot at {@code startNs - 60 s}: a Clear ({@code R}, flags {@code 0x28}), then Adds 20 to 40 ticks deep
 *       per side around the start mid, 1 to 8 orders per level and a few empty levels (flags {@code 0x28}, the last
 *       {@code 0xA8}); at most a quarter of the records.</li>
 *   <li>Flow in {@code [startNs, endNs)}, denser near the open and the close: each event is one record flagged
 *       {@code F_LAST|F_PUBLISHER_SPECIFIC} (130), or a trade of several records (per level swept: {@code T} with the
 *       aggressor's side and id, one {@code F} per resting order hit, then {@code C} for each order filled in full or
 *       {@code M} with the reduced size for a partial fill), flags 0 except 130 on the last. A trade may sweep up to
 *       three levels and leave its remainder resting ({@code A} with the aggressor's id). Records of one event share
 *       {@code ts_event} and {@code sequence}; {@code ts_recv} never decreases.</li>
 *   <li>At half of the records: a Clear with flags {@code 0x28} and the whole book re-added with the same order ids
 *       and queue order (flags {@code 0x28}, the last {@code 0xA8}).</li>
 *   <li>A few {@code N} records and a few {@code C}, {@code F} and {@code M} records for order ids never added (such an
 *       {@code M} then rests in the book, as Databento's rule "an unknown Modify is an Add" implies).</li>
 * </ol>
 * Replayed with Databento's book rules, the book is never crossed or locked after an {@code F_LAST} record, sizes stay
 * positive, and at most {@value #MAX_LIVE_ORDERS} orders rest at once. If the record budget ends inside an event the
 * event is cut short and its last written record still carries {@code F_LAST}.
 *
 * <p>Not thread-safe: one thread calls {@link #generate}. Memory is fixed at construction (a slab of orders and an
 * array of price levels 32768 ticks either side of the start), so nothing is allocated per record; the fair value is
 * reflected at 1000 ticks from the edges of that window.
 */
public final class SyntheticMboGenerator {

    /** Most orders resting at once; adds give way to cancels at this count. */
    public static final int MAX_LIVE_ORDERS = 3_000;

    private static final int BID = 0;
    private static final int ASK = 1;
    private static final byte ADD = 'A';
    private static final byte CANCEL = 'C';
    private static final byte MODIFY = 'M';
    private static final byte TRADE = 'T';
    private static final byte FILL = 'F';
    private static final byte NONE = 'N';
    private static final byte CLEAR = 'R';
    private static final byte SIDE_NONE = 'N';

    private static final int FLOW_LAST_FLAGS = F_LAST | F_PUBLISHER_SPECIFIC;
    private static final int SNAPSHOT_FLAGS = F_SNAPSHOT | F_BAD_TS_RECV;
    private static final int SNAPSHOT_LAST_FLAGS = SNAPSHOT_FLAGS | F_LAST;

    private static final long SNAPSHOT_LEAD_NS = 60_000_000_000L;
    private static final long FIRST_ORDER_ID = 6_412_777_000_000L;
    private static final int WINDOW_HALF_TICKS = 32_768;
    private static final long MIN_BASE_TICK = 4_000;
    private static final int FAIR_MARGIN_TICKS = 1_000;
    private static final int TARGET_LIVE_ORDERS = 1_000;
    private static final int MIN_LIVE_ORDERS = 100;
    private static final int MAX_SIZE = 20;
    private static final int MAX_SWEEP_LEVELS = 3;
    private static final int RECENT = 64;
    private static final int TIME_STEPS = 4_096;

    private static final double FAIR_STEP = 0.26;
    private static final double P_NONE = 0.001;
    private static final double P_UNKNOWN = 0.002;
    private static final double P_MODIFY = 0.09;
    private static final double P_CANCEL_RECENT = 0.35;
    private static final double P_CANCEL_FADE = 0.35;
    private static final int P_ADD_AT_TOUCH_PERCENT = 20;
    private static final double ADD_DEPTH_CONTINUE = 0.85;
    private static final double AGE_TICKS_PER_EVENT = 0.0005;

    /** Weight (out of 100) of each order size, indexed by size: mostly 1 to 3 lots, rarely up to 20. */
    private static final int[] SIZE_WEIGHTS = {0, 45, 20, 12, 6, 4, 2, 1, 2, 1, 2, 1, 1, 1, 0, 1, 0, 0, 0, 0, 1};

    private final SynthSettings settings;
    private final int publisherId;
    private final long instrumentId;
    private final long events;
    private final long tickInt;
    private final long startNs;
    private final long endNs;
    private final long baseTick;
    private final int startIndex;
    private final double fairLow;
    private final double fairHigh;
    private final byte[] sizeTable = new byte[100];
    private final long[] sessionOffsetNs;
    private final SlabBook book;
    private final int[] recentSlot = new int[RECENT];
    private final long[] recentId = new long[RECENT];
    private final long[] actionCounts = new long[128];

    private SplittableRandom rng;
    private DbnMboEncoder encoder;
    private MboFlyweight last;
    private long remaining;
    private int eventRecords;
    private long tsEvent;
    private long tsRecv;
    private int tsInDelta;
    private long sequence;
    private long nextOrderId;
    private long nextUnknownId;
    private long flowEvents;
    private long flowStartRecords;
    private double fair;
    private int recentPos;
    private long unknownIdRecords;
    private int peakLiveOrders;

    /**
     * @param settings the session to generate.
     * @throws IllegalArgumentException if prices 32768 ticks above the start mid would overflow a {@code long}.
     */
    public SyntheticMboGenerator(final SynthSettings settings) {
        this.settings = settings;
        this.publisherId = settings.publisherId();
        this.instrumentId = settings.instrumentId();
        this.events = settings.events();
        this.tickInt = settings.tickInt();
        this.startNs = settings.startNs();
        this.endNs = settings.endNs();
        final long startTick = settings.startMidPrice() / tickInt;
        if (startTick > Long.MAX_VALUE / tickInt - WINDOW_HALF_TICKS) {
            throw new IllegalArgumentException("startMidPrice=" + settings.startMidPrice() + " leaves no room for "
                + WINDOW_HALF_TICKS + " ticks of tickInt=" + tickInt + " above it");
        }
        this.baseTick = Math.max(startTick - WINDOW_HALF_TICKS, MIN_BASE_TICK);
        final int levels = (int)(startTick + WINDOW_HALF_TICKS - baseTick + 1);
        this.startIndex = (int)(startTick - baseTick);
        this.fairLow = FAIR_MARGIN_TICKS;
        this.fairHigh = levels - 1 - FAIR_MARGIN_TICKS;
        this.book = new SlabBook(levels, MAX_LIVE_ORDERS + 64);
        int next = 0;
        for (int size = 1; size < SIZE_WEIGHTS.length; size++) {
            for (int i = 0; i < SIZE_WEIGHTS[size]; i++) {
                sizeTable[next++] = (byte)size;
            }
        }
        this.sessionOffsetNs = sessionOffsets(endNs - startNs);
    }

    /**
     * @return the DBN header of the session: MBO schema, raw-symbol in, instrument-id out, {@code start} at the
     *         snapshot ({@code startNs - 60 s}), one mapping valid from the UTC date of the start to the day after
     *         the UTC date of the end.
     */
    public DbnMetadata metadata() {
        final long start = startNs - SNAPSHOT_LEAD_NS;
        final LocalDate firstDay = utcDate(start);
        final LocalDate dayAfterEnd = utcDate(endNs).plusDays(1);
        final DbnMetadata.MappingInterval interval = new DbnMetadata.MappingInterval(
            yyyymmdd(firstDay), yyyymmdd(dayAfterEnd), String.valueOf(instrumentId));
        return new DbnMetadata(settings.dbnVersion(), settings.dataset(), DbnConstants.SCHEMA_MBO, start, endNs, 0,
            DbnConstants.STYPE_RAW_SYMBOL, DbnConstants.STYPE_INSTRUMENT_ID, false, 71, List.of(settings.symbol()),
            List.of(), List.of(), List.of(new DbnMetadata.SymbolMapping(settings.symbol(), List.of(interval))), 0);
    }

    /**
     * Writes the whole session. Every call starts again from the seed, so repeated calls write the same records.
     * The encoder is neither flushed nor closed.
     *
     * @param encoder where the records go; its metadata should be {@link #metadata()}.
     * @return records written: exactly {@code settings.events()}.
     * @throws IOException if the encoder fails.
     */
    public long generate(final DbnMboEncoder encoder) throws IOException {
        reset();
        this.encoder = encoder;
        try {
            writeSnapshot();
            flowStartRecords = events - remaining;
            boolean rebuilt = false;
            while (remaining > 0) {
                if (!rebuilt && events - remaining >= events / 2) {
                    writeRebuild();
                    rebuilt = true;
                } else {
                    writeBurst();
                }
            }
        } finally {
            this.encoder = null;
            this.last = null;
        }
        return events;
    }

    /**
     * @param action an action character such as {@code 'T'}.
     * @return records with that action written by the last {@link #generate}; 0 for characters never written.
     */
    public long count(final byte action) {
        return action >= 0 ? actionCounts[action] : 0;
    }

    /**
     * @return records of the last {@link #generate} that name an order id never added ({@code C}, {@code F} or
     *         {@code M}); such an {@code M} adds its order to the book.
     */
    public long unknownIdRecords() {
        return unknownIdRecords;
    }

    /** @return most orders resting at once during the last {@link #generate}. */
    public int peakLiveOrders() {
        return peakLiveOrders;
    }

    /** @return orders resting at the end of the last {@link #generate}. */
    public int liveOrders() {
        return book.live;
    }

    private void reset() {
        rng = new SplittableRandom(settings.seed());
        book.reset();
        Arrays.fill(actionCounts, 0);
        Arrays.fill(recentId, 0);
        remaining = events;
        eventRecords = 0;
        nextOrderId = FIRST_ORDER_ID + rng.nextInt(1_000_000);
        nextUnknownId = FIRST_ORDER_ID - 1 - rng.nextInt(1_000_000);
        sequence = 1_000_000 + rng.nextInt(9_000_000);
        flowEvents = 0;
        fair = startIndex + 0.5;
        recentPos = 0;
        unknownIdRecords = 0;
        peakLiveOrders = 0;
    }

    private void writeSnapshot() throws IOException {
        tsEvent = startNs - SNAPSHOT_LEAD_NS;
        tsRecv = tsEvent;
        tsInDelta = 0;
        emit(CLEAR, SIDE_NONE, DbnConstants.UNDEF_PRICE, 0, 0, SNAPSHOT_FLAGS);
        long budget = events / 4 - 1;
        final int bidLevels = 20 + rng.nextInt(21);
        final int askLevels = 20 + rng.nextInt(21);
        for (int depth = 0; depth < Math.max(bidLevels, askLevels) && budget > 0; depth++) {
            for (int side = BID; side <= ASK; side++) {
                if (depth >= (side == BID ? bidLevels : askLevels) || depth > 2 && rng.nextInt(10) == 0) {
                    continue;
                }
                final int index = side == BID ? startIndex - depth : startIndex + 1 + depth;
                for (int n = 1 + rng.nextInt(8); n > 0 && budget > 0; n--, budget--) {
                    addAndEmit(side, index, drawSize(), takeOrderId(), SNAPSHOT_FLAGS);
                }
            }
        }
        endEvent(SNAPSHOT_LAST_FLAGS);
    }

    private void writeRebuild() throws IOException {
        beginEvent(tsEvent);
        tsInDelta = 0;
        emit(CLEAR, SIDE_NONE, DbnConstants.UNDEF_PRICE, 0, 0, SNAPSHOT_FLAGS);
        final SlabBook b = book;
        for (int side = BID; side <= ASK; side++) {
            final int step = side == BID ? -1 : 1;
            int left = b.count[side];
            for (int index = b.best[side]; left > 0; index += step) {
                for (int s = b.head(side, index); s >= 0 && remaining > 0; s = b.next[s], left--) {
                    emit(ADD, sideChar(side), price(index), b.size[s], b.id[s], SNAPSHOT_FLAGS);
                }
                if (remaining == 0) {
                    endEvent(SNAPSHOT_LAST_FLAGS);
                    return;
                }
            }
        }
        endEvent(SNAPSHOT_LAST_FLAGS);
    }

    private void writeBurst() throws IOException {
        final int burst = 1 + geometric(0.6, 12);
        final double progress = (double)(events - remaining - flowStartRecords) / (events - flowStartRecords);
        long ts = Math.max(tsEvent, startNs + sessionOffset(progress));
        for (int i = 0; i < burst && remaining > 0; i++) {
            if (i > 0 && rng.nextInt(4) != 0) {
                ts += 200 + rng.nextInt(30_000);
            }
            beginEvent(ts);
            stepFair();
            flowEvent();
            endEvent(FLOW_LAST_FLAGS);
            flowEvents++;
        }
    }

    private void beginEvent(final long ts) {
        tsEvent = Math.min(Math.max(ts, tsEvent), endNs - 1);
        sequence += rng.nextInt(4) == 0 ? 1 + rng.nextInt(5) : 1;
        final long latency = rng.nextInt(100) < 97
            ? 5_000 + (long)(cube(rng.nextDouble()) * 195_000)
            : 200_000 + rng.nextInt(2_800_000);
        tsRecv = Math.max(tsRecv, tsEvent + latency);
        tsInDelta = 10_000 + rng.nextInt(15_001);
    }

    private void stepFair() {
        double next = fair + (rng.nextDouble() * 2 - 1) * FAIR_STEP;
        if (next < fairLow) {
            next = 2 * fairLow - next;
        } else if (next > fairHigh) {
            next = 2 * fairHigh - next;
        }
        fair = next;
    }

    private void flowEvent() throws IOException {
        final SlabBook b = book;
        if (b.count[BID] == 0) {
            flowAdd(BID);
            return;
        }
        if (b.count[ASK] == 0) {
            flowAdd(ASK);
            return;
        }
        final double gap = fair - (b.best[BID] + b.best[ASK]) * 0.5;
        final double pTrade = 0.025 + 0.06 * Math.min(1.0, Math.abs(gap) * 0.5);
        final double r = rng.nextDouble();
        if (r < P_NONE) {
            emit(NONE, SIDE_NONE, DbnConstants.UNDEF_PRICE, 0, 0, 0);
        } else if (r < P_NONE + P_UNKNOWN) {
            unknownOrder();
        } else if (r < P_NONE + P_UNKNOWN + pTrade) {
            trade(gap);
        } else if (r < P_NONE + P_UNKNOWN + pTrade + P_MODIFY) {
            modify();
        } else if (wantAdd()) {
            flowAdd(rng.nextInt(b.live + 2) < b.count[ASK] + 1 ? BID : ASK);
        } else {
            cancel();
        }
    }

    private boolean wantAdd() {
        final int live = book.live;
        if (live >= MAX_LIVE_ORDERS) {
            return false;
        }
        if (live < MIN_LIVE_ORDERS) {
            return true;
        }
        final double pAdd = 0.5 + 0.5 * (TARGET_LIVE_ORDERS - live) / TARGET_LIVE_ORDERS;
        return rng.nextDouble() < Math.max(0.3, Math.min(0.7, pAdd));
    }

    private void flowAdd(final int side) throws IOException {
        final SlabBook b = book;
        final boolean twoSided = b.count[BID] > 0 && b.count[ASK] > 0;
        final int touch = b.count[side] > 0 ? b.best[side] : fairTouch(side);
        final boolean improve = twoSided
            && (b.best[ASK] - b.best[BID] > 1 || better(side, fairTouch(side), touch))
            && rng.nextInt(10) < 7;
        final int index;
        if (improve) {
            index = side == BID ? touch + 1 : touch - 1;
        } else if (rng.nextInt(100) < P_ADD_AT_TOUCH_PERCENT) {
            index = touch;
        } else {
            final int distance = 1 + geometric(ADD_DEPTH_CONTINUE, 60);
            index = side == BID ? touch - distance : touch + distance;
        }
        final int slot = addAndEmit(side, clampToWindow(limitToBook(side, index)), drawSize(), takeOrderId(), 0);
        remember(slot);
    }

    private void cancel() throws IOException {
        final SlabBook b = book;
        int slot = -1;
        final double r = rng.nextDouble();
        if (r < P_CANCEL_RECENT) {
            final int at = (recentPos - 1 - rng.nextInt(16)) & (RECENT - 1);
            final int candidate = recentSlot[at];
            if (recentId[at] != 0 && b.id[candidate] == recentId[at]) {
                slot = candidate;
            }
        } else if (r < P_CANCEL_RECENT + P_CANCEL_FADE) {
            slot = fadingTouchOrder();
        }
        if (slot < 0) {
            slot = farOrStaleOrder();
        }
        final int side = b.side[slot];
        emit(CANCEL, sideChar(side), price(b.index[slot]), b.size[slot], b.id[slot], 0);
        b.remove(slot);
    }

    private int fadingTouchOrder() {
        final SlabBook b = book;
        if (b.best[ASK] <= fair - 0.5) {
            return b.tail(ASK, b.best[ASK]);
        }
        if (b.best[BID] >= fair + 0.5) {
            return b.tail(BID, b.best[BID]);
        }
        return -1;
    }

    private int farOrStaleOrder() {
        final SlabBook b = book;
        int chosen = -1;
        double chosenScore = -1;
        for (int i = 0; i < 2; i++) {
            final int slot = b.liveSlots[rng.nextInt(b.live)];
            final int side = b.side[slot];
            final int distance = side == BID ? b.best[BID] - b.index[slot] : b.index[slot] - b.best[ASK];
            final double score = distance + (flowEvents - b.born[slot]) * AGE_TICKS_PER_EVENT;
            if (score > chosenScore) {
                chosen = slot;
                chosenScore = score;
            }
        }
        return chosen;
    }

    private void modify() throws IOException {
        final SlabBook b = book;
        final int slot = b.liveSlots[rng.nextInt(b.live)];
        final int side = b.side[slot];
        final int size = b.size[slot];
        final int kind = rng.nextInt(100);
        if (kind < 40 && size > 1) {
            b.size[slot] = 1 + rng.nextInt(size - 1);
        } else if (kind < 65 && size < MAX_SIZE) {
            b.size[slot] = Math.min(MAX_SIZE, size + 1 + rng.nextInt(3));
            b.moveToBack(slot, b.index[slot]);
        } else {
            final int ticks = 1 + rng.nextInt(3);
            final int away = side == BID ? -ticks : ticks;
            int index = b.index[slot] + (rng.nextInt(2) == 0 ? away : -away);
            if (limitToBook(side, index) != index) {
                index = b.index[slot] + away;
            }
            index = clampToWindow(index);
            if (index != b.index[slot]) {
                b.moveToBack(slot, index);
            }
        }
        emit(MODIFY, sideChar(side), price(b.index[slot]), b.size[slot], b.id[slot], 0);
    }

    private void trade(final double gap) throws IOException {
        final SlabBook b = book;
        final boolean buy = rng.nextDouble() < 0.5 + 0.4 * Math.max(-1.0, Math.min(1.0, gap * 0.5));
        final int aggressor = buy ? BID : ASK;
        final int resting = 1 - aggressor;
        final boolean toward = buy ? gap > 0.5 : gap < -0.5;
        final long touchQty = b.levelQty(resting, b.best[resting]);
        long qty;
        if (toward && rng.nextInt(10) < 2) {
            qty = touchQty + (rng.nextInt(4) == 0 ? drawSize() : 0);
        } else if (rng.nextInt(40) == 0) {
            qty = touchQty + 4L * drawSize();
        } else {
            qty = drawSize();
        }
        final long aggressorId = takeOrderId();
        int lastIndex = -1;
        boolean cleared = false;
        for (int level = 0; level < MAX_SWEEP_LEVELS && qty > 0 && b.count[resting] > 0; level++) {
            final int index = b.best[resting];
            final long traded = Math.min(qty, b.levelQty(resting, index));
            if (!tradeLevel(aggressor, resting, index, aggressorId, traded)) {
                return;
            }
            qty -= traded;
            lastIndex = index;
            cleared = b.head(resting, index) < 0;
            if (!cleared) {
                break;
            }
        }
        if (qty > 0 && cleared && remaining > 0 && rng.nextInt(10) < 3 && b.live < MAX_LIVE_ORDERS) {
            addAndEmit(aggressor, lastIndex, (int)Math.min(qty, MAX_SIZE), aggressorId, 0);
        }
    }

    private boolean tradeLevel(final int aggressor, final int resting, final int index, final long aggressorId,
        final long traded) throws IOException {
        final SlabBook b = book;
        final long price = price(index);
        final byte restingSide = sideChar(resting);
        if (remaining == 0) {
            return false;
        }
        emit(TRADE, sideChar(aggressor), price, traded, aggressorId, 0);
        long left = traded;
        for (int s = b.head(resting, index); s >= 0 && left > 0; s = b.next[s]) {
            if (remaining == 0) {
                return false;
            }
            final long fill = Math.min(b.size[s], left);
            emit(FILL, restingSide, price, fill, b.id[s], 0);
            left -= fill;
        }
        left = traded;
        int s = b.head(resting, index);
        while (s >= 0 && left > 0) {
            if (remaining == 0) {
                return false;
            }
            final int next = b.next[s];
            final int size = b.size[s];
            if (size <= left) {
                emit(CANCEL, restingSide, price, size, b.id[s], 0);
                b.remove(s);
                left -= size;
            } else {
                b.size[s] = (int)(size - left);
                emit(MODIFY, restingSide, price, b.size[s], b.id[s], 0);
                left = 0;
            }
            s = next;
        }
        return true;
    }

    private void unknownOrder() throws IOException {
        final SlabBook b = book;
        final int side = rng.nextInt(2);
        final long id = nextUnknownId;
        nextUnknownId -= 1 + rng.nextInt(1_000);
        final int kind = rng.nextInt(3);
        if (kind == 0 && b.live < MAX_LIVE_ORDERS) {
            final int behind = 1 + geometric(ADD_DEPTH_CONTINUE, 20);
            final int index = clampToWindow(side == BID ? b.best[BID] - behind : b.best[ASK] + behind);
            final int slot = b.add(side, index, drawSize(), id, flowEvents);
            emit(MODIFY, sideChar(side), price(index), b.size[slot], id, 0);
        } else if (kind == 1) {
            emit(FILL, sideChar(side), price(b.best[side]), drawSize(), id, 0);
        } else {
            final int behind = rng.nextInt(5);
            final int index = clampToWindow(side == BID ? b.best[BID] - behind : b.best[ASK] + behind);
            emit(CANCEL, sideChar(side), price(index), drawSize(), id, 0);
        }
        unknownIdRecords++;
        peakLiveOrders = Math.max(peakLiveOrders, b.live);
    }

    private int addAndEmit(final int side, final int index, final int size, final long id, final int flags)
        throws IOException {
        final int slot = book.add(side, index, size, id, flowEvents);
        peakLiveOrders = Math.max(peakLiveOrders, book.live);
        emit(ADD, sideChar(side), price(index), size, id, flags);
        return slot;
    }

    private void emit(final byte action, final byte side, final long price, final long size, final long orderId,
        final int flags) throws IOException {
        last = encoder.claim()
            .writeHeader(publisherId, instrumentId, tsEvent)
            .orderId(orderId)
            .price(price)
            .size(size)
            .flags(flags)
            .channelId(0)
            .action(action)
            .side(side)
            .tsRecv(tsRecv)
            .tsInDelta(tsInDelta)
            .sequence(sequence);
        remaining--;
        eventRecords++;
        actionCounts[action]++;
    }

    private void endEvent(final int lastFlags) {
        if (eventRecords > 0) {
            last.flags(lastFlags);
            eventRecords = 0;
        }
    }

    private void remember(final int slot) {
        recentSlot[recentPos] = slot;
        recentId[recentPos] = book.id[slot];
        recentPos = (recentPos + 1) & (RECENT - 1);
    }

    private long takeOrderId() {
        final long id = nextOrderId;
        nextOrderId += 1 + rng.nextInt(64);
        return id;
    }

    private int drawSize() {
        return sizeTable[rng.nextInt(sizeTable.length)];
    }

    private int geometric(final double pContinue, final int max) {
        int n = 0;
        while (n < max && rng.nextDouble() < pContinue) {
            n++;
        }
        return n;
    }

    private int fairTouch(final int side) {
        final int bid = (int)Math.ceil(fair) - 1;
        return side == BID ? bid : bid + 1;
    }

    private int limitToBook(final int side, final int index) {
        final SlabBook b = book;
        if (side == BID) {
            return b.count[ASK] > 0 ? Math.min(index, b.best[ASK] - 1) : index;
        }
        return b.count[BID] > 0 ? Math.max(index, b.best[BID] + 1) : index;
    }

    private int clampToWindow(final int index) {
        return Math.max(0, Math.min(book.levels - 1, index));
    }

    private long price(final int index) {
        return (baseTick + index) * tickInt;
    }

    private long sessionOffset(final double progress) {
        final double position = Math.min(1.0, Math.max(0.0, progress)) * TIME_STEPS;
        final int step = (int)position;
        if (step >= TIME_STEPS) {
            return sessionOffsetNs[TIME_STEPS];
        }
        final long from = sessionOffsetNs[step];
        return from + (long)((sessionOffsetNs[step + 1] - from) * (position - step));
    }

    private static boolean better(final int side, final int index, final int than) {
        return side == BID ? index > than : index < than;
    }

    private static byte sideChar(final int side) {
        return side == BID ? (byte)'B' : (byte)'A';
    }

    private static double cube(final double x) {
        return x * x * x;
    }

    /**
     * Inverts the cumulative intraday intensity so that a fraction of the flow maps to an offset into the session:
     * busiest at the open, busy at the close, a dip around midday.
     */
    private static long[] sessionOffsets(final long durationNs) {
        final double[] cumulative = new double[TIME_STEPS + 1];
        for (int i = 1; i <= TIME_STEPS; i++) {
            final double x = (i - 0.5) / TIME_STEPS;
            final double midday = (x - 0.45) / 0.1;
            final double intensity = 1 + 3 * StrictMath.exp(-x / 0.05) + 2 * StrictMath.exp(-(1 - x) / 0.05)
                - 0.35 * StrictMath.exp(-midday * midday);
            cumulative[i] = cumulative[i - 1] + intensity;
        }
        final double total = cumulative[TIME_STEPS];
        final long[] offsets = new long[TIME_STEPS + 1];
        int j = 0;
        for (int k = 0; k <= TIME_STEPS; k++) {
            final double target = total * k / TIME_STEPS;
            while (j < TIME_STEPS - 1 && cumulative[j + 1] < target) {
                j++;
            }
            final double within = (target - cumulative[j]) / (cumulative[j + 1] - cumulative[j]);
            final double x = (j + Math.min(1.0, within)) / TIME_STEPS;
            offsets[k] = Math.min(durationNs - 1, (long)(x * durationNs));
        }
        return offsets;
    }

    private static LocalDate utcDate(final long epochNs) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L)), ZoneOffset.UTC);
    }

    private static int yyyymmdd(final LocalDate date) {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    /**
     * The generator's own order book: a slab of orders with a free list, and per side an array of price levels
     * (indices into a fixed tick window), each a FIFO queue linked through the slab. Best prices are kept current;
     * a side's best is meaningful only while its count is positive.
     */
    private static final class SlabBook {

        final int levels;
        final int[] headOf;
        final int[] tailOf;
        final long[] id;
        final int[] size;
        final int[] index;
        final byte[] side;
        final long[] born;
        final int[] prev;
        final int[] next;
        final int[] livePos;
        final int[] liveSlots;
        final int[] count = new int[2];
        final int[] best = new int[2];
        int live;
        int freeHead;

        SlabBook(final int levels, final int capacity) {
            this.levels = levels;
            this.headOf = new int[2 * levels];
            this.tailOf = new int[2 * levels];
            this.id = new long[capacity];
            this.size = new int[capacity];
            this.index = new int[capacity];
            this.side = new byte[capacity];
            this.born = new long[capacity];
            this.prev = new int[capacity];
            this.next = new int[capacity];
            this.livePos = new int[capacity];
            this.liveSlots = new int[capacity];
        }

        void reset() {
            Arrays.fill(headOf, -1);
            Arrays.fill(tailOf, -1);
            Arrays.fill(id, 0);
            for (int i = 0; i < next.length; i++) {
                next[i] = i + 1 < next.length ? i + 1 : -1;
            }
            freeHead = 0;
            live = 0;
            count[BID] = 0;
            count[ASK] = 0;
        }

        int head(final int s, final int at) {
            return headOf[s * levels + at];
        }

        int tail(final int s, final int at) {
            return tailOf[s * levels + at];
        }

        long levelQty(final int s, final int at) {
            long qty = 0;
            for (int o = head(s, at); o >= 0; o = next[o]) {
                qty += size[o];
            }
            return qty;
        }

        int add(final int s, final int at, final int qty, final long orderId, final long bornEvent) {
            final int slot = freeHead;
            freeHead = next[slot];
            id[slot] = orderId;
            size[slot] = qty;
            side[slot] = (byte)s;
            born[slot] = bornEvent;
            livePos[slot] = live;
            liveSlots[live++] = slot;
            link(slot, at);
            return slot;
        }

        void remove(final int slot) {
            unlink(slot);
            final int pos = livePos[slot];
            final int moved = liveSlots[--live];
            liveSlots[pos] = moved;
            livePos[moved] = pos;
            id[slot] = 0;
            next[slot] = freeHead;
            freeHead = slot;
        }

        void moveToBack(final int slot, final int at) {
            unlink(slot);
            link(slot, at);
        }

        private void link(final int slot, final int at) {
            final int s = side[slot];
            final int level = s * levels + at;
            final int tail = tailOf[level];
            index[slot] = at;
            prev[slot] = tail;
            next[slot] = -1;
            if (tail < 0) {
                headOf[level] = slot;
            } else {
                next[tail] = slot;
            }
            tailOf[level] = slot;
            if (count[s]++ == 0 || (s == BID ? at > best[s] : at < best[s])) {
                best[s] = at;
            }
        }

        private void unlink(final int slot) {
            final int s = side[slot];
            final int at = index[slot];
            final int level = s * levels + at;
            final int before = prev[slot];
            final int after = next[slot];
            if (before < 0) {
                headOf[level] = after;
            } else {
                next[before] = after;
            }
            if (after < 0) {
                tailOf[level] = before;
            } else {
                prev[after] = before;
            }
            if (--count[s] > 0 && headOf[level] < 0 && at == best[s]) {
                final int step = s == BID ? -1 : 1;
                int scan = at + step;
                while (headOf[s * levels + scan] < 0) {
                    scan += step;
                }
                best[s] = scan;
            }
        }
    }
}
