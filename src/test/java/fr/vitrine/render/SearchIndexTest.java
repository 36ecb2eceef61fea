package fr.vitrine.render;

import fr.vitrine.read.SiteConfig;
import fr.vitrine.testing.TestProject;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding and running Pagefind: the settings, a missing or failing binary, and the real one on a small site. */
class SearchIndexTest {

    @TempDir
    Path tmp;

    private SiteConfig project(String settings) throws Exception {
        Path dir = tmp.resolve("project");
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve(SiteConfig.FILE), "vitrine.title=Essai\n" + settings);
        return SiteConfig.load(dir, tmp.resolve("out"), true);
    }

    private Path script(String name, String body) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwx------"));
        return f;
    }

    @Test
    void offMeansNoIndexAndNoWord() throws Exception {
        Diagnostics d = new Diagnostics();
        assertEquals(Optional.empty(), SearchIndex.locate(project("vitrine.search=off\n"), d));
        assertEquals(List.of(), d.all());
    }

    @Test
    void anUnknownModeIsAnErrorAtItsLine() throws Exception {
        Diagnostics d = new Diagnostics();
        assertEquals(Optional.empty(), SearchIndex.locate(project("\nvitrine.search=lunr\n"), d));
        Diagnostic e = d.all().get(0);
        assertEquals(Diagnostic.Severity.ERROR, e.severity());
        assertEquals(3, e.line());
        assertTrue(e.message().contains("write pagefind") && e.message().contains("or off"), e.message());
    }

    @Test
    void aChosenBinaryThatIsNotExecutableIsAnError() throws Exception {
        Files.writeString(tmp.resolve("pagefind"), "not a program");
        Diagnostics d = new Diagnostics();
        SearchIndex.locate(project("vitrine.search.pagefind=" + tmp.resolve("pagefind") + "\n"), d);
        assertTrue(d.hasErrors());
        assertTrue(d.all().get(0).message().contains("not an executable file"), d.all().get(0).message());
    }

    @Test
    void npmsFolderOfTheProjectComesBeforeTheWorkingFolderAndThePath() {
        List<Path> c = SearchIndex.candidates(tmp);
        assertTrue(c.get(0).startsWith(tmp.resolve("node_modules/@pagefind")), c.get(0).toString());
        assertTrue(c.get(0).getFileName().toString().startsWith("pagefind"));
        Path working = TestProject.REPO.resolve("node_modules");
        assertTrue(c.stream().anyMatch(p -> p.startsWith(working)), "then the working folder's node_modules");
        assertTrue(c.stream().filter(p -> p.startsWith(working)).allMatch(p -> c.indexOf(p) > 1));
    }

    @Test
    void aFailingPagefindIsAnErrorQuotingWhatItSaid() throws Exception {
        Path fake = script("pagefind", "echo 'Error: cannot index' ; exit 3");
        Diagnostics d = new Diagnostics();
        SiteConfig config = project("vitrine.search.pagefind=" + fake + "\n");
        SearchIndex.locate(config, d).orElseThrow().write(tmp.resolve("site"), config.source(), Set.of(), Set.of(), d);
        assertTrue(d.hasErrors());
        String message = d.all().get(0).message();
        assertTrue(message.contains("exited with 3") && message.contains("cannot index"), message);
    }

    @Test
    void pagefindsOwnInterfacesAreNotPublished() throws Exception {
        Path fake = script("pagefind", "mkdir -p \"$4\" && touch \"$4/pagefind.js\" \"$4/pagefind-ui.js\" "
                + "\"$4/wasm.fr.pagefind\"");
        Diagnostics d = new Diagnostics();
        SiteConfig config = project("vitrine.search.pagefind=" + fake + "\n");
        Path site = Files.createDirectories(tmp.resolve("site"));
        SearchIndex.locate(config, d).orElseThrow().write(site, config.source(), Set.of(), Set.of(), d);
        assertEquals(List.of(), d.all());
        assertTrue(Files.exists(site.resolve("pagefind/pagefind.js")));
        assertTrue(Files.exists(site.resolve("pagefind/wasm.fr.pagefind")));
        assertFalse(Files.exists(site.resolve("pagefind/pagefind-ui.js")));
    }

    @Test
    void theRealPagefindIndexesOnlyTheMarkedPartsInFrench() throws Exception {
        Diagnostics d = new Diagnostics();
        SiteConfig config = project("");
        Optional<SearchIndex> index = SearchIndex.locate(config, d);
        assertTrue(index.isPresent(), "Pagefind is installed by the build (npm ci): " + d.all());
        Path site = Files.createDirectories(tmp.resolve("site/conventions/a"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><html lang=\"fr\"><head><title>A</title></head>"
                + "<body><nav>Sommaire</nav><article data-pagefind-body><h1>Convention A</h1>"
                + "<h2 id=\"article-1\">Article 1</h2><p>Les friches urbaines.</p></article></body></html>");
        index.get().write(tmp.resolve("site"), config.source(), Set.of(), Set.of(), d);
        assertEquals(List.of(), d.all());
        Path folder = tmp.resolve("site/pagefind");
        assertTrue(Files.isRegularFile(folder.resolve("pagefind.js")));
        assertTrue(Files.isRegularFile(folder.resolve("wasm.fr.pagefind")), "the French stemmer's module");
        try (var files = Files.list(folder.resolve("fragment"))) {
            assertEquals(1, files.count(), "one page indexed");
        }
    }

    @Test
    void theMarkIsFoundInAnyCaseAndOnlyWhole() {
        assertTrue(SearchIndex.marksBody(bytes("<main data-pagefind-body>")));
        assertTrue(SearchIndex.marksBody(bytes("<MAIN DATA-PAGEFIND-BODY>")));
        assertTrue(SearchIndex.marksBody(bytes("data-pagefind-body")));
        assertFalse(SearchIndex.marksBody(bytes("<main data-pagefind-bod")));
        assertFalse(SearchIndex.marksBody(bytes("<main data-pagefind-ignore>é")));
        assertFalse(SearchIndex.marksBody(new byte[0]));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void readingOnlyTheMarkedPagesGivesTheIndexOfTheWholeSite() throws Exception {
        Diagnostics d = new Diagnostics();
        SiteConfig config = project("");
        SearchIndex index = SearchIndex.locate(config, d).orElseThrow();
        Path site = tmp.resolve("site");
        String marked = "<!DOCTYPE html><html lang=\"fr\"><head><title>%s</title></head><body><nav>Sommaire</nav>"
                + "<article data-pagefind-body><h1>%s</h1><h2 id=\"article-1\">Article 1</h2><p>%s</p></article>"
                + "</body></html>";
        page(site, "conventions/a/index.html", marked.formatted("A", "Convention A", "Les friches urbaines."));
        page(site, "produits/b/index.html", marked.formatted("B", "Produit B", "La qualité de l’air."));
        // A listing that also says « friches », without the mark: Pagefind skips it either way.
        page(site, "conventions/index.html", "<!DOCTYPE html><html lang=\"fr\"><head><title>L</title></head>"
                + "<body><p>Les friches, les friches.</p></body></html>");
        // A page the renderer did not write (a project's own file), marked: read to know.
        page(site, "a-propos/index.html", marked.formatted("P", "À propos", "Des friches."));

        Path whole = tmp.resolve("whole");
        Process p = new ProcessBuilder(SearchIndex.candidates(config.source()).stream()
                .filter(Files::isExecutable).findFirst().orElseThrow().toString(), "--site", site.toString(),
                "--output-path", whole.toString(), "--force-language", "fr", "--silent").inheritIO().start();
        assertEquals(0, p.waitFor());

        index.write(site, config.source(), Set.of("conventions/a/index.html", "produits/b/index.html",
                "conventions/index.html"), Set.of("conventions/a/index.html", "produits/b/index.html"), d);
        assertEquals(List.of(), d.all());
        assertFalse(Files.exists(site.resolve(".pagefind-pages")), "the folder of links is removed");
        assertTrue(Files.isRegularFile(site.resolve("conventions/a/index.html")), "the pages stay");
        try (Stream<Path> files = Files.list(site.resolve("pagefind/fragment"))) {
            assertEquals(3, files.count(), "the three marked pages");
        }
        try (Stream<Path> files = Files.walk(whole)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path same = site.resolve("pagefind").resolve(whole.relativize(f).toString());
                // Pagefind's own interfaces are removed from the site's index; every other file is the same.
                if (!f.getFileName().toString().startsWith("pagefind-") || Files.exists(same)) {
                    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(same), whole.relativize(f).toString());
                }
            }
        }
    }

    @Test
    void pagefindIsGivenOnlyTheMarkedPages() throws Exception {
        Path seen = tmp.resolve("seen.txt");
        Path fake = script("pagefind", "cd \"$2\" && find . -name '*.html' | sort > " + seen + " && mkdir -p \"$4\" "
                + "&& touch \"$4/pagefind.js\"");
        Diagnostics d = new Diagnostics();
        SiteConfig config = project("vitrine.search.pagefind=" + fake + "\n");
        Path site = tmp.resolve("site");
        page(site, "conventions/a/index.html", "<main data-pagefind-body>A</main>");
        page(site, "conventions/index.html", "<main>liste</main>");
        page(site, "a-propos/index.html", "<main data-pagefind-body>P</main>");
        page(site, "plan/index.html", "<main>plan</main>");
        SearchIndex.locate(config, d).orElseThrow().write(site, config.source(),
                Set.of("conventions/a/index.html", "conventions/index.html"), Set.of("conventions/a/index.html"), d);
        assertEquals(List.of(), d.all());
        assertEquals(List.of("./a-propos/index.html", "./conventions/a/index.html"), Files.readAllLines(seen));
        assertTrue(Files.isRegularFile(site.resolve("pagefind/pagefind.js")), "written into the site");
        assertFalse(Files.exists(site.resolve(".pagefind-pages")));
    }

    @Test
    void withoutAnyMarkPagefindReadsEveryPage() throws Exception {
        Diagnostics d = new Diagnostics();
        SiteConfig config = project("");
        Path site = tmp.resolve("site");
        page(site, "a/index.html", "<!DOCTYPE html><html lang=\"fr\"><title>A</title><p>Les friches.</p></html>");
        page(site, "b/index.html", "<!DOCTYPE html><html lang=\"fr\"><title>B</title><p>Les haies.</p></html>");
        SearchIndex.locate(config, d).orElseThrow().write(site, config.source(),
                Set.of("a/index.html", "b/index.html"), Set.of(), d);
        assertEquals(List.of(), d.all());
        try (Stream<Path> files = Files.list(site.resolve("pagefind/fragment"))) {
            assertEquals(2, files.count(), "every page, as Pagefind indexes a site without marks");
        }
    }

    private static void page(Path site, String name, String html) throws Exception {
        Path f = site.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, html);
    }
}
