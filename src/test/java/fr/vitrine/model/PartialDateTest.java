package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartialDateTest {

    @Test
    void parsesDayMonthAndYearPrecision() {
        assertEquals(LocalDate.of(2020, 3, 5), PartialDate.parse("2020-03-05").first());
        PartialDate september = PartialDate.parse("2020-09");
        assertEquals(LocalDate.of(2020, 9, 1), september.first());
        assertEquals(LocalDate.of(2020, 9, 30), september.last());
        assertEquals(LocalDate.of(2021, 12, 31), PartialDate.parse("2021").last());
        assertEquals("2020-09", september.iso());
        assertEquals(LocalDate.of(2024, 2, 29), PartialDate.parse("2024-02").last());
    }

    @Test
    void refusesImpossibleDatesWithAReason() {
        assertEquals("'2024-02-30' does not exist: 2024-02 has 29 days",
                assertThrows(DateTimeException.class, () -> PartialDate.parse("2024-02-30")).getMessage());
        assertEquals("'2023-02-29' does not exist: 2023-02 has 28 days",
                assertThrows(DateTimeException.class, () -> PartialDate.parse("2023-02-29")).getMessage());
        assertTrue(assertThrows(DateTimeException.class, () -> PartialDate.parse("2020-13")).getMessage().contains("no month 13"));
        assertTrue(assertThrows(DateTimeException.class, () -> PartialDate.parse("05/03/2020")).getMessage()
                .contains("write YYYY-MM-DD, YYYY-MM or YYYY"));
    }

    @Test
    void ordersByFirstThenLastDay() {
        assertTrue(PartialDate.parse("2020").compareTo(PartialDate.parse("2020-01")) > 0);
        assertTrue(PartialDate.parse("2020-03-05").compareTo(PartialDate.parse("2020-09")) < 0);
    }
}
