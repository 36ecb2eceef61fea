package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Page;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Pages} on the repository's pages, each broken in one way. */
class PagesTest {

    @TempDir
    Path tmp;
    TestProject project;
    Diagnostics diagnostics = new Diagnostics();

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
    }

    private Page check(String id) {
        SourceSet s = Records.read(project, diagnostics);
        return new Pages(diagnostics).page(Records.byId(s.pages(), id));
    }

    @Test
    void theRepositorysPagesPass() {
        Page about = check("a-propos");
        assertEquals("À propos", about.title());
        assertEquals("Ce que publie ce site, d'où viennent ses données et comment les réutiliser.", about.description());
        assertTrue(about.bodyHtml().contains("<strong>conventions</strong>"), about.bodyHtml());
        assertEquals("Accessibilité", check("accessibilite").title());
        assertEquals(List.of(), Records.messages(diagnostics));
    }

    @Test
    void aPageWithoutTitle() {
        project.replace("content/pages/a-propos.md", "title: À propos\n", "");
        assertNull(check("a-propos"));
        assertEquals(List.of("ERROR 2:1 missing required field 'title'"), Records.messages(diagnostics));
    }

    @Test
    void aFileNameThatCannotBeAnAddress() {
        project.write("content/pages/Contact.md", project.read("content/pages/a-propos.md"));
        assertNull(check("Contact"));
        assertEquals(List.of("ERROR 2:1 file name 'Contact.md' can't be used as an id: use at most 100 lower-case letters, "
                + "digits and hyphens"), Records.messages(diagnostics));
        project.write("content/pages/aux.md", project.read("content/pages/a-propos.md"));
        diagnostics = new Diagnostics();
        assertNull(check("aux"));
        assertEquals(List.of("ERROR 2:1 file name 'aux.md' can't be used as an id: 'aux' is a device name on Windows; "
                + "choose a longer name"), Records.messages(diagnostics));
    }
}
