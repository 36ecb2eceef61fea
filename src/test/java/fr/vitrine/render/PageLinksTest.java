package fr.vitrine.render;

import fr.vitrine.check.LinkCheck;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import fr.vitrine.testing.Trees;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build's link scan agrees with jsoup, on tricky snippets and on every page of real generated sites. */
public class PageLinksTest {

    @TempDir
    Path tmp;

    /** The scan and jsoup find the same links, ids and canonical address in {@code html}. */
    public static void agree(String where, String html) {
        PageLinks jsoup = LinkCheck.links(Jsoup.parse(html, ""));
        PageLinks scanned = PageLinks.scan(html);
        assertEquals(jsoup.links(), scanned.links(), where);
        assertEquals(jsoup.ids(), scanned.ids(), where);
        assertEquals(jsoup.canonical(), scanned.canonical(), where);
    }

    @Test
    void readsAttributesAsABrowserDoes() {
        String html = """
                <!DOCTYPE html><html><head><link rel="canonical" href="https://x.fr/a/">
                <link rel=stylesheet href=../style.css><title>Un <a href="x">titre</a></title>
                <script src='app.js'></script><script>var s = '<a href="no">';</script></head>
                <body><!-- <a href="commented"> --><A HREF="Maj.html" ID="Haut">x</A>
                <a href="?a=1&amp;b=2#s%C3%A9">entité</a><a id=nu href=nu/>y</a>
                <img alt="" src="i.png" id="img"><p id="p" data-x='a>b'>texte &lt;a href="non"&gt;</p>
                <svg><a href="#p"><text id="t">t</text></a></svg><area href="zone"><span href="not-a-link">s</span>
                <a href="premier" href="second">doublon</a><noscript><a href="sans-js">l</a></noscript></body></html>
                """;
        agree("snippet", html);
        PageLinks p = PageLinks.scan(html);
        assertTrue(p.links().contains("?a=1&b=2#s%C3%A9"), p.links().toString());
        assertTrue(p.ids().containsAll(Set.of("Haut", "nu", "img", "p", "t")), p.ids().toString());
        assertEquals("https://x.fr/a/", p.canonical());
    }

    @Test
    void agreesWithJsoupOnEveryPageOfTheBundledSiteAndOfEveryPageType() throws IOException {
        Path bundled = tmp.resolve("bundled");
        assertEquals(0, TestProject.copyOfRepository(tmp.resolve("a")).build(bundled).exitCode());
        Path everything = tmp.resolve("everything");
        TestProject.Run run = TestSites.everyPageType(tmp.resolve("b")).theme("neutral").build(everything);
        assertEquals(0, run.exitCode(), run.err());
        List<Path> pages = new ArrayList<>();
        for (Path site : List.of(bundled, everything)) {
            try (Stream<Path> walk = Files.walk(site)) {
                walk.filter(f -> f.toString().endsWith(".html")).forEach(pages::add);
            }
        }
        assertTrue(pages.size() > 100, "pages: " + pages.size());
        for (Path page : pages) {
            agree(page.toString(), Trees.read(page));
        }
    }
}
