package io.marketswarm.engines.orderflow.cache;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.marketswarm.engines.orderflow.book.OrderBook;
import io.marketswarm.engines.orderflow.OrderFlowPipeline;
import io.marketswarm.engines.orderflow.OrderFlowSettings;
import io.marketswarm.engines.orderflow.VacuumPressureEngine;

/**
 * The book cache (spec §10): the engine's lifecycle fields and the whole book at the end of the bootstrap, in our
 * own little-endian binary format, so a replay with a start time skips rebuilding the book.
 *
 * <pre>
 *  "VPBK" | u32 version=1 | u8 book_mode (0 parity, 1 databento) | u32 keyLen + UTF-8 key
 *  i64 event_counter | i64 last_ts_ns | i64 spot_ref | i64 best_bid | i64 best_ask
 *  u8 book_valid | u8 snapshot_in_progress
 *  u32 n_orders  { u16 publisher_id | u64 order_id | u8 side (ASCII) | i64 price | i64 qty }*
 *  u32 n_bid_lv  { i64 price | i64 qty }*   u32 n_ask_lv { i64 price | i64 qty }*
 *  u32 crc32 of all preceding bytes
 * </pre>
 *
 * The depth maps are stored explicitly (the parity book's depth cannot be rebuilt from its orders). Files are
 * written to a temporary name and renamed. A file with the wrong magic, version, mode or key, a bad CRC, or a
 * truncated body is reported, deleted and ignored: it is never trusted. Used on the engine thread.
 */
public final class BookCacheFile implements OrderFlowPipeline.BootstrapCache {

    /** Format version. */
    public static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(BookCacheFile.class);
    private static final byte[] MAGIC = {'V', 'P', 'B', 'K'};

    private final Path file;
    private final String key;
    private final int bookMode;
    private String lastRejection;

    /**
     * The book cache of a run (spec §10): keyed by product type, symbol, date, warmup start and the DBN file's
     * mtime and size (plus the book mode when it is not parity); named {@code SYMBOL_DATE_<16 hex of SHA-256>.vpbook}
     * (the original's layout).
     *
     * @param settings the run; must have a start time.
     * @param dbnFile  the DBN file the run reads.
     * @param dir      cache directory.
     * @return the cache file handle.
     * @throws IOException if the DBN file cannot be stat'ed.
     */
    public static BookCacheFile forRun(final OrderFlowSettings settings, final Path dbnFile, final Path dir)
        throws IOException {
        final String productType = settings.futures() ? "future_mbo" : "equity_mbo";
        String key = productType + ":" + settings.symbol() + ":" + settings.date() + ":" + settings.warmupStartNs()
            + ":" + Files.getLastModifiedTime(dbnFile).to(TimeUnit.NANOSECONDS) + ":" + Files.size(dbnFile);
        if (settings.bookMode() == OrderFlowSettings.BookMode.DATABENTO) {
            key += ":databento";
        }
        final String name = settings.symbol() + "_" + settings.date() + "_" + hash16(key) + ".vpbook";
        return new BookCacheFile(dir.resolve(name), key,
            settings.bookMode() == OrderFlowSettings.BookMode.DATABENTO ? 1 : 0);
    }

