package fr.vitrine.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.testing.FullTier;
import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 28, item 7, on the bundled site with its Pagefind index: what is indexed (records' pages, not listings, not
 * navigation or footer; cells and terms kept apart), and in Chromium, phrase queries that lead first to the article
 * holding the phrase, with French stop words neither searched alone nor highlighted.
 */
@FullTier
class SearchIT {

    private static final Set<String> STOP = Set.of("de", "la", "le", "les", "des", "du", "et", "à", "l'", "d'", "l", "d");

    @TempDir
    Path tmp;

    @Test
    void theIndexHoldsRecordsTextWithCellsApartAndTheSearchFindsPhrasesFirst() throws Exception {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path pagefind = SearchIndex.candidates(TestProject.REPO).stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError("no Pagefind: run npm ci"));
        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.search.pagefind=" + pagefind + "\n");
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());

        Map<String, String> indexed = fragments(site.resolve("pagefind/fragment"));
        assertTrue(indexed.size() >= 10, indexed.keySet().toString());
        for (Map.Entry<String, String> e : indexed.entrySet()) {
            String url = e.getKey();
            assertTrue(url.matches("/(conventions|produits|organisations|incubateurs|fast)/[^/]+/"),
                    "only records' pages are indexed, no listing: " + url);
            String content = e.getValue();
            assertFalse(content.contains("Accessibilité : non conforme") || content.contains("Plan du site"),
                    "navigation and footer are not indexed: " + url);
            Document doc = Jsoup.parse(site.resolve(url.substring(1)).resolve("index.html").toFile(), "UTF-8");
            for (Element row : doc.select("[data-pagefind-body] tr")) {
                if (row.closest("[data-pagefind-ignore]") != null || row.children().size() < 2) {
                    continue;
                }
                String cells = String.join(" ", row.children().stream().map(Element::text)
                        .filter(t -> !t.isBlank()).toList());
                assertTrue(squash(content).contains(squash(cells)), url + ": cells glued in the index: « " + cells + " »");
            }
        }
        String ecosante = indexed.get("/conventions/ecosante-delegation-dgpr-dgs/");
        assertTrue(ecosante.contains("Année AE CP"), "the schedule's header cells apart");

        Process install = new ProcessBuilder(TestProject.REPO.resolve(".ci/install-browser").toString()).start();
        String chromium = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0, "no Chromium");
        Path report = tmp.resolve("report.json");
        ProcessBuilder pb = new ProcessBuilder("node", TestProject.REPO.resolve("src/test/js/search-tasks.mjs").toString(),
                site.toString(), report.toString(), "qualité de l'air", "friche", "de", "la").redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "search tasks did not finish");
        assertEquals(0, p.exitValue(), out);
        JsonNode r = new ObjectMapper().readTree(report.toFile());
        assertEquals(0, r.path("errors").size(), r.path("errors").toString());

        // « qualité de l'air »: the first section offered holds the phrase, and so does the article of Ecosanté's
        // convention offered with it.
        JsonNode air = r.path("qualité de l'air");
        List<String> links = texts(air.path("links"));
        String first = links.stream().filter(l -> l.contains("#")).findFirst().orElseThrow();
        assertTrue(section(site, first).contains("qualité de l'air"), "the first section holds the phrase: " + first);
        String article = links.stream().filter(l -> l.startsWith("/conventions/ecosante-delegation-dgpr-dgs/#article-"))
                .findFirst().orElseThrow(() -> new AssertionError("no article of Ecosanté's convention: " + links));
        assertTrue(section(site, article).contains("qualité de l'air"), "the article holds the phrase: " + article);
        assertNoStopWordMarked(air);
        assertTrue(texts(air.path("marks")).stream().anyMatch(m -> m.toLowerCase(Locale.FRENCH).startsWith("qualit")),
                air.toString());

        JsonNode friche = r.path("friche");
        assertTrue(texts(friche.path("titles")).get(0).contains("UrbanVitaliz"), friche.toString());
        assertTrue(texts(friche.path("marks")).stream().anyMatch(m -> m.toLowerCase(Locale.FRENCH).startsWith("friche")),
                friche.toString());
        assertNoStopWordMarked(friche);

        for (String alone : List.of("de", "la")) {
            JsonNode stop = r.path(alone);
            assertEquals(List.of(), texts(stop.path("titles")), "a stop word alone is not searched: " + stop);
            assertTrue(stop.path("status").asText().contains("trop courant"), stop.toString());
        }
    }

    private static void assertNoStopWordMarked(JsonNode query) {
        for (String m : texts(query.path("marks"))) {
            assertFalse(STOP.contains(m.strip().toLowerCase(Locale.FRENCH)), "stop word highlighted: " + query);
        }
    }

    /** The text of a page's section from the heading a link's #fragment names to the next heading of its level. */
    private static String section(Path site, String link) throws Exception {
        String path = link.substring(1, link.indexOf('#'));
        Document doc = Jsoup.parse(site.resolve(path).resolve("index.html").toFile(), "UTF-8");
        Element h = doc.getElementById(link.substring(link.indexOf('#') + 1));
        StringBuilder text = new StringBuilder(h.text());
        for (Element n = h.nextElementSibling(); n != null && !n.tagName().equals(h.tagName()); n = n.nextElementSibling()) {
            text.append(' ').append(n.text());
        }
        return text.toString().replace('\u202F', ' ').replace('’', '\'');
    }

    /** Each indexed page's address and text, from Pagefind's fragments (gzip, after a "pagefind_dcd" signature). */
    static Map<String, String> fragments(Path folder) throws Exception {
        Map<String, String> out = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    in.transferTo(bytes);
                }
                String text = bytes.toString(StandardCharsets.UTF_8);
                JsonNode node = json.readTree(text.substring(text.indexOf('{')));
                out.put(node.path("url").asText(), node.path("content").asText());
            }
        }
        return out;
    }

    /** Text with its spaces made plain and single, without the full stops Pagefind adds at the end of blocks. */
    private static String squash(String s) {
        return s.replace(".", "").replaceAll("[\\s\u00A0\u202F]+", " ").strip();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
