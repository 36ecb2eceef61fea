package fr.vitrine.check;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.vitrine.dataset.Formulas;
import fr.vitrine.dataset.Table.Field;
import fr.vitrine.dataset.Table;
import fr.vitrine.diagnostics.Diagnostics;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks written CSV files against their tables' Table Schemas: header, types, required values, enumerations,
 * patterns, bounds, uniqueness, primary keys and foreign keys between the files of a package, and that no text cell
 * would run as a spreadsheet formula. Problems are reported
 * at the row and column of the cell (as the published file's path).
 */
public final class TableCheck {

    private static final CsvMapper CSV = new CsvMapper();

    private final Diagnostics diagnostics;
    /** Key values of each checked table, for foreign keys: table name → key columns → values. */
    private final Map<String, Map<List<String>, Set<List<String>>>> keys = new HashMap<>();
    private final List<Runnable> deferred = new ArrayList<>();
    private final Map<String, Set<List<String>>> referenced = new HashMap<>();

    public TableCheck(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Checks every table written in the folder {@code dir}, foreign keys included; reports paths under
     * {@code shownDir}, the folder they are published in.
     */
    public static void checkAll(List<Table> tables, Path dir, Path shownDir, Diagnostics diagnostics) {
        TableCheck check = new TableCheck(diagnostics);
        check.expect(tables);
        for (Table t : tables) {
            check.check(t, dir.resolve(t.csvFile()), shownDir.resolve(t.csvFile()));
        }
        check.finish();
    }

    /**
     * Checks {@code file}; {@code shownAs} is the path reported in messages. Foreign keys are checked by
     * {@link #finish()}, once every table of the package has been read.
     */
    public void check(Table table, Path file, Path shownAs) {
        List<Field> fields = table.fields();
        Pattern[] patterns = fields.stream().map(f -> f.pattern() == null ? null : Pattern.compile(f.pattern()))
                .toArray(Pattern[]::new);
        List<Set<String>> unique = new ArrayList<>();
        fields.forEach(f -> unique.add(f.unique() ? new HashSet<>() : null));
        Set<List<String>> primary = new HashSet<>();
        int[] pk = table.primaryKey().stream().mapToInt(table::index).toArray();
        Map<List<String>, Set<List<String>>> tableKeys = keys.computeIfAbsent(table.name(), n -> new HashMap<>());
        List<ForeignRow> foreign = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                     .with(CsvSchema.emptySchema()).readValues(reader)) {
            if (!it.hasNextValue()) {
                diagnostics.error(shownAs, 1, 1, "empty file: expected a header row");
                return;
            }
            String[] header = it.nextValue();
            List<String> expected = fields.stream().map(Field::name).toList();
            if (!Arrays.asList(header).equals(expected)) {
                diagnostics.error(shownAs, 1, 1, "header " + Arrays.toString(header) + " differs from the schema's fields "
                        + expected);
                return;
            }
            int line = 1;
            while (it.hasNextValue()) {
                String[] row = it.nextValue();
                line++;
                if (row.length != fields.size()) {
                    diagnostics.error(shownAs, line, 1, "row has " + row.length + " cells, the schema " + fields.size());
                    continue;
                }
                for (int i = 0; i < row.length; i++) {
                    String problem = problem(fields.get(i), patterns[i], row[i]);
                    if (problem == null && unique.get(i) != null && !row[i].isEmpty() && !unique.get(i).add(row[i])) {
                        problem = "value '" + row[i] + "' appears twice but must be unique";
                    }
                    if (problem != null) {
                        diagnostics.error(shownAs, line, i + 1, "column " + fields.get(i).name() + ": " + problem);
                    }
                }
                if (pk.length > 0) {
                    List<String> key = values(row, pk);
                    if (!primary.add(key)) {
                        diagnostics.error(shownAs, line, pk[0] + 1, "primary key " + table.primaryKey() + " = " + key
                                + " appears twice");
                    }
                }
                for (Table.ForeignKey fk : table.foreignKeys()) {
                    int[] cols = fk.fields().stream().mapToInt(table::index).toArray();
                    List<String> value = values(row, cols);
                    if (value.stream().noneMatch(String::isEmpty)) {
                        foreign.add(new ForeignRow(fk, value, line, cols[0] + 1));
                    }
                }
                rememberKeys(table, row, tableKeys);
            }
        } catch (IOException e) {
            diagnostics.error(shownAs, 0, 0, "cannot read back the written file: " + e.getMessage());
            return;
        }
        deferred.add(() -> {
            for (ForeignRow r : foreign) {
                Set<List<String>> target = keys.getOrDefault(r.fk.resource(), Map.of()).get(r.fk.referenceFields());
                if (target == null || !target.contains(r.value)) {
                    diagnostics.error(shownAs, r.line, r.column, "foreign key " + r.fk.fields() + " = " + r.value
                            + " has no row in " + r.fk.resource() + " " + r.fk.referenceFields());
                }
            }
        });
    }

    /** Checks the foreign keys of every table checked so far. */
    public void finish() {
        deferred.forEach(Runnable::run);
        deferred.clear();
    }

    private record ForeignRow(Table.ForeignKey fk, List<String> value, int line, int column) {
    }

    /**
     * Declares the tables still to be checked, so that the columns their foreign keys reference are remembered even
     * when they are not a table's primary key (e.g. lignes-financement's convention lines, referenced by echeances).
     */
    public void expect(List<Table> tables) {
        tables.forEach(t -> t.foreignKeys().forEach(fk ->
                referenced.computeIfAbsent(fk.resource(), r -> new java.util.HashSet<>()).add(fk.referenceFields())));
    }

    /** Keeps the values of the columns other tables reference (primary key, unique and referenced columns). */
    private void rememberKeys(Table table, String[] row, Map<List<String>, Set<List<String>>> tableKeys) {
        for (List<String> fields : referenced.getOrDefault(table.name(), Set.of())) {
            List<String> value = values(row, fields.stream().mapToInt(table::index).toArray());
            if (value.stream().noneMatch(String::isEmpty)) {
                tableKeys.computeIfAbsent(fields, k -> new HashSet<>()).add(value);
            }
        }
        if (!table.primaryKey().isEmpty()) {
            tableKeys.computeIfAbsent(table.primaryKey(), k -> new HashSet<>())
                    .add(values(row, table.primaryKey().stream().mapToInt(table::index).toArray()));
        }
        for (Field f : table.fields()) {
            if (f.unique()) {
                tableKeys.computeIfAbsent(List.of(f.name()), k -> new HashSet<>()).add(List.of(row[table.index(f.name())]));
            }
        }
    }

    private static List<String> values(String[] row, int[] columns) {
        List<String> out = new ArrayList<>(columns.length);
        for (int c : columns) {
            out.add(row[c]);
        }
        return out;
    }

    /** What is wrong with one cell, or {@code null}. */
    static String problem(Field f, Pattern pattern, String cell) {
        if (cell.isEmpty()) {
            return f.required() ? "a value is required" : null;
        }
        if (f.type().equals("string") && Formulas.risky(cell)) {
            return "a spreadsheet would run this text as a formula: write it with Formulas.neutralise";
        }
        switch (f.type()) {
            case "integer" -> {
                try {
                    BigDecimal n = new BigDecimal(cell);
                    if (n.stripTrailingZeros().scale() > 0 || !cell.matches("-?\\d+")) {
                        return "'" + cell + "' is not an integer";
                    }
                    String bound = bounds(f, n);
                    if (bound != null) {
                        return bound;
                    }
                } catch (NumberFormatException e) {
                    return "'" + cell + "' is not an integer";
                }
            }
            case "number" -> {
                if (!cell.matches("-?\\d+(\\.\\d+)?")) {
                    return "'" + cell + "' is not a number with a decimal point";
                }
                String bound = bounds(f, new BigDecimal(cell));
                if (bound != null) {
                    return bound;
                }
            }
            case "boolean" -> {
                if (!cell.equals("true") && !cell.equals("false")) {
                    return "'" + cell + "' is not true or false";
                }
            }
            case "date" -> {
                try {
                    LocalDate.parse(cell);
                } catch (DateTimeParseException e) {
                    return "'" + cell + "' is not a date (YYYY-MM-DD)";
                }
            }
            case "year" -> {
                if (!cell.matches("\\d{4}")) {
                    return "'" + cell + "' is not a year";
                }
            }
            default -> {
            }
        }
        if (f.values() != null && !f.values().contains(cell)) {
            return "'" + cell + "' is not one of " + f.values();
        }
        if (pattern != null && !pattern.matcher(cell).matches()) {
            return "'" + cell + "' does not match the pattern " + f.pattern();
        }
        return null;
    }

    private static String bounds(Field f, BigDecimal n) {
        if (f.minimum() != null && n.compareTo(BigDecimal.valueOf(f.minimum())) < 0) {
            return n.toPlainString() + " is below the minimum " + f.minimum();
        }
        if (f.maximum() != null && n.compareTo(BigDecimal.valueOf(f.maximum())) > 0) {
            return n.toPlainString() + " is above the maximum " + f.maximum();
        }
        return null;
    }
}
