package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class VolumeProfileKeysTest {

    @Test
    void shouldNameEveryKeyAndChannelOfThePath() {
        assertEquals("massive:volume_profile:model:SPX", VolumeProfileKeys.modelKey("SPX"));
        assertEquals("massive:volume_profile", VolumeProfileKeys.LEGACY_MODEL_KEY);
        assertEquals("sse:volume-profile", VolumeProfileKeys.CHANNEL);
        assertEquals("volume_profile:poc:SPY", VolumeProfileKeys.pocKey("SPY"));
    }

    @Test
    void shouldNameSessionKeysWithoutColons() {
        assertEquals("volume_profile:poc:ESFUT", VolumeProfileKeys.pocKey("ES:FUT"));
        assertEquals("volume_profile:session:ESFUT:2025-12-01",
            VolumeProfileKeys.sessionKey("ES:FUT", LocalDate.of(2025, 12, 1)));
        assertThrows(IllegalArgumentException.class, () -> VolumeProfileKeys.pocKey("::"));
    }
}
