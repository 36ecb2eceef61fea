package fr.vitrine.validate;

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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile impact CSVs, for the programme's build and a team's {@code vitrine stats}. The rule of the hostile suite:
 * a clear {@code path:line:col: error} (exit 1, the previous output untouched) or a safe rendering with a warning;
 * never a hang, a stack trace or an out-of-memory. {@code stats} runs in a child JVM, in the team's working
 * directory, as the GitHub Action runs it.
 */
@FullTier
class HostileMetricsTest {

    static final String CSV = "data/stats/statistiques_impact_urbanvitaliz.csv";
    static final String HEADER = String.join(",", fr.vitrine.read.ImpactCsv.COLUMNS);
    static final String STATS_PAGE = "produits/urbanvitaliz/stats/index.html";

    @TempDir
    static Path shared;
    static PreviousSite previous;

    @TempDir
    Path tmp;
    Path workspace;
    Path site;

    @BeforeAll
    static void buildPreviousSite() {
        previous = PreviousSite.build(shared);
    }

    @BeforeEach
    void setUp() throws IOException {
        workspace = Files.createDirectories(tmp.resolve("team"));
        Files.createDirectories(workspace.resolve("stats"));
        // A previous /stats site, to check that a failed run leaves it as it was.
        site = workspace.resolve("_site");
        Files.createDirectories(site);
        Files.writeString(site.resolve(".vitrine-output"), "");
        Files.writeString(site.resolve("index.html"), "<p>previous</p>");
    }

    // --- stats reads nothing outside the working directory -------------------------------------------------------

