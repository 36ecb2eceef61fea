package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Kind;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link Conventions} on the repository's conventions, each broken in one way. */
class ConventionsTest {

    static final String ECOSANTE = "content/conventions/ecosante-delegation-dgpr-dgs.md";

    @TempDir
    Path tmp;
    TestProject project;
    Diagnostics diagnostics = new Diagnostics();

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
    }

    private Convention check(String id, Set<String> skippedProducts) {
        SourceSet s = Records.read(project, diagnostics);
        return new Conventions(diagnostics, project.root().resolve("content"), Set.of(), skippedProducts).convention(
                Records.byId(s.conventions(), id), Records.ids(s.organisations()), Records.ids(s.products()),
                Records.ids(s.conventions()));
    }

    @Test
    void everyConventionOfTheRepositoryPasses() {
        SourceSet s = Records.read(project, diagnostics);
        Conventions rules = new Conventions(diagnostics, project.root().resolve("content"), Set.of(), Set.of());
        for (SourceRecord r : s.conventions()) {
            assertNotNull(rules.convention(r, Records.ids(s.organisations()), Records.ids(s.products()),
                    Records.ids(s.conventions())), r.id());
        }
        assertEquals(List.of(), Records.messages(diagnostics));
        Convention ecosante = check("ecosante-delegation-dgpr-dgs", Set.of());
        assertEquals(Kind.DELEGATION_DE_GESTION, ecosante.kind());
        assertEquals(List.of("dgpr", "dgs", "dinum"), ecosante.parties().stream().map(p -> p.org()).toList());
        assertEquals(List.of("recosante"), ecosante.products());
    }

    @Test
    void aSubsidyDescribesOnlyASubvention() {
        int line = project.replace(ECOSANTE, "products: [recosante]\n", "products: [recosante]\nsubsidy:\n  pourcentage: 0.5\n");
        assertNull(check("ecosante-delegation-dgpr-dgs", Set.of()));
        assertEquals(List.of("ERROR " + (line + 2) + ":3 'subsidy' describes a convention of kind subvention; set kind: "
                + "subvention or remove it"), Records.messages(diagnostics));
    }

    @Test
    void endsBeforeItIsSigned() {
        int line = project.replace(ECOSANTE, "ends: unknown ", "ends: 2019-12-31");
        assertNull(check("ecosante-delegation-dgpr-dgs", Set.of()));
        assertEquals(List.of("ERROR " + line + ":7 ends (2019-12-31) before it is signed (2020-03-05)"),
                Records.messages(diagnostics));
    }

    @Test
    void aProductWhoseFileWasSkippedIsNotPublished() {
        assertNull(check("ecosante-delegation-dgpr-dgs", Set.of("recosante")));
        assertEquals(List.of("ERROR 34:12 product 'recosante' is not published: its file was skipped (see the problem "
                + "reported on it); fix that file"), Records.messages(diagnostics));
    }

    @Test
    void avenantsThatAmendEachOtherInALoop() {
        String initiale = "content/conventions/urbanvitaliz-convention-initiale.md";
        project.replace(initiale, "kind: unknown ", "kind: avenant\nparent: urbanvitaliz-avenant-1\n#");
        SourceSet s = Records.read(project, diagnostics);
        Conventions rules = new Conventions(diagnostics, project.root().resolve("content"), Set.of(), Set.of());
        List<Convention> conventions = new ArrayList<>();
        Map<String, SourceRecord> sources = new HashMap<>();
        for (SourceRecord r : s.conventions()) {
            conventions.add(rules.convention(r, Records.ids(s.organisations()), Records.ids(s.products()),
                    Records.ids(s.conventions())));
            sources.put(r.id(), r);
        }
        assertEquals(List.of(), Records.messages(diagnostics));
        rules.checkAvenantCycles(conventions, sources);
        // Each convention of the loop is reported, at its parent.
        assertEquals(List.of("ERROR 6:9 avenants amend each other in a loop: urbanvitaliz-avenant-1 → "
                + "urbanvitaliz-convention-initiale → urbanvitaliz-avenant-1", "ERROR 6:9 avenants amend each other in a "
                + "loop: urbanvitaliz-convention-initiale → urbanvitaliz-avenant-1 → urbanvitaliz-convention-initiale"),
                Records.messages(diagnostics).stream().sorted().toList());
    }
}
