package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.diagnostics.Position;
import fr.vitrine.model.Coded;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Text;
import fr.vitrine.read.Characters;
import fr.vitrine.read.FrenchNumbers;
import fr.vitrine.read.SourceRecord;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, validating access to one YAML map of a record. Each accessor reports what is wrong at the value's line and
 * column and returns {@code null}, so one pass finds every problem. Records from external folders report
 * warnings instead of errors; {@linkplain #degrading degrading} ones (beta.gouv.fr's product files) also keep the
 * record, each warning saying what was done with the value.
 */
final class Fields {

    /** The value people write when the source text does not give a field. */
    static final String UNKNOWN = "unknown";
    /** A date written with its time (beta.gouv.fr's editor once did): 2021-03-04T10:00:00Z, 2021-03-04 10:00. */
    private static final java.util.regex.Pattern TIMESTAMP =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{1,2}:\\d{2}.*");

    private final SourceRecord record;
    private final Diagnostics diagnostics;
    private final Map<String, Object> map;
    private final String path;
    private boolean failed;
    private boolean degrade;
    private final Fields root;

    private Fields(SourceRecord record, Diagnostics diagnostics, Map<String, Object> map, String path, Fields root) {
        this.record = record;
        this.diagnostics = diagnostics;
        this.map = map;
        this.path = path;
        this.root = root == null ? this : root;
    }

    /**
     * Access to a record that is kept whatever one value is: each problem is a warning ending with what was done
     * (« value ignored », « date ignored »), and {@link #failed} stays false.
     */
    static Fields degrading(SourceRecord record, Diagnostics diagnostics) {
        Fields f = new Fields(record, diagnostics, record.fields(), record.path(), null);
        f.degrade = true;
        if (!record.isMap()) {
            f.problem(record.path(), "the front matter is not a map of 'field: value' lines", "its values are ignored");
        }
        return f;
    }

    /** True when problems are warnings and the record is kept ({@link #degrading}). */
    boolean degrades() {
        return root.degrade;
    }

    /** A warning at {@code key}'s value (its map when absent), whatever the mode: the value was used as said. */
    void warnAt(String key, String message) {
        diagnostics.warning(record.file(), position(key), message);
    }

    static Fields of(SourceRecord record, Diagnostics diagnostics) {
        Fields f = new Fields(record, diagnostics, record.fields(), record.path(), null);
        if (!record.isMap()) {
            f.problem(record.path(), "a record must be a map of 'field: value' lines");
        }
        return f;
    }

    /** True once any problem was reported on this record (through any nested map). */
    boolean failed() {
        return root.failed;
    }

    Path file() {
        return record.file();
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The keys written in this map, in file order. */
    java.util.Set<String> keys() {
        return map.keySet();
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    boolean isUnknown(String key) {
        return UNKNOWN.equals(map.get(key));
    }

    /** Reports every key not in {@code allowed}, suggesting the closest one. */
    void allowOnly(Collection<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                String near = Text.closest(key, allowed);
                problemAtKey(pathOf(key), "unknown field '" + key + "'"
                        + (near != null ? "; did you mean '" + near + "'?" : "; allowed here: " + String.join(", ", allowed)));
            }
        }
    }

    /** A non-empty text; numbers and booleans are taken as written. */
    String text(String key, boolean required) {
        Object v = map.get(key);
        if (v == null) {
            if (required) {
                missing(key, "");
            }
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            problem(pathOf(key), "'" + key + "' must be a text, not a " + (v instanceof Map ? "map" : "list"));
            return null;
        }
        String s = characters(key, v.toString());
        if (s == null) {
            return null;
        }
        s = s.strip();
        if (s.isEmpty()) {
            if (required) {
                problem(pathOf(key), "'" + key + "' is empty");
            }
            return null;
        }
        return s;
    }

    /**
     * Applies the character policy to a value YAML escapes may have built ({@code "\e"}, {@code "\uFFFE"},
     * {@code "\u200B"}): a control character or noncharacter is a problem naming it and where it is in the value
     * (the record is refused, or the value when the record is kept: no feed may hold it); an invisible character is dropped with a warning.
     */
    private String characters(String key, String s) {
        int bad = Characters.firstForbidden(s);
        if (bad >= 0) {
            problem(pathOf(key), "'" + key + "' contains the control character " + Characters.describe(s.codePointAt(bad))
                    + " at character " + (s.codePointCount(0, bad) + 1) + " of its value, which no page or feed may "
                    + "hold; remove it (a YAML escape such as \\e or \\uFFFE writes one)");
            if (degrades()) {
                return null; // the record is kept: the value must not reach a page (a failed record goes on being checked)
            }
        }
        int stray = Characters.firstStray(s, 0);
        if (stray >= 0) {
            diagnostics.warning(record.file(), record.tree().valueAt(pathOf(key)), "'" + key + "' contains the invisible "
                    + "character " + Characters.describe(s.codePointAt(stray)) + " at character "
                    + (s.codePointCount(0, stray) + 1) + " of its value; dropped from what is shown");
            return Characters.dropInvisible(s);
        }
        return s;
    }

    /** A text that may be {@code unknown} (returned as {@code null} without complaint). */
    String textOrUnknown(String key, boolean required) {
        String s = text(key, required);
        return UNKNOWN.equals(s) ? null : s;
    }

    /** A date ({@code YYYY-MM-DD}, {@code YYYY-MM}, {@code YYYY}) or {@code unknown} (→ null). */
    PartialDate date(String key, boolean required) {
        String s = text(key, false);
        if (s == null) {
            if (required) {
                missing(key, " (write 'unknown' if the text does not give it)");
            }
            return null;
        }
        if (s.equals(UNKNOWN)) {
            return null;
        }
        if (degrades() && TIMESTAMP.matcher(s).matches()) {
            warnAt(key, "'" + key + "' is a timestamp ('" + Text.abbreviate(s) + "'): read as its day "
                    + s.substring(0, 10));
            s = s.substring(0, 10);
        }
        PartialDate date;
        try {
            date = PartialDate.parse(s);
        } catch (DateTimeException e) {
            problem(pathOf(key), "impossible date: " + e.getMessage(), "date ignored");
            return null;
        }
        if (!date.plausible()) {
            problem(pathOf(key), degrades() ? "'" + key + "': year " + date.year() + " is implausible (not between "
                    + PartialDate.MIN_YEAR + " and " + PartialDate.MAX_YEAR + ")"
                    : "'" + key + "' is not a plausible date: " + date + " is not between " + PartialDate.MIN_YEAR
                    + " and " + PartialDate.MAX_YEAR + "; check the year (or write 'unknown')", "date ignored");
            return null;
        }
        return date;
    }

    /** An ISO 8601 duration such as P1Y or P18M, or {@code unknown}. */
    Period duration(String key) {
        String s = text(key, false);
        if (s == null || s.equals(UNKNOWN)) {
            return null;
        }
        try {
            Period p = Period.parse(s);
            if (p.toTotalMonths() > 1200 || p.getDays() > 36_600) {
                problem(pathOf(key), "duration '" + Text.abbreviate(s) + "' is over 100 years; check it");
                return null;
            }
            if (p.isNegative() || p.isZero()) {
                problem(pathOf(key), "duration '" + s + "' must be positive");
                return null;
            }
            return p;
        } catch (DateTimeParseException e) {
            problem(pathOf(key), "'" + s + "' is not an ISO 8601 duration: write P1Y for one year, P6M for six months");
            return null;
        }
    }

    /** A positive amount in euros; French spellings ("475 000,50 €") are accepted. */
    BigDecimal amount(String key, boolean required) {
        Object v = map.get(key);
        if (v == null) {
            if (required) {
                missing(key, " (an amount in euros, e.g. 475000)");
            }
            return null;
        }
        if (v instanceof Boolean || v instanceof Map || v instanceof List) {
            problem(pathOf(key), "'" + key + "' must be an amount in euros, e.g. 475000");
            return null;
        }
        BigDecimal amount;
        try {
            amount = v instanceof Number n ? new BigDecimal(n.toString()) : FrenchNumbers.parse(v.toString());
        } catch (IllegalArgumentException e) {
            problem(pathOf(key), "'" + key + "': " + e.getMessage());
            return null;
        }
        // 0e-999999999 is zero too, but writing it out takes a billion characters.
        if (amount.scale() > 1000 || (amount.signum() != 0 && amount.precision() - amount.scale() > 15)) {
            problem(pathOf(key), "'" + key + "' is not a plausible amount in euros: " + Text.abbreviate(v.toString()));
            return null;
        }
        if (amount.signum() <= 0) {
            problem(pathOf(key), "'" + key + "' must be positive, got " + amount.toPlainString());
            return null;
        }
        if (amount.scale() > 2) {
            problem(pathOf(key), "'" + key + "' has more than two decimals: " + amount.toPlainString());
            return null;
        }
        return amount.stripTrailingZeros().scale() < 0 ? amount.setScale(0) : amount.stripTrailingZeros();
    }

    /** A whole number within bounds, or {@code unknown} (→ null). */
    Integer integer(String key, int min, int max) {
        Object v = map.get(key);
        if (v == null || UNKNOWN.equals(v)) {
            return null;
        }
        try {
            long n = v instanceof Number num ? new BigDecimal(num.toString()).longValueExact() : Long.parseLong(v.toString().strip());
            if (n < min || n > max) {
                problem(pathOf(key), "'" + key + "' must be between " + min + " and " + max + ", got " + n);
                return null;
            }
            return (int) n;
        } catch (ArithmeticException | NumberFormatException e) {
            problem(pathOf(key), "'" + key + "' must be a whole number, got '" + v + "'");
            return null;
        }
    }

    Boolean bool(String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problem(pathOf(key), "'" + key + "' must be true or false, got '" + v + "'");
        return null;
    }

    /** A nested map, or {@code null} (reported when required or not a map). */
    Fields map(String key, boolean required) {
        Object v = map.get(key);
        if (v == null) {
            if (required) {
                missing(key, "");
            }
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problem(pathOf(key), "'" + key + "' must be a map of 'field: value' lines");
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> child = (Map<String, Object>) m;
        return new Fields(record, diagnostics, child, pathOf(key), root);
    }

    /** A list of maps; items that are not maps are reported and skipped. */
    List<Fields> maps(String key, boolean required) {
        List<Fields> out = new ArrayList<>();
        List<?> items = list(key, required);
        if (items == null) {
            return out;
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            if (items.get(i) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) m;
                out.add(new Fields(record, diagnostics, child, itemPath, root));
            } else {
                problem(itemPath, "item " + (i + 1) + " of '" + key + "' must be a map of 'field: value' lines");
            }
        }
        return out;
    }

    /** A list of texts (a single text counts as a list of one). */
    List<String> texts(String key, boolean required) {
        Object v = map.get(key);
        if (v instanceof String s) {
            return List.of(s.strip());
        }
        List<?> items = list(key, required);
        List<String> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item == null || item instanceof Map || item instanceof List) {
                problem(pathOf(key) + "[" + i + "]", "item " + (i + 1) + " of '" + key + "' must be a text");
            } else {
                out.add(item.toString().strip());
            }
        }
        return out;
    }

    private List<?> list(String key, boolean required) {
        Object v = map.get(key);
        if (v == null) {
            if (required) {
                missing(key, " (write an empty list [] if there is none)");
            }
            return null;
        }
        if (!(v instanceof List<?> l)) {
            problem(pathOf(key), "'" + key + "' must be a list ('- ' items)");
            return null;
        }
        return l;
    }

    /** A value among {@code allowed}, else reported with the list. */
    String oneOf(String key, Set<String> allowed, boolean required) {
        String s = text(key, required);
        if (s != null && !allowed.contains(s)) {
            problem(pathOf(key), Coded.unknown(key, s, allowed));
            return null;
        }
        return s;
    }

    /** The constant of {@code type} whose code the value is; {@code null} after reporting an unknown code. */
    <E extends Enum<E> & Coded> E oneOf(String key, Class<E> type, boolean required) {
        return oneOf(key, type, s -> Coded.parse(type, s), required);
    }

    /** The same, with the enumeration's own {@code parse} (which tolerates case, accents or spaces). */
    <E extends Enum<E> & Coded> E oneOf(String key, Class<E> type, Function<String, Optional<E>> parse,
                                        boolean required) {
        String s = text(key, required);
        return s == null ? null : parse(key, s, type, parse);
    }

    /** The constant {@code parse} finds for the value {@code s} of {@code key}; {@code null} after reporting none. */
    <E extends Enum<E> & Coded> E parse(String key, String s, Class<E> type, Function<String, Optional<E>> parse) {
        Optional<E> e = parse.apply(s);
        if (e.isEmpty()) {
            problem(pathOf(key), Coded.unknown(type, key, s));
        }
        return e.orElse(null);
    }

    void missing(String key, String hint) {
        problem(path, "missing required field '" + key + "'" + hint);
    }

    /** Where this map's value {@code key} is written (the map itself when the key is absent). */
    Position position(String key) {
        return record.tree().valueAt(pathOf(key));
    }

    /** Reports a problem at the value written at {@code absolutePath}. */
    void problem(String absolutePath, String message) {
        problem(absolutePath, message, "value ignored");
    }

    /** The same; {@code done} says what a degrading record does instead (« date ignored »). */
    void problem(String absolutePath, String message, String done) {
        report(record.tree().valueAt(absolutePath), message, done);
    }

    void problemAtKey(String absolutePath, String message) {
        report(record.tree().keyAt(absolutePath), message, "field ignored");
    }

    /** Reports at this record's key {@code key}: its value when present, else the map holding it. */
    void problemAt(String key, String message) {
        problem(pathOf(key), message);
    }

    private void report(Position at, String message, String done) {
        if (root.degrade) {
            diagnostics.warning(record.file(), at, message + ": " + done);
            return;
        }
        if (record.external()) {
            diagnostics.warning(record.file(), at, message + " (record skipped)");
        } else {
            diagnostics.error(record.file(), at, message);
        }
        root.failed = true;
    }
}
