package io.marketswarm.gateway.session;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import io.marketswarm.core.layout.GridSnapshot;
import io.marketswarm.core.layout.GridSnapshotDescriptor;
import io.marketswarm.core.snapshot.SnapshotSlot;
import io.marketswarm.gateway.protocol.StreamMessages;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Delivers one session's grids to the clients served by one Netty event loop. Runs only on that loop: the engine
 * thread merely {@link #signal() signals} it; the loop copies the latest grid out of the snapshot slot (never
 * blocking the engine), encodes the {@code grid_update} text and the Arrow frame once, and writes both to every
 * client. Grids published while the loop was busy are skipped for all its clients, and a client that is not
 * writable skips to the latest grid; both count as conflated. A client that stays unwritable past the stall limit is
 * closed with a reason.
 */
final class LoopFanout implements Runnable {

    private final StreamSession session;
    private final EventLoop loop;
    private final SnapshotSlot slot;
    private final GatewayMetrics metrics;
    private final BinaryGridEncoder encoder;
    private final StreamMessages messages = new StreamMessages();
    private final UnsafeBuffer copy = new UnsafeBuffer(BufferUtil.allocateDirectAligned(
        (GridSnapshotDescriptor.LENGTH + 63) & ~63, 64));
    private final GridSnapshot grid = new GridSnapshot().wrap(copy, 0);
    private final UnsafeBuffer scratch;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ArrayList<Client> clients = new ArrayList<>();
    private final long stallLimitNanos;
    private long version;
    private boolean ending;
    private ByteBuf text;
    private ByteBuf binary;

    LoopFanout(final StreamSession session, final EventLoop loop, final SnapshotSlot slot,
        final GatewayMetrics metrics, final BinaryGridEncoder encoder, final long stallLimitNanos) {
        this.session = session;
        this.loop = loop;
        this.slot = slot;
        this.metrics = metrics;
        this.encoder = encoder;
        this.stallLimitNanos = stallLimitNanos;
        this.scratch = new UnsafeBuffer(new byte[Math.max(encoder.maxFrameLength(),
            StreamMessages.MAX_GRID_UPDATE_LENGTH)]);
    }

    /** Engine thread (or any): schedules a delivery on the loop unless one is pending. Never blocks. */
    void signal() {
        if (scheduled.compareAndSet(false, true)) {
            loop.execute(this);
        }
    }

    /** Any thread: delivers what is left, then closes every client normally. */
    void end() {
        loop.execute(() -> {
            ending = true;
            run();
        });
    }

    /**
     * Loop thread: a new client; it gets the latest grid at once, then every later one.
     *
     * @param channel the client.
     */
    void add(final Channel channel) {
        final Client client = new Client(channel);
        clients.add(client);
        if (version > 0) {
            deliver(client, encodeText(), encodeBinary(), System.nanoTime());
            releaseAfterUse();
        } else {
            signal();
        }
    }

    /**
     * Loop thread: forgets a client.
     *
     * @param channel the client.
     */
    void remove(final Channel channel) {
        for (int i = 0; i < clients.size(); i++) {
            if (clients.get(i).channel == channel) {
                clients.remove(i);
                return;
            }
        }
    }

    @Override
    public void run() {
        scheduled.set(false);
        long read = SnapshotSlot.TORN;
        for (int attempt = 0; attempt < 8 && read == SnapshotSlot.TORN; attempt++) {
            read = slot.read(copy, 0);
        }
        if (read == SnapshotSlot.TORN) {
            signal();
            return;
        }
        if (read > version) {
            if (version > 0 && read > version + 1) {
                metrics.framesConflated.add((read - version - 1) * (long)clients.size());
            }
            version = read;
            if (!clients.isEmpty()) {
                final long now = System.nanoTime();
                encodeText();
                encodeBinary();
                for (int i = clients.size() - 1; i >= 0; i--) {
                    deliver(clients.get(i), text, binary, now);
                }
                releaseAfterUse();
            }
        }
        if (ending) {
            for (final Client client : new ArrayList<>(clients)) {
                client.channel.writeAndFlush(new CloseWebSocketFrame(1000, "source exhausted"))
                    .addListener(ChannelFutureListener.CLOSE);
            }
            clients.clear();
        }
    }

    private ByteBuf encodeText() {
        final int length = messages.gridUpdate(grid, scratch, 0);
        text = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(length);
        text.writeBytes(scratch.byteArray(), 0, length);
        return text;
    }

    private ByteBuf encodeBinary() {
        final int length = encoder.encode(grid, scratch, 0);
        binary = io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(length);
        binary.writeBytes(scratch.byteArray(), 0, length);
        return binary;
    }

    private void releaseAfterUse() {
        text.release();
        binary.release();
        text = null;
        binary = null;
    }

    private void deliver(final Client client, final ByteBuf textFrame, final ByteBuf binaryFrame, final long now) {
        final Channel channel = client.channel;
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            metrics.framesConflated.increment();
            if (client.stalledSince == 0) {
                client.stalledSince = now;
            } else if (now - client.stalledSince > stallLimitNanos) {
                metrics.clientsStalled.increment();
                clients.remove(client);
                session.onClientStalled(channel);
                channel.writeAndFlush(new CloseWebSocketFrame(1008, "client too slow: not reading for "
                    + (now - client.stalledSince) / 1_000_000 + " ms"));
                channel.close();
            }
            return;
        }
        client.stalledSince = 0;
        channel.write(new TextWebSocketFrame(textFrame.retainedDuplicate()));
        channel.writeAndFlush(new BinaryWebSocketFrame(binaryFrame.retainedDuplicate()));
        metrics.framesSent.increment();
    }

    /** @return clients on this loop (loop thread). */
    int size() {
        return clients.size();
    }

    private static final class Client {
        final Channel channel;
        long stalledSince;

        Client(final Channel channel) {
            this.channel = channel;
        }
    }
}
