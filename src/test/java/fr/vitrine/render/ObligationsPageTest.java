package fr.vitrine.render;

import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 28, item 5: each obligation says who owes it, its term and its state, on the convention and product pages. */
class ObligationsPageTest {

    @TempDir
    static Path tmp;
    static Path site;

    @BeforeAll
    static void build() {
        TestProject project = TestProject.copyOfRepository(tmp);
        site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
    }

    static Document page(String path) throws IOException {
        return Jsoup.parse(site.resolve(path).resolve("index.html").toFile(), "UTF-8");
    }

    static String text(Element e) {
        return e.text().replace('\u202F', ' ');
    }

    @Test
    void ecosantesConventionPageListsTheDinumsOwnDutiesWithPartyTermAndState() throws IOException {
        Document doc = page("conventions/ecosante-delegation-dgpr-dgs");
        List<Element> items = doc.select("#obligations ~ ul.obligations > li");
        assertEquals(18, items.size(), "every obligation of the record, the DINUM's article 3 included");
        for (Element li : items) {
            Element duty = li.selectFirst("p.duty");
            assertTrue(duty != null, "no party, term or state: " + text(li));
            // Its end date is unknown (it runs a year from a publication date the text does not give).
            assertTrue(text(duty).contains("terme : non précisé") && duty.selectFirst(".duty-unknown") != null,
                    text(duty));
        }
        List<String> dinum = items.stream().filter(li -> text(li).contains("(Article 3)"))
                .map(li -> text(li.selectFirst("p.duty"))).toList();
        assertEquals(8, dinum.size(), dinum.toString());
        dinum.forEach(d -> assertTrue(d.startsWith("À la charge de la DINUM ;"), d));
        assertTrue(items.stream().map(ObligationsPageTest::text).anyMatch(t -> t.startsWith(
                "Respect du manifeste beta.gouv.fr (Article 2) À la charge de la DGPR et de la DGS ;")),
                "the délégants' duties");
        // Open source: the sentence is passive; the DINUM is inferred from article 4, and the page says so.
        String openSource = items.stream().map(ObligationsPageTest::text)
                .filter(t -> t.startsWith("Code source publié en open source")).findFirst().orElseThrow();
        assertTrue(openSource.contains("À la charge de la DINUM (déduit du contexte : l'article 4 décrit les travaux "
                + "que mène le délégataire, mais la phrase ne nomme pas la partie) ;"), openSource);
        assertTrue(items.stream().map(ObligationsPageTest::text).noneMatch(t -> t.contains("non précisée par le texte")),
                "every duty of the record has a party");
    }

    @Test
    void anInferredPartySaysSoOnTheProductPageAndInTheRecordJson() throws IOException {
        String openSource = page("produits/recosante").select("#obligations ~ ul.obligations > li").stream()
                .map(ObligationsPageTest::text).filter(t -> t.startsWith("Code source publié en open source"))
                .findFirst().orElseThrow();
        assertTrue(openSource.contains("À la charge de la DINUM (déduit du contexte : l'article 4"), openSource);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(site.resolve(
                "conventions/ecosante-delegation-dgpr-dgs/ecosante-delegation-dgpr-dgs.json").toFile());
        int inferred = 0;
        for (var o : json.path("obligations")) {
            assertTrue(o.has("by_basis"), o.toString());
            if (!o.path("by_basis").isNull()) {
                inferred++;
                assertEquals("open-source", o.path("type").asText());
                assertEquals("[\"dinum\"]", o.path("by").toString());
            }
        }
        assertEquals(1, inferred);
    }

    @Test
    void productPageGivesEachObligationItsPartiesTermAndState() throws IOException {
        Document doc = page("produits/urbanvitaliz");
        List<Element> items = doc.select("#obligations ~ ul.obligations > li");
        assertTrue(items.size() >= 10, "" + items.size());
        for (Element li : items) {
            Element duty = li.selectFirst("p.duty");
            assertTrue(duty != null && duty.selectFirst(".badge") != null, text(li));
            assertTrue(text(duty).contains("terme : "), text(duty));
        }
        assertTrue(items.stream().map(ObligationsPageTest::text).anyMatch(t -> t.contains(
                "À la charge du Cerema et de la DINUM")), "data protection binds both parties");
    }
}
