package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.EvidenceCheck;
import fr.vitrine.model.Vocabulary;
import org.jbake.app.Parser;
import org.jbake.model.DocumentModel;
import org.jbake.parser.Engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Finds and parses every source of a project: convention records and pages under {@code content/}, the
 * organisations registry and product files under {@code data/}, and optional beta.gouv.fr folders read as they are.
 */
public final class Sources {

    public static final String CONVENTION = "convention";
    public static final String PRODUCT = "product";
    public static final String ORGANISATION = "organisation";
    public static final String PAGE = "page";
    public static final String STANDARD = "standard";
    /** The programme's standards, in the project's {@code data/} or else built in. */
    public static final String STANDARDS_FILE = "engagements.yml";
    public static final String INCUBATOR = "incubator";
    public static final String FAST = "fast";

    /** Settings naming beta.gouv.fr folders ({@code content/_startups}, {@code content/_organisations}). */
    public static final String BETA_STARTUPS = "vitrine.betagouv.startups";
    public static final String BETA_ORGANISATIONS = "vitrine.betagouv.organisations";

    static {
        // In code, not through META-INF: JBake's own descriptor would win and .md would stay on flexmark.
        Engines.register("md", new CommonmarkEngine());
    }

    /**
     * Everything read, by type, in a stable order (file name order). {@code unreadable} holds the ids of files that
     * exist but could not be parsed, so references to them are not reported a second time as unknown.
     */
    public record SourceSet(List<SourceRecord> conventions, List<SourceRecord> organisations,
                            List<SourceRecord> products, List<SourceRecord> pages, Set<String> unreadable,
                            Vocabulary vocabulary, ProductBody.Upstream upstream, List<SourceRecord> incubators,
                            List<SourceRecord> fasts, List<SourceRecord> standards,
                            Map<String, EvidenceCheck> evidence) {
        public SourceSet(List<SourceRecord> conventions, List<SourceRecord> organisations, List<SourceRecord> products,
                         List<SourceRecord> pages, Set<String> unreadable) {
            this(conventions, organisations, products, pages, unreadable, Vocabulary.BUILT_IN,
                    ProductBody.Upstream.DEFAULT, List.of(), List.of(), List.of(), Map.of());
        }

        /** The same sources with other conventions and pages (the preview server's rebuilds). */
        public SourceSet with(List<SourceRecord> conventions, List<SourceRecord> pages, Set<String> unreadable) {
            return new SourceSet(conventions, organisations, products, pages, unreadable, vocabulary, upstream,
                    incubators, fasts, standards, evidence);
        }
    }

    private final SiteConfig config;
    private final Diagnostics diagnostics;
    private final Parser parser;
    /** The engine of {@code *.md} files, for beta.gouv.fr's files without an extension. */
    private final org.jbake.parser.ParserEngine markdown;
    private final Path projectRoot;
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

    private Sources(SiteConfig config, Diagnostics diagnostics) {
        this.config = config;
        this.diagnostics = diagnostics;
        this.parser = new Parser(config.jbake());
        this.markdown = Engines.get("md");
        this.projectRoot = realPath(config.source());
    }

    /**
     * Reads every source of the project, handing each convention and page to {@code settle} as soon as it is parsed,
     * on the thread that parsed it (the privacy check, then {@link CommonmarkEngine#renderBody}): the whole text of a
     * file is dropped then, so that memory holds one file's text per thread, not every file's.
     */
    public static SourceSet read(SiteConfig config, Diagnostics diagnostics, Consumer<SourceRecord> settle) {
        return new Sources(config, diagnostics).readAll(settle);
    }

