package fr.vitrine.importer;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Amounts in words, dates and durations as acts write them. */
class FrenchTextTest {

    @Test
    void amountsInWords() {
        assertEquals(200_000L, FrenchText.words("deux cent mille"));
        assertEquals(475_000L, FrenchText.words("quatre cent soixante-quinze mille"));
        assertEquals(1_650_000L, FrenchText.words("un million six cent cinquante mille"));
        assertEquals(90_000L, FrenchText.words("quatre-vingt-dix mille"));
        assertEquals(380L, FrenchText.words("trois cent quatre-vingts"));
        assertEquals(71L, FrenchText.words("soixante et onze"));
        assertEquals(17L, FrenchText.words("dix-sept"));
        assertNull(FrenchText.words("deux cent trucs"));
        Matcher w = FrenchText.WORDS.matcher("fixé à 475 000 euros (quatre cent soixante-quinze mille euros)");
        assertTrue(w.find());
        assertEquals(475_000L, FrenchText.words(w.group(1)));
    }

    private static String date(String text) {
        Matcher m = FrenchText.DAY_DATE.matcher(text);
        return m.find() ? FrenchText.date(m) : null;
    }

    @Test
    void datesWithADayOrAMonth() {
        assertEquals("2020-03-05", date("Fait à Paris, le **05 MARS 2020**"));
        assertEquals("2020-03-05", date("le 5 mars 2020"));
        assertEquals("2021-03-01", date("le 1er mars 2021"));
        assertEquals("2024-06-30", date("jusqu'au 30/06/2024"));
        assertEquals("2023-08-15", date("le 15 août 2023"));
        assertNull(date("le 30 février 2020"));
        Matcher m = FrenchText.MONTH_DATE.matcher("signée en septembre 2020");
        assertTrue(m.find());
        assertEquals(9, FrenchText.month(m.group(1)));
    }

    @Test
    void durations() {
        for (String[] c : new String[][] {{"pour une durée d'un an", "P1Y"}, {"pour une durée de 18 mois", "P18M"},
                {"d'une durée de trois ans", "P3Y"}, {"pour une durée de deux années", "P2Y"}}) {
            Matcher m = FrenchText.DURATION.matcher(c[0]);
            assertTrue(m.find(), c[0]);
            assertEquals(c[1], FrenchText.duration(m), c[0]);
        }
    }
}
