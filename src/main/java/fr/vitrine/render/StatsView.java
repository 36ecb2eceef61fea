package fr.vitrine.render;

import fr.vitrine.model.Formats;
import fr.vitrine.model.Indicator;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Series;
import fr.vitrine.model.Text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a /stats page shows for one indicator: its latest value, the change since the previous measure, the next
 * target and the progress toward it, a chart and the same points as a table.
 */
public record StatsView(String id, Indicator indicator, String latest, String latestDate, String change,
                        String target, String progress, String chart, String chartKind, String aggregation,
                        List<Row> rows, String note) {

    /** One line of the table beside the chart. */
    public record Row(String when, String value, boolean target) {
        public boolean isTarget() {
            return target;
        }
    }

    /** Charts show at most this many points; longer series are grouped by month, quarter or year. */
    static final int MAX_POINTS = 60;

    public static StatsView of(Indicator indicator, int index, Charts.Palette palette) {
        String id = "indicateur-" + (index + 1) + "-" + Text.slug(indicator.name());
        Series m = indicator.measures();
        String unit = indicator.unit();
        String latest = null;
        String latestDate = null;
        String change = null;
        int last = m.last();
        if (last >= 0) {
            latest = value(m.value(last), unit);
            latestDate = when(m.start(last), m.date(last));
            if (last >= 1) {
                change = change(m.value(last - 1), m.value(last), unit, since(m.start(last - 1), m.date(last - 1)));
            }
        }
        Series t = indicator.targets();
        String target = null;
        String progress = null;
        int next = nextTarget(t, last >= 0 ? m.date(last) : null);
        if (next >= 0) {
            target = value(t.value(next), unit) + " " + (t.start(next) != null ? "pour la période " + when(t.start(next), t.date(next))
                    : "au " + Formats.date(t.date(next)));
            if (last >= 0 && t.value(next) != 0) {
                double pct = 100 * m.value(last) / t.value(next);
                progress = Double.isFinite(pct) ? Formats.number(round(pct, 0)) + " % de la cible" : null;
            }
        }

        Grouping grouping = Grouping.of(m, indicator.isPeriod(), unit);
        List<Charts.Point> points = grouping.points(m, indicator.isPeriod(), unit);
        List<Charts.Point> targetPoints = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            targetPoints.add(new Charts.Point(t.date(i), t.start(i), t.value(i),
                    "Cible " + when(t.start(i), t.date(i)) + " : " + value(t.value(i), unit)));
        }
        String chartKind = chartKind(indicator);
        String chart = null;
        String note = null;
        if (points.size() + targetPoints.size() >= 2 && !points.isEmpty()) {
            String title = indicator.name();
            String description = describe(indicator, points, targetPoints, grouping.label);
            String axis = axisUnit(unit);
            if (chartKind.equals("bar")) {
                chart = Charts.bars(id + "-graphique", title, description, axis,
                        new Charts.SeriesSpec("Mesures", points, false), targetPoints, palette);
            } else {
                List<Charts.SeriesSpec> series = new ArrayList<>();
                series.add(new Charts.SeriesSpec("Mesures", points, false));
                if (!targetPoints.isEmpty()) {
                    series.add(new Charts.SeriesSpec("Cible", targetPoints, true));
                }
                chart = Charts.line(id + "-graphique", title, description, axis, series, palette);
            }
        } else {
            note = points.isEmpty() ? "Aucune mesure publiée : seule la cible est connue."
                    : "Une seule mesure publiée : pas de graphique d'évolution.";
        }
        if (indicator.dataviz() != null && !List.of("linechart", "barchart").contains(indicator.dataviz())) {
            note = (note == null ? "" : note + " ") + "Visualisation souhaitée « " + indicator.dataviz()
                    + " » non disponible : " + (chartKind.equals("bar") ? "histogramme" : "courbe") + " à la place.";
        }
        List<Row> rows = new ArrayList<>();
        for (Charts.Point p : points) {
            rows.add(new Row(when(p.start(), p.date()), value(p.value(), unit), false));
        }
        for (Charts.Point p : targetPoints) {
            rows.add(new Row(when(p.start(), p.date()), value(p.value(), unit), true));
        }
        return new StatsView(id, indicator, latest, latestDate, change, target, progress, chart, chartKind,
                grouping.label, rows, note);
    }

    /** Bars for periods, lines for stocks, unless the producer asked for the other and it fits. */
    static String chartKind(Indicator indicator) {
        if ("barchart".equals(indicator.dataviz())) {
            return "bar";
        }
        if ("linechart".equals(indicator.dataviz())) {
            return "line";
        }
        return indicator.isPeriod() ? "bar" : "line";
    }

    /** The first target on or after the latest measure (or any date when there is none), else the last target. */
    static int nextTarget(Series t, LocalDate after) {
        for (int i = 0; i < t.size(); i++) {
            if (after == null || !t.date(i).isBefore(after)) {
                return i;
            }
        }
        return t.last();
    }

    /** {@code since}: the phrase naming the previous measure ({@link #since}). */
    static String change(double before, double after, String unit, String since) {
        double delta = after - before;
        if (delta == 0) {
            return "stable " + since;
        }
        String sign = delta > 0 ? "+" : "−";
        if (unit.equals("%")) {
            return sign + points(delta) + " " + since;
        }
        String text = sign + value(Math.abs(delta), unit);
        double pct = Math.abs(100 * delta / before);
        if (before != 0 && Double.isFinite(pct)) {
            text += " (" + sign + Formats.number(round(pct, 1)) + " %)";
        }
        return text + " " + since;
    }

    /**
     * What a change is measured against, in French: « depuis le 1er juin 2023 » for a stock, « par rapport à juin
     * 2023 », « par rapport à 2021 », « par rapport à la période du 1er juin 2023 au 1er juin 2024 » for a period.
     */
    static String since(LocalDate start, LocalDate date) {
        if (start == null) {
            return "depuis le " + Formats.date(date);
        }
        String when = when(start, date);
        return "par rapport " + (when.startsWith("du ") ? "à la période " + when
                : "à " + when.replace("année ", ""));
    }

    /** "230", "70 %", "12 jours": counts ("unité") show as bare numbers. */
    static String value(double v, String unit) {
        String n = Formats.number(round(v, 2));
        if (isCount(unit)) {
            return n;
        }
        return n + Formats.NNBSP + unit;
    }

    static String axisUnit(String unit) {
        return isCount(unit) ? "nombre" : unit;
    }

    static boolean isCount(String unit) {
        String u = Text.fold(unit);
        return u.equals("unite") || u.equals("unites") || u.equals("nombre");
    }

    /** {@code v} rounded; values on pages are finite and within ±{@link Series#MAX_DRAWN} (checked on loading). */
    static BigDecimal round(double v, int decimals) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        BigDecimal b = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0) : b;
    }

    /** "16 novembre 2022", "du 1er au 31 mars 2024". */
    static String when(LocalDate start, LocalDate date) {
        if (start == null) {
            return Formats.date(date);
        }
        if (start.getDayOfMonth() == 1 && date.equals(start.plusMonths(1).minusDays(1))) {
            return Formats.date(new PartialDate(start.getYear(), start.getMonthValue(), 0));
        }
        if (start.getDayOfYear() == 1 && date.equals(start.plusYears(1).minusDays(1))) {
            return "année " + start.getYear();
        }
        return "du " + Formats.date(start) + " au " + Formats.date(date);
    }

    /** The trend in words, for the chart's description. */
    static String describe(Indicator indicator, List<Charts.Point> points, List<Charts.Point> targets, String grouping) {
        StringBuilder sb = new StringBuilder();
        String unit = indicator.unit();
        if (!points.isEmpty()) {
            Charts.Point first = points.get(0);
            Charts.Point last = points.get(points.size() - 1);
            if (points.size() == 1) {
                sb.append("Une mesure : ").append(value(last.value(), unit)).append(", ").append(when(last.start(), last.date())).append('.');
            } else {
                sb.append(points.size()).append(" points").append(grouping != null ? " (" + grouping + ")" : "")
                        .append(", de ").append(value(first.value(), unit)).append(" (").append(when(first.start(), first.date()))
                        .append(") à ").append(value(last.value(), unit)).append(" (").append(when(last.start(), last.date()))
                        .append(") : ").append(trend(first.value(), last.value(), unit)).append('.');
                Charts.Point min = points.stream().min((a, b) -> Double.compare(a.value(), b.value())).orElseThrow();
                Charts.Point max = points.stream().max((a, b) -> Double.compare(a.value(), b.value())).orElseThrow();
                sb.append(" Minimum ").append(value(min.value(), unit)).append(" (").append(when(min.start(), min.date()))
                        .append("), maximum ").append(value(max.value(), unit)).append(" (").append(when(max.start(), max.date()))
                        .append(").");
            }
        }
        for (Charts.Point t : targets) {
            sb.append(" Cible : ").append(value(t.value(), unit)).append(' ').append(t.start() != null
                    ? "pour " + when(t.start(), t.date()) : "au " + Formats.date(t.date())).append('.');
        }
        return sb.toString().strip();
    }

    /** A change of a percentage, which is in points: from 70 % to 75 % is 5 points, not 5 %. */
    private static String points(double delta) {
        BigDecimal points = round(Math.abs(delta), 2);
        return Formats.number(points) + (points.compareTo(BigDecimal.valueOf(2)) >= 0 ? " points" : " point");
    }

    static String trend(double first, double last, String unit) {
        if (unit.equals("%")) {
            return round(Math.abs(last - first), 2).signum() == 0 ? "stable"
                    : (last > first ? "en hausse de " : "en baisse de ") + points(last - first);
        }
        if (first == 0) {
            return last == 0 ? "stable" : last > 0 ? "en hausse" : "en baisse";
        }
        double pct = 100 * (last - first) / Math.abs(first);
        if (!Double.isFinite(pct)) {
            return last > first ? "en hausse" : "en baisse";
        }
        if (Math.abs(pct) < 1) {
            return "stable";
        }
        return (pct > 0 ? "en hausse de " : "en baisse de ") + Formats.number(round(Math.abs(pct), 0)) + " %";
    }

    /** How a long series is grouped for its chart and table. */
    record Grouping(String label, Function<LocalDate, LocalDate> bucketStart, Function<LocalDate, LocalDate> bucketEnd) {

        static final Grouping NONE = new Grouping(null, null, null);

        static Grouping of(Series m, boolean period, String unit) {
            if (m.size() <= MAX_POINTS) {
                return NONE;
            }
            String how = period ? (isCount(unit) ? "somme" : "moyenne") : "dernière valeur";
            List<Grouping> candidates = List.of(
                    new Grouping("par mois, " + how, d -> d.withDayOfMonth(1), d -> d.withDayOfMonth(d.lengthOfMonth())),
                    new Grouping("par trimestre, " + how,
                            d -> d.with(IsoFields.DAY_OF_QUARTER, 1),
                            d -> d.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3).minusDays(1)),
                    new Grouping("par année, " + how, d -> d.withDayOfYear(1), d -> d.withDayOfYear(d.lengthOfYear())));
            for (Grouping g : candidates) {
                long buckets = countBuckets(m, g);
                if (buckets <= MAX_POINTS) {
                    return g;
                }
            }
            return candidates.get(candidates.size() - 1);
        }

        private static long countBuckets(Series m, Grouping g) {
            long n = 0;
            LocalDate current = null;
            for (int i = 0; i < m.size(); i++) {
                LocalDate b = g.bucketStart.apply(m.date(i));
                if (!b.equals(current)) {
                    n++;
                    current = b;
                }
            }
            return n;
        }

        /** Points of the chart: raw, or one per bucket (last value for stocks; sum or mean for periods). */
        List<Charts.Point> points(Series m, boolean period, String unit) {
            List<Charts.Point> out = new ArrayList<>();
            if (this == NONE) {
                for (int i = 0; i < m.size(); i++) {
                    out.add(new Charts.Point(m.date(i), m.start(i), m.value(i),
                            when(m.start(i), m.date(i)) + " : " + value(m.value(i), unit)));
                }
                return out;
            }
            Map<LocalDate, double[]> buckets = new LinkedHashMap<>();
            for (int i = 0; i < m.size(); i++) {
                double[] acc = buckets.computeIfAbsent(bucketStart.apply(m.date(i)), k -> new double[3]);
                acc[0] += m.value(i);
                acc[1] += 1;
                acc[2] = m.value(i);
            }
            boolean sum = isCount(unit);
            buckets.forEach((start, acc) -> {
                double v = !period ? acc[2] : sum ? acc[0] : acc[0] / acc[1];
                LocalDate end = bucketEnd.apply(start);
                out.add(new Charts.Point(end, start, v, when(start, end) + " : " + value(v, unit)));
            });
            return out;
        }
    }

    /** Lower-case French label of an indicator's kind, for badges. */
    public String getKind() {
        return indicator.kind().label.toLowerCase(Locale.FRENCH);
    }
}
