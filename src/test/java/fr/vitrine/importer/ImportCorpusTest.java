package fr.vitrine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vitrine.build.Build;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.importer.Draft.Value;
import fr.vitrine.privacy.Policy;
import fr.vitrine.read.FrontMatter;
import fr.vitrine.read.PdfText;
import fr.vitrine.read.SiteConfig;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vitrine import} on the real texts of {@code import-corpus/} (both halves), in a fresh {@code vitrine init}
 * project: nothing invented (no value drafted where the truth says {@code unknown} or names nothing), and the
 * evaluation table written to {@code target/import-eval.md} (the benchmark {@code bench/import-eval} prints).
 */
class ImportCorpusTest {

    @TempDir
    Path dir;

    @Test
    void nothingIsDraftedThatTheTextDoesNotSayAndTheTableIsWritten() throws IOException {
        Path project = ImportEval.freshProject(dir);
        Map<String, Boolean> texts = ImportEval.texts(ImportEval.CORPUS);
        assertTrue(texts.size() >= 30, "the corpus holds " + texts.size() + " texts");
        List<ImportEval.Outcome> development = new ArrayList<>();
        List<ImportEval.Outcome> evaluation = new ArrayList<>();
        List<ImportEval.Outcome> unseen = new ArrayList<>();
        List<String> invented = new ArrayList<>();
        for (Map.Entry<String, Boolean> t : texts.entrySet()) {
            for (ImportEval.Outcome o : outcomes(project, ImportEval.CORPUS, t.getKey(), invented)) {
                (t.getValue() ? evaluation : development).add(o);
            }
        }
        Map<String, Boolean> fresh = ImportEval.texts(ImportEval.UNSEEN);
        for (String t : fresh.keySet()) {
            unseen.addAll(outcomes(project, ImportEval.UNSEEN, t, invented));
        }
        String report = "## Unseen texts (" + fresh.size() + " texts, import-corpus-unseen/)\n\n" + ImportEval.table(unseen)
                + "\n## Evaluation half (" + texts.values().stream().filter(b -> b).count() + " texts)\n\n"
                + ImportEval.table(evaluation) + "\n## Development half ("
                + texts.values().stream().filter(b -> !b).count() + " texts)\n\n" + ImportEval.table(development)
                + "\n## Every wrong value and every miss\n\n" + String.join("\n",
                        java.util.stream.Stream.of(unseen, evaluation, development).flatMap(List::stream)
                                .filter(o -> !o.result().equals("right")).map(o -> "- " + o).toList()) + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/import-eval.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
        assertEquals(List.of(), invented, "values drafted that the texts do not state");
    }

    private static List<ImportEval.Outcome> outcomes(Path project, Path corpus, String text, List<String> invented)
            throws IOException {
        List<ImportEval.Outcome> out = ImportEval.compare(corpus, text,
                ImportEval.draft(project, corpus.resolve(text).resolve("text.txt")));
        for (ImportEval.Outcome o : out) {
            if (o.result().equals("wrong") && List.of("unknown", "none", "no such party").contains(o.truth())) {
                invented.add(o.toString());
            }
        }
        return out;
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** {@code vitrine import} as the command line runs it; the draft's front matter. */
    private static JsonNode imported(Path project, Path file, String id, List<String> output) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new Importer(print, print, new Build(print, print)::check).run(project, file, id);
        output.add(bytes.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, output.get(output.size() - 1));
        String text = Files.readString(project.resolve("content/conventions/" + id + ".md"), StandardCharsets.UTF_8);
        return YAML.readTree(FrontMatter.split(Path.of(id), text, new Diagnostics()).yaml());
    }

    private static Path dev(String folder) {
        return ImportEval.CORPUS.resolve(folder).resolve("text.txt");
    }

