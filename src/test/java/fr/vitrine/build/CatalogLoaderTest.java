package fr.vitrine.build;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading again only the files that changed gives what reading everything gives: the same catalog and the same
 * diagnostics (the privacy check's warnings, parse errors, and their disappearance once fixed).
 */
class CatalogLoaderTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final String ECOSANTE = "content/conventions/ecosante-delegation-dgpr-dgs.md";

    @TempDir
    Path dir;

    @Test
    void anUpdateGivesWhatAWholeLoadGives() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        SiteConfig config = SiteConfig.load(project.root(), dir.resolve("output"), true);
        CatalogLoader loader = new CatalogLoader();
        assertNotNull(loader.load(config, DAY, new Diagnostics()));
        Path ecosante = project.file(ECOSANTE);

        // A personal e-mail address in the text: a warning, and the address masked in the published text.
        String from = "Pour assurer ses missions, le délégataire";
        project.replace(ECOSANTE, from, "Écrire à jean.dupont@gmail.com. " + from);
        List<Diagnostic> warned = sameAsWholeLoad(loader, config, Set.of(ecosante), true);
        assertTrue(warned.stream().anyMatch(d -> d.file().equals(ecosante) && d.message().contains("e-mail")),
                warned.toString());

        // Broken front matter: the file can't be read; the error goes once it is fixed, and so does the warning.
        project.replace(ECOSANTE, "title: ", "title: [");
        assertTrue(sameAsWholeLoad(loader, config, Set.of(ecosante), false).stream()
                .anyMatch(d -> d.isError() && d.file().equals(ecosante)));
        project.replace(ECOSANTE, "title: [", "title: ");
        project.replace(ECOSANTE, "Écrire à jean.dupont@gmail.com. ", "");
        assertTrue(sameAsWholeLoad(loader, config, Set.of(ecosante), true).stream()
                .noneMatch(d -> d.file().equals(ecosante)));

        // A new convention, then gone again.
        Path copy = project.file("content/conventions/ecosante-copie.md");
        Files.writeString(copy, Files.readString(ecosante).replace("title: ", "title: Copie de ")
                .replace("id: ecosante-delegation-dgpr-dgs", "id: ecosante-copie"));
        sameAsWholeLoad(loader, config, Set.of(copy), true);
        Files.delete(copy);
        sameAsWholeLoad(loader, config, Set.of(copy), true);

        // Nothing changed: validated again.
        sameAsWholeLoad(loader, config, Set.of(), true);
    }

    @Test
    void onlyConventionsAndPagesAreUpdated() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        SiteConfig config = SiteConfig.load(project.root(), dir.resolve("output"), true);
        CatalogLoader loader = new CatalogLoader();
        assertFalse(loader.canUpdate(Set.of(project.file(ECOSANTE))), "before a whole load");
        loader.load(config, DAY, new Diagnostics());
        assertTrue(loader.canUpdate(Set.of(project.file(ECOSANTE), project.file("content/pages/a-propos.md"))));
        // An editor's swap file, and a file no record names: nothing a build reads.
        assertTrue(loader.canUpdate(Set.of(project.file("content/conventions/.ecosante.md.swp"),
                project.file("content/conventions/notes.txt"))));
        assertFalse(loader.canUpdate(Set.of(project.file("data/organisations.yml"))));
        assertFalse(loader.canUpdate(Set.of(project.file("jbake.properties"))));
        assertFalse(loader.canUpdate(Set.of(project.file("content/conventions"))), "a folder");
        assertFalse(loader.canUpdate(null), "unknown changes");
        // The original text a record names is read by the privacy check and published: read again from scratch.
        String text = Files.walk(project.file("content")).filter(p -> p.toString().endsWith(".pdf")
                || p.toString().endsWith(".txt")).map(Path::toString).findFirst().orElseThrow();
        assertFalse(loader.canUpdate(Set.of(Path.of(text))), text);
    }

    /** Updates after {@code changed}, loads everything afresh, and asserts both agree; returns the diagnostics. */
    private List<Diagnostic> sameAsWholeLoad(CatalogLoader loader, SiteConfig config, Set<Path> changed,
                                             boolean valid) {
        assertTrue(loader.canUpdate(changed), changed.toString());
        Diagnostics updated = new Diagnostics();
        Catalog incremental = loader.update(changed, DAY, updated);
        Diagnostics loaded = new Diagnostics();
        Catalog whole = new CatalogLoader().load(config, DAY, loaded);
        assertEquals(loaded.all(), updated.all());
        if (valid) {
            assertNotNull(whole, loaded.all().toString());
            assertEquals(whole.conventions(), incremental.conventions());
            assertEquals(whole.pages(), incremental.pages());
        } else {
            assertNull(whole);
            assertNull(incremental);
        }
        return updated.all();
    }
}