    /**
     * Reads one convention or page file of the project again, as {@link #read} does (the preview server's rebuilds);
     * null when it can't be parsed (its id added to {@code unreadable}, as {@link SourceSet#unreadable}) or is a link
     * out of the project (reported).
     */
    public static SourceRecord readOne(SiteConfig config, Path file, String type, Diagnostics diagnostics,
                                       Set<String> unreadable) {
        Sources sources = new Sources(config, diagnostics);
        SourceRecord r = sources.insideRoot(file, sources.projectRoot) ? sources.parse(file, type, false) : null;
        unreadable.addAll(sources.unreadable);
        return r;
    }

    /** True when {@link #read} reads this file of a records folder: a {@code *.md} that is not hidden. */
    public static boolean isRecordFile(Path file) {
        return file.getFileName().toString().endsWith(".md") && !ignored(file);
    }

    private SourceSet readAll(Consumer<SourceRecord> settle) {
        Path content = config.contentFolder();
        Path data = config.dataFolder();
        List<SourceRecord> organisations = new ArrayList<>(registry(data.resolve("organisations.yml"), ORGANISATION));
        organisations.addAll(markdownFolder(data.resolve("organisations"), ORGANISATION, false, null));
        List<SourceRecord> products = new ArrayList<>(markdownFolder(data.resolve("products"), PRODUCT, false, null));
        config.path(BETA_ORGANISATIONS).ifPresent(dir -> organisations.addAll(external(dir, BETA_ORGANISATIONS, ORGANISATION)));
        config.path(BETA_STARTUPS).ifPresent(dir -> products.addAll(external(dir, BETA_STARTUPS, PRODUCT)));
        Vocabulary vocabulary = config.path(BETA_STARTUPS).map(dir -> Vocabulary.BUILT_IN.withPhases(
                phaseLabels(dir.resolveSibling("_phases")))).orElse(Vocabulary.BUILT_IN);
        return new SourceSet(
                markdownFolder(content.resolve("conventions"), CONVENTION, false, settle),
                organisations,
                products,
                markdownFolder(content.resolve("pages"), PAGE, false, settle),
                Set.copyOf(unreadable),
                vocabulary,
                upstream(),
                // beta.gouv.fr's incubators and FAST promotions, beside its products: read when there.
                beside("_incubators", INCUBATOR), beside("_fasts", FAST),
                standards(data.resolve(STANDARDS_FILE)),
                EvidenceFile.read(data.resolve(EvidenceFile.NAME), diagnostics));
    }

