package fr.vitrine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.diagnostics.Exit;
import fr.vitrine.importer.Draft.Value;
import fr.vitrine.model.Text;
import fr.vitrine.privacy.Detector;
import fr.vitrine.privacy.Kind;
import fr.vitrine.privacy.Policy;
import fr.vitrine.privacy.PrivacyCheck;
import fr.vitrine.read.FrontMatter;
import fr.vitrine.read.PdfText;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.TextFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * {@code vitrine import FILE [--id ID]}: drafts {@code content/conventions/<id>.md} from a signed text (.txt, .md or
 * .pdf), never over an existing file, then prints what was found and what was not, and runs {@code check}.
 */
public final class Importer {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Writes proposed registry entries: one line per value, no document marker. */
    private static final ObjectMapper ENTRIES = new ObjectMapper(YAMLFactory.builder()
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.SPLIT_LINES)
            .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

    private final PrintStream out;
    private final PrintStream err;

    private final ToIntFunction<Path> check;

    /** {@code check} runs vitrine check on a project folder and returns its exit code. */
    public Importer(PrintStream out, PrintStream err, ToIntFunction<Path> check) {
        this.out = out;
        this.err = err;
        this.check = check;
    }

    /** The result of a draft: the record's YAML, the Markdown body, and the drafted values. */
    record Result(String yaml, String markdown, Map<String, Value> values, List<PartyDrafts.Proposed> proposed) {
    }

