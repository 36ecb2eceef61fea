package fr.vitrine.render;

import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long listings in pages of vitrine.listing.size rows: every convention once, in order, with plain links between pages. */
class ListingPagesTest {

    @TempDir
    Path tmp;

    private Path build(String theme, String size) {
        TestProject project = TestProject.copyOfRepository(tmp.resolve(theme + "-" + size)).theme(theme);
        if (size != null) {
            project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.listing.size=" + size + "\n");
        }
        Path site = tmp.resolve(theme + "-site-" + size);
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        return site;
    }

    private static Document page(Path site, String path) throws IOException {
        Path file = site.resolve(path).resolve("index.html");
        assertTrue(Files.isRegularFile(file), "missing page " + path);
        return Jsoup.parse(file.toFile(), "UTF-8");
    }

    /** The conventions a listing page shows, as links relative to /conventions/. */
    private static List<String> rows(Document doc, String up) {
        return doc.select("table tbody th a").eachAttr("href").stream().map(h -> h.replace(up, "")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dsfr", "neutral"})
    void aLongListingIsSplitIntoLinkedPagesInTheSameOrder(String theme) throws IOException {
        Document whole = page(build(theme, null), "conventions");
        List<String> all = rows(whole, "");
        assertEquals(7, all.size());
        String total = whole.selectFirst("#listing-summary strong").text();
        assertEquals("1850000", total.replaceAll("\\D", ""), "the bundled conventions' total: " + total);
        Path site = build(theme, "3");

        Document first = page(site, "conventions");
        Document second = page(site, "conventions/page/2");
        Document third = page(site, "conventions/page/3");
        assertFalse(Files.exists(site.resolve("conventions/page/1")), "page 1 is the listing itself");
        assertFalse(Files.exists(site.resolve("conventions/page/4")));
        List<String> paged = new ArrayList<>(rows(first, ""));
        paged.addAll(rows(second, "../../"));
        paged.addAll(rows(third, "../../"));
        assertEquals(List.of(3, 3, 1), List.of(rows(first, "").size(), rows(second, "").size(), rows(third, "").size()));
        assertEquals(all, paged, "every convention once, in the listing's order");

        assertEquals("Conventions – page 2 sur 3", second.selectFirst("h1").text());
        assertTrue(second.title().startsWith("Conventions – page 2 sur 3 – "), second.title());
        assertTrue(second.text().contains("7 actes pour un total de"), "counts and totals are the whole listing's");
        for (Document d : List.of(first, second, third)) {
            assertEquals(total, d.selectFirst("#listing-summary strong").text(), "the whole listing's total on each page");
        }
        // Plain links: previous and next, every page number, the current one marked.
        String nav = "nav[aria-label=Pages de la liste]";
        assertEquals("../../", second.selectFirst(nav + " a:containsOwn(Page précédente)").attr("href"));
        assertEquals("../3/", second.selectFirst(nav + " a:containsOwn(Page suivante)").attr("href"));
        assertEquals("2", second.selectFirst(nav + " a[aria-current=page]").text().replaceAll("\\D", ""));
        assertNull(first.selectFirst(nav + " a:containsOwn(Page précédente)"));
        assertEquals("page/2/", first.selectFirst(nav + " a:containsOwn(Page suivante)").attr("href"));
        assertNull(third.selectFirst(nav + " a:containsOwn(Page suivante)"));
        // The breadcrumb leads back to the listing's first page.
        assertTrue(second.select("nav a[href=../../]").eachText().contains("Conventions"));

        // Facet pages are paginated the same way: six records have an unknown status.
        assertEquals(3, rows(page(site, "conventions/statut/inconnu/page/2"), "").size());
        // Search engines see every page; the plan lists each listing once.
        String sitemap = Files.readString(site.resolve("sitemap.xml"));
        assertTrue(sitemap.contains("/conventions/page/3/</loc>"), sitemap);
        assertTrue(page(site, "plan-du-site").select("a[href*=page/]").isEmpty());
    }

    @Test
    void aShortListingHasNoPageNavigation() throws IOException {
        Path site = build("dsfr", null);
        assertNull(page(site, "conventions").selectFirst("nav[aria-label=Pages de la liste]"));
        assertFalse(Files.exists(site.resolve("conventions/page")));
    }

    @Test
    void aListingSizeThatIsNotANumberIsReportedAtItsLine() {
        TestProject project = TestProject.copyOfRepository(tmp);
        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.listing.size=cent\n");
        int line = project.lineOf("jbake.properties", "vitrine.listing.size=cent");
        TestProject.Run run = project.build(tmp.resolve("site"));
        assertEquals(1, run.exitCode());
        assertTrue(run.diagnostics().stream().anyMatch(d -> d.startsWith(project.file("jbake.properties") + ":" + line + ":")
                && d.contains("'cent' is not a number of rows for vitrine.listing.size")), run.err());
    }
}