    /** The project's standards file, or the built-in one when the project has none. */
    private List<SourceRecord> standards(Path file) {
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return registry(file, STANDARD);
        }
        Path builtIn = BuiltIn.root().resolve(STANDARDS_FILE);
        try {
            return registry(builtIn, Files.readString(builtIn), STANDARD);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the jar's " + STANDARDS_FILE + " cannot be read", e);
        }
    }

    private List<SourceRecord> beside(String folder, String type) {
        return config.path(BETA_STARTUPS).map(dir -> dir.resolveSibling(folder)).filter(Files::isDirectory)
                .map(dir -> markdownFolder(dir, type, true, null)).orElse(List.of());
    }

    /**
     * beta.gouv.fr's public address ({@value ProductBody#SETTING}, default {@value ProductBody#DEFAULT_BASE}) and, when
     * its product folder is read, the folders of that checkout that may hold the files it serves: the folder above
     * {@code _startups/} and the one above that, and their {@code public/} and {@code static/} folders.
     */
    private ProductBody.Upstream upstream() {
        String setting = config.string(ProductBody.SETTING, ProductBody.DEFAULT_BASE).strip();
        java.net.URI base;
        try {
            base = new java.net.URI(setting.endsWith("/") ? setting : setting + "/");
            if (base.getHost() == null || !("https".equals(base.getScheme()) || "http".equals(base.getScheme()))) {
                throw new java.net.URISyntaxException(setting, "not an http(s) address");
            }
        } catch (java.net.URISyntaxException e) {
            diagnostics.error(config.source().resolve(SiteConfig.FILE), config.positionOf(ProductBody.SETTING), "'"
                    + setting + "' is not an http(s) address for " + ProductBody.SETTING + "; write beta.gouv.fr's "
                    + "public address, e.g. " + ProductBody.DEFAULT_BASE);
            base = java.net.URI.create(ProductBody.DEFAULT_BASE);
        }
        List<Path> roots = new ArrayList<>();
        Path startups = config.path(BETA_STARTUPS).map(Sources::realPath).orElse(null);
        Path content = startups == null ? null : startups.getParent();
        for (Path dir : content == null ? List.<Path>of()
                : content.getParent() == null ? List.of(content) : List.of(content, content.getParent())) {
            for (String sub : List.of("", "public", "static")) {
                Path root = realPath(dir.resolve(sub));
                if (root != null && Files.isDirectory(root) && !roots.contains(root)) {
                    roots.add(root);
                }
            }
        }
        return new ProductBody.Upstream(base, List.copyOf(roots));
    }

    /**
     * The French labels of a beta.gouv.fr checkout's {@code _phases/} folder (beside {@code _startups/}), by phase id
     * ({@code status}); empty when there is no such folder. A file without {@code status} or {@code label} is a warning.
     */
    private Map<String, String> phaseLabels(Path dir) {
        Map<String, String> labels = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return labels;
        }
        Path root = realPath(dir);
        for (Path file : list(dir)) {
            if (!insideRoot(file, root)) {
                continue;
            }
            Diagnostics local = new Diagnostics();
            String text = TextFile.readUtf8(file, local);
            FrontMatter fm = text == null ? null : FrontMatter.split(file, text, local);
            YamlTree tree = fm == null ? null : YamlTree.parse(file, fm.yaml(), fm.yamlFirstLine(), local);
            Object status = tree != null && tree.root() instanceof Map<?, ?> m ? m.get("status") : null;
            Object label = tree != null && tree.root() instanceof Map<?, ?> m ? m.get("label") : null;
            if (status instanceof String id && label instanceof String french && !french.isBlank()
                    && Characters.firstForbidden(french) < 0) {
                labels.put(id.strip(), Characters.dropInvisible(french.strip()));
            } else {
                diagnostics.warning(file, 1, 1, "phase file without 'status' and 'label' texts; its phase keeps "
                        + "Vitrine's own label");
            }
        }
        return labels;
    }

    private List<SourceRecord> external(Path dir, String setting, String type) {
        if (!Files.isDirectory(dir)) {
            diagnostics.error(config.source().resolve(SiteConfig.FILE), config.positionOf(setting),
                    "folder " + dir + " named by " + setting + " does not exist; fix the path or remove the setting");
            return List.of();
        }
        return markdownFolder(dir, type, true, null);
    }

    /**
     * Parses every {@code *.md} of a folder through JBake's parser, in parallel, each then handed to {@code settle}
     * when there is one; order is the file names'.
     */
    private List<SourceRecord> markdownFolder(Path dir, String type, boolean external, Consumer<SourceRecord> settle) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Path realDir = realPath(dir);
        Path root = external ? realDir : projectRoot;
        // A file that is not a link is where its folder really is: one lstat, not a readlink for every name of its
        // path (measured: 30 system calls a file).
        boolean dirInside = realDir != null && root != null && realDir.startsWith(root);
        return list(dir, external).parallelStream()
                .filter(f -> dirInside && !Files.isSymbolicLink(f) || insideRoot(f, root))
                .map(f -> parse(f, type, external))
                .filter(Objects::nonNull)
                .map(r -> {
                    if (settle != null) {
                        settle.accept(r);
                    }
                    return r;
                })
                .toList();
    }

    /** The {@code *.md} files of a folder, in name order. */
    private List<Path> list(Path dir) {
        return list(dir, false);
    }

    /**
     * The {@code *.md} files of a folder, in name order; in a beta.gouv.fr folder ({@code external}) also the files
     * whose name has no extension at all, which its own site reads as Markdown too (the 2026 snapshot's
     * {@code _fasts/15_fast}).
     */
    private List<Path> list(Path dir, boolean external) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(".md")
                            || external && noExtension(p) && Files.isRegularFile(p))
                    .filter(p -> !ignored(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            diagnostics.error(dir, 0, 0, "cannot list folder: " + e.getMessage());
            return List.of();
        }
    }

    private static boolean noExtension(Path file) {
        return file.getFileName().toString().indexOf('.') < 0;
    }

    private SourceRecord parse(Path file, String type, boolean external) {
        DocumentModel doc = noExtension(file) ? markdown.parse(config.jbake(), file.toFile())
                : parser.processFile(file.toFile());
        if (doc == null) {
            diagnostics.error(file, 0, 0, "no parser for this file");
            return null;
        }
        doc.setType(type);
        Diagnostics found = (Diagnostics) doc.get(CommonmarkEngine.DIAGNOSTICS);
        if (external && doc.get(CommonmarkEngine.RECORD) == null) {
            // A beta.gouv.fr file that cannot be read is reported; the rest of the programme builds.
            found.all().forEach(d -> diagnostics.add(d.isError() ? new Diagnostic(Diagnostic.Severity.WARNING,
                    d.file(), d.line(), d.column(), d.message() + " (file skipped: no page)") : d));
        } else {
            diagnostics.addAll(found);
        }
        YamlTree tree = (YamlTree) doc.get(CommonmarkEngine.RECORD);
        String name = file.getFileName().toString();
        String id = noExtension(file) ? name : name.substring(0, name.length() - 3);
        if (tree == null || !tree.duplicates().isEmpty() && !external) {
            // A project file must say what it means; beta.gouv.fr's files are read as its own site reads them.
            if (tree != null) {
                tree.duplicates().forEach(d -> diagnostics.error(file, d.at(), d.message() + "; keep only one"));
            }
            unreadable.add(id);
            return null;
        }
        tree.duplicates().forEach(d -> diagnostics.warning(file, d.at(), d.message() + ": the value written last is "
                + "used"));
        return new SourceRecord(type, id, file, tree, "", doc, external);
    }

    /** A YAML file holding a list of records, each with an {@code id}. */
    private List<SourceRecord> registry(Path file, String type) {
        if (!Files.exists(file) || !insideRoot(file, projectRoot)) {
            return List.of();
        }
        String text = TextFile.readUtf8(file, diagnostics);
        return text == null ? List.of() : registry(file, text, type);
    }

    private List<SourceRecord> registry(Path file, String text, String type) {
        YamlTree tree = YamlTree.parse(file, text, 1, diagnostics);
        if (tree == null) {
            return List.of();
        }
        if (!(tree.root() instanceof List<?> entries)) {
            diagnostics.error(file, 1, 1, "expected a list of records ('- id: ...'), one per " + type);
            return List.of();
        }
        List<SourceRecord> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            String id = entry instanceof java.util.Map<?, ?> m && m.get("id") != null ? String.valueOf(m.get("id")) : null;
            out.add(new SourceRecord(type, id, file, tree, "[" + i + "]", null, false));
        }
        return out;
    }

    private static boolean ignored(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.startsWith("_") || name.startsWith("@");
    }

    /** Refuses files (e.g. symbolic links) whose real location is outside the folder they were found in. */
    private boolean insideRoot(Path file, Path root) {
        Path real = realPath(file);
        if (real == null && Files.isSymbolicLink(file)) {
            diagnostics.error(file, 0, 0, "this file is a link that cannot be followed (a loop of links, or its "
                    + "target is missing); fix or remove the link");
            return false;
        }
        if (real == null || root == null || !real.startsWith(root)) {
            diagnostics.error(file, 0, 0, "this file is a link to " + real + ", outside " + root
                    + "; copy the file into the project instead of linking it");
            return false;
        }
        return true;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
