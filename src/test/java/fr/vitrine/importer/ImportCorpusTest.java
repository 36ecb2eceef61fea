package fr.vitrine.importer;

import fr.vitrine.importer.Draft.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
}