    @Test
    void oneActOfEachKindEndToEndInAFreshProject() throws IOException {
        Path project = ImportEval.freshProject(dir);
        List<String> out = new ArrayList<>();

        JsonNode delegation = imported(project, dev("jorf-2024-delegation-mildeca-dga"), "mildeca", out);
        assertEquals("delegation-de-gestion", delegation.get("kind").asText());
        assertEquals("2023-11-24", delegation.get("signed").asText());
        assertEquals("Convention du 24 novembre 2023", delegation.get("title").asText());
        assertEquals(5, delegation.get("parties").size());
        assertEquals("mildeca", delegation.get("parties").get(0).get("org").asText());
        assertEquals("délégataire", delegation.get("parties").get(3).get("role").asText());
        // Its programme, named in a visa, is kept on a line whose payer and amount are left to write.
        assertEquals("129", delegation.get("funding").get(0).get("imputation").get("programme").asText());
        String proposed = Files.readString(project.resolve("content/conventions/mildeca.organisations.yml"));
        assertTrue(proposed.contains("- id: \"mildeca\"\n  name: \"mission interministérielle de lutte contre les drogues et "
                + "les conduites addictives (MILDECA)\"\n  acronym: \"MILDECA\""), proposed);
        // Registry-shaped: it reads back as the list of entries to paste into data/organisations.yml.
        assertEquals(5, YAML.readTree(proposed).size());
        assertTrue(out.get(0).contains("Organisations the text names that data/organisations.yml lacks"), out.get(0));

        JsonNode partenariat = imported(project, dev("local-upjv-lycee-thuillier-partenariat"), "upjv", out);
        assertEquals("partenariat", partenariat.get("kind").asText());
        assertEquals("Michel BRAZIER", partenariat.get("parties").get(0).get("representative").get("name").asText());
        assertEquals("partenaire", partenariat.get("parties").get(1).get("role").asText());

        JsonNode subvention = imported(project, dev("lawinsider-fast-14-dinum-gip-inclusion"), "fast-14", out);
        assertEquals("subvention", subvention.get("kind").asText());
        assertEquals("dinum", subvention.get("parties").get(0).get("org").asText());
        // « Madame Xxxxxxxxx Xxxxxx »: masked in the published copy, so unknown, with a comment saying so.
        assertEquals("unknown", subvention.get("parties").get(0).get("representative").get("name").asText());
        assertTrue(Files.readString(project.resolve("content/conventions/fast-14.md")).contains("masked in this copy"));

        JsonNode avenant = imported(project, dev("jorf-2019-avenant-1-etat-cdc-fonds-innovation"), "avenant-cdc", out);
        assertEquals("avenant", avenant.get("kind").asText());
        assertEquals("Eric Lombard", avenant.get("parties").get(1).get("representative").get("name").asText());

        JsonNode sea = imported(project, dev("bo-armees-2007-sea-snoi"), "sea", out);
        assertEquals("17865C", sea.get("funding").get(0).get("imputation").get("bop").asText());
        JsonNode daj = imported(project, dev("bo-education-2016-daj-csp-sdlac"), "daj", out);
        assertEquals("214", daj.get("funding").get(0).get("imputation").get("programme").asText());
        assertEquals("DAJ", daj.get("funding").get(0).get("imputation").get("uo").asText());
    }

    @Test
    void theBundledTextsKeepEveryAmountInAFreshInitProject() throws IOException {
        Path project = ImportEval.freshProject(dir);
        List<String> out = new ArrayList<>();
        JsonNode eco = imported(project, TestProject.REPO.resolve("content/sources/convention-delegation-dgpr-dgs-dinum-ecosante.txt"),
                "ecosante", out);
        assertEquals(List.of("dgpr:100000", "dgs:100000"), lines(eco));
        JsonNode uv = imported(project, TestProject.REPO.resolve("content/sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt"),
                "urbanvitaliz", out);
        assertEquals(List.of("cerema:475000"), lines(uv));
        // The text states its total (l. 125): the draft says so, whoever pays.
        assertEquals(475000, uv.get("total").asInt());
    }

    private static List<String> lines(JsonNode record) {
        List<String> out = new ArrayList<>();
        record.get("funding").forEach(l -> out.add(l.get("from").asText() + ":" + l.path("amount").asText()));
        return out;
    }

    @Test
    void thePdfOfAnActGivesTheSameDraftAsItsText() throws Exception {
        Path project = ImportEval.freshProject(dir);
        SiteConfig config = SiteConfig.load(project, project.resolve("output"), true);
        for (String folder : List.of("jorf-2024-delegation-mildeca-dga", "jorf-2015-delegation-dgscgc-dga",
                "bo-armees-2007-sea-snoi", "local-upjv-lycee-thuillier-partenariat", "bo-education-2016-daj-csp-sdlac")) {
            String raw = Files.readString(dev(folder), StandardCharsets.UTF_8);
            Path pdf = dir.resolve(folder + ".pdf");
            Pdfs.writeEmbedded(pdf, raw.lines().toList());
            Map<String, Object> fromText = values(Importer.draft(SignedText.ofText(raw), config, "x", null, Map.of(),
                    Policy.of(config, new Diagnostics())));
            Map<String, Object> fromPdf = values(Importer.draft(SignedText.ofPages(PdfText.pages(pdf)), config, "x", null,
                    Map.of(), Policy.of(config, new Diagnostics())));
            assertEquals(fromText, fromPdf, folder);
        }
    }

    /** The draft's values without their comments (a PDF's say « p. 1, l. 7 » where a text's say « l. 7 »). */
    private static Map<String, Object> values(Importer.Result r) {
        Map<String, Object> out = new java.util.TreeMap<>();
        r.values().forEach((k, v) -> out.put(k, Draft.missing(v) ? "unknown" : v.value()));
        return out;
    }
}
