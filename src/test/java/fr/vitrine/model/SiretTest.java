package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiretTest {

    @Test
    void luhnKey() {
        // 732 829 320 00074: a number whose Luhn sum is a multiple of ten.
        assertTrue(Siret.isValid("73282932000074"));
        assertFalse(Siret.isValid("73282932000075"));
        assertFalse(Siret.isValid("12345678901234"));
        assertFalse(Siret.isValid("7328293200007"));
        assertFalse(Siret.isValid("7328293200007A"));
    }

    @Test
    void laPosteEstablishmentsUseTheirOwnRule() {
        assertTrue(Siret.isValid("35600000000048"), "head office: Luhn");
        assertTrue(Siret.isValid("35600000049837"), "other establishment: digit sum divisible by 5");
        assertFalse(Siret.isValid("35600000049838"));
    }
}
