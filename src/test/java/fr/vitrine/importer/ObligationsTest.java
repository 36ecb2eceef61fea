package fr.vitrine.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static fr.vitrine.importer.Texts.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Obligations} on the seed conventions and the import corpus. */
class ObligationsTest {

    @SuppressWarnings("unchecked")
    private static List<String> field(List<Object> obligations, String key) {
        return obligations.stream().map(o -> value(((Map<String, Object>) o).get(key))).toList();
    }

    @Test
    void eachObligationOnceAtTheFirstLineNamingItWithItsArticle() throws IOException {
        List<Object> ecosante = Obligations.read(Texts.seed("convention-delegation-dgpr-dgs-dinum-ecosante"));
        assertEquals(List.of("manifesto", "intrapreneur", "investment-committee", "open-source", "rgpd", "risk-analysis",
                "stats-page", "franceconnect", "je-donne-mon-avis", "publication"), field(ecosante, "type"));
        assertEquals(List.of("Article 2", "Article 2", "Article 2", "Article 4", "Article 4", "Article 4", "Article 4",
                "Article 4", "Article 4", "Article 8"), field(ecosante, "article"));
        // The line's words, without the list dash, the emphasis and the closing punctuation.
        assertEquals("pour les services nécessitant d'authentifier des usagers, prévoir l'intégration de France Connect",
                field(ecosante, "text").get(7));
        assertTrue(field(ecosante, "text").get(3).startsWith("Les codes sources documentés sont publiés en open source."));
    }

    @Test
    void aProductSheetInOneSeedNotTheOther() throws IOException {
        List<String> urbanvitaliz = field(Obligations.read(Texts.seed("convention-partenariat-cerema-dinum-urbanvitaliz")), "type");
        // « créer et mettre à jour une fiche produit » (l. 92), and « sera publiée par la DINUM sur data.gouv.fr » (l. 170).
        assertEquals(List.of("manifesto", "intrapreneur", "investment-committee", "product-sheet", "open-source", "rgpd",
                "stats-page", "risk-analysis", "franceconnect", "je-donne-mon-avis", "publication"), urbanvitaliz);
    }

    @Test
    void anActWithoutBetaGouvCommitmentsHasNone() throws IOException {
        assertEquals(List.of(), Obligations.read(Texts.corpus("jorf-2024-delegation-mildeca-dga")));
        assertEquals(List.of(), Obligations.read(Texts.corpus("bo-armees-2013-dgddi-dga")));
    }
}
