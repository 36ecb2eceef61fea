package fr.vitrine.serve;

import fr.vitrine.build.Build;
import fr.vitrine.build.CatalogLoader;
import fr.vitrine.check.LinkCheck;
import fr.vitrine.check.TableCheck;
import fr.vitrine.dataset.Downloads;
import fr.vitrine.dataset.OpenData;
import fr.vitrine.diagnostics.Console;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.Sources;
import fr.vitrine.read.TextFile;
import fr.vitrine.render.PageLinks;
import fr.vitrine.render.PageType;
import fr.vitrine.render.SiteRenderer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rebuilds the site for {@code serve}: the one place that turns "the sources changed" into a new site and the list of
 * its files that changed.
 * <ul>
 * <li>When only conventions or free pages changed, and no convention appeared, disappeared or moved in the listings,
 * the site served is updated in place: only the changed files are read again, only the pages that show them are
 * rendered again (in memory, their links checked), and only the files whose bytes differ are replaced, each by an
 * atomic rename. The datasets and downloads follow in a second step ({@link Outcome#then}), once the pages are
 * served: the page being edited reloads first.</li>
 * <li>Otherwise (templates, data, settings, a new or deleted convention), a whole {@link Build} into a new folder
 * {@code site-<n>} of a private work folder, which reads again only what changed when it can. The previous site is
 * kept until the next success, so requests still reading it finish.</li>
 * </ul>
 * A rebuild that fails writes nothing: the last good site stays served.
 */
final class Rebuilder implements AutoCloseable {

    /**
     * What a rebuild gave: the site's folder (null when the build failed), the files that differ from the previous
     * site (paths relative to the site, with '/'), the problems to show ({@code path:line:column: severity: message}
     * and messages without a place), the warnings of a successful build, its duration, and what is left to do once
     * this is served (null when nothing is).
     */
    record Outcome(Path site, Set<String> changed, List<String> errors, List<String> warnings, double seconds,
                   Supplier<Outcome> then) {
        Outcome(Path site, Set<String> changed, List<String> errors, List<String> warnings, double seconds) {
            this(site, changed, errors, warnings, seconds, null);
        }

        boolean failed() {
            return site == null;
        }
    }

    private final Path source;
    private final String baseUrl;
    private final Path work;
    private final CatalogLoader loader = new CatalogLoader();
    private Path current;
    private int generation;
    /** What the site served was built from, and what each of its pages links to; null after a failed full build. */
    private Build.Built built;
    private Map<String, PageLinks> links;
    /** The changes of the rebuilds that failed since the last success. */
    private final Set<Path> unapplied = new TreeSet<>();

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
     * unknown: the first build, or events the system lost). On success the site becomes {@link #current}.
     */
    synchronized Outcome rebuild(Set<Path> changes) {
        long started = System.nanoTime();
        // What the last failed rebuilds did not take in is taken in now (a template still broken is reported again).
        Set<Path> sources = changes == null ? null : new TreeSet<>(changes);
        if (sources != null) {
            sources.addAll(unapplied);
        }
        Outcome outcome = rebuild(sources, started);
        if (outcome.failed() && sources != null) {
            unapplied.addAll(sources);
        } else if (!outcome.failed()) {
            unapplied.clear();
        }
        return outcome;
    }

    private Outcome rebuild(Set<Path> sources, long started) {
        if (sources != null && built != null && current != null && !sources.isEmpty()) {
            Outcome updated = loader.canUpdate(sources) ? update(sources, started)
                    : withoutTemplates(sources).isEmpty() ? updateTemplates(sources, started) : null;
            if (updated != null) {
                return updated;
            }
        }
        return build(sources, started);
    }

    /** A whole build into a new folder, reading again only the conventions and pages that changed when it can. */
    private Outcome build(Set<Path> sources, long started) {
        Path output = work.resolve("site-" + (++generation));
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Set<Path> reread = sources == null ? null : withoutTemplates(sources);
        built = null;
        Build build = new Build(new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(messages, true, StandardCharsets.UTF_8)).printing(diagnostics::addAll)
                // The search index of the first good build serves the preview (Pagefind takes seconds on a large site).
                .reusingSearchIndexOf(current)
                .loadingWith(loader, reread)
                .retaining(b -> {
                    built = b;
                    links = new HashMap<>(b.links());
                });
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

    /**
     * The changes that are not templates nor assets: what the sources' reader must read again; null before a first
     * good build (where the templates are is not known yet).
     */
    private Set<Path> withoutTemplates(Set<Path> sources) {
        Path templates = built == null ? null : built.config().templateFolder().toAbsolutePath().normalize();
        Path assets = built == null ? null : built.config().assetFolder().toAbsolutePath().normalize();
        if (templates == null) {
            return null;
        }
        Set<Path> rest = new TreeSet<>();
        for (Path p : sources) {
            Path a = p.toAbsolutePath().normalize();
            if (!a.startsWith(templates) && !a.startsWith(assets)) {
                rest.add(p);
            }
        }
        return rest;
    }

    /**
     * Updates the site served in place after conventions or pages changed, in two steps: first the pages of the
     * records that changed (the page being edited reloads), then ({@link Outcome#then}) the other pages that show
     * them and the open data. Null when a whole build is needed: a convention or page appeared, disappeared or moved.
     */
    private Outcome update(Set<Path> sources, long started) {
        Diagnostics diagnostics = new Diagnostics();
        LocalDate today;
        try {
            today = Build.today();
        } catch (IllegalArgumentException e) {
            return null;
        }
        Catalog catalog = loader.update(sources, today, diagnostics);
        if (catalog == null) {
            return failed(diagnostics, started);
        }
        SiteRenderer before = built.renderer();
        SiteRenderer renderer = before.with(catalog, built.data(), diagnostics);
        if (!renderer.sameListings(before)) {
            return null;
        }
        Set<String> conventions = new TreeSet<>();
        Set<String> pages = new TreeSet<>();
        for (Path p : sources) {
            if (Sources.isRecordFile(p)) {
                String name = p.getFileName().toString();
                (Sources.PAGE.equals(loader.typeOf(p)) ? pages : conventions).add(name.substring(0, name.length() - 3));
            }
        }
        List<SiteRenderer.PageSpec> first = renderer.pagesOf(conventions, pages);
        Set<String> changed = write(renderer, first, diagnostics);
        if (changed == null) {
            return failed(diagnostics, started);
        }
        built = new Build.Built(built.config(), catalog, built.data(), renderer, links);
        return new Outcome(current, changed, List.of(), warnings(diagnostics), seconds(started), () -> {
            Outcome rest = updateRest(renderer, before, conventions, pages, first);
            if (rest.failed()) {
                // The next rebuild does this step again.
                synchronized (this) {
                    unapplied.addAll(sources);
                }
            }
            return rest;
        });
    }

    /**
     * Updates the site served in place after page templates changed: the pages of their types are rendered again
     * with the templates read again. Null when a whole build is needed: a layout, a partial or an asset changed.
     */
    private Outcome updateTemplates(Set<Path> sources, long started) {
        Diagnostics diagnostics = new Diagnostics();
        SiteRenderer renderer = built.renderer().reloaded(diagnostics);
        Set<PageType> types = renderer.typesOfTemplates(sources);
        if (types == null) {
            return null;
        }
        Set<String> changed = write(renderer, renderer.pages().stream().filter(s -> types.contains(s.type())).toList(),
                diagnostics);
        if (changed == null) {
            return failed(diagnostics, started);
        }
        built = new Build.Built(built.config(), built.catalog(), built.data(), renderer, links);
        return new Outcome(current, changed, List.of(), warnings(diagnostics), seconds(started));
    }

    /**
     * The second step of an update: the other pages that show the changed records, then the datasets, the listing's
     * index, the downloads of the conventions whose pages were rendered again, and the open-data page (written aside,
     * checked, and the files that differ put in place).
     */
    private synchronized Outcome updateRest(SiteRenderer renderer, SiteRenderer before, Set<String> conventions,
                                            Set<String> pages, List<SiteRenderer.PageSpec> done) {
        long started = System.nanoTime();
        if (built == null || built.renderer() != renderer) {
            // Another rebuild came first: it did this and more.
            return new Outcome(current, Set.of(), List.of(), List.of(), 0);
        }
        Diagnostics diagnostics = new Diagnostics();
        Set<String> first = done.stream().map(SiteRenderer.PageSpec::path).collect(Collectors.toSet());
        // A renderer reporting into this step's diagnostics.
        SiteRenderer second = renderer.with(renderer.catalog(), built.data(), diagnostics);
        List<SiteRenderer.PageSpec> rest = second.pagesShowing(conventions, pages, before).stream()
                .filter(s -> !first.contains(s.path())).toList();
        Set<String> changed = write(second, rest, diagnostics);
        if (changed == null) {
            return failed(diagnostics, started);
        }
        Catalog catalog = renderer.catalog();
        SiteConfig config = built.config();
        Path scratch = work.resolve("data-" + (++generation));
        try {
            OpenData.Result data = OpenData.write(catalog, config, scratch, diagnostics);
            TableCheck.checkAll(data.tables(), scratch.resolve(OpenData.FOLDER), current.resolve(OpenData.FOLDER),
                    diagnostics);
            Stream.concat(done.stream(), rest.stream()).filter(s -> s.type() == PageType.CONVENTION)
                    .map(s -> (fr.vitrine.model.Convention) s.data().get("convention"))
                    .forEach(c -> Downloads.write(c, catalog, config, scratch));
            SiteRenderer withData = renderer.with(catalog, data, diagnostics);
            withData.writeListingIndex(scratch);
            withData.renderInMemory(withData.pages().stream().filter(s -> s.type() == PageType.DATA).toList())
                    .forEach((file, text) -> TextFile.writeUtf8(scratch.resolve(file), text));
            if (diagnostics.hasErrors()) {
                return failed(diagnostics, started);
            }
            for (String file : files(scratch)) {
                if (replace(current.resolve(file), readAllBytes(scratch.resolve(file)))) {
                    changed.add(file);
                }
            }
            built = new Build.Built(config, catalog, data, withData, links);
            return new Outcome(current, changed, List.of(), warnings(diagnostics), seconds(started));
        } finally {
            delete(scratch);
        }
    }

    /**
     * Renders {@code specs} in memory, checks the links they gained (and, when a page's element ids changed, every
     * link to an element of another page), and puts the pages that differ in place; the files changed, or null when
     * there are errors (nothing written).
     */
    private Set<String> write(SiteRenderer renderer, List<SiteRenderer.PageSpec> specs, Diagnostics diagnostics) {
        Map<String, String> texts = renderer.renderInMemory(specs);
        if (diagnostics.hasErrors()) {
            return null;
        }
        Map<String, PageLinks> all = new HashMap<>(links);
        Map<String, List<String>> check = new TreeMap<>();
        boolean idsChanged = false;
        for (String file : texts.keySet()) {
            PageLinks now = renderer.links().get(file);
            if (now == null) {
                continue;
            }
            PageLinks old = all.put(file, now);
            Set<String> known = old == null ? Set.of() : Set.copyOf(old.links());
            check.put(file, now.links().stream().filter(l -> !known.contains(l)).toList());
            idsChanged |= old == null || !old.ids().equals(now.ids());
        }
        if (idsChanged) {
            all.forEach((file, pageLinks) -> check.merge(file, pageLinks.links().stream()
                    .filter(l -> l.indexOf('#') > 0).toList(), (a, b) -> Stream.concat(a.stream(), b.stream())
                    .distinct().toList()));
        }
        LinkCheck.Report report = LinkCheck.run(current, all, check);
        if (!report.broken().isEmpty()) {
            LinkCheck.report(report.broken(), renderer.markdownSources(), built.config().templateFolder(),
                    diagnostics);
            return null;
        }
        links = all;
        Set<String> changed = new TreeSet<>();
        texts.forEach((file, text) -> {
            if (replace(current.resolve(file), text.getBytes(StandardCharsets.UTF_8))) {
                changed.add(file);
            }
        });
        return changed;
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Outcome failed(Diagnostics diagnostics, long started) {
        List<String> errors = diagnostics.all().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
        return new Outcome(null, Set.of(), errors, warnings(diagnostics), seconds(started));
    }

    private static List<String> warnings(Diagnostics diagnostics) {
        return diagnostics.all().stream().filter(d -> !d.isError()).map(Diagnostic::toString).toList();
    }

    /**
     * Puts {@code bytes} at {@code file} unless it holds them already: written beside it, then renamed over it, so a
     * request reads the old file or the new one, never half of one. True when the file changed.
     */
    static boolean replace(Path file, byte[] bytes) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length
                    && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + ".vitrine-tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        try {
            fr.vitrine.read.Folders.delete(dir);
        } catch (UncheckedIOException e) {
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
