package fr.vitrine.serve;

import fr.vitrine.build.Build;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preview server's incremental rebuilds held to the whole build, on a project with every kind of page: after each
 * edit an author makes (a convention's
 * text, title, amount, product or date, an avenant's parent, a free page, a template, an error and its fix, a deleted
 * convention), the site the {@link Rebuilder} updated is byte for byte the site {@code vitrine build} writes from the
 * same sources, and the edits that can be updated in place are (only the pages that show them are rendered again).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncrementalRebuildTest {

    private static final String BASE = "http://127.0.0.1:8000/";
    private static final String ECOSANTE = "content/conventions/ecosante-delegation-dgpr-dgs.md";
    private static final String INITIALE = "content/conventions/urbanvitaliz-convention-initiale.md";
    private static final String SECONDE = "content/conventions/urbanvitaliz-seconde-convention.md";

    @TempDir
    static Path dir;
    static TestProject project;
    static Rebuilder rebuilder;

    @BeforeAll
    static void firstBuild() throws IOException {
        // Every kind of page: listings in pages of three rows, metrics, a subsidy, beta.gouv.fr's files.
        project = TestSites.everyPageType(dir);
        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.search=off\n");
        rebuilder = new Rebuilder(project.root(), BASE);
        Rebuilder.Outcome first = rebuilder.rebuild(null);
        assertFalse(first.failed(), first.errors().toString());
    }

    @AfterAll
    static void stop() {
        rebuilder.close();
    }

    @Test
    @Order(1)
    void aConventionsTextIsUpdatedInPlace() {
        Rebuilder.Outcome outcome = edit(ECOSANTE, "## Article 1", "## Article 1 modifié", true);
        assertTrue(outcome.changed().contains("conventions/ecosante-delegation-dgpr-dgs/index.html"),
                outcome.changed().toString());
        assertFalse(outcome.changed().contains("conventions/urbanvitaliz-fast/index.html"), "an unrelated page");
    }

    @Test
    @Order(2)
    void aTitleReachesListingsProductsOrganisationsAndDatasets() {
        Rebuilder.Outcome outcome = edit(ECOSANTE, "title: Convention de délégation de gestion",
                "title: Convention retitrée de délégation de gestion", true);
        assertTrue(outcome.changed().containsAll(List.of("produits/recosante/index.html", "organisations/dgs/index.html",
                "plan-du-site/index.html", "conventions/atom.xml", "donnees/conventions.csv")),
                outcome.changed().toString());
        // The page of the listing that shows it, not the others.
        assertEquals(1, outcome.changed().stream().filter(f -> f.matches("conventions/(page/\\d+/)?index.html")).count(),
                outcome.changed().toString());
    }

    @Test
    @Order(3)
    void anAmountReachesTotals() {
        edit(INITIALE, "    amount: 200000", "    amount: 210000", true);
    }

    @Test
    @Order(4)
    void aParentsTitleReachesItsAvenants() {
        Rebuilder.Outcome outcome = edit(INITIALE, "title: Convention initiale pour UrbanVitaliz",
                "title: Convention initiale d'UrbanVitaliz", true);
        assertTrue(outcome.changed().contains("conventions/urbanvitaliz-avenant-1/index.html"),
                outcome.changed().toString());
    }

    @Test
    @Order(5)
    void aCitingTextsChangeReachesTheRecordsItCites() {
        edit(SECONDE, "title: ", "title: Texte, ", true);
    }

    @Test
    @Order(6)
    void twoConventionsSavedTogetherAreUpdatedTogether() {
        project.replace(INITIALE, "title: Convention initiale d'UrbanVitaliz", "title: Convention initiale, UrbanVitaliz");
        edit(ECOSANTE, "title: Convention retitrée", "title: Convention renommée", true,
                project.file(INITIALE));
    }

    @Test
    @Order(7)
    void aFreePageIsUpdatedInPlace() {
        edit("content/pages/a-propos.md", "title: ", "title: Page, ", true);
    }

    @Test
    @Order(8)
    void anErrorWritesNothingAndItsFixIsUpdated() throws IOException {
        Path site = rebuilder.current();
        byte[] before = Files.readAllBytes(site.resolve("conventions/ecosante-delegation-dgpr-dgs/index.html"));
        project.replace(ECOSANTE, "signed: 2020-03-05", "signed: 2020-02-31");
        Rebuilder.Outcome broken = rebuilder.rebuild(Set.of(project.file(ECOSANTE)));
        assertTrue(broken.failed());
        assertTrue(broken.errors().stream().anyMatch(e -> e.contains("2020-02-31")), broken.errors().toString());
        assertEquals(site, rebuilder.current());
        assertTrue(java.util.Arrays.equals(before,
                Files.readAllBytes(site.resolve("conventions/ecosante-delegation-dgpr-dgs/index.html"))));
        edit(ECOSANTE, "signed: 2020-02-31", "signed: 2020-03-05", true);
    }

    @Test
    @Order(9)
    void aBrokenLinkIsAnErrorAtItsLine() {
        String from = "Pour assurer ses missions, le délégataire";
        int line = project.replace(ECOSANTE, from, "Voir [nulle part](../nulle-part/). " + from);
        Rebuilder.Outcome broken = rebuilder.rebuild(Set.of(project.file(ECOSANTE)));
        assertTrue(broken.failed(), "a broken link was published");
        assertTrue(broken.errors().stream().anyMatch(e -> e.startsWith(project.file(ECOSANTE) + ":" + line + ":")
                && e.contains("../nulle-part/")), broken.errors().toString());
        edit(ECOSANTE, "Voir [nulle part](../nulle-part/). ", "", true);
    }

    @Test
    @Order(10)
    void aRenamedHeadingBreaksTheLinksToItElsewhere() {
        String from = "Pour assurer ses missions, le délégataire";
        String link = "../urbanvitaliz-seconde-convention/#article-2--obligations-du-cerema";
        edit(ECOSANTE, from, "Voir [l'article 2](" + link + "). " + from, true);
        // Another page's anchor: the page that links to it is not rendered again, and is checked again.
        project.replace(SECONDE, "## Article 2 : Obligations du Cerema", "## Article 2 : Engagements du Cerema");
        Rebuilder.Outcome broken = rebuilder.rebuild(Set.of(project.file(SECONDE)));
        assertTrue(broken.failed(), "a link to a renamed heading was left broken");
        assertTrue(broken.errors().stream().anyMatch(e -> e.contains(link)), broken.errors().toString());
        edit(SECONDE, "## Article 2 : Engagements du Cerema", "## Article 2 : Obligations du Cerema", true);
    }

    @Test
    @Order(11)
    void aProductChangeMovesTheConventionBetweenProducts() {
        // Its product's listing gains and loses a member: every listing may shift, so the whole site is built.
        edit(ECOSANTE, "products: [recosante]", "products: [recosante, urbanvitaliz]", false);
    }

    @Test
    @Order(12)
    void aDateThatReordersTheListingsBuildsTheWholeSite() {
        edit(ECOSANTE, "signed: 2020-03-05", "signed: 2019-03-05", false);
    }

    @Test
    @Order(13)
    void aPageTemplateChangeRendersThePagesOfItsType() {
        Path site = rebuilder.current();
        String template = "site-templates/convention.peb";
        String original = project.read(template);
        int at = original.lastIndexOf("{% endblock %}");
        project.write(template, original.substring(0, at) + "<p>Ajout au modèle</p>" + original.substring(at));
        Rebuilder.Outcome outcome = rebuilder.rebuild(Set.of(project.file(template)));
        assertSameAsBuild(outcome);
        assertEquals(site, rebuilder.current(), "not updated in place");
        assertTrue(outcome.changed().contains("conventions/ecosante-delegation-dgpr-dgs/index.html"));
        assertTrue(outcome.changed().stream().allMatch(f -> f.matches("conventions/[^/]+/index.html")),
                "pages of other types: " + outcome.changed());
        // Then a convention again, in place, with the new template.
        edit(ECOSANTE, "## Article 1 modifié", "## Article 1 modifié deux fois", true);
    }

    @Test
    @Order(14)
    void aBrokenTemplateStaysReportedUntilFixed() {
        String template = "site-templates/product.peb";
        String original = project.read(template);
        project.write(template, original + "{% if %}");
        Rebuilder.Outcome broken = rebuilder.rebuild(Set.of(project.file(template)));
        assertTrue(broken.failed(), "a template that does not compile");
        assertTrue(broken.errors().stream().anyMatch(e -> e.contains("product.peb")), broken.errors().toString());
        // Saving a convention meanwhile does not hide it.
        project.replace(ECOSANTE, "## Article 1 modifié deux fois", "## Article 1 modifié trois fois");
        Rebuilder.Outcome still = rebuilder.rebuild(Set.of(project.file(ECOSANTE)));
        assertTrue(still.failed() && still.errors().stream().anyMatch(e -> e.contains("product.peb")),
                still.errors().toString());
        project.write(template, original);
        Rebuilder.Outcome fixed = rebuilder.rebuild(Set.of(project.file(template)));
        assertFalse(fixed.failed(), fixed.errors().toString());
        assertSameAsBuild(fixed);
    }

    @Test
    @Order(15)
    void aLayoutChangeBuildsTheWholeSite() {
        Path site = rebuilder.current();
        String layout = "site-templates/themes/dsfr/layout.peb";
        project.replace(layout, "</body>", "<!-- modifié --></body>");
        Rebuilder.Outcome outcome = rebuilder.rebuild(Set.of(project.file(layout)));
        assertSameAsBuild(outcome);
        assertFalse(site.equals(rebuilder.current()), "every page may change: a whole build");
    }

    @Test
    @Order(16)
    void aDeletedConventionBuildsTheWholeSite() throws IOException {
        Files.delete(project.file("content/conventions/urbanvitaliz-fast.md"));
        Rebuilder.Outcome outcome = rebuilder.rebuild(Set.of(project.file("content/conventions/urbanvitaliz-fast.md")));
        assertNull(outcome.then(), "a deleted convention changes every listing");
        assertSameAsBuild(outcome);
        assertTrue(outcome.changed().contains("conventions/urbanvitaliz-fast/index.html"));
        assertFalse(Files.exists(rebuilder.current().resolve("conventions/urbanvitaliz-fast/index.html")));
    }

    /**
     * Replaces {@code from} by {@code to} in {@code file}, rebuilds after that file changed, and checks the site
     * against a whole build; {@code inPlace} says whether the site must have been updated in place (two steps).
     */
    private static Rebuilder.Outcome edit(String file, String from, String to, boolean inPlace, Path... alsoChanged) {
        project.replace(file, from, to);
        Set<Path> changes = new java.util.TreeSet<>(List.of(alsoChanged));
        changes.add(project.file(file));
        Rebuilder.Outcome outcome = rebuilder.rebuild(changes);
        assertFalse(outcome.failed(), outcome.errors().toString());
        assertEquals(inPlace, outcome.then() != null, (inPlace ? "not updated in place: " : "updated in place: ")
                + file);
        Set<String> changed = new java.util.TreeSet<>(outcome.changed());
        if (inPlace) {
            Rebuilder.Outcome data = outcome.then().get();
            assertFalse(data.failed(), data.errors().toString());
            changed.addAll(data.changed());
            int pages = htmlFiles(rebuilder.current()).size();
            assertTrue(outcome.changed().size() < pages / 2, "rendered again " + outcome.changed().size() + " of "
                    + pages + " pages");
        }
        assertSameAsBuild(outcome);
        return new Rebuilder.Outcome(outcome.site(), changed, outcome.errors(), outcome.warnings(), outcome.seconds(),
                outcome.then());
    }

    /** The site served is byte for byte what {@code vitrine build} writes from the sources as they are now. */
    private static void assertSameAsBuild(Rebuilder.Outcome outcome) {
        assertNotNull(outcome.site());
        Path built = dir.resolve("built-" + System.nanoTime());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Build(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8)).run(new Build.Options(project.root(), built, BASE, false));
        assertEquals(Build.OK, code, err.toString(StandardCharsets.UTF_8));
        TreeMap<String, byte[]> expected = tree(built);
        TreeMap<String, byte[]> actual = tree(rebuilder.current());
        expected.remove(Build.MARKER);
        actual.remove(Build.MARKER);
        assertEquals(expected.keySet(), actual.keySet(), "the files of the site");
        List<String> differ = new ArrayList<>();
        expected.forEach((file, bytes) -> {
            if (!java.util.Arrays.equals(bytes, actual.get(file))) {
                differ.add(file);
            }
        });
        assertEquals(List.of(), differ, "files that differ from a whole build's");
    }

    private static TreeMap<String, byte[]> tree(Path root) {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> htmlFiles(Path root) {
        return tree(root).keySet().stream().filter(f -> f.endsWith(".html")).toList();
    }
}
