package fr.vitrine.validate;

import fr.vitrine.testing.PreviousSite;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each test breaks one real input file in one way, builds, and checks: exit code 1, the message with its file,
 * line and column, and a previous site left exactly as it was.
 */
class MalformedInputTest {

    static final String SECONDE = "content/conventions/urbanvitaliz-seconde-convention.md";
    static final String ECOSANTE = "content/conventions/ecosante-delegation-dgpr-dgs.md";
    static final String AVENANT = "content/conventions/urbanvitaliz-avenant-1.md";
    static final String ORGS = "data/organisations.yml";
    static final String PRODUCT = "data/products/urbanvitaliz.md";

    @TempDir
    static Path shared;
    static PreviousSite previous;

    @TempDir
    Path tmp;
    TestProject project;
    Path output;

    @BeforeAll
    static void buildPreviousSite() {
        previous = PreviousSite.build(shared);
    }

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
        output = tmp.resolve("site");
        previous.copyTo(output);
    }

    private TestProject.Run assertFails(String file, int line, int column, String message) {
        return previous.assertBuildFails(project, output, file, line, column, message);
    }

    @Test
    void unknownOrganisationReference() {
        int line = project.replace(SECONDE, "  - org: cerema\n", "  - org: cerma\n");
        assertFails(SECONDE, line, 10, "unknown organisation 'cerma'; did you mean 'cerema'?");
    }

    @Test
    void obligationOwedByAnOrganisationThatIsNotAParty() {
        int line = project.replace(ECOSANTE, "    by: [dgpr, dgs, dinum]\n", "    by: [dgpr, cerema]\n");
        assertFails(ECOSANTE, line, 9, "'cerema' is not a party of this convention");
    }

    @Test
    void obligationBasisWithoutAParty() {
        int line = project.replace(ECOSANTE, "    by: dinum\n    by_basis:", "    by_basis:");
        assertFails(ECOSANTE, line, 15, "'by_basis' explains a party inferred from the context, but 'by' is missing");
    }

    @Test
    void obligationBasisOwedByAnOrganisationThatIsNotAParty() {
        int line = project.replace(ECOSANTE, "    by: dinum\n    by_basis:", "    by: cerema\n    by_basis:");
        assertFails(ECOSANTE, line, 9, "'cerema' is not a party of this convention");
    }

    @Test
    void unknownProductReference() {
        int line = project.replace(SECONDE, "products: [urbanvitaliz, reco-co]", "products: [urbanvitalis, reco-co]");
        assertFails(SECONDE, line, 12, "unknown product 'urbanvitalis'; did you mean 'urbanvitaliz'?");
    }

    @Test
    void duplicateOrganisationId() {
        String orgs = project.read(ORGS);
        project.write(ORGS, orgs + "\n- id: dinum\n  name: Doublon\n");
        int line = orgs.split("\n", -1).length + 1;
        assertFails(ORGS, line, 7, "duplicate organisation id 'dinum'");
    }

    @Test
    void missingRequiredField() {
        project.replace(ECOSANTE, "title: Convention de délégation de gestion entre la DGPR, la DGS et la DINUM pour Ecosanté\n", "");
        // Reported on the record itself, whose first field is its id.
        assertFails(ECOSANTE, project.lineOf(ECOSANTE, "id: "), 1, "missing required field 'title'");
    }

    @Test
    void wrongType() {
        int line = project.replace(ECOSANTE, "    amount: 100000\n", "    amount: true\n");
        assertFails(ECOSANTE, line, 13, "'amount' must be an amount in euros");
    }

    @Test
    void impossibleDate() {
        int line = project.replace(SECONDE, "ends: 2024-06-30", "ends: 2024-02-30");
        assertFails(SECONDE, line, 7, "impossible date: '2024-02-30' does not exist: 2024-02 has 29 days");
    }

    @Test
    void endBeforeStart() {
        int line = project.replace(ECOSANTE, "ends: unknown", "ends: 2019-12-31");
        assertFails(ECOSANTE, line, 7, "ends (2019-12-31) before it is signed (2020-03-05)");
    }

    @Test
    void negativeAmount() {
        int line = project.replace(AVENANT, "    amount: 200000", "    amount: -200000");
        assertFails(AVENANT, line, 13, "'amount' must be positive, got -200000");
    }

    @Test
    void nonNumericAmount() {
        int line = project.replace(AVENANT, "    amount: 200000", "    amount: deux cent mille");
        assertFails(AVENANT, line, 13, "'amount': 'deux cent mille' is not a number");
    }

    @Test
    void fundingLinesDoNotAddUpToTheStatedTotal() {
        int line = project.replace(ECOSANTE, "total: 200000", "total: 250000");
        assertFails(ECOSANTE, line, 8, "funding lines add up to 200000 €, not the stated total 250000 €");
    }

    @Test
    void scheduleDoesNotAddUpToTheLine() {
        project.replace(ECOSANTE, "        when: 2020-02\n        amount: 50000", "        when: 2020-02\n        amount: 40000");
        // Reported at the first installment of the DGS line's schedule.
        String text = project.read(ECOSANTE);
        int schedule = text.indexOf("    schedule:\n", text.indexOf("  - from: dgs"));
        int line = (int) text.substring(0, schedule).chars().filter(c -> c == '\n').count() + 2;
        assertFails(ECOSANTE, line, 7, "CP installments add up to 90000 €, not the line's 100000 €");
    }

    @Test
    void unknownKind() {
        int line = project.replace(SECONDE, "kind: partenariat", "kind: partenariats");
        assertFails(SECONDE, line, 7, "'partenariats' is not a valid kind; did you mean 'partenariat'?");
    }

    @Test
    void malformedYaml() {
        int line = project.replace(SECONDE, "title: Convention de partenariat", "title: \"Convention de partenariat");
        TestProject.Run run = project.build(output);
        assertEquals(1, run.exitCode());
        String d = run.diagnostics().get(0);
        assertTrue(d.contains("urbanvitaliz-seconde-convention.md:") && d.contains(": error: malformed YAML"), d);
        int reported = Integer.parseInt(d.split(":")[1]);
        assertTrue(reported >= line, "line " + reported + " is at or after the opening quote on line " + line);
        previous.assertUntouched(output);
    }

    @Test
    void unterminatedFrontMatter() {
        String text = project.read(AVENANT);
        project.write(AVENANT, text.replace("\n---\n", "\n"));
        assertFails(AVENANT, 1, 1, "front matter opened on line 1 is never closed");
    }

    @Test
    void avenantWhoseParentDoesNotExist() {
        int line = project.replace(AVENANT, "parent: urbanvitaliz-convention-initiale", "parent: urbanvitaliz-convention-initial");
        assertFails(AVENANT, line, 9, "unknown convention 'urbanvitaliz-convention-initial'; did you mean 'urbanvitaliz-convention-initiale'?");
    }

    @Test
    void fileThatIsNotUtf8() {
        String text = project.read(PRODUCT);
        project.writeBytes(PRODUCT, text.getBytes(Charset.forName("windows-1252")));
        // The first non-ASCII character is the 'é' of "réhabilitation" in the mission line.
        int expectedLine = (int) text.substring(0, text.indexOf('é')).chars().filter(c -> c == '\n').count() + 1;
        int expectedColumn = text.indexOf('é') - text.lastIndexOf('\n', text.indexOf('é'));
        assertFails(PRODUCT, expectedLine, expectedColumn, "file is not valid UTF-8 (byte 0xE9)");
    }

    @Test
    void unknownFieldWithSuggestion() {
        int line = project.replace(AVENANT, "funding:", "fundng:");
        assertFails(AVENANT, line, 1, "unknown field 'fundng'; did you mean 'funding'?");
    }

    @Test
    void duplicateYamlKey() {
        String marker = "signed: 2020-03-05";
        int line = project.replace(ECOSANTE, marker, marker + "\nsigned: 2020-03-06");
        assertFails(ECOSANTE, line + 1, 1, "duplicate key 'signed' (first written on line " + line + ")");
    }

    @Test
    void idNotMatchingFileName() {
        int line = project.replace(AVENANT, "id: urbanvitaliz-avenant-1", "id: urbanvitaliz-avenant-un");
        assertFails(AVENANT, line, 5, "does not match the file name 'urbanvitaliz-avenant-1.md'");
    }

    @Test
    void invalidSiret() {
        int line = project.replace(ORGS, "  acronym: DINUM\n  type: administration-centrale\n  parent: services-premier-ministre\n  siret: unknown",
                "  acronym: DINUM\n  type: administration-centrale\n  parent: services-premier-ministre\n  siret: \"12345678901234\"") + 3;
        assertFails(ORGS, line, 10, "SIRET '12345678901234' is invalid");
    }

    @Test
    void everyProblemOfEveryFileIsReportedInOneRun() {
        project.replace(SECONDE, "kind: partenariat", "kind: partenariats");
        project.replace(SECONDE, "ends: 2024-06-30", "ends: 2024-13-01");
        project.replace(AVENANT, "    amount: 200000", "    amount: -1");
        project.replace(ORGS, "  name: Direction générale de la santé\n", "");
        TestProject.Run run = project.build(output);
        assertEquals(1, run.exitCode());
        List<String> errors = run.diagnostics();
        assertTrue(errors.stream().anyMatch(d -> d.contains("not a valid kind")), run.err());
        assertTrue(errors.stream().anyMatch(d -> d.contains("has no month 13")), run.err());
        assertTrue(errors.stream().anyMatch(d -> d.contains("must be positive")), run.err());
        assertTrue(errors.stream().anyMatch(d -> d.contains("missing required field 'name'")), run.err());
        assertTrue(run.err().contains(errors.size() + " error(s)"), run.err());
        previous.assertUntouched(output);
    }

    /** The example of the manual's "Command line" page is what a build prints for those two mistakes. */
    @Test
    void theManualsExampleIsWhatABuildPrints() throws IOException {
        String readme = Files.readString(TestProject.REPO.resolve("docs/command-line.md"));
        int at = readme.indexOf("Every problem of every file is reported in one run");
        int start = readme.indexOf("```\n", at) + 4;
        List<String> shown = readme.substring(start, readme.indexOf("```", start)).lines().toList();
        project.replace(AVENANT, "parent: urbanvitaliz-convention-initiale", "parent: urbanvitaliz-convention-initial");
        project.replace(ECOSANTE, "total: 200000", "total: 250000");
        TestProject.Run run = project.build(output);
        List<String> printed = run.err().lines().toList();
        assertEquals(shown.size(), printed.size(), run.err());
        for (int i = 0; i < shown.size(); i++) {
            assertTrue(printed.get(i).endsWith(shown.get(i)), "docs/command-line.md shows\n" + shown.get(i) + "\nbuild prints\n" + printed.get(i));
        }
    }

    @Test
    void checkReportsTheSameProblemsAndWritesNothing() {
        project.replace(SECONDE, "kind: partenariat", "kind: partenariats");
        TestProject.Run run = project.check();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("not a valid kind"), run.err());
        // check never writes a site, so it does not talk about one.
        assertTrue(run.err().endsWith("1 error(s), 0 warning(s): fix them and run check again.\n"),
                run.err());
        assertTrue(!Files.exists(project.root().resolve("output")));
    }
}
