package fr.vitrine.validate;

import fr.vitrine.model.Measure;
import fr.vitrine.model.Text;
import fr.vitrine.read.FrenchNumbers;
import fr.vitrine.read.ImpactCsv.Cell;
import fr.vitrine.read.ImpactCsv.Report;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import static fr.vitrine.read.ImpactCsv.COLUMNS;

/** Checks one row of an impact CSV against the schema and types it; every problem is reported at its cell. */
public final class ImpactRows {

    public static final List<String> FREQUENCIES = List.of("quotidienne", "hebdomadaire", "mensuelle", "annuelle",
            "trimestrielle", "semestrielle", "autre");
    public static final List<String> DATAVIZ = List.of("linechart", "barchart", "map", "scatterplot", "piechart");
    public static final List<String> DENOM_INSEE = List.of("REG", "DEP", "COM", "ARR", "COMER", "COM_COMER", "COG",
            "CTCD", "CAN");
    public static final List<String> KINDS = List.of("usage", "impact");

    private static final int ADMINISTRATION = COLUMNS.indexOf("administration_rattachement");
    private static final int SERVICE = COLUMNS.indexOf("nom_service_public_numerique");
    private static final int INDICATOR = COLUMNS.indexOf("indicateur");
    private static final int VALUE = COLUMNS.indexOf("valeur");
    private static final int UNIT = COLUMNS.indexOf("unite_mesure");
    private static final int TARGET = COLUMNS.indexOf("est_cible");
    private static final int KIND = COLUMNS.indexOf("type_indicateur");
    private static final int FREQUENCY = COLUMNS.indexOf("frequence_monitoring");
    private static final int DATE = COLUMNS.indexOf("date");
    private static final int PERIOD = COLUMNS.indexOf("est_periode");
    private static final int START = COLUMNS.indexOf("date_debut");
    private static final int AUTOMATED = COLUMNS.indexOf("est_automatise");
    private static final int SOURCE = COLUMNS.indexOf("source_collecte");
    private static final int DENOM = COLUMNS.indexOf("denom_insee");
    private static final int CODE = COLUMNS.indexOf("code_insee");
    private static final int DATAVIZ_WISH = COLUMNS.indexOf("dataviz_wish");
    private static final int COMMENT = COLUMNS.indexOf("commentaires");

    private ImpactRows() {
    }

    /** The typed row, or {@code null} when a cell is wrong (each wrong cell is reported). */
    public static Measure check(int line, Cell[] cells, Report report) {
        Checker c = new Checker(line, cells, report);
        String administration = c.required(ADMINISTRATION);
        String service = c.required(SERVICE);
        String indicator = c.required(INDICATOR);
        Double value = c.number(VALUE);
        String unit = c.required(UNIT);
        Boolean target = c.bool(TARGET);
        String kind = c.oneOf(KIND, KINDS, true);
        String frequency = c.oneOf(FREQUENCY, FREQUENCIES, true);
        LocalDate date = c.date(DATE, true);
        Boolean period = c.bool(PERIOD);
        LocalDate start = c.date(START, false);
        Boolean automated = c.bool(AUTOMATED);
        String source = c.required(SOURCE);
        String denom = c.oneOf(DENOM, DENOM_INSEE, false);
        String code = c.optional(CODE);
        String dataviz = c.oneOf(DATAVIZ_WISH, DATAVIZ, false);
        if (start != null && Boolean.FALSE.equals(period)) {
            c.error(START, "date_debut is only for periods: set est_periode to true or empty date_debut");
        } else if (start != null && date != null && start.isAfter(date)) {
            c.error(START, "date_debut (" + start + ") is after date (" + date + "); a period ends on 'date'");
        }
        if (code != null && c.optional(DENOM) == null) {
            c.error(CODE, "code_insee is given without denom_insee: say which level it is (REG, DEP, COM…)");
        }
        if (c.failed) {
            return null;
        }
        return new Measure(administration, service, indicator, value, unit, target,
                kind.equals("impact") ? Measure.Kind.IMPACT : Measure.Kind.USAGE, frequency, date, period, start,
                automated, source, denom, code, dataviz, c.optional(COMMENT));
    }