    public int run(Path project, Path file, String givenId) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!List.of("txt", "md", "pdf").contains(ext)) {
            err.println("vitrine: " + file + ": import reads .txt, .md and .pdf files; save the text in one of them");
            return Exit.USAGE;
        }
        String notAFile = notAFile(file);
        if (notAFile != null) {
            err.println("vitrine: " + file + ": " + notAFile);
            return Exit.USAGE;
        }
        String id = givenId != null ? givenId : Text.slug(name.substring(0, name.length() - ext.length() - 1));
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*") || id.length() > 100) {
            err.println("vitrine: id '" + id + "' is not valid: use at most 100 lower-case letters, digits and "
                    + "hyphens (--id urbanvitaliz-avenant-3)");
            return Exit.USAGE;
        }
        SiteConfig config;
        try {
            config = SiteConfig.load(project, project.resolve("output"), true);
        } catch (IllegalArgumentException e) {
            err.println("vitrine: " + e.getMessage());
            return Exit.USAGE;
        }
        Path target = config.contentFolder().resolve("conventions").resolve(id + ".md");
        if (Files.exists(target)) {
            err.println(display(target) + ":1:1: error: this record already exists; import never overwrites: choose "
                    + "another --id, or remove the file first");
            return Exit.INVALID_INPUT;
        }
        Diagnostics diagnostics = new Diagnostics();
        SignedText text;
        Map<Kind, String> privacy = new LinkedHashMap<>();
        Policy policy = Policy.of(config, diagnostics);
        if (ext.equals("pdf")) {
            try {
                PdfText.Limits limits = PdfText.Limits.of(config, diagnostics);
                if (diagnostics.hasErrors()) {
                    diagnostics.all().forEach(err::println);
                    return Exit.USAGE;
                }
                List<String> pages = PdfText.pages(file, limits);
                PrivacyCheck.reportPages(file, pages, PrivacyCheck.Where.TEXT, policy, diagnostics);
                text = SignedText.ofPages(pages);
            } catch (PdfText.Unreadable e) {
                err.println(new Diagnostic(Diagnostic.Severity.ERROR, file, 1, 1, e.getMessage()));
                return Exit.INVALID_INPUT;
            }
        } else {
            String raw = TextFile.readUtf8(file, diagnostics);
            if (raw == null) {
                diagnostics.all().forEach(err::println);
                return Exit.INVALID_INPUT;
            }
            PrivacyCheck.report(file, raw, 1, PrivacyCheck.Where.TEXT, policy, diagnostics);
            text = SignedText.ofText(raw);
        }
        String whole = String.join("\n", text.lines.stream().map(SignedText.Line::text).toList());
        for (Detector.Finding f : Detector.scan(whole)) {
            privacy.putIfAbsent(f.kind(), lineAt(text, whole, f.start()));
        }
        Result draft;
        try {
            draft = draft(text, config, id, sourcePath(config, file), privacy, policy);
        } catch (UnreadableDraft e) {
            err.println("vitrine: the draft of " + file + " does not read back as YAML (" + e.getMessage() + "); "
                    + "nothing was written: please report it, with the text imported");
            return Exit.INVALID_INPUT;
        } catch (IOException e) {
            err.println("vitrine: cannot read the registries under " + config.dataFolder() + ": " + e.getMessage());
            return Exit.INVALID_INPUT;
        }
        try {
            Files.createDirectories(target.getParent());
            Files.writeString(target, "---\n" + draft.yaml() + "---\n" + draft.markdown(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println(display(target) + ":1:1: error: this record already exists; import never overwrites");
            return Exit.INVALID_INPUT;
        } catch (IOException e) {
            err.println("vitrine: cannot write " + target + ": " + e.getMessage());
            return Exit.INVALID_INPUT;
        }
        if (!draft.proposed().isEmpty()) {
            Path beside = target.resolveSibling(id + ".organisations.yml");
            String entries = proposals(draft.proposed());
            try {
                Files.writeString(beside, entries, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("vitrine: cannot write " + beside + ": " + e.getMessage());
            }
            out.println("Organisations the text names that data/organisations.yml lacks (proposed entries, also written to "
                    + display(beside) + "; review them, complete type and article, and add them to the registry):");
            out.print(entries);
        }
        diagnostics.all().forEach(err::println);
        summary(target, draft.values());
        out.println("Checking the project with the draft (vitrine check):");
        out.println(check.applyAsInt(project) == Exit.OK ? "The draft passes vitrine check; review every value against the signed text."
                : "vitrine check reports problems (above): complete the draft, then run vitrine check again.");
        return Exit.OK;
    }

    /** Drafts the record of {@code text}: the YAML (with comments), checked to parse, and the Markdown body. */
    static Result draft(SignedText text, SiteConfig config, String id, String source, Map<Kind, String> privacy,
                        Policy policy) throws IOException {
        Extractor extractor = new Extractor(text, organisations(config.dataFolder()), products(config.dataFolder()));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", new Value(id, null));
        record.putAll(extractor.draft());
        Map<String, Object> masks = new LinkedHashMap<>();
        privacy.forEach((kind, where) -> {
            if (policy.mode(kind) == Kind.Mode.REDACT) {
                masks.put(kind.code(), new Value("redact", where + " : " + kind.label + ", masked in every "
                        + "published copy of the text"));
            }
        });
        if (!masks.isEmpty()) {
            record.put(Policy.FIELD, masks);
        }
        Map<String, Object> src = new LinkedHashMap<>();
        boolean pdf = source != null && source.toLowerCase(Locale.ROOT).endsWith(".pdf");
        src.put("text", source != null && !pdf ? new Value(source, "the file imported")
                : Draft.unknown("copy the text under content/sources/ and name it here"));
        src.put("pdf", pdf ? new Value(source, "the file imported") : Draft.unknown("the signed PDF, when published"));
        src.put("data_gouv", Draft.unknown("its address on data.gouv.fr, once published"));
        record.put("source", src);
        String yaml = "# Drafted by 'vitrine import': each value says the line and words it was read from; 'unknown'\n"
                + "# means the text did not give it. Check every value against the signed text, add a summary, and\n"
                + "# remove these comments when done.\n" + Draft.yaml(record);
        readBack(yaml, id);
        return new Result(yaml, text.markdown(), Draft.leaves(record), extractor.proposed());
    }

    /** The proposed registry entries, as YAML to paste into data/organisations.yml, each with the line it came from. */
    static String proposals(List<PartyDrafts.Proposed> proposed) {
        StringBuilder out = new StringBuilder();
        for (PartyDrafts.Proposed p : proposed) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id());
            entry.put("name", p.name());
            if (!p.acronyms().isEmpty()) {
                entry.put("acronym", p.acronyms().get(p.id().equals(Text.slug(p.acronyms().get(0))) ? 0 : p.acronyms().size() - 1));
            }
            entry.put("siret", "unknown");
            try {
                String yaml = ENTRIES.writeValueAsString(List.of(entry));
                out.append("# ").append(p.line().where()).append(" : « ").append(Draft.quote(p.name())).append(" »\n").append(yaml);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** A draft that does not parse back as the record it was written from: a bug, never saved. */
    static final class UnreadableDraft extends IOException {
        UnreadableDraft(String message) {
            super(message);
        }
    }

    /** Parses the draft back (Jackson): a map whose id is {@code id}. */
    static void readBack(String yaml, String id) throws UnreadableDraft {
        JsonNode parsed;
        try {
            parsed = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UnreadableDraft(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (parsed == null || !parsed.isObject() || !id.equals(parsed.path("id").asText())) {
            throw new UnreadableDraft("not a map with id " + id);
        }
    }

    /** Why {@code file} can't be imported as a file, or null: missing, a folder, a named pipe or a device. */
    private static String notAFile(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.isDirectory()) {
                return "this is a folder, not a file: give the text file itself";
            }
            return a.isRegularFile() ? null : "not a regular file (a named pipe, socket or device): import reads only "
                    + "regular files; save the text in one";
        } catch (NoSuchFileException e) {
            return "no such file";
        } catch (IOException e) {
            return "cannot read the file: " + e.getMessage();
        }
    }

    private void summary(Path target, Map<String, Value> values) {
        List<String> missing = new ArrayList<>();
        int found = 0;
        for (Map.Entry<String, Value> e : values.entrySet()) {
            if (Draft.missing(e.getValue())) {
                missing.add(e.getKey());
            } else {
                found++;
            }
        }
        out.println("Draft written to " + display(target) + ": " + found + " value(s) found, " + missing.size()
                + " not found" + (missing.isEmpty() ? "." : " (unknown): " + String.join(", ", missing) + "."));
    }

    private static String lineAt(SignedText text, String whole, int offset) {
        int index = (int) whole.substring(0, offset).chars().filter(c -> c == '\n').count();
        return text.lines.get(Math.min(index, text.lines.size() - 1)).where();
    }

    /** The file's path under the content folder, as {@code source.text} names it, or null when it is elsewhere. */
    private static String sourcePath(SiteConfig config, Path file) {
        try {
            Path content = config.contentFolder().toRealPath();
            Path real = file.toRealPath();
            return real.startsWith(content) ? content.relativize(real).toString().replace('\\', '/') : null;
        } catch (IOException e) {
            return null;
        }
    }

    static List<PartyDrafts.Org> organisations(Path data) throws IOException {
        Path file = data.resolve("organisations.yml");
        List<PartyDrafts.Org> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode list = YAML.readTree(file.toFile());
        if (list != null && list.isArray()) {
            for (JsonNode o : list) {
                if (o.hasNonNull("id") && o.hasNonNull("name")) {
                    out.add(new PartyDrafts.Org(o.get("id").asText(), o.get("name").asText(),
                            o.hasNonNull("acronym") ? o.get("acronym").asText() : null,
                            o.hasNonNull("parent") ? o.get("parent").asText() : null));
                }
            }
        }
        return out;
    }

    static List<Extractor.Product> products(Path data) throws IOException {
        Path dir = data.resolve("products");
        List<Extractor.Product> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = TextFile.readUtf8(f, new Diagnostics());
                FrontMatter fm = text == null ? null : FrontMatter.split(f, text, new Diagnostics());
                JsonNode node = fm == null ? null : YAML.readTree(fm.yaml());
                if (node == null || !node.hasNonNull("title")) {
                    continue;
                }
                // « Recosanté (ex-Ecosanté) » is called by both names.
                String title = node.get("title").asText();
                List<String> names = new ArrayList<>(List.of(title.replaceAll("\\s*\\(.*\\)\\s*$", "").strip()));
                java.util.regex.Matcher ex = java.util.regex.Pattern.compile("\\(ex-?\\s*([^)]+)\\)").matcher(title);
                if (ex.find()) {
                    names.add(ex.group(1).strip());
                }
                String id = f.getFileName().toString().replaceAll("\\.md$", "");
                out.add(new Extractor.Product(id, names));
            }
        }
        return out;
    }

    private static String display(Path p) {
        return new Diagnostic(Diagnostic.Severity.ERROR, p, 1, 1, "").displayPath();
    }
}
