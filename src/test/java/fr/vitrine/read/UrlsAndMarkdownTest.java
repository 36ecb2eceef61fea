package fr.vitrine.read;

import fr.vitrine.model.Heading;
import fr.vitrine.model.Urls;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlsAndMarkdownTest {

    @Test
    void relativeLinksBetweenSitePaths() {
        assertEquals("conventions/", Urls.relative("/", "/conventions/"));
        assertEquals("../../produits/x/", Urls.relative("/conventions/a/", "/produits/x/"));
        assertEquals("../../", Urls.relative("/conventions/a/", "/"));
        assertEquals("./", Urls.relative("/conventions/", "/conventions/"));
        assertEquals("a/", Urls.relative("/conventions/", "/conventions/a/"));
        assertEquals("../b/#texte", Urls.relative("/conventions/a/", "/conventions/b/#texte"));
        assertEquals("assets/vitrine.css", Urls.relative("/404.html", "/assets/vitrine.css"));
        assertEquals("../plan-du-site/", Urls.relative("/conventions/atom.xml", "/plan-du-site/"));
        assertEquals("https://x.fr/", Urls.relative("/a/", "https://x.fr/"));
        assertEquals("conventions/a/index.html", Urls.file("/conventions/a/"));
        assertEquals("404.html", Urls.file("/404.html"));
    }

    @Test
    void markdownRendersTablesAnchorsAndATableOfContents() {
        Markdown.Rendered r = Markdown.render("## Article 1 : Objet\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n### 5.1 Montant\n");
        assertTrue(r.html().contains("<table class=\"md-table\">"), r.html());
        assertEquals(List.of(new Heading(2, "Article 1 : Objet", "article-1"),
                new Heading(3, "5.1 Montant", "51-montant")), r.headings());
        assertTrue(r.html().contains("<h2 id=\"article-1\">Article 1 : Objet<span id=\"article-1--objet\"></span></h2>"),
                r.html());
    }

    @Test
    void rawHtmlAndScriptUrlsAreNeutralised() {
        String html = Markdown.render("<script>x</script>\n\n[a](javascript:alert(1)) [b](https://ok.fr) "
                + "[c](mailto:x@y.fr) ![i](https://tracker.example/p.gif) ![j](local.png)").html();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("href=\"https://ok.fr\"") && html.contains("href=\"mailto:x@y.fr\""), html);
        assertFalse(html.contains("tracker.example"), "no third-party image: " + html);
        assertTrue(html.contains("src=\"local.png\""), html);
    }
}
