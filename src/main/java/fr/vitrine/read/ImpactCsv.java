package fr.vitrine.read;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.vitrine.diagnostics.Diagnostics;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams a CSV file in data.gouv.fr's schema <em>impact-service-public-numerique</em> (0.5.0), cell by cell, with
 * the line and column of every cell. What the schema's own example is (UTF-8 with a BOM, CRLF line ends: the CSV
 * standard's) is read silently; spreadsheet exports are accepted when they can be read without guessing —
 * Windows-1252, ';' separators — and each such variant is reported once as a warning. Rows never stay in memory: a
 * million-row file is read in constant space.
 */
public final class ImpactCsv {

    /** The schema's columns, in its order. */
    public static final List<String> COLUMNS = List.of("administration_rattachement", "nom_service_public_numerique",
            "indicateur", "valeur", "unite_mesure", "est_cible", "type_indicateur", "frequence_monitoring", "date",
            "est_periode", "date_debut", "est_automatise", "source_collecte", "denom_insee", "code_insee",
            "dataviz_wish", "commentaires");
    public static final List<String> OPTIONAL = List.of("date_debut", "denom_insee", "code_insee", "dataviz_wish",
            "commentaires");

    /** One cell: its text (trimmed) and where it starts. */
    public record Cell(String text, int line, int column) {
    }

    /** Receives each data row; {@code cells} is indexed like {@link #COLUMNS} ({@code null} for absent columns). */
    public interface RowHandler {
        void row(int line, Cell[] cells, Report report);
    }

    /** How a row handler reports: errors are capped per file, each kind of warning is said once per file. */
    public interface Report {
        void error(int line, int column, String message);

        void warnOnce(String kind, int line, int column, String message);
    }

    private static final CsvMapper MAPPER = new CsvMapper();

    private ImpactCsv() {
    }

    /**
     * Reads {@code file}, reporting format problems; returns the number of data rows handed to {@code handler}, or
     * -1 when the file could not be used at all.
     */
    public static long read(Path file, Diagnostics diagnostics, RowHandler handler) {
        try {
            if (Files.size(file) == 0) {
                diagnostics.error(file, 1, 1, "empty file: an impact CSV starts with a header row naming the schema's "
                        + "columns (" + String.join(",", COLUMNS) + ")");
                return -1;
            }
            Charset charset = detectCharset(file, diagnostics);
            if (charset == null) {
                return -1;
            }
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
                skipBom(raw, charset); // the schema's own example starts with one: not a warning
                Reader reader = new BufferedReader(new InputStreamReader(raw, charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
                return new Pass(file, diagnostics, handler).run(reader);
            }
        } catch (java.nio.file.AccessDeniedException e) {
            diagnostics.error(file, 0, 0, "permission denied: this user can't read the file; fix its permissions");
            return -1;
        } catch (IOException e) {
            diagnostics.error(file, 0, 0, "cannot read file: " + e.getMessage());
            return -1;
        }
    }

    /**
     * Decides the encoding on the whole file, in one streaming pass: UTF-8 when every byte sequence is valid UTF-8.
     * A file that is mostly UTF-8 (at least as many valid non-ASCII characters as invalid bytes) is an error at each
     * invalid byte: reading it as Windows-1252 would publish mojibake. Otherwise it is Windows-1252 (what French
     * spreadsheets export), with a warning, unless a byte is one Windows-1252 does not define (or NUL): an error
     * there. Returns {@code null} after an error.
     */
    private static Charset detectCharset(Path file, Diagnostics diagnostics) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        int line = 1;
        int column = 1;
        long beyondAscii = 0;
        List<int[]> invalid = new ArrayList<>(); // line, column, byte of the first invalid UTF-8 bytes
        long invalidCount = 0;
        int[] notText = null; // line, column, byte of the first byte Windows-1252 does not define
        int cpLine = 1;
        int cpColumn = 1;
        try (ReadableByteChannel channel = Files.newByteChannel(file)) {
            boolean end = false;
            while (!end) {
                int start = in.position();
                end = channel.read(in) < 0;
                byte[] bytes = in.array();
                for (int i = start, n = in.position(); i < n && notText == null; i++) {
                    int b = bytes[i] & 0xFF;
                    if (b == '\n') {
                        cpLine++;
                        cpColumn = 1;
                    } else if (b == 0 || b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D) {
                        notText = new int[] {cpLine, cpColumn, b};
                    } else if (b != '\r') {
                        cpColumn++;
                    }
                }
                in.flip();
                while (true) {
                    CoderResult result = utf8.decode(in, out, end);
                    char[] chars = out.array();
                    for (int i = 0, n = out.position(); i < n; i++) {
                        char c = chars[i];
                        if (c == '\n') {
                            line++;
                            column = 1;
                        } else if (c != '\r') {
                            column++;
                            if (c >= 0x80) {
                                beyondAscii++;
                            }
                        }
                    }
                    out.clear();
                    if (result.isMalformed() || result.isUnmappable()) {
                        if (invalid.size() < 10) {
                            invalid.add(new int[] {line, column, in.get(in.position()) & 0xFF});
                        }
                        invalidCount++;
                        in.position(in.position() + result.length());
                        column++;
                    } else if (result.isUnderflow()) {
                        break;
                    }
                }
                in.compact();
            }
        }
        if (invalid.isEmpty()) {
            return StandardCharsets.UTF_8;
        }
        if (beyondAscii >= invalidCount) {
            for (int[] at : invalid) {
                diagnostics.error(file, at[0], at[1], String.format(Locale.ROOT, "byte 0x%02X is not UTF-8, while the "
                        + "rest of the file is UTF-8: this character was typed or pasted in another encoding; retype "
                        + "it (the file is not read as Windows-1252, which would garble its other accents)", at[2]));
            }
            if (invalidCount > invalid.size()) {
                diagnostics.error(file, 0, 0, (invalidCount - invalid.size()) + " more bytes in this file are not UTF-8");
            }
            return null;
        }
        if (notText != null) {
            diagnostics.error(file, notText[0], notText[1], String.format(Locale.ROOT, "file is not text (byte 0x%02X "
                    + "is neither UTF-8 nor Windows-1252): it is binary or corrupted; export it again as CSV UTF-8",
                    notText[2]));
            return null;
        }
        diagnostics.warning(file, 1, 1, "file is not UTF-8; read as Windows-1252 (a spreadsheet export). "
                + "Save it as CSV UTF-8 to be sure accents are right");
        return Charset.forName("windows-1252");
    }

