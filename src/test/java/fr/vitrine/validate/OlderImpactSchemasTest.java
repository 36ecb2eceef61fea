package fr.vitrine.validate;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.vitrine.testing.ChildVitrine;
import fr.vitrine.testing.FullTier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema's official examples of older versions (test resources {@code fr/vitrine/schema-impact}, with their
 * sources): {@code stats} names what each lacks and how to get there, {@code stats --upgrade} writes a 0.5.0 copy,
 * and that copy passes {@code stats --fail-on-warnings} once the team fills what only it can say.
 */
@FullTier // runs vitrine in child JVMs
class OlderImpactSchemasTest {

    static final String RESOURCES = "/fr/vitrine/schema-impact/";
    /** What a team fills in the upgraded copy, by column (only where the copy leaves it empty). */
    static final Map<String, String> TEAM = Map.of("type_indicateur", "usage", "administration_rattachement", "DINUM",
            "est_periode", "false", "est_automatise", "true", "valeur", "1200");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exemple-valide-34d0e9a.csv|0.2.0|administration_rattachement,est_cible,type_indicateur,frequence_monitoring,est_automatise,source_collecte|type_indicateur,administration_rattachement,est_automatise",
            "exemple-valide-69a8e80.csv|0.3.0|type_indicateur|type_indicateur",
            "exemple-valide-14c8602.csv|0.4.0|type_indicateur|type_indicateur",
            "layout-0.1.0.csv|0.1.0|administration_rattachement,valeur,est_cible,type_indicateur,frequence_monitoring,date,est_periode,est_automatise,source_collecte|administration_rattachement,valeur,type_indicateur,est_periode,est_automatise",
            "layout-0.2.2.csv|0.2.2|administration_rattachement,type_indicateur,frequence_monitoring|type_indicateur,administration_rattachement"})
    void anOlderExampleIsGuidedUpgradedAndThenPasses(String example, String version, String missing, String toFill)
            throws IOException {
        Path stats = Files.createDirectories(tmp.resolve("stats"));
        try (InputStream in = getClass().getResourceAsStream(RESOURCES + example)) {
            assertNotNull(in, "the official example " + example + " is missing from the test resources");
            Files.copy(in, stats.resolve(example));
        }
        ChildVitrine child = new ChildVitrine(tmp, null, null, null);

        // 1. Guided: each missing column with what it holds and the version that added it, the renames, the way out.
        ChildVitrine.Run run = child.vitrine("stats", "--metrics", "stats/" + example);
        assertEquals(1, run.exitCode(), run.err());
        for (String column : missing.split(",")) {
            assertTrue(run.err().contains("error: missing column " + column + " (added in schema "), column + ":\n" + run.err());
        }
        assertTrue(run.err().contains("error: missing column type_indicateur (added in schema 0.5.0; it holds usage or "
                + "impact); schema 0.5.0 requires it"), run.err());
        assertTrue(run.err().contains("'vitrine stats --upgrade " + example + "' writes a 0.5.0 copy"), run.err());
        assertFalse(run.err().contains("unknown column"), "an older column is not « unknown »: " + run.err());
        if (version.equals("0.1.0")) {
            assertTrue(run.err().contains("rename the column periodicite to frequence_monitoring (values in lower "
                    + "case; Continue is now autre)"), run.err());
            assertTrue(run.err().contains("rename the column periode to date (same meaning"), run.err());
        }
        if (version.equals("0.2.0")) {
            assertTrue(run.err().contains("rename the column frequence_calcul to frequence_monitoring (values in lower "
                    + "case; Continue is now autre)"), run.err());
            assertTrue(run.err().contains("rename the column mode_collecte to source_collecte"), run.err());
        }

        // 2. The upgrade: a 0.5.0 copy beside it, naming what only the team can fill.
        ChildVitrine.Run upgrade = child.vitrine("stats", "--upgrade", "stats/" + example);
        assertEquals(0, upgrade.exitCode(), upgrade.err());
        Path copy = stats.resolve(example.replace(".csv", "-0.5.0.csv"));
        assertTrue(Files.isRegularFile(copy), upgrade.out());
        for (String column : toFill.split(",")) {
            assertTrue(upgrade.out().contains("  " + column + ": "), column + ":\n" + upgrade.out());
        }
        List<String[]> rows = read(copy);
        List<String[]> original = read(stats.resolve(example));
        assertEquals(original.size(), rows.size(), "every row");
        assertEquals(fr.vitrine.read.ImpactCsv.COLUMNS, List.of(rows.get(0)));
        if (version.equals("0.1.0")) { // every older column is kept, none silently dropped
            int comments = rows.get(0).length - 1;
            assertEquals("Mode de calcul : Somme des dépôts de l'année ; Sens d'évolution souhaité : À la hausse ; "
                    + "Limites : Les dépôts sur papier ne sont pas comptés", rows.get(1)[comments]);
            assertTrue(rows.get(3)[comments].contains("Modalités d'interprétation : Un délai plus court, à volume égal"),
                    rows.get(3)[comments]);
            assertEquals("annuelle", rows.get(1)[List.of(rows.get(0)).indexOf("frequence_monitoring")]);
        }
        assertEquals(1, child.vitrine("stats", "--upgrade", "stats/" + example).exitCode(), "never overwritten");

        // 3. The copy fails only on what the team must say, and on the errors the original file already had (the
        // 0.4.0 example's monthly rows have one comma too many: est_automatise empty, denom_insee 'script').
        List<String> own = messages(run.err());
        ChildVitrine.Run before = child.vitrine("stats", "--metrics", "stats/" + copy.getFileName());
        assertEquals(1, before.exitCode(), before.err());
        List<String> errors = messages(before.err());
        assertFalse(errors.isEmpty());
        for (String e : errors) {
            assertTrue(Arrays.stream(toFill.split(",")).anyMatch(c -> e.endsWith(c + " is required and empty"))
                    || own.contains(e), e + "\nnot in the original's errors:\n" + run.err());
        }

        // 4. Filled by the team (and saved by a spreadsheet: BOM, CR LF), it passes with warnings failing the run.
        List<String> header = List.of(rows.get(0));
        StringBuilder filled = new StringBuilder("\uFEFF").append(String.join(",", header)).append("\r\n");
        for (String[] r : rows.subList(1, rows.size())) {
            if (r[header.indexOf("denom_insee")].equals("script")) { // the example's extra comma, mended
                r[header.indexOf("est_automatise")] = r[header.indexOf("source_collecte")];
                r[header.indexOf("source_collecte")] = "script";
                r[header.indexOf("denom_insee")] = "";
            }
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < r.length; i++) {
                String v = r[i].isEmpty() && List.of(toFill.split(",")).contains(header.get(i)) ? TEAM.get(header.get(i)) : r[i];
                cells.add(v.contains(",") ? '"' + v + '"' : v);
            }
            filled.append(String.join(",", cells)).append("\r\n");
        }
        Files.writeString(copy, filled, StandardCharsets.UTF_8);
        ChildVitrine.Run after = child.vitrine("stats", "--metrics", "stats/" + copy.getFileName(), "--fail-on-warnings");
        assertEquals(0, after.exitCode(), after.err());
        assertFalse(after.err().contains("warning"), after.err());
    }

    /** Every other error of an older file is reported in the same run as the missing column. */
    @Test
    void anOlderFileHasEveryOtherErrorReportedInTheSameRun() throws IOException {
        Path stats = Files.createDirectories(tmp.resolve("stats"));
        String text;
        try (InputStream in = getClass().getResourceAsStream(RESOURCES + "exemple-valide-69a8e80.csv")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.writeString(stats.resolve("impact.csv"), text.replace(",172,unité,", ",cent soixante-douze,unité,"));
        ChildVitrine.Run run = new ChildVitrine(tmp, null, null, null).vitrine("stats", "--metrics", "stats/impact.csv");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("missing column type_indicateur"), run.err());
        assertTrue(run.err().contains("stats/impact.csv:3:"), run.err());
        assertTrue(run.err().contains("valeur 'cent soixante-douze' is not a number"), run.err());
        assertEquals(3, run.err().lines().filter(l -> l.contains(": error: ")).count(), "no error per row for the "
                + "missing column:\n" + run.err());
    }

    /** The row errors of a run, as « line: message » (columns move when the upgrade inserts type_indicateur). */
    static List<String> messages(String err) {
        return err.lines().filter(l -> l.contains(": error: ") && !l.contains(":1:1: "))
                .map(l -> l.replaceFirst("^[^:]*:(\\d+):\\d+: error: ", "$1: ")).toList();
    }

    static List<String[]> read(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).with(CsvSchema.emptySchema())
                .readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
