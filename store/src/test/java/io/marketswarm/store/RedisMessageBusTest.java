package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.marketswarm.store.testsupport.RecordingListener;
import io.marketswarm.store.testsupport.RedisServerProcess;

/** {@link RedisMessageBus} against a real, private {@code redis-server}. */
final class RedisMessageBusTest extends MessageBusContract {

    private static RedisServerProcess server;

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    MessageBus open() {
        return new RedisMessageBus("market-redis", server.uri());
    }

    @Test
    void shouldCountRedisReceiversOncePerBus() {
        bus().subscribe(channel(), new RecordingListener());
        bus().subscribe(channel(), new RecordingListener());
        assertEquals(1, bus().publish(channel(), "m"));
    }

    @Test
    void shouldResubscribeAfterServerRestart() throws InterruptedException {
        final RecordingListener listener = new RecordingListener();
        bus().subscribe(channel(), listener);
        bus().publish(channel(), "before");
        assertTrue(listener.awaitMessage("before", AWAIT_MS));

        server.restart();

        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean received = false;
        for (int i = 0; !received && System.nanoTime() < deadline; i++) {
            bus().publish(channel(), "after-" + i);
            received = listener.awaitUntil(m -> m.stream().anyMatch(s -> s.startsWith("after-")), 50)
                .stream().anyMatch(s -> s.startsWith("after-"));
        }
        assertTrue(received, "no message after the restart reached the subscription: " + listener.messages());
        final int before = listener.messages().size();
        bus().publish(channel(), "steady");
        assertTrue(listener.awaitMessage("steady", AWAIT_MS));
        assertTrue(listener.messages().size() > before);
    }
}
