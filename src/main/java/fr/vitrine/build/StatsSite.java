package fr.vitrine.build;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.model.Text;
import fr.vitrine.read.ImpactCsv;
import fr.vitrine.validate.MetricsLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A product team's own /stats site ({@code vitrine stats}): the impact CSVs they name, as the one product of a
 * catalog, rendered with the same templates and charts as the programme's site.
 */
public final class StatsSite {

    /**
     * @param patterns files or globs of impact CSVs, relative to the working directory
     * @param product  the name shown on the page; {@code null} for the service name found in the files
     */
    public record Request(List<String> patterns, String product, boolean failOnWarnings) {
    }

    private StatsSite() {
    }

    /** Reads the team's files into a catalog holding one product, or returns {@code null} after reporting why. */
    public static Catalog load(Request request, LocalDate today, Diagnostics diagnostics) {
        List<Path> files = resolve(request.patterns(), diagnostics);
        if (files.isEmpty()) {
            return null;
        }
        Set<String> services = serviceNames(files);
        String title = request.product() != null && !request.product().isBlank() ? request.product().strip()
                : services.isEmpty() ? "Service" : services.iterator().next();
        List<String> names = new ArrayList<>(services);
        if (names.isEmpty()) {
            names.add(title);
        }
        Product product = new Product(Text.slug(title), title, null, List.of(), null, List.of(), List.of(), null, null,
                null, null, "", List.copyOf(names), false, null);
        Map<String, ProductMetrics> metrics = MetricsLoader.load(files, List.of(product), diagnostics);
        if (diagnostics.hasErrors()) {
            return null;
        }
        long warnings = diagnostics.count(Diagnostic.Severity.WARNING);
        if (request.failOnWarnings() && warnings > 0) {
            // Warnings fail like errors, before anything is written.
            diagnostics.error(null, 0, 0, "warnings fail the run (fail-on-warnings): fix the " + warnings
                    + " warning(s) above, or run without --fail-on-warnings");
            return null;
        }
        if (metrics.isEmpty()) {
            diagnostics.error(files.get(0), 1, 1, "no impact rows in " + request.patterns() + ": nothing to publish");
            return null;
        }
        return new Catalog(List.of(), List.of(), List.of(product), List.of(), metrics, today);
    }

    /** The files the patterns name, relative to the working directory. */
    static List<Path> resolve(List<String> patterns, Diagnostics diagnostics) {
        return resolve(Path.of("").toAbsolutePath(), patterns, diagnostics);
    }

    /**
     * The files the patterns name under {@code cwd}, sorted. A pattern that names nothing, or is not a valid glob, is
     * an error naming it; a file whose real location is outside {@code cwd} (a link out, {@code ../}) is an error
     * and is never opened, as {@code build} does for links out of the project.
     */
    public static List<Path> resolve(Path cwd, List<String> patterns, Diagnostics diagnostics) {
        Set<Path> out = new TreeSet<>();
        Path root;
        try {
            root = cwd.toRealPath();
        } catch (IOException e) {
            diagnostics.error(null, 0, 0, "cannot read the working directory " + cwd + ": " + e.getMessage());
            return List.of();
        }
        for (String pattern : patterns) {
            for (String one : pattern.split("\\R")) {
                String p = one.strip();
                if (p.isEmpty()) {
                    continue;
                }
                List<Path> found;
                try {
                    found = glob(cwd, p);
                } catch (IllegalArgumentException e) { // PatternSyntaxException, or a path the system refuses
                    String why = e instanceof java.util.regex.PatternSyntaxException pse ? pse.getDescription()
                            : e instanceof java.nio.file.InvalidPathException ipe ? ipe.getReason() : e.getMessage();
                    diagnostics.error(null, 0, 0, "'" + p + "' is not a valid file pattern (" + why
                            + "); write a path or a glob such as 'stats/**/*.csv'");
                    continue;
                } catch (UncheckedIOException e) {
                    diagnostics.error(null, 0, 0, "cannot list the files of '" + p + "': " + e.getCause().getMessage());
                    continue;
                }
                if (found.isEmpty()) {
                    diagnostics.error(null, 0, 0, (isGlob(p) ? "no file matches the pattern '" : "file not found: '") + p
                            + "' (relative to " + cwd + "); check the 'metrics' input");
                }
                for (Path f : found) {
                    try {
                        Path real = f.toRealPath();
                        if (real.startsWith(root)) {
                            out.add(f);
                        } else {
                            diagnostics.error(f, 0, 0, "this file is outside the working directory " + root
                                    + (Files.isSymbolicLink(f) ? " (a link to another place)" : "")
                                    + ": it is not read; copy it into the repository instead");
                        }
                    } catch (IOException e) {
                        diagnostics.error(f, 0, 0, "this file cannot be followed: " + e.getMessage());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean isGlob(String p) {
        return p.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static List<Path> glob(Path cwd, String pattern) {
        if (!isGlob(pattern)) {
            Path file = cwd.resolve(pattern).normalize();
            return Files.isRegularFile(file) ? List.of(file) : List.of();
        }
        // Walk from the longest folder prefix without wildcards.
        String[] parts = pattern.split("/");
        StringBuilder base = new StringBuilder();
        int i = 0;
        while (i < parts.length - 1 && !isGlob(parts[i])) {
            base.append(parts[i]).append('/');
            i++;
        }
        Path root = cwd.resolve(base.toString()).normalize();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + cwd.resolve(pattern).normalize());
        // As in GitHub's globs, "**/" also matches no folder at all.
        PathMatcher flat = FileSystems.getDefault().getPathMatcher("glob:"
                + cwd.resolve(pattern.replace("**/", "")).normalize());
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(Path::normalize)
                    .filter(f -> matcher.matches(f) || flat.matches(f)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct service names the files use, in order of appearance (read without checking the rows). */
    private static Set<String> serviceNames(List<Path> files) {
        Set<String> names = new LinkedHashSet<>();
        int column = ImpactCsv.COLUMNS.indexOf("nom_service_public_numerique");
        for (Path f : files) {
            ImpactCsv.read(f, new Diagnostics(), (line, cells, report) -> {
                if (cells[column] != null && !cells[column].text().isEmpty()) {
                    names.add(cells[column].text());
                }
            });
        }
        return names;
    }
}
