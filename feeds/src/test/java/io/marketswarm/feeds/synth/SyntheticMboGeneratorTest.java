package io.marketswarm.feeds.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.marketswarm.feeds.dbn.DbnConstants;
import io.marketswarm.feeds.dbn.DbnMboEncoder;
import io.marketswarm.feeds.dbn.DbnMetadata;
import io.marketswarm.feeds.dbn.DbnReader;
import io.marketswarm.feeds.dbn.MboFlyweight;

final class SyntheticMboGeneratorTest {

    private static final int EVENTS = 200_000;
    private static final long TICK = 250_000_000L;
    private static final int SNAPSHOT = DbnConstants.F_SNAPSHOT | DbnConstants.F_BAD_TS_RECV;
    private static final int SNAPSHOT_LAST = SNAPSHOT | DbnConstants.F_LAST;
    private static final int FLOW_LAST = DbnConstants.F_LAST | DbnConstants.F_PUBLISHER_SPECIFIC;

    @TempDir
    static Path shared;

    private static SynthSettings settings;
    private static SyntheticMboGenerator generator;
    private static Session session;

    @BeforeAll
    static void generateOnce() throws IOException {
        settings = settings(42, EVENTS, 3);
        generator = new SyntheticMboGenerator(settings);
        session = Session.read(write(generator, shared.resolve("session.dbn"), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"s.dbn", "s.dbn.zst"})
    void shouldWriteExactlyTheRequestedRecordsPlainOrCompressed(final String name, @TempDir final Path dir)
        throws IOException {
        final SyntheticMboGenerator gen = new SyntheticMboGenerator(settings(7, 20_000, 2));
        final Path path = write(gen, dir.resolve(name), name.endsWith(".zst"));
        try (DbnReader reader = DbnReader.open(path)) {
            assertEquals(name.endsWith(".zst"), reader.compressed());
            assertEquals(2, reader.metadata().version());
            long records = 0;
            while (reader.nextMbo()) {
                records++;
            }
            assertEquals(20_000, records);
        }
    }

    @Test
    void shouldWriteIdenticalBytesForTheSameSeedAndDifferentBytesForAnother(@TempDir final Path dir)
        throws IOException {
        final byte[] first = Files.readAllBytes(write(new SyntheticMboGenerator(settings(5, 50_000, 3)),
            dir.resolve("a.dbn"), false));
        final SyntheticMboGenerator reused = new SyntheticMboGenerator(settings(5, 50_000, 3));
        write(reused, dir.resolve("warm.dbn"), false);
        final byte[] again = Files.readAllBytes(write(reused, dir.resolve("b.dbn"), false));
        final byte[] other = Files.readAllBytes(write(new SyntheticMboGenerator(settings(6, 50_000, 3)),
            dir.resolve("c.dbn"), false));
        assertArrayEquals(first, again);
        assertFalse(Arrays.equals(first, other));
    }

    @Test
    void shouldDescribeTheSessionInTheMetadata() throws IOException {
        final DbnMetadata meta = generator.metadata();
        assertEquals(3, meta.version());
        assertEquals("GLBX.MDP3", meta.dataset());
        assertEquals(DbnConstants.SCHEMA_MBO, meta.schema());
        assertEquals(settings.startNs() - 60_000_000_000L, meta.start());
        assertEquals(settings.endNs(), meta.end());
        assertEquals(DbnConstants.STYPE_RAW_SYMBOL, meta.stypeIn());
        assertEquals(DbnConstants.STYPE_INSTRUMENT_ID, meta.stypeOut());
        assertEquals(List.of("MNQH6"), meta.symbols());
        assertEquals(List.of(new DbnMetadata.SymbolMapping("MNQH6",
            List.of(new DbnMetadata.MappingInterval(20260206, 20260207, "42000")))), meta.mappings());
        assertEquals(meta.mappings(), session.metadata.mappings());
        assertEquals(meta.start(), session.metadata.start());
        assertEquals(71, session.metadata.symbolCstrLen());
        assertFalse(session.metadata.tsOut());
    }

    @Test
    void shouldStartWithAClearedSnapshotOneMinuteBeforeTheSession() {
        final Session s = session;
        final long snapshotNs = settings.startNs() - 60_000_000_000L;
        assertEquals('R', s.action[0]);
        assertEquals('N', s.side[0]);
        assertEquals(SNAPSHOT, s.flags[0]);
        assertEquals(DbnConstants.UNDEF_PRICE, s.price[0]);
        assertEquals(0, s.orderId[0]);
        int i = 1;
        while (s.flags[i] == SNAPSHOT) {
            assertEquals('A', s.action[i]);
            i++;
        }
        assertEquals('A', s.action[i]);
        assertEquals(SNAPSHOT_LAST, s.flags[i]);
        assertTrue(i > 100, "snapshot adds: " + i);
        for (int k = 0; k <= i; k++) {
            assertEquals(snapshotNs, s.tsEvent[k]);
            assertEquals(snapshotNs, s.tsRecv[k]);
        }
        for (int k = i + 1; k < s.n; k++) {
            assertTrue(s.tsEvent[k] >= settings.startNs() && s.tsEvent[k] < settings.endNs(), "ts_event at " + k);
        }
    }

    @Test
    void shouldContainEveryActionAndExactlyTwoClears() {
        final long[] counts = new long[128];
        for (int i = 0; i < session.n; i++) {
            counts[session.action[i]]++;
        }
        for (final char action : "ACMTFNR".toCharArray()) {
            assertTrue(counts[action] > 0, "no " + action);
            assertEquals(counts[action], generator.count((byte)action), "count of " + action);
        }
        assertEquals(2, counts['R']);
        assertEquals(EVENTS, counts['A'] + counts['C'] + counts['M'] + counts['T'] + counts['F'] + counts['N']
            + counts['R']);
    }

    @Test
    void shouldKeepFieldsWellFormed() {
        final Session s = session;
        for (int i = 0; i < s.n; i++) {
            final byte action = s.action[i];
            assertTrue(s.tsRecv[i] >= s.tsEvent[i], "ts_recv before ts_event at " + i);
            if (i > 0) {
                assertTrue(s.tsRecv[i] >= s.tsRecv[i - 1], "ts_recv decreases at " + i);
                assertTrue(s.tsEvent[i] >= s.tsEvent[i - 1], "ts_event decreases at " + i);
            }
            if (action == 'N' || action == 'R') {
                assertEquals('N', s.side[i]);
                assertEquals(DbnConstants.UNDEF_PRICE, s.price[i]);
                assertEquals(0, s.size[i]);
                assertEquals(0, s.orderId[i]);
            } else {
                assertTrue(s.side[i] == 'A' || s.side[i] == 'B', "side at " + i);
                assertEquals(0, s.price[i] % TICK, "price not a tick multiple at " + i);
                final long maxSize = action == 'T' ? Long.MAX_VALUE : 20;
                assertTrue(s.size[i] >= 1 && s.size[i] <= maxSize, "size " + s.size[i] + " at " + i);
                assertTrue(s.orderId[i] > 6_000_000_000_000L, "order id at " + i);
            }
            assertTrue(s.flags[i] == 0 || s.flags[i] == FLOW_LAST || s.flags[i] == SNAPSHOT
                || s.flags[i] == SNAPSHOT_LAST, "flags " + s.flags[i] + " at " + i);
            if ((s.flags[i] & DbnConstants.F_SNAPSHOT) != 0) {
                assertEquals(0, s.tsInDelta[i], "snapshot ts_in_delta at " + i);
            } else {
                assertTrue(s.tsInDelta[i] >= 10_000 && s.tsInDelta[i] <= 25_000, "ts_in_delta at " + i);
                final long latency = s.tsRecv[i] - s.tsEvent[i];
                assertTrue(latency >= 5_000 && latency <= 3_000_000, "latency " + latency + " at " + i);
            }
        }
        assertTrue((s.flags[s.n - 1] & DbnConstants.F_LAST) != 0);
    }

    @Test
    void shouldShareTimeAndSequenceWithinAnEventAndAdvanceTheSequenceBetweenEvents() {
        final Session s = session;
        for (int i = 1; i < s.n; i++) {
            if ((s.flags[i - 1] & DbnConstants.F_LAST) != 0) {
                assertTrue(s.sequence[i] > s.sequence[i - 1], "sequence at " + i);
            } else {
                assertEquals(s.sequence[i - 1], s.sequence[i], "sequence within event at " + i);
                assertEquals(s.tsEvent[i - 1], s.tsEvent[i], "ts_event within event at " + i);
                assertEquals(s.tsRecv[i - 1], s.tsRecv[i], "ts_recv within event at " + i);
            }
        }
    }

    @Test
    void shouldWriteTradesAsTradeThenFillsThenCancelsOrModifies() {
        final Session s = session;
        int trades = 0;
        int partialFills = 0;
        int sweeps = 0;
        for (int i = 0; i < s.n; i++) {
            if (s.action[i] != 'T') {
                continue;
            }
            int end = i;
            while ((s.flags[end] & DbnConstants.F_LAST) == 0) {
                end++;
            }
            if (end == s.n - 1) {
                break;
            }
            trades++;
            if (i > 0 && s.action[i - 1] != 'T' && (s.flags[i - 1] & DbnConstants.F_LAST) == 0) {
                sweeps++;
            }
            assertEquals(0, s.flags[i], "trade flags at " + i);
            int j = i + 1;
            long filled = 0;
            while (j < s.n && s.action[j] == 'F') {
                assertEquals(s.price[i], s.price[j]);
                assertTrue(s.side[j] != s.side[i], "fill on the aggressor's side at " + j);
                filled += s.size[j];
                j++;
            }
            assertEquals(s.size[i], filled, "fills of trade at " + i);
            final int fills = j - i - 1;
            for (int k = 0; k < fills; k++) {
                final int fill = i + 1 + k;
                final int book = j + k;
                assertEquals(s.orderId[fill], s.orderId[book], "order of fill " + fill);
                assertEquals(s.price[fill], s.price[book]);
                if (s.action[book] == 'M') {
                    assertEquals(fills - 1, k, "only the last order hit is partly filled");
                    partialFills++;
                } else {
                    assertEquals('C', s.action[book], "after fill " + fill);
                    assertEquals(s.size[fill], s.size[book], "cancel size of fill " + fill);
                }
            }
            final int after = j + fills;
            assertTrue(after - 1 == end || s.action[after] == 'T' || after == end && s.action[after] == 'A',
                "trade event at " + i + " ends at " + end);
        }
        assertTrue(trades > 1000, "trades " + trades);
        assertTrue(partialFills > 100, "partial fills " + partialFills);
        assertTrue(sweeps > 10, "multi-level sweeps " + sweeps);
    }

    @Test
    void shouldNeverCrossTheBookAndLetTheMidWander() {
        final Session s = session;
        final ReferenceBook book = new ReferenceBook();
        double lowMid = Double.MAX_VALUE;
        double highMid = -Double.MAX_VALUE;
        int maxOrders = 0;
        for (int i = 0; i < s.n; i++) {
            book.apply(s, i);
            if ((s.flags[i] & DbnConstants.F_LAST) != 0 && !book.bids.isEmpty() && !book.asks.isEmpty()) {
                final long bid = book.bids.lastKey();
                final long ask = book.asks.firstKey();
                assertTrue(bid < ask, "crossed book after record " + i + ": " + bid + " >= " + ask);
                final double mid = (bid + ask) / 2.0 / TICK;
                lowMid = Math.min(lowMid, mid);
                highMid = Math.max(highMid, mid);
                maxOrders = Math.max(maxOrders, book.orders.size());
            }
        }
        assertTrue(highMid - lowMid >= 20, "mid range " + (highMid - lowMid) + " ticks");
        assertTrue(maxOrders <= SyntheticMboGenerator.MAX_LIVE_ORDERS, "orders " + maxOrders);
        assertTrue(generator.peakLiveOrders() >= maxOrders);
        assertEquals(generator.liveOrders(), book.orders.size());
        assertEquals(generator.unknownIdRecords(), book.unknownIdRecords);
        assertTrue(book.unknownIdRecords > 0, "no records for unknown order ids");
    }

    @Test
    void shouldClearAndRebuildTheSameBookHalfWay() {
        final Session s = session;
        final ReferenceBook book = new ReferenceBook();
        int clear = -1;
        for (int i = 1; i < s.n; i++) {
            if (s.action[i] == 'R') {
                clear = i;
                break;
            }
            book.apply(s, i);
        }
        assertTrue(Math.abs(clear - EVENTS / 2) < EVENTS / 100, "mid-session clear at " + clear);
        assertEquals(SNAPSHOT, s.flags[clear]);
        assertEquals(s.tsEvent[clear - 1], s.tsEvent[clear]);
        final Map<Long, List<Long>> before = new HashMap<>();
        book.orders.forEach((id, order) -> before.put(id, List.of(order[0], order[1], order[2])));
        final Map<Long, List<Long>> rebuilt = new HashMap<>();
        int i = clear + 1;
        for (; s.flags[i] == SNAPSHOT; i++) {
            assertEquals('A', s.action[i]);
            rebuilt.put(s.orderId[i], List.of((long)s.side[i], s.price[i], s.size[i]));
        }
        assertEquals(SNAPSHOT_LAST, s.flags[i]);
        rebuilt.put(s.orderId[i], List.of((long)s.side[i], s.price[i], s.size[i]));
        assertEquals(before, rebuilt);
        assertTrue((s.flags[i + 1] & DbnConstants.F_SNAPSHOT) == 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1001, 1002, 1003, 1500, 4321})
    void shouldEndSmallSessionsOnExactlyTheBudgetWithLastFlag(final int events, @TempDir final Path dir)
        throws IOException {
        final SyntheticMboGenerator gen = new SyntheticMboGenerator(settings(events, events, 3));
        final Session small = Session.read(write(gen, dir.resolve("small.dbn"), false));
        assertEquals(events, small.n);
        assertTrue((small.flags[events - 1] & DbnConstants.F_LAST) != 0);
        assertEquals(2, gen.count((byte)'R'));
    }

    private static SynthSettings settings(final long seed, final long events, final int version) {
        return new SynthSettings(seed, events, "MNQH6", 42_000L, "GLBX.MDP3", 1, LocalDate.of(2026, 2, 6),
            LocalTime.of(9, 30), 6.5, TICK, 21_500_000_000_000L, version);
    }

    private static Path write(final SyntheticMboGenerator gen, final Path path, final boolean zstd)
        throws IOException {
        try (DbnMboEncoder encoder = DbnMboEncoder.create(path, gen.metadata(), zstd)) {
            assertEquals(gen.generate(encoder), encoder.records());
        }
        return path;
    }

    /** Every record of a file, column by column. */
    private static final class Session {
        DbnMetadata metadata;
        int n;
        byte[] action = new byte[1024];
        byte[] side = new byte[1024];
        int[] flags = new int[1024];
        int[] tsInDelta = new int[1024];
        long[] price = new long[1024];
        long[] size = new long[1024];
        long[] orderId = new long[1024];
        long[] tsEvent = new long[1024];
        long[] tsRecv = new long[1024];
        long[] sequence = new long[1024];

        static Session read(final Path path) throws IOException {
            final Session s = new Session();
            try (DbnReader reader = DbnReader.open(path)) {
                s.metadata = reader.metadata();
                while (reader.nextMbo()) {
                    s.add(reader.mbo());
                }
            }
            return s;
        }

        private void add(final MboFlyweight m) {
            if (n == action.length) {
                final int grown = n * 2;
                action = Arrays.copyOf(action, grown);
                side = Arrays.copyOf(side, grown);
                flags = Arrays.copyOf(flags, grown);
                tsInDelta = Arrays.copyOf(tsInDelta, grown);
                price = Arrays.copyOf(price, grown);
                size = Arrays.copyOf(size, grown);
                orderId = Arrays.copyOf(orderId, grown);
                tsEvent = Arrays.copyOf(tsEvent, grown);
                tsRecv = Arrays.copyOf(tsRecv, grown);
                sequence = Arrays.copyOf(sequence, grown);
            }
            action[n] = m.action();
            side[n] = m.side();
            flags[n] = m.flags();
            tsInDelta[n] = m.tsInDelta();
            price[n] = m.price();
            size[n] = m.size();
            orderId[n] = m.orderId();
            tsEvent[n] = m.tsEvent();
            tsRecv[n] = m.tsRecv();
            sequence[n] = m.sequence();
            n++;
        }
    }

    /** A plain order book applying Databento's MBO rules (spec section 8), to check the generator against. */
    private static final class ReferenceBook {
        final Map<Long, long[]> orders = new HashMap<>();
        final TreeMap<Long, Long> bids = new TreeMap<>();
        final TreeMap<Long, Long> asks = new TreeMap<>();
        long unknownIdRecords;

        void apply(final Session s, final int i) {
            final long id = s.orderId[i];
            final long[] order = orders.get(id);
            switch (s.action[i]) {
                case 'R' -> {
                    orders.clear();
                    bids.clear();
                    asks.clear();
                }
                case 'A' -> {
                    assertTrue(order == null, "duplicate add of " + id + " at " + i);
                    add(id, s.side[i], s.price[i], s.size[i]);
                }
                case 'C' -> {
                    if (order == null) {
                        unknownIdRecords++;
                    } else {
                        assertTrue(s.size[i] <= order[2], "cancel of more than rests at " + i);
                        level(order[0]).merge(order[1], -s.size[i], Long::sum);
                        level(order[0]).remove(order[1], 0L);
                        order[2] -= s.size[i];
                        if (order[2] == 0) {
                            orders.remove(id);
                        }
                    }
                }
                case 'M' -> {
                    if (order == null) {
                        unknownIdRecords++;
                    } else {
                        assertEquals(order[0], s.side[i], "side changed by modify at " + i);
                        orders.remove(id);
                        level(order[0]).merge(order[1], -order[2], Long::sum);
                        level(order[0]).remove(order[1], 0L);
                    }
                    add(id, s.side[i], s.price[i], s.size[i]);
                }
                case 'F' -> {
                    if (order == null) {
                        unknownIdRecords++;
                    }
                }
                default -> {
                }
            }
        }

        private void add(final long id, final long side, final long price, final long size) {
            assertTrue(size > 0, "non-positive size for " + id);
            orders.put(id, new long[] {side, price, size});
            level(side).merge(price, size, Long::sum);
        }

        private TreeMap<Long, Long> level(final long side) {
            return side == 'B' ? bids : asks;
        }
    }
}
