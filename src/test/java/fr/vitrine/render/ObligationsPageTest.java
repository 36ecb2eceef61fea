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
        assertTrue(items.stream().map(ObligationsPageTest::text).anyMatch(t -> t.contains(
                "Partie qui la doit non précisée par le texte")), "open source: the text does not say who publishes");
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
