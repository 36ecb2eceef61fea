package fr.vitrine.build;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.privacy.Policy;
import fr.vitrine.privacy.PrivacyCheck;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources;
import fr.vitrine.validate.MetricsLoader;
import fr.vitrine.validate.Validator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read → privacy check → validate, into a {@link Catalog}. It remembers what it read, so that after some conventions
 * or pages changed ({@link #update}) only those files are read, checked and rendered again, and the products' impact
 * metrics are loaded again only when the products changed. Every diagnostic of the files not read again is kept and
 * reported again, so an update reports exactly what a full load would.
 */
public final class CatalogLoader {

    private SiteConfig config;
    private Sources.SourceSet sources;
    /** What reading and the privacy check said of each convention or page file (its parse and its texts). */
    private final Map<Path, List<Diagnostic>> byFile = new ConcurrentHashMap<>();
    /** What reading said of everything else: settings, data files, unreadable content files. */
    private List<Diagnostic> rest = List.of();
    private List<Path> metricsFiles = List.of();
    private List<Product> metricsOf;
    private Map<String, ProductMetrics> metrics;
    private List<Diagnostic> metricsDiagnostics = List.of();
    private Policy policy = Policy.defaults();

    /** Reads every source; reports into {@code diagnostics}; the catalog, or {@code null} when there are errors. */
    public Catalog load(SiteConfig config, LocalDate today, Diagnostics diagnostics) {
        this.config = config;
        Diagnostics read = new Diagnostics();
        PrivacyCheck privacy = new PrivacyCheck(config, read);
        byFile.clear();
        // Each convention and page checked and rendered on the thread that read it, as soon as it is read.
        sources = Sources.read(config, read, r -> {
            byFile.put(r.file(), check(r, privacy));
            CommonmarkEngine.renderBody(r);
        });
        List<SourceRecord> data = new ArrayList<>(sources.products());
        data.addAll(sources.organisations());
        data.addAll(sources.incubators());
        data.addAll(sources.fasts());
        data.addAll(sources.standards());
        privacy.checkRecords(data, read);
        policy = privacy.policy();
        metricsFiles = MetricsLoader.csvFiles(config.dataFolder(), read);
        // Parse problems of records are in both: kept with their file.
        rest = read.all().stream().filter(d -> d.file() == null || !byFile.containsKey(d.file())).toList();
        metricsOf = null;
        return validate(today, diagnostics);
    }

    /**
     * True when {@link #update} can take these changes: conventions or pages files only (created, changed or deleted),
     * or none (validated again), after a {@link #load} of the same settings.
     */
    public boolean canUpdate(Set<Path> changed) {
        if (sources == null || changed == null) {
            return false;
        }
        return changed.stream().allMatch(p -> typeOf(p) != null && !Files.isDirectory(p)
                && (Sources.isRecordFile(p) || !namedAsSourceText(p)));
    }

    /** True when a convention's {@code source.text} names this file (its text is checked and published). */
    private boolean namedAsSourceText(Path file) {
        Path target = file.toAbsolutePath().normalize();
        Path content = config.contentFolder().toAbsolutePath().normalize();
        return sources.conventions().stream().anyMatch(r -> r.fields().get("source") instanceof Map<?, ?> source
                && source.get("text") instanceof String name && target.equals(content.resolve(name).normalize()));
    }

    /** Reads again the files {@link #canUpdate} accepted; the new catalog, or {@code null} when there are errors. */
    public Catalog update(Set<Path> changed, LocalDate today, Diagnostics diagnostics) {
        if (!canUpdate(changed)) {
            throw new IllegalArgumentException("not an update of conventions or pages: " + changed);
        }
        List<SourceRecord> conventions = new ArrayList<>(sources.conventions());
        List<SourceRecord> pages = new ArrayList<>(sources.pages());
        Set<String> unreadable = new HashSet<>(sources.unreadable());
        PrivacyCheck privacy = new PrivacyCheck(config, new Diagnostics());
        List<Path> files = changed.stream().filter(Sources::isRecordFile).toList();
        rest = rest.stream().filter(d -> !files.contains(d.file())).toList();
        for (Path file : files) {
            String type = typeOf(file);
            List<SourceRecord> list = Sources.CONVENTION.equals(type) ? conventions : pages;
            list.removeIf(r -> r.file().equals(file));
            byFile.remove(file);
            String name = file.getFileName().toString();
            unreadable.remove(name.substring(0, name.length() - 3));
            if (!Files.exists(file)) {
                continue;
            }
            Diagnostics parsed = new Diagnostics();
            SourceRecord r = Sources.readOne(config, file, type, parsed, unreadable);
            if (r == null) {
                byFile.put(file, parsed.all());
            } else {
                byFile.put(file, check(r, privacy));
                CommonmarkEngine.renderBody(r);
                list.add(r);
            }
        }
        Comparator<SourceRecord> byName = Comparator.comparing(SourceRecord::file);
        conventions.sort(byName);
        pages.sort(byName);
        sources = sources.with(List.copyOf(conventions), List.copyOf(pages), Set.copyOf(unreadable));
        return validate(today, diagnostics);
    }

    private Catalog validate(LocalDate today, Diagnostics diagnostics) {
        Diagnostics all = new Diagnostics();
        rest.forEach(all::add);
        byFile.values().forEach(list -> list.forEach(all::add));
        Catalog catalog = Validator.validate(sources, config.contentFolder(), this::metrics, today, all);
        diagnostics.addAll(all);
        return all.hasErrors() ? null : catalog;
    }

    /** The products' metrics, loaded again only when the products differ from the last load's. */
    private Map<String, ProductMetrics> metrics(List<Product> products, Diagnostics diagnostics) {
        if (!products.equals(metricsOf)) {
            Diagnostics local = new Diagnostics();
            metrics = MetricsLoader.load(metricsFiles, products, policy, local);
            metricsDiagnostics = local.all();
            metricsOf = products;
        }
        metricsDiagnostics.forEach(diagnostics::add);
        return metrics;
    }

    /** What reading and the privacy check say of one record (redacting its document). */
    private static List<Diagnostic> check(SourceRecord r, PrivacyCheck privacy) {
        Diagnostics local = new Diagnostics();
        if (r.document().get(CommonmarkEngine.DIAGNOSTICS) instanceof Diagnostics parsed) {
            local.addAll(parsed);
        }
        privacy.check(r, local);
        return local.all();
    }

    /** {@link Sources#CONVENTION} or {@link Sources#PAGE}, by the folder a file is in; null for any other file. */
    public String typeOf(Path file) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        Path content = config.contentFolder().toAbsolutePath().normalize();
        return folder == null ? null : folder.equals(content.resolve("conventions")) ? Sources.CONVENTION
                : folder.equals(content.resolve("pages")) ? Sources.PAGE : null;
    }
}
