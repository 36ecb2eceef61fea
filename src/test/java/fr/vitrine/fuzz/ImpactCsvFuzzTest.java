package fr.vitrine.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Measure;
import fr.vitrine.model.Text;
import fr.vitrine.read.ImpactCsv;
import fr.vitrine.testing.FullTier;
import fr.vitrine.validate.ImpactRows;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzz test of the impact-CSV reader and the row checker on arbitrary bytes written to a file: nothing is thrown;
 * every diagnostic is readable and points inside the file (line and column ≥ 0, line at most one past the last); a
 * file that is not read says why, and not as an I/O error (the file is there and does not change); typed rows are
 * consistent (finite values, real dates, names in one Unicode form; date_debut after date is allowed, as by the
 * schema, and left out of charts by the loader). Seeds are whole CSV files in {@code src/test/resources/fr/vitrine/fuzz/ImpactCsvFuzzTestInputs/read/}.
 */
@ExtendWith(FuzzFindings.class)
@FullTier
class ImpactCsvFuzzTest {

    @TempDir(factory = MemoryTempDir.class)
    static Path tmp;

    /** The schema's column names and values, and what spreadsheets write, for the fuzzer to splice in. */
    @DictionaryEntries({"administration_rattachement", "nom_service_public_numerique", "indicateur", "valeur",
            "unite_mesure", "est_cible", "type_indicateur", "frequence_monitoring", "date", "est_periode",
            "date_debut", "est_automatise", "source_collecte", "denom_insee", "code_insee", "dataviz_wish",
            "commentaires", ",", ";", "\"", "\"\"", "\ufeff", "true", "false", "VRAI", "Faux", "impact", "usage",
            "quotidienne", "Mensuelle", "autre", "2022-11-16", "16/11/2022", "2024-02-29", "1 234,5", "1.234",
            "-1e3", "NaN", "Infinity", "DEP", "COM", "75056", "linechart", "\u00e9", "\u00a0"})
    @FuzzTest(maxDuration = "60s")
    void read(byte[] input) throws IOException {
        Path file = tmp.resolve("statistiques_impact_fuzz.csv");
        Files.write(file, input);
        Diagnostics diagnostics = new Diagnostics();
        int lines = Checks.lineCount(input);

        long rows = ImpactCsv.read(file, diagnostics, (line, cells, report) -> {
            assertTrue(line >= 1 && line <= lines, () -> "row line " + line + " outside 1.." + lines);
            assertEquals(ImpactCsv.COLUMNS.size(), cells.length);
            for (ImpactCsv.Cell cell : cells) {
                if (cell != null) {
                    assertTrue(cell.line() >= 1 && cell.column() >= 1, () -> "cell at " + cell.line() + ":" + cell.column());
                    assertEquals(cell.text().strip(), cell.text(), "cells are trimmed");
                }
            }
            Measure m = ImpactRows.check(line, cells, report);
            if (m != null) {
                assertNotNull(m.date(), "a typed row has its date");
                assertTrue(Double.isFinite(m.value()), () -> "valeur " + m.value());
                assertTrue(m.date().getYear() >= 1, () -> "date " + m.date());
                assertEquals(Text.normalise(m.indicator()), m.indicator(), "names in one Unicode form");
            }
        });

        List<Diagnostic> all = diagnostics.all();
        for (Diagnostic d : all) {
            Checks.inside(d, file, lines, input.length);
            // The file was just written and does not change: an I/O error here is a content problem misreported.
            assertFalse(d.message().startsWith("cannot read file") || d.message().startsWith("file changed encoding"),
                    () -> "content reported as an I/O error: " + d);
        }
        if (rows < 0) {
            assertTrue(diagnostics.hasErrors(), () -> "file not read (" + rows + ") without an error: " + all);
        }
    }
}
