package fr.vitrine.render;

import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engagements on the bundled project plus one product whose file declares a bit of everything, with a
 * data/evidence.json as {@code vitrine evidence} writes it: the /engagements/ table, its counts, its filter pages,
 * the product pages' section, the conventions' obligations linked to the evidence, the dataset, and the wording.
 */
class EngagementsPagesTest {

    @TempDir
    static Path tmp;
    static Path site;
    static TestProject project;
    static TestProject.Run run;

    @BeforeAll
    static void build() {
        project = TestProject.copyOfRepository(tmp.resolve("project"));
        project.write("data/products/service-engage.md", """
                ---
                title: Service engagé
                incubator: incubateur-test
                sponsors: [/organisations/dinum]
                phases:
                  - {name: construction, start: 2020-01-01, end: 2021-01-01}
                  - {name: alumni, start: 2021-01-01}
                stats: false
                repository: https://depot.example/service
                accessibility_status: non conforme
                analyse_risques: true
                mon_service_securise: oui
                budget_url: ftp://budget.example/
                ---
                Un service de test.
                """);
        project.write("data/evidence.json", """
                {"checks": [
                  {"address": "https://urbanvitaliz.fr/stats", "checked": "2026-11-20", "status": 200,
                   "final_address": "https://urbanvitaliz.fr/stats", "names_statistics": true, "outcome": "joignable"},
                  {"address": "https://depot.example/service", "checked": "2026-11-21", "status": 404,
                   "final_address": "https://depot.example/service", "outcome": "erreur-http"}
                ]}
                """);
        site = tmp.resolve("site");
        run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
    }

    static Document page(String path) throws IOException {
        return Jsoup.parse(site.resolve(path).resolve("index.html").toFile(), "UTF-8");
    }

    static Element row(Document doc, String caption, String header) {
        for (Element table : doc.select("table")) {
            if (table.selectFirst("caption").text().startsWith(caption)) {
                for (Element tr : table.select("tbody tr")) {
                    if (tr.selectFirst("th").text().equals(header)) {
                        return tr;
                    }
                }
            }
        }
        throw new AssertionError("no row " + header + " in " + caption);
    }

    static List<String> cells(Element tr) {
        // French typography's narrow and no-break spaces read as plain ones.
        return tr.select("td").eachText().stream().map(t -> t.replace('\u202F', ' ').replace('\u00A0', ' ')).toList();
    }

    @Test
    void everyProductWithAStatusPerStandard() throws IOException {
        Document doc = page("engagements");
        Element table = doc.select("table").stream().filter(t -> t.selectFirst("caption").text()
                .startsWith("Statut de chaque produit")).findFirst().orElseThrow();
        assertEquals(List.of("Reco-co", "Recosanté (ex-Ecosanté)", "Service engagé", "UrbanVitaliz"),
                table.select("tbody th").eachText());
        List<String> s = cells(row(doc, "Statut de chaque produit", "Service engagé"));
        assertEquals(List.of("Partenariat terminé", "Déclaré absent",
                "Justificatif publié (adresse injoignable le 21 novembre 2026, code HTTP 404)",
                "Déclaré absent : « non conforme »", "Non déclaré", "Déclaré, sans adresse", "Non déclaré",
                "Non déclaré", "Non déclaré"), s);
        assertEquals("https://depot.example/service", row(doc, "Statut de chaque produit", "Service engagé")
                .select("td").get(2).selectFirst("a").attr("href"));
        assertEquals("Justificatif publié (vérifié le 20 novembre 2026)",
                cells(row(doc, "Statut de chaque produit", "UrbanVitaliz")).get(1));
        assertEquals("Justificatif publié", cells(row(doc, "Statut de chaque produit", "Recosanté (ex-Ecosanté)")).get(1),
                "not checked: nothing said about it");
        // A value that doesn't fit its kind is left out with a warning at its line; the product is kept.
        assertTrue(run.err().contains("service-engage.md:" + project.lineOf("data/products/service-engage.md",
                "mon_service_securise") + ":23: warning: 'mon_service_securise' must be true or false"), run.err());
        assertTrue(run.err().contains("'budget_url' must be an http(s) address"), run.err());
    }

