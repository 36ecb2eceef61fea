package fr.vitrine.validate;

import fr.vitrine.testing.ChildVitrine;
import fr.vitrine.testing.FullTier;
import fr.vitrine.testing.PreviousSite;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Impact-metrics CSVs: each error test starts from the bundled {@code statistiques_impact_urbanvitaliz.csv}, breaks
 * it one way, builds, and checks exit code 1, the message at its file, line and column, and a previous site left
 * exactly as it was. Spreadsheet exports are accepted with one warning per variant, and a million-row file is
 * checked and built by the real command line in a child JVM with a small heap.
 */
@FullTier
class MalformedMetricsTest {

    static final String CSV = "data/stats/statistiques_impact_urbanvitaliz.csv";
    static final String SECOND_CSV = "data/stats/statistiques_impact_urbanvitaliz_suite.csv";
    static final String STATS_PAGE = "produits/urbanvitaliz/stats/index.html";
    static final String STATS_CSV = "produits/urbanvitaliz/stats/urbanvitaliz-statistiques-impact.csv";
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @TempDir
    static Path shared;
    static PreviousSite previous;

    @TempDir
    Path tmp;
    TestProject project;
    Path output;
    /** The bundled CSV's lines without line ends: the header, then its 3 rows. */
    List<String> lines;
    /** 1-based lines of the 3 rows, found by their indicator. */
    int countRow;
    int percentRow;
    int targetRow;

