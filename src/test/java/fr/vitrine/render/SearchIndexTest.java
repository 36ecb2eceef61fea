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
        SearchIndex.locate(config, d).orElseThrow().write(tmp.resolve("site"), config.source(), d);
        assertTrue(d.hasErrors());
        String message = d.all().get(0).message();
        assertTrue(message.contains("exited with 3") && message.contains("cannot index"), message);
    }

    @Test
    void pagefindsOwnInterfacesAreNotPublished() throws Exception {
        Path fake = script("pagefind", "mkdir -p \"$2/pagefind\" && touch \"$2/pagefind/pagefind.js\" "
                + "\"$2/pagefind/pagefind-ui.js\" \"$2/pagefind/wasm.fr.pagefind\"");
        Diagnostics d = new Diagnostics();
        SiteConfig config = project("vitrine.search.pagefind=" + fake + "\n");
        Path site = Files.createDirectories(tmp.resolve("site"));
        SearchIndex.locate(config, d).orElseThrow().write(site, config.source(), d);
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
        index.get().write(tmp.resolve("site"), config.source(), d);
        assertEquals(List.of(), d.all());
        Path folder = tmp.resolve("site/pagefind");
        assertTrue(Files.isRegularFile(folder.resolve("pagefind.js")));
        assertTrue(Files.isRegularFile(folder.resolve("wasm.fr.pagefind")), "the French stemmer's module");
        try (var files = Files.list(folder.resolve("fragment"))) {
            assertEquals(1, files.count(), "one page indexed");
        }
    }
}
