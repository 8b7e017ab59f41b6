package io.marketswarm.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link MessageBus}: one append-only file of lines per channel, so processes on one machine (a
 * {@code backfill} and a {@code serve}) see each other's publications without a server.
 *
 * <pre>
 * dir/channels/&lt;encoded channel&gt;.jsonl     one message per line, UTF-8, '\n'-terminated
 * dir/channels/&lt;encoded channel&gt;.jsonl.1   the previous file, after a rotation
 * dir/channels/&lt;encoded channel&gt;.lock      empty; publishers hold a FileLock on it while appending or rotating
 * </pre>
 *
 * <p>Publish: under the channel's lock (a {@link FileLock} between processes, a {@link ReentrantLock} between
 * threads of this JVM), if the file exceeds {@value #ROTATE_BYTES} bytes it is renamed to {@code .1} (replacing an
 * older {@code .1}); then the line is appended. The lock is on a separate file because rotation renames the data
 * file. Messages must be single lines: one containing {@code '\n'} is rejected with
 * {@link IllegalArgumentException}.
 *
 * <p>Subscribe: each subscription tails the file from its end at subscribe time (or from the start of a file created
 * later). One daemon poller thread per bus reads every subscription's file, delivers complete lines in order, and,
 * when nothing is new, sleeps {@value #POLL_INTERVAL_MS} ms and checks whether the file was rotated (finishes the old
 * file, then reads the new one from 0) or truncated (reads again from 0). A subscription that falls more than one
 * rotation behind loses the skipped file.
 *
 * <p>Threads: {@link #publish} and {@link #subscribe} are thread-safe. Listeners run on the poller thread, one message
 * at a time, so a slow listener delays every subscription of this bus; a listener that throws is logged at WARN and
 * keeps its subscription. After {@link Subscription#close()} returns, at most the message being delivered at that
 * moment still reaches the listener.
 */
public final class LocalMessageBus implements MessageBus {

    /** A channel file larger than this is rotated at the next publish. */
    static final long ROTATE_BYTES = 64L << 20;
    /** Idle poll period; lower → lower delivery latency, higher → fewer wake-ups. */
    static final long POLL_INTERVAL_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(LocalMessageBus.class);
    private static final ConcurrentMap<Path, ReentrantLock> JVM_PUBLISH_LOCKS = new ConcurrentHashMap<>();
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private final Path dir;
    private final Path channelsDir;
    private final long rotateBytes;
    private final List<Tailer> tailers = new CopyOnWriteArrayList<>();
    private final Object lifecycleLock = new Object();
    private Thread poller;
    private volatile boolean closed;

    /**
     * Creates {@code dir/channels} if missing.
     *
     * @param dir the bus directory, shared by every process that should see the same channels.
     * @throws StoreException if the directory cannot be created.
     */
    public LocalMessageBus(final Path dir) {
        this(dir, ROTATE_BYTES);
    }

    /**
     * @param dir         the bus directory.
     * @param rotateBytes the size above which a channel file is rotated at the next publish.
     * @throws StoreException if the directory cannot be created.
     */
    LocalMessageBus(final Path dir, final long rotateBytes) {
        if (rotateBytes <= 0) {
            throw new IllegalArgumentException("rotateBytes=" + rotateBytes + " must be positive");
        }
        this.dir = dir.toAbsolutePath().normalize();
        this.channelsDir = this.dir.resolve("channels");
        this.rotateBytes = rotateBytes;
        try {
            Files.createDirectories(channelsDir);
        } catch (final IOException e) {
            throw new StoreException("local bus " + this.dir + ": cannot create " + channelsDir + ": " + e, e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @return the number of open subscriptions of this bus instance on {@code channel} (other processes are not
     *         counted).
     * @throws IllegalArgumentException if {@code message} contains {@code '\n'}.
     * @throws StoreException           if the file cannot be written or the bus is closed.
     */
    @Override
    public long publish(final String channel, final String message) {
        if (message.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("message on channel " + channel + " contains a line feed");
        }
        final String name = FileNames.encode(channel);
        final Path file = channelsDir.resolve(name + ".jsonl");
        if (closed) {
            throw new StoreException("local bus PUBLISH " + channel + " failed on " + file + ": bus closed", null);
        }
        final ByteBuffer line = ByteBuffer.wrap((message + '\n').getBytes(StandardCharsets.UTF_8));
        try {
            underChannelLock(name, () -> {
                rotateIfFull(file);
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                    while (line.hasRemaining()) {
                        out.write(line);
                    }
                }
            });
        } catch (final IOException e) {
            throw new StoreException("local bus PUBLISH " + channel + " failed on " + file + ": " + e, e);
        }
        long receivers = 0;
        for (final Tailer tailer : tailers) {
            if (tailer.active && tailer.channel.equals(channel)) {
                receivers++;
            }
        }
        return receivers;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Messages appended after this returns are delivered, within about {@value #POLL_INTERVAL_MS} ms.
     *
     * @throws StoreException if the channel file exists but cannot be opened, or the bus is closed.
     */
    @Override
    public Subscription subscribe(final String channel, final MessageListener listener) {
        Objects.requireNonNull(listener, "listener");
        final String name = FileNames.encode(channel);
        final Path file = channelsDir.resolve(name + ".jsonl");
        final Tailer tailer = new Tailer(channel, file, listener);
        try {
            underChannelLock(name, tailer::openAtEnd);
        } catch (final IOException e) {
            tailer.closeInput();
            throw new StoreException("local bus SUBSCRIBE " + channel + " failed on " + file + ": " + e, e);
        }
        synchronized (lifecycleLock) {
            if (closed) {
                tailer.closeInput();
                throw new StoreException("local bus SUBSCRIBE " + channel + " failed on " + file + ": bus closed",
                    null);
            }
            tailers.add(tailer);
            if (poller == null) {
                poller = new Thread(this::pollLoop, "marketswarm-store-local-bus " + dir);
                poller.setDaemon(true);
                poller.start();
            }
        }
        return tailer;
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    /**
     * Stops the poller thread (waiting for the message being delivered, unless called from a listener) and closes
     * every subscription. Idempotent.
     */
    @Override
    public void close() {
        final Thread thread;
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            closed = true;
            thread = poller;
        }
        if (thread == null || thread == Thread.currentThread()) {
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code action} holding the channel's publish lock: first this JVM's lock for the channel (a
     * {@link FileLock} is per JVM, so two threads or two bus instances must not ask for it at once), then the
     * {@link FileLock} on the channel's {@code .lock} file, which excludes other processes.
     */
    private void underChannelLock(final String name, final IoAction action) throws IOException {
        final Path lockFile = channelsDir.resolve(name + ".lock");
        final ReentrantLock jvmLock = JVM_PUBLISH_LOCKS.computeIfAbsent(lockFile, path -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockChannel =
                 FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            final FileLock fileLock = lockChannel.lock();
            try {
                action.run();
            } finally {
                fileLock.release();
            }
        } finally {
            jvmLock.unlock();
        }
    }

    private void rotateIfFull(final Path file) throws IOException {
        final long size;
        try {
            size = Files.size(file);
        } catch (final NoSuchFileException e) {
            return;
        }
        if (size > rotateBytes) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void pollLoop() {
        final ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
        try {
            while (!closed) {
                int work = 0;
                for (final Tailer tailer : tailers) {
                    if (closed) {
                        break;
                    }
                    if (!tailer.active) {
                        tailer.closeInput();
                        tailers.remove(tailer);
                        continue;
                    }
                    work += tailer.poll(buffer);
                }
                if (work == 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_INTERVAL_MS));
                }
            }
        } finally {
            for (final Tailer tailer : tailers) {
                tailer.active = false;
                tailer.closeInput();
            }
            tailers.clear();
        }
    }

    /** @return an identity of the file now at {@code path}, or {@code null} if there is none. */
    private static Object fileKey(final Path path) throws IOException {
        try {
            final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            final Object key = attributes.fileKey();
            return key != null ? key : attributes.creationTime();
        } catch (final NoSuchFileException e) {
            return null;
        }
    }

    /** File work that may fail. */
    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /**
     * One subscription: its listener and its read position in the channel file. Created on the subscriber's thread;
     * from then on only the poller thread touches the file state.
     */
    private final class Tailer implements Subscription {
        private final String channel;
        private final Path file;
        private final MessageListener listener;
        private volatile boolean active = true;
        private FileChannel input;
        private Object inputKey;
        private long position;
        private byte[] pending = new byte[256];
        private int pendingLength;
        private boolean failing;

        Tailer(final String channel, final Path file, final MessageListener listener) {
            this.channel = channel;
            this.file = file;
            this.listener = listener;
        }

        /** Positions the subscription at the end of the file, if any. Subscriber's thread, under the channel lock. */
        void openAtEnd() throws IOException {
            if (!open()) {
                throw new IOException("the file was replaced while opening it, though the channel lock was held");
            }
            if (input != null) {
                position = input.size();
            }
        }

        @Override
        public void close() {
            active = false;
        }

        /** @return work done: lines delivered, or 1 for a reopen; 0 when idle. Poller thread only. */
        int poll(final ByteBuffer buffer) {
            try {
                final int work = pollOnce(buffer);
                failing = false;
                return work;
            } catch (final IOException e) {
                if (!failing) {
                    LOG.warn("local bus cannot read {} for channel {}; retrying every {} ms", file, channel,
                        POLL_INTERVAL_MS, e);
                    failing = true;
                }
                return 0;
            }
        }

        private int pollOnce(final ByteBuffer buffer) throws IOException {
            if (input == null) {
                return open() && input != null ? 1 : 0;
            }
            int work = drain(buffer);
            if (work > 0) {
                return work;
            }
            final Object currentKey = fileKey(file);
            if (!Objects.equals(currentKey, inputKey)) {
                work += drain(buffer);
                closeInput();
                return work + 1;
            }
            if (input.size() < position) {
                position = 0;
                pendingLength = 0;
                return 1;
            }
            return 0;
        }

        /**
         * Opens the file now at {@code file}, reading from 0, if its identity is the same before and after opening.
         *
         * @return whether the file is absent or opened ({@code input} is null if absent); false if it was replaced
         *         while opening (try again later).
         */
        private boolean open() throws IOException {
            final Object before = fileKey(file);
            inputKey = before;
            if (before == null) {
                return true;
            }
            final FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (final NoSuchFileException e) {
                return false;
            }
            if (!before.equals(fileKey(file))) {
                channel.close();
                return false;
            }
            input = channel;
            position = 0;
            pendingLength = 0;
            return true;
        }

        private int drain(final ByteBuffer buffer) throws IOException {
            int lines = 0;
            while (true) {
                buffer.clear();
                final int read = input.read(buffer, position);
                if (read <= 0) {
                    return lines;
                }
                position += read;
                lines += split(buffer.array(), read);
            }
        }

        private int split(final byte[] bytes, final int length) {
            int lines = 0;
            int start = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                final String message;
                if (pendingLength == 0) {
                    message = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                } else {
                    append(bytes, start, i - start);
                    message = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
                    pendingLength = 0;
                }
                deliver(message);
                lines++;
                start = i + 1;
            }
            append(bytes, start, length - start);
            return lines;
        }

        private void append(final byte[] bytes, final int offset, final int length) {
            if (pendingLength + length > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
            }
            System.arraycopy(bytes, offset, pending, pendingLength, length);
            pendingLength += length;
        }

        private void deliver(final String message) {
            if (!active) {
                return;
            }
            try {
                listener.onMessage(channel, message);
            } catch (final RuntimeException e) {
                LOG.warn("local bus listener on channel {} threw; subscription kept", channel, e);
            }
        }

        private void closeInput() {
            if (input == null) {
                return;
            }
            try {
                input.close();
            } catch (final IOException e) {
                LOG.debug("closing {}", file, e);
            }
            input = null;
            inputKey = null;
            pendingLength = 0;
        }
    }
}
