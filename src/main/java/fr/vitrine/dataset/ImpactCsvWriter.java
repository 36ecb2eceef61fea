package fr.vitrine.dataset;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Measure;
import fr.vitrine.read.ImpactCsv;
import fr.vitrine.validate.ImpactRows;
import fr.vitrine.validate.MetricsLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes impact rows back in the schema's normal form — UTF-8 without BOM, comma, header row, ISO dates, decimal
 * point, {@code true}/{@code false}, RFC 4180 quoting — streaming through the source files once, after they were
 * validated, so that no row is held in memory. Each row goes to its product's file and to the consolidated table
 * (the same pass). Texts a spreadsheet would run as formulas are quoted.
 */
public final class ImpactCsvWriter {

    /** Quotes a cell only when RFC 4180 requires it (separator, quote or line break inside). */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private ImpactCsvWriter() {
    }

    /**
     * Writes one CSV per product of {@code targets} (product id → file) and hands every row of a known product, as
     * the schema's cells, to {@code everyRow}.
     */
    public static void write(List<Path> sources, Map<String, String> productByService,
                             Map<String, Path> targets, Consumer<String[]> everyRow) {
        Map<String, SequenceWriter> writers = new HashMap<>();
        try {
            for (Map.Entry<String, Path> t : targets.entrySet()) {
                Files.createDirectories(t.getValue().getParent());
                Writer w = Files.newBufferedWriter(t.getValue(), StandardCharsets.UTF_8);
                SequenceWriter sw = MAPPER.writer(CsvSchema.emptySchema().withLineSeparator("\n"))
                        .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).writeValues(w);
                sw.write(ImpactCsv.COLUMNS.toArray(new String[0]));
                writers.put(t.getKey(), sw);
            }
            Diagnostics ignored = new Diagnostics(); // the files were checked when they were loaded
            for (Path source : sources) {
                ImpactCsv.read(source, ignored, (line, cells, report) -> {
                    Measure m = ImpactRows.check(line, cells, report);
                    if (m == null) {
                        return;
                    }
                    String product = MetricsLoader.productOf(m.service(), productByService);
                    if (product == null) {
                        return;
                    }
                    String[] normal = row(m);
                    everyRow.accept(normal);
                    SequenceWriter w = writers.get(product);
                    if (w != null) {
                        try {
                            w.write(neutralised(normal.clone()));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (SequenceWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The text columns of the schema, whose cells a spreadsheet could run as formulas. */
    private static final boolean[] TEXT = textColumns();

    private static boolean[] textColumns() {
        List<Table.Field> fields = Tables.indicators().fields();
        boolean[] text = new boolean[fields.size()];
        for (int i = 0; i < text.length; i++) {
            text[i] = fields.get(i).type().equals("string");
        }
        return text;
    }

    /** The cells as written in a CSV: texts neutralised against formula injection ({@link Formulas}). */
    static String[] neutralised(String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            if (TEXT[i]) {
                cells[i] = Formulas.csvText(cells[i]);
            }
        }
        return cells;
    }

    /** A measure as the schema's 17 cells, in its column order. */
    public static String[] row(Measure m) {
        return new String[] {m.administration(), m.service(), m.indicator(), number(m.value()), m.unit(),
                Boolean.toString(m.target()), m.kind().code, m.frequency(), m.date().toString(),
                Boolean.toString(m.period()), m.start() == null ? "" : m.start().toString(),
                Boolean.toString(m.automated()), m.source(), orEmpty(m.denomInsee()), orEmpty(m.codeInsee()),
                orEmpty(m.dataviz()), orEmpty(m.comment())};
    }

    /** Decimal point, no exponent, no useless zeros: 70, 0.3, 1234567.5. */
    static String number(double v) {
        BigDecimal b = BigDecimal.valueOf(v).stripTrailingZeros();
        return (b.scale() < 0 ? b.setScale(0) : b).toPlainString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
