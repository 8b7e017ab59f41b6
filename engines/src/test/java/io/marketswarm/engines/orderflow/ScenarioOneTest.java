package io.marketswarm.engines.orderflow;

import static io.marketswarm.core.layout.GridColumns.A_ADD;
import static io.marketswarm.core.layout.GridColumns.A_FILL;
import static io.marketswarm.core.layout.GridColumns.A_PULL;
import static io.marketswarm.core.layout.GridColumns.A_REST_DEPTH;
import static io.marketswarm.core.layout.GridColumns.ADD_MASS;
import static io.marketswarm.core.layout.GridColumns.FILL_MASS;
import static io.marketswarm.core.layout.GridColumns.J_ADD;
import static io.marketswarm.core.layout.GridColumns.J_FILL;
import static io.marketswarm.core.layout.GridColumns.J_PULL;
import static io.marketswarm.core.layout.GridColumns.J_REST_DEPTH;
import static io.marketswarm.core.layout.GridColumns.PRESSURE;
import static io.marketswarm.core.layout.GridColumns.PULL_MASS;
import static io.marketswarm.core.layout.GridColumns.REST_DEPTH;
import static io.marketswarm.core.layout.GridColumns.V_ADD;
import static io.marketswarm.core.layout.GridColumns.V_FILL;
import static io.marketswarm.core.layout.GridColumns.V_PULL;
import static io.marketswarm.core.layout.GridColumns.V_REST_DEPTH;
import static io.marketswarm.core.layout.GridColumns.VACUUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.engines.orderflow.book.ParityOrderBook;

/**
 * Spec §15.1 scenario 1, number for number: seven events through the whole pipeline (no phases, throttle 0), every
 * emitted grid compared with the original's values.
 */
class ScenarioOneTest {

    private static final long TICK = 250_000_000L;
    private static final double TOLERANCE = 1e-9;

    private final List<double[][]> grids = new ArrayList<>();
    private final List<long[]> headers = new ArrayList<>();
    private final List<long[]> lastEventIds = new ArrayList<>();
    private OrderFlowPipeline pipeline;

    @BeforeEach
    void runScenario() {
        final OrderFlowSettings settings = new OrderFlowSettings(true, "MNQH6", LocalDate.of(1970, 1, 1), null, 0,
            TICK, OrderFlowSettings.BookMode.PARITY);
        pipeline = new OrderFlowPipeline(settings, new VacuumPressureEngine(TICK, new ParityOrderBook()),
            new LongHashSet(), this::capture, null);
        event(1.0, 'A', 'B', 100.00, 5, 1);
        event(1.0, 'A', 'A', 100.25, 3, 2);
        event(1.5, 'A', 'B', 100.00, 2, 3);
        event(2.0, 'C', 'N', 0, 0, 3);
        event(2.2, 'F', 'N', 0, 1, 2);
        event(2.4, 'M', 'B', 100.00, 7, 1);
        event(3.0, 'A', 'A', 100.50, 4, 4);
    }

    private void event(final double seconds, final char action, final char side, final double price,
        final long size, final long orderId) {
        pipeline.onRecord(Math.round(seconds * 1e9), (byte)action, (byte)side, Math.round(price * 1e9), size, orderId,
            0, 1, 1);
    }

