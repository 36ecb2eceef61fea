package fr.vitrine.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ways the products listing can be narrowed, each value a static page of its own under
 * {@code /produits/<facet>/<value>/} (with its selection as CSV and XLSX beside it): current phase, incubator,
 * sponsor, theme, funding origin, FAST promotion, published statistics. Only values that select a product are listed.
 */
public final class ProductFacets {

    /** One value of a facet and the products it selects, in the catalog's order (by name). */
    public record Value(String facet, String slug, String label, List<Product> products) {
        public String getPath() {
            return "/produits/" + facet + "/" + slug + "/";
        }

        public int getCount() {
            return products.size();
        }

        /** Nothing more to say of a value (the facets partial shows a convention partner's roles here). */
        public String getDetail() {
            return null;
        }
    }

    /** A facet: its address segment, its French label, and its values in display order. */
    public record Facet(String key, String label, List<Value> values) {
    }

    /**
     * A static order of the whole products listing at {@code /produits/tri/<slug>/} (the listing itself is by name),
     * for readers without JavaScript: {@code column} and {@code direction} are the listing script's sort that gives
     * the same order. Unknown values (no funding line, no date, no phase under way) come last, never as 0.
     */
    public record Order(String slug, String label, String description, String column, int direction,
                        List<Product> products) {
        public String getPath() {
            return "/produits/tri/" + slug + "/";
        }
    }

    private ProductFacets() {
    }

    /** The static orders of the products listing: by amount, start date and phase; each ties in name order. */
    public static List<Order> orders(Catalog catalog) {
        List<Product> all = catalog.products();
        java.time.LocalDate today = catalog.today();
        return List.of(
                new Order("montant", "montant recensé", "par montant recensé, du plus élevé au plus faible, "
                        + "les produits sans financement recensé en dernier", "amount", -1,
                        sorted(all, p -> catalog.fundingOfProduct(p.id()).knownTotal(), true)),
                new Order("debut", "date de début", "par date de début, de la plus récente à la plus ancienne, "
                        + "les dates inconnues en dernier", "start", -1,
                        sorted(all, p -> p.started() == null ? null : p.started().first(), true)),
                new Order("phase", "phase actuelle", "par phase actuelle dans l'ordre de la vie d'un produit, "
                        + "les produits sans phase en cours en dernier", "phase", 1,
                        sorted(all, p -> phaseRank(p, today), false)));
    }

    /**
     * The rank of a product's current phase in a product's life ({@link Vocabulary#phaseOrder()}), a phase outside
     * the vocabulary after those; {@code null} without a phase under way.
     */
    public static Integer phaseRank(Product p, java.time.LocalDate today) {
        Product.Phase phase = p.currentPhase(today);
        if (phase == null) {
            return null;
        }
        List<String> order = Vocabulary.phaseOrder();
        int rank = order.indexOf(phase.name());
        return rank < 0 ? order.size() : rank;
    }

    /** The products by a key, those without one (null) last; ties keep the catalog's order (by name). */
    private static <K extends Comparable<? super K>> List<Product> sorted(List<Product> products,
                                                                         Function<Product, K> key, boolean descending) {
        Map<Product, K> keys = new java.util.IdentityHashMap<>();
        products.forEach(p -> keys.put(p, key.apply(p)));
        Comparator<K> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        return products.stream().sorted(Comparator.comparing(keys::get, Comparator.nullsLast(order))).toList();
    }

