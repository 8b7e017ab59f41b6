package io.marketswarm.engines.orderflow;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

import io.marketswarm.core.format.AsciiDigits;
import io.marketswarm.core.format.PythonDoubleWriter;
import io.marketswarm.core.layout.GridColumns;
import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;

/**
 * Writes emitted grids as the replay JSON lines of spec §12: one compact object per grid, keys in the original's
 * order, the three price ints and {@code ts_ns} as strings, floats in Python {@code repr} form, ints bare. Formats
 * straight into one reusable byte array (a grid is about 20-40 KB of text), so nothing is allocated per grid.
 *
 * <p>A NaN or infinite value is a bug upstream: it fails the run with an {@link IllegalStateException} naming the
 * event and column. Output errors surface as {@link UncheckedIOException}. Not thread-safe: the engine thread writes.
 */
public final class GridJsonWriter implements GridListener, AutoCloseable {

    private static final byte[] K_ARRAY = kArray();
    private static final byte[][] COLUMN_KEYS = columnKeys();
    private static final int CAPACITY = 1 << 17;

    private final OutputStream out;
    private final PythonDoubleWriter doubles = new PythonDoubleWriter();
    private final byte[] buf = new byte[CAPACITY];
    private final double[] derivativeFactors = new double[GridColumns.ROWS];
    private final double[] massFactors = new double[GridColumns.ROWS];
    private int pos;
    private long lines;

    /**
     * @param out destination; flushed by {@link #flush()} and closed by {@link #close()}.
     */
    public GridJsonWriter(final OutputStream out) {
        this.out = out;
    }

    @Override
    public void onGrid(final GridSnapshot grid) {
        ascii("{\"ts_ns\":\"");
        number(grid.tsNs());
        ascii("\",\"event_id\":");
        number(grid.eventId());
        ascii(",\"mid_price\":");
        decimal(grid.midPrice(), grid, -1);
        ascii(",\"spot_ref_price_int\":\"");
        number(grid.spotRefPriceInt());
        ascii("\",\"best_bid_price_int\":\"");
        number(grid.bestBidPriceInt());
        ascii("\",\"best_ask_price_int\":\"");
        number(grid.bestAskPriceInt());
        ascii(grid.bookValid() ? "\",\"book_valid\":true,\"grid\":{" : "\",\"book_valid\":false,\"grid\":{");
        raw(K_ARRAY);
        grid.factors(derivativeFactors, massFactors);
        final DirectBuffer state = grid.buffer();
        final int origin = grid.origin();
        for (int column = 0; column < GridColumns.DOUBLE_COLUMNS; column++) {
            raw(COLUMN_KEYS[column]);
            final int columnOffset = grid.offset() + GridSnapshotDescriptor.stateOffset(column, 0);
            final double[] factors = column == GridColumns.REST_DEPTH ? null
                : column >= GridColumns.ADD_MASS && column <= GridColumns.FILL_MASS ? massFactors : derivativeFactors;
            int slot = origin;
            for (int row = 0; row < GridColumns.ROWS; row++) {
                final double raw = state.getDouble(columnOffset + (slot << 3), LITTLE_ENDIAN);
                final double factor = factors == null ? 1.0 : factors[row];
                decimal(factor == 1.0 ? raw : raw * factor, grid, column);
                buf[pos++] = ',';
                slot = slot == GridColumns.ROWS - 1 ? 0 : slot + 1;
            }
            buf[pos - 1] = ']';
        }
        raw(COLUMN_KEYS[GridColumns.LAST_EVENT_ID]);
        final int eventIdOffset = grid.offset() + GridSnapshotDescriptor.stateOffset(GridColumns.LAST_EVENT_ID, 0);
        int slot = origin;
        for (int row = 0; row < GridColumns.ROWS; row++) {
            number(state.getLong(eventIdOffset + (slot << 3), LITTLE_ENDIAN));
            buf[pos++] = ',';
            slot = slot == GridColumns.ROWS - 1 ? 0 : slot + 1;
        }
        pos--;
        ascii("]}}\n");
        lines++;
        if (pos > CAPACITY / 2) {
            drain();
        }
    }

    /** @return lines written. */
    public long lines() {
        return lines;
    }

    /**
     * @param column the value's column, or -1 for {@code mid_price}; only named in the error.
     */
    private void decimal(final double value, final GridSnapshot grid, final int column) {
        if (Double.doubleToRawLongBits(value) == 0) {
            buf[pos++] = '0';
            buf[pos++] = '.';
            buf[pos++] = '0';
            return;
        }
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("non-finite " + (column < 0 ? "mid_price" : GridColumns.NAMES[column + 1])
                + "=" + value + " in the grid of event " + grid.eventId() + " (ts " + grid.tsNs()
                + "): a bug in the engine");
        }
        pos = doubles.write(value, buf, pos);
    }

    private void number(final long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                ascii("-9223372036854775808");
                return;
            }
            buf[pos++] = '-';
            pos = AsciiDigits.writeLong(buf, pos, -value);
            return;
        }
        pos = AsciiDigits.writeLong(buf, pos, value);
    }

    private void ascii(final String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            buf[pos++] = (byte)text.charAt(i);
        }
    }

    private void raw(final byte[] bytes) {
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void drain() {
        try {
            out.write(buf, 0, pos);
            pos = 0;
        } catch (final IOException ex) {
            throw new UncheckedIOException("writing replay output failed", ex);
        }
    }

    /** Writes buffered lines through and flushes the output. */
    public void flush() {
        drain();
        try {
            out.flush();
        } catch (final IOException ex) {
            throw new UncheckedIOException("flushing replay output failed", ex);
        }
    }

    @Override
    public void close() {
        flush();
        try {
            out.close();
        } catch (final IOException ex) {
            throw new UncheckedIOException("closing replay output failed", ex);
        }
    }

    private static byte[] kArray() {
        final StringBuilder k = new StringBuilder("\"k\":[");
        for (int i = -GridColumns.K; i <= GridColumns.K; i++) {
            k.append(i).append(i < GridColumns.K ? "," : "]");
        }
        return k.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][] columnKeys() {
        final byte[][] keys = new byte[GridColumns.VALUE_COLUMNS][];
        for (int column = 0; column < GridColumns.VALUE_COLUMNS; column++) {
            keys[column] = (",\"" + GridColumns.NAMES[column + 1] + "\":[").getBytes(StandardCharsets.US_ASCII);
        }
        return keys;
    }
}
