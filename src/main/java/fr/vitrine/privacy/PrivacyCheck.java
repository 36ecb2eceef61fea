package fr.vitrine.privacy;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.PackedText;
import fr.vitrine.privacy.Kind.Mode;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.PdfText;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.TextFile;
import fr.vitrine.read.YamlTree;
import org.jbake.model.DocumentModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The privacy check, between reading and validating. For each convention or page read it scans the whole file and the
 * original text its record names ({@code source.text}); reports each finding at {@code path:line:column}; and
 * redacts, once, what must be: the document's Markdown body is replaced by the redacted one (rendered after), and the texts to
 * publish instead of the files are left in the document ({@link #PUBLISHED_MARKDOWN}, {@link #PUBLISHED_SOURCE}),
 * so every writer gets the redacted text. The project's data (front matter) are never altered: a value there that
 * must be redacted is an error. beta.gouv.fr's files, which the project can't correct, are masked instead: their
 * bodies and every text value of their data, before anything is built from them.
 */
public final class PrivacyCheck {

    /** Document keys: the whole file to publish as the .md download, and the source text to publish. */
    public static final String PUBLISHED_MARKDOWN = "vitrine.published.markdown";
    public static final String PUBLISHED_SOURCE = "vitrine.published.source";

    /** Where a text sits, which decides what a redact finding means there. */
    public enum Where {
        /** Published text: redacted. */
        TEXT,
        /** The record's data: published as written, so a value to redact is an error. */
        DATA,
        /** A PDF: it can't be redacted, so a value to redact is an error (at its page and line). */
        PDF,
        /** A text or a value of beta.gouv.fr's files (not the project's, so not corrected here): redacted. */
        EXTERNAL
    }

    /** The fields of beta.gouv.fr's files that hold their team's mailboxes, which Vitrine does not publish. */
    private static final Set<String> UNPUBLISHED = Set.of("contact", "contact_dinum", "contact_incubator");

    private final Policy policy;
    private final Path contentFolder;
    private final PdfText.Limits pdfLimits;
    /** Source texts already checked (several records may name the same one): real path → text to publish. */
    private final Map<Path, Optional<String>> sources = new ConcurrentHashMap<>();

    public PrivacyCheck(SiteConfig config, Diagnostics diagnostics) {
        this.policy = Policy.of(config, diagnostics);
        this.contentFolder = config.contentFolder();
        this.pdfLimits = PdfText.Limits.of(config, diagnostics);
    }

    /** Checks one convention or page: reports; redacts in its document. */
    public void check(SourceRecord r, Diagnostics diagnostics) {
        if (r.external()) {
            checkExternal(r, diagnostics);
        } else {
            check(r.file(), r.document(), r.tree(), diagnostics);
        }
    }

    /**
     * Checks products, organisations, incubators, FAST promotions and standards: a Markdown file of the project as a
     * convention (its data, and its description redacted), a registry ({@code organisations.yml}) once, as data; one of
     * beta.gouv.fr's files masked.
     */
    public void checkRecords(List<SourceRecord> records, Diagnostics diagnostics) {
        Set<Path> registries = new HashSet<>();
        for (SourceRecord r : records) {
            if (r.external()) {
                checkExternal(r, diagnostics);
            } else if (r.document() != null) {
                check(r.file(), r.document(), r.tree(), diagnostics);
            } else if (registries.add(r.file())) {
                String text = TextFile.readUtf8(r.file(), new Diagnostics()); // its reading reported any problem
                if (text != null) {
                    report(r.file(), text, 1, Where.DATA, policy, diagnostics);
                }
            }
        }
    }

    /** The project's policy (settings only). */
    public Policy policy() {
        return policy;
    }

    /** Checks a parsed convention or page; reports into {@code diagnostics}; redacts in {@code doc}. */
    private void check(Path file, DocumentModel doc, YamlTree tree, Diagnostics diagnostics) {
        Policy p = policy.with(file, tree, diagnostics);
        String frontMatter = (String) doc.get(CommonmarkEngine.FRONT_MATTER);
        String body = (String) doc.get(CommonmarkEngine.BODY_MARKDOWN);
        Object bodyLine = doc.get(CommonmarkEngine.BODY_LINE);
        if (frontMatter == null || body == null || !(bodyLine instanceof Integer line)) {
            return;
        }
        report(file, frontMatter, 1, Where.DATA, p, diagnostics);
        String published = report(file, body, line, Where.TEXT, p, diagnostics);
        if (!published.equals(body)) {
            doc.put(CommonmarkEngine.BODY_MARKDOWN, published);
            doc.put(PUBLISHED_MARKDOWN, PackedText.of(frontMatter + published));
        }
        sourceText(tree).ifPresent(source -> sources.computeIfAbsent(source, s -> checkSource(s, p, pdfLimits, diagnostics))
                .ifPresent(t -> doc.put(PUBLISHED_SOURCE, PackedText.of(t))));
    }

    /**
     * Masks, with a warning for each finding, a file of beta.gouv.fr: its body and every text value of its data but
     * the team's mailboxes (not published). The project's settings decide what is masked.
     */
    private void checkExternal(SourceRecord r, Diagnostics diagnostics) {
        if (r.tree().root() instanceof Map<?, ?> root) {
            masked(r.file(), r.tree(), root, "", diagnostics);
        }
        DocumentModel doc = r.document();
        Object body = doc == null ? null : doc.get(CommonmarkEngine.BODY_MARKDOWN);
        if (body instanceof String text && doc.get(CommonmarkEngine.BODY_LINE) instanceof Integer line) {
            String published = report(r.file(), text, line, Where.EXTERNAL, policy, diagnostics);
            if (!published.equals(text)) {
                doc.put(CommonmarkEngine.BODY_MARKDOWN, published);
            }
        }
    }

    /** A YAML value with every finding of its texts masked (the same object when there is none); maps changed in place. */
    @SuppressWarnings("unchecked")
    private Object masked(Path file, YamlTree tree, Object node, String path, Diagnostics diagnostics) {
        if (node instanceof String text) {
            fr.vitrine.diagnostics.Position at = tree.valueAt(path);
            Diagnostics found = new Diagnostics();
            String published = report(file, text, Math.max(1, at.line()), Where.EXTERNAL, policy, found);
            found.all().forEach(d -> diagnostics.add(new Diagnostic(d.severity(), file, d.line(),
                    d.line() == at.line() ? d.column() + Math.max(0, at.column() - 1) : d.column(), d.message())));
            return published.equals(text) ? text : published;
        }
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                if (!(path.isEmpty() && UNPUBLISHED.contains(e.getKey()))) {
                    Object value = masked(file, tree, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                            diagnostics);
                    if (value != e.getValue()) {
                        e.setValue(value);
                    }
                }
            }
            return map;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (int i = 0; i < list.size(); i++) {
                Object value = masked(file, tree, list.get(i), path + "[" + i + "]", diagnostics);
                changed |= value != list.get(i);
                out.add(value);
            }
            return changed ? java.util.Collections.unmodifiableList(out) : list;
        }
        return node;
    }

    /** The original text named by {@code source.text}, when it is a file inside the content folder. */
    private Optional<Path> sourceText(YamlTree tree) {
        if (!(tree.root() instanceof Map<?, ?> root) || !(root.get("source") instanceof Map<?, ?> source)
                || !(source.get("text") instanceof String name) || name.equals("unknown")) {
            return Optional.empty();
        }
        try {
            Path p = contentFolder.resolve(name).normalize();
            if (!p.startsWith(contentFolder) || !Files.isRegularFile(p)
                    || !p.toRealPath().startsWith(contentFolder.toRealPath())) {
                return Optional.empty(); // the validator reports it
            }
            return Optional.of(p.toRealPath());
        } catch (InvalidPathException | IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> checkSource(Path file, Policy p, PdfText.Limits limits, Diagnostics diagnostics) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pdf")) {
            try {
                reportPages(file, PdfText.pages(file, limits), Where.PDF, p, diagnostics);
            } catch (PdfText.Unreadable e) {
                // A scan holds no text to check; a PDF that could not be read whole might hide anything: not published.
                if (e.scan()) {
                    diagnostics.warning(file, 1, 1, "the privacy check could not read this PDF: " + e.getMessage());
                } else {
                    diagnostics.error(file, 1, 1, "the privacy check could not read this PDF, so it is not published: "
                            + e.getMessage());
                }
            }
            return Optional.empty();
        }
        String text = TextFile.readUtf8(file, diagnostics);
        if (text == null) {
            return Optional.empty();
        }
        String published = report(file, text, 1, Where.TEXT, p, diagnostics);
        return published.equals(text) ? Optional.empty() : Optional.of(published);
    }

    /**
     * Reports every finding of {@code text} (whose first line is line {@code firstLine} of {@code file}) and returns
     * the text with the findings to redact replaced by their mark. A mark keeps the line breaks it replaces, so the
     * lines of the published text stay those of the source.
     */
    public static String report(Path file, String text, int firstLine, Where where, Policy policy, Diagnostics diagnostics) {
        StringBuilder out = null; // only once something is masked
        int copied = 0;
        // Findings come in text order: lines are counted once, from one finding to the next.
        int counted = 0;
        int lines = 0;
        int lineStart = 0;
        for (Detector.Finding f : Detector.scan(text)) {
            Mode mode = policy.mode(f.kind());
            if (mode == Mode.ALLOW) {
                continue;
            }
            for (int nl = text.indexOf('\n', counted); nl >= 0 && nl < f.start(); nl = text.indexOf('\n', nl + 1)) {
                lines++;
                lineStart = nl + 1;
            }
            counted = Math.max(counted, f.start());
            int line = firstLine + lines;
            int column = f.start() - lineStart + 1;
            String what = f.kind().label + " (" + f.detail() + ") '" + hint(text.substring(f.start(), f.end())) + "'";
            String code = f.kind().code();
            if (mode == Mode.WARN && where == Where.EXTERNAL) {
                diagnostics.warning(file, line, column, what + " in beta.gouv.fr's file will be published; have it "
                        + "removed there, mask it with " + Policy.SETTING + code + "=redact, or accept it with allow");
                continue;
            }
            if (mode == Mode.WARN) {
                diagnostics.warning(file, line, column, what + " will be published; remove it, mask it with "
                        + "'privacy: {" + code + ": redact}' in the record (or " + Policy.SETTING + code + "=redact), or "
                        + "accept it with allow");
                continue;
            }
            switch (where) {
                case DATA -> diagnostics.error(file, line, column, what + " in the record's data, which are published "
                        + "as written and never masked: remove it (or allow it with " + Policy.SETTING + code + "=allow)");
                case PDF -> diagnostics.error(file, line, column, what + " in this PDF's text, which can't be masked: "
                        + "publish a redacted PDF or the text as .txt (where it is masked), or allow it with 'privacy: {"
                        + code + ": allow}' in the record");
                case TEXT, EXTERNAL -> {
                    if (where == Where.EXTERNAL) {
                        diagnostics.warning(file, line, column, what + " in beta.gouv.fr's file: masked as « "
                                + f.kind().mark + " » in every published copy; have it corrected there, or publish it "
                                + "with " + Policy.SETTING + code + "=allow");
                    } else if (!policy.decided(f.kind())) {
                        diagnostics.warning(file, line, column, what + ": masked as « " + f.kind().mark + " » in every "
                                + "published copy; write 'privacy: {" + code + ": redact}' in the record to record "
                                + "this decision, or 'privacy: {" + code + ": allow}' to publish it");
                    }
                    if (out == null) {
                        out = new StringBuilder(text.length());
                    }
                    out.append(text, copied, f.start()).append(f.kind().mark);
                    for (int i = f.start(); i < f.end(); i++) {
                        if (text.charAt(i) == '\n') {
                            out.append('\n');
                        }
                    }
                    copied = f.end();
                }
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * Reports the findings of a PDF's pages, read as one text (a number may run from one page to the next); a PDF has
     * no lines to point at in the file, so each message names the page and the line on the page (blank lines, the
     * gaps between paragraphs, not counted).
     */
    public static void reportPages(Path file, List<String> pages, Where where, Policy p, Diagnostics diagnostics) {
        StringBuilder all = new StringBuilder();
        // For each line of the whole text: its page, and its line on the page.
        List<int[]> lines = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            int onPage = 0;
            for (String line : pages.get(i).split("\n", -1)) {
                if (!line.isBlank()) {
                    onPage++;
                }
                lines.add(new int[] {i + 1, Math.max(1, onPage)});
                all.append(line).append('\n');
            }
        }
        Diagnostics found = new Diagnostics();
        report(file, all.toString(), 1, where, p, found);
        for (Diagnostic d : found.all()) {
            int[] at = lines.get(Math.min(lines.size(), d.line()) - 1);
            diagnostics.add(new Diagnostic(d.severity(), file, 1, 1, "page " + at[0] + ", line " + at[1] + ": " + d.message()));
        }
    }

    /**
     * The findings the policy redacts in a value of a data file (a cell of an impact CSV, published as written)
     * that starts at {@code line} and {@code column}, as errors to report.
     */
    public static List<Diagnostic> refusals(Path file, String value, int line, int column, Policy policy) {
        Diagnostics found = new Diagnostics();
        report(file, value, line, Where.DATA, policy, found);
        return found.all().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .map(d -> new Diagnostic(d.severity(), file, d.line(), d.line() == line ? d.column() + column - 1
                        : d.column(), d.message())).toList();
    }

    /** The first characters of a value, enough to find it, not enough to publish it again in a log. */
    private static String hint(String value) {
        String v = value.replaceAll("\\s+", " ").strip();
        return v.length() <= 6 ? v.charAt(0) + "…" : v.substring(0, 4) + "…";
    }
}
