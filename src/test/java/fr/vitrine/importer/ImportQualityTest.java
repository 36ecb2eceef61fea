package fr.vitrine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vitrine.build.Build;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.read.FrontMatter;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quality measured: {@code vitrine import} on the two bundled signed texts, compared field by field with the records
 * written by hand from them. A field is right when the draft has the hand-written value, unknown when the draft says
 * unknown (or nothing), and wrong when the draft has another value, or a value where the hand-written record has
 * none. Prose (summary, notes, quoted obligation texts) is not compared; obligations are matched by type.
 */
class ImportQualityTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Free text a person writes or quotes; drafted for review, not compared. */
    private static final Set<String> PROSE = Set.of("id", "summary", "note", "text", "excerpt");
    /**
     * What the importer does not draft, left to a person: who owes each obligation ({@code by}, and {@code by_basis}
     * when inferred from the context) and the delegate's own
     * duties (Ecosanté's article 3), which no rule of the importer reads.
     */
    private static final Set<String> NOT_DRAFTED = Set.of("by", "by_basis");
    private static final Set<String> DUTIES_NOT_DRAFTED = Set.of("support", "conflict-of-interest",
            "delegated-management", "procurement", "spending-report", "credits-notice", "community", "transformation");

    @TempDir
    Path dir;

    record Score(int right, int wrong, int unknown, List<String> wrongs, List<String> unknowns) {
        int filled() {
            return right + unknown + (int) wrongs.stream().filter(w -> !w.contains("hand: none")).count();
        }
    }

    @Test
    void bothBundledTextsAreDraftedWithNoWrongValueAndAtLeast80PercentOfTheFields() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("ecosante-delegation-dgpr-dgs", "content/sources/convention-delegation-dgpr-dgs-dinum-ecosante.txt");
        cases.put("urbanvitaliz-seconde-convention", "content/sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt");
        StringBuilder table = new StringBuilder("| record | fields the hand-written record fills | right | wrong | unknown |\n|---|---|---|---|---|\n");
        int right = 0;
        int filled = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            String draftId = c.getKey() + "-draft";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            int code = new Importer(print, print, new Build(print, print)::check)
                    .run(project.root(), project.file(c.getValue()), draftId);
            assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
            String draft = project.read("content/conventions/" + draftId + ".md");
            provenanceIsTrue(draft, project.read(c.getValue()));
            Score s = compare(frontMatter(project.read("content/conventions/" + c.getKey() + ".md")), frontMatter(draft));
            assertEquals(List.of(), s.wrongs(), c.getKey() + ": a wrong value is worse than unknown");
            assertTrue(s.right() >= 0.8 * s.filled(), c.getKey() + ": " + s.right() + " of " + s.filled()
                    + "; unknown: " + s.unknowns());
            table.append("| ").append(c.getKey()).append(" | ").append(s.filled()).append(" | ").append(s.right())
                    .append(" | ").append(s.wrong()).append(" | ").append(s.unknown()).append(" (")
                    .append(String.join(", ", s.unknowns())).append(") |\n");
            right += s.right();
            filled += s.filled();
        }
        table.append(String.format("| both | %d | %d (%.0f %%) | 0 | %d |%n", filled, right, 100.0 * right / filled,
                filled - right));
        System.out.println(table);
    }

    /** Every « l. N : « words » » comment quotes words that are on line N of the source. */
    private static void provenanceIsTrue(String draft, String source) {
        List<String> lines = source.lines().toList();
        Matcher m = Pattern.compile("# l\\. (\\d+) : « (.+?) »").matcher(draft);
        int checked = 0;
        while (m.find()) {
            String words = m.group(2).replace("…", "");
            String line = lines.get(Integer.parseInt(m.group(1)) - 1).replace("**", "").replaceAll("\\s+", " ");
            String both = line + " " + (Integer.parseInt(m.group(1)) < lines.size() ? lines.get(Integer.parseInt(m.group(1))) : "");
            for (String part : words.split("ci-après « |« | »")) {
                if (!part.isBlank()) {
                    assertTrue(both.replace("**", "").replaceAll("\\s+", " ").contains(part.strip())
                                    || both.toUpperCase().contains(part.strip().toUpperCase()),
                            "l. " + m.group(1) + " does not say « " + part + " »: " + line);
                }
            }
            checked++;
        }
        assertTrue(checked >= 30, "only " + checked + " provenance comments");
    }

    private static JsonNode frontMatter(String text) throws IOException {
        FrontMatter fm = FrontMatter.split(Path.of("x.md"), text, new Diagnostics());
        return YAML.readTree(fm.yaml());
    }

    static Score compare(JsonNode hand, JsonNode draft) {
        Map<String, String> h = new LinkedHashMap<>();
        Map<String, String> d = new LinkedHashMap<>();
        flatten("", hand, h);
        flatten("", draft, d);
        int right = 0;
        List<String> wrongs = new ArrayList<>();
        List<String> unknowns = new ArrayList<>();
        for (Map.Entry<String, String> e : h.entrySet()) {
            String mine = d.get(e.getKey());
            if (e.getValue().equals("unknown")) {
                if (mine != null && !mine.equals("unknown")) {
                    wrongs.add(e.getKey() + " = " + mine + " (hand: unknown)");
                }
            } else if (mine == null || mine.equals("unknown")) {
                unknowns.add(e.getKey());
            } else if (mine.equals(e.getValue())) {
                right++;
            } else {
                wrongs.add(e.getKey() + " = " + mine + " (hand: " + e.getValue() + ")");
            }
        }
        for (Map.Entry<String, String> e : d.entrySet()) {
            if (!h.containsKey(e.getKey()) && !e.getValue().equals("unknown")) {
                wrongs.add(e.getKey() + " = " + e.getValue() + " (hand: none)");
            }
        }
        return new Score(right, wrongs.size(), unknowns.size(), wrongs, unknowns);
    }

    private static void flatten(String path, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!PROSE.contains(e.getKey()) && !NOT_DRAFTED.contains(e.getKey())) {
                    flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
                }
            }
        } else if (node.isArray()) {
            // Obligations are a set: matched by type; other lists (parties, lines, installments) by position.
            for (int i = 0; i < node.size(); i++) {
                String key = path.equals("obligations") ? node.get(i).path("type").asText() : String.valueOf(i);
                if (path.equals("obligations") && DUTIES_NOT_DRAFTED.contains(key)) {
                    continue;
                }
                flatten(path + "[" + key + "]", node.get(i), out);
            }
        } else if (!node.isNull()) {
            out.put(path, node.asText());
        }
    }
}