    public static List<Facet> of(Catalog catalog) {
        List<Product> all = catalog.products();
        List<Facet> facets = new ArrayList<>();

        List<Value> phases = new ArrayList<>();
        catalog.productsByPhase().forEach((name, products) -> {
            Product.Phase phase = products.get(0).currentPhase(catalog.today());
            if (name.equals(Catalog.PHASES_ENDED)) {
                phases.add(new Value("phase", "terminee", "Dernière phase terminée", products));
            } else if (name.isEmpty() || phase == null) {
                phases.add(new Value("phase", "non-precisee", "Non précisée", products));
            } else {
                phases.add(new Value("phase", Text.slug(name), phase.label(), products));
            }
        });
        facets.add(new Facet("phase", "Phase actuelle", phases));

        facets.add(new Facet("incubateur", "Incubateur", grouped("incubateur", all,
                p -> p.incubator() == null ? List.of() : List.of(p.incubator()), Text::address,
                (id, p) -> catalog.incubatorName(p))));
        facets.add(new Facet("sponsor", "Sponsor", grouped("sponsor", all, Product::sponsors, Text::address,
                (id, p) -> catalog.organisationName(id))));
        facets.add(new Facet("thematique", "Thématique", grouped("thematique", all, Product::themes, Text::slug,
                (theme, p) -> theme)));

        Map<String, List<Product>> origins = new LinkedHashMap<>();
        for (String origin : List.of("convention", "fiche-produit", "non-recense")) {
            origins.put(origin, new ArrayList<>());
        }
        for (Product p : all) {
            List<Catalog.Money> money = catalog.moneyOfProduct(p.id());
            if (money.stream().anyMatch(m -> !m.isFromProductFile())) {
                origins.get("convention").add(p);
            }
            if (money.stream().anyMatch(Catalog.Money::isFromProductFile)) {
                origins.get("fiche-produit").add(p);
            }
            if (money.isEmpty()) {
                origins.get("non-recense").add(p);
            }
        }
        Map<String, String> originLabels = Map.of("convention", "Convention publiée ici",
                "fiche-produit", "FAST (fiche beta.gouv.fr)", "non-recense", "Non recensé");
        facets.add(new Facet("financement", "Origine du financement", origins.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> new Value("financement", e.getKey(), originLabels.get(e.getKey()), List.copyOf(e.getValue())))
                .toList()));

        facets.add(new Facet("fast", "Promotion FAST", catalog.fastPromotions().stream()
                .map(f -> new Value("fast", String.valueOf(f.number()), f.title(), catalog.laureates(f)))
                .filter(v -> !v.products().isEmpty()).toList()));

        List<Value> stats = new ArrayList<>();
        List<Product> published = all.stream().filter(p -> catalog.hasMetrics(p.id())).toList();
        List<Product> unpublished = all.stream().filter(p -> !catalog.hasMetrics(p.id())).toList();
        if (!published.isEmpty()) {
            stats.add(new Value("statistiques", "publiees", "Publiées", published));
        }
        if (!unpublished.isEmpty()) {
            stats.add(new Value("statistiques", "non-publiees", "Non publiées", unpublished));
        }
        facets.add(new Facet("statistiques", "Statistiques publiées", stats));
        facets.removeIf(f -> f.values().isEmpty());
        return List.copyOf(facets);
    }

    /**
     * Values of a facet whose products each give a list of keys (sponsors, themes): one value per address segment
     * (keys differing only in case or accents share one), labelled as its first product names it, sorted by label.
     */
    private static List<Value> grouped(String facet, List<Product> products, Function<Product, List<String>> keys,
                                       Function<String, String> slug,
                                       java.util.function.BiFunction<String, Product, String> label) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<Product>> selected = new LinkedHashMap<>();
        for (Product p : products) {
            for (String key : keys.apply(p)) {
                String s = slug.apply(key);
                labels.putIfAbsent(s, label.apply(key, p));
                List<Product> list = selected.computeIfAbsent(s, k -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != p) {
                    list.add(p);
                }
            }
        }
        return selected.entrySet().stream()
                .map(e -> new Value(facet, e.getKey(), labels.get(e.getKey()), List.copyOf(e.getValue())))
                .sorted(Comparator.comparing((Value v) -> Text.fold(v.label())).thenComparing(Value::slug))
                .toList();
    }
}
