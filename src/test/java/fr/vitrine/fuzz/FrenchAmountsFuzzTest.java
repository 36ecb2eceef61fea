package fr.vitrine.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vitrine.read.FrenchNumbers;

import fr.vitrine.testing.FullTier;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fuzz test of the French amount parser. Seeds (plain UTF-8 text, one value a file) are in
 * {@code src/test/resources/fr/vitrine/fuzz/FrenchAmountsFuzzTestInputs/amounts/}. One fuzz test a class: 'mvn verify'
 * fuzzes each class in a JVM of its own.
 */
@ExtendWith(FuzzFindings.class)
@FullTier
class FrenchAmountsFuzzTest {

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
}
