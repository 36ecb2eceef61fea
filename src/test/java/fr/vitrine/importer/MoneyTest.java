package fr.vitrine.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static fr.vitrine.importer.Texts.value;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Money} on the seed conventions and the import corpus: lines, imputations, schedules, the stated total. */
class MoneyTest {

    private static Money money(SignedText text, String kind) throws IOException {
        return new Money(text, new PartyDrafts(text, Texts.registry(), kind).found());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    /** A schedule as « credit when amount » items. */
    private static List<String> schedule(Map<String, Object> line) {
        return list(line.get("schedule")).stream().map(MoneyTest::map).map(i -> (i.containsKey("credit")
                ? value(i.get("credit")) + " " : "") + value(i.get("when")) + " " + value(i.get("amount"))).toList();
    }

    @Test
    void oneLinePerDelegantWithItsChorusImputationAndSchedule() throws IOException {
        Money ecosante = money(Texts.seed("convention-delegation-dgpr-dgs-dinum-ecosante"), "delegation-de-gestion");
        List<Object> lines = ecosante.drafts();
        assertEquals(2, lines.size());
        // « pour la DGPR, sur l'UO 0181-CPRI-ELAB 100 000€ en autorisations d'engagement (AE) et en crédits de paiement (CP) »
        Map<String, Object> dgpr = map(lines.get(0));
        assertEquals(List.of("dgpr", "dinum", "100000", "AE+CP", "2020"), List.of(value(dgpr.get("from")),
                value(dgpr.get("to")), value(dgpr.get("amount")), value(dgpr.get("credits")), value(dgpr.get("year"))));
        // « Pour la DGPR : » then « Domaine fonctionnel : 0181-01-02 », « Centre de coût : PRRBPED092 »…
        Map<String, Object> imputation = map(dgpr.get("imputation"));
        assertEquals("0181-01-02", value(imputation.get("domaine_fonctionnel")));
        assertEquals("PRRBPED092", value(imputation.get("centre_de_cout")));
        assertEquals("0181-CPRI-ELAB", value(imputation.get("uo")));
        // The AE/CP table, year 2020: « 100 000 € pour la DGS à la signature », « Pour la DGS : 50 000 € en février
        // 50 000€ maximum en août ».
        assertEquals(List.of("AE signature 100000", "CP 2020-02 50000", "CP 2020-08 50000"), schedule(map(lines.get(1))));
        assertEquals("absent", value(ecosante.total()));
    }

    @Test
    void aStatedTotalAndOnePaymentAtSignature() throws IOException {
        Money urbanvitaliz = money(Texts.seed("convention-partenariat-cerema-dinum-urbanvitaliz"), "partenariat");
        // « L'engagement financier de Cerema est fixé à **475 000 euros**. »
        assertEquals("475000", value(urbanvitaliz.total()));
        Map<String, Object> line = map(urbanvitaliz.drafts().get(0));
        assertEquals(List.of("cerema", "dinum", "475000"), List.of(value(line.get("from")), value(line.get("to")),
                value(line.get("amount"))));
        // « … en un versement dès signature de la convention par les parties. »
        assertEquals(List.of("signature 475000"), schedule(line));
        assertEquals("352", value(map(line.get("imputation")).get("programme")));
        assertEquals("1-2-00548", value(map(line.get("imputation")).get("fonds_de_concours")));
    }

    @Test
    void aProgrammeNamedWithoutPayerIsKeptOnALineOfItsOwn() throws IOException {
        // « … pour le programme budgétaire 129 » in the visas, and no amount anywhere.
        List<Object> lines = money(Texts.corpus("jorf-2024-delegation-mildeca-dga"), "delegation-de-gestion").drafts();
        assertEquals(1, lines.size());
        Map<String, Object> line = map(lines.get(0));
        assertEquals("unknown", value(line.get("from")));
        assertEquals("absent", value(line.get("amount")));
        assertEquals("129", value(map(line.get("imputation")).get("programme")));
    }
}
