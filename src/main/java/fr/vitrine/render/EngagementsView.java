package fr.vitrine.render;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Engagement;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.Product;
import fr.vitrine.model.Standard;
import fr.vitrine.model.Text;
import fr.vitrine.model.Vocabulary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The /engagements/ page and its filtered pages (/engagements/incubateur/…/, /engagements/financeur/…/,
 * /engagements/phase/…/, /engagements/etat/…/): products × standards, counts per standard (figures and chart), and
 * summaries per incubator and per sponsor. Each filter value is a static page, as the convention listing's facets.
 */
public record EngagementsView(List<Standard> standards, List<Row> rows, List<Count> counts, String chart,
                              List<Summary> byIncubator, List<Summary> bySponsor, List<Facet> facets, Value selected) {

    /** Phases after which a product is no longer run (the « terminé » filter). */
    private static final Set<String> ENDED_PHASES = Set.of("alumni", "abandon", "abandon-investigation");

    /** A product and where it stands on each standard, in the order of {@link #standards}. */
    public record Row(Product product, String phase, List<Engagement> engagements) {
    }

    /** How many of the products shown have each status on one standard, in the order of {@link #statuses()}. */
    public record Count(Standard standard, List<Integer> byStatus) {
        public int evidence() {
            return byStatus.get(Engagement.Status.EVIDENCE.ordinal());
        }
    }

    /** An incubator's or sponsor's products, and how many give evidence for each standard. */
    public record Summary(String label, String path, int products, List<Integer> evidence) {
    }

    /** A filter value and the products it selects (property names as the listing's facets partial reads them). */
    public record Value(String facet, String slug, String label, List<Product> products) {
        public String getPath() {
            return "/engagements/" + facet + "/" + slug + "/";
        }

        public int getCount() {
            return products.size();
        }

        /** Nothing more to say of a value (the facets partial shows a partner's roles here). */
        public String getDetail() {
            return null;
        }
    }

    public record Facet(String key, String label, List<Value> values) {
    }

    /** The whole programme's view and its filters. */
    public static EngagementsView of(Catalog catalog, Charts.Palette palette) {
        return of(catalog, facets(catalog), null, catalog.products(), palette);
    }

    /** The view of the products a filter value selects. */
    public EngagementsView filtered(Catalog catalog, Value value, Charts.Palette palette) {
        return of(catalog, facets, value, value.products(), palette);
    }

    private static EngagementsView of(Catalog catalog, List<Facet> facets, Value selected, List<Product> products,
                                      Charts.Palette palette) {
        List<Standard> standards = catalog.standards();
        List<Row> rows = new ArrayList<>();
        for (Product p : products) {
            Product.Phase phase = p.currentPhase(catalog.today());
            rows.add(new Row(p, phase == null ? null : phase.label(), catalog.engagementsOf(p.id())));
        }
        List<Count> counts = new ArrayList<>();
        for (int i = 0; i < standards.size(); i++) {
            Integer[] byStatus = new Integer[Engagement.Status.values().length];
            java.util.Arrays.fill(byStatus, 0);
            for (Row r : rows) {
                byStatus[r.engagements().get(i).status().ordinal()]++;
            }
            counts.add(new Count(standards.get(i), List.of(byStatus)));
        }
        String chart = null;
        if (!standards.isEmpty() && !rows.isEmpty()) {
            StringBuilder desc = new StringBuilder("Produits dont la fiche donne l'adresse d'un justificatif, sur "
                    + rows.size() + " : ");
            for (int i = 0; i < counts.size(); i++) {
                desc.append(i == 0 ? "" : ", ").append(standards.get(i).name().toLowerCase(Locale.FRENCH)).append(' ')
                        .append(counts.get(i).evidence());
            }
            chart = Charts.categories("engagements-justificatifs", "Produits ayant publié un justificatif, par engagement",
                    desc + ".", "produits", "Produits avec justificatif publié",
                    standards.stream().map(Standard::name).toList(),
                    counts.stream().map(c -> (double) c.evidence()).toList(), palette);
        }
        return new EngagementsView(standards, rows, counts, chart,
                summaries(catalog, facets, "incubateur"), summaries(catalog, facets, "financeur"), facets, selected);
    }

    private static List<Summary> summaries(Catalog catalog, List<Facet> facets, String key) {
        List<Summary> out = new ArrayList<>();
        for (Facet f : facets) {
            if (!f.key().equals(key)) {
                continue;
            }
            for (Value v : f.values()) {
                List<Integer> evidence = new ArrayList<>();
                for (int i = 0; i < catalog.standards().size(); i++) {
                    int n = 0;
                    for (Product p : v.products()) {
                        n += catalog.engagementsOf(p.id()).get(i).status() == Engagement.Status.EVIDENCE ? 1 : 0;
                    }
                    evidence.add(n);
                }
                out.add(new Summary(v.label(), v.getPath(), v.getCount(), evidence));
            }
        }
        return out;
    }

    private static List<Facet> facets(Catalog catalog) {
        List<Product> all = catalog.products();
        List<Facet> facets = new ArrayList<>();
        // By the incubator's name, never its id; a product naming an incubator without file has no value here.
        Map<String, String> incubators = new LinkedHashMap<>();
        all.stream().filter(p -> p.incubator() != null && catalog.incubatorName(p) != null)
                .sorted(Comparator.comparing(p -> Text.fold(catalog.incubatorName(p))))
                .forEach(p -> incubators.putIfAbsent(p.incubator(), catalog.incubatorName(p)));
        facets.add(new Facet("incubateur", "Incubateur", values("incubateur", incubators, all,
                (id, p) -> id.equals(p.incubator()))));
        Map<String, String> sponsors = new LinkedHashMap<>();
        for (Organisation o : catalog.organisations()) {
            if (all.stream().anyMatch(p -> p.sponsors().contains(o.id()))) {
                sponsors.put(o.id(), o.shortName());
            }
        }
        facets.add(new Facet("financeur", "Sponsor", values("financeur", sponsors, all,
                (id, p) -> p.sponsors().contains(id))));
        Map<String, String> phases = new LinkedHashMap<>();
        for (String name : Vocabulary.phaseOrder()) {
            all.stream().map(p -> p.currentPhase(catalog.today())).filter(ph -> ph != null && ph.name().equals(name))
                    .findFirst().ifPresent(ph -> phases.put(name, ph.label()));
        }
        facets.add(new Facet("phase", "Phase actuelle", values("phase", phases, all, (name, p) -> {
            Product.Phase ph = p.currentPhase(catalog.today());
            return ph != null && ph.name().equals(name);
        })));
        Predicate<Product> ended = p -> {
            Product.Phase ph = p.currentPhase(catalog.today());
            return ph != null && ENDED_PHASES.contains(ph.name());
        };
        facets.add(new Facet("etat", "État", List.of(
                new Value("etat", "en-cours", "En cours", all.stream().filter(ended.negate()).toList()),
                new Value("etat", "termine", "Terminé", all.stream().filter(ended).toList()))));
        return facets;
    }

    private static List<Value> values(String facet, Map<String, String> labels, List<Product> all,
                                      java.util.function.BiPredicate<String, Product> selects) {
        List<Value> out = new ArrayList<>();
        labels.forEach((id, label) -> out.add(new Value(facet, Text.address(id), label,
                all.stream().filter(p -> selects.test(id, p)).toList())));
        return out;
    }

    /** Every filter value that selects at least one product: one page each. */
    public List<Value> pages() {
        return facets.stream().flatMap(f -> f.values().stream()).filter(v -> v.getCount() > 0).toList();
    }

    /** The statuses, in the order of each {@link Count}. */
    public List<Engagement.Status> statuses() {
        return List.of(Engagement.Status.values());
    }
}
