package fr.vitrine.build;

import fr.vitrine.testing.ChildVitrine;
import fr.vitrine.testing.FullTier;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the build as a whole: reproducible, safe with its output folder, strict with templates. */
class BuildTest {

    @TempDir
    Path tmp;

    @FullTier
    @Test
    void twoBuildsOfTheSameInputAreByteIdentical() {
        TestProject project = TestProject.copyOfRepository(tmp);
        // The same Pagefind for both builds, whatever their working folder.
        Path pagefind = fr.vitrine.render.SearchIndex.candidates(TestProject.REPO).get(0);
        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.search.pagefind=" + pagefind + "\n");
        assertEquals(0, project.build(tmp.resolve("a")).exitCode());
        // The second in another JVM: an order that changes from one run to the next (hash seeds) shows.
        ChildVitrine.Run child = new ChildVitrine(tmp, project, tmp.resolve("b"), null).build();
        assertEquals(0, child.exitCode(), child.err());
        Map<String, String> a = Trees.fingerprint(tmp.resolve("a"));
        assertTrue(a.size() > 50, "files: " + a.size());
        assertTrue(a.keySet().stream().anyMatch(f -> f.startsWith("pagefind/")), "with the search index");
        assertEquals(a, Trees.fingerprint(tmp.resolve("b")));
    }

