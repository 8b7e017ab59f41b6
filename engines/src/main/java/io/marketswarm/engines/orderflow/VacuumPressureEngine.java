package io.marketswarm.engines.orderflow;

import static io.marketswarm.core.layout.BucketStateDescriptor.LAST_TS;
import static io.marketswarm.core.layout.GridColumns.K;
import static io.marketswarm.core.layout.GridColumns.ROWS;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.core.layout.BucketStateDescriptor;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;
import io.marketswarm.core.math.DeterministicExp;
import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.book.TouchBuffer;

/**
 * The pressure/vacuum engine (spec §4–§8): applies MBO events to an {@link OrderBook}, keeps spot and the 101-bucket
 * grid around it, runs the per-bucket mechanics, derivative chain and forces on every touch, and writes the
 * freshness-discounted output grid on request.
 *
 * <p>State lives off-heap, columnar ({@link BucketStateDescriptor}), in a ring of 101 slots indexed from
 * {@code origin}: a grid shift moves an index and zeroes only the buckets that enter, and writing the output grid is
 * two block copies per column plus the discount of stale buckets. Resting depth per bucket is kept as an aggregate
 * updated from the book's depth changes (re-keyed from the book on every shift and resync), so {@code rest_new}
 * costs no scan. Exponentials use {@link DeterministicExp} (plain Java arithmetic, within 2 ulp of
 * {@link StrictMath#exp}), so output is bit-identical on every JVM and run, as the spec asks of StrictMath.
 *
 * <p>Single-threaded: the engine thread owns the engine and its book. Allocates nothing after construction.
 */
public final class VacuumPressureEngine implements OrderBook.DepthListener {

    private static final double TAU_V = 2.0;
    private static final double TAU_A = 5.0;
    private static final double TAU_J = 10.0;
    private static final double TAU_REST_DECAY = 30.0;
    private static final int F_SNAPSHOT = 0x20;
    private static final int F_LAST = 0x80;

