package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Organisation;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Organisations} on the repository's registry, broken in one way, and merged with a beta.gouv.fr file. */
class OrganisationsTest {

    static final String ORGS = "data/organisations.yml";

    @TempDir
    Path tmp;
    TestProject project;
    Diagnostics diagnostics = new Diagnostics();

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
    }

    private Organisation check(String id) {
        SourceSet s = Records.read(project, diagnostics);
        return new Organisations(diagnostics).organisation(Records.byId(s.organisations(), id), Records.ids(s.organisations()));
    }

    @Test
    void everyEntryOfTheRegistryPasses() {
        SourceSet s = Records.read(project, diagnostics);
        Organisations rules = new Organisations(diagnostics);
        for (SourceRecord r : s.organisations()) {
            assertNotNull(rules.organisation(r, Records.ids(s.organisations())), r.id());
        }
        assertEquals(List.of(), Records.messages(diagnostics));
        Organisation dgpr = check("dgpr");
        assertEquals("mtes", dgpr.parent());
        assertEquals("DGPR", dgpr.acronym());
        assertNull(dgpr.siret(), "siret: unknown is no SIRET");
    }

    @Test
    void aSiretThatFailsItsCheckIsAnError() {
        int line = project.replace(ORGS, "  siret: unknown", "  siret: 130 025 265 00014");
        assertNull(check("services-premier-ministre"));
        List<String> messages = Records.messages(diagnostics);
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("ERROR " + line + ":10 SIRET '13002526500014' is invalid: "), messages.get(0));
        assertTrue(messages.get(0).endsWith("; write 'unknown' rather than a guess"), messages.get(0));
    }

    @Test
    void anUnknownParentWithTheNearestId() {
        int line = project.replace(ORGS, "  parent: mtes", "  parent: mte");
        assertNull(check("dgpr"));
        assertEquals(List.of("ERROR " + line + ":11 unknown organisation 'mte'; did you mean 'mtes'?"),
                Records.messages(diagnostics));
    }

    @Test
    void theProjectsValueWinsOverBetaGouvsWithAWarningWhenTheyDisagree() {
        project.write("beta/_organisations/dinum.md", "---\nname: DINUM\nacronym: DINUM\ntype: administration-centrale\n"
                + "---\n");
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.organisations=beta/_organisations\n");
        SourceSet s = Records.read(project, diagnostics);
        Organisations rules = new Organisations(diagnostics);
        List<SourceRecord> dinum = s.organisations().stream().filter(r -> "dinum".equals(r.id())).toList();
        assertEquals(2, dinum.size());
        SourceRecord mine = dinum.get(0).external() ? dinum.get(1) : dinum.get(0);
        SourceRecord theirs = dinum.get(0).external() ? dinum.get(0) : dinum.get(1);
        Organisation merged = rules.merge(rules.organisation(theirs, Records.ids(s.organisations())), theirs,
                rules.organisation(mine, Records.ids(s.organisations())), mine);
        assertEquals("Direction interministérielle du numérique", merged.name());
        assertEquals("services-premier-ministre", merged.parent());
        List<String> messages = Records.messages(diagnostics);
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("WARNING 2:7 organisation 'dinum': name 'DINUM' here, 'Direction "
                + "interministérielle du numérique' in "), messages.get(0));
    }
}
