package fr.vitrine.read;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What changed in the schema impact-service-public-numerique from 0.1.0 to 0.5.0, as its published versions show:
 * the version that added each column and its allowed values (for guided messages on an older file), the columns
 * renamed and dropped, and {@link #upgrade}, which writes a 0.5.0 copy of an older file where the mapping is certain.
 */
public final class OlderImpactSchemas {

    /** A 0.5.0 column an older file may lack: the version that added it and what it holds. */
    record Added(String version, String holds) {
    }

    static final Map<String, Added> ADDED = new LinkedHashMap<>();

    static {
        ADDED.put("valeur", new Added("0.2.0", "the value measured or targeted, a number such as 475000.5"));
        ADDED.put("administration_rattachement", new Added("0.3.0", "the administration the service belongs to, e.g. DINUM"));
        ADDED.put("est_cible", new Added("0.2.2", "true for a target, false for a measure"));
        ADDED.put("type_indicateur", new Added("0.5.0", "usage or impact"));
        ADDED.put("frequence_monitoring", new Added("0.3.0",
                "quotidienne, hebdomadaire, mensuelle, annuelle, trimestrielle, semestrielle or autre"));
        ADDED.put("date", new Added("0.2.0", "the day measured, a period's last day (YYYY-MM-DD)"));
        ADDED.put("est_periode", new Added("0.2.0", "true for an amount over a period, false for a stock"));
        ADDED.put("est_automatise", new Added("0.2.2", "true when the collection is automated, else false"));
        ADDED.put("source_collecte", new Added("0.2.2", "how the data is collected: script, enquête…"));
    }

    /** Older names of 0.5.0 columns (0.1.0 named its frequency periodicite, 0.2 frequence_calcul). */
    static final Map<String, String> RENAMED = Map.of("frequence_calcul", "frequence_monitoring",
            "periodicite", "frequence_monitoring", "periode", "date", "mode_collecte", "source_collecte");

    /** Older columns 0.5.0 no longer has, and how the upgrade keeps them in {@code commentaires}. */
    static final Map<String, String> DROPPED = new LinkedHashMap<>();

    static {
        DROPPED.put("mode_calcul", "Mode de calcul");
        DROPPED.put("sens_evolution_souhaite", "Sens d'évolution souhaité");
        DROPPED.put("frequence_affichage", "Fréquence d'affichage");
        DROPPED.put("sens_evolution", "Sens d'évolution souhaité");
        DROPPED.put("limites", "Limites");
        DROPPED.put("modalites_interpretation", "Modalités d'interprétation");
    }

    /** What only the team can say: columns an upgrade leaves empty when the older file has no source for them. */
    static final List<String> TEAM = List.of("administration_rattachement", "valeur", "type_indicateur",
            "est_periode", "est_automatise");

    private static final int MAX_ROWS = 10_000_000;

    private OlderImpactSchemas() {
    }

    /**
     * The guided message for a missing required column: the version that added it, what it holds, and the older
     * column of the header it replaces, if any.
     */
    static String missing(String column, List<String> header) {
        Added added = ADDED.get(column);
        StringBuilder sb = new StringBuilder("missing column ").append(column);
        if (added != null) {
            sb.append(" (added in schema ").append(added.version()).append("; it holds ").append(added.holds()).append(')');
        }
        RENAMED.forEach((old, now) -> {
            if (now.equals(column) && header.contains(old)) {
                sb.append(": rename the column ").append(old).append(" to ").append(column);
                if (old.equals("frequence_calcul") || old.equals("periodicite")) {
                    sb.append(" (values in lower case; Continue is now autre)");
                } else if (old.equals("periode")) {
                    sb.append(" (same meaning: the day measured, a period's last day)");
                }
            }
        });
        return sb.toString();
    }

    /** What a 0.5.0 column holds, for the columns older versions lack. */
    public static String holds(String column) {
        Added added = ADDED.get(column);
        return added == null ? "" : added.holds();
    }

    /** True when the header looks like an older version's: a renamed or dropped column, or a later one missing. */
    static boolean older(List<String> header) {
        return header.stream().anyMatch(h -> RENAMED.containsKey(h) || DROPPED.containsKey(h))
                || ADDED.keySet().stream().anyMatch(c -> !header.contains(c));
    }

    /** The closing advice for an older file. */
    static String advice(Path file) {
        return "this file follows an older version of the schema: 'vitrine stats --upgrade " + file.getFileName()
                + "' writes a 0.5.0 copy, leaving to you only what the file cannot say";
    }

    /** What an upgrade did. */
    public record Upgrade(Path written, long rows, List<String> toFill, List<String> notes) {
    }

    /**
     * Writes {@code <name>-0.5.0.csv} beside {@code file}: every row in the 0.5.0 columns, renamed columns moved (a
     * frequency in lower case, Continue as autre), {@code est_cible} false where the file predates targets,
     * dropped columns kept in {@code commentaires} ("Mode de calcul : moyenne"), and the columns only the team can
     * fill left empty (named in {@link Upgrade#toFill}). UTF-8 without BOM, comma, LF.
     *
     * @throws IOException when the file cannot be read or written, or is not a CSV with a header
     */
    public static Upgrade upgrade(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path out = file.resolveSibling(name.replaceFirst("(?i)\\.csv$", "") + "-0.5.0.csv");
        if (Files.exists(out)) {
            throw new IOException(out + " exists already; move it away first (nothing is overwritten)");
        }
        CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
        List<String> toFill = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long rows = 0;
        if (Files.size(file) == 0) {
            throw new IOException(file + " is empty: no header to upgrade");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = mapper.readerFor(String[].class)
                     .with(CsvSchema.emptySchema().withColumnSeparator(separator(file))).readValues(in);
             Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             SequenceWriter w = mapper.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValues(writer)) {
            if (!it.hasNext()) {
                throw new IOException(file + " has no header row");
            }
            List<String> header = new ArrayList<>();
            for (String h : it.next()) {
                header.add(h.replace("\uFEFF", "").strip());
            }
            Map<String, Integer> at = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                at.putIfAbsent(header.get(i), i);
            }
            for (String c : ImpactCsv.COLUMNS) {
                String source = source(c, at);
                if (source == null && TEAM.contains(c) || source == null && !ImpactCsv.OPTIONAL.contains(c)
                        && !c.equals("est_cible")) {
                    toFill.add(c);
                }
                if (source != null && !source.equals(c)) {
                    notes.add(source + " → " + c);
                }
            }
            if (!at.containsKey("est_cible")) {
                notes.add("est_cible false: this version had no targets");
            }
            DROPPED.forEach((column, label) -> {
                if (at.containsKey(column)) {
                    notes.add(column + " → commentaires (« " + label + " : … »)");
                }
            });
            w.write(ImpactCsv.COLUMNS);
            while (it.hasNext()) {
                String[] cells = it.next();
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw new IOException(file + " has more than " + MAX_ROWS + " rows: upgrade it in parts");
                }
                List<String> row = new ArrayList<>(ImpactCsv.COLUMNS.size());
                for (String c : ImpactCsv.COLUMNS) {
                    row.add(value(c, cells, at));
                }
                w.write(row);
            }
        }
        return new Upgrade(out, rows, List.copyOf(toFill), List.copyOf(notes));
    }

    /** The older file's column that gives the 0.5.0 column {@code column}, or {@code null}. */
    private static String source(String column, Map<String, Integer> at) {
        if (at.containsKey(column)) {
            return column;
        }
        for (Map.Entry<String, String> e : RENAMED.entrySet()) {
            if (e.getValue().equals(column) && at.containsKey(e.getKey())) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String value(String column, String[] cells, Map<String, Integer> at) {
        String source = source(column, at);
        String v = source == null ? "" : cell(cells, at.get(source));
        if (column.equals("frequence_monitoring") && !v.isEmpty()) {
            v = v.toLowerCase(Locale.ROOT);
            v = v.equals("continue") ? "autre" : v;
        } else if (column.equals("est_cible") && source == null) {
            v = "false";
        } else if (column.equals("commentaires")) {
            StringBuilder sb = new StringBuilder(v);
            DROPPED.forEach((old, label) -> {
                String kept = at.containsKey(old) ? cell(cells, at.get(old)) : "";
                if (!kept.isEmpty()) {
                    sb.append(sb.length() > 0 ? " ; " : "").append(label).append(" : ").append(kept);
                }
            });
            v = sb.toString();
        }
        return v;
    }

    private static String cell(String[] cells, int i) {
        return i < cells.length ? cells[i].strip() : "";
    }

    private static char separator(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            char[] buf = new char[4096];
            int n = r.read(buf);
            String first = n <= 0 ? "" : new String(buf, 0, n).split("\n", 2)[0];
            return first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
        }
    }
}
