package fr.vitrine.render;

import fr.vitrine.testing.SiteSelections;
import fr.vitrine.testing.TestProject;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 28, items 2 and 6 on the bundled site: the products listing in pages of bounded size with a page per facet
 * value (reached without script, each with its selection as CSV and XLSX), and each organisation's and product's
 * funding lines beside its page. The beta.gouv.fr corpus runs the same checks (fr.vitrine.ProductsAtScaleIT).
 */
class ProductsListingTest {

    @TempDir
    Path tmp;

    private Path build(String theme, String size) {
        return build(TestProject.copyOfRepository(tmp.resolve(theme)).theme(theme), theme, size);
    }

    private Path build(TestProject project, String theme, String size) {
        if (size != null) {
            project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.listing.size=" + size + "\n");
        }
        Path site = tmp.resolve(theme + "-site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        return site;
    }

    @Test
    void everyFacetValueHasItsListingPageAndItsFiles() throws IOException {
        Path site = build("dsfr", null);
        SiteSelections.Listings found = SiteSelections.checkProductsListing(site, 100);
        // Phases, sponsors, funding origin and published statistics: the bundled products have no theme nor FAST.
        assertTrue(SiteSelections.checkFacetMembers(site, found, Map.of()) >= 10, found.rows().keySet().toString());
        SiteSelections.checkSortOrders(site, found);
        Document all = SiteSelections.page(site, "/produits/");
        assertEquals("3 produits.", all.selectFirst("#listing-summary").text());
        assertEquals("https://site.test/produits/", SiteSelections.page(site, "/produits/phase/opere/")
                .selectFirst("nav.facets a:containsOwn(Tous les produits)").absUrl("href"), "a way back to the whole listing");
        assertEquals("1 produit sur 3.", SiteSelections.page(site, "/produits/phase/opere/")
                .selectFirst("#listing-summary").text());
    }

    @Test
    void longListingsArePagesOfBoundedSizeLinkedWithoutScript() throws IOException {
        Path site = build("neutral", "1");
        SiteSelections.Listings found = SiteSelections.checkProductsListing(site, 1);
        assertTrue(Files.isRegularFile(site.resolve("produits/page/3/index.html")));
        assertTrue(found.pages() > found.rows().size(), "some listings span several pages: " + found.pages());
        assertEquals("3 produits\u202F; page 2 sur 3, par ordre alphabétique.",
                SiteSelections.page(site, "/produits/page/2/").selectFirst("#listing-summary").text());
    }

    @Test
    void theWholeListingSortsWithoutScriptInPagesOfBoundedSizeUnknownValuesLast() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp.resolve("sorted")).theme("dsfr");
        // Two products without any funding line (« non recensé », not 0), one without phase nor start date.
        project.write("data/products/aaa-sans-financement.md", "---\ntitle: Aaa sans financement\n---\nTexte.\n");
        project.write("data/products/zzz-en-construction.md", "---\ntitle: Zzz en construction\nphases:\n"
                + "  - name: construction\n    start: 2030-01-01\n---\nTexte.\n");
        Path site = build(project, "sorted", "2");
        SiteSelections.Listings found = SiteSelections.checkProductsListing(site, 2);
        SiteSelections.checkSortOrders(site, found);
        List<String> byAmount = found.sorted().get("/produits/tri/montant/");
        assertEquals(List.of("/produits/aaa-sans-financement/", "/produits/zzz-en-construction/"), byAmount.subList(3, 5),
                "the products without funding last, in name order: " + byAmount);
        assertEquals("/produits/zzz-en-construction/", found.sorted().get("/produits/tri/debut/").get(0), "latest first");
        assertEquals("5 produits\u202F; page 2 sur 3, par montant recensé, du plus élevé au plus faible, les produits sans "
                + "financement recensé en dernier.", SiteSelections.page(site, "/produits/tri/montant/page/2/")
                .selectFirst("#listing-summary").text());
        Document all = SiteSelections.page(site, "/produits/");
        assertEquals("Trier par\u202F: nom, montant recensé, date de début ou phase actuelle.",
                all.selectFirst("nav.listing-sort").text());
        assertEquals("nom", all.selectFirst("nav.listing-sort a[aria-current=page]").text());
        assertEquals("non recensé", SiteSelections.page(site, "/produits/tri/montant/page/3/")
                .select("main table tbody td.num").last().text());
    }

    @Test
    void eachOrganisationAndProductOffersItsFundingLines() {
        Path site = build("dsfr", null);
        // The four organisations that pay or receive, the three products funded.
        assertEquals(7, SiteSelections.checkFundingLines(site));
        Document dinum = SiteSelections.page(site, "/organisations/dinum/");
        assertTrue(dinum.selectFirst("p.lines-downloads").text().matches(
                "Télécharger ces \\d+ lignes de financement\u202F: CSV, XLSX \\(mêmes colonnes que le jeu Lignes de financement\\)\\."),
                dinum.selectFirst("p.lines-downloads").text());
    }
}