    @Test
    void statsRefusesAMetricsFileLinkedFromOutsideTheWorkingDirectory() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.csv"), "SECRET-TOKEN-4242,x\nmore secret\n");
        Files.createSymbolicLink(workspace.resolve("stats/leak.csv"), secret);
        Files.writeString(workspace.resolve("stats/impact.csv"), HEADER + "\n" + row("Visites", "10", "2024-01-31") + "\n");
        for (String pattern : List.of("stats/*.csv", "stats/leak.csv", "../secret.csv", secret.toString())) {
            Child run = stats(Map.of(), "--metrics", pattern);
            assertEquals(1, run.exitCode(), pattern + "\n" + run.all());
            assertNoCrash(run);
            assertTrue(run.err().matches("(?s).*(stats/leak|secret)\\.csv:\\d+:\\d+: error: this file is outside the working "
                    + "directory .*: it is not read; copy it into the repository instead.*"), run.all());
            assertFalse(run.all().contains("SECRET-TOKEN"), "the linked file is never read: " + run.all());
            assertSiteUntouched();
        }
        // In GitHub Actions: nothing of the file in annotations, summary or outputs either.
        Child run = stats(Map.of("GITHUB_ACTIONS", "true"), "--metrics", "stats/*.csv");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.out().contains("::error file=stats/leak.csv::this file is outside the working directory"),
                run.out());
        assertFalse(run.all().contains("SECRET-TOKEN") || run.summary().contains("SECRET-TOKEN"), run.summary());
    }

    @Test
    void anInvalidGlobIsAOneLineError() throws IOException {
        Files.writeString(workspace.resolve("stats/impact.csv"), HEADER + "\n" + row("Visites", "10", "2024-01-31") + "\n");
        for (String pattern : List.of("stats/[a.csv", "stats/{a,{b}}.csv", "stats/*.csv\\")) {
            Child run = stats(Map.of(), "--metrics", pattern);
            assertEquals(1, run.exitCode(), run.all());
            assertNoCrash(run);
            assertTrue(run.err().startsWith("error: '" + pattern + "' is not a valid file pattern ("),
                    run.err());
            assertEquals(2, run.err().lines().count(), "one error and the count: " + run.err());
            assertSiteUntouched();
        }
    }

    // --- Values that cannot be drawn -------------------------------------------------------------------------------

    @Test
    void hugeAndSpecialValuesAreNotDrawnAndNeverReachTheSvg() throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        String[] values = {"1e308", "-1.7976931348623157E308", "1e15", "5e14", "-1e15", "1e-300", "NaN", "INF", "-INF",
                "1e400", "4.9e-324", "3"};
        LocalDate day = LocalDate.of(2024, 1, 31);
        for (String v : values) {
            csv.append(row("Série extrême", v, day.toString())).append('\n');
            day = day.plusMonths(1).withDayOfMonth(day.plusMonths(1).lengthOfMonth());
        }
        // Change and progress toward the target overflow: 1e15 against 1e-300.
        csv.append(row("Ratio", "1e-300", "2024-01-31")).append('\n').append(row("Ratio", "1e15", "2024-02-29")).append('\n')
                .append(target("Ratio", "1e-300", "2024-12-31")).append('\n');
        Files.writeString(workspace.resolve("stats/impact.csv"), csv);
        Child run = stats(Map.of(), "--metrics", "stats/impact.csv");
        assertEquals(0, run.exitCode(), run.all());
        assertNoCrash(run);
        assertTrue(run.err().contains("warning: valeur 1.0E308 is beyond ±10^15 (first here): too large to draw: the row "
                + "is in the published data but not drawn on the page"), run.err());
        assertTrue(run.err().contains("warning: valeur 'NaN' (first here) is a valid number for the schema but not a "
                + "quantity: the row is not drawn and not in the normalised data"), run.err());

        String html = Files.readString(site.resolve("index.html"));
        Document page = Jsoup.parse(html);
        assertFalse(html.contains("NaN") || html.contains("Infinity") || html.contains("∞"), "no NaN or Infinity");
        for (Element svg : page.select("svg")) {
            for (Element e : svg.getAllElements()) {
                e.attributes().forEach(a -> {
                    if (List.of("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "width", "height").contains(a.getKey())) {
                        double v = Double.parseDouble(a.getValue());
                        assertTrue(v >= 0 && v <= 640, a + " in " + e.tagName());
                    }
                    if (a.getKey().equals("points")) {
                        for (String xy : a.getValue().split(" ")) {
                            for (String n : xy.split(",")) {
                                assertTrue(Double.parseDouble(n) >= 0 && Double.parseDouble(n) <= 640, xy);
                            }
                        }
                    }
                });
            }
        }
        assertEquals(2, page.select("section.indicator svg").size(), "both indicators have a chart");
        // The data keeps every row that is a quantity, in the schema's plain decimals.
        String data = Files.readString(site.resolve("donnees/indicateurs.csv"));
        assertTrue(data.contains(",1" + "0".repeat(308) + ",unité,"), "1e308 kept in the data");
        assertFalse(data.contains("NaN") || data.contains("INF"), data);
    }

    // --- --fail-on-warnings ------------------------------------------------------------------------------------------

    @Test
    void failOnWarningsWritesNothing() throws IOException {
        Files.writeString(workspace.resolve("stats/impact.csv"), HEADER + "\n" + row("Visites", "\"10,5\"", "2024-01-31")
                + "\n" + row("Visites", "12", "2024-02-29") + "\n");
        Child run = stats(Map.of("GITHUB_ACTIONS", "true"), "--metrics", "stats/impact.csv", "--fail-on-warnings");
        assertEquals(1, run.exitCode(), run.all());
        assertNoCrash(run);
        assertTrue(run.out().contains("::error::warnings fail the run (fail-on-warnings): fix the 1 warning(s) above"),
                run.out());
        // « above »: in the log, printed after the warning it counts (before the fix, it came first).
        assertTrue(run.out().indexOf(": warning: ") >= 0, run.out());
        assertTrue(run.out().indexOf(": warning: ") < run.out().indexOf("error: warnings fail the run"), run.out());
        assertTrue(run.err().contains("1 error(s), 1 warning(s): no site written"), run.err());
        assertSiteUntouched();
        assertFalse(Files.exists(site.resolve("donnees")), "no dataset either");
        assertTrue(run.summary().contains("**Échec** : la page n'a pas été générée."), run.summary());
        Child without = stats(Map.of(), "--metrics", "stats/impact.csv");
        assertEquals(0, without.exitCode(), "without the flag, a warning does not fail: " + without.all());
    }

    // --- Encodings: decided on the whole file, never mojibake ----------------------------------------------------

    @Test
    void aUtf8FileWithOneForeignByteIsAnErrorAtThatByte() {
        TestProject project = TestProject.copyOfRepository(tmp.resolve("p"));
        Path output = tmp.resolve("out");
        previous.copyTo(output);
        List<String> lines = project.read(CSV).lines().toList();
        // A comment typed in a Windows-1252 editor into an otherwise UTF-8 file: "é" as the single byte 0xE9.
        String last = lines.get(lines.size() - 1);
        byte[] before = (String.join("\n", lines.subList(0, lines.size() - 1)) + "\n" + last.substring(0,
                last.length() - 1) + " (mis à jour le 3 d").getBytes(StandardCharsets.UTF_8);
        byte[] after = "cembre)\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[before.length + 1 + after.length];
        System.arraycopy(before, 0, file, 0, before.length);
        file[before.length] = (byte) 0xE9;
        System.arraycopy(after, 0, file, before.length + 1, after.length);
        project.writeBytes(CSV, file);
        int column = (last.substring(0, last.length() - 1) + " (mis à jour le 3 d").length() + 1;
        TestProject.Run run = previous.assertBuildFails(project, output, CSV, lines.size(), column,
                "byte 0xE9 is not UTF-8, while the rest of the file is UTF-8");
        assertFalse(run.err().contains("warning: file is not UTF-8; read as Windows-1252"), run.err());
    }

    @Test
    void aFileThatIsNeitherUtf8NorWindows1252IsAnErrorAtTheByte() {
        TestProject project = TestProject.copyOfRepository(tmp.resolve("p"));
        Path output = tmp.resolve("out");
        previous.copyTo(output);
        String text = HEADER + "\n" + row("Visites", "10", "2024-01-31").replace("Visites", "Vis\u00c9tes") + "\n";
        byte[] bytes = text.getBytes(java.nio.charset.Charset.forName("windows-1252"));
        int at = text.lastIndexOf("\u00c9");
        bytes[at - 1] = (byte) 0x81; // undefined in Windows-1252
        project.writeBytes("data/stats/autre.csv", bytes);
        int column = at - HEADER.length() - 1; // 1-based column on line 2 of the byte before 'É'
        assertEquals('s', text.charAt(at - 1));
        previous.assertBuildFails(project, output, "data/stats/autre.csv", 2, column,
                "file is not text (byte 0x81 is neither UTF-8 nor Windows-1252)");
    }

    // --- Look-alike names, and a service claimed by two products -------------------------------------------------

    @Test
    void lookAlikeIndicatorNamesAreOneIndicator() throws IOException {
        TestProject project = TestProject.copyOfRepository(tmp.resolve("p"));
        Path output = tmp.resolve("out");
        String composed = "Friches signal\u00e9es";
        String decomposed = "Friches signale\u0301es";
        String zeroWidth = "Friches\u200B signal\u00e9es\u2060";
        project.write("data/stats/friches.csv", HEADER + "\n"
                + uvRow(composed, "3", "2024-01-31") + "\n" + uvRow(decomposed, "5", "2024-02-29") + "\n"
                + uvRow(zeroWidth, "8", "2024-03-31") + "\n" + uvRow(decomposed, "9", "2024-03-31") + "\n");
        TestProject.Run run = project.build(output);
        assertEquals(0, run.exitCode(), run.err());
        String file = project.file("data/stats/friches.csv").toString();
        assertTrue(run.err().contains(file + ":3:21: warning: indicateur 'Friches signalées' (first here) was written "
                + "with decomposed accents or invisible characters"), run.err());
        assertTrue(run.err().contains(file + ":5:1: warning: duplicate measure of 'Friches signalées' for 2024-03-31 "
                + "(also on line 4); only the first is drawn"), run.err());
        Document page = Jsoup.parse(output.resolve(STATS_PAGE).toFile(), "UTF-8");
        List<Element> sections = page.select("section.indicator").stream()
                .filter(s -> s.selectFirst("h3").text().replace("\u200B", "").startsWith("Friches")).toList();
        assertEquals(1, sections.size(), "one indicator, not three");
        assertEquals(composed, sections.get(0).selectFirst("h3").ownText());
        assertEquals("8", sections.get(0).selectFirst("strong.value").text(), "the latest of the three, first kept");
        String data = Trees.read(output.resolve("donnees/indicateurs.csv"));
        assertEquals(4, data.lines().filter(l -> l.contains(",UrbanVitaliz," + composed + ",")).count(), data);
        assertFalse(data.contains(decomposed) || data.contains("\u200B"), "published in one form");
    }

    @Test
    void aProductListingAnotherProductsServiceIsAnError() {
        TestProject project = TestProject.copyOfRepository(tmp.resolve("p"));
        Path output = tmp.resolve("out");
        previous.copyTo(output);
        String product = "data/products/reco-co.md";
        int line = project.replace(product, "mission: ", "metrics: [Reco-co, UrbanVitaliz]\nmission: ");
        previous.assertBuildFails(project, output, product, line, 20, "service name 'UrbanVitaliz' in 'metrics' also "
                + "names product 'urbanvitaliz' (its title or id): each impact CSV service belongs to one product");
    }

    // --- 100 000 indicators: a page of bounded size, in bounded memory -------------------------------------------

    @Test
    void aHundredThousandIndicatorsGiveABoundedPageInBoundedMemory() throws IOException {
        int count = 100_000;
        try (BufferedWriter w = Files.newBufferedWriter(workspace.resolve("stats/impact.csv"), StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (int i = 0; i < count; i++) {
                w.write(row("Indicateur [n° " + i + "](https://tracker.example/" + i + ".png)", Integer.toString(i),
                        "2024-01-31"));
                w.write('\n');
            }
            for (int i = 0; i < 250; i++) { // and 250 territorial indicators
                w.write(row("Par commune " + i, "1", "2024-01-31").replace(",script,,,,", ",script,COM,75056,,"));
                w.write('\n');
            }
        }
        Child run = stats(Map.of("GITHUB_ACTIONS", "true"), "-Xmx256m", "--metrics", "stats/impact.csv");
        assertEquals(0, run.exitCode(), run.all());
        assertNoCrash(run);
        assertTrue(run.out().contains("publishes 100000 national indicators and 250 territorial ones: its /stats page "
                + "shows the first 200 of each"), run.out());
        Path index = site.resolve("index.html");
        assertTrue(Files.size(index) < 2_000_000, Files.size(index) + " bytes");
        Document page = Jsoup.parse(index.toFile(), "UTF-8");
        assertEquals(200, page.select("section.indicator").size());
        String cap = page.selectFirst("p.stats-cap").text().replace('\u202F', ' ').replace('\u00A0', ' ');
        assertEquals("Seuls les 200 premiers indicateurs sont affichés sur cette page : 99 800 autres ne le sont pas. "
                + "Seuls les 200 premiers indicateurs par territoire sont résumés : 50 autres ne le sont pas. "
                + "Toutes les valeurs sont dans le fichier CSV des 100 250 lignes.", cap);
        assertEquals(200, page.select("table:has(caption:contains(territoire par territoire)) tbody tr").size(),
                "200 territorial names in the summary table");
        assertTrue(page.selectFirst("p.stats-cap a").attr("href").endsWith(".csv"));
        try (var lines = Files.lines(site.resolve("donnees/indicateurs.csv"))) {
            assertEquals(count + 250 + 1, lines.count(), "every row in the data");
        }
        long summary = Files.size(run.summaryFile());
        assertTrue(summary < 1 << 20, summary + " bytes");
        Matcher left = Pattern.compile("… et (\\d+) autre\\(s\\) indicateur\\(s\\)").matcher(run.summary());
        assertTrue(left.find(), run.summary().substring(0, 500));
    }

    // --- Helpers --------------------------------------------------------------------------------------------------

    /** A row of the service "Équipe" (a team's file for {@code vitrine stats}). */
    static String row(String indicator, String value, String date) {
        return "DINUM,Équipe," + quote(indicator) + "," + value + ",unité,false,usage,mensuelle," + date
                + ",false,,true,script,,,,";
    }

    static String target(String indicator, String value, String date) {
        return "DINUM,Équipe," + quote(indicator) + "," + value + ",unité,true,usage,mensuelle," + date
                + ",false,,true,script,,,,";
    }

    /** A row of the bundled product UrbanVitaliz. */
    static String uvRow(String indicator, String value, String date) {
        return "Cerema,UrbanVitaliz," + indicator + "," + value + ",unité,false,usage,mensuelle," + date
                + ",false,,true,script,,,,";
    }

    static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private void assertSiteUntouched() throws IOException {
        assertEquals("<p>previous</p>", Files.readString(site.resolve("index.html")), "previous site untouched");
    }

    private static void assertNoCrash(Child run) {
        assertFalse(run.all().matches("(?s).*(Exception|\\tat |OutOfMemoryError).*"), "no stack trace:\n" + run.all());
        assertFalse(run.timedOut(), "finished in time");
    }

    /** What a child JVM printed, and what it left for GitHub. */
    record Child(int exitCode, String out, String err, boolean timedOut, Path summaryFile) {
        String all() {
            return out + err;
        }

        String summary() {
            try {
                return Files.exists(summaryFile) ? Files.readString(summaryFile) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Runs {@code vitrine stats} in a child JVM in the team's folder; options starting with -X go to the JVM. */
    private Child stats(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            (a.startsWith("-X") ? command : rest).add(a);
        }
        if (command.stream().noneMatch(a -> a.startsWith("-Xmx"))) {
            command.add("-Xmx192m");
        }
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "fr.vitrine.cli.Main", "stats", "--source", TestProject.REPO.toString(), "--output", "_site"));
        command.addAll(rest);
        Path out = Files.createTempFile(tmp, "child-", ".out");
        Path err = Files.createTempFile(tmp, "child-", ".err");
        Path summary = tmp.resolve("summary-" + System.nanoTime() + ".md");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("GITHUB_ACTIONS");
        builder.environment().put("SOURCE_DATE_EPOCH",
                Long.toString(TestProject.TODAY.atTime(12, 0).toEpochSecond(ZoneOffset.UTC)));
        builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        builder.environment().put("GITHUB_OUTPUT", tmp.resolve("outputs").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            boolean finished = process.waitFor(4, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            return new Child(finished ? process.exitValue() : -1, Files.readString(out), Files.readString(err),
                    !finished, summary);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process.destroyForcibly();
        }
    }
}
