package fr.vitrine.render;

import fr.vitrine.build.Build;
import fr.vitrine.check.LinkCheck;
import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a reader tripped on (issue 17, points 6 to 10 and 12), on the bundled site published under a path. */
class ReadersSiteTest {

    static final String BASE = "https://example.org/vitrine/";

    @TempDir
    static Path tmp;
    static Path site;
    static String built;

    @BeforeAll
    static void build() {
        TestProject project = TestProject.copyOfRepository(tmp);
        site = tmp.resolve("site");
        TestProject.Run run = project.run(new Build.Options(project.root(), site, BASE, false));
        assertEquals(0, run.exitCode(), run.err());
        built = run.out();
    }

    static Document page(String file) throws IOException {
        return Jsoup.parse(site.resolve(file).toFile(), "UTF-8");
    }

    static String text(Document doc) {
        return doc.body().text().replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    @Test
    void notFoundPageLinksFromTheBasePathSoItWorksAtAnyDepth() throws IOException {
        Document doc = page("404.html");
        List<String> links = doc.select("a[href], link[href]:not([rel=canonical])").eachAttr("href").stream()
                .filter(h -> !h.startsWith("http") && !h.startsWith("#")).toList();
        assertFalse(links.isEmpty());
        for (String href : links) {
            assertTrue(href.startsWith("/vitrine/"), "not rooted at the base path: " + href);
            // Served at /vitrine/a/b/c/missing, each still names a file of the site.
            String file = href.substring("/vitrine/".length()).replaceAll("[#?].*", "");
            assertTrue(Files.exists(site.resolve(file.isEmpty() || file.endsWith("/") ? file + "index.html" : file)),
                    href);
        }
        Element home = doc.selectFirst("a:containsOwn(Retour à l\\'accueil)");
        assertNotNull(home);
        assertEquals("/vitrine/", home.attr("href"));
        assertTrue(doc.select("link[rel=stylesheet]").eachAttr("href").stream().allMatch(h -> h.startsWith("/vitrine/")));
        // Other pages keep relative links (the site works from the file system).
        assertEquals("../", page("conventions/index.html").selectFirst("a.skip-link ~ * a[href=../], a[href=../]").attr("href"));
    }

    @Test
    void linksCountsThePagesTheBuildCounts() {
        LinkCheck.Report report = LinkCheck.run(site);
        assertTrue(report.broken().isEmpty(), report.broken().toString());
        assertEquals(List.of("conventions/atom.xml", "robots.txt", "sitemap.xml"), report.unchecked());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(": (\\d+) pages,").matcher(built);
        assertTrue(m.find(), built);
        int pages = Integer.parseInt(m.group(1));
        assertEquals(pages + " pages: " + (pages - 3) + " HTML pages checked, 3 not (conventions/atom.xml, robots.txt, "
                + "sitemap.xml)", report.summary());
    }

    @Test
    void statusesSayWhyTheyAreUnknownAndFacetsShowEmptyValues() throws IOException {
        Document ecosante = page("conventions/ecosante-delegation-dgpr-dgs/index.html");
        assertEquals("Statut inconnu\u202F: un an à compter de sa publication, date non publiée.",
                ecosante.selectFirst(".status-reason").text());
        // The seconde convention ended on 30 June 2024 although its signing date is unknown.
        assertTrue(page("conventions/urbanvitaliz-seconde-convention/index.html").select(".status-terminee").size() > 0);
        Document listing = page("conventions/index.html");
        assertTrue(text(listing).contains("En vigueur (0)"), "the empty status is listed with its count");
        assertTrue(listing.select("a[href*=statut/en-vigueur]").isEmpty(), "no link to an empty listing");
        assertFalse(Files.exists(site.resolve("conventions/statut/en-vigueur/index.html")));
    }

    @Test
    void obligationsOfEndedActsOrProductsAreShownAsEnded() throws IOException {
        String stats = text(page("produits/recosante/stats/index.html"));
        assertTrue(stats.contains("n'a pas publié ses indicateurs"), stats);
        assertTrue(stats.contains("Cette convention l'obligeait à publier une page de statistiques d'impact ; cette "
                + "obligation est échue (le produit est abandonné depuis le 22 juin 2023)"), stats);
        assertFalse(stats.contains("ne publie pas encore"));
        assertFalse(stats.contains("cette convention l'oblige "));
        Document product = page("produits/recosante/index.html");
        Element statsDuty = product.selectFirst("ul.obligations li:contains(statistiques d\\'impact)");
        assertTrue(statsDuty.text().contains("échue"), statsDuty.text());
        assertFalse(statsDuty.text().contains("respect"), "a fact, never a verdict: " + statsDuty.text());
        // Publishing the act does not end with the product: its act's end is unknown.
        assertTrue(product.selectFirst("ul.obligations li:contains(data.gouv.fr)").text().contains("terme inconnu"));
        // UrbanVitaliz: the seconde convention ended on 30 June 2024.
        Element uv = page("produits/urbanvitaliz/index.html").selectFirst("ul.obligations li:contains(statistiques d\\'impact)");
        assertTrue(uv.text().contains("échue (l'acte qui la prévoit a pris fin)"), uv.text());
    }

    @Test
    void anObligationWithItsOwnTermLastsUntilItNotUntilItsAct(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        fr.vitrine.testing.TestProject project = fr.vitrine.testing.TestProject.copyOfRepository(dir);
        // The seconde convention ended on 30 June 2024; its stats page was due until mid-2027.
        project.replace("content/conventions/urbanvitaliz-seconde-convention.md", "    text: mesurer et diffuser",
                "    ends: 2027-06-30\n    text: mesurer et diffuser");
        // Ecosanté's act has an unknown end; publishing it was due until 2022, then until some day of November 2026.
        String ecosante = "content/conventions/ecosante-delegation-dgpr-dgs.md";
        project.replace(ecosante, "    article: Article 8\n", "    article: Article 8\n    ends: 2022-12-31\n");
        Path out = dir.resolve("site");
        assertEquals(0, project.build(out).exitCode());
        Document uv = Jsoup.parse(out.resolve("produits/urbanvitaliz/index.html").toFile(), "UTF-8");
        String duty = uv.selectFirst("ul.obligations li:contains(statistiques d\\'impact)").text();
        assertTrue(duty.contains("en cours"), duty);
        Document reco = Jsoup.parse(out.resolve("produits/recosante/index.html").toFile(), "UTF-8");
        String publication = reco.selectFirst("ul.obligations li:contains(data.gouv.fr)").text();
        assertTrue(publication.contains("échue (son terme, le 31 décembre 2022, est passé)"), publication);

        project.replace(ecosante, "    ends: 2022-12-31\n", "    ends: 2026-11\n");
        assertEquals(0, project.build(out).exitCode());
        reco = Jsoup.parse(out.resolve("produits/recosante/index.html").toFile(), "UTF-8");
        publication = reco.selectFirst("ul.obligations li:contains(data.gouv.fr)").text();
        assertTrue(publication.contains("terme inconnu (son terme (novembre 2026) n'est pas donné au jour près)"),
                publication);
    }

    @Test
    void feedGivesOnlyTheDatesRecordsGive() throws IOException {
        Document atom = Jsoup.parse(Files.readString(site.resolve("conventions/atom.xml")), "", Parser.xmlParser());
        List<Element> entries = atom.select("entry");
        assertEquals(7, entries.size());
        assertFalse(atom.outerHtml().contains("2021-11-01"), "a funded period is not the act's date");
        Element seconde = atom.selectFirst("entry:has(id:containsOwn(urbanvitaliz-seconde-convention))");
        assertTrue(seconde.select("updated, dc|date").isEmpty(), seconde.outerHtml());
        Element initiale = atom.selectFirst("entry:has(id:containsOwn(urbanvitaliz-convention-initiale))");
        assertTrue(initiale.select("updated").isEmpty(), "September 2020 is not completed into a day");
        assertEquals("2020-09", initiale.selectFirst("dc|date").text());
        assertEquals("2020-03-05T00:00:00Z",
                atom.selectFirst("entry:has(id:containsOwn(ecosante)) updated").text());
        // Dated entries first, newest first; undated ones last.
        assertTrue(entries.get(0).outerHtml().contains("urbanvitaliz-convention-initiale"));
        assertTrue(entries.get(1).outerHtml().contains("ecosante-delegation-dgpr-dgs"));
        assertEquals("2020-03-05T00:00:00Z", atom.selectFirst("feed > updated").text());
        String sitemap = Files.readString(site.resolve("sitemap.xml"));
        assertFalse(sitemap.contains("lastmod"), "the sitemap states no date");
    }

    @Test
    void frenchElisionArticlesPluralsAndOneVocabulary() throws IOException {
        Document stats = page("produits/urbanvitaliz/stats/index.html");
        assertEquals("Statistiques d'impact d'UrbanVitaliz", stats.selectFirst("h1").text());
        assertTrue(text(stats).contains("fréquence : autre"), "fréquence : autre");
        assertTrue(text(page("produits/urbanvitaliz/index.html")).contains("Financements d'UrbanVitaliz"));
        Document dinum = page("organisations/dinum/index.html");
        assertTrue(dinum.select("caption").eachText().contains(
                "Conventions dont la DINUM est partie, financeur ou bénéficiaire"), dinum.select("caption").eachText().toString());
        Document cerema = page("organisations/cerema/index.html");
        assertTrue(cerema.select("caption").eachText().stream().anyMatch(c -> c.contains("dont le Cerema")));
        // Home: one visible heading for the latest conventions (the table's caption repeats it for screen readers only).
        Document home = page("index.html");
        assertFalse(text(home).contains("Les conventions les plus récentes"));
        Element caption = home.selectFirst("section:has(#dernieres) caption");
        assertEquals("Dernières conventions", caption.text());
        assertTrue(caption.hasClass("sr-only"));
        // No English in a dataset column: the type of an act whose kind is unknown is "inconnu", as its status.
        List<String> rows = Files.readAllLines(site.resolve("donnees/conventions.csv"));
        assertTrue(rows.stream().noneMatch(r -> r.contains(",unknown,")), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("urbanvitaliz-fast,") && r.contains(",inconnu,")));
        String schema = Files.readString(site.resolve("donnees/conventions.schema.json"));
        assertTrue(schema.contains("\"inconnu\"") && !schema.contains("\"unknown\""), "codes documented in the schema");
        // No "(s)" on a page or in a dataset's description outside quoted legal texts.
        for (String f : List.of("index.html", "produits/urbanvitaliz/stats/index.html", "donnees/index.html")) {
            assertFalse(text(page(f)).contains("(s)"), f);
        }
    }

