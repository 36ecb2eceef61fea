package fr.vitrine.cli;

import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as users type it: options, help, version and exit codes. */
class MainTest {

    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        assertEquals(0, Main.run("--help"));
        assertTrue(out().contains("build") && out().contains("check"), out());
        assertTrue(out().contains("1   invalid input"), out());
        assertEquals(0, Main.run("build", "--help"));
        assertTrue(out().contains("--base-url=URL"), out());
    }

    @Test
    void versionIsPrinted() {
        assertEquals(0, Main.run("--version"));
        assertTrue(out().startsWith("vitrine "), out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, Main.run("build", "--no-such-option"));
        assertTrue(err().contains("Unknown option: '--no-such-option'"), err());
        assertEquals(2, Main.run("frobnicate"));
        assertEquals(2, Main.run());
        assertEquals(2, Main.run("build", "--source", tmp.resolve("missing").toString()));
        assertTrue(err().contains("does not exist"), err());
        assertEquals(2, Main.run("check", "--source", tmp.toString()));
        assertTrue(err().contains("no jbake.properties"), err());
        TestProject project = TestProject.copyOfRepository(tmp);
        assertEquals(2, Main.run("build", "--source", project.root().toString(), "--output",
                tmp.resolve("o").toString(), "--base-url", "ftp://example.org"));
        assertTrue(err().contains("base URL must start with http:// or https://"), err());
        // A user name and password would be published in the sitemap, the feed and the datasets: refused, not echoed.
        for (String url : java.util.List.of("https://user:s3cret@example.org/vitrine", "http://s3cret@example.org",
                "https://user:s3cret@example.org")) {
            assertEquals(2, Main.run("build", "--source", project.root().toString(), "--output",
                    tmp.resolve("o").toString(), "--base-url", url));
            assertTrue(err().contains("base URL must not hold a user name or password (the part before '@'): it would "
                    + "be published in the sitemap, the feed and the datasets; give the site's public address, e.g. "
                    + "https://example.org/"), err());
            assertFalse(err().contains("s3cret"), err());
            assertFalse(Files.exists(tmp.resolve("o")));
        }
    }

    @Test
    void buildWithBaseUrlWritesAbsoluteAddresses() throws Exception {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path site = tmp.resolve("public");
        assertEquals(0, Main.run("build", "--source", project.root().toString(), "--output", site.toString(),
                "--base-url", "https://example.gouv.fr/vitrine"));
        assertTrue(out().contains("Site written to " + site), out());
        assertTrue(Files.readString(site.resolve("sitemap.xml"))
                .contains("<loc>https://example.gouv.fr/vitrine/conventions/</loc>"));
        assertTrue(Files.readString(site.resolve("index.html"))
                .contains("<link rel=\"canonical\" href=\"https://example.gouv.fr/vitrine/\">"));
    }

    @Test
    void timingsNameEveryStageFromReadingOn() {
        TestProject project = TestProject.copyOfRepository(tmp);
        assertEquals(0, Main.run("build", "--source", project.root().toString(), "--output",
                tmp.resolve("site").toString(), "--timings"));
        // Only the timing lines: when the fuzz tests share this JVM, Jazzer's agent also logs here.
        String timing = "(.*\\S)\\s+([0-9.]+) s  \\(CPU ([0-9.]+) s\\)$";
        List<String> stages = err().lines().map(String::strip).filter(l -> l.matches(timing)).toList();
        assertEquals(List.of("start", "read + validate", "render", "datasets", "check links", "search index",
                        "replace output"),
                stages.stream().map(l -> l.replaceAll(timing, "$1")).toList(), err());
        // Reading and validating the bundled sources takes measurable time, wall and CPU: the clocks start before it.
        // ("start" is the time since the JVM started: in this test's JVM, that of the earlier tests too.)
        assertTrue(Double.parseDouble(stages.get(1).replaceAll(timing, "$2")) > 0, stages.get(1));
        assertTrue(Double.parseDouble(stages.get(1).replaceAll(timing, "$3")) > 0, stages.get(1));
    }

    @Test
    void linksListsExternalAddressesAndFailsOnBrokenOnes() throws Exception {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path site = tmp.resolve("site");
        assertEquals(0, project.build(site).exitCode());
        assertEquals(0, Main.run("links", site.toString()));
        assertTrue(out().contains("0 broken internal link(s)"), out());
        // The product page, its convention's obligation, /engagements/ and its filter pages.
        assertTrue(out().contains("https://urbanvitaliz.fr/stats\t9 page(s): conventions/urbanvitaliz-seconde-convention/index.html, "
                + "engagements/etat/en-cours/index.html, engagements/financeur/anct/index.html, …"), out());
        Files.writeString(site.resolve("a-propos/index.html"), "<a href=\"../nulle-part/\">x</a>");
        assertEquals(1, Main.run("links", site.toString()));
        assertTrue(err().contains("broken link: a-propos/index.html: ../nulle-part/ (no such file nulle-part)"), err());
    }

    @Test
    void checkValidatesWithoutWriting() {
        TestProject project = TestProject.copyOfRepository(tmp);
        assertEquals(0, Main.run("check", "--source", project.root().toString()));
        assertTrue(out().contains("7 conventions, 3 products, 9 organisations: all valid; datasets match their schemas."), out());
        assertTrue(Files.notExists(project.root().resolve("output")));
        project.replace("data/products/reco-co.md", "title: Reco-co", "title:");
        assertEquals(1, Main.run("check", "--source", project.root().toString()));
        assertTrue(err().contains("reco-co.md:3:1: error: missing required field 'title'"), err());
    }

    /** Before: « cannot write X: X ». */
    @Test
    void initIntoALinkToNothingSaysSo() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("projet"), tmp.resolve("absent"));
        assertEquals(2, Main.run("init", link.toString()));
        assertTrue(err().contains("vitrine: " + link + " is a link to " + tmp.resolve("absent") + ", which does not "
                + "exist: create that folder first, or name a new or empty folder (nothing was written)"), err());
        assertFalse(Files.exists(tmp.resolve("absent")));
    }

    /** Before: « no such file » for both. */
    @Test
    void importSaysWhatAFolderOrANamedPipeGivenAsTheTextIs() throws Exception {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path folder = Files.createDirectories(tmp.resolve("x.txt"));
        assertEquals(2, Main.run("import", "--source", project.root().toString(), folder.toString()));
        assertTrue(err().contains("vitrine: " + folder + ": this is a folder, not a file: give the text file itself"), err());
        Path pipe = tmp.resolve("pipe.txt");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor());
        assertEquals(2, Main.run("import", "--source", project.root().toString(), pipe.toString()));
        assertTrue(err().contains("vitrine: " + pipe + ": not a regular file (a named pipe, socket or device): import "
                + "reads only regular files; save the text in one"), err());
        assertEquals(2, Main.run("import", "--source", project.root().toString(), tmp.resolve("absent.txt").toString()));
        assertTrue(err().contains("absent.txt: no such file"), err());
    }
}
