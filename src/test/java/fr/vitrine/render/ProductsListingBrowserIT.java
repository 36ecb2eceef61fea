package fr.vitrine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.testing.FullTier;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 28, item 2, in headless Chromium on the bundled site and a product without funding: the products listing's
 * facets combine, its columns sort (amounts as numbers, « non recensé » last, start dates as dates, unknown last), the
 * « Trier par » links sort in place, a sorted page keeps its order, the selection downloads as CSV and as XLSX (read
 * back with Apache POI: the CSV's rows), and a combination that selects nothing says so. The pairs of facets are
 * chosen from the listing's index, restated here.
 */
@FullTier
class ProductsListingBrowserIT {

    @TempDir
    Path tmp;

    @Test
    void facetsCombineColumnsSortAndAnEmptySelectionSaysSo() throws Exception {
        Path site = tmp.resolve("site");
        TestProject project = TestProject.copyOfRepository(tmp.resolve("project"));
        project.write("data/products/sans-financement.md", "---\ntitle: Sans financement\n---\nTexte.\n");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode index = new ObjectMapper().readTree(site.resolve("produits/index.json").toFile());
        Map<String, Set<String>> members = new LinkedHashMap<>();
        for (JsonNode p : index) {
            p.path("facets").fields().forEachRemaining(f -> f.getValue().forEach(v ->
                    members.computeIfAbsent(f.getKey() + "=" + v.asText(), k -> new HashSet<>()).add(p.path("title").asText())));
        }
        String[] some = null;
        String[] none = null;
        for (String a : members.keySet()) {
            for (String b : members.keySet()) {
                if (a.split("=")[0].equals(b.split("=")[0])) {
                    continue;
                }
                Set<String> both = new HashSet<>(members.get(a));
                both.retainAll(members.get(b));
                if (some == null && !both.isEmpty() && both.size() < members.get(a).size()) {
                    some = new String[] {a, b};
                }
                if (none == null && both.isEmpty()) {
                    none = new String[] {a, b};
                }
            }
        }
        assertNotNull(some, "two facets that narrow each other");
        assertNotNull(none, "two facets that select nothing together");
        Set<String> expected = new HashSet<>(members.get(some[0]));
        expected.retainAll(members.get(some[1]));

        Process install = new ProcessBuilder(TestProject.REPO.resolve(".ci/install-browser").toString()).start();
        String chromium = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0, "no Chromium");
        Path report = tmp.resolve("report.json");
        List<String> command = new ArrayList<>(List.of("node",
                TestProject.REPO.resolve("src/test/js/products-listing.mjs").toString(), site.toString(), report.toString()));
        for (String pair : List.of(some[0], some[1], none[0], none[1])) {
            command.addAll(List.of(pair.split("=", 2)));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the browser did not finish");
        assertEquals(0, p.exitValue(), out);
        JsonNode r = new ObjectMapper().readTree(report.toFile());

        assertEquals(List.of(), texts(r.path("errors")));
        List<String> ascending = texts(r.path("amountsAscending"));
        assertEquals(index.size(), ascending.size());
        assertEquals("non recensé", ascending.get(ascending.size() - 1), "no funding is last, not 0: " + ascending);
        List<Double> amounts = amounts(ascending);
        assertEquals(amounts.stream().sorted().toList(), amounts, "sorted by amount, as numbers");
        List<Double> descending = amounts(texts(r.path("amountsBySortLink")));
        assertEquals(descending.stream().sorted(java.util.Comparator.reverseOrder()).toList(), descending,
                "« Trier par montant » sorts in place, largest first");
        assertEquals("non recensé", texts(r.path("amountsBySortLink")).get(index.size() - 1));
        assertEquals("/produits/", r.path("sortLinkPath").asText(), "in place: the page stays");
        assertEquals("montant recensé", r.path("sortLinkCurrent").asText());
        assertEquals(texts(r.path("amountsBySortLink")), texts(r.path("amountsOnSortedPage")),
                "/produits/tri/montant/ with its script keeps its order");
        assertEquals("descending", r.path("sortedPageAriaSort").asText());
        List<String> starts = new ArrayList<>();
        for (JsonNode title : r.path("titlesByStart")) {
            for (JsonNode prod : index) {
                if (prod.path("title").asText().equals(title.asText())) {
                    starts.add(prod.path("start").isNull() ? "~" : prod.path("start").asText());
                }
            }
        }
        assertEquals(starts.stream().sorted().toList(), starts, "by start date, unknown last: " + starts);

        assertEquals(members.get(some[0]), Set.copyOf(texts(r.path("afterFirst"))));
        assertEquals(expected, Set.copyOf(texts(r.path("afterSecond"))), "the second facet keeps the first");
        int n = expected.size();
        assertEquals(n + (n > 1 ? " produits" : " produit") + " sur " + index.size() + ", filtres combinés.",
                r.path("summary").asText().replaceAll("[\u00A0\u202F]", " ")); // the page's no-break spaces
        List<String> csv = r.path("csv").asText().lines().toList();
        assertEquals("id,titre,mission,incubateur,phase_actuelle,debut,montant_recense,url", csv.get(0));
        assertEquals(n, csv.size() - 1, r.path("csv").asText());
        assertEquals("produits-filtres.xlsx", r.path("xlsxName").asText());
        List<List<String>> fromCsv = fr.vitrine.testing.SiteSelections.csv(tmp.resolve("selection.csv"));
        assertEquals(fromCsv, fr.vitrine.testing.SiteSelections.xlsx(tmp.resolve("selection.xlsx")),
                "the XLSX holds the CSV's rows, read with Apache POI");

        assertEquals("Aucun produit ne correspond à ces filtres.", r.path("emptySummary").asText());
        assertFalse(r.path("emptyTableVisible").asBoolean(), "no bare table");
    }

    /** Amounts as shown (« 475 000 € »), « non recensé » left out. */
    private static List<Double> amounts(List<String> shown) {
        return shown.stream().filter(a -> !a.equals("non recensé")).map(a -> Double.parseDouble(
                a.replace("€", "").replaceAll("[\\s\u202F\u00A0]", "").replace(',', '.'))).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
