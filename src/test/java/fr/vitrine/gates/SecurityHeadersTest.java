package fr.vitrine.gates;

import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page forbids what it doesn't need: a strict Content-Security-Policy (own files only, no inline script or
 * style, no other origin), no referrer, and nothing loaded from elsewhere.
 */
class SecurityHeadersTest {

    @TempDir
    Path tmp;

    /** What a page allows that it shouldn't. */
    static List<String> problems(Document doc) {
        List<String> out = new ArrayList<>();
        Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
        if (csp == null) {
            return List.of("no Content-Security-Policy");
        }
        String policy = csp.attr("content");
        if (!policy.startsWith("default-src 'none';")) {
            out.add("policy does not start from default-src 'none'");
        }
        for (String directive : policy.split(";")) {
            String d = directive.strip();
            // data: is allowed for images only (the DSFR's stylesheet draws list bullets with them): they can't run code.
            boolean dataImages = d.equals("img-src 'self' data:");
            // WebAssembly for the search index, on the search page only: it compiles no script.
            boolean searchPage = doc.selectFirst("#resultats[data-pagefind]") != null;
            if (searchPage && d.equals("script-src 'self' 'wasm-unsafe-eval'")) {
                continue;
            }
            if (d.contains("unsafe") || d.contains("http:") || d.contains("https:") || d.contains("*")
                    || (d.contains("data:") && !dataImages)) {
                out.add("permissive directive: " + d);
            }
        }
        for (String required : List.of("script-src 'self'", "style-src 'self'", "base-uri 'none'", "form-action 'self'")) {
            if (!policy.contains(required)) {
                out.add("missing " + required);
            }
        }
        Element referrer = doc.selectFirst("meta[name=referrer]");
        if (referrer == null || !referrer.attr("content").equals("no-referrer")) {
            out.add("referrer policy is not no-referrer");
        }
        doc.select("[style]").forEach(e -> out.add("inline style on " + e.tagName()));
        doc.select("script").stream().filter(s -> !s.hasAttr("src") || !s.data().isBlank())
                .forEach(s -> out.add("inline script"));
        for (Element e : doc.select("link[href], script[src], img[src], source[src], iframe, object, embed")) {
            if (e.tagName().equals("link") && e.attr("rel").equals("canonical")) {
                continue;
            }
            String url = e.tagName().equals("link") ? e.attr("href") : e.attr("src");
            if (url.contains("://") || url.startsWith("//") || e.tagName().matches("iframe|object|embed")) {
                out.add(e.tagName() + " loads " + url);
            }
        }
        return out;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dsfr", "neutral"})
    void everyPageCarriesAStrictPolicyAndLoadsOnlyItsOwnFiles(String theme) throws Exception {
        Path site = tmp.resolve("site");
        assertEquals(0, TestSites.everyPageType(tmp).theme(theme).build(site).exitCode());
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(site)) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).toList();
        }
        assertTrue(pages.size() > 40);
        for (Path p : pages) {
            assertEquals(List.of(), problems(Jsoup.parse(p.toFile(), "UTF-8")), p.toString());
        }
    }

    @Test
    void theCheckCatchesALooserPolicyAndForeignResources() throws Exception {
        TestProject project = TestProject.copyOfRepository(tmp).theme("neutral");
        project.replace("site-templates/themes/neutral/layout.peb", "script-src 'self'{%", "script-src 'self' 'unsafe-inline'{%");
        project.replace("site-templates/themes/neutral/layout.peb", "</head>",
                "<link rel=\"stylesheet\" href=\"https://cdn.example/x.css\"></head>");
        Path site = tmp.resolve("site");
        assertEquals(0, project.build(site).exitCode());
        List<String> problems = problems(Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8"));
        assertEquals(List.of("permissive directive: script-src 'self' 'unsafe-inline'",
                "link loads https://cdn.example/x.css"), problems);
    }
}
