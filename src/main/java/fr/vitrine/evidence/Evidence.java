package fr.vitrine.evidence;

import fr.vitrine.build.Build;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.diagnostics.Exit;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Engagement;
import fr.vitrine.model.EvidenceCheck;
import fr.vitrine.model.Product;
import fr.vitrine.read.EvidenceFile;
import fr.vitrine.read.SiteConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code vitrine evidence}: looks at every evidence address the product files give and writes
 * {@code data/evidence.json}, which the build reads (the build itself never touches the network). An address checked
 * the same day is not fetched again unless {@code force}.
 */
public final class Evidence {

    /** The field whose page is also read for the word « statistiques ». */
    static final String STATISTICS_FIELD = "stats_url";

    private final Fetcher.Settings settings;
    private final PrintStream out;

    Evidence(Fetcher.Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** With the default settings: 4 addresses at once, 15 s per answer, 20 minutes in all, 1 MiB per page. */
    public static Evidence of(String version, String repository, PrintStream out) {
        return new Evidence(Fetcher.Settings.defaults(version, repository), out);
    }

    /**
     * The command: loads the project as {@code check} does (exit 1 on errors, printed), then checks and writes
     * {@code data/evidence.json}; 0 once written, whatever the sites answered.
     */
    public int command(Path source, boolean force, PrintStream err) {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
        Build build = new Build(out, err).on(today);
        SiteConfig config = build.config(new Build.Options(source, null, null, true));
        if (config == null) {
            return Exit.USAGE;
        }
        Diagnostics diagnostics = new Diagnostics();
        Catalog catalog = build.load(config, diagnostics);
        Path file = config.dataFolder().resolve(EvidenceFile.NAME);
        Map<String, EvidenceCheck> previous = EvidenceFile.read(file, diagnostics);
        diagnostics.all().stream().filter(d -> catalog == null || d.severity() == Diagnostic.Severity.ERROR)
                .forEach(err::println);
        if (catalog == null) {
            err.println("vitrine: the project has errors: nothing checked");
            return Exit.INVALID_INPUT;
        }
        try {
            run(catalog, previous, file, today, force);
            return Exit.OK;
        } catch (IOException e) {
            err.println("vitrine: " + file + " cannot be written: " + e.getMessage());
            return Exit.INVALID_INPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("vitrine: interrupted; " + file + " unchanged");
            return Exit.INVALID_INPUT;
        }
    }

    /** The addresses to check, each once: address → whether its page should name statistics. */
    static Map<String, Boolean> targets(Catalog catalog) {
        Map<String, Boolean> out = new TreeMap<>();
        for (Product p : catalog.products()) {
            for (Engagement e : catalog.engagementsOf(p.id())) {
                if (e.address() != null) {
                    out.merge(e.address(), STATISTICS_FIELD.equals(e.field()), Boolean::logicalOr);
                }
            }
        }
        return out;
    }

    /**
     * Checks the catalog's evidence addresses (reusing {@code previous} checks of {@code today} unless
     * {@code force}), writes {@code file} and returns the checks, by address.
     */
    public Map<String, EvidenceCheck> run(Catalog catalog, Map<String, EvidenceCheck> previous, Path file,
                                          LocalDate today, boolean force) throws InterruptedException, IOException {
        Map<String, Boolean> targets = targets(catalog);
        Map<String, EvidenceCheck> checks = new TreeMap<>();
        List<String> todo = new ArrayList<>();
        targets.forEach((address, statistics) -> {
            EvidenceCheck before = previous.get(address);
            if (!force && before != null && before.checked().equals(today)) {
                checks.put(address, before);
            } else {
                todo.add(address);
            }
        });
        out.println(targets.size() + " evidence addresses: " + checks.size() + " checked today already"
                + (todo.isEmpty() ? "" : ", " + todo.size() + " to check") + (force ? " (--force)" : ""));
        Fetcher fetcher = new Fetcher(settings);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.concurrency()), r -> {
            Thread t = new Thread(r, "evidence");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Callable<EvidenceCheck>> tasks = todo.stream().<Callable<EvidenceCheck>>map(address ->
                    () -> fetcher.check(address, targets.get(address), today)).toList();
            // Whatever the sites do, the run ends by the deadline: what is left then is recorded as not answering.
            List<Future<EvidenceCheck>> done = pool.invokeAll(tasks, settings.deadline().toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < todo.size(); i++) {
                Future<EvidenceCheck> f = done.get(i);
                EvidenceCheck c;
                try {
                    c = f.isCancelled() ? null : f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    c = null;
                }
                checks.put(todo.get(i), c != null ? c : new EvidenceCheck(todo.get(i), today, null, null, null,
                        EvidenceCheck.Outcome.TIMEOUT));
            }
        } finally {
            pool.shutdownNow();
        }
        Map<EvidenceCheck.Outcome, Integer> counts = new TreeMap<>();
        checks.values().forEach(c -> counts.merge(c.outcome(), 1, Integer::sum));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, EvidenceFile.write(checks.values()));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        StringBuilder summary = new StringBuilder("Written " + file + ":");
        counts.forEach((o, n) -> summary.append(' ').append(o.code()).append(' ').append(n).append(','));
        summary.setLength(summary.length() - 1);
        out.println(summary);
        return checks;
    }
}
