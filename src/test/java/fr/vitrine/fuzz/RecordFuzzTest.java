package fr.vitrine.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.Markdown;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources;
import fr.vitrine.read.TextFile;
import fr.vitrine.read.YamlTree;
import fr.vitrine.testing.FullTier;
import fr.vitrine.validate.Validator;
import org.jbake.model.DocumentModel;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz test of the record parser: arbitrary bytes are read as a Markdown source the way the build reads one
 * (UTF-8 check, {@code ---} front matter, YAML with positions, Markdown body), then validated as a convention, a
 * product, an organisation and a page, and also as an organisations registry, against the repository's real
 * organisations and products.
 * <p>
 * Invariants: nothing is thrown (problems are reported through {@link Diagnostics}); a source that can't be used
 * says why; every diagnostic is readable and points inside the file; and Markdown never lets script through: no
 * {@code <script}, no element or attribute that commonmark does not write, no {@code on…=} attribute, links only to
 * http(s), mailto or relative addresses, images only from this site.
 * <p>
 * Seeds (whole {@code .md} files) are in {@code src/test/resources/fr/vitrine/fuzz/RecordFuzzTestInputs/records/}.
 */
@ExtendWith(FuzzFindings.class)
@FullTier
class RecordFuzzTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    @TempDir(factory = MemoryTempDir.class)
    static Path tmp;
    private static Fixture fixture;

    /** The repository's organisations and products, read once; a content folder with one source text. */
    private record Fixture(Path content, Path data, List<SourceRecord> organisations, List<SourceRecord> products) {
    }

    /** YAML and Markdown syntax and the record's field names, for the fuzzer to splice in. */
    @DictionaryEntries({"---", "...", ": ", "- ", "  - ", "&a ", "*a", "!!str ", "!!int ", "!!float ", "!!binary ",
            "!!set ", "!!omap ", "!custom ", "? ", "<<: ", "|", ">-", "\"\\0\"", "\"\\x00\"", "\"\\u2028\"", "'",
            "{", "}", "[", "]", " #", "e999999999", "1e9", ".inf", "0x1F", "0o17", "1_000", "~", "unknown", "id: ",
            "title: ", "kind: ", "avenant", "parent: ", "signed: ", "effective: ", "ends: ", "duration: P",
            "parties: ", "org: ", "role: ", "délégant", "representative: ", "products: ", "total: ",
            "funding: ", "from: ", "to: ", "amount: ", "tax: ", "credits: ", "AE+CP", "year: ", "period: ",
            "start: ", "end: ", "imputation: ", "schedule: ", "credit: ", "when: ", "maximum: ",
            "obligations: ", "type: ", "source: ", "text: ", "sources/", "../", "cited_in: ", "excerpt: ",
            "data_gouv: ", "subsidy: ", "pourcentage: ", "notification_ue: ", "name: ", "siret: ", "sponsors: ",
            "/organisations/", "phases: ", "events: ", "date: ", "fast: ", "promotion: ", "montant: ", "link: ",
            "dinum", "cerema", "urbanvitaliz", "recosante", "2024-02-29", "2020-00", "475 000,50 €", "![", "](",
            "//", "](<", "<", ">", "javascript:", "https://", "mailto:", "data:", "`", "```", "| a | b |", "|---|:-:|",
            "# ", "&#", "&colon;", "\\", "[x]: ", "<script>", " onerror=", "\u00a0"})
    @FuzzTest(maxDuration = "60s")
    void records(byte[] input) throws IOException {
        Fixture f = fixture();
        Diagnostics diagnostics = new Diagnostics();
        Path source = f.content().resolve("conventions").resolve("fuzzed.md");
        Files.write(source, input);
        Path registry = f.data().resolve("organisations.yml");
        Files.write(registry, input);
        int lines = Checks.lineCount(input);

        Diagnostics parsing = new Diagnostics();
        DocumentModel doc = new CommonmarkEngine().parse(null, source.toFile());
        Diagnostics engine = (Diagnostics) doc.get(CommonmarkEngine.DIAGNOSTICS);
        YamlTree tree = (YamlTree) doc.get(CommonmarkEngine.RECORD);
        if (tree == null) {
            assertTrue(engine.hasErrors(), () -> "source refused without an error: " + engine.all());
        } else {
            // As the build does once the privacy check is done: the body rendered once.
            CommonmarkEngine.renderBody(doc, source);
            assertNotNull(doc.get(CommonmarkEngine.BODY_HTML), "the body is rendered");
            checkHtml(CommonmarkEngine.html(doc).text());
        }
        parsing.addAll(engine);

        String id = idOf(tree);
        Set<String> unreadable = new HashSet<>();
        List<SourceRecord> organisations = new ArrayList<>(f.organisations());
        List<SourceRecord> products = new ArrayList<>(f.products());
        List<SourceRecord> conventions = new ArrayList<>();
        List<SourceRecord> pages = new ArrayList<>();
        if (tree == null) {
            unreadable.add(id);
        } else {
            conventions.add(record(Sources.CONVENTION, id, f.content().resolve("conventions"), tree, doc));
            pages.add(record(Sources.PAGE, id, f.content().resolve("pages"), tree, doc));
            products.add(record(Sources.PRODUCT, id, f.data().resolve("products"), tree, doc));
            organisations.add(record(Sources.ORGANISATION, id, f.data().resolve("organisations"), tree, doc));
        }

        // The same bytes as data/organisations.yml, read as Sources reads the registry.
        String text = TextFile.readUtf8(registry, parsing);
        if (text != null) {
            YamlTree list = YamlTree.parse(registry, text, 1, parsing);
            if (list != null && list.root() instanceof List<?> entries) {
                for (int i = 0; i < entries.size(); i++) {
                    Object entry = entries.get(i);
                    String entryId = entry instanceof Map<?, ?> m && m.get("id") != null
                            ? String.valueOf(m.get("id")) : null;
                    organisations.add(new SourceRecord(Sources.ORGANISATION, entryId, registry, list, "[" + i + "]",
                            null, false));
                }
            }
            checkHtml(Markdown.render(text).html());
        }
        diagnostics.addAll(parsing);

        Validator.validate(new Sources.SourceSet(conventions, organisations, products, pages, Set.copyOf(unreadable)),
                f.content(), List.of(), TODAY, diagnostics);

        Set<Path> fuzzed = new HashSet<>(List.of(source, registry,
                f.content().resolve("conventions").resolve(id + ".md"), f.content().resolve("pages").resolve(id + ".md"),
                f.data().resolve("products").resolve(id + ".md"), f.data().resolve("organisations").resolve(id + ".md")));
        for (Diagnostic d : diagnostics.all()) {
            assertNotNull(d.toString());
            if (fuzzed.contains(d.file())) {
                Checks.inside(d, d.file(), lines, input.length);
            }
        }
    }

    /** The record's own id when it is a usable file name (as it would be in a real project), else a fixed one. */
    private static String idOf(YamlTree tree) {
        if (tree != null && tree.root() instanceof Map<?, ?> m && m.get("id") instanceof String s
                && s.length() <= 100 && ID.matcher(s).matches()) {
            return s;
        }
        return "fuzzed";
    }

    private static SourceRecord record(String type, String id, Path folder, YamlTree tree, DocumentModel doc) {
        return new SourceRecord(type, id, folder.resolve(id + ".md"), tree, "", doc, false);
    }

    // ---- HTML -------------------------------------------------------------------------------------------------

    /** What Markdown.render writes (commonmark, tables with captions, heading anchors); anything else is raw HTML. */
    // Markdown's elements, and the inert ones the renderer adds: <span> (an Article heading's long id, the citing
    // link's label), <div tabindex> (a table's scroll box), data-pagefind-ignore (the citing link, out of the index).
    private static final Set<String> TAGS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong",
            "code", "pre", "blockquote", "ul", "ol", "li", "hr", "br", "table", "caption", "thead", "tbody", "tr", "th",
            "td", "span", "div");
    private static final Set<String> ATTRIBUTES = Set.of("href", "rel", "src", "alt", "title", "id", "class", "start",
            "align", "tabindex", "data-pagefind-ignore");
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*):");

    static void checkHtml(String html) {
        assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"), () -> "<script in " + html);
        for (Element e : Jsoup.parseBodyFragment(html).body().select("*")) {
            if (e.tagName().equals("body")) {
                continue;
            }
            assertTrue(TAGS.contains(e.tagName()), () -> "element <" + e.tagName() + "> in " + html);
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertFalse(name.startsWith("on"), () -> "event handler " + a + " in " + html);
                assertTrue(ATTRIBUTES.contains(name), () -> "attribute " + a + " in " + html);
            }
            if (e.hasAttr("href")) {
                String scheme = scheme(e.attr("href"));
                assertTrue(scheme == null || LINK_SCHEMES.contains(scheme), () -> "link to " + e.attr("href") + " in " + html);
            }
            if (e.hasAttr("src")) {
                String src = browserView(e.attr("src"));
                assertTrue(scheme(src) == null && !src.matches("(?s)^[/\\\\]{2}.*"),
                        () -> "image from another site: src=\"" + e.attr("src") + "\" in " + html);
            }
        }
    }

    /** A URL as a browser parses it: leading C0 controls and spaces dropped, tabs and line breaks removed. */
    private static String browserView(String url) {
        String u = url.replaceAll("[\\t\\n\\r]", "");
        int i = 0;
        while (i < u.length() && u.charAt(i) <= ' ') {
            i++;
        }
        return u.substring(i);
    }

    private static String scheme(String url) {
        Matcher m = SCHEME.matcher(browserView(url));
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    // ---- fixture ----------------------------------------------------------------------------------------------

    private static synchronized Fixture fixture() throws IOException {
        if (fixture == null || !Files.isDirectory(fixture.content())) {
            fixture = createFixture();
        }
        return fixture;
    }

    private static Fixture createFixture() throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        Path project = Files.createTempDirectory(tmp, "project");
        Path content = project.resolve("content");
        Path data = project.resolve("data");
        for (Path dir : List.of(content.resolve("conventions"), content.resolve("pages"), content.resolve("sources"),
                data.resolve("products"), data.resolve("organisations"))) {
            Files.createDirectories(dir);
        }
        try (Stream<Path> sources = Files.list(repo.resolve("content/sources"))) {
            for (Path s : sources.toList()) {
                Files.writeString(content.resolve("sources").resolve(s.getFileName()), "texte");
            }
        }
        Diagnostics ignored = new Diagnostics();
        Path registry = repo.resolve("data/organisations.yml");
        YamlTree tree = YamlTree.parse(registry, Files.readString(registry), 1, ignored);
        List<SourceRecord> organisations = new ArrayList<>();
        List<?> entries = (List<?>) tree.root();
        for (int i = 0; i < entries.size(); i++) {
            Object id = ((Map<?, ?>) entries.get(i)).get("id");
            organisations.add(new SourceRecord(Sources.ORGANISATION, String.valueOf(id), registry, tree, "[" + i + "]",
                    null, false));
        }
        List<SourceRecord> products = new ArrayList<>();
        try (Stream<Path> files = Files.list(repo.resolve("data/products"))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                DocumentModel doc = new CommonmarkEngine().parse(null, p.toFile());
                String name = p.getFileName().toString();
                YamlTree record = (YamlTree) doc.get(CommonmarkEngine.RECORD);
                if (record == null) {
                    throw new UncheckedIOException(new IOException("bundled product unreadable: " + p));
                }
                products.add(new SourceRecord(Sources.PRODUCT, name.substring(0, name.length() - 3), p, record, "",
                        doc, false));
            }
        }
        return new Fixture(content, data, List.copyOf(organisations), List.copyOf(products));
    }
}
