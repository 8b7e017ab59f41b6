package io.marketswarm.engines.orderflow;

import static io.marketswarm.core.layout.GridColumns.K;
import static io.marketswarm.core.layout.GridColumns.ROWS;

import java.util.Arrays;

import io.marketswarm.core.layout.BucketStateDescriptor;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.math.DeterministicExp;
import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.book.TouchBuffer;

/**
 * The pressure/vacuum engine (spec §4–§8): applies MBO events to an {@link OrderBook}, keeps spot and the 101-bucket
 * grid around it, runs the per-bucket mechanics, derivative chain and forces on every touch, and writes the
 * freshness-discounted output grid on request.
 *
 * <p>State lives in plain heap arrays laid out as {@link BucketStateDescriptor} (columnar, a ring of 101 slots
 * indexed from {@code origin}): a grid shift moves an index and zeroes only the buckets that enter, and publishing a
 * grid is one block copy ({@code GridStateCopier}); the freshness discount is the readers' work. Resting depth per
 * bucket is kept as an aggregate updated from the book's depth changes (re-keyed from the book on every shift and
 * resync), so {@code rest_new} costs no scan. Exponentials use {@link DeterministicExp} (plain Java arithmetic,
 * within 2 ulp of {@link StrictMath#exp}), so output is bit-identical on every JVM and run, as the spec asks of
 * StrictMath.
 *
 * <p>Single-threaded: the engine thread owns the engine and its book. Allocates nothing after construction.
 */
public final class VacuumPressureEngine implements OrderBook.DepthListener {

    /** Time constant of acceleration, s (velocity's, 2 s, and jerk's, 10 s, are folded into the touch arithmetic). */
    private static final double TAU_A = 5.0;
    private static final double TAU_REST_DECAY = 30.0;
    private static final int F_SNAPSHOT = 0x20;
    private static final int F_LAST = 0x80;

