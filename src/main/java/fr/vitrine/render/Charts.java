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

    /*
     * Drawn for a phone: 400 units wide with 14-unit text, a chart 358 px wide (a 390 px screen) shows its text at
     * 12.5 px; the themes cap the figure at 32rem, so text stays under 18 px on a desktop.
     */
    static final int WIDTH = 400;
    static final int HEIGHT = 260;
    static final int RIGHT = 12;
    static final int BOTTOM = 40;
    static final int FONT = 14;
    /** A generous average width of a character of the themes' fonts at {@link #FONT}. */
    static final double CHAR = 8.2;
    static final int LINE = 18;
    /** Category charts show at most this many rows; the table beside them has all. */
    static final int MAX_CATEGORIES = 15;

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
        Svg svg = new Svg(id, title, description, palette, y, series.stream().map(SeriesSpec::name).toList());
        svg.yAxis(unit);
        long days = ChronoUnit.DAYS.between(from, to);
        LocalDate origin = from;
        double left = svg.left;
        java.util.function.ToDoubleFunction<LocalDate> x = d ->
                left + (WIDTH - left - RIGHT) * (double) ChronoUnit.DAYS.between(origin, d) / days;
        // A yearly series gets a year axis, its ticks on its points; other series get calendar ticks.
        List<TimeTick> ticks = all.stream().allMatch(Charts::isYear)
                ? all.stream().map(p -> new TimeTick(p.date(), Integer.toString(p.date().getYear()))).distinct().toList()
                : TimeTick.between(from, to, (int) ((WIDTH - left - RIGHT) / (CHAR * 10 + 12)));
        int every = svg.every(ticks.stream().map(TimeTick::label).toList());
        for (int i = 0; i < ticks.size(); i += every) {
            svg.xTick(x.applyAsDouble(ticks.get(i).date()), ticks.get(i).label());
        }
        svg.xAxisLine();
        int legend = 0;
        for (SeriesSpec s : series) {
            String colour = s.target() ? palette.target() : palette.data();
            StringBuilder points = new StringBuilder();
            for (Point p : s.points()) {
                points.append(points.length() == 0 ? "" : " ").append(Svg.num(x.applyAsDouble(p.date()))).append(',')
                        .append(Svg.num(y.position(p.value(), svg.top)));
            }
            if (s.points().size() > 1) {
                svg.raw("<polyline class=\"" + (s.target() ? "target" : "measure") + "\" fill=\"none\" stroke=\"" + colour
                        + "\" stroke-width=\"2\"" + (s.target() ? " stroke-dasharray=\"6 4\"" : "")
                        + " points=\"" + points + "\"/>");
            }
            for (Point p : s.points()) {
                svg.marker(x.applyAsDouble(p.date()), y.position(p.value(), svg.top), colour, s.target(), p.label());
            }
            svg.legend(legend++, s.name(), colour, s.target());
        }
        return svg.close();
    }

    /** Whether a point is a whole calendar year. */
    static boolean isYear(Point p) {
        LocalDate s = p.start();
        return s != null && s.getDayOfYear() == 1 && p.date().equals(s.plusYears(1).minusDays(1));
    }

    /**
     * A bar chart over periods or dates, one bar per point, with targets as dashed horizontal lines; {@code apart},
     * when not null, is a value that has no place in time (e.g. money without a year), drawn after a gap, labelled
     * by its label's part before « : ».
     */
    public static String bars(String id, String title, String description, String unit, SeriesSpec measures,
                              List<Point> targets, Point apart, Palette palette) {
        List<Point> points = measures.points();
        List<String> labels = new ArrayList<>(points.stream().map(Charts::barLabel).toList());
        List<Double> values = new ArrayList<>(points.stream().map(Point::value).toList());
        List<String> tooltips = new ArrayList<>(points.stream().map(Point::label).toList());
        if (apart != null) {
            int colon = apart.label().indexOf(" : ");
            labels.add(colon < 0 ? apart.label() : apart.label().substring(0, colon));
            values.add(apart.value());
            tooltips.add(apart.label());
        }
        return barChart(id, title, description, unit, measures.name(), labels, values, tooltips, targets,
                apart != null, palette);
    }

    /** A bar chart over periods or dates, one bar per point, with targets as dashed horizontal lines. */
    public static String bars(String id, String title, String description, String unit, SeriesSpec measures,
                              List<Point> targets, Palette palette) {
        return bars(id, title, description, unit, measures, targets, null, palette);
    }

    /**
     * Named categories (e.g. money by funder) as horizontal bars: each full label above its bar, wrapped, and its
     * value at the bar's end; at most {@link #MAX_CATEGORIES} rows, the first ones, and a line says how many more
     * the table holds.
     */
    public static String categories(String id, String title, String description, String unit, String name,
                                    List<String> labels, List<Double> values, Palette palette) {
        int shown = Math.min(MAX_CATEGORIES, labels.size());
        List<String> valueLabels = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            BigDecimal v = BigDecimal.valueOf(values.get(i)).stripTrailingZeros();
            valueLabels.add(unit.equals("€") ? Formats.euros(v) : Formats.number(v));
        }
        int valueWidth = (int) Math.ceil(valueLabels.stream().mapToInt(String::length).max().orElse(1) * CHAR) + 8;
        double max = values.stream().limit(shown).mapToDouble(Double::doubleValue).max().orElse(1);
        int wrapAt = (int) ((WIDTH - 8) / CHAR);
        StringBuilder rows = new StringBuilder();
        int y = 8;
        for (int i = 0; i < shown; i++) {
            for (String line : wrap(labels.get(i), wrapAt)) {
                y += LINE;
                rows.append("<text class=\"category\" x=\"4\" y=\"").append(y).append("\">").append(Svg.escape(line))
                        .append("</text>");
            }
            double length = max <= 0 ? 0 : (WIDTH - 8 - valueWidth) * Math.max(0, values.get(i)) / max;
            String tooltip = labels.get(i) + " : " + valueLabels.get(i);
            rows.append("<rect class=\"measure\" x=\"4\" y=\"").append(y + 6).append("\" width=\"").append(Svg.num(length))
                    .append("\" height=\"16\" fill=\"").append(palette.data()).append("\"><title>").append(Svg.escape(tooltip))
                    .append("</title></rect>");
            rows.append("<text class=\"value\" x=\"").append(Svg.num(4 + length + 6)).append("\" y=\"").append(y + 19)
                    .append("\">").append(Svg.escape(valueLabels.get(i))).append("</text>");
            y += 30;
        }
        if (labels.size() > shown) {
            y += LINE;
            int more = labels.size() - shown;
            rows.append("<text class=\"note\" x=\"4\" y=\"").append(y).append("\">")
                    .append(Svg.escape("Et " + more + " autre" + (more > 1 ? "s" : "") + " dans le tableau.")).append("</text>");
        }
        y += 8;
        return Svg.open(id, title, description, y) + "<line x1=\"4\" x2=\"4\" y1=\"12\" y2=\"" + (y - 8) + "\" stroke=\""
                + palette.axis() + "\" stroke-width=\"1\"/>" + rows.toString().replace("<text ", "<text fill=\"" + palette.text() + "\" ")
                + "</svg>";
    }

    /**
     * Words of {@code text} on lines of at most {@code width} characters (a longer word has its own line), with the
     * page's French typography: no line starts with « : » or « » » (nor ends with « « »), and the text is that of the
     * table beside the chart.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : PageTextWriter.french(text.strip()).split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String barChart(String id, String title, String description, String unit, String name,
                                   List<String> labels, List<Double> values, List<String> tooltips,
                                   List<Point> targets, boolean lastApart, Palette palette) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        for (Point t : targets) {
            min = Math.min(min, t.value());
            max = Math.max(max, t.value());
        }
        boolean whole = values.stream().allMatch(v -> v == Math.rint(v))
                && targets.stream().allMatch(t -> t.value() == Math.rint(t.value()));
        Ticks y = Ticks.of(Math.min(0, min), Math.max(0, max), whole);
        List<String> legends = targets.isEmpty() ? List.of(name) : List.of(name, "Cible");
        Svg svg = new Svg(id, title, description, palette, y, legends);
        svg.yAxis(unit);
        // The value apart gets a slot and a half of gap before it, and a dashed separator.
        double slots = values.size() + (lastApart ? 1 : 0);
        double slot = (WIDTH - svg.left - RIGHT) / slots;
        double barWidth = Math.max(1, slot * 0.7);
        int every = svg.every(labels);
        double zero = y.position(0, svg.top);
        for (int i = 0; i < values.size(); i++) {
            boolean apart = lastApart && i == values.size() - 1;
            double cx = svg.left + slot * (i + 0.5 + (apart ? 1 : 0));
            double top = y.position(values.get(i), svg.top);
            if (apart) {
                double sx = svg.left + slot * (i + 0.5);
                svg.raw("<line class=\"separator\" x1=\"" + Svg.num(sx) + "\" x2=\"" + Svg.num(sx) + "\" y1=\"" + svg.top
                        + "\" y2=\"" + (HEIGHT - BOTTOM) + "\" stroke=\"" + palette.axis() + "\" stroke-dasharray=\"3 3\"/>");
            }
            svg.raw("<rect class=\"" + (apart ? "apart" : "measure") + "\" x=\"" + Svg.num(cx - barWidth / 2) + "\" y=\""
                    + Svg.num(Math.min(top, zero)) + "\" width=\"" + Svg.num(barWidth) + "\" height=\""
                    + Svg.num(Math.abs(zero - top)) + "\" fill=\"" + (apart ? palette.axis() : palette.data()) + "\"><title>"
                    + Svg.escape(tooltips.get(i)) + "</title></rect>");
            if (i % every == 0 || apart) {
                svg.xTick(cx, labels.get(i));
            }
        }
        svg.xAxisLine();
        svg.legend(0, name, palette.data(), false);
        for (Point t : targets) {
            double ty = y.position(t.value(), svg.top);
            svg.raw("<line class=\"target\" x1=\"" + Svg.num(svg.left) + "\" x2=\"" + (WIDTH - RIGHT) + "\" y1=\"" + Svg.num(ty)
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
        if (isYear(p)) {
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

        /** The y of a value in a plot whose top is at {@code top}. */
        double position(double value, double top) {
            return top + (HEIGHT - top - BOTTOM) * (high - value) / (high - low);
        }
    }

    /** A dated tick of the time axis. */
    record TimeTick(LocalDate date, String label) {

        /** First days of years, quarters, months or weeks between two dates: at most {@code most} (2 or more) of them. */
        static List<TimeTick> between(LocalDate from, LocalDate to, int most) {
            most = Math.max(2, most);
            for (int years : new int[] {1, 2, 5, 10, 20, 50, 100}) {
                List<TimeTick> ticks = new ArrayList<>();
                for (int year = from.getYear() + (from.getDayOfYear() == 1 ? 0 : 1); year <= to.getYear(); year++) {
                    if (year % years == 0) {
                        ticks.add(new TimeTick(LocalDate.of(year, 1, 1), Integer.toString(year)));
                    }
                }
                if (ticks.size() >= 2 && ticks.size() <= most) {
                    return ticks;
                }
                if (ticks.size() > most) {
                    continue;
                }
                break;
            }
            for (int months : new int[] {1, 2, 3, 6, 12}) {
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
                if (ticks.size() >= 2 && ticks.size() <= most) {
                    return ticks;
                }
            }
            List<TimeTick> ticks = new ArrayList<>();
            long days = ChronoUnit.DAYS.between(from, to);
            long step = Math.max(1, (days + most - 2) / (most - 1));
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(step)) {
                ticks.add(new TimeTick(d, d.getDayOfMonth() + " " + d.getMonth().getDisplayName(TextStyle.SHORT, Locale.FRENCH)));
            }
            return ticks;
        }
    }

    /** The SVG text of a chart with axes: legends on top, the unit, then the plot; left margin fits the y labels. */
    private static final class Svg {
        private final StringBuilder sb = new StringBuilder(4096);
        private final Palette palette;
        private final Ticks ticks;
        private final List<List<String>> legends;
        final double left;
        final int top;

        Svg(String id, String title, String description, Palette palette, Ticks ticks, List<String> legendNames) {
            this.palette = palette;
            this.ticks = ticks;
            int wrapAt = (int) ((WIDTH - 40) / CHAR);
            this.legends = legendNames.stream().map(n -> wrap(n, wrapAt)).toList();
            int legendLines = legends.stream().mapToInt(List::size).sum();
            this.top = 8 + legendLines * LINE + LINE + 12;
            this.left = 12 + CHAR * ticks.values.stream().mapToInt(v -> Formats.number(v).length()).max().orElse(1);
            sb.append(open(id, title, description, HEIGHT));
        }

        /** The opening of a chart's SVG, {@code height} units high. */
        static String open(String id, String title, String description, int height) {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + WIDTH + " " + height
                    + "\" font-size=\"" + FONT + "\" role=\"img\" aria-labelledby=\"" + id + "-titre " + id
                    + "-desc\" focusable=\"false\"><title id=\"" + id + "-titre\">" + escape(title) + "</title><desc id=\"" + id
                    + "-desc\">" + escape(description) + "</desc>";
        }

        /** Every how many x labels one is written, so that written ones do not overlap. */
        int every(List<String> labels) {
            if (labels.isEmpty()) {
                return 1;
            }
            double widest = labels.stream().mapToInt(String::length).max().orElse(1) * CHAR + 10;
            double slot = (WIDTH - left - RIGHT) / labels.size();
            return Math.max(1, (int) Math.ceil(widest / slot));
        }

        void yAxis(String unit) {
            for (BigDecimal v : ticks.values) {
                double y = ticks.position(v.doubleValue(), top);
                raw("<line x1=\"" + num(left) + "\" x2=\"" + (WIDTH - RIGHT) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y)
                        + "\" stroke=\"" + palette.grid() + "\" stroke-width=\"1\"/>");
                raw("<text class=\"tick y\" x=\"" + num(left - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\" fill=\""
                        + palette.text() + "\">" + escape(Formats.number(v)) + "</text>");
            }
            raw("<text class=\"axis-title\" x=\"" + num(left - 6) + "\" y=\"" + (top - 12) + "\" text-anchor=\"end\" fill=\""
                    + palette.text() + "\">" + escape(unit) + "</text>");
        }

        void xTick(double x, String label) {
            raw("<line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + (HEIGHT - BOTTOM) + "\" y2=\""
                    + (HEIGHT - BOTTOM + 5) + "\" stroke=\"" + palette.axis() + "\"/>");
            raw("<text class=\"tick x\" x=\"" + num(x) + "\" y=\"" + (HEIGHT - BOTTOM + 22) + "\" text-anchor=\"middle\" fill=\""
                    + palette.text() + "\">" + escape(label) + "</text>");
        }

        void xAxisLine() {
            raw("<line x1=\"" + num(left) + "\" x2=\"" + (WIDTH - RIGHT) + "\" y1=\"" + (HEIGHT - BOTTOM) + "\" y2=\""
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

        /** The legend of the {@code index}th series, on its own line(s) above the plot, its name wrapped. */
        void legend(int index, String name, String colour, boolean dashed) {
            int y = 8;
            for (int i = 0; i < index; i++) {
                y += legends.get(i).size() * LINE;
            }
            raw("<line x1=\"4\" x2=\"28\" y1=\"" + (y + LINE / 2 + 1) + "\" y2=\"" + (y + LINE / 2 + 1) + "\" stroke=\"" + colour
                    + "\" stroke-width=\"3\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>");
            for (String line : legends.get(index)) {
                y += LINE;
                raw("<text class=\"legend\" x=\"34\" y=\"" + (y - 3) + "\" fill=\"" + palette.text() + "\">" + escape(line)
                        + "</text>");
            }
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