    private static final class Checker {
        final int line;
        final Cell[] cells;
        final Report report;
        boolean failed;

        Checker(int line, Cell[] cells, Report report) {
            this.line = line;
            this.cells = cells;
            this.report = report;
        }

        void error(int column, String message) {
            failed = true;
            Cell cell = cells[column];
            report.error(cell == null ? line : cell.line(), cell == null ? 1 : cell.column(), message);
        }

        String optional(int column) {
            Cell cell = cells[column];
            return cell == null || cell.text().isEmpty() ? null : cell.text();
        }

        String required(int column) {
            String s = optional(column);
            if (s == null) {
                error(column, COLUMNS.get(column) + " is required and empty");
            }
            return s;
        }

        String oneOf(int column, List<String> allowed, boolean required) {
            String s = required ? required(column) : optional(column);
            if (s == null || allowed.contains(s)) {
                return s;
            }
            String lower = s.toLowerCase(Locale.ROOT);
            for (String a : allowed) {
                if (a.equalsIgnoreCase(lower)) {
                    report.warnOnce("case-" + column, cells[column].line(), cells[column].column(),
                            COLUMNS.get(column) + " '" + s + "' read as '" + a + "'; the schema's values are written exactly");
                    return a;
                }
            }
            String near = Text.closest(s, allowed);
            error(column, COLUMNS.get(column) + " '" + s + "' is not allowed"
                    + (near != null ? "; did you mean '" + near + "'?" : "") + " (allowed: " + String.join(", ", allowed) + ")");
            return null;
        }

        Boolean bool(int column) {
            String s = required(column);
            if (s == null) {
                return null;
            }
            if (s.equals("true") || s.equals("false")) {
                return s.equals("true");
            }
            Boolean b = switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "vrai" -> Boolean.TRUE;
                case "false", "faux" -> Boolean.FALSE;
                default -> null;
            };
            if (b == null) {
                error(column, COLUMNS.get(column) + " must be true or false, got '" + s + "'");
                return null;
            }
            report.warnOnce("bool", cells[column].line(), cells[column].column(), "booleans written '" + s
                    + "' (first here) read as " + b + "; the schema writes true and false");
            return b;
        }

        Double number(int column) {
            String s = required(column);
            if (s == null) {
                return null;
            }
            double v;
            if (isPlainNumber(s)) {
                v = Double.parseDouble(s);
            } else {
                try {
                    v = FrenchNumbers.parse(s).doubleValue();
                } catch (IllegalArgumentException e) {
                    error(column, "valeur: " + e.getMessage());
                    return null;
                }
                report.warnOnce("decimal", cells[column].line(), cells[column].column(), "numbers written the French "
                        + "way (first here: '" + s + "') were read as decimals; the schema uses a decimal point and "
                        + "no thousands separator");
            }
            if (!Double.isFinite(v)) {
                error(column, "valeur must be a finite number");
                return null;
            }
            return v;
        }

        LocalDate date(int column, boolean required) {
            String s = required ? required(column) : optional(column);
            if (s == null) {
                return null;
            }
            if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
                error(column, COLUMNS.get(column) + " '" + s + "' is not a date: write YYYY-MM-DD"
                        + (s.matches("\\d{1,2}/\\d{1,2}/\\d{4}") ? " (e.g. 2022-11-16 for 16/11/2022)" : ""));
                return null;
            }
            try {
                return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
            } catch (NumberFormatException | DateTimeException e) {
                error(column, COLUMNS.get(column) + " '" + s + "' is not a real date");
                return null;
            }
        }

        private static int digits(String s, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw new NumberFormatException(s);
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }

        /** Digits with an optional sign and decimal point: what Double.parseDouble reads the same as the schema. */
        private static boolean isPlainNumber(String s) {
            int i = s.charAt(0) == '-' ? 1 : 0;
            boolean digits = false;
            boolean dot = false;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    digits = true;
                } else if (c == '.' && !dot) {
                    dot = true;
                } else {
                    return false;
                }
            }
            return digits;
        }
    }
}
