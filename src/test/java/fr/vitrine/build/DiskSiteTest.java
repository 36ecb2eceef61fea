package fr.vitrine.build;

import fr.vitrine.model.Urls;
import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 28, item 10: a site built for the disk ({@code vitrine.links=files}, {@code --for-disk}) works opened from
 * the disk: every relative link of every page names a file; the build says how to open what it wrote.
 */
class DiskSiteTest {

    @TempDir
    Path tmp;

    @Test
    void linksToFoldersNameTheirIndexFile() {
        assertEquals("../conventions/index.html", Urls.toFile("../conventions/"));
        assertEquals("./index.html#obligations", Urls.toFile("./#obligations"));
        assertEquals("./index.html?q=x", Urls.toFile("./?q=x"));
        assertEquals("../donnees/conventions.csv", Urls.toFile("../donnees/conventions.csv"));
        assertEquals("https://beta.gouv.fr/", Urls.toFile("https://beta.gouv.fr/"));
        assertEquals("#top", Urls.toFile("#top"));
    }

    @Test
    void aSiteBuiltForTheDiskLinksOnlyToFilesAndSaysToOpenIt() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp);
        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.links=files\n");
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Open " + site.resolve("index.html").toUri()), run.out());
        List<String> folders = new ArrayList<>();
        int links = 0;
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path page : walk.filter(p -> p.toString().endsWith(".html")).toList()) {
                Document doc = Jsoup.parse(page.toFile(), "UTF-8");
                for (Element e : doc.select("a[href], link[href], script[src], img[src]")) {
                    String link = e.hasAttr("href") ? e.attr("href") : e.attr("src");
                    if (link.isEmpty() || link.startsWith("#") || link.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")
                            || page.getFileName().toString().equals("404.html")) {
                        continue;
                    }
                    links++;
                    Path target = page.getParent().resolve(link.replaceAll("[?#].*$", "")).normalize();
                    if (!Files.isRegularFile(target)) {
                        folders.add(site.relativize(page) + " → " + link);
                    }
                }
            }
        }
        assertTrue(links > 1000, "links: " + links);
        assertTrue(folders.isEmpty(), folders.size() + " links to no file: "
                + folders.subList(0, Math.min(20, folders.size())));
    }

    @Test
    void aSiteBuiltForAServerSaysToServeIt() {
        TestProject project = TestProject.copyOfRepository(tmp);
        TestProject.Run run = project.build(tmp.resolve("site"));
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(run.out().contains("file:"), run.out());
        assertTrue(run.out().contains("Serve the folder with 'vitrine serve' or any static web server; to open it "
                + "from the disk instead, build with --for-disk."), run.out());
    }
}
