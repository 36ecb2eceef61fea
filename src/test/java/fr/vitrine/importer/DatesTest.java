package fr.vitrine.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import static fr.vitrine.importer.Texts.comment;
import static fr.vitrine.importer.Texts.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Dates} on the seed conventions and the import corpus: signed, effective, duration, ends. */
class DatesTest {

    private static final String ECOSANTE = "convention-delegation-dgpr-dgs-dinum-ecosante";
    private static final String URBANVITALIZ = "convention-partenariat-cerema-dinum-urbanvitaliz";

    private static Map<String, Object> effectAndEnd(SignedText text) {
        Map<String, Object> r = new LinkedHashMap<>();
        Dates.effectAndEnd(text, r);
        return r;
    }

    @Test
    void signedUnderFaitAEvenInCapitalsAndBold() throws IOException {
        // « Fait à Paris, en trois exemplaires, le **05 MARS 2020** », line 229.
        Object signed = Dates.signed(Texts.seed(ECOSANTE));
        assertEquals("2020-03-05", value(signed));
        assertTrue(comment(signed).startsWith("l. 229 "), comment(signed));
    }

    @Test
    void aFaitAWithoutItsDateIsUnknownNotGuessed() throws IOException {
        // « Fait à Paris, le » and the date left blank for the signatures.
        Object signed = Dates.signed(Texts.seed(URBANVITALIZ));
        assertEquals("unknown", value(signed));
        assertTrue(comment(signed).contains("gives no date"), comment(signed));
    }

    @Test
    void withoutFaitATheActsDateInItsHeading() throws IOException {
        Object signed = Dates.signed(Texts.corpus("bo-armees-2013-dgddi-dga"));
        assertEquals("2013-12-16", value(signed));
        assertTrue(comment(signed).contains("« Du 16 décembre 2013 » (the act's date, in its heading)"), comment(signed));
        assertEquals("1996-05-31", value(Dates.signed(Texts.corpus("local-1996-avenant-10-aquapole"))));
        // « CONVENTION du » with no date, no « Fait à »: unknown, not the journal's date.
        assertEquals("unknown", value(Dates.signed(Texts.corpus("jorf-2014-convention-dggn-dga"))));
    }

    @Test
    void effectiveAtPublicationForOneYear() throws IOException {
        // « La présente convention prend effet à la date de publication … pour une durée d'un an »
        Map<String, Object> r = effectAndEnd(Texts.seed(ECOSANTE));
        assertEquals("publication", value(r.get("effective")));
        assertEquals("P1Y", value(r.get("duration")));
        assertEquals("unknown", value(r.get("ends")));
    }

    @Test
    void effectiveAtSignatureUntilADate() throws IOException {
        // « La présente convention prend effet à sa date de signature. Elle est conclue jusqu'au 30 juin 2024. »
        Map<String, Object> r = effectAndEnd(Texts.seed(URBANVITALIZ));
        assertEquals("signature", value(r.get("effective")));
        assertEquals("2024-06-30", value(r.get("ends")));
        assertTrue(comment(r.get("ends")).contains("jusqu'au 30 juin 2024"), comment(r.get("ends")));
        assertEquals("unknown", value(r.get("duration")));
    }

    @Test
    void aTextThatSaysNothingOfItsEffectLeavesAllThreeUnknown() throws IOException {
        Map<String, Object> r = effectAndEnd(Texts.corpus("jorf-2024-delegation-mildeca-dga"));
        assertEquals("unknown", value(r.get("effective")));
        assertEquals("unknown", value(r.get("duration")));
        assertEquals("unknown", value(r.get("ends")));
        assertEquals("publication", value(effectAndEnd(Texts.corpus("jorf-2011-avenant-1-etat-anr-labex")).get("effective")));
    }
}
