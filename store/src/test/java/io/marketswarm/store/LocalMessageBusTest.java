package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.store.testsupport.RecordingListener;

/** {@link LocalMessageBus} in a temporary directory; two instances on one directory stand for two processes. */
final class LocalMessageBusTest extends MessageBusContract {

    @TempDir
    Path dir;

    @Override
    MessageBus open() {
        return new LocalMessageBus(dir);
    }

    private Path channelFile() {
        return dir.resolve("channels").resolve(FileNames.encode(channel()) + ".jsonl");
    }

    @Test
    void shouldDeliverPublicationsOfAnotherInstance() {
        try (MessageBus backfill = new LocalMessageBus(dir)) {
            final RecordingListener serve = new RecordingListener();
            bus().subscribe(channel(), serve);
            final RecordingListener back = new RecordingListener();
            backfill.subscribe(channel(), back);
            assertEquals(0 + 1, backfill.publish(channel(), "from backfill"));
            assertEquals(1, bus().publish(channel(), "from serve"));
            assertEquals(List.of("from backfill", "from serve"), serve.awaitCount(2, AWAIT_MS));
            assertEquals(List.of("from backfill", "from serve"), back.awaitCount(2, AWAIT_MS));
        }
    }

    @Test
    void shouldCountInProcessSubscriptions() {
        bus().subscribe(channel(), new RecordingListener());
        final MessageBus.Subscription second = bus().subscribe(channel(), new RecordingListener());
        assertEquals(2, bus().publish(channel(), "m"));
        second.close();
        assertEquals(1, bus().publish(channel(), "m"));
    }

    @Test
    void shouldRejectMessageWithLineFeed() {
        assertThrows(IllegalArgumentException.class, () -> bus().publish(channel(), "{\"a\":\n1}"));
    }

    @Test
    void shouldDeliverOnlyMessagesPublishedAfterSubscribe() {
        bus().publish(channel(), "old");
        final RecordingListener listener = new RecordingListener();
        bus().subscribe(channel(), listener);
        bus().publish(channel(), "new");
        assertEquals(List.of("new"), listener.awaitCount(1, AWAIT_MS));
        assertEquals(List.of("new"), listener.awaitCount(2, 300));
    }

    @Test
    void shouldDeliverOnlyCompleteLines() throws Exception {
        final RecordingListener listener = new RecordingListener();
        bus().subscribe(channel(), listener);
        try (FileChannel out = FileChannel.open(channelFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
            out.write(StandardCharsets.UTF_8.encode("{\"par"));
            Thread.sleep(3 * LocalMessageBus.POLL_INTERVAL_MS);
            assertEquals(List.of(), listener.messages());
            out.write(StandardCharsets.UTF_8.encode("tial\":1}\n"));
        }
        assertEquals(List.of("{\"partial\":1}"), listener.awaitCount(1, AWAIT_MS));
    }

    @Test
    void shouldFollowRotatedFiles() {
        try (MessageBus small = new LocalMessageBus(dir, 4096)) {
            final RecordingListener listener = new RecordingListener();
            small.subscribe(channel(), listener);
            final List<String> sent = new ArrayList<>();
            final String padding = "x".repeat(100);
            for (int batch = 0; batch < 6; batch++) {
                for (int i = 0; i < 30; i++) {
                    final String message = batch + "-" + i + padding;
                    sent.add(message);
                    small.publish(channel(), message);
                }
                listener.awaitCount(sent.size(), AWAIT_MS);
            }
            assertEquals(sent, listener.messages());
            assertTrue(Files.exists(channelFile().resolveSibling(channelFile().getFileName() + ".1")));
        }
    }

    @Test
    void shouldRestartFromTheTopOfATruncatedFile() throws Exception {
        final RecordingListener listener = new RecordingListener();
        bus().subscribe(channel(), listener);
        bus().publish(channel(), "first message");
        assertTrue(listener.awaitMessage("first message", AWAIT_MS));
        try (FileChannel file = FileChannel.open(channelFile(), StandardOpenOption.WRITE)) {
            file.truncate(0);
        }
        Thread.sleep(3 * LocalMessageBus.POLL_INTERVAL_MS);
        bus().publish(channel(), "second");
        assertEquals(List.of("first message", "second"), listener.awaitCount(2, AWAIT_MS));
    }

    @Test
    void shouldStopPollerThreadOnClose() {
        final MessageBus other = new LocalMessageBus(dir.resolve("other"));
        other.subscribe(channel(), new RecordingListener());
        assertTrue(pollerAlive(dir.resolve("other")));
        other.close();
        assertFalse(pollerAlive(dir.resolve("other")));
        assertThrows(StoreException.class, () -> other.publish(channel(), "m"));
    }

    private static boolean pollerAlive(final Path busDir) {
        final String name = "marketswarm-store-local-bus " + busDir.toAbsolutePath().normalize();
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
