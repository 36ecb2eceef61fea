package fr.vitrine.render;

import fr.vitrine.read.SiteConfig;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.diagnostics.Position;
import fr.vitrine.read.Folders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The site's full-text search index, written into {@code /pagefind/} by Pagefind (the npm package {@code pagefind},
 * whose platform package ships the binary) once the pages are. Pagefind indexes the elements marked
 * {@code data-pagefind-body} (conventions, products, organisations) in French, splits them at each heading with an
 * id, so that a hit links down to {@code #article-N}, and the page /recherche/ queries it in the browser.
 */
public final class SearchIndex {

    /** Folder of the index in the site, and the setting that turns it on or off. */
    public static final String FOLDER = "pagefind";
    static final String SETTING = "vitrine.search";
    static final String BINARY_SETTING = "vitrine.search.pagefind";
    private static final long DEADLINE_SECONDS = 600;
    private static final int OUTPUT_KEPT = 4000;

    private static final List<String> UNUSED = List.of("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
            "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js");

    private final Path binary;

    private SearchIndex(Path binary) {
        this.binary = binary;
    }

    /**
     * The index the settings ask for: empty when {@code vitrine.search=off}, or (with a warning saying what to do)
     * when no Pagefind binary is found in {@code vitrine.search.pagefind}, node_modules or the PATH.
     */
    public static Optional<SearchIndex> locate(SiteConfig config, Diagnostics diagnostics) {
        String mode = config.string(SETTING, "pagefind").toLowerCase(Locale.ROOT);
        Path file = config.source().resolve(SiteConfig.FILE);
        if (mode.equals("off")) {
            return Optional.empty();
        }
        if (!mode.equals("pagefind")) {
            diagnostics.error(file, config.positionOf(SETTING), SETTING + " is '" + mode
                    + "': write pagefind (a full-text search index) or off (none)");
            return Optional.empty();
        }
        Optional<Path> chosen = config.path(BINARY_SETTING);
        if (chosen.isPresent()) {
            if (Files.isRegularFile(chosen.get()) && Files.isExecutable(chosen.get())) {
                return Optional.of(new SearchIndex(chosen.get()));
            }
            diagnostics.error(file, config.positionOf(BINARY_SETTING), BINARY_SETTING + " names "
                    + chosen.get() + ", which is not an executable file: give the path of the pagefind binary");
            return Optional.empty();
        }
        Optional<Path> found = candidates(config.source()).stream()
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
        if (found.isEmpty()) {
            diagnostics.warning(file, config.positionOf(SETTING), "no search index: Pagefind was not found in "
                    + "node_modules/ or on the PATH; run 'npm install pagefind' in the project folder, set "
                    + BINARY_SETTING + " to its binary, or set " + SETTING + "=off (the search box then leads to "
                    + "the convention listing)");
        }
        return found.map(SearchIndex::new);
    }

    /**
     * Where npm puts the binary for this machine ({@code node_modules/@pagefind/<platform>-<cpu>/bin/}) in the project
     * folder, then in the working folder; then the PATH.
     */
    public static List<Path> candidates(Path project) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String platform = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "darwin" : os.replace(' ', '-');
        String arch = System.getProperty("os.arch", "");
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
        String exe = platform.equals("windows") ? ".exe" : "";
        List<String> names = List.of("pagefind_extended" + exe, "pagefind" + exe);
        List<Path> out = new ArrayList<>();
        String bin = "node_modules/@pagefind/" + platform + "-" + cpu + "/bin";
        for (Path root : List.of(project, Path.of("").toAbsolutePath())) {
            names.forEach(n -> out.add(root.resolve(bin).resolve(n)));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                names.forEach(n -> out.add(Path.of(dir).resolve(n)));
            }
        }
        return out;
    }

    /** Pagefind's mark: when any page holds it, Pagefind indexes only the pages that do. */
    private static final byte[] BODY = "data-pagefind-body".getBytes(StandardCharsets.US_ASCII);
    /** The folder, inside the site being written, of links to the pages Pagefind reads; removed once it has. */
    private static final String PAGES = ".pagefind-pages";

    /** Whether a page's text holds {@code data-pagefind-body} (ASCII case ignored, as HTML attribute names). */
    public static boolean marksBody(byte[] page) {
        outer:
        for (int i = 0, last = page.length - BODY.length; i <= last; i++) {
            if ((page[i] | 0x20) != 'd') {
                continue;
            }
            for (int j = 1; j < BODY.length; j++) {
                byte b = page[i + j];
                if (b != BODY[j] && (b | 0x20) != BODY[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Indexes the pages written in {@code site}; a failure is an error naming what Pagefind said. {@code rendered} are
     * the HTML pages the renderer wrote and {@code marked} those of them that hold {@code data-pagefind-body} (by site
     * file): Pagefind reads only the marked pages (and any other HTML file that holds the mark), through a folder of
     * hard links, as it would index nothing else; parsing the listings it skips took half its time.
     */
    public void write(Path site, Path project, Set<String> rendered, Set<String> marked, Diagnostics diagnostics) {
        Path file = project.resolve(SiteConfig.FILE);
        Path pages = site.resolve(PAGES);
        try {
            if (!linkMarkedPages(site, pages, rendered, marked)) {
                pages = site;
            }
        } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
            // A file system without hard links: Pagefind reads the whole site, to the same index.
            Folders.delete(pages);
            pages = site;
        }
        try {
            run(site, pages, file, project, diagnostics);
        } finally {
            if (!pages.equals(site)) {
                try {
                    Folders.delete(pages);
                } catch (UncheckedIOException e) {
                    diagnostics.error(file, Position.START, "cannot remove " + pages + " after indexing: "
                            + e.getMessage());
                }
            }
        }
    }

    /**
     * Links into {@code pages} the site's HTML files Pagefind would index; false when none is marked (Pagefind then
     * indexes every page, so it reads the site itself).
     */
    private static boolean linkMarkedPages(Path site, Path pages, Set<String> rendered, Set<String> marked)
            throws IOException {
        List<String> chosen = new ArrayList<>();
        try (Stream<Path> files = Files.walk(site)) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".html"))::iterator) {
                String name = site.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                if (rendered.contains(name) ? marked.contains(name) : marksBody(Files.readAllBytes(p))) {
                    chosen.add(name);
                }
            }
        }
        if (chosen.isEmpty()) {
            return false;
        }
        for (String name : chosen) {
            Path link = pages.resolve(name);
            Files.createDirectories(link.getParent());
            Files.createLink(link, site.resolve(name));
        }
        return true;
    }

    private void run(Path site, Path pages, Path file, Path project, Diagnostics diagnostics) {
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--site", pages.toString(),
                "--output-path", site.resolve(FOLDER).toString(), "--force-language", "fr", "--silent")
                .directory(project.toFile()).redirectErrorStream(true);
        // Pagefind reads PAGEFIND_* variables as settings: only the flags above decide what it does.
        pb.environment().keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("PAGEFIND"));
        String said;
        int code;
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> keepTail(p.getInputStream(), output), "pagefind-output");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                diagnostics.error(file, Position.START, "the search index was not built: Pagefind (" + binary
                        + ") ran for more than " + DEADLINE_SECONDS + " s and was stopped");
                return;
            }
            reader.join(5000);
            code = p.exitValue();
            synchronized (output) {
                said = output.toString().strip();
            }
        } catch (IOException e) {
            diagnostics.error(file, Position.START, "the search index was not built: cannot run " + binary + ": "
                    + e.getMessage() + "; set " + BINARY_SETTING + " to the pagefind binary, or " + SETTING + "=off");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            diagnostics.error(file, Position.START, "the search index was not built: interrupted");
            return;
        }
        if (code != 0 || !Files.isRegularFile(site.resolve(FOLDER).resolve("pagefind.js"))) {
            diagnostics.error(file, Position.START, "the search index was not built: Pagefind (" + binary
                    + ") exited with " + code + (said.isEmpty() ? "" : " and said: " + said));
            return;
        }
        // Pagefind's own search interfaces: the site has its own (assets/search.js), so they would never run.
        for (String unused : UNUSED) {
            try {
                Files.deleteIfExists(site.resolve(FOLDER).resolve(unused));
            } catch (IOException e) {
                diagnostics.error(file, Position.START, "cannot remove " + unused + " from the search index: "
                        + e.getMessage());
            }
        }
    }

    /** Reads the process's output to its end, keeping only its last characters (bounded memory). */
    private static void keepTail(InputStream in, StringBuilder out) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (out) {
                    out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (out.length() > OUTPUT_KEPT) {
                        out.delete(0, out.length() - OUTPUT_KEPT);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }
}
