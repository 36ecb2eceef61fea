package fr.vitrine.privacy;

import fr.vitrine.testing.Pdfs;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The privacy check on the bundled project: what the site publishes, and what check and build report. */
class PrivacySiteTest {

    static final String SECONDE = "content/conventions/urbanvitaliz-seconde-convention.md";
    static final String SOURCE = "content/sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt";
    static final String DECISION = "privacy: {rib: redact}\n";
    static final String MARK = "[coordonnées bancaires masquées]";

    /** Each bank account of the seconde convention, in every form it could be written. */
    static final List<String> ACCOUNTS = List.of(
            "00000092441", "00001004887",                                      // account numbers
            "30001 00064 00000092441 40", "30001000640000009244140",            // RIB of the CBCM
            "10071 69000 00001004887 50", "10071690000000100488750",            // RIB of the Cerema
            "FR7630001000640000009244140", "FR76 3000 1000 6400 0000 9244 140", // their IBANs
            "FR7610071690000000100488750", "FR76 1007 1690 0000 0010 0488 750");

    @TempDir
    Path dir;

    @Test
    void theBundledSitePublishesNeitherBankAccountAndShowsTheMarkInEveryCopy() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Path output = dir.resolve("site");
        TestProject.Run run = project.build(output);
        assertEquals(0, run.exitCode(), run.err());
        // The record states its decision (privacy: {rib: redact}): nothing left to warn about.
        assertEquals(List.of(), run.diagnostics());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(output)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String account : ACCOUNTS) {
                assertFalse(text.contains(account), output.relativize(f) + " publishes " + account);
            }
        }
        Path page = output.resolve("conventions/urbanvitaliz-seconde-convention");
        for (String copy : List.of("index.html", "urbanvitaliz-seconde-convention.md",
                "convention-partenariat-cerema-dinum-urbanvitaliz.txt")) {
            String text = Files.readString(page.resolve(copy)).replace('\u202F', ' '); // the page's narrow spaces
            assertEquals(2, text.split(java.util.regex.Pattern.quote(MARK), -1).length - 1, copy);
            assertTrue(text.contains("Titulaire : Cerema Domiciliation : TPLYON"), copy + ": only the numbers are masked");
        }
        // The data never hold the mark.
        assertFalse(Files.readString(page.resolve("urbanvitaliz-seconde-convention.json")).contains("masquées"));
        // The copied source keeps its lines: what followed the masked block is still on its line.
        List<String> source = Files.readAllLines(page.resolve("convention-partenariat-cerema-dinum-urbanvitaliz.txt"));
        assertEquals(project.lineOf(SOURCE, "5.6 Compte-rendu de gestion"), source.indexOf("5.6 Compte-rendu de gestion") + 1);
    }

    @Test
    void withoutTheRecordsDecisionEachAccountIsAWarningAtItsPlaceAndStillMasked() {
        TestProject project = TestProject.copyOfRepository(dir);
        project.replace(SECONDE, DECISION, "");
        TestProject.Run run = project.check();
        assertEquals(0, run.exitCode(), run.err());
        String md = project.file(SECONDE).toString();
        String txt = project.file(SOURCE).toString();
        int mdLine = project.lineOf(SECONDE, "Code Banque : 30001");
        int txtLine = project.lineOf(SOURCE, "Code Banque : 10071");
        int column = "Titulaire : SCBCM SERVICES PREMIER MINISTRE Domiciliation : DGO DSB SEGPS – 2310 31 RUE CROIX DES PETITS-CHAMPS PARIS 1ER ".length() + 1;
        List<String> d = run.diagnostics();
        assertEquals(4, d.size(), run.err());
        assertTrue(d.contains(md + ":" + mdLine + ":" + column + ": warning: bank account (RIB) (banque 30001, clé RIB "
                + "checked) 'Code…': masked as « " + MARK + " » in every published copy; write 'privacy: {rib: redact}' "
                + "in the record to record this decision, or 'privacy: {rib: allow}' to publish it"), d.toString());
        assertTrue(d.stream().anyMatch(l -> l.startsWith(txt + ":" + txtLine + ":")), d.toString());
    }

    @Test
    void allowPublishesTheAccountAndABadModeIsAnErrorAtItsLine() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        project.replace(SECONDE, DECISION, "privacy: {rib: allow}\n");
        Path output = dir.resolve("site");
        assertEquals(0, project.build(output).exitCode());
        assertTrue(Files.readString(output.resolve("conventions/urbanvitaliz-seconde-convention/index.html"))
                .contains("00000092441"));

        project.write("jbake.properties", project.read("jbake.properties") + "vitrine.privacy.iban=hide\n");
        int line = project.lineOf("jbake.properties", "vitrine.privacy.iban");
        int at = project.replace(SECONDE, "privacy: {rib: allow}", "privacy: {rib: masquer}");
        TestProject.Run run = project.check();
        assertEquals(1, run.exitCode());
        assertTrue(run.diagnostics().contains(project.file("jbake.properties") + ":" + line
                + ":1: error: 'hide' is not a valid vitrine.privacy.iban (allowed: redact, warn, allow)"), run.err());
        assertTrue(run.diagnostics().contains(project.file(SECONDE) + ":" + at
                + ":16: error: 'masquer' is not a valid privacy.rib (allowed: redact, warn, allow)"), run.err());
    }

    @Test
    void aValueToRedactInTheRecordsDataIsAnErrorNotAMaskedValue() {
        TestProject project = TestProject.copyOfRepository(dir);
        int line = project.replace(SECONDE, "      note: >-\n        Fonds de concours",
                "      note: >-\n        IBAN FR76 3000 1000 6400 0000 9244 140. Fonds de concours");
        TestProject.Run run = project.check();
        assertEquals(1, run.exitCode());
        assertTrue(run.diagnostics().stream().anyMatch(l -> l.startsWith(project.file(SECONDE) + ":" + (line + 1)
                + ":14: error: IBAN (key checked (ISO 13616 mod 97)) 'FR76…' in the record's data")), run.err());
    }

    @Test
    void aPdfSourceThatHoldsABankAccountIsRefusedBecauseItCannotBeMasked() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Pdfs.write(project.file("content/sources/seconde.pdf"), List.of(
                List.of("Convention de partenariat", "Article 5.3"),
                List.of("Titulaire : Cerema Code Banque : 10071 Code Guichet : 69000 N°Compte : 00001004887 Clé RIB : 50")));
        project.replace(SECONDE, "text: sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt", "text: sources/seconde.pdf");
        TestProject.Run run = project.check();
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.diagnostics().stream().anyMatch(l -> l.startsWith(project.file("content/sources/seconde.pdf")
                + ":1:1: error: page 2, line 1: bank account (RIB)") && l.contains("can't be masked")), run.err());
    }
}
