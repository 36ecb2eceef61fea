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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        assertTrue(draft.contains("signed: 2020-03-05 # p. 4, l. "), draft);

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
        assertTrue(project.read("content/conventions/avenant-essai.md").contains("# parent: not found # the id of "
                + "the convention this avenant amends (Avenant n° 3 à la convention de partenariat): write it"));
        assertEquals("2020-09", r.get("signed").asText());
        assertEquals("P18M", r.get("duration").asText());
        assertEquals("cerema", r.get("parties").get(0).get("org").asText());
        // Not in data/organisations.yml: a proposed entry (id, name as written, line), printed and written beside.
        assertEquals("onf", r.get("parties").get(1).get("org").asText());
        assertTrue(project.read("content/conventions/avenant-essai.md").contains(
                "org: onf # l. 13 : « L'Office national des forêts (ONF), » is not in data/organisations.yml"));
        String proposed = project.read("content/conventions/avenant-essai.organisations.yml");
        assertTrue(proposed.contains("# l. 13 : « Office national des forêts (ONF) »"), proposed);
        assertTrue(proposed.contains("- id: \"onf\"\n  name: \"Office national des forêts (ONF)\"\n  acronym: \"ONF\""), proposed);
        assertTrue(run.out().contains("Organisations the text names that data/organisations.yml lacks"), run.out());
        assertEquals(60000, r.get("funding").get(0).get("amount").asInt());
        // The privacy check ran on the text: the mobile number and the personal e-mail address are flagged, not contact@.
        String path = text.toString();
        assertTrue(run.out().contains(path + ":23:"), run.out());
        assertTrue(run.out().contains("warning: phone number (mobile number) '06 1…' will be published"), run.out());
        assertTrue(run.out().contains("warning: personal e-mail address"), run.out());
        assertFalse(run.out().contains("'cont…'"), run.out());
        // The summary, then check's result on the project with the draft.
        assertTrue(run.out().contains("Draft written to "), run.out());
        assertTrue(run.out().contains("unknown organisation 'onf'"), run.out());

        // Figures and words that disagree: the amount stays unknown.
        Path wrong = dir.resolve("desaccord.txt");
        Files.writeString(wrong, Files.readString(text)
                .replace("(soixante mille euros)", "(six mille euros)"));
        assertEquals(0, run(project, wrong, "desaccord").code());
        assertEquals("unknown", record(project, "desaccord").get("funding").get(0).get("amount").asText());
    }

    /**
     * Each kind of line break in an imported text (in the title line, read into a value and its comment, and in the
     * line naming a party): before, a U+2028 ended the comment written after a value, so the words after it became a
     * real field ({@code summary: Texte injecté}) that check passed and the site published. (A PDF's text layer
     * is not read through the text reader: {@link DraftTest} writes each break in values and comments.)
     */
    @Test
    void noLineBreakInAnImportedTextCanAddAFieldToTheDraft() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        String seed = project.read("content/sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt");
        Map<String, String> breaks = new LinkedHashMap<>();
        breaks.put("line-separator", "\u2028");
        breaks.put("paragraph-separator", "\u2029");
        breaks.put("next-line", "\u0085");
        breaks.put("carriage-return", "\r");
        breaks.put("vertical-tab", "\u000B");
        for (Map.Entry<String, String> b : breaks.entrySet()) {
            String injected = b.getValue() + "summary: Texte injecté " + b.getKey();
            Path text = dir.resolve(b.getKey() + ".txt");
            Files.writeString(text, seed.replace("\nConvention de partenariat\n", "\nConvention de partenariat" + injected
                    + "\n").replace("Pascal Berteaud,", "Pascal Berteaud," + injected));
            Run run = run(project, text, b.getKey());
            if (b.getValue().matches("[\\u0085\\u000B]")) { // control characters: the text is refused at their place
                assertEquals(1, run.code(), run.out());
                assertTrue(run.out().contains(b.getKey() + ".txt:5:26: error: file contains the control character"), run.out());
                assertFalse(Files.exists(project.file("content/conventions/" + b.getKey() + ".md")));
                continue;
            }
            assertEquals(0, run.code(), run.out());
            String draft = project.read("content/conventions/" + b.getKey() + ".md");
            String frontMatter = FrontMatter.split(Path.of(b.getKey()), draft, new Diagnostics()).yaml();
            JsonNode record = YAML.readTree(frontMatter);
            assertFalse(record.has("summary"), b.getKey() + ": a field was injected:\n" + frontMatter);
            assertTrue(frontMatter.chars().noneMatch(c -> c == '\r' || c == 0x0B || c == 0x85 || c == 0x2028
                    || c == 0x2029), b.getKey() + ": a line break other than LF in the draft:\n" + frontMatter);
            // The comments still say where each value was read (a carriage return ends a line of the text).
            assertTrue(frontMatter.contains("kind: partenariat # l. 5 : « Convention de partenariat" + (b.getValue()
                    .equals("\r") ? "" : " summary: Texte injecté " + b.getKey()) + " »\n"), frontMatter);
        }
    }
}
