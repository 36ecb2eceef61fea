package fr.vitrine.gates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader tasks of issue 17 in Chromium, on the bundled site in both themes: sort the conventions by amount,
 * filter by year 2020 and then by a partner and get the intersection (kept in a shareable address), download the
 * filtered rows as CSV, from a deep missing address follow "Retour à l'accueil", search "intrapreneur" and land on the
 * article that names it, search "friches" and find UrbanVitaliz, and search without JavaScript.
 */
class ReaderTasksIT {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"dsfr", "neutral"})
    void readersFilterSortDownloadAndFindTheirWayBack(String theme) throws Exception {
        Path site = tmp.resolve("site");
        TestProject.Run run = TestProject.copyOfRepository(tmp).theme(theme).build(site);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode index = new ObjectMapper().readTree(site.resolve("conventions/index.json").toFile());
        List<String> in2020 = new ArrayList<>();
        List<String> in2020WithDgs = new ArrayList<>();
        List<String> idsWithDgs = new ArrayList<>();
        for (JsonNode c : index) {
            boolean year = c.path("facets").path("signature").toString().contains("\"2020\"");
            boolean dgs = c.path("facets").path("partenaire").toString().contains("\"dgs\"");
            if (year) {
                in2020.add(c.path("title").asText());
            }
            if (year && dgs) {
                in2020WithDgs.add(c.path("title").asText());
                idsWithDgs.add(c.path("id").asText());
            }
        }
        assertTrue(in2020.size() > in2020WithDgs.size() && !in2020WithDgs.isEmpty(), "a real intersection");

        Process install = new ProcessBuilder(TestProject.REPO.resolve(".ci/install-browser").toString()).start();
        String chromium = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0, "no Chromium");
        Path report = tmp.resolve("report.json");
        ProcessBuilder pb = new ProcessBuilder("node", TestProject.REPO.resolve("src/test/js/reader-tasks.mjs").toString(),
                site.toString(), report.toString(), "signature", "2020", "partenaire", "dgs").redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "reader tasks did not finish");
        assertEquals(0, p.exitValue(), out);
        JsonNode r = new ObjectMapper().readTree(report.toFile());

        assertEquals(List.of(), texts(r.path("csp")));
        assertEquals(List.of(), texts(r.path("external")));
        List<Double> ascending = texts(r.path("amountsAscending")).stream().map(ReaderTasksIT::euros).toList();
        assertEquals(index.size(), ascending.size());
        assertEquals(ascending.stream().sorted().toList(), ascending, "sorted by amount, numerically");
        List<Double> descending = texts(r.path("amountsDescending")).stream().map(ReaderTasksIT::euros).toList();
        List<Double> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, descending);
        assertEquals("descending", r.path("ariaSort").asText());

        assertEquals(in2020.stream().sorted().toList(), texts(r.path("afterFirst")).stream().sorted().toList());
        assertEquals(in2020WithDgs, texts(r.path("afterSecond")), "the second filter keeps the first");
        assertEquals("?partenaire=dgs&signature=2020", r.path("search").asText());
        assertEquals(in2020WithDgs, texts(r.path("sharedTitles")), "the shared address restores both filters");
        List<String> csv = r.path("csv").asText().lines().toList();
        assertEquals("id,titre,type,financeurs,produits,date_signature,montant_total,statut", csv.get(0));
        assertEquals(idsWithDgs, csv.subList(1, csv.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());

        assertEquals(404, r.path("notFoundStatus").asInt());
        assertTrue(r.path("notFoundStyled").asInt() > 0, "the 404 page's stylesheets load at any depth");
        assertEquals(List.of(), texts(r.path("notFoundFailedRequests")));
        assertEquals("/", r.path("afterHome").asText());

        // Search: from the header's box to the results, then down to the article that names the word.
        JsonNode intrapreneur = r.path("searchIntrapreneur");
        assertEquals("/recherche/?q=intrapreneur", intrapreneur.path("address").asText());
        assertTrue(intrapreneur.path("status").asText().matches("\\d+\u00a0résultats? pour « intrapreneur »\\."),
                intrapreneur.path("status").asText());
        assertTrue(texts(intrapreneur.path("links")).stream().anyMatch(l -> l.matches("/conventions/[^/#]+/#article-\\d+")),
                "a result links to the article: " + intrapreneur.path("links"));
        assertTrue(r.path("searchLanded").asText().matches("/conventions/[^/#]+/#article-\\d+"), r.path("searchLanded").asText());
        assertTrue(r.path("searchLandedText").asText().toLowerCase(java.util.Locale.FRENCH).contains("intrapreneur"),
                "the landed article names the word: " + r.path("searchLandedText").asText());
        assertTrue(texts(r.path("searchFriches").path("titles")).contains("UrbanVitaliz"), r.path("searchFriches").toString());
        assertTrue(texts(r.path("searchFriches").path("marks")).stream().anyMatch(m -> m.startsWith("friche")),
                "the words found are marked in the excerpts");
        assertTrue(texts(r.path("searchWithoutAccents").path("titles")).stream().anyMatch(t -> t.contains("Ecosanté")),
                "accents folded: " + r.path("searchWithoutAccents"));
        assertEquals("/conventions/", r.path("searchWithoutScript").asText(), "without JavaScript the box leads to the listing");
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static double euros(String label) {
        return Double.parseDouble(label.replace("€", "").replaceAll("[\\s\u202F\u00A0]", "").replace(',', '.'));
    }
}