    @BeforeAll
    static void buildPreviousSite() {
        previous = PreviousSite.build(shared);
    }

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
        output = tmp.resolve("site");
        previous.copyTo(output);
        lines = project.read(CSV).lines().toList();
        assertEquals(4, lines.size(), "the bundled CSV has a header and 3 rows");
        countRow = project.lineOf(CSV, "Cerema,UrbanVitaliz,Collectivités suivies par le service,");
        percentRow = project.lineOf(CSV, "Cerema,UrbanVitaliz,Part des collectivités suivies");
        targetRow = project.lineOf(CSV, "Cerema,UrbanVitaliz,Collectivités accompagnées par an,");
    }

    // --- Errors -------------------------------------------------------------------------------------------------

    @Test
    void missingColumn() {
        int source = header().indexOf("source_collecte");
        List<String> edited = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = cells(line, ',');
            cells.remove(source);
            edited.add(String.join(",", cells));
        }
        writeCsv(edited);
        assertFails(CSV, 1, 1, "missing column source_collecte (added in schema 0.2.2; it holds how the data is collected");
    }

    @Test
    void unknownEnumValue() {
        int column = setCell(percentRow, "type_indicateur", "impacte");
        assertFails(CSV, percentRow, column, "type_indicateur 'impacte' is not allowed; did you mean 'impact'?");
    }

    @Test
    void badDate() {
        int column = setCell(countRow, "date", "16/11/2022");
        assertFails(CSV, countRow, column, "date '16/11/2022' is not a date: write YYYY-MM-DD");
    }

    @Test
    void periodStartAfterItsEndIsAWarningAndTheRowIsNotDrawn() {
        // The official schema does not compare date_debut with date: valid there, so a warning here.
        assertEquals("true", cell(targetRow, "est_periode"), "the target row is a period");
        int column = setCell(targetRow, "date_debut", "2024-07-01");
        TestProject.Run run = assertBuilds();
        assertWarning(warningsAbout(run, CSV), CSV, targetRow, column, "date_debut (2024-07-01) is after date "
                + "(2024-06-30) (first here); a period ends on 'date': the row is in the published data but not drawn");
        assertTrue(Trees.read(output.resolve(STATS_CSV)).contains(",2024-06-30,true,2024-07-01,"), "row kept in the data");
    }

    @Test
    void periodStartOnAMeasureThatIsNotAPeriodIsAWarning() {
        assertEquals("false", cell(countRow, "est_periode"));
        int column = setCell(countRow, "date_debut", "2022-01-01");
        TestProject.Run run = assertBuilds();
        assertWarning(warningsAbout(run, CSV), CSV, countRow, column, "date_debut is given for a stock");
    }

    @Test
    void nonNumericValue() {
        int column = setCell(countRow, "valeur", "beaucoup");
        // The hint is a number the schema accepts, not a French spelling it refuses.
        assertFails(CSV, countRow, column, "valeur 'beaucoup' is not a number: the schema writes digits with a decimal "
                + "point and no thousands separator (475000.50)");
    }

    @Test
    void raggedRow() {
        List<String> edited = new ArrayList<>(lines);
        List<String> cells = cells(lines.get(percentRow - 1), ',');
        cells.remove(header().indexOf("unite_mesure"));
        edited.set(percentRow - 1, String.join(",", cells));
        writeCsv(edited);
        assertFails(CSV, percentRow, 1, "row has 16 cells but the header has 17");
    }

    @Test
    void textAfterAClosingQuote() {
        // Someone typed a note after the quoted comment: reported at the '('.
        String comment = cell(percentRow, "commentaires");
        setCell(percentRow, "commentaires", comment + " (voir PV)");
        String line = project.read(CSV).lines().toList().get(percentRow - 1);
        int paren = line.indexOf("\" (voir PV)") + 3; // 1-based column of '('
        assertFails(CSV, percentRow, paren, "malformed CSV: Unexpected character ('('");
    }

    @Test
    void unclosedQuote() {
        // The last comment loses its closing quote: the cell runs to the end of the file; the error points at the
        // row where the quote was opened.
        String text = String.join("\n", lines) + "\n";
        assertTrue(text.endsWith("\"\n"));
        project.write(CSV, text.substring(0, text.length() - 2) + "\n");
        assertFails(CSV, lines.size(), 1, "malformed CSV: a quote opened in this row is never closed");
    }

    @Test
    void emptyFile() {
        project.writeBytes(CSV, new byte[0]);
        assertFails(CSV, 1, 1, "empty file");
    }

    @Test
    void duplicateIndicatorAndDateIsAWarningAndTheFirstIsDrawn() throws IOException {
        List<String> edited = new ArrayList<>(lines);
        edited.add(lines.get(countRow - 1).replace(",230,", ",231,"));
        writeCsv(edited);
        TestProject.Run run = assertBuilds();
        assertWarning(warningsAbout(run, CSV), CSV, edited.size(), 1, "duplicate measure of 'Collectivités suivies par "
                + "le service' for 2022-11-16 (also on line " + countRow + "); only the first is drawn");
        Document page = Jsoup.parse(output.resolve(STATS_PAGE).toFile(), "UTF-8");
        assertTrue(page.select("strong.value").eachText().contains("230"), page.select("strong.value").eachText().toString());
        assertFalse(page.select("strong.value").eachText().contains("231"));
    }

    @Test
    void duplicateAcrossTwoFilesIsAWarning() {
        project.write(SECOND_CSV, lines.get(0) + "\n" + lines.get(countRow - 1) + "\n");
        TestProject.Run run = assertBuilds();
        assertWarning(warningsAbout(run, SECOND_CSV), SECOND_CSV, 2, 1, "duplicate measure of 'Collectivités suivies "
                + "par le service' for 2022-11-16 (also on line " + countRow + " of statistiques_impact_urbanvitaliz.csv)");
    }

    @Test
    void unknownService() {
        int column = setCell(countRow, "nom_service_public_numerique", "UrbanVitalis");
        TestProject.Run run = assertFails(CSV, countRow, column, "unknown service 'UrbanVitalis'");
        String message = run.diagnostics().stream().filter(d -> d.contains("unknown service")).findFirst().orElseThrow();
        assertTrue(message.contains("did you mean 'UrbanVitaliz'?"), message);
    }

    // --- Spreadsheet exports, accepted with warnings ------------------------------------------------------------

    @Test
    void spreadsheetExportIsAcceptedWithOneWarningPerVariant() throws IOException {
        // The same 3 rows as a French spreadsheet saves them: ';', decimal comma, CRLF, Windows-1252.
        int valeur = header().indexOf("valeur");
        List<String> edited = new ArrayList<>();
        int valueColumn = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<String> cells = cells(lines.get(i), ',');
            if (i + 1 == percentRow) {
                assertEquals("70", cells.get(valeur));
                cells.set(valeur, "70,5");
                valueColumn = String.join(";", cells.subList(0, valeur)).length() + 2;
            }
            edited.add(String.join(";", cells));
        }
        String text = String.join("\r\n", edited) + "\r\n";
        assertTrue(WINDOWS_1252.newEncoder().canEncode(text));
        project.writeBytes(CSV, text.getBytes(WINDOWS_1252));

        TestProject.Run run = project.build(output);
        assertEquals(0, run.exitCode(), run.err());
        List<String> warnings = warningsAbout(run, CSV);
        assertEquals(3, warnings.size(), run.err()); // CR LF is the CSV standard's line end: not a warning
        assertWarning(warnings, CSV, 1, 1, "file is not UTF-8; read as Windows-1252");
        assertWarning(warnings, CSV, 1, 1, "columns are separated by ';'");
        assertWarning(warnings, CSV, percentRow, valueColumn, "numbers written the French way (first here: '70,5')");

        Document page = Jsoup.parse(output.resolve(STATS_PAGE).toFile(), "UTF-8");
        List<String> names = page.select("section.indicator h3").stream().map(Element::ownText).toList();
        List<String> expected = lines.stream().skip(1).map(l -> cells(l, ',').get(header().indexOf("indicateur"))).toList();
        assertEquals(expected.stream().sorted().toList(), names.stream().sorted().toList(), "accented names intact");
        Element percent = page.select("section.indicator").stream()
                .filter(s -> s.selectFirst("h3").ownText().startsWith("Part des collectivités suivies"))
                .findFirst().orElseThrow();
        assertEquals("70,5\u202F%", percent.selectFirst("strong.value").text());
        // The download is the schema's normal form again: UTF-8, commas, decimal point.
        String normal = Trees.read(output.resolve(STATS_CSV));
        assertTrue(normal.contains(",70.5,") && normal.contains("Collectivités accompagnées par an"), normal);
    }

    /** The schema's own example starts with a BOM: read silently, like CR LF line ends. */
    @Test
    void byteOrderMarkAndCrLfAreReadWithoutWarning() {
        byte[] text = project.read(CSV).replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        project.writeBytes(CSV, withBom);

        TestProject.Run run = project.build(output);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(), warningsAbout(run, CSV), run.err());
        assertTrue(Trees.read(output.resolve(STATS_CSV)).startsWith("administration_rattachement,"), "BOM not in the data");
    }

    // --- A million rows in bounded memory -----------------------------------------------------------------------

    @Test
    void millionRowsAreCheckedAndBuiltInBoundedMemory() throws Exception {
        String[] indicators = {"Dossiers ouverts", "Visites du site", "Recommandations activées", "Friches signalées"};
        int territories = 1000;
        int days = 250;
        long rows = (long) indicators.length * territories * days;
        assertEquals(1_000_000, rows);
        LocalDate first = LocalDate.of(2023, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(project.file(SECOND_CSV), StandardCharsets.UTF_8)) {
            w.write(lines.get(0));
            w.write('\n');
            for (String indicator : indicators) {
                for (int t = 0; t < territories; t++) {
                    String code = String.format("%05d", 1001 + t);
                    for (int d = 0; d < days; d++) {
                        w.write("Cerema,UrbanVitaliz," + indicator + "," + (t + d) + ",unité,false,usage,quotidienne,"
                                + first.plusDays(d) + ",false,,true,Base de données du service,COM," + code + ",,\n");
                    }
                }
            }
        }

        ChildVitrine.Run check = runVitrine("256m", "check", "--source", project.root().toString());
        assertFalse(check.err().contains("OutOfMemoryError"), check.err());
        assertEquals(0, check.exitCode(), check.err());

        Path site = tmp.resolve("big-site");
        ChildVitrine.Run build = runVitrine("512m", "build", "--source", project.root().toString(), "--output", site.toString());
        assertFalse(build.err().contains("OutOfMemoryError"), build.err());
        assertEquals(0, build.exitCode(), build.err());
        try (Stream<String> written = Files.lines(site.resolve(STATS_CSV), StandardCharsets.UTF_8)) {
            assertEquals(rows + 3, written.count() - 1, "data rows in the normalised CSV (header excluded)");
        }
    }

    // --- Helpers ------------------------------------------------------------------------------------------------

    private TestProject.Run assertBuilds() {
        TestProject.Run run = project.build(output);
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    private TestProject.Run assertFails(String file, int line, int column, String message) {
        return previous.assertBuildFails(project, output, file, line, column, message);
    }

    /** The warnings a run reported about {@code file}. */
    private List<String> warningsAbout(TestProject.Run run, String file) {
        return run.diagnostics().stream()
                .filter(d -> d.startsWith(project.file(file) + ":") && d.contains(": warning: ")).toList();
    }

    private void assertWarning(List<String> warnings, String file, int line, int column, String message) {
        String expected = project.file(file) + ":" + line + ":" + column + ": warning: ";
        assertEquals(1, warnings.stream().filter(d -> d.startsWith(expected) && d.contains(message)).count(),
                "expected '" + expected + "…" + message + "' in:\n" + String.join("\n", warnings));
    }

    private List<String> header() {
        return cells(lines.get(0), ',');
    }

    /** The raw text of a cell of the bundled CSV (quotes included). */
    private String cell(int line, String column) {
        return cells(lines.get(line - 1), ',').get(header().indexOf(column));
    }

    /** Sets one cell of the bundled CSV, writes the file, and returns the cell's 1-based column. */
    private int setCell(int line, String column, String value) {
        int index = header().indexOf(column);
        assertTrue(index >= 0, column);
        List<String> cells = cells(lines.get(line - 1), ',');
        cells.set(index, value);
        List<String> edited = new ArrayList<>(lines);
        edited.set(line - 1, String.join(",", cells));
        writeCsv(edited);
        return String.join(",", cells.subList(0, index)).length() + (index == 0 ? 1 : 2);
    }

    private void writeCsv(List<String> csvLines) {
        project.write(CSV, String.join("\n", csvLines) + "\n");
    }

    /** Splits one CSV line into its raw cells (quotes kept), honouring quoted separators. */
    private static List<String> cells(String line, char separator) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out;
    }

    /** Runs {@code fr.vitrine.cli.Main} in a child JVM with {@code -Xmx<heap>}, as users run it, for 5 minutes at most. */
    private ChildVitrine.Run runVitrine(String heap, String... args) {
        ChildVitrine.Run run = new ChildVitrine(tmp, null, null, null).jvm("-Xmx" + heap).limit(300).vitrine(args);
        assertFalse(run.killed(), "vitrine " + String.join(" ", args) + " did not finish within 5 minutes with -Xmx"
                + heap + "; stderr so far:\n" + run.err());
        return run;
    }
}
