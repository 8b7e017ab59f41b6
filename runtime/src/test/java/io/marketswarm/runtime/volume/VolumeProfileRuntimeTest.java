package io.marketswarm.runtime.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.gateway.profile.ChannelFeed;
import io.marketswarm.gateway.profile.VolumeProfileLevels;
import io.marketswarm.store.VolumeProfileKeys;

/** The volume-profile runtime: nothing starts for a disabled path, and its gateway ports reach its stores. */
class VolumeProfileRuntimeTest {

    @TempDir
    Path dir;

    private static boolean barThreadRunning() {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.isAlive() && t.getName().startsWith("marketswarm-bars-volume-profile"));
    }

    @Test
    void shouldStartNoThreadForADisabledPathAndTheBarRingOnlyWhenTheServiceIsUsed() throws IOException {
        try (VolumeProfileRuntime runtime = VolumeProfileRuntime.open(null, dir, Map.of())) {
            assertNull(runtime.startupCheck(), "disabled: nothing to guard");
            assertNull(runtime.liveUpdater(), "disabled: no live updater");
            runtime.models();
            assertTrue(!barThreadRunning(), "no bar ring thread for a serve that only relays");
            runtime.service();
            assertTrue(barThreadRunning(), "the bar ring starts with the service");
        }
    }

    @Test
    void shouldRelayTheBusThroughTheGatewayPortAndComputeLevelsWithTheEngineRule() throws Exception {
        try (VolumeProfileRuntime runtime = VolumeProfileRuntime.open(null, dir, Map.of())) {
            final List<String> received = new CopyOnWriteArrayList<>();
            final CountDownLatch delivered = new CountDownLatch(1);
            final ChannelFeed.Subscription subscription = runtime.sseFeed().subscribe(VolumeProfileKeys.CHANNEL,
                (channel, message) -> {
                    received.add(message);
                    delivered.countDown();
                });
            try {
                runtime.bus().publish(VolumeProfileKeys.CHANNEL, "{\"symbol\":\"SPX\"}");
                assertTrue(delivered.await(10, TimeUnit.SECONDS), "the message reaches the gateway port");
            } finally {
                subscription.close();
            }
            assertEquals(List.of("{\"symbol\":\"SPX\"}"), received);
            final VolumeProfileLevels levels = runtime.levelRule().compute(new long[] {1, 2, 3},
                new double[] {10, 50, 10});
            assertEquals(2, levels.vpoc());
            assertNull(runtime.models().load("SPX"), "no model stored yet");
        }
    }
}