    @Test
    void thePreviewsRebuildsTakeTheFirstSearchIndexInsteadOfRunningPagefindAgain() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path first = tmp.resolve("first");
        assertEquals(0, project.build(first).exitCode());
        Files.writeString(first.resolve("pagefind/pagefind-entry.json"), "{\"marked\": true}");
        project.replace("content/conventions/urbanvitaliz-avenant-1.md", "title: Premier avenant", "title: Avenant n° 1");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = new Build(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(err))
                .on(TestProject.TODAY).reusingSearchIndexOf(first)
                .run(new Build.Options(project.root(), tmp.resolve("second"), null, false));
        assertEquals(0, code, err.toString());
        assertEquals(Trees.fingerprint(first.resolve("pagefind")), Trees.fingerprint(tmp.resolve("second/pagefind")));
        assertTrue(Files.readString(tmp.resolve("second/conventions/urbanvitaliz-avenant-1/index.html"))
                .contains("Avenant n° 1"), "the pages are built again");
    }

    @Test
    void rebuildReplacesThePreviousSiteAndLeavesNoStagingFolder() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path site = tmp.resolve("site");
        assertEquals(0, project.build(site).exitCode());
        Files.writeString(site.resolve("stale.html"), "left over from an earlier build");
        assertEquals(0, project.build(site).exitCode());
        assertFalse(Files.exists(site.resolve("stale.html")), "the site is replaced as a whole");
        // The previous site is deleted in the background, after the build returned: gone soon after.
        java.util.List<String> siblings = siblings(tmp);
        for (long end = System.nanoTime() + 60_000_000_000L; !siblings.equals(java.util.List.of("project", "site"))
                && System.nanoTime() < end; siblings = siblings(tmp)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(java.util.List.of("project", "site"), siblings);
    }

    private static java.util.List<String> siblings(Path folder) throws IOException {
        try (Stream<Path> siblings = Files.list(folder)) {
            return siblings.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void refusesToReplaceAFolderItDidNotCreate() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path mine = Files.createDirectories(tmp.resolve("documents"));
        Files.writeString(mine.resolve("thesis.txt"), "precious");
        TestProject.Run run = project.build(mine);
        assertEquals(Build.USAGE, run.exitCode());
        assertTrue(run.err().contains("it was not created by Vitrine"), run.err());
        assertEquals("precious", Files.readString(mine.resolve("thesis.txt")));
        TestProject.Run intoSources = project.build(project.root());
        assertEquals(Build.USAGE, intoSources.exitCode());
        assertTrue(intoSources.err().contains("contains the sources"), intoSources.err());
    }

    @Test
    void aTemplateThatRendersNothingFailsTheBuild() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp);
        project.write("site-templates/organisation.peb", "{# forgot everything #}\n");
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("organisation.peb:1:1: error: template rendered an empty page for /organisations/"), run.err());
        assertFalse(Files.exists(site));
    }

    @Test
    void aPageTypeWithoutTemplateIsReported() {
        TestProject project = TestProject.copyOfRepository(tmp);
        project.write("jbake.properties", project.read("jbake.properties") + "template.robots.file=robots-absent.peb\n");
        int line = project.lineOf("jbake.properties", "template.robots.file=");
        TestProject.Run run = project.build(tmp.resolve("site"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("jbake.properties:" + line + ":1: error: no template for page type 'robots' "
                + "(/robots.txt): set template.robots.file in jbake.properties"), run.err());
    }

    @Test
    void aTemplateErrorNamesTheTemplateLine() {
        TestProject project = TestProject.copyOfRepository(tmp);
        int line = project.replace("site-templates/product.peb", "{{ p.title }}</h1>", "{{ p.titel }}</h1>");
        TestProject.Run run = project.build(tmp.resolve("site"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("product.peb:" + line + ":1: error: rendering /produits/"), run.err());
        assertTrue(run.err().contains("titel"), run.err());
    }

    @Test
    void aBrokenInternalLinkInATemplateFailsTheBuild() {
        TestProject project = TestProject.copyOfRepository(tmp);
        project.replace("site-templates/404.peb", "{{ url('/plan-du-site/') }}", "{{ url('/plan/') }}");
        TestProject.Run run = project.build(tmp.resolve("site"));
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("broken link in generated page 404.html: ../plan/")
                || run.err().contains("broken link in generated page 404.html: plan/")
                || run.err().contains("broken link in generated page 404.html: /plan/ (no such file plan)"), run.err());
    }

    @Test
    void aBrokenLinkInMarkdownIsReportedWhereItIsWrittenWithTheFix() {
        TestProject project = TestProject.copyOfRepository(tmp);
        String page = "content/pages/a-propos.md";
        project.write(page, project.read(page) + "\nVoir [les conventions](/conventions/), [le FAST]"
                + "(../conventions/urbanvitaliz-fats/) et [l'article 2](../conventions/urbanvitaliz-seconde-convention/"
                + "#article-2--obligation-du-cerema).\n");
        int line = project.lineOf(page, "Voir [les conventions]");
        String written = project.read(page).lines().skip(line - 1).findFirst().orElseThrow();
        String file = project.file(page).toString();

        TestProject.Run run = project.build(tmp.resolve("site"));

        assertEquals(1, run.exitCode());
        assertEquals(List.of(
                file + ":" + line + ":" + (written.indexOf("/conventions/)") + 1) + ": error: broken link '/conventions/' "
                        + "on page /a-propos/: root-relative link: the site must work under any base path; write it "
                        + "relative to this page, as '../conventions/'",
                file + ":" + line + ":" + (written.indexOf("../conventions/urbanvitaliz-fats/") + 1) + ": error: broken "
                        + "link '../conventions/urbanvitaliz-fats/' on page /a-propos/: no such file "
                        + "conventions/urbanvitaliz-fats; did you mean '../conventions/urbanvitaliz-fast/'?",
                file + ":" + line + ":" + (written.indexOf("../conventions/urbanvitaliz-seconde") + 1) + ": error: "
                        + "broken link '../conventions/urbanvitaliz-seconde-convention/#article-2--obligation-du-cerema' "
                        + "on page /a-propos/: no element with id 'article-2--obligation-du-cerema' in "
                        + "conventions/urbanvitaliz-seconde-convention/index.html; did you mean "
                        + "'../conventions/urbanvitaliz-seconde-convention/#article-2--obligations-du-cerema'?"),
                run.diagnostics());
        assertFalse(Files.exists(tmp.resolve("site")));
    }

    /** The benchmark's generated project stays valid as the validator grows stricter (it once did not). */
    @FullTier
    @Test
    void theBenchmarkProjectBuilds() throws Exception {
        Path project = tmp.resolve("bench");
        Process generate;
        try {
            generate = new ProcessBuilder("python3", TestProject.REPO.resolve("bench/generate.py").toString(), "12",
                    project.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        String log = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, generate.waitFor(), log);
        TestProject.Run run = TestProject.at(project).build(tmp.resolve("site"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("19 conventions"), run.out());
    }

    @Test
    void scriptInRecordsAndMarkdownNeverReachesThePageAsMarkup() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp);
        String attack = "<script>alert(1)</script>";
        String avenant = "content/conventions/urbanvitaliz-avenant-1.md";
        project.replace(avenant, "title: Premier avenant", "title: \"" + attack + " Premier avenant");
        project.replace(avenant, "à la convention initiale UrbanVitaliz\n", "à la convention initiale UrbanVitaliz\"\n");
        project.replace(avenant, "  Premier avenant à la convention initiale, qui", "  " + attack + " qui");
        project.replace(avenant, "    tax: TTC\n", "    tax: TTC\n    note: \"<img src=x onerror=alert(1)>\"\n");
        project.write(avenant, project.read(avenant) + "\n## Texte <script>alert(2)</script>\n\n"
                + "<script>alert(3)</script>\n\n<img src=\"x\" onerror=\"alert(4)\">\n\n"
                + "[lien](javascript:alert(5)) et [autre](JaVaScRiPt:alert(6)) <a href=\"javascript:alert(7)\">a</a>\n");
        project.replace("data/organisations.yml", "  name: Direction générale de la santé",
                "  name: \"Direction générale de la santé <b onmouseover=alert(8)>\"");
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".html")).toList()) {
                Document doc = Jsoup.parse(p.toFile(), "UTF-8");
                // The only scripts are the theme's own files (the DSFR's), the listing's and the search's, never
                // inline or from a record.
                assertTrue(doc.select("script").stream().allMatch(s -> (s.attr("src").contains("assets/dsfr/dsfr.")
                        || s.attr("src").endsWith("assets/filters.js") || s.attr("src").endsWith("assets/search.js"))
                        && s.data().isEmpty()), "script element in " + p);
                assertTrue(doc.select("[onerror], [onmouseover], [onclick]").isEmpty(), "event handler in " + p);
                assertTrue(doc.select("b").isEmpty(), "raw markup from a record in " + p);
                assertTrue(doc.select("[href^=javascript], [href^=JaVaScRiPt], [src^=javascript]").isEmpty(),
                        "javascript: URL in " + p);
            }
        }
        Document page = Jsoup.parse(site.resolve("conventions/urbanvitaliz-avenant-1/index.html").toFile(), "UTF-8");
        assertTrue(page.selectFirst("h1").text().startsWith(attack), "shown as text: " + page.selectFirst("h1"));
        assertTrue(page.text().contains("<script>alert(3)</script>"), "raw HTML of the body shown as text");
        assertTrue(page.text().contains("<img src=x onerror=alert(1)>"), "note shown as text");
    }
}
