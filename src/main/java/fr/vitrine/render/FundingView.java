package fr.vitrine.render;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Formats;
import fr.vitrine.model.MoneyTotals.Row;
import fr.vitrine.model.MoneyTotals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The /financements/ page: totals of the lines of every origin by funder, budget year, product, kind of act and
 * source, each as an SVG chart
 * with its table twin, and the money over time (cumulated by budget year).
 */
public record FundingView(MoneyTotals totals, List<Breakdown> breakdowns, String overTime) {

    /** One breakdown: its anchor, heading, rows, chart, and whether its rows overlap (products). */
    public record Breakdown(String id, String title, String column, List<Row> rows, String chart, boolean overlapping) {
    }

    public static FundingView of(Catalog catalog, Charts.Palette palette) {
        MoneyTotals t = new MoneyTotals(catalog);
        List<Breakdown> list = new ArrayList<>();
        list.add(breakdown("par-financeur", "Par financeur", "Financeur", t.byFunder(), false, palette));
        list.add(breakdown("par-annee", "Par année budgétaire", "Année", t.byYear(), false, palette));
        list.add(breakdown("par-produit", "Par produit", "Produit", t.byProduct(), true, palette));
        list.add(breakdown("par-type", "Par type d'acte", "Type d'acte", t.byKind(), false, palette));
        list.add(breakdown("par-source", "Par source", "Source", t.bySource(), false, palette));
        return new FundingView(t, list, overTime(t.byYear(), palette));
    }

    private static Breakdown breakdown(String id, String title, String column, List<Row> rows, boolean overlapping,
                                       Charts.Palette palette) {
        String chart = null;
        if (!rows.isEmpty()) {
            StringBuilder desc = new StringBuilder(title + " : ");
            for (int i = 0; i < rows.size(); i++) {
                desc.append(i == 0 ? "" : " ; ").append(rows.get(i).label()).append(", ").append(rows.get(i).sum().getLabel());
            }
            chart = Charts.categories("financements-" + id, "Montants " + title.toLowerCase(java.util.Locale.FRENCH)
                            + " (HT, TTC ou non précisé, voir le tableau)", desc + ".", "€", "Montant des lignes",
                    rows.stream().map(Row::label).toList(),
                    rows.stream().map(r -> r.sum().total().doubleValue()).toList(), palette);
        }
        return new Breakdown(id, title, column, rows, chart, overlapping);
    }

    /**
     * Money over time: the lines' amounts cumulated by budget year, one bar per year from the first to the last, on a
     * year axis; the lines without a year are a bar apart, not cumulated.
     */
    private static String overTime(List<Row> byYear, Charts.Palette palette) {
        java.util.TreeMap<Integer, java.math.BigDecimal> years = new java.util.TreeMap<>();
        java.math.BigDecimal undated = null;
        for (Row r : byYear) {
            if (r.label().matches("\\d{4}")) {
                years.merge(Integer.parseInt(r.label()), r.sum().total(), java.math.BigDecimal::add);
            } else {
                undated = (undated == null ? java.math.BigDecimal.ZERO : undated).add(r.sum().total());
            }
        }
        if (years.isEmpty()) {
            return null;
        }
        List<Charts.Point> points = new ArrayList<>();
        java.math.BigDecimal cumulated = java.math.BigDecimal.ZERO;
        StringBuilder desc = new StringBuilder("Montants cumulés par année budgétaire : ");
        for (int year = years.firstKey(); year <= years.lastKey(); year++) {
            cumulated = cumulated.add(years.getOrDefault(year, java.math.BigDecimal.ZERO));
            points.add(new Charts.Point(LocalDate.of(year, 12, 31), LocalDate.of(year, 1, 1), cumulated.doubleValue(),
                    year + " : " + Formats.euros(cumulated)));
            desc.append(points.size() == 1 ? "" : ", ").append(year).append(' ').append(Formats.euros(cumulated));
        }
        Charts.Point apart = undated == null ? null
                : new Charts.Point(null, null, undated.doubleValue(), "Sans année : " + Formats.euros(undated));
        desc.append(apart == null ? "." : " ; à part, les lignes sans année budgétaire : " + Formats.euros(undated) + ".");
        return Charts.bars("financements-cumul", "Montants cumulés par année budgétaire", desc.toString(), "€",
                new Charts.SeriesSpec("Montant cumulé", points, false), List.of(), apart, palette);
    }
}
