package fr.vitrine.serve;

import fr.vitrine.Build;
import fr.vitrine.diagnostics.Console;
import fr.vitrine.diagnostics.Diagnostic;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Rebuilds the site for {@code serve}: the one place that turns "the sources changed" into a new site and the list of
 * its files that changed. Today a full {@link Build} into a new folder {@code site-<n>} of a private work folder; an
 * incremental pipeline replaces {@link #rebuild} (it knows which pages it re-rendered, so {@link #changed} goes too).
 * The previous site is kept until the next success, so requests still reading it finish.
 */
final class Rebuilder implements AutoCloseable {

    /**
     * What a rebuild gave: the new site's folder (null when the build failed), the files that differ from the previous
     * site (paths relative to the site, with '/'), the problems to show ({@code path:line:column: severity: message}
     * and messages without a place), the warnings of a successful build, and its duration.
     */
    record Outcome(Path site, Set<String> changed, List<String> errors, List<String> warnings, double seconds) {
        boolean failed() {
            return site == null;
        }
    }

    private final Path source;
    private final String baseUrl;
    private final Path work;
    private Path current;
    private int generation;

    /** A rebuilder of the project in {@code source}, its pages linked for {@code baseUrl} (the server's address). */
    Rebuilder(Path source, String baseUrl) throws IOException {
        this.source = source;
        this.baseUrl = baseUrl;
        this.work = Files.createTempDirectory("vitrine-serve-");
    }

    /** The folder of the last good site, or null before the first success. */
    synchronized Path current() {
        return current;
    }

    /**
     * Builds the site again after {@code sources} changed (files or folders created, changed or deleted; null when
     * unknown: the first build, or events the system lost). On success the new site becomes {@link #current} and
     * older ones but one are deleted. Today every page is built again whatever {@code sources} says: an incremental
     * build re-renders only what depends on them, and reports those pages as {@link Outcome#changed}.
     */
    synchronized Outcome rebuild(Set<Path> sources) {
        long started = System.nanoTime();
        Path output = work.resolve("site-" + (++generation));
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Build build = new Build(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(messages, true, StandardCharsets.UTF_8)).printing(diagnostics::addAll)
                // The search index of the first good build serves the preview (Pagefind takes seconds on a large site).
                .reusingSearchIndexOf(current);
        int code = build.runDetailed(new Build.Options(source, output, baseUrl, false)).code();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            (d.isError() ? errors : warnings).add(d.toString());
        }
        if (code != Build.OK) {
            // Problems without a place (settings, theme, output): the lines Build printed that are not diagnostics.
            messages.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("vitrine: "))
                    .map(Console::clean).forEach(errors::add);
            if (errors.isEmpty()) {
                errors.add("vitrine: the build failed (exit code " + code + ")");
            }
            delete(output);
            return new Outcome(null, Set.of(), errors, warnings, seconds(started));
        }
        Path previous = current;
        Set<String> changed = changed(previous, output);
        current = output;
        dropAllBut(previous, output);
        return new Outcome(output, changed, List.of(), warnings, seconds(started));
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Files of {@code after} that are new or differ from {@code before}, and files of {@code before} gone. */
    static Set<String> changed(Path before, Path after) {
        Set<String> changed = new TreeSet<>();
        List<String> now = files(after);
        for (String file : now) {
            Path old = before == null ? null : before.resolve(file);
            try {
                if (old == null || !Files.isRegularFile(old) || Files.mismatch(old, after.resolve(file)) != -1) {
                    changed.add(file);
                }
            } catch (IOException e) {
                changed.add(file);
            }
        }
        if (before != null) {
            Set<String> kept = new TreeSet<>(now);
            files(before).stream().filter(f -> !kept.contains(f)).forEach(changed::add);
        }
        return changed;
    }

    private static List<String> files(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the sites older than {@code keep1} and {@code keep2}. */
    private void dropAllBut(Path keep1, Path keep2) {
        try (Stream<Path> sites = Files.list(work)) {
            sites.filter(p -> !p.equals(keep1) && !p.equals(keep2)).toList().forEach(Rebuilder::delete);
        } catch (IOException e) {
            // tried again after the next rebuild; the folder goes at close
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a reader still holds it (Windows) or it is gone already
        }
    }

    /** Deletes every site built. */
    @Override
    public synchronized void close() {
        delete(work);
        current = null;
    }
}