    @Test
    void organisationPagesShowWhatTheyPaidAndWhatTheyReceived() throws IOException {
        Document dinum = page("organisations/dinum/index.html");
        assertTrue(text(dinum).contains("Montants reçus 1 325 000 €, bases mêlées : 650 000 € TTC + 675 000 € HT ou TTC "
                + "non précisé (6 lignes)"), text(dinum));
        // Issue 28: what no line names is « non recensé », never « 0 € ».
        assertTrue(text(dinum).contains("Montants versés non recensé Montants reçus"), text(dinum));
        Element received = dinum.selectFirst("table:has(caption:containsOwn(Lignes de financement reçues))");
        assertEquals(6, received.select("tbody tr").size());
        Document cerema = page("organisations/cerema/index.html");
        Element given = cerema.selectFirst("table:has(caption:containsOwn(Lignes de financement versées))");
        assertEquals(1, given.select("tbody tr").size());
        assertTrue(text(cerema).contains("Ce que le Cerema a versé"));
        assertTrue(given.text().replace('\u202F', ' ').replace('\u00A0', ' ').contains("475 000 €"));
    }

    @Test
    void fundingPageTotalsByFunderYearProductKindAndSourceWithChartsAndTables() throws IOException {
        Document doc = page("financements/index.html");
        assertTrue(text(doc).contains("8 lignes de financement pour un total de 1 850 000 €, bases mêlées : 800 000 € TTC "
                + "+ 1 050 000 € HT ou TTC non précisé"), text(doc));
        for (String id : List.of("par-financeur", "par-annee", "par-produit", "par-type", "par-source")) {
            Element section = doc.selectFirst("section:has(#" + id + ")");
            assertNotNull(section.selectFirst("svg[role=img] > title"), id);
            assertNotNull(section.selectFirst("svg desc"), id);
            assertFalse(section.select("table tbody tr").isEmpty(), id);
        }
        assertNotNull(doc.selectFirst("section:has(#cumul) svg[role=img]"));
        // The seconde convention's 475 000 € fund UrbanVitaliz and Reco-co without a split: shared on both rows.
        Element products = doc.selectFirst("section:has(#par-produit) table");
        for (String product : List.of("UrbanVitaliz", "Reco-co")) {
            Element row = products.selectFirst("tbody tr:has(th a:containsOwn(" + product + "))");
            assertTrue(row.text().replace('\u202F', ' ').replace('\u00A0', ' ').contains("475 000 € (partagées)"), row.text());
        }
        // Every other breakdown adds up to the programme's total, each line once.
        String funders = doc.selectFirst("section:has(#par-financeur) tfoot").text().replace('\u202F', ' ').replace('\u00A0', ' ');
        assertTrue(funders.contains("1 850 000 € (bases mêlées)"), funders);
        // Records without text are labelled by the text that mentions them.
        assertTrue(doc.selectFirst("section:has(#par-source) table").text().contains("Mentionné dans\u202F: Convention de "
                + "partenariat entre le Cerema et la DINUM pour UrbanVitaliz / Reco-co"));
        assertNotNull(page("index.html").selectFirst("nav a[href=financements/]"), "in the main menu");
    }

