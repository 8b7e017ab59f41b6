package io.marketswarm.runtime.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.marketswarm.engines.volume.PocTie;
import io.marketswarm.engines.volume.ValueAreaMode;

class VolumeProfileSettingsTest {

    @TempDir
    Path dir;

    private VolumeProfileSettings load(final String yaml, final Map<String, String> env) throws Exception {
        final Path file = dir.resolve("marketswarm.yaml");
        Files.writeString(file, yaml);
        return VolumeProfileSettings.load(file, env);
    }

    @Test
    void defaultsAreTheOriginals() {
        final VolumeProfileSettings s = VolumeProfileSettings.defaults(Map.of());
        assertFalse(s.enabled());
        assertEquals(60, s.intervalSeconds());
        assertEquals("massive:volume_profile", s.systemKey());
        assertEquals("SPX", s.legacySymbol());
        assertEquals(List.of(VolumeTicker.SPY), s.tickers());
        assertNull(s.configuredMultiplier(VolumeTicker.QQQ));
        assertEquals(0.01, s.rowSize());
    }

    @Test
    void enablementFollowsTheSpecPrecedence() throws Exception {
        final Map<String, String> envOn = Map.of("ENABLE_VOLUME_PROFILE", "true");
        assertTrue(VolumeProfileSettings.defaults(envOn).enabled(), "env");
        assertFalse(load("schedules:\n  enable_volume_profile: false\n", envOn).enabled(), "component first");
        assertTrue(load("workflow:\n  volume_profile:\n    enabled: true\n", Map.of()).enabled(), "workflow last");
        assertFalse(load("workflow:\n  volume_profile:\n    enabled: true\n", Map.of("ENABLE_VOLUME_PROFILE",
            "false")).enabled(), "env before workflow");
    }

    @Test
    void readsMultipliersTickersAndSessionRulesUnderEitherPath() throws Exception {
        final VolumeProfileSettings s = load("volumeProfile:\n  multiplier: {qqq: 40}\n  tickers: [SPY, QQQ]\n"
            + "  pocTie: LOWEST\n  session: {vaMode: dual, rowSize: 0.05}\nschedules:\n  volume_profile: 5\n",
            Map.of());
        assertEquals(40.0, s.configuredMultiplier(VolumeTicker.QQQ));
        assertEquals(List.of(VolumeTicker.SPY, VolumeTicker.QQQ), s.tickers());
        assertEquals(PocTie.LOWEST, s.sessionConfig().pocTie());
        assertEquals(ValueAreaMode.DUAL, s.sessionConfig().vaMode());
        assertEquals(0.05, s.rowSize());
        assertEquals(5, s.intervalSeconds());
    }

    @Test
    void badValuesNameTheFileAndKey() {
        final IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
            () -> load("volumeProfile:\n  multiplier: {SPY: -1}\n", Map.of()));
        assertTrue(m.getMessage().contains("marketswarm.yaml: volumeProfile.multiplier.SPY must be a positive"),
            m.getMessage());
        final IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
            () -> load("volumeProfile:\n  tickers: [IWM]\n", Map.of()));
        assertTrue(t.getMessage().contains("volumeProfile.tickers unknown ticker 'IWM'"), t.getMessage());
        final IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
            () -> load("volumeProfile:\n  vaMode: WIDE\n", Map.of()));
        assertTrue(v.getMessage().contains("volumeProfile.session"), v.getMessage());
    }
}
