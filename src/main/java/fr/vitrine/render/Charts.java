package fr.vitrine.render;

import fr.vitrine.model.Formats;
import fr.vitrine.model.PartialDate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts, written as text: no JavaScript, no AWT, byte-identical for the same data. Every chart has
 * {@code role="img"}, a title and a description that states the trend in words; its axes and values are real
 * {@code <text>}; ticks are round numbers; it scales through its {@code viewBox}. Pages show the same points in an
 * HTML table beside it.
 */
public final class Charts {

    /** Colours of a theme: data, target, text and axes (each ≥ 3:1 against white), and grid lines. */
    public record Palette(String data, String target, String text, String axis, String grid) {
        public static final Palette NEUTRAL = new Palette("#1f3a93", "#a94400", "#1e1e1e", "#4a4a4a", "#d9d9d9");
    }

    /** One point: a value at a date, or over the period from {@code start} to {@code date}. */
    public record Point(LocalDate date, LocalDate start, double value, String label) {
    }

    /** A series to draw, with its name for the legend. */
    public record SeriesSpec(String name, List<Point> points, boolean target) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 300;
    static final int LEFT = 72;
    static final int RIGHT = 16;
    static final int TOP = 32;
    static final int BOTTOM = 44;

    private Charts() {
    }

    /** A line chart over time; targets are drawn as dashed lines with square markers. */
    public static String line(String id, String title, String description, String unit, List<SeriesSpec> series,
                              Palette palette) {
        List<Point> all = series.stream().flatMap(s -> s.points().stream()).toList();
        LocalDate from = all.stream().map(Point::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = all.stream().map(Point::date).max(LocalDate::compareTo).orElseThrow();
        if (from.equals(to)) {
            from = from.minusDays(1);
            to = to.plusDays(1);
        }
        Ticks y = Ticks.of(all.stream().mapToDouble(Point::value).min().orElse(0),
                all.stream().mapToDouble(Point::value).max().orElse(1),
                all.stream().allMatch(p -> p.value() == Math.rint(p.value())));
        Svg svg = new Svg(id, title, description, palette);
        svg.yAxis(y, unit);
        long days = ChronoUnit.DAYS.between(from, to);
        LocalDate origin = from;
        java.util.function.ToDoubleFunction<LocalDate> x = d ->
                LEFT + (WIDTH - LEFT - RIGHT) * (double) ChronoUnit.DAYS.between(origin, d) / days;
        for (TimeTick t : TimeTick.between(from, to)) {
            double tx = x.applyAsDouble(t.date());
            svg.xTick(tx, t.label());
        }
        svg.xAxisLine();
        int legend = 0;
        for (SeriesSpec s : series) {
            String colour = s.target() ? palette.target() : palette.data();
            StringBuilder points = new StringBuilder();
            for (Point p : s.points()) {
                points.append(points.length() == 0 ? "" : " ").append(Svg.num(x.applyAsDouble(p.date()))).append(',')
                        .append(Svg.num(y.position(p.value())));
            }
            if (s.points().size() > 1) {
                svg.raw("<polyline class=\"" + (s.target() ? "target" : "measure") + "\" fill=\"none\" stroke=\"" + colour
                        + "\" stroke-width=\"2\"" + (s.target() ? " stroke-dasharray=\"6 4\"" : "")
                        + " points=\"" + points + "\"/>");
            }
            for (Point p : s.points()) {
                svg.marker(x.applyAsDouble(p.date()), y.position(p.value()), colour, s.target(), p.label());
            }
            svg.legend(legend++, s.name(), colour, s.target());
        }
        return svg.close();
    }

    /** A bar chart over periods or dates, one bar per point, with targets as dashed horizontal lines. */
    public static String bars(String id, String title, String description, String unit, SeriesSpec measures,
                              List<Point> targets, Palette palette) {
        List<Point> points = measures.points();
        return barChart(id, title, description, unit, measures.name(),
                points.stream().map(Charts::barLabel).toList(),
                points.stream().map(Point::value).toList(),
                points.stream().map(Point::label).toList(), targets, palette);
    }

    /** A bar chart of named categories (e.g. products by phase). */
    public static String categories(String id, String title, String description, String unit, String name,
                                    List<String> labels, List<Double> values, Palette palette) {
        List<String> tooltips = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            tooltips.add(labels.get(i) + " : " + Formats.number(BigDecimal.valueOf(values.get(i)).stripTrailingZeros()));
        }
        return barChart(id, title, description, unit, name, labels, values, tooltips, List.of(), palette);
    }

