package fr.vitrine.gates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.build.Build;
import fr.vitrine.build.StatsSite;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The quality gates, on the bundled site and on a test site with every kind of page (charts, subsidy, beta.gouv.fr
 * product) and on a product team's /stats site: every page valid for the Nu HTML Checker, no axe-core violation
 * (WCAG 2.0/2.1 A and AA) in Chromium, keyboard navigation with visible focus, usable without JavaScript, no
 * Content-Security-Policy violation and no request leaving the site.
 */
class QualityGatesIT {

    static final Path VNU = TestProject.REPO.resolve("node_modules/vnu-jar/build/dist/vnu.jar");
    static final Path BROWSER_CHECKS = TestProject.REPO.resolve("src/test/js/browser-checks.mjs");

    /** One page of each type of the full site. */
    static final List<String> PAGES = List.of("/", "/conventions/", "/conventions/page/2/", "/conventions/signature/2020/",
            "/conventions/type/avenant/", "/conventions/ecosante-delegation-dgpr-dgs/",
            "/conventions/urbanvitaliz-seconde-convention/", "/conventions/urbanvitaliz-fast/",
            "/conventions/cerema-dinum-subvention-essai/", "/produits/", "/produits/urbanvitaliz/",
            "/produits/synthetique/stats/", "/produits/recosante/stats/", "/produits/service-exemple/", "/stats/",
            "/engagements/", "/engagements/etat/termine/",
            "/organisations/", "/organisations/dinum/", "/financements/", "/donnees/", "/a-propos/", "/accessibilite/", "/plan-du-site/",
            "/recherche/", "/recherche/?q=friches", "/404.html");

    @TempDir
    static Path tmp;
    static Path bundled;
    /** A site with every page type, in the dsfr theme (the bundled one) and in the neutral theme. */
    static Path everything;
    static Path everythingNeutral;
    static Path team;

    @BeforeAll
    static void buildSites() throws IOException {
        bundled = tmp.resolve("bundled");
        assertEquals(0, TestProject.copyOfRepository(tmp.resolve("a")).build(bundled).exitCode());
        everything = tmp.resolve("every-page-type");
        TestProject.Run run = TestSites.everyPageType(tmp.resolve("b")).build(everything);
        assertEquals(0, run.exitCode(), run.err());
        everythingNeutral = tmp.resolve("every-page-type-neutral");
        run = TestSites.everyPageType(tmp.resolve("c")).theme("neutral").build(everythingNeutral);
        assertEquals(0, run.exitCode(), run.err());
        team = tmp.resolve("team-site");
        // Inside the working directory, as 'stats' reads no file outside it.
        Path csv = TestProject.REPO.resolve("target/quality-gates-team/stats.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, TestSites.syntheticCsv());
        Build.Result r = new Build(System.out, System.err).on(TestProject.TODAY).runDetailed(new Build.Options(
                TestProject.REPO, team, null, false, false,
                new StatsSite.Request(List.of(csv.toString()), "Service synthétique", false)));
        assertEquals(0, r.code());
    }

    static List<Path> htmlFiles(Path site) throws IOException {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    // ---- HTML validity ----------------------------------------------------------------------------------------

    /** Runs the Nu HTML Checker on every page of a site and returns its error messages. */
    static List<String> vnuErrors(Path site) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(VNU), "missing " + VNU + ": run the build (npm ci installs vnu-jar)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", VNU.toString(), "--errors-only", "--format", "json"));
        htmlFiles(site).forEach(p -> command.add(p.toString()));
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES));
        List<String> errors = new ArrayList<>();
        for (JsonNode m : new ObjectMapper().readTree(json).path("messages")) {
            if (m.path("type").asText().equals("error")) {
                errors.add(m.path("url").asText() + ":" + m.path("lastLine").asInt() + ": " + m.path("message").asText());
            }
        }
        return errors;
    }

    @Test
    void everyPageIsValidHtml() throws Exception {
        for (Path site : List.of(bundled, everything, everythingNeutral, team)) {
            assertTrue(htmlFiles(site).size() >= 2);
            assertEquals(List.of(), vnuErrors(site), "Nu HTML Checker errors in " + site);
        }
    }

    @Test
    void theHtmlGateCanFail() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("index.html"), Files.readString(bundled.resolve("index.html"))
                .replace("<main id=\"contenu\"", "<main id=\"contenu\" id=\"twice\""));
        List<String> errors = vnuErrors(broken);
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("Duplicate attribute"), errors.toString());
    }

    // ---- Browser: accessibility, keyboard, no JavaScript, CSP, external requests -----------------------------

    static JsonNode browserChecks(Path site, List<String> pages) throws IOException, InterruptedException {
        Process install = new ProcessBuilder(TestProject.REPO.resolve(".ci/install-browser").toString()).start();
        String chromium = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0, "no Chromium");
        Path report = Files.createTempFile(tmp, "browser", ".json");
        List<String> command = new ArrayList<>(List.of("node", BROWSER_CHECKS.toString(), site.toString(), report.toString()));
        command.addAll(pages);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "browser checks did not finish");
        assertEquals(0, p.exitValue(), out);
        return new ObjectMapper().readTree(report.toFile());
    }

    /** Every finding of a browser report, one line each, for an assertion message. */
    static List<String> findings(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("external").forEach(u -> out.add("external request: " + u.asText()));
        report.path("pages").fields().forEachRemaining((Map.Entry<String, JsonNode> e) -> {
            JsonNode r = e.getValue();
            if (r.path("status").asInt() != 200 && !e.getKey().equals("/404.html")) {
                out.add(e.getKey() + ": HTTP " + r.path("status").asInt());
            }
            r.path("axe").forEach(v -> out.add(e.getKey() + ": axe " + v.path("id").asText() + " (" + v.path("help").asText()
                    + ") at " + v.path("nodes")));
            for (String kind : List.of("structure", "keyboard", "noJs", "csp", "mobile")) {
                r.path(kind).forEach(v -> out.add(e.getKey() + ": " + kind + ": " + v.asText()));
            }
        });
        return out;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"dsfr", "neutral"})
    void everyPageTypeIsAccessibleKeyboardUsableWithoutJavaScriptAndSelfContained(String theme) throws Exception {
        JsonNode report = browserChecks(theme.equals("dsfr") ? everything : everythingNeutral, PAGES);
        assertEquals(PAGES.size(), report.path("pages").size());
        assertEquals(List.of(), findings(report));
        assertTrue(report.path("facetNavigationWithoutJs").asText().startsWith("/conventions/"),
                "facet links work without JavaScript");
    }

    @Test
    void theBundledSiteAndATeamSitePassTheBrowserChecks() throws Exception {
        assertEquals(List.of(), findings(browserChecks(bundled, List.of("/", "/conventions/",
                "/produits/urbanvitaliz/stats/", "/donnees/"))));
        assertEquals(List.of(), findings(browserChecks(team, List.of("/", "/404.html"))));
    }

    @Test
    void theBrowserGateCanFail() throws Exception {
        Path broken = tmp.resolve("broken-browser");
        fr.vitrine.testing.Trees.copy(bundled.resolve("assets"), broken.resolve("assets"));
        Files.writeString(broken.resolve("index.html"), Files.readString(bundled.resolve("index.html"))
                .replace("<html lang=\"fr\"", "<html")
                .replace("</main>", "<img src=\"https://tracker.example/pixel.gif\"></main>"));
        List<String> findings = findings(browserChecks(broken, List.of("/")));
        assertTrue(findings.contains("external request: https://tracker.example/pixel.gif"), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("axe html-has-lang")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("axe image-alt")), findings.toString());
    }
}
