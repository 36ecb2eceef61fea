package fr.vitrine.validate;

import fr.vitrine.model.Coded;
import fr.vitrine.model.Measure;
import fr.vitrine.model.Text;
import fr.vitrine.read.FrenchNumbers;
import fr.vitrine.read.ImpactCsv.Cell;
import fr.vitrine.read.ImpactCsv.Report;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static fr.vitrine.read.ImpactCsv.COLUMNS;

/**
 * Checks one row of an impact CSV and types it. Errors are what the official schema impact-service-public-numerique
 * 0.5.0 refuses (its field types, {@code required} and {@code enum}, read as Table Schema does), each at its cell;
 * what it accepts is at most a warning ({@code ImpactSchemaVerdictTest} holds the cases and the rules behind them).
 * Every text is read in one Unicode form, so that look-alike names are one name.
 */
public final class ImpactRows {

    public static final List<String> FREQUENCIES = List.of("quotidienne", "hebdomadaire", "mensuelle", "annuelle",
            "trimestrielle", "semestrielle", "autre");
    public static final List<String> DATAVIZ = List.of("linechart", "barchart", "map", "scatterplot", "piechart");
    public static final List<String> DENOM_INSEE = List.of("REG", "DEP", "COM", "ARR", "COMER", "COM_COMER", "COG",
            "CTCD", "CAN");
    /** The codes of {@link Measure.Kind} in the schema's order (the pages list impact first). */
    public static final List<String> KINDS = List.of("usage", "impact");
    /** Table Schema's default {@code trueValues} and {@code falseValues} (the schema sets none of its own). */
    static final List<String> TRUE_VALUES = List.of("true", "True", "TRUE", "1");
    static final List<String> FALSE_VALUES = List.of("false", "False", "FALSE", "0");
    /** Table Schema's number: XML Schema's decimal (sign, digits, point) with an optional exponent. */
    static final Pattern SCHEMA_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** Table Schema's special numbers, in any case. */
    static final Pattern SPECIAL_NUMBER = Pattern.compile("(?i)nan|-?inf");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

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
        // The schema does not tie date_debut to est_periode nor code_insee to denom_insee: warnings only.
        if (start != null && Boolean.FALSE.equals(period)) {
            c.warnOnce(START, "start-not-period", "date_debut is given for a stock (est_periode false; first here); "
                    + "kept as written, but date_debut is meant for periods: set est_periode to true or empty date_debut");
        }
        if (code != null && c.optional(DENOM) == null) {
            c.warnOnce(CODE, "code-without-level", "code_insee is given without denom_insee (first here): say which "
                    + "level it is (REG, DEP, COM…)");
        }
        if (c.failed || c.skipped) {
            return null;
        }
        return new Measure(administration, service, indicator, value, unit, target,
                Coded.parse(Measure.Kind.class, kind).orElseThrow(), frequency, date, period, start,
                automated, source, denom, code, dataviz, c.optional(COMMENT));
    }

    private static final class Checker {
        final int line;
        final Cell[] cells;
        final Report report;
        boolean failed;
        /** The row is valid but left out (a value that is not a quantity). */
        boolean skipped;

        Checker(int line, Cell[] cells, Report report) {
            this.line = line;
            this.cells = cells;
            this.report = report;
        }

        void error(int column, String message) {
            failed = true;
            Cell cell = cells[column];
            if (cell != null) { // an absent column is said once, at the header
                report.error(cell.line(), cell.column(), message);
            }
        }

        /** The cell's text in one Unicode form (NFC, no zero-width characters), so look-alikes are one name. */
        String optional(int column) {
            Cell cell = cells[column];
            if (cell == null || cell.text().isEmpty()) {
                return null;
            }
            String s = Text.normalise(cell.text());
            if (!s.equals(cell.text())) {
                report.warnOnce("unicode", cell.line(), cell.column(), COLUMNS.get(column) + " '" + s + "' (first here) "
                        + "was written with decomposed accents or invisible characters; read in Unicode's composed form "
                        + "without zero-width characters, so that names that look the same are the same");
            }
            return s.isEmpty() ? null : s;
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

        void warnOnce(int column, String kind, String message) {
            Cell cell = cells[column];
            report.warnOnce(kind, cell == null ? line : cell.line(), cell == null ? 1 : cell.column(), message);
        }

        /** Table Schema's default true and false values, then what French spreadsheets write (with a warning). */
        Boolean bool(int column) {
            String s = required(column);
            if (s == null) {
                return null;
            }
            int t = TRUE_VALUES.indexOf(s);
            if (t >= 0 || FALSE_VALUES.contains(s)) {
                return t >= 0;
            }
            Boolean b = switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "vrai" -> Boolean.TRUE;
                case "false", "faux" -> Boolean.FALSE;
                default -> null;
            };
            if (b == null) {
                error(column, COLUMNS.get(column) + " must be true or false (or 1 or 0), got '" + s + "'");
                return null;
            }
            warnOnce(column, "bool", "booleans written '" + s + "' (first here) read as " + b
                    + "; the schema writes true and false");
            return b;
        }

        /**
         * A Table Schema number (decimal point, optional exponent); NaN, INF and -INF are valid numbers but say
         * nothing that can be drawn or written as JSON, so their rows are left out with a warning. French
         * spreadsheet numbers ("1 234,5") are read with a warning.
         */
        Double number(int column) {
            String s = required(column);
            if (s == null) {
                return null;
            }
            double v;
            if (SCHEMA_NUMBER.matcher(s).matches()) {
                v = Double.parseDouble(s);
            } else if (SPECIAL_NUMBER.matcher(s).matches()) {
                skip(column, "special-number", "valeur '" + s + "' (first here) is a valid number for the schema "
                        + "but not a quantity: the row is not drawn and not in the normalised data");
                return null;
            } else {
                try {
                    v = FrenchNumbers.parse(s).doubleValue();
                } catch (IllegalArgumentException e) {
                    error(column, "valeur '" + Text.abbreviate(s) + "' is not a number: the schema writes digits "
                            + "with a decimal point and no thousands separator (475000.50)");
                    return null;
                }
                warnOnce(column, "decimal", "numbers written the French way (first here: '" + s + "') were read as "
                        + "decimals; the schema uses a decimal point and no thousands separator");
            }
            if (!Double.isFinite(v)) {
                skip(column, "special-number", "valeur '" + Text.abbreviate(s) + "' (first here) is beyond what a "
                        + "computer number holds: the row is not drawn and not in the normalised data");
                return null;
            }
            return v;
        }

        private void skip(int column, String kind, String message) {
            skipped = true;
            warnOnce(column, kind, message);
        }

        /**
         * A date in the schema's format {@code %Y-%m-%d}: a strptime pattern, whose month and day may have one digit
         * (as the schema's validator reads them, silently) and whose year is at least 1.
         */
        LocalDate date(int column, boolean required) {
            String s = required ? required(column) : optional(column);
            if (s == null) {
                return null;
            }
            java.util.regex.Matcher m = ISO_DATE.matcher(s);
            if (!m.matches()) {
                error(column, COLUMNS.get(column) + " '" + s + "' is not a date: write YYYY-MM-DD"
                        + (s.matches("\\d{1,2}/\\d{1,2}/\\d{4}") ? " (e.g. 2022-11-16 for 16/11/2022)" : ""));
                return null;
            }
            LocalDate date;
            try {
                int year = digits(m.group(1), 0, 4);
                if (year < 1) {
                    throw new NumberFormatException(s);
                }
                date = LocalDate.of(year, digits(m.group(2), 0, m.group(2).length()),
                        digits(m.group(3), 0, m.group(3).length()));
            } catch (NumberFormatException | DateTimeException e) {
                error(column, COLUMNS.get(column) + " '" + s + "' is not a real date");
                return null;
            }
            return date; // one-digit months and days are the schema's strptime format too: not a warning
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
    }
}
