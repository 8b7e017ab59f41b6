package io.marketswarm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

final class FileNamesTest {

    @Test
    void shouldEncodeReservedBytesAsPercentHex() {
        assertEquals("massive%3Avolume_profile", FileNames.encode("massive:volume_profile"));
        assertEquals("a%2Fb%20c%25d.e-f_G9", FileNames.encode("a/b c%d.e-f_G9"));
        assertEquals("%C3%A9", FileNames.encode("é"));
    }

    @Test
    void shouldEncodeLeadingDot() {
        assertEquals("%2E", FileNames.encode("."));
        assertEquals("%2E.", FileNames.encode(".."));
        assertEquals("%2Etmp-1", FileNames.encode(".tmp-1"));
        assertEquals("a.", FileNames.encode("a."));
    }

    @Test
    void shouldDecodeWhatItEncodes() {
        for (final String name : List.of("massive:volume_profile", "..", "a/b c%d", "中文 é", "%2F", "x")) {
            assertEquals(name, FileNames.decode(FileNames.encode(name)));
        }
    }

    @Test
    void shouldRejectEmptyTooLongAndMalformedNames() {
        assertThrows(IllegalArgumentException.class, () -> FileNames.encode(""));
        assertThrows(IllegalArgumentException.class, () -> FileNames.encode("x".repeat(241)));
        assertEquals(240, FileNames.encode("x".repeat(240)).length());
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("%4"));
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("%zz"));
    }
}
