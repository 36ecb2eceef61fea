package fr.vitrine.render;

import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two themes: the DSFR for the official deployment (the bundled site), a neutral one for everyone else. */
class ThemeTest {

    @TempDir
    Path tmp;

    static List<String> files(Path site) throws Exception {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(Files::isRegularFile).map(p -> site.relativize(p).toString()).toList();
        }
    }

    @Test
    void theBundledSiteUsesTheStateDesignSystemFromNpm() throws Exception {
        TestProject project = TestProject.copyOfRepository(tmp);
        assertTrue(project.read("jbake.properties").contains("\nvitrine.theme=dsfr\n"));
        TestSites.addSyntheticProduct(project);
        Path site = tmp.resolve("site");
        assertEquals(0, project.build(site).exitCode());
        List<String> files = files(site);
        for (String f : List.of("assets/dsfr/dsfr.min.css", "assets/dsfr/dsfr.module.min.js",
                "assets/dsfr/dsfr.nomodule.min.js", "assets/dsfr/fonts/Marianne-Regular.woff2",
                "assets/dsfr/favicon/favicon.svg", "assets/dsfr/icons/system/fr--theme-fill.svg")) {
            assertTrue(files.contains(f), "missing " + f);
        }
        // Every file the DSFR's stylesheets load is there (the jar carries the icons they name, no other), but the
        // .woff fonts: WOFF2 only, which every browser the DSFR supports reads.
        java.util.regex.Pattern url = java.util.regex.Pattern.compile("url\\(\\s*['\"]?(?!data:)([^'\")?#]+)");
        List<String> missing = new java.util.ArrayList<>();
        for (String css : List.of("assets/dsfr/dsfr.min.css",
                "assets/dsfr/utility/icons/icons-system/icons-system.min.css")) {
            java.util.regex.Matcher m = url.matcher(Files.readString(site.resolve(css)));
            while (m.find()) {
                Path target = site.resolve(css).getParent().resolve(m.group(1)).normalize();
                if (!m.group(1).endsWith(".woff") && !Files.isRegularFile(target)) {
                    missing.add(css + " → " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), missing);
        // Only what the pages use: the DSFR package holds some 88 MB.
        long bytes = 0;
        for (String f : files) {
            if (f.startsWith("assets/dsfr/")) {
                bytes += Files.size(site.resolve(f));
            }
        }
        assertTrue(bytes < 6_000_000, "DSFR files copied: " + bytes + " bytes");
        Document home = Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8");
        assertNotNull(home.selectFirst("header.fr-header p.fr-logo"), "République Française block");
        assertEquals("Conventions des Startups d'État", home.selectFirst(".fr-header__service-title").text());
        assertNotNull(home.selectFirst(".fr-skiplinks a[href=#contenu]"));
        assertNotNull(home.selectFirst("footer.fr-footer .fr-footer__bottom-copy a[href*=licence-ouverte]"));
        List<String> footer = home.select(".fr-footer__bottom-link").eachText().stream()
                .map(t -> t.replace('\u202F', ' ')).toList();
        for (String mandatory : List.of("Plan du site", "Accessibilité : non conforme", "Mentions légales",
                "Données personnelles", "Gestion des cookies")) {
            assertTrue(footer.contains(mandatory), "footer link " + mandatory + " in " + footer);
        }
        assertNotNull(home.selectFirst("button[aria-controls=parametres-affichage]"), "display settings");
        assertNotNull(home.selectFirst("dialog#parametres-affichage input[value=dark]"));
        assertNotNull(home.selectFirst("main form.fr-search-bar.fr-search-bar--lg"), "the home page's search box");
        Document convention = Jsoup.parse(site.resolve("conventions/ecosante-delegation-dgpr-dgs/index.html").toFile(), "UTF-8");
        assertNotNull(convention.selectFirst("nav.fr-breadcrumb"));
        assertNotNull(convention.selectFirst("nav.fr-sidemenu a[href=#texte]"), "table of contents as a side menu");
        assertTrue(convention.select(".fr-table table").size() >= 5);
        assertEquals("fr-badge--warning", convention.selectFirst(".status-inconnu").classNames().stream()
                .filter(c -> c.startsWith("fr-badge--w")).findFirst().orElseThrow());
        Document listing = Jsoup.parse(site.resolve("conventions/index.html").toFile(), "UTF-8");
        assertTrue(listing.select(".fr-tags-group a.fr-tag").size() > 10, "facets as tags");
        Document product = Jsoup.parse(site.resolve("produits/urbanvitaliz/index.html").toFile(), "UTF-8");
        assertNotNull(product.selectFirst(".fr-badge.phase-opere"), "phase as a badge");
        // Charts in the DSFR palette (bleu France, rouge Marianne), each with its table twin.
        Document stats = Jsoup.parse(site.resolve("produits/synthetique/stats/index.html").toFile(), "UTF-8");
        assertTrue(stats.select("svg.chart").size() >= 3);
        assertTrue(stats.select("svg.chart [stroke=#000091]").size() >= 3, "data in bleu France");
        assertFalse(stats.select("svg.chart [stroke=#c9191e]").isEmpty(), "targets in rouge Marianne");
        assertTrue(stats.select(".fr-table table").size() >= stats.select("svg.chart").size());
    }

    @Test
    void theNeutralThemeCarriesNoStateBranding() throws Exception {
        TestProject project = TestProject.copyOfRepository(tmp).theme("neutral");
        Path site = tmp.resolve("site");
        assertEquals(0, project.build(site).exitCode());
        List<String> files = files(site);
        assertFalse(files.stream().anyMatch(f -> f.contains("dsfr") || f.contains("Marianne") || f.contains("Spectral")),
                "DSFR files in the neutral site");
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".html") || f.toString().endsWith(".css")).toList()) {
                String text = Files.readString(p);
                assertFalse(text.contains("fr-logo") || text.contains("Marianne") || text.contains("dsfr")
                        || text.contains("République<br>Française"), "State branding in " + p);
            }
        }
        Document home = Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8");
        assertNotNull(home.selectFirst("a.skip-link[href=#contenu]"));
        assertNotNull(home.selectFirst("link[href=assets/vitrine.css]"));
    }

    @Test
    void anUnknownThemeIsAUsageError() {
        TestProject project = TestProject.copyOfRepository(tmp).theme("baroque");
        TestProject.Run run = project.build(tmp.resolve("site"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown theme 'baroque'"), run.err());
    }
}
