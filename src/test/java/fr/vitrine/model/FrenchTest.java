package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Elision, articles and plurals, as the pages write them. */
class FrenchTest {

    @Test
    void deElidesBeforeAVowelAccentedOrNot() {
        assertEquals("d'UrbanVitaliz", French.de("UrbanVitaliz"));
        assertEquals("d'Ecosanté", French.de("Ecosanté"));
        assertEquals("d'Écosanté", French.de("Écosanté"));
        assertEquals("de Recosanté", French.de("Recosanté"));
        assertEquals("de Reco-co", French.de("Reco-co"));
    }

    @Test
    void countsAreSingularBelowTwo() {
        assertEquals("0\u00a0indicateur", French.count(0, "indicateur", "indicateurs"));
        assertEquals("1\u00a0indicateur", French.count(1, "indicateur", "indicateurs"));
        assertEquals("3\u00a0indicateurs", French.count(3, "indicateur", "indicateurs"));
    }

    @Test
    void organisationsTakeTheirArticle() {
        Organisation dinum = new Organisation("dinum", "Direction interministérielle du numérique", "DINUM", null, null,
                null, null, null, Path.of("x"), "la");
        Organisation cerema = new Organisation("cerema", "Centre d'études…", "Cerema", null, null, null, null, null,
                Path.of("x"), "le");
        Organisation anct = new Organisation("anct", "Agence nationale de la cohésion des territoires", "ANCT", null,
                null, null, null, null, Path.of("x"), "l'");
        Organisation bare = new Organisation("x", "Ecosanté", null, null, null, null, null, null, Path.of("x"));
        assertEquals("la DINUM", dinum.theName());
        assertEquals("de la DINUM", dinum.ofName());
        assertEquals("le Cerema", cerema.theName());
        assertEquals("du Cerema", cerema.ofName());
        assertEquals("l'ANCT", anct.theName());
        assertEquals("de l'ANCT", anct.ofName());
        assertEquals("des Archives", French.of("les", "Archives"));
        assertEquals("Ecosanté", bare.theName());
        assertEquals("d'Ecosanté", bare.ofName());
    }
}