    private void capture(final GridSnapshot grid) {
        final double[][] values = new double[GridColumns.DOUBLE_COLUMNS][GridColumns.ROWS];
        final long[] ids = new long[GridColumns.ROWS];
        for (int row = 0; row < GridColumns.ROWS; row++) {
            for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
                values[column][row] = grid.value(column, row);
            }
            ids[row] = grid.lastEventId(row);
        }
        grids.add(values);
        lastEventIds.add(ids);
        headers.add(new long[] {grid.tsNs(), grid.eventId(), grid.spotRefPriceInt(), grid.bestBidPriceInt(),
            grid.bestAskPriceInt(), grid.bookValid() ? 1 : 0, Double.doubleToRawLongBits(grid.midPrice())});
    }

    private double value(final int event, final int k, final int column) {
        return grids.get(event - 1)[column][k + GridColumns.K];
    }

    private void assertValue(final double expected, final int event, final int k, final int column) {
        assertEquals(expected, value(event, k, column), TOLERANCE * Math.max(1, Math.abs(expected)),
            () -> "event " + event + " k=" + k + " " + GridColumns.NAMES[column + 1]);
    }

    private void assertOnlyTouched(final int event, final int... ks) {
        for (int k = -GridColumns.K; k <= GridColumns.K; k++) {
            boolean listed = false;
            for (final int touched : ks) {
                listed |= touched == k;
            }
            if (!listed) {
                for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
                    if (column != REST_DEPTH) {
                        assertEquals(0.0, value(event, k, column), "event " + event + " k=" + k + " column " + column);
                    }
                }
                assertEquals(0, lastEventIds.get(event - 1)[k + GridColumns.K], "event " + event + " k=" + k);
            }
        }
    }

    @Test
    void shouldEmitOneGridPerEventWithSpotRoundedUpToTheAsk() {
        assertEquals(7, grids.size());
        assertEquals(0, headers.get(0)[2]);
        assertEquals(0.0, Double.longBitsToDouble(headers.get(0)[6]));
        assertEquals(100_000_000_000L, headers.get(0)[3]);
        assertEquals(0, headers.get(0)[4]);
        assertEquals(1, headers.get(0)[5]);
        for (int event = 2; event <= 7; event++) {
            final long[] h = headers.get(event - 1);
            assertEquals(event, h[1]);
            assertEquals(100_250_000_000L, h[2], "spot of event " + event);
            assertEquals(100.125, Double.longBitsToDouble(h[6]));
            assertEquals(100_000_000_000L, h[3]);
            assertEquals(100_250_000_000L, h[4]);
        }
        for (int k = -GridColumns.K; k <= GridColumns.K; k++) {
            for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
                assertEquals(0.0, value(1, k, column));
            }
        }
    }

    @Test
    void shouldCountOnlyTheAskAddOnceSpotExists() {
        assertValue(5, 2, -1, REST_DEPTH);
        assertValue(0, 2, -1, ADD_MASS);
        assertValue(3, 2, 0, ADD_MASS);
        assertValue(3, 2, 0, REST_DEPTH);
        assertValue(0, 2, 0, PRESSURE);
        assertValue(0, 2, 0, VACUUM);
        assertEquals(2, lastEventIds.get(1)[GridColumns.K]);
        assertOnlyTouched(2, 0);
    }

    @Test
    void shouldAddUndecayedOnFirstTouch() {
        assertValue(2, 3, -1, ADD_MASS);
        assertValue(7, 3, -1, REST_DEPTH);
        assertValue(0, 3, -1, V_ADD);
        assertEquals(3, lastEventIds.get(2)[GridColumns.K - 1]);
    }

    @Test
    void shouldPullTheWholeCancelledOrder() {
        assertValue(1.9669429076, 4, -1, ADD_MASS);
        assertValue(2, 4, -1, PULL_MASS);
        assertValue(5, 4, -1, REST_DEPTH);
        assertValue(0.8847968677, 4, -1, V_PULL);
        assertValue(0.1683991089, 4, -1, A_PULL);
        assertValue(0.0164258429, 4, -1, J_PULL);
        assertValue(-0.8847968677, 4, -1, V_REST_DEPTH);
        assertValue(-0.1683991089, 4, -1, A_REST_DEPTH);
        assertValue(-0.0164258429, 4, -1, J_REST_DEPTH);
        assertValue(0, 4, -1, V_ADD);
        assertValue(0, 4, -1, PRESSURE);
        assertValue(1.3777150342, 4, -1, VACUUM);
        assertValue(2.9016483014, 4, 0, ADD_MASS);
        assertEquals(1.3777150342388083, value(4, -1, VACUUM), 1e-15);
        assertEquals(1.966942907643235, value(4, -1, ADD_MASS), 1e-15);
    }

    @Test
    void shouldCountRawFillSize() {
        assertValue(1, 5, 0, FILL_MASS);
        assertValue(2, 5, 0, REST_DEPTH);
        assertValue(0.3759903033, 5, 0, V_FILL);
        assertValue(0.0668548794, 5, 0, A_FILL);
        assertValue(0.0062999338, 5, 0, J_FILL);
        assertValue(-0.3759903033, 5, 0, V_REST_DEPTH);
        assertValue(-0.0668548794, 5, 0, A_REST_DEPTH);
        assertValue(-0.0062999338, 5, 0, J_REST_DEPTH);
        assertValue(2.8823683175, 5, 0, ADD_MASS);
        assertValue(0.7519806065, 5, 0, VACUUM);
        assertValue(0, 5, 0, PRESSURE);
    }

    @Test
    void shouldTreatSizeIncreaseAtSamePriceAsAdd() {
        assertValue(0.9063462346, 6, -1, V_ADD);
        assertValue(0.1742080249, 6, -1, A_ADD);
        assertValue(0.0170769859, 6, -1, J_ADD);
        assertValue(0.7244104058, 6, -1, V_PULL);
        assertValue(0.1246242272, 6, -1, A_PULL);
        assertValue(0.0114906822, 6, -1, J_PULL);
        assertValue(0.1819358288, 6, -1, V_REST_DEPTH);
        assertValue(0.0495837977, 6, -1, A_REST_DEPTH);
        assertValue(0.0055863037, 6, -1, J_REST_DEPTH);
        assertValue(1.0495765565, 6, -1, PRESSURE);
        assertValue(0.7617976740, 6, -1, VACUUM);
        assertValue(3.9408910671, 6, -1, ADD_MASS);
        assertValue(1.9735103236, 6, -1, PULL_MASS);
        assertValue(7, 6, -1, REST_DEPTH);
        assertEquals(1.0495765564693738, value(6, -1, PRESSURE), 1e-15);
    }

    @Test
    void shouldDiscountStaleBucketsOnlyInOutput() {
        assertValue(4, 7, 1, ADD_MASS);
        assertValue(4, 7, 1, REST_DEPTH);
        assertValue(0, 7, 1, PRESSURE);
        assertValue(0, 7, 1, VACUUM);
        assertEquals(7, lastEventIds.get(6)[GridColumns.K + 1]);
        assertValue(0.8535647389, 7, -1, V_ADD);
        assertValue(0.9884539762, 7, -1, PRESSURE);
        assertValue(0.7174340311, 7, -1, VACUUM);
        assertValue(3.8628561956, 7, -1, ADD_MASS);
        assertValue(2.8065209551, 7, 0, ADD_MASS);
        assertValue(0.9736857494, 7, 0, FILL_MASS);
        assertValue(0.3470827950, 7, 0, V_FILL);
        assertValue(0.6941655900, 7, 0, VACUUM);
        assertEquals(0.7174340311212484, value(7, -1, VACUUM), 1e-15);
        assertValue(3.9408910671, 6, -1, ADD_MASS);
    }

    @Test
    void shouldRenderReplayJsonLinesWithPythonFloats() {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final GridJsonWriter json = new GridJsonWriter(bytes);
        final OrderFlowSettings settings = new OrderFlowSettings(true, "MNQH6", LocalDate.of(1970, 1, 1), null, 0,
            TICK, OrderFlowSettings.BookMode.PARITY);
        pipeline = new OrderFlowPipeline(settings, new VacuumPressureEngine(TICK, new ParityOrderBook()),
            new LongHashSet(), json, null);
        event(1.0, 'A', 'B', 100.00, 5, 1);
        event(1.0, 'A', 'A', 100.25, 3, 2);
        event(1.5, 'A', 'B', 100.00, 2, 3);
        event(2.0, 'C', 'N', 0, 0, 3);
        json.flush();
        final String[] lines = bytes.toString(StandardCharsets.US_ASCII).split("\n");
        assertEquals(4, lines.length);
        assertTrue(lines[0].startsWith("{\"ts_ns\":\"1000000000\",\"event_id\":1,\"mid_price\":0.0,"
            + "\"spot_ref_price_int\":\"0\",\"best_bid_price_int\":\"100000000000\",\"best_ask_price_int\":\"0\","
            + "\"book_valid\":true,\"grid\":{\"k\":[-50,-49,"), lines[0]);
        assertTrue(lines[1].contains("\"mid_price\":100.125,\"spot_ref_price_int\":\"100250000000\""), lines[1]);
        assertTrue(lines[3].contains("1.3777150342388083"), "vacuum at k=-1 in full precision");
        assertTrue(lines[3].contains("2.9016483014460177"), "discounted add_mass at k=0");
        assertTrue(lines[3].endsWith("]}}"), lines[3]);
        for (final String name : GridColumns.NAMES) {
            assertTrue(lines[3].contains("\"" + name + "\":["), name);
        }
        assertEquals(20, lines[3].split("\":\\[").length - 1);
    }
}
