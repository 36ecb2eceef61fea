package fr.vitrine;

import fr.vitrine.testing.ChildVitrine;
import fr.vitrine.testing.ChildVitrine.Diagnostic;
import fr.vitrine.testing.ChildVitrine.Run;
import fr.vitrine.testing.FullTier;
import fr.vitrine.testing.Pdfs;
import fr.vitrine.testing.PreviousSite;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static fr.vitrine.testing.ChildVitrine.assertNoCrash;
import static fr.vitrine.testing.ChildVitrine.printable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile inputs to {@code build}, {@code check} and {@code links} beyond {@link HostileInputTest}: original texts
 * that would put active content on the site, file names that forge CI workflow commands, values and settings that
 * used to end in a stack trace, named pipes that used to hang the build, folders left behind, and the permissions of
 * the site. Same rule and same child-JVM runner ({@link ChildVitrine}): a clear error or a safe rendering, exit 1 (2
 * for usage), the previous site untouched; never a hang, a bare stack trace or an out-of-memory.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@FullTier
class HostileBuildTest {

    static final String SECONDE = HostileInputTest.SECONDE;
    static final String ECOSANTE = HostileInputTest.ECOSANTE;
    static final String AVENANT = HostileInputTest.AVENANT;
    static final String ECOSANTE_TEXT = "  text: sources/convention-delegation-dgpr-dgs-dinum-ecosante.txt";
    static final String SECONDE_TEXT = "  text: sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt";

    @TempDir
    static Path shared;
    static PreviousSite previous;

