package fr.vitrine.render;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The evolution's words: what the latest measure is compared with, in correct French for each kind of date. */
class StatsViewTest {

    @Test
    void aStockChangesSinceADay() {
        assertEquals("depuis le 1er\u00a0juin\u00a02023", StatsView.since(null, LocalDate.of(2023, 6, 1)));
        assertEquals("+5 (+5 %) depuis le 30\u00a0juin\u00a02023",
                StatsView.change(100, 105, "unité", StatsView.since(null, LocalDate.of(2023, 6, 30))));
    }

    @Test
    void aPeriodIsComparedWithTheMonthTheYearOrThePeriod() {
        assertEquals("par rapport à juin\u00a02023", StatsView.since(LocalDate.of(2023, 6, 1), LocalDate.of(2023, 6, 30)));
        assertEquals("par rapport à 2021", StatsView.since(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31)));
        assertEquals("par rapport à la période du 1er\u00a0juin\u00a02023 au 1er\u00a0juin\u00a02024",
                StatsView.since(LocalDate.of(2023, 6, 1), LocalDate.of(2024, 6, 1)));
        assertEquals("stable par rapport à 2021",
                StatsView.change(3, 3, "unité", StatsView.since(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 12, 31))));
    }
}
