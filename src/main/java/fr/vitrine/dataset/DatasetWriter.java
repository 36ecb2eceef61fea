package fr.vitrine.dataset;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.vitrine.dataset.Table.Field;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a table as CSV (UTF-8 without BOM, comma, header row, RFC 4180 quoting only where needed, decimal point,
 * texts that a spreadsheet would run as formulas prefixed with a quote: {@link Formulas}) and as JSON with the same
 * content (an array of objects, typed values, {@code null} for empty cells), row by row, plus its Table Schema when it
 * has no official one.
 */
public final class DatasetWriter implements Closeable {

    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final Table table;
    private final SequenceWriter csv;
    private final JsonGenerator json;
    private final Xlsx xlsx;
    private long rows;

    /**
     * Opens {@code dir/<name>.csv}, {@code dir/<name>.json} and, with {@code meta} (for its "Lisez-moi" sheet),
     * {@code dir/<name>.xlsx}, and writes the header.
     */
    public DatasetWriter(Table table, Path dir, Metadata meta) {
        this(table, dir, meta, true);
    }

    private DatasetWriter(Table table, Path dir, Metadata meta, boolean withJson) {
        this.table = table;
        try {
            Files.createDirectories(dir);
            Writer w = Files.newBufferedWriter(dir.resolve(table.csvFile()), StandardCharsets.UTF_8);
            csv = CSV.writer(CsvSchema.emptySchema().withLineSeparator("\n"))
                    .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).writeValues(w);
            csv.write(table.fields().stream().map(Field::name).toArray(String[]::new));
            OutputStream out = withJson ? Files.newOutputStream(dir.resolve(table.jsonFile()))
                    : OutputStream.nullOutputStream();
            json = JSON.createGenerator(out, JsonEncoding.UTF8);
            json.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
            json.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        xlsx = meta == null ? null : new Xlsx(table, dir, meta);
    }

    /** Writes the whole table, its schema, and closes; returns what had to be cut to fit the spreadsheet's cells. */
    public static List<Xlsx.Cut> write(Tables.Data data, Path dir, Metadata meta) {
        DatasetWriter writer = new DatasetWriter(data.table(), dir, meta);
        try (DatasetWriter w = writer) {
            data.rows().forEach(w::row);
        }
        if (data.table().officialSchema() == null) {
            writeSchema(data.table(), dir);
        }
        return writer.cuts();
    }

    /**
     * Writes a selection of a table's rows (one organisation's funding lines, one facet value's products) as
     * {@code dir/<name>.csv} and {@code dir/<name>.xlsx}: the same columns, cells and schema as the whole table's.
     */
    public static void writeExtract(Tables.Data data, Path dir, Metadata meta) {
        try (DatasetWriter w = new DatasetWriter(data.table(), dir, meta, false)) {
            data.rows().forEach(w::row);
        }
    }

    /** The texts cut in the spreadsheet twin (once closed): too long for a cell. */
    List<Xlsx.Cut> cuts() {
        return xlsx == null ? List.of() : xlsx.cuts();
    }

    /** One row: a value per field (String, BigDecimal, Integer, Long, Boolean or null). */
    public void row(Object[] values) {
        if (values.length != table.fields().size()) {
            throw new IllegalArgumentException(table.name() + ": " + values.length + " values for "
                    + table.fields().size() + " fields");
        }
        String[] cells = new String[values.length];
        try {
            json.writeStartObject();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                cells[i] = cell(v);
                json.writeFieldName(table.fields().get(i).name());
                if (v == null) {
                    json.writeNull();
                } else if (v instanceof BigDecimal b) {
                    json.writeNumber(RecordJson.amount(b));
                } else if (v instanceof Integer n) {
                    json.writeNumber(n);
                } else if (v instanceof Long n) {
                    json.writeNumber(n);
                } else if (v instanceof Double d) {
                    json.writeNumber(RecordJson.amount(BigDecimal.valueOf(d)));
                } else if (v instanceof Boolean b) {
                    json.writeBoolean(b);
                } else {
                    json.writeString(v.toString());
                }
            }
            json.writeEndObject();
            csv.write(cells);
            if (xlsx != null) {
                xlsx.row(values);
            }
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row given as CSV cells already in normal form (the impact schema's rows), typed for JSON by field type. */
    public void cells(String[] cells) {
        Object[] values = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            String type = table.fields().get(i).type();
            values[i] = c == null || c.isEmpty() ? null : switch (type) {
                case "number" -> new BigDecimal(c);
                case "boolean" -> Boolean.valueOf(c);
                default -> c;
            };
        }
        row(values);
    }

    public long rows() {
        return rows;
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal b) {
            return RecordJson.amount(b).toPlainString();
        }
        if (v instanceof Double d) {
            return RecordJson.amount(BigDecimal.valueOf(d)).toPlainString();
        }
        return v instanceof String text ? Formulas.csvText(text) : v.toString();
    }

    @Override
    public void close() {
        try {
            csv.close();
            json.writeEndArray();
            json.writeRaw('\n');
            json.close();
            if (xlsx != null) {
                xlsx.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <name>.schema.json}: a Table Schema with French titles and descriptions and the keys. */
    public static void writeSchema(Table table, Path dir) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://datapackage.org/profiles/2.0/tableschema.json");
        schema.put("fields", table.fields().stream().map(DatasetWriter::field).toList());
        schema.put("missingValues", List.of(""));
        if (!table.primaryKey().isEmpty()) {
            schema.put("primaryKey", table.primaryKey());
        }
        if (!table.foreignKeys().isEmpty()) {
            schema.put("foreignKeys", table.foreignKeys().stream().map(fk -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("fields", fk.fields());
                Map<String, Object> ref = new LinkedHashMap<>();
                // Named even when it is this table: Table Schema v1 requires it, v2 allows it.
                ref.put("resource", fk.resource());
                ref.put("fields", fk.referenceFields());
                m.put("reference", ref);
                return m;
            }).toList());
        }
        try {
            Files.writeString(dir.resolve(table.name() + ".schema.json"), RecordJson.write(schema), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> field(Field f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("type", f.type());
        m.put("title", f.title());
        m.put("description", f.type().equals("string") ? f.description() + " " + Formulas.RULE : f.description());
        Map<String, Object> c = new LinkedHashMap<>();
        if (f.required()) {
            c.put("required", true);
        }
        if (f.unique()) {
            c.put("unique", true);
        }
        if (f.values() != null) {
            c.put("enum", f.values());
        }
        if (f.pattern() != null) {
            c.put("pattern", f.pattern());
        }
        if (f.minimum() != null) {
            c.put("minimum", f.type().equals("integer") ? (Object) f.minimum().intValue() : f.minimum());
        }
        if (f.maximum() != null) {
            c.put("maximum", f.type().equals("integer") ? (Object) f.maximum().intValue() : f.maximum());
        }
        if (!c.isEmpty()) {
            m.put("constraints", c);
        }
        return m;
    }
}
