package fr.vitrine.read;

import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Product and organisation files in beta.gouv.fr's shape, read unchanged from a folder named in the configuration. */
class BetaGouvFolderTest {

    @TempDir
    Path tmp;

    private TestProject projectWithBetaFolder() {
        TestProject project = TestProject.copyOfRepository(tmp);
        Trees.copy(TestProject.REPO.resolve("src/test/resources/betagouv"), tmp.resolve("beta.gouv.fr/content"));
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.startups=../beta.gouv.fr/content/_startups"
                + "\nvitrine.betagouv.organisations=../beta.gouv.fr/content/_organisations\n");
        return project;
    }

    @Test
    void readsProductAndOrganisationFilesAsTheyAre() throws IOException {
        TestProject project = projectWithBetaFolder();
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err(), "no warnings for a well-formed beta.gouv.fr file");
        Document product = Jsoup.parse(site.resolve("produits/service-exemple/index.html").toFile(), "UTF-8");
        assertEquals("Service exemple (fixture de test)", product.selectFirst("h1").text());
        assertEquals("Accélération", product.selectFirst(".page-header .badge").text());
        assertTrue(product.select("a[href='../../organisations/orga-exemple/']").hasText(), "sponsor linked");
        assertTrue(product.text().contains("Comité d'investissement de test"));
        assertEquals("Le problème", product.selectFirst("#presentation ~ h2").text());
        Document org = Jsoup.parse(site.resolve("organisations/orga-exemple/index.html").toFile(), "UTF-8");
        assertEquals("Organisation exemple (fixture de test) (OEX)", org.selectFirst("h1").text());
        assertTrue(org.text().contains("Service exemple (fixture de test)"), "sponsored product listed");
        assertTrue(Files.notExists(site.resolve("produits/@docs")), "documentation files are skipped");
    }

    @Test
    void anOddValueIsAWarningAndTheProductKeepsItsPage() {
        TestProject project = projectWithBetaFolder();
        Path file = tmp.resolve("beta.gouv.fr/content/_startups/service-exemple.md");
        String text = Trees.read(file);
        int line = (int) text.substring(0, text.indexOf("start: 2021-04-01")).lines().count();
        project.write("../beta.gouv.fr/content/_startups/service-exemple.md", text.replace("start: 2021-04-01", "start: 2021-04-31"));
        TestProject.Run run = project.build(tmp.resolve("site"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("service-exemple.md:" + line + ":12: warning: impossible date"), run.err());
        assertTrue(run.err().contains(": date ignored"), run.err());
        assertTrue(Files.isRegularFile(tmp.resolve("site/produits/service-exemple/index.html")), "the page is built");
    }

    /** Issue 27: a file that cannot be parsed is reported and gets no page; the rest builds, unless warnings fail. */
    @Test
    void brokenYamlSkipsItsFileOnlyAndFailsOnlyWhenTheProjectSaysSo() throws IOException {
        TestProject project = projectWithBetaFolder();
        project.write("../beta.gouv.fr/content/_startups/casse.md", "---\ntitle: Cassé\nphases: [\n---\n");
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().matches("(?s).*casse\\.md:\\d+:\\d+: warning: malformed YAML.*\\(file skipped: no page\\).*"),
                run.err());
        assertTrue(Files.isRegularFile(site.resolve("produits/service-exemple/index.html")), "the rest is built");
        assertTrue(Files.notExists(site.resolve("produits/casse")));

        Path strict = tmp.resolve("strict");
        TestProject.Run flagged = project.run(new fr.vitrine.build.Build.Options(project.root(), strict, null, false, false,
                null, true));
        assertEquals(1, flagged.exitCode(), flagged.err());
        assertTrue(flagged.err().contains("warning(s) fail the run"), flagged.err());
        assertTrue(Files.notExists(strict), "no site written");

        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.fail-on-warnings=true\n");
        TestProject.Run set = project.build(strict);
        assertEquals(1, set.exitCode(), set.err());
        assertTrue(Files.notExists(strict), "no site written");
    }

    /** Issue 27: _incubators/ and _fasts/ as pages; a product whose last phase ended has no current phase. */
    @Test
    void incubatorsFastPromotionsAndEndedPhases() throws IOException {
        TestProject project = projectWithBetaFolder();
        String checkout = "../beta.gouv.fr/content/";
        project.write(checkout + "_incubators/dinum.md", "---\ntitle: Incubateur d'essai\nowner: /organisations/orga-exemple\n"
                + "address: 1 rue de l'Essai, Paris\nwebsite: https://example.org/incubateur\nhighlighted_startups:\n"
                + "  - service-exemple\n---\nTexte.\n");
        project.write(checkout + "_fasts/09_fast.md", "---\ntitle: FAST 9 - Septembre 2021\n---\n# FAST 9\n");
        // As in the 2026 snapshot: a promotion file without the .md extension, which beta.gouv.fr reads all the same.
        project.write(checkout + "_fasts/15_fast", "---\ntitle: FAST 15 - Septembre 2024\npromotion: 15\n---\n# FAST 15\n");
        project.write(checkout + "_fasts/notes.txt", "---\ntitle: FAST 99\n---\n");
        project.write(checkout + "_startups/service-termine.md", "---\ntitle: Service terminé\nincubator: DINUM\n"
                + "phases:\n  - name: investigation\n    start: 2020-01-06\n    end: 2020-06-30\n"
                + "  - name: construction\n    start: 2020-07-01\n    end: 2021-03-31\n---\n");
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().contains("service-termine.md:3:12: warning: incubator 'DINUM' matched to incubator file "
                + "dinum.md"), run.err());

        Document incubator = Jsoup.parse(site.resolve("incubateurs/dinum/index.html").toFile(), "UTF-8");
        assertEquals("Incubateur d'essai", incubator.selectFirst("h1").text());
        assertEquals(List.of("Service exemple (fixture de test)", "Service terminé"),
                incubator.select("tbody th a").eachText());
        for (String id : List.of("service-exemple", "service-termine")) {
            Document product = Jsoup.parse(site.resolve("produits/" + id + "/index.html").toFile(), "UTF-8");
            org.jsoup.nodes.Element dd = product.selectFirst("dt:containsOwn(Incubateur) + dd");
            assertEquals("Incubateur d'essai", dd.text(), id);
            assertEquals("../../incubateurs/dinum/", dd.selectFirst("a").attr("href"));
        }
        Document listing = Jsoup.parse(site.resolve("produits/index.html").toFile(), "UTF-8");
        assertEquals("Incubateur d'essai (2)", listing.selectFirst("nav.facets a[href='incubateur/dinum/']")
                .parent().text());

        Document ended = Jsoup.parse(site.resolve("produits/service-termine/index.html").toFile(), "UTF-8");
        assertTrue(ended.select(".current-phase").isEmpty(), "no current phase: " + ended.select(".timeline"));
        assertEquals("Dernière phase terminée le 31 mars 2021", ended.selectFirst(".page-header .badge").text());
        Document current = Jsoup.parse(site.resolve("produits/service-exemple/index.html").toFile(), "UTF-8");
        assertEquals(1, current.select(".current-phase").size());
        assertTrue(listing.text().contains("aucune (dernière phase terminée le 31 mars 2021)"), listing.text());

        assertEquals("FAST 15 - Septembre 2024", Jsoup.parse(site.resolve("financements/fast/15/index.html").toFile(),
                "UTF-8").selectFirst("h1").text());
        assertTrue(Files.notExists(site.resolve("financements/fast/99")), "a file with another extension is not read");
        Document fast = Jsoup.parse(site.resolve("financements/fast/9/index.html").toFile(), "UTF-8");
        assertEquals("FAST 9 - Septembre 2021", fast.selectFirst("h1").text());
        assertEquals("Service exemple (fixture de test) 100 000 €", fast.selectFirst("tbody tr").text()
                .replace('\u202F', ' ').replace('\u00A0', ' '));
        assertEquals("../../financements/fast/9/", current.selectFirst("#financements ~ div tbody th a, "
                + "#financements ~ table tbody th a, #financements + * tbody th a").attr("href"));

        String incubators = Files.readString(site.resolve("donnees/incubateurs.csv"));
        assertTrue(incubators.startsWith("id,nom,organisation_id,adresse,site,description,produits,nombre_produits,url"),
                incubators);
        assertTrue(incubators.contains("dinum,Incubateur d'essai,orga-exemple,"), incubators);
        String products = Files.readString(site.resolve("donnees/produits.csv"));
        assertTrue(products.lines().anyMatch(l -> l.startsWith("service-termine,Service terminé,,dinum,Incubateur d'essai,,,"
                + "2021-03-31,")), products);
    }

    @Test
    void missingFolderIsAnError() {
        TestProject project = TestProject.copyOfRepository(tmp);
        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.betagouv.startups=nowhere\n");
        TestProject.Run run = project.check();
        assertEquals(1, run.exitCode());
        int line = (int) project.read("jbake.properties").lines().count();
        assertTrue(run.err().contains("jbake.properties:" + line + ":1: error: folder") && run.err().contains("does not exist"), run.err());
    }
}
