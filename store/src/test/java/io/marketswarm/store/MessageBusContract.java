package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.marketswarm.store.testsupport.RecordingListener;

/** Behaviour every {@link MessageBus} shares; subclasses supply the bus. */
abstract class MessageBusContract {

    static final long AWAIT_MS = 5_000;

    private MessageBus bus;
    private String channel;

    /** @return a fresh bus; closed after each test. */
    abstract MessageBus open();

    @BeforeEach
    void openBus() {
        bus = open();
        channel = "test:" + UUID.randomUUID();
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    final MessageBus bus() {
        return bus;
    }

    final String channel() {
        return channel;
    }

    @Test
    void shouldDeliverThousandMessagesInOrder() {
        final RecordingListener listener = new RecordingListener();
        bus.subscribe(channel, listener);
        final List<String> sent = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            final String message = "{\"seq\":" + i + ",\"text\":\"é\"}";
            sent.add(message);
            bus.publish(channel, message);
        }
        assertEquals(sent, listener.awaitCount(1000, AWAIT_MS));
        assertEquals(List.of(channel), listener.channels().stream().distinct().toList());
    }

    @Test
    void shouldDeliverToEverySubscriber() {
        final RecordingListener first = new RecordingListener();
        final RecordingListener second = new RecordingListener();
        bus.subscribe(channel, first);
        bus.subscribe(channel, second);
        assertTrue(bus.publish(channel, "m1") >= 1);
        assertEquals(List.of("m1"), first.awaitCount(1, AWAIT_MS));
        assertEquals(List.of("m1"), second.awaitCount(1, AWAIT_MS));
    }

    @Test
    void shouldStopDeliveryWhenSubscriptionClosed() {
        final RecordingListener closed = new RecordingListener();
        final RecordingListener open = new RecordingListener();
        final MessageBus.Subscription subscription = bus.subscribe(channel, closed);
        bus.subscribe(channel, open);
        bus.publish(channel, "before");
        assertTrue(closed.awaitMessage("before", AWAIT_MS));
        subscription.close();
        bus.publish(channel, "after");
        assertTrue(open.awaitMessage("after", AWAIT_MS));
        assertEquals(List.of("before"), closed.messages());
    }

    @Test
    void shouldKeepDeliveringAfterListenerThrows() {
        final RecordingListener seen = new RecordingListener();
        final RecordingListener neighbour = new RecordingListener();
        bus.subscribe(channel, (ch, message) -> {
            seen.onMessage(ch, message);
            throw new IllegalStateException("listener bug on " + message);
        });
        bus.subscribe(channel, neighbour);
        bus.publish(channel, "a");
        bus.publish(channel, "b");
        assertEquals(List.of("a", "b"), seen.awaitCount(2, AWAIT_MS));
        assertEquals(List.of("a", "b"), neighbour.awaitCount(2, AWAIT_MS));
    }

    @Test
    void shouldKeepChannelsApart() {
        final RecordingListener other = new RecordingListener();
        final RecordingListener mine = new RecordingListener();
        bus.subscribe(channel + ":other", other);
        bus.subscribe(channel, mine);
        bus.publish(channel, "x");
        bus.publish(channel + ":other", "y");
        assertEquals(List.of("y"), other.awaitCount(1, AWAIT_MS));
        assertEquals(List.of("x"), mine.awaitCount(1, AWAIT_MS));
    }

    @Test
    void shouldReachNobodyOnChannelWithoutSubscribers() {
        assertEquals(0, bus.publish(channel, "lost"));
    }
}
