package fr.vitrine.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vitrine.model.PartialDate;
import fr.vitrine.read.FrenchNumbers;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz tests of the French amount parser and the partial-date parser. Seeds (plain UTF-8 text, one value a file)
 * are in {@code src/test/resources/fr/vitrine/fuzz/FrenchParsersFuzzTestInputs/<method>/}.
 */
@ExtendWith(FuzzFindings.class)
class FrenchParsersFuzzTest {

    /**
     * {@link FrenchNumbers#parse} refuses with an {@link IllegalArgumentException} that says why, or returns an
     * amount that reads back to itself: written the French way ("1234,5") always, and with a decimal point unless
     * that is the one shape it refuses as ambiguous ("1.234").
     */
    @DictionaryEntries({" 000", "000", ",", ".", "-", "+", " €", "€", " EUR", "euros", "\u00a0", "\u202f", "\u2009",
            "e3", "E+3", "\u0661"})
    @FuzzTest(maxDuration = "60s")
    void amounts(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        BigDecimal amount;
        try {
            amount = FrenchNumbers.parse(text);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage(), "a refusal says why");
            return;
        }
        assertNotNull(amount);
        assertTrue(amount.scale() >= 0, () -> "no exponent in an amount read from '" + text + "': " + amount);

        String french = amount.toPlainString().replace('.', ',');
        assertEquals(amount, FrenchNumbers.parse(french), () -> "'" + text + "' → " + amount + " → '" + french + "'");

        String plain = amount.toPlainString();
        if (plain.matches("-?\\d{1,3}\\.\\d{3}")) {
            try {
                FrenchNumbers.parse(plain);
                fail("'" + plain + "' should be refused as ambiguous");
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
            }
        } else {
            assertEquals(amount, FrenchNumbers.parse(plain), () -> "'" + text + "' → " + amount + " → '" + plain + "'");
        }
    }

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
