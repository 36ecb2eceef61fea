package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Incubator;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link Incubators} on incubator files in beta.gouv.fr's shape ({@code content/_incubators/*.md} there: title, owner
 * as « /organisations/id », website, address, highlighted_startups), beside the repository's project.
 */
class IncubatorsTest {

    @TempDir
    Path tmp;
    TestProject project;
    Diagnostics diagnostics = new Diagnostics();

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
        project.write("beta/_startups/.keep", "");
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.startups=beta/_startups\n");
    }

    private Incubator check(String id, String file) {
        project.write("beta/_incubators/" + id + ".md", file);
        SourceSet s = Records.read(project, diagnostics);
        return new Incubators(diagnostics).incubator(Records.byId(s.incubators(), id), Records.ids(s.organisations()));
    }

    @Test
    void anIncubatorWithItsOwnerFromTheRegistry() {
        Incubator i = check("dinum", "---\ntitle: Incubateur de services numériques\nowner: /organisations/dinum\n"
                + "website: https://beta.gouv.fr\naddress: 20 avenue de Ségur, 75007 Paris\nhighlighted_startups:\n"
                + "  - urbanvitaliz\n---\n");
        assertEquals("Incubateur de services numériques", i.name());
        assertEquals("dinum", i.owner());
        assertEquals("https://beta.gouv.fr", i.website());
        assertEquals(List.of("urbanvitaliz"), i.highlighted());
        assertEquals(List.of(), Records.messages(diagnostics));
    }

    @Test
    void theShortDescriptionsHtmlBecomesItsTextAsBetaGouvShowsIt() {
        Incubator i = check("anct", "---\ntitle: L'Incubateur des Territoires\nshort_description: Cet incubateur "
                + "accompagne les <span class=\"fr-text--bold\">projets territoriaux</span> &amp; les communs.\n---\n");
        assertEquals("Cet incubateur accompagne les projets territoriaux & les communs.", i.description());
        assertEquals(List.of(), Records.messages(diagnostics), "emphasis is expected there: no warning");
    }

    @Test
    void aHostileShortDescriptionKeepsItsTextOnlyWithAWarning() {
        Incubator i = check("hostile", "---\ntitle: Hostile\nshort_description: '<script>alert(1)</script>Bonjour "
                + "<img src=x onerror=\"alert(2)\"><a href=\"javascript:alert(3)\" onclick=\"alert(4)\">lien</a>"
                + "<style>p{}</style>'\n---\n");
        assertEquals("Bonjour lien", i.description());
        assertEquals(List.of("WARNING 3:20 HTML element(s) <img>, <script>, <style> dropped from 'short_description': "
                + "only its text is shown"), Records.messages(diagnostics));
    }

    @Test
    void anUnknownOwnerIsNotShownAndAMissingTitleGivesTheFileName() {
        Incubator i = check("ademe", "---\nowner: /organisations/ademe\n---\n");
        assertEquals("ademe", i.name());
        assertNull(i.owner());
        assertEquals(List.of("WARNING 2:1 no usable 'title': the file name 'ademe' is shown instead",
                "WARNING 2:8 unknown organisation 'ademe'; its file must be _organisations/ademe.md: owner not shown"),
                Records.messages(diagnostics));
    }
}