    private final long tickInt;
    private final OrderBook book;
    private final TouchBuffer touches = new TouchBuffer();
    private final double[] values = new double[GridColumns.DOUBLE_COLUMNS * ROWS];
    private final long[] lastEventIds = new long[ROWS];
    private final long[] lastTouchNs = new long[ROWS];
    private final long[] restByRow = new long[ROWS];
    private final RestAggregator aggregator = new RestAggregator();
    private final double inverseTick;
    private final long maxBucketDiff;
    private int origin;
    private boolean trackDepth;
    private boolean offGridPriceSeen;
    private long spotBid;
    private long spotAsk;
    private long spot;

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
        final long newSpot = spotOf(bestBid, bestAsk);
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
        final long newSpot = spotOf(bestBid, bestAsk);
        if (newSpot > 0) {
            spotRef = newSpot;
        }
    }

    /** Ends the book bootstrap: zeroes the grid and resyncs resting depth from the book (spec §9.2). */
    public void finishBootstrap() {
        zeroAll();
        origin = 0;
        resyncRestDepth();
    }

    /**
     * Spot of spec §5.1 for these best prices, memoised on them: most events leave the BBO as it was, and the
     * floor division is one of the slowest instructions on the event path.
     *
     * @return the spot, 0 unless both sides are present.
     */
    private long spotOf(final long bid, final long ask) {
        if (bid != spotBid || ask != spotAsk) {
            spotBid = bid;
            spotAsk = ask;
            spot = (bid > 0 && ask > 0) ? Math.floorDiv(bid + ask + tickInt, 2 * tickInt) * tickInt : 0;
        }
        return spot;
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
        final double[] v = values;
        for (int index = slot; index < v.length; index += ROWS) {
            v[index] = 0.0;
        }
        lastEventIds[slot] = 0;
        lastTouchNs[slot] = 0;
    }

    private void zeroAll() {
        Arrays.fill(values, 0.0);
        Arrays.fill(lastEventIds, 0);
        Arrays.fill(lastTouchNs, 0);
    }

    private void shift(final long shift) {
        if (shift >= ROWS || shift <= -ROWS) {
            zeroAll();
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
        Arrays.fill(restByRow, 0);
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
        final double[] v = values;
        for (int k = -K; k <= K; k++) {
            v[column(GridColumns.REST_DEPTH) + slot(k)] = (double)restByRow[k + K];
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
        Arrays.fill(restByRow, 0);
    }

    /**
     * Mechanics, derivative chain and forces of one touch (spec §7), in the spec's operations and order, so the bits
     * are those of the plain formulas with {@code tau_v = 2}, {@code tau_a = 5}, {@code tau_j = 10}. Three rewrites
     * keep the bits and save divisions: {@code -dt/tau} is {@code -(dt/tau)} (division rounds symmetrically),
     * {@code dt/2} is {@code dt*0.5}, and {@code dt/10} is {@code (dt/5)*0.5} (halving is exact and commutes with
     * rounding while the value stays normal, and here {@code dt >= 1e-9}).
     */
    private void touch(final int k, final long ts, final long eventId, final long addQty, final long pullQty,
        final long fillQty) {
        final double[] v = values;
        final int b = slot(k);
        final long lastTouch = lastTouchNs[b];
        final double add = addQty;
        final double pull = pullQty;
        final double fill = fillQty;
        final int restIndex = column(GridColumns.REST_DEPTH) + b;
        final double restPrev = v[restIndex];
        final double restNew = (double)restByRow[k + K];
        final int addMass = column(GridColumns.ADD_MASS) + b;
        final int pullMass = column(GridColumns.PULL_MASS) + b;
        final int fillMass = column(GridColumns.FILL_MASS) + b;
        if (lastTouch > 0 && ts > lastTouch) {
            final double dt = (double)(ts - lastTouch) / 1e9;
            final double decay = DeterministicExp.exp(-dt / TAU_REST_DECAY);
            v[addMass] = v[addMass] * decay + add;
            v[pullMass] = v[pullMass] * decay + pull;
            v[fillMass] = v[fillMass] * decay + fill;
            v[restIndex] = restNew;
            final double dtOverV = dt * 0.5;
            final double dtOverA = dt / TAU_A;
            final double dtOverJ = dtOverA * 0.5;
            final double alphaV = alpha(dtOverV);
            final double alphaA = alpha(dtOverA);
            final double alphaJ = alpha(dtOverJ);
            chain(v, column(GridColumns.V_ADD) + b, add / dt, dt, alphaV, alphaA, alphaJ);
            chain(v, column(GridColumns.V_PULL) + b, pull / dt, dt, alphaV, alphaA, alphaJ);
            chain(v, column(GridColumns.V_FILL) + b, fill / dt, dt, alphaV, alphaA, alphaJ);
            chain(v, column(GridColumns.V_REST_DEPTH) + b, (restNew - restPrev) / dt, dt, alphaV, alphaA, alphaJ);
        } else {
            v[addMass] = v[addMass] + add;
            v[pullMass] = v[pullMass] + pull;
            v[fillMass] = v[fillMass] + fill;
            v[restIndex] = restNew;
        }
        final double vRest = v[column(GridColumns.V_REST_DEPTH) + b];
        v[column(GridColumns.PRESSURE) + b] = 1.0 * v[column(GridColumns.V_ADD) + b] + 0.5 * Math.max(vRest, 0.0)
            + 0.3 * Math.max(v[column(GridColumns.A_ADD) + b], 0.0);
        v[column(GridColumns.VACUUM) + b] = 1.0 * v[column(GridColumns.V_PULL) + b]
            + 1.5 * v[column(GridColumns.V_FILL) + b] + 0.5 * Math.max(-vRest, 0.0)
            + 0.3 * Math.max(v[column(GridColumns.A_PULL) + b], 0.0);
        lastEventIds[b] = eventId;
        lastTouchNs[b] = ts;
    }

    /**
     * One family's v/a/j update (spec §7 step 5). A family that is all +0.0 with a +0.0 rate stays exactly +0.0, so
     * it is skipped: same bits, less work.
     *
     * @param v      the state.
     * @param vIndex index of the family's velocity; acceleration and jerk are 4 and 8 columns further.
     */
    private static void chain(final double[] v, final int vIndex, final double rate, final double dt,
        final double alphaV, final double alphaA, final double alphaJ) {
        final int aIndex = vIndex + 4 * ROWS;
        final int jIndex = vIndex + 8 * ROWS;
        final double vOld = v[vIndex];
        final double aOld = v[aIndex];
        final double jOld = v[jIndex];
        if ((Double.doubleToRawLongBits(rate) | Double.doubleToRawLongBits(vOld) | Double.doubleToRawLongBits(aOld)
            | Double.doubleToRawLongBits(jOld)) == 0L) {
            return;
        }
        final double v2 = alphaV * rate + (1.0 - alphaV) * vOld;
        final double a2 = alphaA * ((v2 - vOld) / dt) + (1.0 - alphaA) * aOld;
        final double j2 = alphaJ * ((a2 - aOld) / dt) + (1.0 - alphaJ) * jOld;
        if (Double.isFinite(v2) && Double.isFinite(a2) && Double.isFinite(j2)) {
            v[vIndex] = v2;
            v[aIndex] = a2;
            v[jIndex] = j2;
        }
    }

    /**
     * @param dtOverTau {@code dt / tau}, &gt; 0.
     * @return {@code 1 - exp(-dt/tau)}, or 1 when {@code dt/tau > 50} (spec §7 step 5).
     */
    private static double alpha(final double dtOverTau) {
        if (dtOverTau > 50.0) {
            return 1.0;
        }
        return 1.0 - DeterministicExp.exp(-dtOverTau);
    }

    private static int column(final int column) {
        return column * ROWS;
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
        GridStateCopier.copy(values, lastEventIds, lastTouchNs, out);
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
