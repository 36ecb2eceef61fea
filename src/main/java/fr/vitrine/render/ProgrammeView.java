package fr.vitrine.render;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Formats;
import fr.vitrine.model.Product;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The programme-level /stats/ page: how many products publish impact statistics, by current phase, and the share
 * of funding that goes to products that do.
 */
public record ProgrammeView(int products, int withMetrics, List<PhaseRow> phases, BigDecimal total,
                            BigDecimal totalWithMetrics, String share, String chart) {

    /** One current phase: its products and how many of them publish statistics. */
    public record PhaseRow(String label, List<Product> products, int withMetrics) {
    }

    /** Products by current phase, in the order of the beta.gouv.fr phases. */
    static List<PhaseRow> phases(Catalog catalog) {
        List<PhaseRow> rows = new ArrayList<>();
        for (Map.Entry<String, List<Product>> e : catalog.productsByPhase().entrySet()) {
            String label = e.getKey().isEmpty() ? "Phase non précisée"
                    : e.getKey().equals(Catalog.PHASES_ENDED) ? "Dernière phase terminée"
                    : e.getValue().get(0).currentPhase(catalog.today()).label();
            int with = (int) e.getValue().stream().filter(p -> catalog.hasMetrics(p.id())).count();
            rows.add(new PhaseRow(label, e.getValue(), with));
        }
        return rows;
    }

    public static ProgrammeView of(Catalog catalog, Charts.Palette palette) {
        List<PhaseRow> rows = phases(catalog);
        BigDecimal total = catalog.total();
        BigDecimal withMetrics = catalog.totalToProductsWithMetrics();
        String share = total.signum() == 0 ? "—" : Formats.number(withMetrics.multiply(BigDecimal.valueOf(100))
                .divide(total, 0, RoundingMode.HALF_UP)) + Formats.NNBSP + "%";
        int products = catalog.products().size();
        int published = catalog.productsWithMetrics().size();
        String chart = null;
        if (!rows.isEmpty()) {
            StringBuilder desc = new StringBuilder("Produits par phase actuelle : ");
            for (int i = 0; i < rows.size(); i++) {
                PhaseRow r = rows.get(i);
                desc.append(i == 0 ? "" : ", ").append(r.label().toLowerCase(java.util.Locale.FRENCH)).append(' ')
                        .append(r.products().size()).append(" (dont ").append(r.withMetrics()).append(" avec statistiques)");
            }
            chart = Charts.categories("programme-phases", "Produits avec statistiques publiées, par phase actuelle",
                    desc + ".", "produits", "Produits avec statistiques publiées",
                    rows.stream().map(PhaseRow::label).toList(),
                    rows.stream().map(r -> (double) r.withMetrics()).toList(), palette);
        }
        return new ProgrammeView(products, published, rows, total, withMetrics, share, chart);
    }
}
