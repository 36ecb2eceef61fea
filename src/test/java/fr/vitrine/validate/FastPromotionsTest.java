package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.FastPromotion;
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
 * {@link FastPromotions} on FAST promotion files in beta.gouv.fr's shape ({@code content/_fasts/}: « 01-fast.md »,
 * « 05_fast.md », a title « FAST 5 - Octobre 2020 » and no number field), beside the repository's project.
 */
class FastPromotionsTest {

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

    private FastPromotion check(String id, String file) {
        project.write("beta/_fasts/" + id + ".md", file);
        SourceSet s = Records.read(project, diagnostics);
        return new FastPromotions(diagnostics).fast(Records.byId(s.fasts(), id));
    }

    @Test
    void theNumberAndMonthFromTheTitle() {
        // A file name without a number: the title's.
        FastPromotion fast = check("fast-automne", "---\ntitle: FAST 5 - Octobre 2020\nsidebar: sidebar-fast.html\n"
                + "---\n\n# FAST 5 - Octobre 2020\n");
        assertEquals(5, fast.number());
        assertEquals("2020-10", fast.date().toString());
        assertEquals(List.of(), Records.messages(diagnostics));
    }

    @Test
    void theNumberFromTheFileNameWhenTheTitleHasNone() {
        FastPromotion fast = check("07_fast", "---\ntitle: Promotion de printemps\n---\n");
        assertEquals(7, fast.number());
        assertNull(fast.date());
        assertEquals("Promotion de printemps", fast.title());
    }

    @Test
    void withoutANumberTheFileIsSkipped() {
        assertNull(check("speciale", "---\ntitle: Promotion spéciale\n---\n"));
        assertEquals(List.of("WARNING 2:1 no promotion number in 'promotion', the title or the file name (record "
                + "skipped)"), Records.messages(diagnostics));
    }
}