    /**
     * @param key a cache key.
     * @return the first 16 hex digits of its SHA-256.
     */
    public static String hash16(final String key) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (final NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @param file     the cache file.
     * @param key      the string the file name's hash was made from; stored and compared on load.
     * @param bookMode 0 parity, 1 databento.
     */
    public BookCacheFile(final Path file, final String key, final int bookMode) {
        this.file = file;
        this.key = key;
        this.bookMode = bookMode;
    }

    /** @return the cache file. */
    public Path file() {
        return file;
    }

    /** @return why the last load was rejected, or {@code null}. */
    public String lastRejection() {
        return lastRejection;
    }

    @Override
    public boolean tryRestore(final VacuumPressureEngine engine) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            final byte[] bytes = Files.readAllBytes(file);
            final String problem = validate(bytes);
            if (problem != null) {
                reject(problem);
                return false;
            }
            restore(new UnsafeBuffer(bytes), engine);
            LOG.info("book cache hit: {} ({} orders)", file, engine.book().orderCount());
            return true;
        } catch (final IOException | RuntimeException ex) {
            engine.book().clear();
            reject("unreadable: " + ex.getMessage());
            return false;
        }
    }

    private void reject(final String problem) {
        lastRejection = problem;
        LOG.warn("book cache {} rejected ({}); deleting it and rebuilding the book", file, problem);
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ex) {
            LOG.warn("could not delete rejected book cache {}: {}", file, ex.toString());
        }
    }

    private String validate(final byte[] bytes) {
        if (bytes.length < 4 + 4 + 1 + 4 + 4 || bytes[0] != MAGIC[0] || bytes[1] != MAGIC[1] || bytes[2] != MAGIC[2]
            || bytes[3] != MAGIC[3]) {
            return "not a book cache (bad magic)";
        }
        final UnsafeBuffer in = new UnsafeBuffer(bytes);
        final CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        if ((int)crc.getValue() != in.getInt(bytes.length - 4, LITTLE_ENDIAN)) {
            return "CRC mismatch (truncated or corrupt)";
        }
        final int version = in.getInt(4, LITTLE_ENDIAN);
        if (version != VERSION) {
            return "format version " + version + ", expected " + VERSION;
        }
        if (in.getByte(8) != bookMode) {
            return "built for another book mode";
        }
        final int keyLength = in.getInt(9, LITTLE_ENDIAN);
        if (keyLength < 0 || 13 + keyLength > bytes.length - 4) {
            return "bad key length";
        }
        final String stored = new String(bytes, 13, keyLength, StandardCharsets.UTF_8);
        if (!stored.equals(key)) {
            return "built from another input (key " + stored + ", expected " + key + ")";
        }
        return null;
    }

    private void restore(final UnsafeBuffer in, final VacuumPressureEngine engine) {
        int pos = 13 + in.getInt(9, LITTLE_ENDIAN);
        final long eventCounter = in.getLong(pos, LITTLE_ENDIAN);
        final long lastTs = in.getLong(pos + 8, LITTLE_ENDIAN);
        final long spotRef = in.getLong(pos + 16, LITTLE_ENDIAN);
        final long bestBid = in.getLong(pos + 24, LITTLE_ENDIAN);
        final long bestAsk = in.getLong(pos + 32, LITTLE_ENDIAN);
        final boolean bookValid = in.getByte(pos + 40) != 0;
        final boolean snapshot = in.getByte(pos + 41) != 0;
        pos += 42;
        final OrderBook book = engine.book();
        book.clear();
        final int orders = in.getInt(pos, LITTLE_ENDIAN);
        pos += 4;
        for (int i = 0; i < orders; i++) {
            book.restoreOrder(in.getShort(pos, LITTLE_ENDIAN) & 0xFFFF, in.getLong(pos + 2, LITTLE_ENDIAN),
                in.getByte(pos + 10), in.getLong(pos + 11, LITTLE_ENDIAN), in.getLong(pos + 19, LITTLE_ENDIAN));
            pos += 27;
        }
        for (final byte side : new byte[] {OrderBook.BID, OrderBook.ASK}) {
            final int levels = in.getInt(pos, LITTLE_ENDIAN);
            pos += 4;
            for (int i = 0; i < levels; i++) {
                book.restoreLevel(side, in.getLong(pos, LITTLE_ENDIAN), in.getLong(pos + 8, LITTLE_ENDIAN));
                pos += 16;
            }
        }
        if (pos != in.capacity() - 4) {
            throw new IllegalStateException("trailing bytes after the depth maps");
        }
        engine.restore(eventCounter, lastTs, spotRef, bestBid, bestAsk, bookValid, snapshot);
    }

    @Override
    public void store(final VacuumPressureEngine engine) {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(1 << 16);
        out.putBytes(0, MAGIC);
        out.putInt(4, VERSION, LITTLE_ENDIAN);
        out.putByte(8, (byte)bookMode);
        final byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        out.putInt(9, keyBytes.length, LITTLE_ENDIAN);
        out.putBytes(13, keyBytes);
        final int[] pos = {13 + keyBytes.length};
        out.putLong(pos[0], engine.eventCounter(), LITTLE_ENDIAN);
        out.putLong(pos[0] + 8, engine.lastTs(), LITTLE_ENDIAN);
        out.putLong(pos[0] + 16, engine.spotRef(), LITTLE_ENDIAN);
        out.putLong(pos[0] + 24, engine.bestBid(), LITTLE_ENDIAN);
        out.putLong(pos[0] + 32, engine.bestAsk(), LITTLE_ENDIAN);
        out.putByte(pos[0] + 40, (byte)(engine.bookValid() ? 1 : 0));
        out.putByte(pos[0] + 41, (byte)(engine.snapshotInProgress() ? 1 : 0));
        pos[0] += 42;
        final OrderBook book = engine.book();
        out.putInt(pos[0], book.orderCount(), LITTLE_ENDIAN);
        pos[0] += 4;
        book.forEachOrder((publisherId, orderId, side, price, quantity) -> {
            out.putShort(pos[0], (short)publisherId, LITTLE_ENDIAN);
            out.putLong(pos[0] + 2, orderId, LITTLE_ENDIAN);
            out.putByte(pos[0] + 10, side);
            out.putLong(pos[0] + 11, price, LITTLE_ENDIAN);
            out.putLong(pos[0] + 19, quantity, LITTLE_ENDIAN);
            pos[0] += 27;
        });
        for (final byte side : new byte[] {OrderBook.BID, OrderBook.ASK}) {
            out.putInt(pos[0], book.levelCount(side), LITTLE_ENDIAN);
            pos[0] += 4;
            book.forEachLevel(side, Long.MIN_VALUE, Long.MAX_VALUE, (price, quantity) -> {
                out.putLong(pos[0], price, LITTLE_ENDIAN);
                out.putLong(pos[0] + 8, quantity, LITTLE_ENDIAN);
                pos[0] += 16;
            });
        }
        final CRC32 crc = new CRC32();
        crc.update(out.byteArray(), 0, pos[0]);
        out.putInt(pos[0], (int)crc.getValue(), LITTLE_ENDIAN);
        pos[0] += 4;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            final Path temp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
            Files.write(temp, java.util.Arrays.copyOf(out.byteArray(), pos[0]));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (final AtomicMoveNotSupportedException ex) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("book cache written: {} ({} orders, {} bytes)", file, book.orderCount(), pos[0]);
        } catch (final IOException ex) {
            LOG.warn("could not write book cache {}: {} (the run goes on without it)", file, ex.toString());
        }
    }
}