    /** Issue 28, item 8: charts with full labels, a year axis, and the money without a year shown apart. */
    @Test
    void fundingChartsShowFullLabelsAndAYearAxisWithUndatedMoneyApart() throws IOException {
        Document doc = page("financements/index.html");
        for (String id : List.of("par-financeur", "par-annee", "par-produit", "par-type", "par-source")) {
            Element section = doc.selectFirst("section:has(#" + id + ")");
            // A label may wrap over lines: the chart's lines, put back together, are the table's row headers.
            assertEquals(String.join(" ", section.select("table tbody th").eachText()),
                    String.join(" ", section.select("svg text.category").eachText()), id);
            assertTrue(section.select("svg text").eachText().stream().noneMatch(t -> t.endsWith("…")), id);
        }
        Element cumul = doc.selectFirst("section:has(#cumul) svg");
        assertEquals(List.of("2020", "2021", "Sans année"), cumul.select("text.tick.x").eachText());
        assertEquals(List.of("2020 : 400 000 €", "2021 : 1 375 000 €"),
                cumul.select("rect.measure title").eachText().stream().map(t -> t.replace('\u202F', ' ')).toList());
        assertEquals("Sans année : 475 000 €", cumul.selectFirst("rect.apart title").text().replace('\u202F', ' '));
        assertTrue(cumul.selectFirst("desc").text().replace('\u202F', ' ').contains("à part, les lignes sans année budgétaire : 475 000 €"));
    }