    @Test
    void countsPerStandardInFiguresAndChart() throws IOException {
        Document doc = page("engagements");
        assertEquals(List.of("2", "0", "0", "1", "1"), cells(row(doc, "Produits par engagement", "Statistiques publiques")));
        assertEquals(List.of("0", "1", "0", "0", "3"), cells(row(doc, "Produits par engagement", "Analyse de risques")));
        for (Element tr : doc.select("table").first().select("tbody tr")) {
            assertEquals(4, tr.select("td").eachText().stream().mapToInt(Integer::parseInt).sum(), tr.text());
        }
        Element chart = doc.selectFirst("figure.chart-figure svg");
        assertTrue(chart.selectFirst("title").text().contains("justificatif"), chart.toString());
        assertTrue(chart.selectFirst("desc").text().contains("statistiques publiques 2"), chart.selectFirst("desc").text());
        // Summaries: the incubator and each sponsor, with their evidence counts.
        assertEquals(List.of("1", "0", "1", "0", "0", "0", "0", "0", "0"),
                cells(row(doc, "Produits ayant publié un justificatif, par incubateur", "incubateur-test")));
        assertEquals("2", cells(row(doc, "Produits ayant publié un justificatif, par sponsor", "DINUM")).get(0));
    }

    @Test
    void filtersAreStaticPages() throws IOException {
        Document ended = page("engagements/etat/termine");
        assertEquals(List.of("Recosanté (ex-Ecosanté)", "Service engagé"), ended.select("table").get(1)
                .select("tbody th").eachText());
        assertEquals(List.of("1", "0", "0", "1", "0"), cells(row(ended, "Produits par engagement", "Statistiques publiques")));
        Document incubator = page("engagements/incubateur/incubateur-test");
        assertEquals(List.of("Service engagé"), incubator.select("table").get(1).select("tbody th").eachText());
        Element current = incubator.selectFirst("nav.facets [aria-current=page]");
        assertTrue(current.text().startsWith("incubateur-test"), current.toString());
        assertTrue(Files.isDirectory(site.resolve("engagements/financeur/dinum")));
        assertTrue(Files.isDirectory(site.resolve("engagements/phase/alumni")));
    }

    @Test
    void conventionsObligationsLinkToTheEvidence() throws IOException {
        Element eco = page("conventions/ecosante-delegation-dgpr-dgs").select("ul.obligations li").stream()
                .filter(li -> li.text().startsWith("Page publique de statistiques")).findFirst().orElseThrow();
        assertEquals("https://recosante.beta.gouv.fr/stats/", eco.selectFirst("p.obligation-evidence a[href^=https]").attr("href"));
        Element uv = page("conventions/urbanvitaliz-seconde-convention").select("ul.obligations li").stream()
                .filter(li -> li.text().startsWith("Page publique de statistiques")).findFirst().orElseThrow();
        assertEquals("https://urbanvitaliz.fr/stats", uv.selectFirst("p.obligation-evidence a[href^=https]").attr("href"));
        assertTrue(uv.text().contains("UrbanVitaliz\u202F: Justificatif publié (vérifié le 20 novembre 2026)"), uv.text());
    }

    @Test
    void productPagesSayWhatTheFileSaysAndWhatTheConventionsAsk() throws IOException {
        Document eco = page("produits/recosante");
        Element stats = row(eco, "Engagements", "Statistiques publiques");
        assertEquals("Justificatif publié", cells(stats).get(0));
        Element code = row(eco, "Engagements", "Code source ouvert");
        assertEquals("Non déclaré", cells(code).get(0));
        // The act's term is past and the file gives no address: said as a fact.
        assertTrue(cells(code).get(1).contains("échue (le produit est abandonné depuis le 22 juin 2023) ; terme passé, "
                + "la fiche ne donne pas de justificatif ; prévue par Convention de délégation"), cells(code).get(1));
        assertEquals("aucune obligation", cells(row(eco, "Engagements", "Budget public")).get(1));
    }

    @Test
    void theDatasetHasARowPerProductAndStandard() throws IOException {
        List<String> csv = Files.readAllLines(site.resolve("donnees/engagements.csv"));
        assertEquals(1 + 4 * 8, csv.size());
        assertTrue(csv.contains("service-engage,code-source-ouvert,Code source ouvert,justificatif,repository,"
                + "https://depot.example/service,https://depot.example/service,2026-11-21,erreur-http,404,"
                + "https://depot.example/service,,false,http://localhost:8000/produits/service-engage/"), csv.toString());
        assertTrue(Files.readString(site.resolve("donnees/datapackage.json")).contains("\"engagements.schema.json\""));
        assertTrue(Files.readString(site.resolve("donnees/catalog.ttl")).contains("engagements.csv"));
        assertTrue(Files.isRegularFile(site.resolve("donnees/engagements.xlsx")));
    }

    @Test
    void noVerdictWords() throws IOException {
        for (String path : List.of("engagements", "produits/service-engage", "produits/recosante")) {
            String text = page(path).select("main").text();
            for (String verdict : List.of("non respect", "manquement", "défaillant", "en retard", "non conforme")) {
                int at = text.indexOf(verdict);
                // « non conforme » only where the product file says so, quoted.
                assertTrue(at < 0 || verdict.equals("non conforme") && text.startsWith("«\u202F", at - 2),
                        path + ": '" + verdict + "' in " + text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 40)));
            }
        }
    }
}
