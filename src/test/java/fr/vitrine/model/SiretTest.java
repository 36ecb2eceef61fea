package fr.vitrine.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiretTest {

    static final String SIREN_KEY = "the SIREN's key (its first nine digits) is wrong";
    static final String SIRET_KEY = "the SIRET's key (the Luhn sum of its 14 digits) is wrong";

    /**
     * Published SIRETs: the DINUM's (its legal notice, « 130 025 265 000 13 »), and the attribuant and bénéficiaires
     * of the official SCDL subventions example ({@code exemples/exemple-valide.csv} of scdl/subventions).
     */
    @ParameterizedTest
    @ValueSource(strings = {"13002526500013", "21060004500392", "52499120500013", "41925390100013", "38033590100027"})
    void realPublishedSiretsAreValid(String siret) {
        assertNull(Siret.problem(siret));
        assertTrue(Siret.isValid(siret));
    }

    /** Near misses of those numbers: each fails exactly one key, and the message names it. */
    @ParameterizedTest
    @CsvSource({
            // The last digit changed: the SIREN is intact, the SIRET's Luhn sum is not.
            "13002526500014, SIRET", "21060004500393, SIRET", "52499120500012, SIRET",
            // The ninth digit changed and the last one compensating: the SIRET's Luhn sum holds, the SIREN's fails.
            "13002526000014, SIREN", "21060004000393, SIREN", "52499120000014, SIREN",
            // Used in our own tests before: passes the SIRET's key and fails the SIREN's, as Validata says.
            "13001824700002, SIREN"})
    void nearMissesNameTheKeyThatFailed(String siret, String key) {
        assertEquals(key.equals("SIREN") ? SIREN_KEY : SIRET_KEY, Siret.problem(siret));
        assertFalse(Siret.isValid(siret));
    }

    @Test
    void notFourteenDigits() {
        assertEquals("a SIRET is 14 digits", Siret.problem("7328293200007"));
        assertEquals("a SIRET is 14 digits", Siret.problem("7328293200007A"));
        assertEquals("a SIRET is 14 digits", Siret.problem(null));
    }

    @Test
    void laPosteEstablishmentsUseTheirOwnRule() {
        assertTrue(Siret.isValid("35600000000048"), "head office: Luhn");
        assertTrue(Siret.isValid("35600000049837"), "other establishment: digit sum divisible by 5");
        assertEquals(SIRET_KEY, Siret.problem("35600000049838"));
        // The exception is La Poste's only: the same digit sum elsewhere is a wrong key.
        assertEquals(SIRET_KEY, Siret.problem("13002526500015"), "digit sum 30, not La Poste");
    }
}