    @TempDir
    Path tmp;
    TestProject project;
    Path output;
    ChildVitrine vitrine;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void buildPreviousSite() {
        previous = PreviousSite.build(shared);
    }

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
        output = tmp.resolve("site");
        previous.copyTo(output);
        vitrine = new ChildVitrine(tmp, project, output, previous);
    }

    // =============================================================================================================
    // 12.2 Original texts: only plain text and PDF, bounded, never active content
    // =============================================================================================================

    /** A web page or an SVG published beside a convention would run its scripts on the site's origin. */
    @Test
    void sourceTextsInHtmlOrSvgAreRefused() {
        project.write("content/sources/texte.html", "<!doctype html><script>alert(document.cookie)</script>\n");
        project.write("content/sources/texte.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>\n");
        int ecosante = project.replace(ECOSANTE, ECOSANTE_TEXT, "  text: sources/texte.html");
        int seconde = project.replace(SECONDE, SECONDE_TEXT, "  text: sources/texte.svg");
        Run run = vitrine.build();
        vitrine.assertFailsClearly(run, ECOSANTE, ecosante, 9, "'\\.html' file.*only \\.txt, \\.md and \\.pdf");
        vitrine.assertFailsClearly(run, SECONDE, seconde, 9, "'\\.svg' file.*convert it");
    }

    /** The type is decided by the content too: a web page renamed .pdf is not a PDF. */
    @Test
    void aWebPageNamedPdfIsRefused() {
        project.write("content/sources/texte.pdf", "<html><body onload=alert(1)>%PDF-1.7</body></html>\n");
        int line = project.replace(ECOSANTE, ECOSANTE_TEXT, "  text: sources/texte.pdf");
        vitrine.assertFailsClearly(vitrine.build(), ECOSANTE, line, 9, "not a PDF.*%PDF-");
    }

    /** A real PDF is published byte for byte, and offered as a PDF. */
    @Test
    void aPdfOriginalIsPublishedAndLabelledAsSuch() throws IOException {
        byte[] pdf = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
        project.writeBytes("content/sources/convention.pdf", pdf);
        project.replace(ECOSANTE, ECOSANTE_TEXT, "  text: sources/convention.pdf");
        Run run = vitrine.build();
        vitrine.assertBuildsSafely(run);
        assertArrayEquals(pdf, Files.readAllBytes(output.resolve("conventions/ecosante-delegation-dgpr-dgs/convention.pdf")));
        Document page = vitrine.page("conventions/ecosante-delegation-dgpr-dgs/index.html");
        Element link = page.selectFirst("a[href=convention.pdf]");
        assertTrue(link != null && link.text().equals("Texte d'origine (PDF)"), page.select("#telechargements ~ ul").outerHtml());
    }

    /** 300 MB of NUL bytes (a sparse file: nothing is written to disk) is refused by its size, without reading it. */
    @Test
    void aHugeSourceTextIsRefusedByItsSize() throws IOException {
        for (String name : List.of("content/sources/zeros.txt", "content/sources/zeros.pdf")) {
            try (RandomAccessFile f = new RandomAccessFile(project.file(name).toFile(), "rw")) {
                f.setLength(300L * 1024 * 1024);
            }
        }
        int ecosante = project.replace(ECOSANTE, ECOSANTE_TEXT, "  text: sources/zeros.txt");
        int seconde = project.replace(SECONDE, SECONDE_TEXT, "  text: sources/zeros.pdf");
        Run run = vitrine.build();
        vitrine.assertFailsClearly(run, ECOSANTE, ecosante, 9, "300\\.0 MB, over the 8 MB limit");
        vitrine.assertFailsClearly(run, SECONDE, seconde, 9, "300\\.0 MB, over the 50 MB limit for a PDF");
        assertTrue(run.seconds() < 20, "refused by its size, without reading it: " + run.seconds() + " s");
    }

    /** A text with a NUL byte is binary or corrupted: refused at the record's line, with the byte's place. */
    @Test
    void aSourceTextWithANulByteIsRefused() {
        project.writeBytes("content/sources/binaire.txt", "Article 1\nLe montant\0 est\n".getBytes(StandardCharsets.UTF_8));
        int line = project.replace(ECOSANTE, ECOSANTE_TEXT, "  text: sources/binaire.txt");
        vitrine.assertFailsClearly(vitrine.build(), ECOSANTE, line, 9, "NUL.*line 2, column 11 of that file");
    }

    // =============================================================================================================
    // 12.3 Hostile PDFs: refused by their limits, in bounded time and memory (512 MB heap), without a stack trace
    // =============================================================================================================

    /**
     * A 60 KB PDF whose stream inflates to 17 MB of text: before, import ran for minutes at 2 to 4 GB, and build and
     * check, with it as a record's original, used 3.9 GB or died with an OutOfMemoryError and its stack trace.
     */
    @Test
    void aPdfThatInflatesToSeventeenMegabytesIsRefusedByImportBuildAndCheck() {
        Pdfs.inflating(project.file("content/sources/bomb.pdf"), 17 << 20);
        assertPdfRefused("content/sources/bomb.pdf", "page 1 holds over 100\u202F000 characters");
    }

    /** Before: hundreds of lines of PDFBox stack trace, then « no text layer, probably a scan ». */
    @Test
    void aPdfNestedThousandsDeepIsRefusedAsSuchByImportBuildAndCheck() {
        Pdfs.nested(project.file("content/sources/nested.pdf"), 5_000);
        assertPdfRefused("content/sources/nested.pdf", "object 3 is nested over 500 levels deep");
    }

    /** import refuses the PDF with an error, build and check warn that its privacy could not be checked. */
    private void assertPdfRefused(String pdf, String message) {
        Run imported = vitrine.vitrine("import", "--source", project.root().toString(), project.file(pdf).toString());
        assertNoCrash(imported);
        assertEquals(1, imported.exitCode(), imported.err());
        assertTrue(imported.diagnostics().stream().anyMatch(d -> d.path().endsWith(pdf) && d.line() == 1
                && d.severity().equals("error") && d.message().startsWith(message)), imported.err());
        assertFalse(imported.err().contains("no text layer"), imported.err());
        assertTrue(imported.seconds() < 30, imported.seconds() + " s");

        project.replace(ECOSANTE, ECOSANTE_TEXT, "  text: " + pdf.substring("content/".length()));
        for (Run run : List.of(vitrine.build(), vitrine.vitrine("check", "--source", project.root().toString()))) {
            assertNoCrash(run);
            ChildVitrine.assertReportIsWellFormed(run);
            assertTrue(run.diagnostics().stream().anyMatch(d -> d.path().endsWith(pdf) && d.message()
                    .startsWith("the privacy check could not read this PDF: " + message)), run.err());
            assertTrue(run.seconds() < 40, run.seconds() + " s");
        }
    }

    // =============================================================================================================
    // 12.4 Control characters in what is printed: no forged workflow command, no escape sequence
    // =============================================================================================================

    static final String FORGED = "x\n::error file=README.md,line=1::forged\n::add-mask::secret\u001B[2J.md";

    /**
     * As pages.yml runs it: a file name with line breaks would print lines that GitHub reads as commands (an
     * annotation on another file, a mask that hides the log). Under GitHub Actions, build and check print their
     * problems with commands stopped; everywhere, names are printed with their control characters escaped.
     */
    @Test
    void fileNamesCannotForgeWorkflowCommands() throws IOException {
        Files.writeString(project.file("content/conventions").resolve(FORGED), "not a record\n");
        Run plain = vitrine.build();
        assertNoCrash(plain);
        assertEquals(1, plain.exitCode(), plain.err());
        assertNoForgedCommand(plain);
        List<Diagnostic> forged = plain.diagnostics().stream().filter(d -> d.path().contains("add-mask")).toList();
        assertEquals(1, forged.size(), printable(plain.err()));
        assertTrue(forged.get(0).path().endsWith("x\\n::error file=README.md,line=1::forged\\n::add-mask::secret\\u001B[2J.md"),
                forged.get(0).path());
        previous.assertUntouched(output);
        ChildVitrine.assertReportIsWellFormed(plain);

        vitrine.env("GITHUB_ACTIONS", "true");
        for (Run run : List.of(vitrine.build(), vitrine.vitrine("check", "--source", project.root().toString()))) {
            assertNoCrash(run);
            assertEquals(1, run.exitCode(), run.err());
            assertNoForgedCommand(run);
            List<String> lines = run.out().lines().toList();
            int stop = lines.indexOf(lines.stream().filter(l -> l.startsWith("::stop-commands::")).findFirst().orElse(""));
            assertTrue(stop >= 0, "diagnostics inside a stop-commands block:\n" + printable(run.out()));
            String token = lines.get(stop).substring("::stop-commands::".length());
            assertTrue(token.length() >= 32, token);
            int resume = lines.indexOf("::" + token + "::");
            assertTrue(resume > stop && lines.subList(stop + 1, resume).stream().anyMatch(l -> l.contains("add-mask")),
                    "the file's diagnostic is printed with commands stopped:\n" + printable(run.out()));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("::error file=project/content/conventions/x%0A%3A%3Aerror")),
                    "the annotation names the file with its line breaks escaped:\n" + printable(run.out()));
        }
    }

    /** Progress and summary lines name folders too: an output folder's name is printed cleaned. */
    @Test
    void anOutputFolderNameIsPrintedWithoutControlCharacters() throws IOException {
        Path odd = tmp.resolve("site\n::warning::forged\u001B]0;title\u0007");
        Run run = vitrine.vitrine("build", "--source", project.root().toString(), "--output", odd.toString(), "--timings");
        assertNoCrash(run);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(odd.resolve("index.html")));
        assertNoForgedCommand(run);
        assertTrue(run.out().contains("site\\n::warning::forged\\u001B]0;title\\u0007"), printable(run.out()));
    }

    /** No line of what a run printed starts a workflow command other than Vitrine's own, or holds a control character. */
    private static void assertNoForgedCommand(Run run) {
        for (String line : (run.out() + "\n" + run.err()).split("\n", -1)) {
            assertFalse(line.startsWith("::add-mask::") || line.startsWith("::error file=README.md")
                    || line.startsWith("::warning::forged"), "forged workflow command: " + printable(line));
            assertTrue(line.chars().noneMatch(c -> (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0)),
                    "control character printed: " + printable(line));
        }
    }

    // =============================================================================================================
    // 12.7 Stack traces: a lone surrogate, SOURCE_DATE_EPOCH, links on a site with symbolic links
    // =============================================================================================================

    /** An escape of half a character (backslash, uD800) used to fail writing the site, with no file or line. */
    @Test
    void aLoneSurrogateEscapeIsLocated() {
        int line = project.replace(AVENANT, "title: Premier avenant à la convention initiale UrbanVitaliz",
                "title: \"Premier avenant \\uD800 à la convention initiale\"");
        vitrine.assertFailsClearly(vitrine.build(), AVENANT, line, 8, "\\\\uD800 is half of a character");
    }

    @Test
    void aSourceDateEpochOutOfRangeIsAUsageError() {
        for (String epoch : List.of("-1", "99999999999999999999", "demain", "253402300800", "1e9")) {
            Run run = vitrine.env("SOURCE_DATE_EPOCH", epoch).build();
            assertNoCrash(run);
            assertEquals(2, run.exitCode(), epoch + ": " + run.err());
            List<String> lines = run.err().lines().toList();
            assertEquals(1, lines.size(), run.err());
            assertTrue(lines.get(0).matches("vitrine: SOURCE_DATE_EPOCH '.+' is not a date: .*seconds since "
                    + "1970-01-01.*; fix it or unset it"), lines.get(0));
            previous.assertUntouched(output);
        }
    }

    /**
     * A symbolic link inside a site (to a folder or a file outside it) is reported, not followed: the pages of the
     * outside folder are not checked, no outside file is read, and nothing crashes.
     */
    @Test
    void linksReportsSymbolicLinksWithoutFollowingThem() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.html"), "<a href=\"nowhere-outside.html\">x</a>");
        Files.createSymbolicLink(output.resolve("escape"), outside);
        Files.createSymbolicLink(output.resolve("leak.html"), outside.resolve("secret.html"));
        Files.createSymbolicLink(output.resolve("dir.html"), outside);
        Run run = vitrine.vitrine("links", output.toString());
        assertNoCrash(run);
        assertEquals(1, run.exitCode(), run.err());
        for (String link : List.of("escape", "leak.html", "dir.html")) {
            assertTrue(run.err().contains("broken link: " + link + ": " + outside.resolve(link.equals("leak.html")
                    ? "secret.html" : "").toString().replaceAll("/$", "") + " (a symbolic link in the site"), run.err());
        }
        assertFalse((run.out() + run.err()).contains("nowhere-outside"), "the outside page was not read:\n" + run.err());
        long pages;
        try (Stream<Path> walk = Files.walk(previous.folder())) {
            pages = walk.filter(p -> p.toString().endsWith(".html")).count();
        }
        assertTrue(run.out().matches("(?s)\\d+ pages: " + pages + " HTML pages checked, .*; 3 broken internal link\\(s\\).*"),
                run.out());
    }

    // =============================================================================================================
    // 12.8 Named pipes: reported, never opened
    // =============================================================================================================

    @Test
    void aNamedPipeNamedLikeARecordIsReportedWithoutBlocking() throws Exception {
        mkfifo(project.file("content/conventions/x.md"));
        mkfifo(project.file("content/sources/pipe.txt"));
        int line = project.replace(ECOSANTE, ECOSANTE_TEXT, "  text: sources/pipe.txt");
        Run run = vitrine.build();
        vitrine.assertFailsClearly(run, "content/conventions/x.md", null, null, "named pipe.*only regular files are read");
        vitrine.assertFailsClearly(run, ECOSANTE, line, 9, "not a file");
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
    }

    // =============================================================================================================
    // 12.9 Folders left behind
    // =============================================================================================================

    /**
     * A killed build leaves its staging folder (and, killed while swapping, the previous site set aside) with its
     * lock released: the next build removes them, whether it fails or succeeds, but not the folder of a build still
     * running (its lock is held).
     */
    @Test
    void aKilledBuildsStagingFolderIsRemovedByTheNextOne() throws IOException {
        Path parent = output.getParent();
        Path live = Files.createDirectories(parent.resolve(".site.tmp-999"));
        Path liveLock = Files.writeString(parent.resolve(".site.tmp-999.lock"), "\n");
        try (FileChannel channel = FileChannel.open(liveLock, StandardOpenOption.WRITE)) {
            channel.lock();
            leaveKilledBuilds(parent);
            int line = project.replace(AVENANT, "kind: avenant", "kind: avenan");
            vitrine.assertFailsClearly(vitrine.build(), AVENANT, line, 7, "not a valid kind");
            assertEquals(List.of(".site.tmp-999", ".site.tmp-999.lock"), leftovers(parent));

            leaveKilledBuilds(parent);
            project.replace(AVENANT, "kind: avenan", "kind: avenant");
            Run run = vitrine.build();
            assertNoCrash(run);
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(Files.isDirectory(live), "a running build's folder is kept");
        }
        assertEquals(List.of(".site.tmp-999", ".site.tmp-999.lock"), leftovers(parent));
    }

    /**
     * An output that is a link is followed: the site it points to is replaced, the link kept. Before, the link was
     * replaced by a new folder and the site it pointed to left stale, silently. A link to nothing is refused.
     */
    @Test
    void anOutputLinkIsFollowedAndTheSiteItPointsToReplaced() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("public"), output);
        Files.writeString(output.resolve("page-retiree.html"), "<p>ancienne page</p>");
        TestProject.Run run = project.build(link);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals(output.toRealPath(), link.toRealPath());
        assertFalse(Files.exists(output.resolve("page-retiree.html")), "the site it points to is replaced");
        assertTrue(Files.isRegularFile(output.resolve("index.html")));

        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("absent"));
        TestProject.Run refused = project.build(dangling);
        assertEquals(2, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("vitrine: output " + dangling + " is a link to a folder that does not exist; "
                + "create it or choose another --output"), refused.err());
        assertTrue(Files.isSymbolicLink(dangling));
    }

    /**
     * A build stopped by a time limit (SIGTERM, as GitHub Actions' and timeout(1) send) removes its staging folder
     * itself. Before, it stayed until the next build (2.8 GB at 100 000 conventions).
     */
    @Test
    void aBuildStoppedBySigtermRemovesItsStagingFolder() throws Exception {
        Process build = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "fr.vitrine.cli.Main", "build",
                "--source", project.root().toString(), "--output", output.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("build.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (stagingFolders(tmp).isEmpty() && build.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(stagingFolders(tmp).isEmpty(), "the build never staged: " + Files.readString(tmp.resolve("build.log")));
            build.destroy(); // SIGTERM
            assertTrue(build.waitFor(30, TimeUnit.SECONDS));
            deadline = System.nanoTime() + 20_000_000_000L;
            while (!stagingFolders(tmp).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(List.of(), stagingFolders(tmp));
        } finally {
            build.destroyForcibly();
        }
    }

    private static List<String> stagingFolders(Path parent) throws IOException {
        return leftovers(parent).stream().filter(n -> n.matches("\\.site\\.tmp-\\d+")).toList();
    }

    /** What builds killed at each step leave: a staging folder with its lock, one without, a site set aside. */
    private void leaveKilledBuilds(Path parent) throws IOException {
        Trees.copy(previous.folder(), parent.resolve(".site.tmp-123"));
        Files.writeString(parent.resolve(".site.tmp-123.lock"), "\n");
        Trees.copy(previous.folder(), parent.resolve(".site.tmp-456.old"));
        Files.createDirectories(parent.resolve(".site.tmp-789/conventions"));
    }

    private static List<String> leftovers(Path parent) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".site")).sorted().toList();
        }
    }

    /** A check writes its datasets to a scratch folder: none is left, and one left by a killed check is removed. */
    @Test
    void checkLeavesNothingInTheTemporaryFolder() throws IOException {
        Path temp = Files.createDirectories(tmp.resolve("private-tmp"));
        Trees.copy(previous.folder().resolve("donnees"), temp.resolve("vitrine-check-42"));
        Files.writeString(temp.resolve("vitrine-check-42.lock"), "\n");
        Run run = vitrine.jvm("-Djava.io.tmpdir=" + temp).vitrine("check", "--source", project.root().toString());
        assertNoCrash(run);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("datasets match their schemas"), run.out());
        try (Stream<Path> entries = Files.list(temp)) {
            assertEquals(List.of(), entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    // =============================================================================================================
    // 12.10 Implausible dates
    // =============================================================================================================

    @Test
    void datesBefore1900OrAfter2100AreRefused() {
        int signed = project.replace(SECONDE, "signed: unknown", "signed: 0000-01-01");
        int ends = project.replace(AVENANT, "ends: unknown", "ends: 2999");
        Run run = vitrine.build();
        vitrine.assertFailsClearly(run, SECONDE, signed, 9, "'signed' is not a plausible date: 0000-01-01 is not "
                + "between 1900 and 2100; check the year");
        vitrine.assertFailsClearly(run, AVENANT, ends, 7, "'ends' is not a plausible date: 2999");
    }

    // =============================================================================================================
    // 12.11 Permissions of the site
    // =============================================================================================================

    /** A web server running as another user must be able to read the site: its root honours the umask. */
    @Test
    void theSiteFolderHonoursTheUmask() throws IOException {
        Run run = vitrine.umask("022").build();
        assertNoCrash(run);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
        assertEquals(Files.getPosixFilePermissions(output.resolve("conventions")), Files.getPosixFilePermissions(output));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(output.resolve("index.html"))));
    }
}
