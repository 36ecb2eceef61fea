package fr.vitrine.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vitrine.model.PartialDate;

import fr.vitrine.testing.FullTier;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Fuzz test of the partial-date parser. Seeds (plain UTF-8 text, one value a file) are in
 * {@code src/test/resources/fr/vitrine/fuzz/FrenchDatesFuzzTestInputs/dates/}. One fuzz test a class: 'mvn verify'
 * fuzzes each class in a JVM of its own.
 */
@ExtendWith(FuzzFindings.class)
@FullTier
class FrenchDatesFuzzTest {

    /**
     * {@link PartialDate#parse} refuses with a {@link DateTimeException}, or returns a date written exactly as its
     * {@code iso()} form (so nothing is silently dropped), that parses back to itself and whose first day is not
     * after its last.
     */
    @DictionaryEntries({"-", "00", "-00", "-02-29", "-12-31", "2024", "0000", "9999", " ", "\u0660", "T00:00"})
    @FuzzTest(maxDuration = "60s")
    void dates(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        PartialDate date;
        try {
            date = PartialDate.parse(text);
        } catch (DateTimeException e) {
            assertNotNull(e.getMessage(), "a refusal says why");
            return;
        }
        PartialDate again = PartialDate.parse(date.iso());
        assertEquals(date, again, () -> "'" + text + "' → " + date.iso() + " → " + again.iso());
        assertEquals(0, date.compareTo(again));
        assertFalse(date.first().isAfter(date.last()), () -> date + ": first " + date.first() + " after last " + date.last());
        assertEquals(text.strip(), date.iso(), () -> "'" + text.strip() + "' was accepted as " + date.iso()
                + ": part of what was written is silently dropped");
    }
}
