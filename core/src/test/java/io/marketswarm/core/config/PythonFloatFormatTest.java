package io.marketswarm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatFormatTest {

    @ParameterizedTest(name = "{0} renders as {1}")
    @CsvSource({
        "2.0, 2.0",
        "0.25, 0.25",
        "0.0001, 0.0001",
        "125000.0, 125000.0",
        "1.0e-9, 1e-09",
        "5.0e-5, 5e-05",
        "1.5e-9, 1.5e-09",
        "1.0e16, 1e+16",
        "1.2345e20, 1.2345e+20",
        "9999999999999998.0, 9999999999999998.0",
        "0.1, 0.1",
        "0.3, 0.3",
        "100.0, 100.0",
        "1.0e22, 1e+22",
        "1.0e23, 1e+23",
        "123456789.123, 123456789.123",
        "0.00012, 0.00012",
        "0.000012, 1.2e-05",
        "-2.5, -2.5",
        "-0.0, -0.0",
        "0.0, 0.0",
        "5e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "2.0e-3, 0.002",
    })
    void shouldRenderLikePythonRepr(final double value, final String expected) {
        assertEquals(expected, PythonFloatFormat.repr(value));
    }

    @ParameterizedTest
    @CsvSource({"Infinity, inf", "-Infinity, -inf", "NaN, nan"})
    void shouldRenderSpecialValuesLikePython(final double value, final String expected) {
        assertEquals(expected, PythonFloatFormat.repr(value));
    }

    @ParameterizedTest
    @CsvSource({"0.1", "0.2", "1.0e-7", "3.141592653589793", "6.02214076e23", "2.2250738585072014e-308"})
    void shouldRoundTrip(final double value) {
        assertEquals(value, Double.parseDouble(PythonFloatFormat.repr(value)));
    }
}
