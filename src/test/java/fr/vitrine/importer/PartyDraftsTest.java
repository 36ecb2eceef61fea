package fr.vitrine.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static fr.vitrine.importer.Texts.comment;
import static fr.vitrine.importer.Texts.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link PartyDrafts} on the seed conventions and the import corpus: registry matches, proposals, roles, signatories. */
class PartyDraftsTest {

    private static final String ECOSANTE = "convention-delegation-dgpr-dgs-dinum-ecosante";
    private static final String URBANVITALIZ = "convention-partenariat-cerema-dinum-urbanvitaliz";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void eachPartyMatchedToTheRegistryWithItsRole() throws IOException {
        PartyDrafts ecosante = new PartyDrafts(Texts.seed(ECOSANTE), Texts.registry(), "delegation-de-gestion");
        // « Ministère … (MTES) – Direction Générale de la Prévention des Risques (DGPR) » is the DGPR, not the ministry.
        assertEquals(List.of("dgpr", "dgs", "dinum"), ecosante.found().stream().map(PartyDrafts.PartyFound::id).toList());
        assertEquals(List.of("délégant", "délégant", "délégataire"), ecosante.found().stream().map(p -> p.role).toList());
        assertEquals(List.of(), ecosante.proposed());
        Map<String, Object> dinum = map(ecosante.drafts().get(2));
        assertEquals("Nadi Bou Hanna", value(map(dinum.get("representative")).get("name")));
        assertEquals("Directeur interministériel du numérique", value(map(dinum.get("representative")).get("title")));
    }

    @Test
    void aSignatoryOnlyWhenAnotherPersonSignsThanTheRepresentative() throws IOException {
        List<Object> drafts = new PartyDrafts(Texts.seed(ECOSANTE), Texts.registry(), "delegation-de-gestion").drafts();
        // « La DGS, / La Cheffe de la Division Ressources / Christelle LEMIEUX » after « Fait à Paris ».
        Map<String, Object> dgs = map(map(drafts.get(1)).get("signatory"));
        assertEquals("Christelle Lemieux", value(dgs.get("name")));
        assertEquals("La Cheffe de la Division Ressources", value(dgs.get("title")));
        // « La DGPR, / … / Cédric BOURILLET »: its representative, so no signatory of its own.
        assertFalse(map(drafts.get(0)).containsKey("signatory"));
    }

    @Test
    void partiesTheRegistryLacksAreProposedWithAnIdFromTheirAcronym() throws IOException {
        PartyDrafts ecosante = new PartyDrafts(Texts.seed(ECOSANTE), List.of(), "delegation-de-gestion");
        // The direction's acronym after « Ministère … (MTES) – », not the ministry's.
        assertEquals(List.of("dgpr", "dgs", "dinum"), ecosante.proposed().stream().map(PartyDrafts.Proposed::id).toList());
        assertEquals(List.of("DGPR"), ecosante.proposed().get(0).acronyms().subList(1, 2));
        assertTrue(comment(map(ecosante.drafts().get(0)).get("org")).contains("the entry proposed for it is written beside"));
        // Without an acronym, the name gives the id.
        PartyDrafts dgitm = new PartyDrafts(Texts.corpus("lawinsider-dgitm-dinum-delegation"), Texts.registry(), "delegation-de-gestion");
        assertEquals("direction-generale-des-infrastructures-des-transports-et-de", dgitm.proposed().get(0).id());
    }

    @Test
    void everyPartyOfAPartenariatIsAPartenaire() throws IOException {
        PartyDrafts urbanvitaliz = new PartyDrafts(Texts.seed(URBANVITALIZ), Texts.registry(), "partenariat");
        assertEquals(List.of("cerema", "dinum"), urbanvitaliz.found().stream().map(PartyDrafts.PartyFound::id).toList());
        for (Object party : urbanvitaliz.drafts()) {
            assertEquals("partenaire", value(map(party).get("role")));
            assertEquals("every party of a convention de partenariat is a partenaire", comment(map(party).get("role")));
        }
        // The same text read as another kind: no role written, none drafted.
        assertEquals("unknown", value(map(new PartyDrafts(Texts.seed(URBANVITALIZ), Texts.registry(), null).drafts().get(0)).get("role")));
    }

    @Test
    void aMaskedRepresentativeKeepsItsFunctionOnly() throws IOException {
        List<Object> drafts = new PartyDrafts(Texts.corpus("lawinsider-dgitm-dinum-delegation"), Texts.registry(),
                "delegation-de-gestion").drafts();
        Map<String, Object> dinum = map(map(drafts.get(1)).get("representative"));
        assertEquals("unknown", value(dinum.get("name")));
        assertTrue(comment(dinum.get("name")).contains("masked in this copy"), comment(dinum.get("name")));
        assertEquals("Directeur interministériel du numérique", value(dinum.get("title")));
    }
}
