package fr.vitrine.render;

import fr.vitrine.read.SiteConfig;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.diagnostics.Position;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

    /** Indexes the pages written in {@code site}; a failure is an error naming what Pagefind said. */
    public void write(Path site, Path project, Diagnostics diagnostics) {
        Path file = project.resolve(SiteConfig.FILE);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--site", site.toString(),
                "--output-subdir", FOLDER, "--force-language", "fr", "--silent")
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
