package fr.vitrine.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static fr.vitrine.importer.Texts.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link Imputations} on the seed conventions and the import corpus: the Chorus block, prose, and places without payer. */
class ImputationsTest {

    /** The imputations of {@code text}, its payers found among its parties by {@link Money}. */
    private static Imputations read(SignedText text, String kind) throws IOException {
        return new Money(text, new PartyDrafts(text, Texts.registry(), kind).found()).imputations();
    }

    private static String place(Imputations imputations, String payer, String key) {
        Map<String, Object> places = imputations.get(payer);
        return places == null || !places.containsKey(key) ? null : value(places.get(key));
    }

    @Test
    void theChorusBlockOfEachPayer() throws IOException {
        Imputations ecosante = read(Texts.seed("convention-delegation-dgpr-dgs-dinum-ecosante"), "delegation-de-gestion");
        // « Pour la DGPR : » then « Centre financier : 0181-CPRI-ELAB », « Domaine fonctionnel : 0181-01-02 »…
        assertEquals("0181-CPRI-ELAB", place(ecosante, "dgpr", "centre_financier"));
        assertEquals("0181-01-02", place(ecosante, "dgpr", "domaine_fonctionnel"));
        assertEquals("018101SE2203", place(ecosante, "dgpr", "activite"));
        assertEquals("PRRBPED092", place(ecosante, "dgpr", "centre_de_cout"));
        // « Pour la DGS : » then its own block.
        assertEquals("0204-15-02", place(ecosante, "dgs", "domaine_fonctionnel"));
        assertEquals("SOCSA01075", place(ecosante, "dgs", "centre_de_cout"));
        // The délégataire's block (« Centre de coûts DININCUB ») is not a payer's.
        assertNull(ecosante.get("dinum"));
    }

    @Test
    void aProgrammeAndAFondsDeConcoursInASentenceNamingThePayer() throws IOException {
        // « Le versement du Cerema sera imputé sur le fonds de concours 1-2-00548 … - programme 352 … »
        Imputations urbanvitaliz = read(Texts.seed("convention-partenariat-cerema-dinum-urbanvitaliz"), "partenariat");
        assertEquals("352", place(urbanvitaliz, "cerema", "programme"));
        assertEquals("1-2-00548", place(urbanvitaliz, "cerema", "fonds_de_concours"));
        assertNull(urbanvitaliz.get(Imputations.NO_PAYER));
    }

    @Test
    void aProgrammeNamedForNoPayerIsKeptApart() throws IOException {
        // « … pour le programme budgétaire 129 » in the visas of a text whose parties pay nothing it states.
        Imputations mildeca = read(Texts.corpus("jorf-2024-delegation-mildeca-dga"), "delegation-de-gestion");
        assertEquals("129", place(mildeca, Imputations.NO_PAYER, "programme"));
    }
}
