package fr.vitrine;

import fr.vitrine.model.Text;
import fr.vitrine.testing.SiteSelections;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 28, items 2 and 6, on the beta.gouv.fr corpus (test data, never copied into the project; its folder is the
 * system property {@code vitrine.corpus.betagouv}, skipped loudly without it): the 663 products in listing pages of at
 * most 100 rows, one listing per facet value and the whole listing in three other orders reached by plain links, each
 * facet value with its selection as CSV and XLSX, the themes and FAST promotions those of the product files; each
 * organisation's and product's funding lines beside its page, equal to the programme's rows that name it.
 */
class ProductsAtScaleIT {

    @TempDir
    static Path tmp;
    static Path corpus;
    static Path site;
    static TestProject.Run built;
    static TestProject project;

    @BeforeAll
    static void buildTheWholeProgramme() {
        String setting = System.getProperty(BetaGouvSnapshotIT.PROPERTY, "").strip();
        if (setting.isEmpty()) {
            System.err.println("\n*** SKIPPED ProductsAtScaleIT: no -D" + BetaGouvSnapshotIT.PROPERTY
                    + "=<beta.gouv.fr content folder>; .ci/run passes ../shared/corpus/beta.gouv.fr ***\n");
            Assumptions.abort("-D" + BetaGouvSnapshotIT.PROPERTY + " is not set: the products at scale are not tested");
        }
        corpus = Path.of(setting).toAbsolutePath();
        if (!Files.isDirectory(corpus.resolve("_startups"))) {
            fail(BetaGouvSnapshotIT.PROPERTY + "=" + setting + " does not hold _startups/: fix the path");
        }
        project = TestProject.copyOfRepository(tmp).theme("dsfr");
        try {
            Files.delete(project.file("data/products/urbanvitaliz.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.startups=" + corpus.resolve("_startups")
                + "\nvitrine.betagouv.organisations=" + corpus.resolve("_organisations") + "\n");
        site = tmp.resolve("site");
        built = project.build(site);
        assertEquals(0, built.exitCode(), built.err());
    }

    @Test
    void theListingIsPagesOfAtMostAHundredRowsAndEveryFacetPageIsReachedWithoutScript() throws IOException {
        SiteSelections.Listings found = SiteSelections.checkProductsListing(site, 100);
        assertEquals(663, found.rows().get("/produits/").size());
        assertEquals("663 produits ; page 1 sur 7, par ordre alphabétique.",
                SiteSelections.page(site, "/produits/").selectFirst("#listing-summary").text().replaceAll("[\u00A0\u202F]", " "));
        Map<String, Map<String, Set<String>>> fromFiles = new HashMap<>();
        try (Stream<Path> files = Files.list(corpus.resolve("_startups"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - 3);
                if (Files.exists(project.file("data/products/" + name))) {
                    continue; // the project's own file wins (recosante)
                }
                Map<?, ?> yaml = frontMatter(file);
                if (yaml.get("thematiques") instanceof List<?> themes) {
                    themes.stream().filter(t -> t instanceof String s && !s.isBlank())
                            .forEach(t -> fromFiles.computeIfAbsent("thematique", k -> new HashMap<>())
                                    .computeIfAbsent(Text.slug(t.toString().strip()), k -> new TreeSet<>()).add(id));
                }
                if (yaml.get("fast") instanceof Map<?, ?> fast && fast.get("promotion") instanceof Integer n) {
                    fromFiles.computeIfAbsent("fast", k -> new HashMap<>())
                            .computeIfAbsent(n.toString(), k -> new TreeSet<>()).add(id);
                }
            }
        }
        assertTrue(fromFiles.get("thematique").size() > 50 && fromFiles.get("fast").size() >= 5, fromFiles.keySet().toString());
        int pages = SiteSelections.checkFacetMembers(site, found, fromFiles);
        SiteSelections.checkSortOrders(site, found);
        assertTrue(Files.isRegularFile(site.resolve("produits/tri/montant/page/7/index.html"))
                && !Files.exists(site.resolve("produits/tri/montant/page/8")), "the sorted listing: 7 pages of 100");
        assertEquals("non recensé", SiteSelections.page(site, "/produits/tri/montant/page/7/")
                .select("main table tbody td.num").last().text(), "no funding last, never 0 €");
        assertTrue(pages > 250, pages + " facet pages");
        long bytes = Files.size(site.resolve("produits/index.html"));
        assertTrue(bytes < 200_000, "/produits/ is " + bytes + " bytes");
        System.err.printf("ProductsAtScaleIT: %d listings, %d listing pages, /produits/ %d bytes%n",
                found.rows().size(), found.pages(), bytes);
    }

    @Test
    void eachOrganisationAndProductOffersTheProgrammesLinesThatNameIt() {
        int offered = SiteSelections.checkFundingLines(site);
        assertTrue(offered >= 49, offered + " pages offer their funding lines");
        assertEquals(List.of(), fr.vitrine.check.LinkCheck.run(site).broken());
    }

    /** beta.gouv.fr writes HTML in incubators' short descriptions: their pages show its text, never a tag as text. */
    @Test
    void incubatorPagesShowTheirDescriptionsTextNoTag() throws IOException {
        java.util.regex.Pattern tag = java.util.regex.Pattern.compile("</?[a-zA-Z][^>]*>|&[a-z]+;");
        int withHtml = 0;
        int checked = 0;
        try (Stream<Path> files = Files.list(corpus.resolve("_incubators"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String id = file.getFileName().toString().replaceFirst("\\.md$", "");
                Path page = site.resolve("incubateurs/" + Text.address(id) + "/index.html");
                if (!Files.exists(page)) {
                    continue;
                }
                org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page.toFile(), "UTF-8");
                String lead = doc.select("main p.lead").text();
                String meta = doc.select("meta[name=description]").attr("content");
                assertTrue(!tag.matcher(lead).find() && !tag.matcher(meta).find(), id + ": « " + lead + " » / « " + meta + " »");
                assertTrue(doc.select("main script, main [onerror], main a[href^=javascript]").isEmpty(), id);
                Object described = frontMatter(file).get("short_description");
                if (described instanceof String d && d.contains("<")) {
                    withHtml++;
                    assertEquals(org.jsoup.Jsoup.parseBodyFragment(d).text(), lead.replace('\u202F', ' '), id);
                }
                checked++;
            }
        }
        System.err.printf("ProductsAtScaleIT: %d incubator pages, %d with HTML in their description%n", checked, withHtml);
        assertTrue(checked >= 20 && withHtml >= 10, checked + " pages, " + withHtml + " with HTML");
    }

    private static Map<?, ?> frontMatter(Path file) {
        String[] parts = Trees.read(file).split("(?m)^---\\s*$", 3);
        Object yaml = parts.length < 3 ? null : new org.yaml.snakeyaml.Yaml().load(parts[1]);
        return yaml instanceof Map<?, ?> m ? m : Map.of();
    }
}
