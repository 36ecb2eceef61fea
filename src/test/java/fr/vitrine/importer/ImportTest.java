package fr.vitrine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vitrine.build.Build;
import fr.vitrine.cli.Main;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.read.FrontMatter;
import fr.vitrine.testing.Pdfs;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vitrine import} on PDFs (with and without a text layer), refusals, and the value rules. */
class ImportTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ECOSANTE = "content/sources/convention-delegation-dgpr-dgs-dinum-ecosante.txt";

    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private static Run run(TestProject project, Path file, String id) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new Importer(print, print, new Build(print, print)::check).run(project.root(), file, id);
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode record(TestProject project, String id) throws IOException {
        String text = project.read("content/conventions/" + id + ".md");
        return YAML.readTree(FrontMatter.split(Path.of(id), text, new Diagnostics()).yaml());
    }

    @Test
    void aPdfMadeFromTheEcosanteTextIsDraftedWithoutItsPageHeadersFootersAndNumbers() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        List<String> lines = project.read(ECOSANTE).lines().toList();
        List<List<String>> pages = new ArrayList<>();
        int perPage = 70;
        int count = (lines.size() + perPage - 1) / perPage;
        for (int p = 0; p < count; p++) {
            List<String> page = new ArrayList<>();
            page.add("Convention DGPR - DGS - DINUM : Ecosanté");
            page.add("");
            page.addAll(lines.subList(p * perPage, Math.min(lines.size(), (p + 1) * perPage)));
            page.add("");
            page.add("Page " + (p + 1) + " / " + count);
            pages.add(page);
        }
        Path pdf = dir.resolve("ecosante.pdf");
        Pdfs.write(pdf, pages);
        Run run = run(project, pdf, "ecosante-pdf");
        assertEquals(0, run.code(), run.out());
        String draft = project.read("content/conventions/ecosante-pdf.md");
        String body = draft.substring(draft.indexOf("\n---\n") + 5);
        assertFalse(body.contains("Page 2 / "), body);
        assertFalse(body.contains("Convention DGPR - DGS - DINUM"), body);
        assertTrue(body.contains("## Article 5 : Exécution financière de la délégation"), body);
        assertTrue(draft.contains("signed: 2020-03-05   # p. 4, l. "), draft);

        // Compared with the hand-written record: nothing wrong; the text layer loses the tables' cells, so the
        // AE/CP schedule and the Chorus table may stay unknown.
        JsonNode hand = YAML.readTree(FrontMatter.split(Path.of("x"), project.read(
                "content/conventions/ecosante-delegation-dgpr-dgs.md"), new Diagnostics()).yaml());
        ImportQualityTest.Score s = ImportQualityTest.compare(hand, record(project, "ecosante-pdf"));
        assertEquals(List.of(), s.wrongs());
        assertTrue(s.right() >= 0.6 * s.filled(), s.right() + " of " + s.filled() + ": " + s.unknowns());
        System.out.println("PDF import: " + s.right() + " right of " + s.filled() + ", unknown: " + s.unknowns());
    }

    @Test
    void aPdfWithoutATextLayerIsRefusedWithWhatToDo() {
        TestProject project = TestProject.copyOfRepository(dir);
        Path pdf = dir.resolve("scan.pdf");
        Pdfs.scan(pdf);
        Run run = run(project, pdf, "scan");
        assertEquals(1, run.code());
        assertTrue(run.out().contains("scan.pdf:1:1: error: this PDF has no text layer (1 page of images, probably a "
                + "scan): run OCR on it first"), run.out());
        assertFalse(Files.exists(project.file("content/conventions/scan.md")));
    }

    @Test
    void anExistingRecordIsNeverOverwritten() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Path record = project.file("content/conventions/ecosante-delegation-dgpr-dgs.md");
        byte[] before = Files.readAllBytes(record);
        Run run = run(project, project.file(ECOSANTE), "ecosante-delegation-dgpr-dgs");
        assertEquals(1, run.code());
        assertTrue(run.out().contains("ecosante-delegation-dgpr-dgs.md:1:1: error: this record already exists; import "
                + "never overwrites"), run.out());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(record)));
        // The command line: unreadable kinds of file are a usage error.
        Path docx = dir.resolve("convention.docx");
        Files.writeString(docx, "x");
        assertEquals(2, Main.run("import", "--source", project.root().toString(), docx.toString()));
    }

    @Test
    void valuesAreDraftedOnlyWhenTheTextSaysThem() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Path text = dir.resolve("avenant.txt");
        Files.writeString(text, """
                Avenant n° 3 à la convention de partenariat

                Entre

                Le Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et l'aménagement (Cerema),

                Représenté par son directeur général Pascal Berteaud,

                Ci-après dénommé « le Cerema »

                Et

                L'Office national des forêts (ONF),

                Ci-après dénommé « l'ONF »

                Article 1 : Objet

                Le présent avenant porte la participation financière du Cerema à 60 000 euros (soixante mille euros). Il est conclu pour une durée de 18 mois.

                Article 2 : Contact

                Le suivi est assuré par Jeanne Martin, joignable au 06 12 34 56 78 et à jeanne.martin@cerema.fr, ou par contact@cerema.fr.

                Fait à Lyon, signée en septembre 2020
                """);
        Run run = run(project, text, "avenant-essai");
        assertEquals(0, run.code(), run.out());
        JsonNode r = record(project, "avenant-essai");
        assertEquals("avenant", r.get("kind").asText());
        assertTrue(project.read("content/conventions/avenant-essai.md").contains("# parent: not found   # the id of "
                + "the convention this avenant amends (Avenant n° 3 à la convention de partenariat): write it"));
        assertEquals("2020-09", r.get("signed").asText());
        assertEquals("P18M", r.get("duration").asText());
        assertEquals("cerema", r.get("parties").get(0).get("org").asText());
        // Not in data/organisations.yml: unknown, with the name found in a comment.
        assertEquals("unknown", r.get("parties").get(1).get("org").asText());
        assertTrue(project.read("content/conventions/avenant-essai.md").contains(
                "org: unknown   # l. 13 : « L'Office national des forêts (ONF), » is not in data/organisations.yml"));
        assertEquals(60000, r.get("funding").get(0).get("amount").asInt());
        // The privacy check ran on the text: the mobile number and the personal e-mail address are flagged, not contact@.
        String path = text.toString();
        assertTrue(run.out().contains(path + ":23:"), run.out());
        assertTrue(run.out().contains("warning: phone number (mobile number) '06 1…' will be published"), run.out());
        assertTrue(run.out().contains("warning: personal e-mail address"), run.out());
        assertFalse(run.out().contains("'cont…'"), run.out());
        // The summary, then check's result on the project with the draft.
        assertTrue(run.out().contains("Draft written to "), run.out());
        assertTrue(run.out().contains("unknown organisation 'unknown'"), run.out());

        // Figures and words that disagree: the amount stays unknown.
        Path wrong = dir.resolve("desaccord.txt");
        Files.writeString(wrong, Files.readString(text)
                .replace("(soixante mille euros)", "(six mille euros)"));
        assertEquals(0, run(project, wrong, "desaccord").code());
        assertEquals("unknown", record(project, "desaccord").get("funding").get(0).get("amount").asText());
    }
}
