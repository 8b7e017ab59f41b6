package io.marketswarm.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SWAR digits agree with plain division for every eight-digit value, and {@code writeLong} with Long.toString. */
class AsciiDigitsTest {

    @Test
    void shouldProduceTheDecimalDigitsOfEveryValueBelowTenToTheEight() {
        for (int value = 0; value < 100_000_000; value++) {
            final long digits = AsciiDigits.eightDigits(value);
            int expected = value;
            for (int i = 7; i >= 0; i--) {
                if (((digits >>> (i << 3)) & 0xFF) != expected % 10) {
                    assertEquals(expected % 10, (digits >>> (i << 3)) & 0xFF, "digit " + i + " of " + value);
                }
                expected /= 10;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 9, 10, 99, 100, 9_999_999, 10_000_000, 99_999_999, 100_000_000, 100_000_001,
        1_234_567_890_123L, 9_999_999_999_999_999L, 10_000_000_000_000_000L, 10_000_000_000_000_001L,
        Long.MAX_VALUE})
    void shouldWriteLongsLikeLongToString(final long value) {
        assertEquals(Long.toString(value), write(value));
    }

    @Test
    void shouldWriteRandomLongsLikeLongToString() {
        final SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 1_000_000; i++) {
            final long value = random.nextLong(1L << random.nextInt(1, 63));
            assertEquals(Long.toString(value), write(value));
        }
    }

    @Test
    void shouldRefuseANegativeLong() {
        assertThrows(IllegalArgumentException.class, () -> AsciiDigits.writeLong(new byte[32], 0, -1));
    }

    private static String write(final long value) {
        final byte[] out = new byte[4 + AsciiDigits.MAX_LONG_LENGTH];
        final int end = AsciiDigits.writeLong(out, 4, value);
        return new String(out, 4, end - 4, StandardCharsets.US_ASCII);
    }
}
