package fr.vitrine.build;

import fr.vitrine.check.LinkCheck;
import fr.vitrine.check.TableCheck;
import fr.vitrine.dataset.Downloads;
import fr.vitrine.dataset.OpenData;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.diagnostics.Exit;
import fr.vitrine.model.Catalog;
import fr.vitrine.read.Folders;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.render.PageLinks;
import fr.vitrine.render.SearchIndex;
import fr.vitrine.render.SiteRenderer;
import fr.vitrine.render.Theme;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The main job: read → validate → render → check, into a staging folder that replaces the output only when
 * everything succeeded. A failed build leaves the previous site untouched.
 */
public final class Build {

    /** The exit codes ({@link Exit}), as the command line names them. */
    public static final int OK = Exit.OK;
    public static final int INVALID_INPUT = Exit.INVALID_INPUT;
    public static final int USAGE = Exit.USAGE;

    /** Marks a folder as Vitrine's output, so a build never deletes a folder it did not create. */
    public static final String MARKER = ".vitrine-output";

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /**
     * What to do. {@code output} null means the configuration's {@code destination.folder}; {@code stats} non-null
     * builds a product team's standalone /stats site from impact CSVs instead of the whole site.
     */
    public record Options(Path source, Path output, String baseUrl, boolean checkOnly, boolean timings,
                          StatsSite.Request stats, boolean failOnWarnings) {
        public Options(Path source, Path output, String baseUrl, boolean checkOnly) {
            this(source, output, baseUrl, checkOnly, false, null);
        }

        public Options(Path source, Path output, String baseUrl, boolean checkOnly, boolean timings) {
            this(source, output, baseUrl, checkOnly, timings, null);
        }

        public Options(Path source, Path output, String baseUrl, boolean checkOnly, boolean timings,
                       StatsSite.Request stats) {
            this(source, output, baseUrl, checkOnly, timings, stats, stats != null && stats.failOnWarnings());
        }
    }

    /** The setting that makes warnings fail a build or check, as {@code --fail-on-warnings} does. */
    public static final String FAIL_ON_WARNINGS = "vitrine.fail-on-warnings";

    /** How a run ended: exit code, every diagnostic, and what was built (null when nothing was). */
    public record Result(int code, Diagnostics diagnostics, Catalog catalog, Path output) {
    }

    private final PrintStream out;
    private final PrintStream err;
    /** Null until the run starts: then {@code SOURCE_DATE_EPOCH} or today. */
    private LocalDate today;
    private Consumer<List<Diagnostic>> printer;
    private Path searchIndexOf;
    private boolean forDisk;
    private CatalogLoader loader = new CatalogLoader();
    /** False when the loader is the caller's ({@link #loadingWith}), who keeps its sources for the next build. */
    private boolean ownLoader = true;
    private Set<Path> changed;
    private Consumer<Built> retain = built -> { };
    /** The last run's renderer. */
    private SiteRenderer renderer;

    public Build(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.printer = all -> all.forEach(err::println);
    }

    /** Replaces how diagnostics are printed (e.g. as GitHub workflow annotations). */
    public Build printing(Consumer<List<Diagnostic>> printer) {
        this.printer = printer;
        return this;
    }

    /**
     * Takes the search index of an earlier build's site instead of running Pagefind again (the preview server's
     * rebuilds: the index is as of the first build until it restarts).
     */
    public Build reusingSearchIndexOf(Path site) {
        this.searchIndexOf = site;
        return this;
    }

    /** Writes links to folders as links to their index.html, so the site works opened from the disk (--for-disk). */
    public Build forDisk() {
        this.forDisk = true;
        return this;
    }

    /**
     * Reads through {@code loader}, which remembers the last sources it read: with {@code changed} files that it
     * {@linkplain CatalogLoader#canUpdate can update}, only those are read again (the preview server's rebuilds).
     */
    public Build loadingWith(CatalogLoader loader, Set<Path> changed) {
        this.loader = loader;
        this.ownLoader = false;
        this.changed = changed;
        return this;
    }

    /** What a successful build of the whole site hands on, for the preview server's incremental rebuilds. */
    public record Built(SiteConfig config, Catalog catalog, OpenData.Result data, SiteRenderer renderer,
                        Map<String, PageLinks> links) {
    }