    private static boolean skipBom(InputStream in, Charset charset) throws IOException {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return false;
        }
        in.mark(3);
        byte[] b = in.readNBytes(3);
        if (b.length == 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return true;
        }
        in.reset();
        return false;
    }

    /** One reading of one file. */
    private static final class Pass implements Report {
        private static final int MAX_ROW_ERRORS = 50;

        private final Path file;
        private final Diagnostics diagnostics;
        private final RowHandler handler;
        private int rowErrors;
        private int rowStart = 1;
        private final java.util.Set<String> warned = new java.util.HashSet<>();

        Pass(Path file, Diagnostics diagnostics, RowHandler handler) {
            this.file = file;
            this.diagnostics = diagnostics;
            this.handler = handler;
        }

        long run(Reader reader) throws IOException {
            BufferedReader in = (BufferedReader) reader;
            in.mark(1 << 16);
            String firstLine = firstLine(in);
            in.reset();
            char separator = separator(firstLine);
            CsvParser parser = (CsvParser) MAPPER.getFactory().createParser(in);
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(separator));
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            long rows = 0;
            int[] index = null;
            int headerSize = 0;
            try {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    return -1;
                }
                List<Cell> cells = new ArrayList<>(COLUMNS.size());
                while (true) {
                    rowStart = parser.currentLocation().getLineNr();
                    if (!readRow(parser, cells)) {
                        break;
                    }
                    if (index == null) {
                        index = header(cells);
                        headerSize = cells.size();
                        if (index == null) {
                            return -1;
                        }
                        if (separator == ';') {
                            warnOnce("separator", 1, 1, "columns are separated by ';' (a spreadsheet export); "
                                    + "accepted, but data.gouv.fr expects ','");
                        }
                        continue;
                    }
                    if (cells.size() == 1 && cells.get(0).text().isEmpty()) {
                        continue; // blank line
                    }
                    Cell first = cells.get(0);
                    if (cells.size() != headerSize) {
                        error(first.line(), 1, "row has " + cells.size() + " cells but the header has " + headerSize
                                + "; check separators and quotes on this line");
                        continue;
                    }
                    Cell[] byColumn = new Cell[COLUMNS.size()];
                    for (int i = 0; i < cells.size(); i++) {
                        if (index[i] >= 0) {
                            byColumn[index[i]] = cells.get(i);
                        }
                    }
                    rows++;
                    handler.row(first.line(), byColumn, this);
                }
            } catch (JsonProcessingException e) {
                String problem = e.getOriginalMessage().replace("\n", " ");
                JsonLocation at = e.getLocation();
                int line = at == null ? rowStart : at.getLineNr();
                int column = at == null ? 1 : at.getColumnNr();
                if (problem.startsWith("Missing closing quote")) {
                    // Found at the end of the file; the quote was opened in the row being read.
                    problem = "a quote opened in this row is never closed";
                    line = rowStart;
                    column = 1;
                } else if (problem.startsWith("Unexpected character")) {
                    column = Math.max(1, column - 1); // Jackson points just past the character
                }
                diagnostics.error(file, line, column, "malformed CSV: " + problem
                        + "; a quote must open and close a whole cell (write \"\" for a quote inside one). "
                        + "Rows after this point were not read");
                return -1;
            } catch (java.nio.charset.CharacterCodingException e) {
                diagnostics.error(file, 0, 0, "file changed encoding while being read: " + e.getMessage());
                return -1;
            }
            if (index == null) {
                diagnostics.error(file, 1, 1, "empty file: no header row");
                return -1;
            }
            if (rowErrors > MAX_ROW_ERRORS) {
                diagnostics.error(file, 0, 0, (rowErrors - MAX_ROW_ERRORS) + " more row errors in this file were not listed");
            }
            if (rows == 0) {
                diagnostics.warning(file, 2, 1, "no data rows after the header");
            }
            return rows;
        }

        /** Reads the next row's cells; false at the end of the file. */
        private boolean readRow(CsvParser parser, List<Cell> cells) throws IOException {
            cells.clear();
            JsonToken t = parser.nextToken();
            if (t != JsonToken.START_ARRAY) {
                return false;
            }
            while ((t = parser.nextToken()) == JsonToken.VALUE_STRING) {
                JsonLocation at = parser.currentTokenLocation();
                String text = parser.getText();
                if (text.indexOf('\0') >= 0) {
                    error(at.getLineNr(), at.getColumnNr(), "cell contains a NUL character: the file is binary or "
                            + "corrupted; export it again as CSV UTF-8");
                    text = text.replace("\0", "");
                }
                String stripped = text.strip();
                if (stripped.length() != text.length()) {
                    warnOnce("trim", at.getLineNr(), at.getColumnNr(), "cells with leading or trailing spaces "
                            + "(first here) were trimmed");
                }
                cells.add(new Cell(stripped, at.getLineNr(), at.getColumnNr()));
            }
            return true;
        }

        /** Maps header positions to schema columns; reports missing and unknown columns. */
        private int[] header(List<Cell> cells) {
            Map<String, Integer> seen = new HashMap<>();
            int unknown = 0;
            int[] index = new int[cells.size()];
            List<String> names = cells.stream().map(Cell::text).toList();
            boolean older = OlderImpactSchemas.older(names)
                    && COLUMNS.stream().anyMatch(c -> !OPTIONAL.contains(c) && !names.contains(c));
            for (int i = 0; i < cells.size(); i++) {
                String name = cells.get(i).text();
                int column = COLUMNS.indexOf(name);
                index[i] = column;
                if (column < 0 && older && (OlderImpactSchemas.RENAMED.containsKey(name)
                        || OlderImpactSchemas.DROPPED.containsKey(name))) {
                    continue; // an older version's column: the missing columns' messages and the advice say what to do
                }
                if (column < 0 && ++unknown > 20) {
                    continue;
                } else if (column < 0) {
                    name = fr.vitrine.model.Text.abbreviate(name);
                    String near = fr.vitrine.model.Text.closest(name, COLUMNS);
                    diagnostics.warning(file, cells.get(i).line(), cells.get(i).column(), "unknown column '" + name
                            + "' ignored" + (near != null ? "; did you mean '" + near + "'?" : ""));
                } else if (seen.put(name, i) != null) {
                    diagnostics.error(file, cells.get(i).line(), cells.get(i).column(), "column '" + name
                            + "' appears twice in the header");
                    return null;
                }
            }
            if (unknown > 20) {
                diagnostics.warning(file, 1, 1, (unknown - 20) + " more unknown columns ignored");
            }
            List<String> missing = COLUMNS.stream()
                    .filter(c -> !OPTIONAL.contains(c) && !seen.containsKey(c)).toList();
            // Each missing column is named with what it holds and the version that added it; the rows are still
            // checked, so that every other error of the file is reported in the same run (none of them is used).
            missing.forEach(c -> diagnostics.error(file, 1, 1, OlderImpactSchemas.missing(c, names)
                    + "; schema 0.5.0 requires it"));
            if (!missing.isEmpty() || older) {
                diagnostics.error(file, 1, 1, older ? OlderImpactSchemas.advice(file)
                        : "add the missing columns to the header (the rows are checked, none is published)");
            }
            return index;
        }

        @Override
        public void error(int line, int column, String message) {
            if (++rowErrors <= MAX_ROW_ERRORS) {
                diagnostics.error(file, line, column, message);
            }
        }

        @Override
        public void warnOnce(String kind, int line, int column, String message) {
            if (warned.add(kind)) {
                diagnostics.warning(file, line, column, message);
            }
        }

        /** The first line, with its '\r' if it ends with CR LF. */
        private static String firstLine(Reader in) throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n' && sb.length() < (1 << 15)) {
                sb.append((char) c);
            }
            return sb.toString();
        }

        /** ';' when the header has more semicolons than commas, else ','. */
        private static char separator(String header) {
            long semicolons = header.chars().filter(c -> c == ';').count();
            long commas = header.chars().filter(c -> c == ',').count();
            return semicolons > commas ? ';' : ',';
        }
    }
}
