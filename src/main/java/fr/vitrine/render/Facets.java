package fr.vitrine.render;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Kind;
import fr.vitrine.model.Product;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ways the convention listing can be narrowed, each value being a static page: /conventions/annee/2020/ (a
 * status that no convention has is listed with its count 0, without a page).
 */
public final class Facets {

    /** One value of a facet and the conventions it selects. */
    public record Value(String facet, String slug, String label, List<Convention> conventions) {
        public String getPath() {
            return "/conventions/" + facet + "/" + slug + "/";
        }

        public int getCount() {
            return conventions.size();
        }
    }

    /** A facet: its URL key, its French label, and its values in display order. */
    public record Facet(String key, String label, List<Value> values) {
    }

    private Facets() {
    }

    public static List<Facet> of(Catalog catalog) {
        List<Convention> all = catalog.conventions();
        List<Facet> facets = new ArrayList<>();

        Map<String, Value> partners = new LinkedHashMap<>();
        for (var org : catalog.organisations()) {
            List<Convention> selected = all.stream().filter(c ->
                    c.parties().stream().anyMatch(p -> p.org().equals(org.id()))
                            || c.funders().contains(org.id())).toList();
            if (!selected.isEmpty()) {
                partners.put(org.id(), new Value("partenaire", fr.vitrine.model.Text.address(org.id()), org.shortName(), selected));
            }
        }
        facets.add(new Facet("partenaire", "Partenaire", sorted(partners.values(), Value::label)));

        List<Value> years = new ArrayList<>();
        for (Integer year : catalog.years()) {
            years.add(new Value("annee", year == null ? "inconnue" : year.toString(),
                    year == null ? "Année inconnue" : year.toString(),
                    all.stream().filter(c -> java.util.Objects.equals(c.year(), year)).toList()));
        }
        facets.add(new Facet("annee", "Année", years));

        List<Value> kinds = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<Convention> selected = all.stream().filter(c -> c.kind() == kind).toList();
            if (!selected.isEmpty()) {
                kinds.add(new Value("type", kind.slug(), kind.label, selected));
            }
        }
        facets.add(new Facet("type", "Type d'acte", kinds));

        List<Value> products = new ArrayList<>();
        for (Product p : catalog.products()) {
            List<Convention> selected = catalog.conventionsOfProduct(p.id());
            if (!selected.isEmpty()) {
                products.add(new Value("produit", fr.vitrine.model.Text.address(p.id()), p.title(), selected));
            }
        }
        facets.add(new Facet("produit", "Produit", products));

        List<Value> statuses = new ArrayList<>();
        for (Convention.Status s : Convention.Status.values()) {
            // Every status is shown, "En vigueur (0)" included: its absence is an answer.
            statuses.add(new Value("statut", s.code, s.label, catalog.withStatus(s)));
        }
        facets.add(new Facet("statut", "Statut", statuses));
        return facets;
    }

    private static List<Value> sorted(java.util.Collection<Value> values, Function<Value, String> key) {
        return values.stream().sorted(Comparator.comparing(v -> fr.vitrine.model.Text.fold(key.apply(v)))).toList();
    }
}