    /** Hands what a successful build of the whole site built to {@code retain}. */
    public Build retaining(Consumer<Built> retain) {
        this.retain = retain;
        return this;
    }

    /** Fixes the day statuses and phases are computed for (tests, reproducible builds). */
    public Build on(LocalDate day) {
        this.today = day;
        return this;
    }

    /** Last second of 9999-12-31 UTC: a later {@code SOURCE_DATE_EPOCH} is not a date a build is made on. */
    static final long MAX_EPOCH = 253_402_300_799L;

    /**
     * The day statuses are computed for: {@code SOURCE_DATE_EPOCH} when set (reproducible builds), else today.
     *
     * @throws IllegalArgumentException when {@code SOURCE_DATE_EPOCH} is not a number of seconds in range
     */
    public static LocalDate today() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        return epoch == null || epoch.isEmpty() ? LocalDate.now(PARIS) : epochDay(epoch);
    }

    static LocalDate epochDay(String epoch) {
        if (!epoch.matches("\\d{1,15}") || Long.parseLong(epoch) > MAX_EPOCH) {
            throw new IllegalArgumentException("SOURCE_DATE_EPOCH '" + fr.vitrine.model.Text.abbreviate(epoch)
                    + "' is not a date: it must be a whole number of seconds since 1970-01-01 UTC, from 0 to "
                    + MAX_EPOCH + " (9999-12-31); fix it or unset it");
        }
        return Instant.ofEpochSecond(Long.parseLong(epoch)).atZone(PARIS).toLocalDate();
    }

    /** Loads the configuration, or prints why it can't and returns {@code null}. */
    public SiteConfig config(Options options) {
        try {
            Path output = options.output() != null ? options.output() : options.source().resolve("output");
            SiteConfig config = SiteConfig.load(options.source(), output, options.stats() == null);
            if (options.baseUrl() != null) {
                config.setBaseUrl(options.baseUrl());
            }
            if (forDisk) {
                config.set(SiteRenderer.LINKS, "files");
            }
            return config;
        } catch (IllegalArgumentException e) {
            err.println("vitrine: " + e.getMessage());
            return null;
        }
    }

    /** Reads and validates; prints every problem. Returns the catalog, or {@code null} when there are errors. */
    public Catalog load(SiteConfig config, Diagnostics diagnostics) {
        Catalog catalog = changed != null && loader.canUpdate(changed) ? loader.update(changed, today, diagnostics)
                : loader.load(config, today, diagnostics);
        if (ownLoader) {
            // A single build keeps no sources (their YAML trees, with a position for every value) once validated.
            loader = new CatalogLoader();
        }
        return catalog;
    }

    public int run(Options options) {
        return runDetailed(options).code();
    }

    /** {@code vitrine check} on a project folder, with its jbake.properties; returns the exit code. */
    public int check(Path project) {
        return run(new Options(project, null, null, true));
    }

    public Result runDetailed(Options options) {
        Diagnostics diagnostics = new Diagnostics();
        if (today == null) {
            try {
                today = today();
            } catch (IllegalArgumentException e) {
                err.println("vitrine: " + e.getMessage());
                return new Result(USAGE, diagnostics, null, null);
            }
        }
        SiteConfig config = config(options);
        if (config == null) {
            return new Result(USAGE, diagnostics, null, null);
        }
        Path output = config.jbake().getDestinationFolder().toPath().toAbsolutePath().normalize();
        if (Files.isSymbolicLink(output)) {
            // Followed: the site it points to is replaced and the link kept (replacing the link itself would leave
            // that site stale, silently).
            try {
                output = output.toRealPath();
            } catch (IOException e) {
                err.println("vitrine: output " + output + " is a link to a folder that does not exist; create it or "
                        + "choose another --output");
                return new Result(USAGE, diagnostics, null, null);
            }
        }
        try {
            Theme.load(config, options.stats() != null);
        } catch (IllegalArgumentException e) {
            err.println("vitrine: " + e.getMessage());
            return new Result(USAGE, diagnostics, null, null);
        }
        String unsafe = unsafeOutput(config, output);
        if (unsafe != null && !options.checkOnly()) {
            err.println("vitrine: " + unsafe);
            return new Result(USAGE, diagnostics, null, null);
        }
        Phases phases = new Phases(options.timings());
        if (options.stats() == null) { // a team's /stats site has no DCAT catalogue
            fr.vitrine.dataset.Dcat.prepare();
        }
        Catalog catalog = options.stats() != null
                ? StatsSite.load(options.stats(), today, diagnostics)
                : load(config, diagnostics);
        phases.done("read + validate");
        int code = run(options, config, output, catalog, diagnostics, phases);
        return new Result(code, diagnostics, catalog, code == OK ? output : null);
    }

    /** True, said on the error stream, when there are warnings and the command line or the project says they fail. */
    private boolean warningsFail(Options options, SiteConfig config, Diagnostics diagnostics) {
        boolean asked = options.failOnWarnings() || options.stats() == null
                && Boolean.parseBoolean(config.string(FAIL_ON_WARNINGS, "false").strip());
        if (asked && diagnostics.count(Diagnostic.Severity.WARNING) > 0) {
            err.println("vitrine: " + diagnostics.count(Diagnostic.Severity.WARNING) + " warning(s) fail the run "
                    + "(--fail-on-warnings or " + FAIL_ON_WARNINGS + "=true)");
            return true;
        }
        return false;
    }

    private int run(Options options, SiteConfig config, Path output, Catalog catalog, Diagnostics diagnostics,
                    Phases phases) {
        boolean standalone = options.stats() != null;
        // Datasets are checked in a scratch folder under the system's temporary folder; a build stages beside the output.
        Path scratchParent = options.checkOnly() ? Path.of(System.getProperty("java.io.tmpdir")) : output.getParent();
        String scratchPrefix = options.checkOnly() ? "vitrine-check-" : "." + output.getFileName() + ".tmp-";
        Staging.sweep(scratchParent, scratchPrefix);
        if (catalog == null) {
            return fail(diagnostics, options.checkOnly() ? "fix them and run check again" : NOT_WRITTEN);
        }
        Staging scratch = null;
        Beside<Void> downloads = null;
        Beside<OpenData.Result> datasets = null;
        try {
            scratch = Staging.create(scratchParent, scratchPrefix, options.checkOnly());
            Path staging = scratch.dir();
            downloads = downloads(catalog, config, staging, standalone);
            // The datasets are written beside the pages: only the open-data page shows them, and it is rendered last.
            boolean metricsOnly = standalone && !options.checkOnly();
            datasets = new Beside<>("datasets",
                    () -> writeData(catalog, config, staging, output, diagnostics, metricsOnly));
            // check renders the pages too, so that it finds every problem build finds (templates, broken links).
            int pages = renderAndCheckLinks(config, catalog, datasets, staging, diagnostics, standalone, downloads,
                    phases, !options.checkOnly());
            if (options.checkOnly()) {
                if (pages < 0) {
                    return fail(diagnostics, "the datasets do not match their schemas");
                }
                if (diagnostics.hasErrors() || warningsFail(options, config, diagnostics)) {
                    return fail(diagnostics, "fix them and run check again");
                }
                report(diagnostics);
                out.printf("%s, %s, %s: all valid; datasets match their schemas.%n",
                        count(catalog.conventions().size(), "convention"), count(catalog.products().size(), "product"),
                        count(catalog.organisations().size(), "organisation"));
                return OK;
            }
            if (pages < 0 || warningsFail(options, config, diagnostics) || diagnostics.hasErrors()) {
                return fail(diagnostics, NOT_WRITTEN);
            }
            Files.writeString(staging.resolve(MARKER), "Generated by Vitrine; this whole folder is replaced by each build.\n");
            replace(output, staging, scratch.aside());
            phases.done("replace output");
            if (!standalone) {
                retain.accept(new Built(config, catalog, datasets.join(), renderer, renderer.links()));
            }
            report(diagnostics);
            double seconds = phases.seconds();
            if (standalone) {
                out.printf("Statistics site written to %s: %s, in %.1f s.%n", output,
                        count(catalog.metrics(catalog.products().get(0).id()).national().size(), "indicator"), seconds);
            } else {
                out.printf("Site written to %s: %s, %s, %s, in %.1f s.%n", output, count(pages, "page"),
                        count(catalog.conventions().size(), "convention"), count(catalog.products().size(), "product"),
                        seconds);
            }
            if ("files".equals(config.string(SiteRenderer.LINKS, "folders"))) {
                out.println("Open " + output.resolve("index.html").toUri() + " (links written for the disk; the search "
                        + "needs a web server).");
            } else {
                out.println("Serve the folder with 'vitrine serve' or any static web server; to open it from the disk "
                        + "instead, build with --for-disk.");
            }
            return OK;
        } catch (IOException | UncheckedIOException e) {
            err.println("vitrine: cannot write the site: " + e.getMessage());
            return INVALID_INPUT;
        } finally {
            for (Beside<?> beside : java.util.Arrays.asList(downloads, datasets)) {
                if (beside != null) {
                    beside.settle(); // never writing into a staging folder being removed
                }
            }
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    /**
     * Starts writing each convention's downloads (its record, its texts) into {@code staging}, on a thread of its own
     * beside the datasets and the pages (it needs neither, and is mostly file writing); null for a team's site.
     */
    private static Beside<Void> downloads(Catalog catalog, SiteConfig config, Path staging, boolean standalone) {
        return standalone ? null : new Beside<>("downloads", () -> {
            Downloads.write(catalog, config, staging);
            return null;
        });
    }

    /**
     * Work on a thread of its own beside the stages, joined before what needs it. The thread is the one worker of a
     * pool of its own, so that the parallel streams of the work run on it rather than wait for the shared pool: a thread
     * outside any pool that waits on a parallel stream spins helping it (16 % of a build's samples, measured).
     */
    private static final class Beside<T> {
        private final java.util.concurrent.ForkJoinTask<T> task;

        Beside(String name, java.util.concurrent.Callable<T> work) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(1, p -> {
                java.util.concurrent.ForkJoinWorkerThread t =
                        java.util.concurrent.ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName(name);
                return t;
            }, null, false);
            task = pool.submit(work);
            pool.shutdown(); // its thread ends with the work
        }

        /** Waits for it to end and gives its result; its failure is thrown here. */
        T join() {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            }
        }

        /** Waits for it to end, whatever it did (the build has an outcome already). */
        void settle() {
            try {
                task.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // thrown by join() when the build went that far; otherwise the build failed before it mattered
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes the open data into {@code staging}, then verifies the tables against their schemas (reported as paths
     * under {@code output}); {@code null} when there are errors.
     */
    private static OpenData.Result writeData(Catalog catalog, SiteConfig config, Path staging, Path output,
                                             Diagnostics diagnostics, boolean standalone) {
        OpenData.Result data = OpenData.write(catalog, config, staging, diagnostics, standalone);
        TableCheck.checkAll(data.tables(), staging.resolve(OpenData.FOLDER), output.resolve(OpenData.FOLDER),
                diagnostics);
        return diagnostics.hasErrors() ? null : data;
    }

    /**
     * Renders every page into {@code staging} while the datasets and downloads are written beside them, then the
     * open-data page, then checks the links; returns the number of pages, or -1 when the datasets failed (reported).
     */
    private int renderAndCheckLinks(SiteConfig config, Catalog catalog, Beside<OpenData.Result> datasets,
                                    Path staging, Diagnostics diagnostics, boolean standalone,
                                    Beside<Void> downloads, Phases phases, boolean writeSearchIndex) {
        // A product team's statistics site has no search; check looks for Pagefind as build does, without running it.
        Optional<SearchIndex> search = standalone ? Optional.empty() : SearchIndex.locate(config, diagnostics);
        renderer = new SiteRenderer(config, catalog, null, Version.get(), diagnostics, standalone, search.isPresent());
        int pages = renderer.render(staging);
        phases.done("render");
        OpenData.Result data = datasets.join();
        if (data == null) {
            return -1;
        }
        pages += renderer.renderData(staging, data);
        if (downloads != null) {
            downloads.join();
        }
        phases.done("datasets");
        // The search index is made while the links are checked: Pagefind only reads the pages, the check only looks.
        Beside<Void> indexing = writeSearchIndex && search.isPresent() && !diagnostics.hasErrors()
                ? new Beside<>("search index", () -> {
                    writeSearchIndex(search.get(), config, staging, diagnostics);
                    return null;
                }) : null;
        try {
            if (!diagnostics.hasErrors()) {
                LinkCheck.Report links = LinkCheck.run(staging, renderer.links());
                LinkCheck.report(links.broken(), renderer.markdownSources(), config.templateFolder(), diagnostics);
                phases.done("check links");
            }
        } finally {
            if (indexing != null) {
                indexing.settle();
            }
        }
        if (indexing != null) {
            indexing.join();
            phases.done("search index");
        }
        return pages;
    }

    /** Pagefind's index of the staged pages, or the previous site's when the preview server asked to reuse it. */
    private void writeSearchIndex(SearchIndex search, SiteConfig config, Path staging, Diagnostics diagnostics) {
        Path previous = searchIndexOf == null ? null : searchIndexOf.resolve(SearchIndex.FOLDER);
        if (previous != null && Files.isRegularFile(previous.resolve("pagefind.js"))) {
            Folders.copy(previous, staging.resolve(SearchIndex.FOLDER));
        } else {
            search.write(staging, config.source(), renderer.links().keySet(), renderer.searchable(), diagnostics);
        }
    }

    /** "1 page", "2 pages". */
    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Prints how long each stage took, with {@code --timings}. */
    private final class Phases {
        private final boolean enabled;
        private final long started = System.nanoTime();
        private long last = started;
        private long lastCpu;

        Phases(boolean enabled) {
            this.enabled = enabled;
            if (enabled) { // from the JVM's start to here (the command line, the settings, the theme)
                lastCpu = cpu();
                long since = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
                err.printf("  %-16s %6.2f s  (CPU %.2f s)%n", "start", since / 1e3, lastCpu / 1e9);
            }
        }

        /** Prints the stage's wall time and the CPU time the whole process used meanwhile (both cores' worth). */
        void done(String phase) {
            long now = System.nanoTime();
            if (enabled) {
                long cpu = cpu();
                err.printf("  %-16s %6.2f s  (CPU %.2f s)%n", phase, (now - last) / 1e9, (cpu - lastCpu) / 1e9);
                lastCpu = cpu;
            }
            last = now;
        }

        /** The process's CPU time in nanoseconds (user and system, every thread, the JIT and collector included). */
        private static long cpu() {
            return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }

        /** Seconds since the run started reading. */
        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static final String NOT_WRITTEN = "no site written; the previous one, if any, is untouched";

    private int fail(Diagnostics diagnostics, String consequence) {
        report(diagnostics);
        err.printf("%d error(s), %d warning(s): %s.%n", diagnostics.count(Diagnostic.Severity.ERROR),
                diagnostics.count(Diagnostic.Severity.WARNING), consequence);
        return INVALID_INPUT;
    }

    private void report(Diagnostics diagnostics) {
        printer.accept(diagnostics.all());
    }

    /** Refuses outputs whose replacement would destroy sources or someone else's files. */
    static String unsafeOutput(SiteConfig config, Path output) {
        Path source = config.source();
        if (source.startsWith(output)) {
            return "output folder " + output + " contains the sources; choose another --output";
        }
        for (Path p : new Path[] {config.contentFolder(), config.dataFolder(), config.templateFolder()}) {
            if (output.startsWith(p)) {
                return "output folder " + output + " is inside the source folder " + p + "; choose another --output";
            }
        }
        if (Files.isDirectory(output) && !Files.exists(output.resolve(MARKER))) {
            try (Stream<Path> s = Files.list(output)) {
                if (s.findAny().isPresent()) {
                    return "refusing to replace " + output + ": it was not created by Vitrine (no " + MARKER
                            + " file); empty it or choose another --output";
                }
            } catch (IOException e) {
                return "cannot read output folder " + output + ": " + e.getMessage();
            }
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            return "output " + output + " is a file, not a folder";
        }
        return null;
    }

    /** Swaps the staged site in: rename the old one aside, rename the new one in. */
    private static void replace(Path output, Path staging, Path aside) throws IOException {
        Path old = null;
        if (Files.exists(output)) {
            old = aside;
            Files.move(output, old);
        }
        try {
            Files.move(staging, output);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, output);
            }
            throw e;
        }
        // The previous site stays aside: the staging folder's close deletes it, off the critical path.
    }
}