    @Test
    void conventionArticlesCanBeCitedAndEveryPageAdvertisesItsJson() throws IOException {
        Document doc = page("conventions/urbanvitaliz-seconde-convention/index.html");
        Element article4 = doc.getElementById("article-4");
        assertEquals("h2", article4.tagName());
        // The long id of the README's example link keeps working.
        assertEquals(article4, doc.getElementById("article-4--dispositions-financières").parent());
        Element link = article4.nextElementSibling().selectFirst("a[href=#article-4]");
        assertEquals("Lien vers cet article", link.ownText());
        // The table of contents uses the short ids.
        assertNotNull(doc.selectFirst("nav a[href=#article-4]"));
        assertEquals(doc.select(".legal-text h2, .legal-text h3").size(), doc.select(".legal-text p.heading-link").size());
        assertEquals("urbanvitaliz-seconde-convention.json",
                doc.selectFirst("link[rel=alternate][type=application/json]").attr("href"));
        try (var files = Files.walk(site)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Element json = Jsoup.parse(f.toFile(), "UTF-8").selectFirst("link[rel=alternate][type=application/json]");
                assertNotNull(json, "no JSON advertised on " + f);
            }
        }
        // Those links resolve (the 404 page's from the base path): linksCountsThePagesTheBuildCounts finds none broken.
    }
}
