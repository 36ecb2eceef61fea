package fr.vitrine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vitrine.cli.Main;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.importer.Draft.Value;
import fr.vitrine.privacy.Policy;
import fr.vitrine.read.SiteConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code vitrine import} on every text of {@code src/test/resources/import-corpus/}, in a project made by
 * {@code vitrine init}, compared field by field with the text's {@code truth.yml}. Right: the truth's value; wrong:
 * another value, or a value where the truth is {@code unknown} (or an item the truth's list does not hold, or a party
 * the truth does not name); missed: a value the truth gives and the draft does not.
 */
final class ImportEval {

    static final Path CORPUS = Path.of("src/test/resources/import-corpus");
    /** Texts found after the rules were written, never used to write one: all evaluation. */
    static final Path UNSEEN = Path.of("src/test/resources/import-corpus-unseen");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final List<String> FIELDS = List.of("kind", "title", "signed", "effective", "duration", "ends", "party",
            "role", "representative.name", "representative.title", "programme", "bop", "uo", "total", "funding",
            "obligation");

    /** One counted comparison: the text, the field, what happened, and the values. */
    record Outcome(String text, String field, String result, String truth, String drafted) {
        @Override
        public String toString() {
            return text + " " + field + ": " + result + " (truth: " + truth + ", drafted: " + drafted + ")";
        }
    }