    private static String barChart(String id, String title, String description, String unit, String name,
                                   List<String> labels, List<Double> values, List<String> tooltips,
                                   List<Point> targets, Palette palette) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        for (Point t : targets) {
            min = Math.min(min, t.value());
            max = Math.max(max, t.value());
        }
        boolean whole = values.stream().allMatch(v -> v == Math.rint(v))
                && targets.stream().allMatch(t -> t.value() == Math.rint(t.value()));
        Ticks y = Ticks.of(Math.min(0, min), Math.max(0, max), whole);
        Svg svg = new Svg(id, title, description, palette);
        svg.yAxis(y, unit);
        double slot = (WIDTH - LEFT - RIGHT) / (double) values.size();
        double barWidth = Math.max(1, slot * 0.7);
        int every = Math.max(1, (int) Math.ceil(values.size() / 6.0));
        double zero = y.position(0);
        for (int i = 0; i < values.size(); i++) {
            double cx = LEFT + slot * (i + 0.5);
            double top = y.position(values.get(i));
            svg.raw("<rect class=\"measure\" x=\"" + Svg.num(cx - barWidth / 2) + "\" y=\"" + Svg.num(Math.min(top, zero))
                    + "\" width=\"" + Svg.num(barWidth) + "\" height=\"" + Svg.num(Math.abs(zero - top)) + "\" fill=\""
                    + palette.data() + "\"><title>" + Svg.escape(tooltips.get(i)) + "</title></rect>");
            if (i % every == 0) {
                svg.xTick(cx, labels.get(i));
            }
        }
        svg.xAxisLine();
        svg.legend(0, name, palette.data(), false);
        for (Point t : targets) {
            double ty = y.position(t.value());
            svg.raw("<line class=\"target\" x1=\"" + LEFT + "\" x2=\"" + (WIDTH - RIGHT) + "\" y1=\"" + Svg.num(ty)
                    + "\" y2=\"" + Svg.num(ty) + "\" stroke=\"" + palette.target()
                    + "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>" + Svg.escape(t.label()) + "</title></line>");
        }
        if (!targets.isEmpty()) {
            svg.legend(1, "Cible", palette.target(), true);
        }
        return svg.close();
    }

    /** The label under a bar: its period ("mars 2024", "2023") or date. */
    static String barLabel(Point p) {
        LocalDate d = p.date();
        LocalDate s = p.start();
        if (s != null && s.getDayOfMonth() == 1 && d.equals(s.plusMonths(1).minusDays(1))) {
            return s.getMonth().getDisplayName(TextStyle.SHORT, Locale.FRENCH) + " " + s.getYear();
        }
        if (s != null && s.getDayOfYear() == 1 && d.equals(s.plusYears(1).minusDays(1))) {
            return Integer.toString(s.getYear());
        }
        return Formats.date(PartialDate.of(d));
    }

    /** Round tick values (1, 2 or 5 × 10^n apart) covering [min, max]; non-negative data starts at zero. */
    static final class Ticks {
        static final BigDecimal MIN_STEP = new BigDecimal("0.000001");
        final List<BigDecimal> values;
        final double low;
        final double high;

        private Ticks(List<BigDecimal> values) {
            this.values = values;
            this.low = values.get(0).doubleValue();
            this.high = values.get(values.size() - 1).doubleValue();
        }

        static Ticks of(double min, double max) {
            return of(min, max, false);
        }

        /** With {@code whole}, steps are at least 1 (counts have no 0,2). */
        static Ticks of(double min, double max, boolean whole) {
            double lo = Math.min(0, min);
            double hi = max;
            if (hi <= lo) {
                hi = lo + 1;
            }
            BigDecimal step = niceStep((hi - lo) / 5);
            if (whole && step.compareTo(BigDecimal.ONE) < 0) {
                step = BigDecimal.ONE;
            } else if (step.compareTo(MIN_STEP) < 0) {
                step = MIN_STEP; // values this small round to zero in the tables anyway
            }
            BigDecimal first = BigDecimal.valueOf(lo).divide(step, 0, RoundingMode.FLOOR).multiply(step);
            List<BigDecimal> values = new ArrayList<>();
            BigDecimal v = first;
            values.add(v);
            while (v.doubleValue() < hi) {
                v = v.add(step);
                values.add(v);
            }
            return new Ticks(values);
        }

        /** The smallest of 1, 2, 5 × 10^n that is at least {@code raw}. */
        static BigDecimal niceStep(double raw) {
            int exponent = (int) Math.floor(Math.log10(raw));
            BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(exponent);
            for (int m : new int[] {1, 2, 5, 10}) {
                BigDecimal candidate = power.multiply(BigDecimal.valueOf(m));
                if (candidate.doubleValue() >= raw * (1 - 1e-9)) {
                    return candidate.stripTrailingZeros();
                }
            }
            return power.multiply(BigDecimal.TEN);
        }

        double position(double value) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (high - value) / (high - low);
        }
    }

    /** A dated tick of the time axis. */
    record TimeTick(LocalDate date, String label) {

        /** First days of years, quarters, months or weeks between two dates: at most eight of them. */
        static List<TimeTick> between(LocalDate from, LocalDate to) {
            for (int years : new int[] {1, 2, 5, 10, 20, 50, 100}) {
                List<TimeTick> ticks = new ArrayList<>();
                for (int year = from.getYear() + (from.getDayOfYear() == 1 ? 0 : 1); year <= to.getYear(); year++) {
                    if (year % years == 0) {
                        ticks.add(new TimeTick(LocalDate.of(year, 1, 1), Integer.toString(year)));
                    }
                }
                if (ticks.size() >= 2 && ticks.size() <= 8) {
                    return ticks;
                }
                if (ticks.size() > 8) {
                    continue;
                }
                break;
            }
            for (int months : new int[] {1, 2, 3, 6}) {
                List<TimeTick> ticks = new ArrayList<>();
                LocalDate d = from.withDayOfMonth(1);
                if (d.isBefore(from)) {
                    d = d.plusMonths(1);
                }
                for (; !d.isAfter(to); d = d.plusMonths(1)) {
                    if ((d.getMonthValue() - 1) % months == 0) {
                        ticks.add(new TimeTick(d, d.getMonth().getDisplayName(TextStyle.SHORT, Locale.FRENCH)
                                + (d.getMonthValue() == 1 || ticks.isEmpty() ? " " + d.getYear() : "")));
                    }
                }
                if (ticks.size() >= 2 && ticks.size() <= 8) {
                    return ticks;
                }
            }
            List<TimeTick> ticks = new ArrayList<>();
            long days = ChronoUnit.DAYS.between(from, to);
            long step = Math.max(1, (days + 6) / 7);
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(step)) {
                ticks.add(new TimeTick(d, d.getDayOfMonth() + " " + d.getMonth().getDisplayName(TextStyle.SHORT, Locale.FRENCH)));
            }
            return ticks;
        }
    }

    /** The SVG text being written. */
    private static final class Svg {
        private final StringBuilder sb = new StringBuilder(4096);
        private final Palette palette;

        Svg(String id, String title, String description, Palette palette) {
            this.palette = palette;
            sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                    .append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-titre ").append(id)
                    .append("-desc\" focusable=\"false\">")
                    .append("<title id=\"").append(id).append("-titre\">").append(escape(title)).append("</title>")
                    .append("<desc id=\"").append(id).append("-desc\">").append(escape(description)).append("</desc>");
        }

        void yAxis(Ticks ticks, String unit) {
            for (BigDecimal v : ticks.values) {
                double y = ticks.position(v.doubleValue());
                raw("<line x1=\"" + LEFT + "\" x2=\"" + (WIDTH - RIGHT) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y)
                        + "\" stroke=\"" + palette.grid() + "\" stroke-width=\"1\"/>");
                raw("<text class=\"tick y\" x=\"" + (LEFT - 8) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\" fill=\""
                        + palette.text() + "\">" + escape(Formats.number(v)) + "</text>");
            }
            raw("<text class=\"axis-title\" x=\"" + (LEFT - 8) + "\" y=\"" + (TOP - 14) + "\" text-anchor=\"end\" fill=\""
                    + palette.text() + "\">" + escape(unit) + "</text>");
        }

        void xTick(double x, String label) {
            raw("<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + (HEIGHT - BOTTOM) + "\" y2=\""
                    + (HEIGHT - BOTTOM + 5) + "\" stroke=\"" + palette.axis() + "\"/>");
            raw("<text class=\"tick x\" x=\"" + num(x) + "\" y=\"" + (HEIGHT - BOTTOM + 20) + "\" text-anchor=\"middle\" fill=\""
                    + palette.text() + "\">" + escape(label) + "</text>");
        }

        void xAxisLine() {
            raw("<line x1=\"" + LEFT + "\" x2=\"" + (WIDTH - RIGHT) + "\" y1=\"" + (HEIGHT - BOTTOM) + "\" y2=\""
                    + (HEIGHT - BOTTOM) + "\" stroke=\"" + palette.axis() + "\" stroke-width=\"1\"/>");
        }

        void marker(double x, double y, String colour, boolean square, String label) {
            if (square) {
                raw("<rect class=\"target-point\" x=\"" + num(x - 4) + "\" y=\"" + num(y - 4) + "\" width=\"8\" height=\"8\" fill=\""
                        + colour + "\"><title>" + escape(label) + "</title></rect>");
            } else {
                raw("<circle class=\"point\" cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"3\" fill=\"" + colour
                        + "\"><title>" + escape(label) + "</title></circle>");
            }
        }

        void legend(int index, String name, String colour, boolean dashed) {
            int x = LEFT + index * 200;
            raw("<line x1=\"" + x + "\" x2=\"" + (x + 24) + "\" y1=\"" + (TOP - 18) + "\" y2=\"" + (TOP - 18)
                    + "\" stroke=\"" + colour + "\" stroke-width=\"3\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>");
            raw("<text class=\"legend\" x=\"" + (x + 30) + "\" y=\"" + (TOP - 14) + "\" fill=\"" + palette.text() + "\">"
                    + escape(name) + "</text>");
        }

        void raw(String s) {
            sb.append(s);
        }

        String close() {
            return sb.append("</svg>").toString();
        }

        /** A coordinate with one decimal; never NaN or Infinity (callers draw only finite, bounded values). */
        static String num(double v) {
            if (!Double.isFinite(v) || Math.abs(v) > 1e9) {
                throw new IllegalArgumentException("chart coordinate out of range: " + v);
            }
            return BigDecimal.valueOf(Math.round(v * 10) / 10.0).stripTrailingZeros().toPlainString();
        }

        static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
