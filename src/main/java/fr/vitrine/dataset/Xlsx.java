package fr.vitrine.dataset;

import fr.vitrine.dataset.Table.Field;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The spreadsheet twin of a table ({@code <name>.xlsx}), for people who double-click: the CSV's rows with typed cells
 * (amounts as numbers in euros, full dates as dates, partial dates, codes and every other text as text cells — never a
 * formula), the header row frozen, then a "Lisez-moi" sheet (title, source, licence, date, the columns' descriptions).
 * Written row by row with fastexcel, a table of more than one batch on a thread of its own (rows are handed over in
 * batches, at most two batches held), so that a large table's spreadsheet is written while its CSV and JSON are; the
 * file is then repacked with the build's date in place of the library's creation time and fixed entry times, so that
 * the same inputs give the same bytes.
 */
final class Xlsx implements Closeable {

    static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String SHEET_README = "Lisez-moi";
    /** Excel's French euro format (no quotes: fastexcel writes the code into an XML attribute as is). */
    static final String EURO = "#,##0.00\\ [$€-40C]";
    static final String DATE = "yyyy-mm-dd";
    /** Rows of a sheet, header included (Excel's limit). */
    static final int MAX_ROWS = 1_048_576;
    /** Characters of a cell (Excel's limit: a longer text is refused or cut by spreadsheets, silently). */
    static final int MAX_CELL = 32_767;
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SHEET = Pattern.compile("xl/worksheets/sheet\\d+\\.xml");
    /** The library's placeholder, written before the rows are known (readers that trust it see one cell). */
    private static final byte[] PLACEHOLDER = "<dimension ref=\"A1\"/>".getBytes(StandardCharsets.UTF_8);
    private static final int FLUSH_EVERY = 1_000;
    private static final int BATCH = 1_024;

    private final Table table;
    private final Metadata meta;
    private final Path file;
    private final Path tmp;
    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private final Kind[] kinds;
    private int row = 1;
    private long dropped;
    /** The thread that writes the rows, made for a table of more than one batch (a small one is written at close). */
    private ExecutorService writer;
    private final List<Cut> cuts = new ArrayList<>();
    private List<Object[]> batch = new ArrayList<>(BATCH);
    private Future<?> writing = CompletableFuture.completedFuture(null);

    private enum Kind { TEXT, DAY_OR_TEXT, DATE, AMOUNT, NUMBER, INTEGER, BOOLEAN }

    /**
     * A text cut to fit a cell: its row in the sheet (1 for the first record), the column, the record's first value
     * (its id) and the text's length in characters.
     */
    record Cut(Path file, int row, int column, String name, String record, int length) {
        String message() {
            return "spreadsheet " + file.getFileName() + ": the record '" + record + "', column '" + name + "' has "
                    + length + " characters, over a spreadsheet cell's limit of " + MAX_CELL + ": it is cut in the "
                    + ".xlsx file, ending with a note saying so; the CSV and JSON files hold it whole";
        }
    }

    Xlsx(Table table, Path dir, Metadata meta) {
        this.table = table;
        this.meta = meta;
        this.file = dir.resolve(table.xlsxFile());
        this.tmp = dir.resolve(table.xlsxFile() + ".tmp");
        List<Field> fields = table.fields();
        kinds = fields.stream().map(Xlsx::kind).toArray(Kind[]::new);
        try {
            // Buffered: the zip writer under fastexcel writes headers a byte at a time and data 512 bytes at a time,
            // one system call each (22 800 writes for the datasets of 2 000 conventions).
            out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
            workbook = new Workbook(out, "Vitrine", "1.0");
            workbook.setCompressionLevel(0); // compressed once, by the repacking
            workbook.properties().setTitle(table.title());
            sheet = workbook.newWorksheet(table.name());
            for (int c = 0; c < fields.size(); c++) {
                sheet.value(0, c, fields.get(c).name());
                sheet.width(c, kinds[c] == Kind.TEXT ? 30 : 16);
                if (kinds[c] == Kind.TEXT || kinds[c] == Kind.DAY_OR_TEXT) {
                    sheet.style(c).format("@").set(); // typed into later, a text column stays text
                }
            }
            sheet.range(0, 0, 0, fields.size() - 1).style().bold().set();
            sheet.freezePane(0, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell type of a column: amounts are the number columns named montant…; full dates in date-like text columns. */
    private static Kind kind(Field f) {
        return switch (f.type()) {
            case "number" -> f.name().toLowerCase(java.util.Locale.ROOT).startsWith("montant") ? Kind.AMOUNT : Kind.NUMBER;
            case "integer" -> Kind.INTEGER;
            case "boolean" -> Kind.BOOLEAN;
            case "date" -> Kind.DATE;
            default -> f.pattern() != null && f.pattern().startsWith(Tables.PARTIAL_DATE) ? Kind.DAY_OR_TEXT : Kind.TEXT;
        };
    }

    /** One row of values as {@link DatasetWriter#row} takes them (not changed afterwards). */
    void row(Object[] values) {
        batch.add(values);
        if (batch.size() == BATCH) {
            handOver();
        }
    }

    /** Waits for the previous batch to be written, then has the writer thread write this one. */
    private void handOver() {
        List<Object[]> rows = batch;
        batch = new ArrayList<>(BATCH);
        await();
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "xlsx");
                t.setDaemon(true);
                return t;
            });
        }
        writing = writer.submit(() -> rows.forEach(this::write));
    }

    private void await() {
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void write(Object[] values) {
        if (row >= MAX_ROWS) {
            dropped++;
            return;
        }
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v == null || v instanceof String s && s.isEmpty()) {
                continue;
            }
            switch (kinds[c]) {
                case AMOUNT, NUMBER, INTEGER -> {
                    BigDecimal n = v instanceof BigDecimal b ? RecordJson.amount(b) : new BigDecimal(DatasetWriter.cell(v));
                    sheet.value(row, c, n);
                    if (kinds[c] == Kind.AMOUNT) {
                        sheet.style(row, c).format(EURO).set();
                    }
                }
                case BOOLEAN -> sheet.value(row, c, v instanceof Boolean b ? b : Boolean.valueOf(v.toString()));
                case DATE, DAY_OR_TEXT -> {
                    LocalDate day = day(v.toString());
                    if (day != null) {
                        sheet.value(row, c, day);
                        sheet.style(row, c).format(DATE).set();
                    } else {
                        sheet.value(row, c, v.toString());
                    }
                }
                default -> sheet.value(row, c, fit(v.toString(), c, values)); // a shared string: never a formula
            }
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            try {
                sheet.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code text}, or, when longer than a cell holds, its beginning and a note in French giving the full length. */
    private String fit(String text, int column, Object[] values) {
        if (text.length() <= MAX_CELL) {
            return text;
        }
        int length = text.codePointCount(0, text.length());
        String mark = " […] (texte tronqué : " + length + " caractères au total, complet dans le fichier "
                + table.csvFile() + ")";
        int end = MAX_CELL - mark.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        cuts.add(new Cut(file, row, column, table.fields().get(column).name(), String.valueOf(values[0]), length));
        return text.substring(0, end) + mark;
    }

    /** The texts cut to fit a cell (read once the file is closed). */
    List<Cut> cuts() {
        return List.copyOf(cuts);
    }

    private static LocalDate day(String s) {
        if (!DAY.matcher(s).matches()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(s);
            return d.getYear() >= 1900 ? d : null; // a spreadsheet date starts in 1900
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            if (writer == null) { // a single batch: no thread to hand it to
                batch.forEach(this::write);
            } else {
                handOver();
                await();
            }
            sheet.finish();
            int readmeRows = readme();
            workbook.finish();
            out.close();
            repack(tmp, file, meta.modified(), meta.modifiedInstant(), List.of(
                    range(Math.min(row, MAX_ROWS), table.fields().size()), range(readmeRows, 3)));
            Files.delete(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (writer != null) {
                writer.shutdown();
            }
        }
    }

    /** A sheet's used range, {@code A1:C12} for 12 rows of 3 columns. */
    static String range(int rows, int columns) {
        StringBuilder letters = new StringBuilder();
        for (int c = columns; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return "A1:" + letters + rows;
    }

    /** Writes the "Lisez-moi" sheet; returns its number of rows. */
    private int readme() throws IOException {
        Worksheet r = workbook.newWorksheet(SHEET_README);
        r.width(0, 28);
        r.width(1, 90);
        int i = 0;
        r.value(i, 0, table.title());
        r.style(i++, 0).bold().set();
        r.value(i, 0, "Contenu");
        r.value(i++, 1, table.description() + " Mêmes lignes que le fichier " + table.csvFile() + ", une feuille « "
                + table.name() + " » ; montants en nombres (euros), dates complètes en dates, dates partielles et codes "
                + "en texte.");
        if (dropped > 0) {
            r.value(i, 0, "Attention");
            r.value(i++, 1, "Ce classeur s'arrête à " + (MAX_ROWS - 1) + " lignes (limite du tableur) ; " + dropped
                    + " lignes de plus sont dans " + table.csvFile() + ".");
        }
        r.value(i, 0, "Source");
        r.value(i++, 1, meta.publisher() + " : " + meta.landingPage());
        r.value(i, 0, "Licence");
        r.value(i++, 1, Metadata.LICENCE_TITLE + " : " + Metadata.LICENCE_URL);
        r.value(i, 0, "Date des données");
        r.value(i, 1, meta.modified());
        r.style(i++, 1).format(DATE).horizontalAlignment("left").set();
        r.value(i, 0, "Schéma");
        r.value(i++, 1, table.officialSchema() != null ? table.officialSchema() : meta.landingPage() + table.schemaReference());
        i++;
        r.value(i, 0, "Colonne");
        r.value(i, 1, "Description");
        r.value(i, 2, "Type");
        r.range(i, 0, i, 2).style().bold().set();
        i++;
        for (Field f : table.fields()) {
            r.value(i, 0, f.name());
            r.value(i, 1, f.title().equals(f.name()) ? f.description() : f.title() + ". " + f.description());
            r.value(i, 2, f.type());
            i++;
        }
        r.finish();
        return i;
    }

    /**
     * Copies the package with fixed entry times (the data's date, local time, so not the time zone's) and with the
     * instant that date began as the document's creation and modification times instead of the library's clock.
     */
    static void repack(Path from, Path to, LocalDate date, String instant, List<String> ranges) throws IOException {
        try (ZipFile zip = new ZipFile(from.toFile());
             ZipOutputStream z = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(to), 1 << 16))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(date.atStartOfDay());
                z.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(e)) {
                    if (e.getName().equals("docProps/core.xml")) {
                        String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        z.write(xml.replaceAll("(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\\2>)",
                                "$1" + instant + "$3").getBytes(StandardCharsets.UTF_8));
                    } else if (SHEET.matcher(e.getName()).matches()) {
                        int sheet = Integer.parseInt(e.getName().replaceAll("\\D", "")) - 1;
                        dimension(in, z, sheet < ranges.size() ? ranges.get(sheet) : null);
                    } else {
                        in.transferTo(z);
                    }
                }
                z.closeEntry();
            }
        }
    }

    /**
     * Copies a sheet, its dimension placeholder (in its first bytes, before the rows) replaced by the real range, so
     * that streaming readers (openpyxl's read-only mode, POI's event API) see every cell.
     */
    private static void dimension(InputStream in, OutputStream z, String range) throws IOException {
        byte[] head = in.readNBytes(4096);
        int at = range == null ? -1 : indexOf(head, PLACEHOLDER);
        if (at < 0) {
            z.write(head);
        } else {
            z.write(head, 0, at);
            z.write(("<dimension ref=\"" + range + "\"/>").getBytes(StandardCharsets.UTF_8));
            z.write(head, at + PLACEHOLDER.length, head.length - at - PLACEHOLDER.length);
        }
        in.transferTo(z);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
