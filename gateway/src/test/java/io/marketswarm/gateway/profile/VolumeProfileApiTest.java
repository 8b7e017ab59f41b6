package io.marketswarm.gateway.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Publication parsing and parameter validation of the model API. */
class VolumeProfileApiTest {

    @Test
    void shouldReadOnlyTheTopLevelSymbolOfAPublication() {
        assertEquals("SPX", VolumeProfileApi.symbolOf("{\"symbol\":\"SPX\",\"mode\":\"raw\",\"buckets\":{\"1\":2.0}}"));
        assertEquals("NDX", VolumeProfileApi.symbolOf("{\"volume_profile\":{\"symbol\":\"QQQ\",\"ohlc\":[{\"t\":1}]},"
            + "\"symbol\":\"NDX\"}"));
        assertNull(VolumeProfileApi.symbolOf("{\"volume_profile\":{\"symbol\":\"QQQ\"}}"));
        assertNull(VolumeProfileApi.symbolOf("{\"symbol\":42}"));
        assertNull(VolumeProfileApi.symbolOf("[\"symbol\",\"SPX\"]"));
        assertNull(VolumeProfileApi.symbolOf("{\"symbol\":"));
        assertNull(VolumeProfileApi.symbolOf(null));
    }

    @Test
    void shouldParseDefaultsAndBounds() {
        assertEquals(new VolumeProfileQuery("SPX", VolumeProfileMode.RAW, Long.MIN_VALUE, Long.MAX_VALUE),
            VolumeProfileQuery.parse("/api/models/volume_profile", "SPX"));
        assertEquals(new VolumeProfileQuery("NDX", VolumeProfileMode.TV, -3, 9),
            VolumeProfileQuery.parse("/x?symbol=ndx&mode=TV&min=-3&max=9&mode=raw", "SPX"));
        assertThrows(IllegalArgumentException.class, () -> VolumeProfileQuery.parse("/x?min=99999999999999999999",
            "SPX"));
    }

    @Test
    void shouldValidateSettings() {
        assertThrows(IllegalArgumentException.class, () -> new VolumeProfileApiConfig("SPX", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new VolumeProfileSseConfig("c", 0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new VolumeProfileSseConfig(" ", 1, 1, 1, 1));
        assertEquals("sse:volume-profile", VolumeProfileSseConfig.defaults("sse:volume-profile").channel());
        assertEquals(64, VolumeProfileSseConfig.defaults("sse:volume-profile").retainedEvents());
        assertEquals(15_000, VolumeProfileSseConfig.defaults("sse:volume-profile").heartbeatIntervalMs());
    }
}