    private final long tickInt;
    private final OrderBook book;
    private final TouchBuffer touches = new TouchBuffer();
    private final UnsafeBuffer grid = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
        BucketStateDescriptor.LENGTH, 64));
    private final long[] restByRow = new long[ROWS];
    private final RestAggregator aggregator = new RestAggregator();
    private final double inverseTick;
    private final long maxBucketDiff;
    private int origin;
    private boolean trackDepth;
    private boolean offGridPriceSeen;

    private long eventCounter;
    private long spotRef;
    private long bestBid;
    private long bestAsk;
    private boolean bookValid;
    private boolean snapshotInProgress;
    private long lastTs;

    /**
     * @param tickInt bucket width in 1e-9 price units, &gt; 0.
     * @param book    the book this engine owns from now on (its depth listener is replaced).
     */
    public VacuumPressureEngine(final long tickInt, final OrderBook book) {
        if (tickInt <= 0) {
            throw new IllegalArgumentException("tickInt=" + tickInt + " must be > 0");
        }
        this.tickInt = tickInt;
        this.inverseTick = 1.0 / tickInt;
        this.maxBucketDiff = (K + 1) * tickInt;
        this.book = book;
        book.depthListener(this);
    }

    /**
     * Full path (spec §4.2): book, BBO, spot and shift, resync, mechanics.
     *
     * @param ts          event time (normalised {@code ts_event}), ns.
     * @param action      ASCII action.
     * @param side        ASCII side.
     * @param price       price, 1e-9 units.
     * @param size        size.
     * @param orderId     order id.
     * @param flags       DBN flags.
     * @param publisherId publisher id.
     */
    public void onEvent(final long ts, final byte action, final byte side, final long price, final long size,
        final long orderId, final int flags, final int publisherId) {
        eventCounter++;
        lastTs = ts;
        final boolean wasSnapshot = snapshotInProgress;
        lifecycle(action, flags);
        trackDepth = spotRef > 0;
        touches.clear();
        book.apply(action, side, price, size, orderId, flags, publisherId, touches);
        if (action == 'R') {
            bookValid = false;
        }
        bestBid = book.bestBid();
        bestAsk = book.bestAsk();
        final long oldSpot = spotRef;
        final long newSpot = (bestBid > 0 && bestAsk > 0)
            ? Math.floorDiv(bestBid + bestAsk + tickInt, 2 * tickInt) * tickInt : 0;
        if (newSpot > 0 && oldSpot > 0 && newSpot != oldSpot) {
            shift((newSpot - oldSpot) / tickInt);
        }
        if (newSpot > 0) {
            spotRef = newSpot;
        }
        if ((wasSnapshot && !snapshotInProgress) || (oldSpot == 0 && spotRef > 0)) {
            resyncRestDepth();
        } else if (newSpot > 0 && oldSpot > 0 && newSpot != oldSpot) {
            shiftRestAggregate((newSpot - oldSpot) / tickInt);
        }
        if (spotRef == 0) {
            return;
        }
        final long eventId = eventCounter;
        for (int i = 0, n = touches.count(); i < n; i++) {
            final int k = bucketOf(touches.price(i));
            if (k >= -K && k <= K) {
                touch(k, ts, eventId, touches.add(i), touches.pull(i), touches.fill(i));
            }
        }
    }

    /**
     * Book-only path (spec §4.4), used before the warmup: counts the event, runs the lifecycle and the book, updates
     * BBO and spot; no grid work. Call {@link #finishBootstrap()} before the first full-path event.
     *
     * @param ts          event time, ns.
     * @param action      ASCII action.
     * @param side        ASCII side.
     * @param price       price.
     * @param size        size.
     * @param orderId     order id.
     * @param flags       DBN flags.
     * @param publisherId publisher id.
     */
    public void onBookOnlyEvent(final long ts, final byte action, final byte side, final long price, final long size,
        final long orderId, final int flags, final int publisherId) {
        eventCounter++;
        lastTs = ts;
        lifecycle(action, flags);
        trackDepth = false;
        book.apply(action, side, price, size, orderId, flags, publisherId, null);
        if (action == 'R') {
            bookValid = false;
        }
        bestBid = book.bestBid();
        bestAsk = book.bestAsk();
        final long newSpot = (bestBid > 0 && bestAsk > 0)
            ? Math.floorDiv(bestBid + bestAsk + tickInt, 2 * tickInt) * tickInt : 0;
        if (newSpot > 0) {
            spotRef = newSpot;
        }
    }

    /** Ends the book bootstrap: zeroes the grid and resyncs resting depth from the book (spec §9.2). */
    public void finishBootstrap() {
        grid.setMemory(0, BucketStateDescriptor.LENGTH, (byte)0);
        origin = 0;
        resyncRestDepth();
    }

    private void lifecycle(final byte action, final int flags) {
        if (action == 'R' && (flags & F_SNAPSHOT) != 0) {
            snapshotInProgress = true;
        }
        if (snapshotInProgress && (flags & F_LAST) != 0) {
            snapshotInProgress = false;
            bookValid = true;
        }
        if (!bookValid && !snapshotInProgress) {
            bookValid = true;
        }
    }

    /**
     * @param price a price.
     * @return its bucket relative to {@code spot_ref}, rounded half-even; may be outside {@code [-50, 50]}.
     */
    int bucketOf(final long price) {
        final long diff = price - spotRef;
        if (diff > maxBucketDiff || diff < -maxBucketDiff) {
            return diff > 0 ? K + 1 : -K - 1;
        }
        final long q = (long)Math.rint(diff * inverseTick);
        final long twiceRemainder = 2 * (diff - q * tickInt);
        if (twiceRemainder == 0) {
            return (int)q;
        }
        if (twiceRemainder > -tickInt && twiceRemainder < tickInt) {
            return (int)q;
        }
        return exactBucketOf(diff);
    }

    private int exactBucketOf(final long diff) {
        final long q = Math.floorDiv(diff, tickInt);
        final long twiceRemainder = 2 * (diff - q * tickInt);
        final long k;
        if (twiceRemainder > tickInt) {
            k = q + 1;
        } else if (twiceRemainder == tickInt) {
            k = q + (q & 1);
        } else {
            k = q;
        }
        return (int)k;
    }

    private int slot(final int k) {
        final int slot = origin + k + K;
        return slot >= ROWS ? slot - ROWS : slot;
    }

    private void zeroSlot(final int slot) {
        for (int field = 0; field < BucketStateDescriptor.FIELDS; field++) {
            grid.putLong(BucketStateDescriptor.offset(field, slot), 0L);
        }
    }

    private void shift(final long shift) {
        if (shift >= ROWS || shift <= -ROWS) {
            grid.setMemory(0, BucketStateDescriptor.LENGTH, (byte)0);
            return;
        }
        final int s = (int)shift;
        origin = Math.floorMod(origin + s, ROWS);
        if (s > 0) {
            for (int k = K - s + 1; k <= K; k++) {
                zeroSlot(slot(k));
            }
        } else {
            for (int k = -K; k < -K - s; k++) {
                zeroSlot(slot(k));
            }
        }
    }

    /**
     * Re-keys the resting-depth aggregate after spot moved by {@code shift} buckets. When every price seen is a
     * multiple of the bucket width, a level's bucket moves by exactly {@code shift}, so the aggregate shifts like the
     * grid and only the entering buckets are read from the book; otherwise half-bucket prices may round differently
     * (half-even), and the aggregate is rebuilt from the book.
     */
    private void shiftRestAggregate(final long shift) {
        if (offGridPriceSeen || shift >= ROWS || shift <= -ROWS) {
            rebuildRestAggregate();
            return;
        }
        final int s = (int)shift;
        final long[] rest = restByRow;
        if (s > 0) {
            System.arraycopy(rest, s, rest, 0, ROWS - s);
            for (int row = ROWS - s; row < ROWS; row++) {
                rest[row] = levelDepth(spotRef + (long)(row - K) * tickInt);
            }
        } else {
            System.arraycopy(rest, 0, rest, -s, ROWS + s);
            for (int row = 0; row < -s; row++) {
                rest[row] = levelDepth(spotRef + (long)(row - K) * tickInt);
            }
        }
    }

    private long levelDepth(final long price) {
        return book.depthAt(OrderBook.BID, price) + book.depthAt(OrderBook.ASK, price);
    }

    private void rebuildRestAggregate() {
        java.util.Arrays.fill(restByRow, 0);
        if (spotRef <= 0) {
            return;
        }
        final long low = spotRef - (K + 1) * tickInt;
        final long high = spotRef + (K + 1) * tickInt;
        book.forEachLevel(OrderBook.BID, low, high, aggregator);
        book.forEachLevel(OrderBook.ASK, low, high, aggregator);
    }

    private void resyncRestDepth() {
        rebuildRestAggregate();
        if (spotRef <= 0) {
            return;
        }
        for (int k = -K; k <= K; k++) {
            put(slot(k), GridColumns.REST_DEPTH, (double)restByRow[k + K]);
        }
    }

    @Override
    public void onDepthChange(final long price, final long delta) {
        if (!offGridPriceSeen && (long)Math.rint(price * inverseTick) * tickInt != price) {
            offGridPriceSeen = true;
        }
        if (trackDepth) {
            final int k = bucketOf(price);
            if (k >= -K && k <= K) {
                restByRow[k + K] += delta;
            }
        }
    }

    @Override
    public void onClear() {
        java.util.Arrays.fill(restByRow, 0);
    }

    private void touch(final int k, final long ts, final long eventId, final long addQty, final long pullQty,
        final long fillQty) {
        final int b = slot(k);
        final long lastTouch = grid.getLong(BucketStateDescriptor.offset(LAST_TS, b), LITTLE_ENDIAN);
        final double dt = (lastTouch > 0 && ts > lastTouch) ? (double)(ts - lastTouch) / 1e9 : 0.0;
        final double add = addQty;
        final double pull = pullQty;
        final double fill = fillQty;
        final double restPrev = get(b, GridColumns.REST_DEPTH);
        final double restNew = (double)restByRow[k + K];
        if (dt > 0) {
            final double decay = DeterministicExp.exp(-dt / TAU_REST_DECAY);
            put(b, GridColumns.ADD_MASS, get(b, GridColumns.ADD_MASS) * decay + add);
            put(b, GridColumns.PULL_MASS, get(b, GridColumns.PULL_MASS) * decay + pull);
            put(b, GridColumns.FILL_MASS, get(b, GridColumns.FILL_MASS) * decay + fill);
        } else {
            put(b, GridColumns.ADD_MASS, get(b, GridColumns.ADD_MASS) + add);
            put(b, GridColumns.PULL_MASS, get(b, GridColumns.PULL_MASS) + pull);
            put(b, GridColumns.FILL_MASS, get(b, GridColumns.FILL_MASS) + fill);
        }
        put(b, GridColumns.REST_DEPTH, restNew);
        if (dt > 0) {
            final double alphaV = alpha(dt, TAU_V);
            final double alphaA = alpha(dt, TAU_A);
            final double alphaJ = alpha(dt, TAU_J);
            chain(b, GridColumns.V_ADD, add / dt, dt, alphaV, alphaA, alphaJ);
            chain(b, GridColumns.V_PULL, pull / dt, dt, alphaV, alphaA, alphaJ);
            chain(b, GridColumns.V_FILL, fill / dt, dt, alphaV, alphaA, alphaJ);
            chain(b, GridColumns.V_REST_DEPTH, (restNew - restPrev) / dt, dt, alphaV, alphaA, alphaJ);
        }
        final double vRest = get(b, GridColumns.V_REST_DEPTH);
        put(b, GridColumns.PRESSURE, 1.0 * get(b, GridColumns.V_ADD) + 0.5 * Math.max(vRest, 0.0)
            + 0.3 * Math.max(get(b, GridColumns.A_ADD), 0.0));
        put(b, GridColumns.VACUUM, 1.0 * get(b, GridColumns.V_PULL) + 1.5 * get(b, GridColumns.V_FILL)
            + 0.5 * Math.max(-vRest, 0.0) + 0.3 * Math.max(get(b, GridColumns.A_PULL), 0.0));
        grid.putLong(BucketStateDescriptor.offset(GridColumns.LAST_EVENT_ID, b), eventId, LITTLE_ENDIAN);
        grid.putLong(BucketStateDescriptor.offset(LAST_TS, b), ts, LITTLE_ENDIAN);
    }

    /**
     * One family's v/a/j update (spec §7 step 5). A family that is all +0.0 with a +0.0 rate stays exactly +0.0, so
     * it is skipped: same bits, less work.
     */
    private void chain(final int b, final int vColumn, final double rate, final double dt, final double alphaV,
        final double alphaA, final double alphaJ) {
        final int aColumn = vColumn + 4;
        final int jColumn = vColumn + 8;
        final double v = get(b, vColumn);
        final double a = get(b, aColumn);
        final double j = get(b, jColumn);
        if ((Double.doubleToRawLongBits(rate) | Double.doubleToRawLongBits(v) | Double.doubleToRawLongBits(a)
            | Double.doubleToRawLongBits(j)) == 0L) {
            return;
        }
        final double v2 = alphaV * rate + (1.0 - alphaV) * v;
        final double a2 = alphaA * ((v2 - v) / dt) + (1.0 - alphaA) * a;
        final double j2 = alphaJ * ((a2 - a) / dt) + (1.0 - alphaJ) * j;
        if (Double.isFinite(v2) && Double.isFinite(a2) && Double.isFinite(j2)) {
            put(b, vColumn, v2);
            put(b, aColumn, a2);
            put(b, jColumn, j2);
        }
    }

    private static double alpha(final double dt, final double tau) {
        if (dt <= 0) {
            return 0.0;
        }
        if (dt / tau > 50.0) {
            return 1.0;
        }
        return 1.0 - DeterministicExp.exp(-dt / tau);
    }

    private double get(final int slot, final int column) {
        return grid.getDouble(BucketStateDescriptor.offset(column, slot), LITTLE_ENDIAN);
    }

    private void put(final int slot, final int column, final double value) {
        grid.putDouble(BucketStateDescriptor.offset(column, slot), value, LITTLE_ENDIAN);
    }

    /**
     * Publishes the grid as of the last event (spec §8): the header and the raw state in one block copy. The
     * freshness discount is applied by readers ({@link GridSnapshot#value}), never to stored state.
     *
     * @param out destination, {@link GridSnapshotDescriptor#LENGTH} bytes.
     */
    public void writeGrid(final GridSnapshot out) {
        final double mid = (bestBid > 0 && bestAsk > 0) ? ((double)(bestBid + bestAsk) * 0.5) * 1e-9 : 0.0;
        out.header(lastTs, eventCounter, spotRef, mid, bestBid, bestAsk, bookValid, origin);
        ((MutableDirectBuffer)out.buffer()).putBytes(out.offset() + GridSnapshotDescriptor.HEADER_LENGTH, grid, 0,
            BucketStateDescriptor.LENGTH);
    }

    /**
     * @param row {@code k + 50}.
     * @return resting quantity (bid + ask) the engine holds for that bucket: the aggregate {@code rest_new} reads.
     */
    long restAggregate(final int row) {
        return restByRow[row];
    }

    /** @return events counted so far (the last event's id). */
    public long eventCounter() {
        return eventCounter;
    }

    /** @return spot reference, 0 while unknown. */
    public long spotRef() {
        return spotRef;
    }

    /** @return best bid after the last event. */
    public long bestBid() {
        return bestBid;
    }

    /** @return best ask after the last event. */
    public long bestAsk() {
        return bestAsk;
    }

    /** @return whether the book is valid. */
    public boolean bookValid() {
        return bookValid;
    }

    /** @return whether a snapshot is being replayed. */
    public boolean snapshotInProgress() {
        return snapshotInProgress;
    }

    /** @return event time of the last event, ns. */
    public long lastTs() {
        return lastTs;
    }

    /** @return the book this engine drives. */
    public OrderBook book() {
        return book;
    }

    /**
     * Restores the lifecycle fields from the book cache (the grid starts from zero; call {@link #finishBootstrap()}).
     *
     * @param eventCounter       events counted.
     * @param lastTs             last event time.
     * @param spotRef            spot reference.
     * @param bestBid            best bid.
     * @param bestAsk            best ask.
     * @param bookValid          book validity.
     * @param snapshotInProgress snapshot state.
     */
    public void restore(final long eventCounter, final long lastTs, final long spotRef, final long bestBid,
        final long bestAsk, final boolean bookValid, final boolean snapshotInProgress) {
        this.eventCounter = eventCounter;
        this.lastTs = lastTs;
        this.spotRef = spotRef;
        this.bestBid = bestBid;
        this.bestAsk = bestAsk;
        this.bookValid = bookValid;
        this.snapshotInProgress = snapshotInProgress;
    }

    private final class RestAggregator implements OrderBook.LevelVisitor {
        @Override
        public void onLevel(final long price, final long quantity) {
            final int k = bucketOf(price);
            if (k >= -K && k <= K) {
                restByRow[k + K] += quantity;
            }
        }
    }
}
