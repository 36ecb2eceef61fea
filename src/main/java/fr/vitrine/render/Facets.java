package fr.vitrine.render;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Kind;
import fr.vitrine.model.MoneyTotals;
import fr.vitrine.model.Product;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ways the convention listing can be narrowed, each value being a static page: /conventions/signature/2020/ (a
 * status that no convention has is listed with its count 0, without a page). Each facet says what it counts: a
 * partner in any role, the year of signature, the budget years of the lines, the kind of act, the product, the
 * status on the build's day.
 */
public final class Facets {

    /**
     * One value of a facet and the conventions it selects; {@code detail} says more of it (a partner's roles), or is
     * {@code null}.
     */
    public record Value(String facet, String slug, String label, String detail, List<Convention> conventions) {
        public Value(String facet, String slug, String label, List<Convention> conventions) {
            this(facet, slug, label, null, conventions);
        }

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

    /** The roles a partner may have in a convention, in the order a value lists them. */
    private static final List<String> ROLES = List.of("signataire", "financeur", "bénéficiaire");

    private Facets() {
    }

    public static List<Facet> of(Catalog catalog) {
        List<Convention> all = catalog.conventions();
        List<Facet> facets = new ArrayList<>();
        facets.add(new Facet("partenaire", "Partenaire", partners(catalog)));

        // The year each act was signed: never another date in its place.
        Map<Integer, List<Convention>> signed = new java.util.TreeMap<>(Comparator.reverseOrder());
        List<Convention> unsigned = new ArrayList<>();
        for (Convention c : all) {
            if (c.signed() == null) {
                unsigned.add(c);
            } else {
                signed.computeIfAbsent(c.signed().year(), y -> new ArrayList<>()).add(c);
            }
        }
        List<Value> signing = new ArrayList<>();
        signed.forEach((year, list) -> signing.add(new Value("signature", year.toString(), year.toString(), list)));
        if (!unsigned.isEmpty()) {
            signing.add(new Value("signature", "inconnue", "Date de signature inconnue", unsigned));
        }
        facets.add(new Facet("signature", "Année de signature", signing));

        // The budget years of its funding lines (else the year the funded period starts), as /financements/ counts.
        Map<Integer, List<Convention>> budget = new java.util.TreeMap<>(Comparator.reverseOrder());
        List<Convention> undated = new ArrayList<>();
        for (Convention c : all) {
            List<Integer> years = c.funding().stream().map(MoneyTotals::year).filter(java.util.Objects::nonNull)
                    .distinct().toList();
            years.forEach(y -> budget.computeIfAbsent(y, k -> new ArrayList<>()).add(c));
            if (years.isEmpty()) {
                undated.add(c);
            }
        }
        List<Value> budgets = new ArrayList<>();
        budget.forEach((year, list) -> budgets.add(new Value("budget", year.toString(), year.toString(), list)));
        if (!undated.isEmpty()) {
            budgets.add(new Value("budget", "non-precisee", "Année budgétaire non précisée", undated));
        }
        facets.add(new Facet("budget", "Année budgétaire", budgets));

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

    /**
     * Every organisation named by a convention: as a signatory party, a funder or a receiver of its money, with the
     * roles it has in them (« signataire, bénéficiaire »).
     */
    private static List<Value> partners(Catalog catalog) {
        List<Value> partners = new ArrayList<>();
        for (var org : catalog.organisations()) {
            List<Convention> selected = catalog.conventionsOfOrganisation(org.id());
            if (selected.isEmpty()) {
                continue;
            }
            java.util.Set<String> roles = new java.util.HashSet<>();
            for (Convention c : selected) {
                if (c.parties().stream().anyMatch(p -> p.org().equals(org.id()))) {
                    roles.add("signataire");
                }
                if (c.funding().stream().anyMatch(l -> org.id().equals(l.from()))) {
                    roles.add("financeur");
                }
                if (c.funding().stream().anyMatch(l -> org.id().equals(l.to()))) {
                    roles.add("bénéficiaire");
                }
            }
            partners.add(new Value("partenaire", fr.vitrine.model.Text.address(org.id()), org.shortName(),
                    String.join(", ", ROLES.stream().filter(roles::contains).toList()), selected));
        }
        return sorted(partners, Value::label);
    }

    private static List<Value> sorted(java.util.Collection<Value> values, Function<Value, String> key) {
        return values.stream().sorted(Comparator.comparing(v -> fr.vitrine.model.Text.fold(key.apply(v)))).toList();
    }
}
