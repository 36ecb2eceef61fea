package fr.vitrine.render;

import fr.vitrine.check.LinkCheck;
import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds the repository's real content and checks what a reader sees. */
class BundledSiteTest {

    @TempDir
    static Path tmp;
    static Path site;

    @BeforeAll
    static void build() {
        TestProject project = TestProject.copyOfRepository(tmp);
        site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Site written to " + site), run.out());
    }

    static Document page(String path) throws IOException {
        Path file = site.resolve(path).resolve("index.html");
        assertTrue(Files.isRegularFile(file), "missing page " + path);
        return Jsoup.parse(file.toFile(), "UTF-8");
    }

    /** The value of a "dt / dd" fact of a page. */
    static String fact(Document doc, String term) {
        for (Element dt : doc.select("dl.facts dt")) {
            if (dt.text().equals(term)) {
                return text(dt.nextElementSibling());
            }
        }
        throw new AssertionError("no fact '" + term + "'");
    }

    /** An element's text with the narrow no-break spaces of French numbers as plain spaces. */
    static String text(Element e) {
        return e.text().replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    static Element table(Document doc, String caption) {
        for (Element c : doc.select("table > caption")) {
            if (text(c).startsWith(caption)) {
                return c.parent();
            }
        }
        throw new AssertionError("no table captioned '" + caption + "'");
    }

    @Test
    void ecosanteConventionShowsTotalSigningDateAndSchedule() throws IOException {
        Document doc = page("conventions/ecosante-delegation-dgpr-dgs");
        assertEquals("Convention de délégation de gestion entre la DGPR, la DGS et la DINUM pour Ecosanté",
                doc.selectFirst("h1").text());
        assertEquals("200 000 €", fact(doc, "Montant total"));
        assertEquals("5 mars 2020", fact(doc, "Signature"));
        assertEquals("à la publication", fact(doc, "Prise d'effet"));
        assertEquals("un an", fact(doc, "Durée"));
        Element lines = table(doc, "Lignes de financement");
        assertEquals(2, lines.select("tbody tr").size());
        assertEquals("200 000 €", text(lines.selectFirst("tfoot td.num")));
        // The DGS schedule: AE at signature, CP 50 000 € in February and at most 50 000 € in August 2020.
        Element dgs = table(doc, "Échéancier : DGS");
        List<String> rows = dgs.select("tbody tr").stream().map(BundledSiteTest::text).toList();
        assertEquals(3, rows.size());
        assertTrue(rows.get(1).startsWith("février 2020 Crédits de paiement (CP) 50 000 €"), rows.get(1));
        assertTrue(rows.get(2).startsWith("août 2020 Crédits de paiement (CP) au plus 50 000 €"), rows.get(2));
        assertTrue(table(doc, "Lignes de financement").text().contains("UO 0204-CDGS-CELA"));
        assertTrue(table(doc, "Lignes de financement").text().contains("programme 0181"));
        // A line's note names the line it is about.
        assertEquals(List.of("Ligne 1 (100 000 €, financeur : DGPR) : UO 0181-CPRI-ELAB, sur le BOP CPRI du programme "
                + "0181 « Prévention des risques » (article 1)."),
                doc.select("#financement ~ p.note, section:has(#financement) > p.note").stream()
                        .map(BundledSiteTest::text).distinct().toList());
        // Parties with roles and the DGS signatory.
        String parties = table(doc, "Parties").text();
        assertTrue(parties.contains("Direction générale de la santé Délégant Jérôme Salomon"), parties);
        assertTrue(parties.contains("Christelle Lemieux"), parties);
        assertTrue(parties.contains("Délégataire Nadi Bou Hanna"), parties);
    }

    @Test
    void urbanvitalizProductTotalsSixLines() throws IOException {
        Document doc = page("produits/urbanvitaliz");
        Element history = table(doc, "Financements d'UrbanVitaliz");
        assertEquals(6, history.select("tbody tr").size());
        assertEquals("1 650 000 €", text(history.selectFirst("tfoot td.num")));
        assertTrue(fact(doc, "Financements recensés").startsWith("1 650 000 € sur 6 lignes"));
        // Oldest first: the initial convention of September 2020, the seconde convention (undated) last.
        List<String> acts = history.select("tbody th").eachText();
        assertEquals("Convention initiale pour UrbanVitaliz", acts.get(0));
        assertEquals("Convention de partenariat entre le Cerema et la DINUM pour UrbanVitaliz / Reco-co", acts.get(5));
        // The phase under way on the test day is "Opéré" (since 1 November 2023).
        assertEquals("Opéré", doc.selectFirst(".page-header .badge").text());
    }

    @Test
    void secondeConventionRecordsWhatTheTextLeavesUnknown() throws IOException {
        Document doc = page("conventions/urbanvitaliz-seconde-convention");
        assertEquals("non précisée", fact(doc, "Signature"));
        assertEquals("à la signature", fact(doc, "Prise d'effet"));
        assertEquals("30 juin 2024", fact(doc, "Fin"));
        assertEquals("475 000 €", fact(doc, "Montant total"));
        assertEquals("Terminée", doc.selectFirst(".page-header .status-terminee").text());
        String line = text(table(doc, "Lignes de financement").selectFirst("tbody tr"));
        assertTrue(line.contains("475 000 € non précisé"), line);
        assertTrue(line.contains("programme 352 ; fonds de concours 1-2-00548"), line);
        // Full text with a table of contents whose links reach the articles.
        Element toc = doc.selectFirst("nav.toc");
        List<String> entries = toc.select("a").eachText().stream().map(t -> t.replace('\u202F', ' ')).toList();
        assertTrue(entries.contains("Article 4 : Dispositions financières"), entries.toString());
        for (Element a : toc.select("a[href^=#]")) {
            assertNotNull(doc.getElementById(a.attr("href").substring(1)), "TOC link " + a.attr("href"));
        }
        assertFalse(doc.select(".legal-text table").isEmpty(), "annex table rendered as a table");
        // The records its preamble recounts are linked from it.
        List<String> cited = doc.select("dd a[href*=urbanvitaliz-]").eachAttr("href");
        assertTrue(cited.containsAll(List.of("../urbanvitaliz-convention-initiale/", "../urbanvitaliz-avenant-1/",
                "../urbanvitaliz-avenant-2/", "../urbanvitaliz-fast/", "../urbanvitaliz-france-relance/")), cited.toString());
    }

    @Test
    void avenantsAndParentLinkBothWays() throws IOException {
        Document parent = page("conventions/urbanvitaliz-convention-initiale");
        Elements avenants = parent.select("dt:containsOwn(Avenants) + dd a");
        assertEquals(List.of("../urbanvitaliz-avenant-1/", "../urbanvitaliz-avenant-2/"), avenants.eachAttr("href"));
        for (String id : List.of("urbanvitaliz-avenant-1", "urbanvitaliz-avenant-2")) {
            Document avenant = page("conventions/" + id);
            Element link = avenant.selectFirst("dt:containsOwn(Modifie) + dd a");
            assertNotNull(link, id + " links to its parent");
            assertEquals("../urbanvitaliz-convention-initiale/", link.attr("href"));
            assertEquals("Avenant", avenant.selectFirst(".page-header .badge").text());
        }
    }

    @Test
    void recordsWithoutTextQuoteTheirSource() throws IOException {
        Document doc = page("conventions/urbanvitaliz-fast");
        assertEquals("150 000 €", fact(doc, "Montant total"));
        String texte = doc.selectFirst("section[aria-labelledby=texte]").text();
        assertTrue(texte.contains("Le texte de cet acte n'est pas publié"), texte);
        assertTrue(texte.contains("Fonds d'accélération des Startups d'État et de Territoire (FAST)"), texte);
        assertEquals("TTC", table(doc, "Lignes de financement").select("tbody td").get(2).text());
    }

    @Test
    void listingAndFacetsWorkWithoutJavaScript() throws IOException {
        Document all = page("conventions");
        // Most recent first by the latest date each record gives, even when the signing date is unknown: the seconde
        // convention (until 30 June 2024), the records of November 2021, May 2021, September 2020, then March 2020.
        assertEquals(List.of("urbanvitaliz-seconde-convention/", "urbanvitaliz-avenant-2/", "urbanvitaliz-fast/",
                        "urbanvitaliz-france-relance/", "urbanvitaliz-avenant-1/", "urbanvitaliz-convention-initiale/",
                        "ecosante-delegation-dgpr-dgs/"),
                all.select("table.data tbody th a").eachAttr("href"));
        Document year2020 = page("conventions/signature/2020");
        // Newest first: September 2020, then 5 March 2020.
        assertEquals(List.of("Convention initiale pour UrbanVitaliz",
                "Convention de délégation de gestion entre la DGPR, la DGS et la DINUM pour Ecosanté"),
                year2020.select("table.data tbody th").eachText());
        assertEquals(1, page("conventions/partenaire/cerema").select("table.data tbody tr").size());
        assertEquals(2, page("conventions/type/avenant").select("table.data tbody tr").size());
        assertEquals(1, page("conventions/produit/recosante").select("table.data tbody tr").size());
        assertEquals(1, page("conventions/statut/terminee").select("table.data tbody tr").size());
        assertEquals(3, page("conventions/type/non-precise").select("table.data tbody tr").size());
        // Facets are plain links to static pages (the theme's script only adds the menu and display settings).
        assertTrue(all.select(".facets a[href]").size() > 10);
        assertTrue(all.select(".facets form, .facets button, .facets input").isEmpty());
    }

    /** Issue 28: a partner in any role, with its roles shown; the signing year and the budget year apart. */
    @Test
    void facetsSayWhatTheyCount() throws IOException {
        Document all = page("conventions");
        assertEquals(List.of("Partenaire", "Année de signature", "Année budgétaire", "Type d'acte", "Produit", "Statut"),
                all.select(".facets h3").eachText());
        // The DINUM signs two acts and receives the money of five.
        Element dinum = all.selectFirst(".facets a[data-facet=partenaire][data-value=dinum]");
        assertTrue(text(dinum).startsWith("DINUM – signataire, bénéficiaire"), text(dinum));
        assertEquals(5, page("conventions/partenaire/dinum").select("table.data tbody tr").size());
        // Two acts were signed in 2020, five on a day no record gives; none in 2021, whose budget four acts spend.
        assertEquals(2, page("conventions/signature/2020").select("table.data tbody tr").size());
        assertEquals(5, page("conventions/signature/inconnue").select("table.data tbody tr").size());
        assertFalse(Files.exists(site.resolve("conventions/signature/2021")));
        assertEquals(List.of("urbanvitaliz-avenant-2/", "urbanvitaliz-fast/", "urbanvitaliz-france-relance/",
                        "urbanvitaliz-avenant-1/"),
                page("conventions/budget/2021").select("table.data tbody th a").eachAttr("href").stream()
                        .map(h -> h.substring(h.lastIndexOf("../") + 3)).toList());
        assertEquals(1, page("conventions/budget/non-precisee").select("table.data tbody tr").size());
    }

    @Test
    void homeShowsKeyFigures() throws IOException {
        Document home = page("");
        List<String> figures = home.select(".key-figures .figure").stream().map(BundledSiteTest::text).toList();
        assertEquals(List.of("7", "1 850 000 €", "3", "4"), figures);
    }

    @Test
    void everyPageIsFrenchAndNonEmptyAndLinksResolve() throws IOException {
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(site)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertTrue(pages.size() > 40, "pages: " + pages.size());
        for (Path p : pages) {
            Document doc = Jsoup.parse(p.toFile(), "UTF-8");
            assertEquals("fr", doc.selectFirst("html").attr("lang"), p.toString());
            assertEquals(1, doc.select("h1").size(), "one h1 in " + p);
            assertFalse(doc.select("main").text().isBlank(), "content in " + p);
        }
        LinkCheck.Report report = LinkCheck.run(site);
        assertEquals(List.of(), report.broken());
        assertTrue(report.external().get("https://urbanvitaliz.fr/stats").contains("produits/urbanvitaliz/index.html"),
                "external links are listed with the pages that use them");
    }

    @Test
    void feedSitemapRobotsAndDownloads() throws IOException {
        String feed = Files.readString(site.resolve("conventions/atom.xml"));
        Document atom = Jsoup.parse(feed, "", org.jsoup.parser.Parser.xmlParser());
        assertEquals(7, atom.select("entry").size());
        assertEquals("2020-03-05T00:00:00Z", atom.select("entry:has(id:containsOwn(ecosante)) updated").text());
        String sitemap = Files.readString(site.resolve("sitemap.xml"));
        assertTrue(sitemap.contains("<loc>http://localhost:8000/produits/urbanvitaliz/</loc>"), sitemap);
        assertTrue(Files.readString(site.resolve("robots.txt")).contains("Sitemap: http://localhost:8000/sitemap.xml"));
        assertTrue(Files.isRegularFile(site.resolve("404.html")));
        Path json = site.resolve("conventions/ecosante-delegation-dgpr-dgs/ecosante-delegation-dgpr-dgs.json");
        String record = Files.readString(json);
        assertTrue(record.contains("\"signed\" : \"2020-03-05\""), record);
        assertTrue(record.contains("\"total\" : 200000"), record);
        assertTrue(Files.isRegularFile(site.resolve(
                "conventions/ecosante-delegation-dgpr-dgs/convention-delegation-dgpr-dgs-dinum-ecosante.txt")));
    }
}
