package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.FastPromotion;
import fr.vitrine.model.Incubator;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.Page;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.model.Standard;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources.SourceSet;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the records read from the sources into the model, checking every field and every reference between
 * records. All problems are reported; records with errors are left out of the catalog. Each record type's rules are a
 * unit of their own ({@link Organisations}, {@link Incubators}, {@link Products}, {@link Conventions}, {@link Pages},
 * {@link FastPromotions}, {@link Engagements}, the metrics' {@link MetricsLoader}); this class orders them, since a
 * record may only name records validated before it.
 */
public final class Validator {

    private final Diagnostics diagnostics;
    private final Path contentFolder;
    private final Metrics metrics;

    private Validator(Diagnostics diagnostics, Path contentFolder, Metrics metrics) {
        this.diagnostics = diagnostics;
        this.contentFolder = contentFolder;
        this.metrics = metrics;
    }

    /** Validates everything read, and the impact CSVs; the catalog holds the records that passed. */
    public static Catalog validate(SourceSet sources, Path contentFolder, List<Path> metricsFiles, LocalDate today,
                                   Diagnostics diagnostics) {
        return validate(sources, contentFolder, (products, d) -> MetricsLoader.load(metricsFiles, products, d), today,
                diagnostics);
    }

    /** How the products' impact metrics are loaded once the products are known (a cache may answer). */
    @FunctionalInterface
    public interface Metrics {
        Map<String, ProductMetrics> load(List<Product> products, Diagnostics diagnostics);
    }

    /** Validates with the products' metrics taken from {@code metrics}. */
    public static Catalog validate(SourceSet sources, Path contentFolder, Metrics metrics, LocalDate today,
                                   Diagnostics diagnostics) {
        return new Validator(diagnostics, contentFolder, metrics).run(sources, today);
    }

    private Catalog run(SourceSet sources, LocalDate today) {
        // Ids of files that failed to parse count as known: their own error is enough.
        Set<String> organisationIds = new HashSet<>(sources.unreadable());
        // A registry entry without an id has no id to offer (organisation() reports it).
        sources.organisations().stream().map(SourceRecord::id).filter(Objects::nonNull).forEach(organisationIds::add);
        Map<String, Organisation> organisations = new LinkedHashMap<>();
        Map<String, SourceRecord> organisationSources = new HashMap<>();
        Organisations organisationRules = new Organisations(diagnostics);
        for (SourceRecord r : sources.organisations()) {
            Organisation o = organisationRules.organisation(r, organisationIds);
            SourceRecord first = o == null ? null : organisationSources.get(o.id());
            if (first != null && first.external() != r.external()) {
                organisations.put(o.id(), organisationRules.merge(organisations.get(o.id()), first, o, r));
            } else if (o != null && unique(r, o.id(), organisations.keySet(), "organisation")) {
                organisations.put(o.id(), o);
                organisationSources.put(o.id(), r);
            }
        }
        Set<String> skipped = java.util.stream.Stream.concat(sources.organisations().stream()
                .filter(SourceRecord::external).map(SourceRecord::id), sources.unreadable().stream())
                .filter(id -> id != null && !organisations.containsKey(id)).collect(java.util.stream.Collectors.toSet());
        List<Standard> standards = Engagements.standards(sources.standards(), diagnostics);
        Map<String, Incubator> incubators = new LinkedHashMap<>();
        Incubators incubatorRules = new Incubators(diagnostics);
        for (SourceRecord r : sources.incubators()) {
            Incubator i = incubatorRules.incubator(r, organisations.keySet());
            if (i != null) {
                incubators.put(i.id(), i);
            }
        }
        Map<String, Product> products = new LinkedHashMap<>();
        Products productRules = new Products(diagnostics);
        for (SourceRecord r : sources.products()) {
            Product p = productRules.product(r, organisationIds, organisations.keySet(), sources.vocabulary(),
                    incubators.keySet());
            p = p == null ? null : p.withDeclared(Engagements.declared(r, standards, diagnostics));
            if (p != null && (r.external() ? !products.containsKey(p.id()) : unique(r, p.id(), products.keySet(), "product"))) {
                products.put(p.id(), p);
            }
        }
        productRules.describe(products, organisations, sources);
        Map<String, SourceRecord> conventionSources = new HashMap<>();
        sources.conventions().forEach(r -> conventionSources.put(r.id(), r));
        Set<String> conventionIds = new HashSet<>(conventionSources.keySet());
        conventionIds.addAll(sources.unreadable());
        Set<String> productIds = new HashSet<>(sources.unreadable());
        sources.products().forEach(r -> productIds.add(r.id()));
        // A file that could not be parsed was reported (an error in the project, a warning in beta.gouv.fr's folder).
        Set<String> skippedProducts = java.util.stream.Stream.concat(sources.products().stream().filter(SourceRecord::external)
                .map(SourceRecord::id), sources.unreadable().stream())
                .filter(id -> !products.containsKey(id)).collect(java.util.stream.Collectors.toSet());
        List<Convention> conventions = new ArrayList<>();
        Conventions conventionRules = new Conventions(diagnostics, contentFolder, skipped, skippedProducts);
        for (SourceRecord r : sources.conventions()) {
            Convention c = conventionRules.convention(r, organisationIds, productIds, conventionIds);
            if (c != null) {
                conventions.add(c);
            }
        }
        conventionRules.checkAvenantCycles(conventions, conventionSources);
        List<Page> pages = new ArrayList<>();
        Pages pageRules = new Pages(diagnostics);
        for (SourceRecord r : sources.pages()) {
            Page p = pageRules.page(r);
            if (p != null) {
                pages.add(p);
            }
        }
        List<FastPromotion> fasts = new ArrayList<>();
        FastPromotions fastRules = new FastPromotions(diagnostics);
        for (SourceRecord r : sources.fasts()) {
            FastPromotion promotion = fastRules.fast(r);
            if (promotion != null && fasts.stream().noneMatch(x -> x.number() == promotion.number())) {
                fasts.add(promotion);
            }
        }
        return new Catalog(conventions, List.copyOf(organisations.values()), List.copyOf(products.values()), pages,
                metrics.load(List.copyOf(products.values()), diagnostics), today, List.copyOf(incubators.values()),
                fasts, standards, sources.evidence());
    }

    private boolean unique(SourceRecord r, String id, Set<String> seen, String what) {
        if (seen.contains(id)) {
            diagnostics.error(r.file(), r.tree().valueAt(r.path().isEmpty() ? "" : r.path() + ".id"),
                    "duplicate " + what + " id '" + id + "'; each " + what + " must have its own id");
            return false;
        }
        return true;
    }
}