    /** The texts of the corpus, in name order, each with its half (every third is evaluation: index 2, 5, 8…). */
    static Map<String, Boolean> texts(Path corpus) throws IOException {
        Map<String, Boolean> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(corpus)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), i % 3 == 2);
            }
        }
        return out;
    }

    /** A fresh {@code vitrine init} project under {@code dir}. */
    static Path freshProject(Path dir) {
        Path project = dir.resolve("project");
        if (Main.run("init", project.toString()) != 0) {
            throw new IllegalStateException("vitrine init failed in " + project);
        }
        return project;
    }

    /** The drafted values of {@code text}'s draft in {@code project}: path → value, as {@code import} writes them. */
    static Map<String, Value> draft(Path project, Path text) throws IOException {
        SiteConfig config = SiteConfig.load(project, project.resolve("output"), true);
        String raw = Files.readString(text, StandardCharsets.UTF_8);
        Importer.Result r = Importer.draft(SignedText.ofText(raw), config, "eval", null, Map.of(),
                Policy.of(config, new Diagnostics()));
        return r.values();
    }

    /** Every comparison for one text. */
    static List<Outcome> compare(Path corpus, String name, Map<String, Value> d) throws IOException {
        JsonNode truth = YAML.readTree(corpus.resolve(name).resolve("truth.yml").toFile());
        List<Outcome> out = new ArrayList<>();
        for (String f : List.of("kind", "signed", "effective", "duration", "ends", "total")) {
            scalar(out, name, f, text(truth.path(f)), drafted(d.get(f)));
        }
        title(out, name, truth.path("title"), drafted(d.get("title")));
        parties(out, name, truth.path("parties"), d);
        for (String[] f : new String[][] {{"programme", "programmes", "\\.imputation\\.programme$"},
                {"bop", "bop", "\\.imputation\\.bop$"}, {"uo", "uo", "\\.imputation\\.uo$"},
                {"funding", "funding", "^funding\\[\\d+\\]\\.amount$"}, {"obligation", "obligations", "^obligations\\[\\d+\\]\\.type$"}}) {
            List<String> drafted = d.entrySet().stream().filter(e -> Pattern.compile(f[2]).matcher(e.getKey()).find())
                    .map(e -> drafted(e.getValue())).filter(Objects::nonNull).distinct().toList();
            list(out, name, f[0], truth.path(f[1]), drafted);
        }
        return out;
    }

    private static void scalar(List<Outcome> out, String name, String field, String truth, String drafted) {
        if (truth == null && drafted == null) {
            return;
        }
        String result = drafted == null ? "missed" : truth != null && fold(truth).equals(fold(drafted)) ? "right" : "wrong";
        out.add(new Outcome(name, field, result, truth == null ? "unknown" : truth, drafted));
    }

    private static void title(List<Outcome> out, String name, JsonNode truth, String drafted) {
        List<String> options = new ArrayList<>();
        truth.forEach(t -> options.add(t.asText()));
        if (options.isEmpty() && drafted == null) {
            return;
        }
        String result = drafted == null ? "missed"
                : options.stream().anyMatch(o -> fold(drafted).startsWith(fold(o))) ? "right" : "wrong";
        out.add(new Outcome(name, "title", result, options.isEmpty() ? "unknown" : String.join(" | ", options), drafted));
    }

    private static final Pattern QUOTED = Pattern.compile("«\\s*(.*?)\\s*»");

    private static void parties(List<Outcome> out, String name, JsonNode truth, Map<String, Value> d) {
        List<String> written = new ArrayList<>();
        for (int i = 0; d.containsKey("parties[" + i + "].org"); i++) {
            Value org = d.get("parties[" + i + "].org");
            Matcher q = QUOTED.matcher(String.valueOf(org.comment()));
            written.add((q.find() ? q.group(1) : "") + " " + (Draft.missing(org) ? "" : org.value()));
        }
        boolean[] used = new boolean[written.size()];
        for (JsonNode p : truth) {
            String want = fold(p.path("name").asText());
            int hit = -1;
            for (int i = 0; i < written.size() && hit < 0; i++) {
                if (!used[i] && fold(written.get(i)).contains(want)) {
                    hit = i;
                }
            }
            if (hit < 0) {
                // A party not found: what the text says of it is missed too.
                out.add(new Outcome(name, "party", "missed", p.path("name").asText(), null));
                scalar(out, name, "role", text(p.path("role")), null);
                scalar(out, name, "representative.name", text(p.path("representative").path("name")), null);
                scalar(out, name, "representative.title", text(p.path("representative").path("title")), null);
                continue;
            }
            used[hit] = true;
            out.add(new Outcome(name, "party", "right", p.path("name").asText(), written.get(hit).strip()));
            String at = "parties[" + hit + "].";
            scalar(out, name, "role", text(p.path("role")), drafted(d.get(at + "role")));
            scalar(out, name, "representative.name", text(p.path("representative").path("name")),
                    drafted(d.get(at + "representative.name")));
            scalar(out, name, "representative.title", text(p.path("representative").path("title")),
                    drafted(d.get(at + "representative.title")));
        }
        for (int i = 0; i < written.size(); i++) {
            if (!used[i]) {
                out.add(new Outcome(name, "party", "wrong", "no such party", written.get(i).strip()));
            }
        }
    }

    private static void list(List<Outcome> out, String name, String field, JsonNode truth, List<String> drafted) {
        List<String> want = new ArrayList<>();
        truth.forEach(t -> want.add(t.asText()));
        for (String w : want) {
            boolean hit = drafted.stream().anyMatch(x -> fold(x).equals(fold(w)));
            out.add(new Outcome(name, field, hit ? "right" : "missed", w, hit ? w : null));
        }
        for (String x : drafted) {
            if (want.stream().noneMatch(w -> fold(x).equals(fold(w)))) {
                out.add(new Outcome(name, field, "wrong", want.isEmpty() ? "none" : String.join(", ", want), x));
            }
        }
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() || n.asText().equals("unknown") ? null : n.asText();
    }

    private static String drafted(Value v) {
        return v == null || Draft.missing(v) ? null : Draft.scalar("", v.value()).replaceAll("^\"|\"$", "");
    }

    static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The table, per field and overall, for one half: right, wrong, missed, precision, recall. */
    static String table(List<Outcome> outcomes) {
        Map<String, int[]> counts = new TreeMap<>((a, b) -> Integer.compare(FIELDS.indexOf(a), FIELDS.indexOf(b)));
        int[] all = new int[3];
        int stated = 0;
        for (Outcome o : outcomes) {
            if (!List.of("unknown", "none", "no such party").contains(o.truth())) {
                stated++;
            }
            int k = switch (o.result()) {
                case "right" -> 0;
                case "wrong" -> 1;
                default -> 2;
            };
            counts.computeIfAbsent(o.field(), f -> new int[3])[k]++;
            all[k]++;
        }
        StringBuilder t = new StringBuilder("| field | right | wrong | missed |\n|---|---|---|---|\n");
        counts.forEach((f, c) -> t.append(String.format("| %s | %d | %d | %d |%n", f, c[0], c[1], c[2])));
        t.append(String.format("| **all** | **%d** | **%d** | **%d** |%n", all[0], all[1], all[2]));
        double precision = all[0] + all[1] == 0 ? 0 : 100.0 * all[0] / (all[0] + all[1]);
        double recall = stated == 0 ? 0 : 100.0 * all[0] / stated;
        t.append(String.format(Locale.ROOT, "%nprecision %.1f %% (right / drafted), recall %.1f %% (right / the %d values the texts state)%n",
                precision, recall, stated));
        return t.toString();
    }
}
