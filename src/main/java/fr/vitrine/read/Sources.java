package fr.vitrine.read;

import fr.vitrine.privacy.PrivacyCheck;
import fr.vitrine.validate.Diagnostics;
import org.jbake.app.Parser;
import org.jbake.model.DocumentModel;
import org.jbake.parser.Engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
                            List<SourceRecord> products, List<SourceRecord> pages, Set<String> unreadable) {
    }

    private final SiteConfig config;
    private final Diagnostics diagnostics;
    private final Parser parser;
    private final Path projectRoot;
    private final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    private final PrivacyCheck privacy;

    private Sources(SiteConfig config, Diagnostics diagnostics) {
        this.config = config;
        this.diagnostics = diagnostics;
        this.parser = new Parser(config.jbake());
        this.projectRoot = realPath(config.source());
        this.privacy = new PrivacyCheck(config, diagnostics);
    }

    public static SourceSet read(SiteConfig config, Diagnostics diagnostics) {
        return new Sources(config, diagnostics).readAll();
    }

    private SourceSet readAll() {
        Path content = config.contentFolder();
        Path data = config.dataFolder();
        List<SourceRecord> organisations = new ArrayList<>(registry(data.resolve("organisations.yml"), ORGANISATION));
        organisations.addAll(markdownFolder(data.resolve("organisations"), ORGANISATION, false));
        List<SourceRecord> products = new ArrayList<>(markdownFolder(data.resolve("products"), PRODUCT, false));
        config.path(BETA_ORGANISATIONS).ifPresent(dir -> organisations.addAll(external(dir, BETA_ORGANISATIONS, ORGANISATION)));
        config.path(BETA_STARTUPS).ifPresent(dir -> products.addAll(external(dir, BETA_STARTUPS, PRODUCT)));
        return new SourceSet(
                markdownFolder(content.resolve("conventions"), CONVENTION, false),
                organisations,
                products,
                markdownFolder(content.resolve("pages"), PAGE, false),
                Set.copyOf(unreadable));
    }

    private List<SourceRecord> external(Path dir, String setting, String type) {
        if (!Files.isDirectory(dir)) {
            diagnostics.error(config.source().resolve(SiteConfig.FILE), config.positionOf(setting),
                    "folder " + dir + " named by " + setting + " does not exist; fix the path or remove the setting");
            return List.of();
        }
        return markdownFolder(dir, type, true);
    }

    /** Parses every {@code *.md} of a folder through JBake's parser, in parallel; order is the file names'. */
    private List<SourceRecord> markdownFolder(Path dir, String type, boolean external) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Path root = external ? realPath(dir) : projectRoot;
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !ignored(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            diagnostics.error(dir, 0, 0, "cannot list folder: " + e.getMessage());
            return List.of();
        }
        return files.parallelStream()
                .filter(f -> insideRoot(f, root))
                .map(f -> parse(f, type, external))
                .filter(Objects::nonNull)
                .toList();
    }

    private SourceRecord parse(Path file, String type, boolean external) {
        DocumentModel doc = parser.processFile(file.toFile());
        if (doc == null) {
            diagnostics.error(file, 0, 0, "no parser for this file");
            return null;
        }
        doc.setType(type);
        diagnostics.addAll((Diagnostics) doc.get(CommonmarkEngine.DIAGNOSTICS));
        YamlTree tree = (YamlTree) doc.get(CommonmarkEngine.RECORD);
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - 3);
        if (tree == null) {
            unreadable.add(id);
            return null;
        }
        if (!external && (type.equals(CONVENTION) || type.equals(PAGE))) {
            privacy.check(file, doc, tree, diagnostics);
        }
        return new SourceRecord(type, id, file, tree, "", doc, external);
    }

    /** A YAML file holding a list of records, each with an {@code id}. */
    private List<SourceRecord> registry(Path file, String type) {
        if (!Files.exists(file) || !insideRoot(file, projectRoot)) {
            return List.of();
        }
        String text = TextFile.readUtf8(file, diagnostics);
        if (text == null) {
            return List.of();
        }
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
