package fr.vitrine.read;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrenchNumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "475000|475000",
            "475 000|475000",
            "475\u00A0000|475000",
            "475\u202F000 €|475000",
            "475 000,50|475000.50",
            "475 000,50 euros|475000.50",
            "1.234.567,8|1234567.8",
            "1234.5|1234.5",
            "1234,5|1234.5",
            "0,3|0.3",
            "-12|-12",
            "+7|7",
            "200 000€|200000"})
    void readsUnambiguousSpellings(String text, String expected) {
        assertEquals(new BigDecimal(expected), FrenchNumbers.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.234", "12.345"})
    void refusesAmbiguousThousands(String text) {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FrenchNumbers.parse(text)).getMessage()
                .contains("ambiguous"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "beaucoup", "12 34", "1,2,3", "1 000 00", "12e3", "∞", "0x10"})
    void refusesWhatIsNotANumber(String text) {
        assertThrows(IllegalArgumentException.class, () -> FrenchNumbers.parse(text));
    }
}
