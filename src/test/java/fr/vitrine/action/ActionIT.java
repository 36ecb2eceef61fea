package fr.vitrine.action;

import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub Action as a runner runs it (after {@code mvn package}, on the real jar): a team's good CSV, a CSV with
 * 25 errors, and a CSV whose cells try to inject workflow commands.
 */
class ActionIT {

    static final String HEADER = "administration_rattachement,nom_service_public_numerique,indicateur,valeur,"
            + "unite_mesure,est_cible,type_indicateur,frequence_monitoring,date,est_periode,date_debut,est_automatise,"
            + "source_collecte,denom_insee,code_insee,dataviz_wish,commentaires\n";

    @TempDir
    Path workspace;
    @TempDir
    Path runnerTemp;

    private int runs;

    /** Runs the action on one CSV, with a fresh RUNNER_TEMP as each job has. */
    private ActionRunner.Outcome run(String csv, Map<String, String> inputs) throws IOException, InterruptedException {
        Files.createDirectories(workspace.resolve("stats"));
        Files.writeString(workspace.resolve("stats/impact.csv"), csv);
        Path temp = Files.createDirectories(runnerTemp.resolve("run-" + ++runs));
        return new ActionRunner(workspace, temp).run(inputs);
    }

    /** Lines of stdout that are workflow commands outside a ::stop-commands:: block. */
    static List<String> commands(String stdout) {
        List<String> out = new java.util.ArrayList<>();
        String resume = null;
        for (String line : stdout.split("\n", -1)) {
            if (resume != null) {
                if (line.equals(resume)) {
                    resume = null;
                }
                continue;
            }
            if (line.startsWith("::stop-commands::")) {
                resume = "::" + line.substring("::stop-commands::".length()) + "::";
                continue;
            }
            if (line.startsWith("::")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void goodCsvBuildsTheStatsSiteWithOutputsAndSummary() throws Exception {
        String csv = Files.readString(TestProject.REPO.resolve("data/stats/statistiques_impact_urbanvitaliz.csv"));
        ActionRunner.Outcome o = run(csv, Map.of("metrics", "stats/*.csv", "product", "UrbanVitaliz"));
        assertEquals(0, o.exitCode(), o.stderr());
        assertEquals(List.of(), commands(o.stdout()), "no annotation for a good file");
        Path site = workspace.resolve("_site");
        assertEquals(site.toString(), o.outputs().get("site-dir"));
        assertEquals(site.resolve("donnees/indicateurs.csv").toString(), o.outputs().get("dataset"));
        assertEquals("0", o.outputs().get("errors"));
        assertEquals("0", o.outputs().get("warnings"));
        Document page = Jsoup.parse(site.resolve("index.html").toFile(), "UTF-8");
        assertEquals("Statistiques d'impact d'UrbanVitaliz", page.selectFirst("h1").text());
        assertTrue(page.text().contains("230"), "the figures are on the page");
        assertTrue(page.select("nav.main-nav").isEmpty(), "no menu towards the programme's pages");
        assertTrue(Files.isRegularFile(site.resolve("donnees/datapackage.json")));
        assertTrue(Files.isRegularFile(site.resolve("donnees/indicateurs.json")));
        assertEquals(4, Files.readAllLines(site.resolve("donnees/indicateurs.csv")).size());
        assertTrue(o.summary().contains("## Statistiques d'impact : UrbanVitaliz"), o.summary());
        assertTrue(o.summary().contains("| Collectivités suivies par le service | usage | 230 unité | 2022-11-16 | — |"),
                o.summary());
        assertTrue(o.summary().contains("### Problèmes : 0 erreur(s), 0 avertissement(s)"), o.summary());
        assertEquals("", o.githubEnv(), "the action does not change the job's environment");
    }

    @Test
    void twentyFiveErrorsGiveNineAnnotationsACountNoticeAndTheFullSummary() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 25; i++) {
            csv.append("DINUM,Mon service,Indicateur ").append(i).append(",1,unité,false,usage,mensuelle,")
                    .append("2024-13-").append(String.format("%02d", i + 1)).append(",false,,true,script,,,,\n");
        }
        ActionRunner.Outcome o = run(csv.toString(), Map.of("metrics", "stats/impact.csv"));
        assertEquals(1, o.exitCode());
        List<String> commands = commands(o.stdout());
        List<String> errors = commands.stream().filter(c -> c.startsWith("::error ")).toList();
        assertEquals(9, errors.size(), commands.toString());
        // The first error points at the date cell of line 2, column 73 (after the eight first cells).
        int column = ("DINUM,Mon service,Indicateur 0,1,unité,false,usage,mensuelle,").length() + 1;
        assertEquals("::error file=stats/impact.csv,line=2,col=" + column + "::date '2024-13-01' is not a real date",
                errors.get(0));
        List<String> notices = commands.stream().filter(c -> c.startsWith("::notice")).toList();
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).contains("25 error(s) and 0 warning(s) in total"), notices.get(0));
        assertEquals("25", o.outputs().get("errors"));
        assertEquals("", o.outputs().get("site-dir"));
        assertTrue(o.summary().contains("### Problèmes : 25 erreur(s), 0 avertissement(s)"), o.summary());
        assertEquals(25, o.summary().lines().filter(l -> l.startsWith("| erreur | stats/impact.csv |")).count());
        assertTrue(Files.notExists(workspace.resolve("_site")));
    }

    @Test
    void warningsPassUnlessFailOnWarnings() throws Exception {
        String csv = Files.readString(TestProject.REPO.resolve("data/stats/statistiques_impact_urbanvitaliz.csv"))
                .replace(",70,%,", ",\"70,5\",%,");
        ActionRunner.Outcome passing = run(csv, Map.of("metrics", "stats/*.csv"));
        assertEquals(0, passing.exitCode(), passing.stderr());
        assertEquals("1", passing.outputs().get("warnings"));
        assertTrue(commands(passing.stdout()).get(0).startsWith("::warning file=stats/impact.csv,line=3,col="));
        ActionRunner.Outcome failing = run(csv, Map.of("metrics", "stats/*.csv", "fail-on-warnings", "true"));
        assertEquals(1, failing.exitCode());
        assertTrue(failing.stdout().contains("::error::warnings fail the run (fail-on-warnings)"), failing.stdout());
        assertEquals("", failing.outputs().get("site-dir"), "nothing written");
    }

    @Test
    void emptyGlobIsAnErrorNamingThePattern() throws Exception {
        ActionRunner.Outcome o = run(HEADER, Map.of("metrics", "metriques/**/*.csv"));
        assertEquals(1, o.exitCode());
        assertTrue(commands(o.stdout()).get(0).startsWith("::error::no file matches the pattern 'metriques/**/*.csv'"),
                o.stdout());
    }

    @Test
    void cellsCannotInjectWorkflowCommands() throws Exception {
        String csv = HEADER
                + "DINUM,Mon service,\"::set-output name=pwned::yes\",1,unité,false,\"::set-output name=x::y\",mensuelle,2024-01-31,false,,true,script,,,,\n"
                + "DINUM,Mon service,Autre,1,unité,false,usage,mensuelle,%0A::error::injected,false,,true,script,,,,\n"
                + "DINUM,Mon service,Encore,1,unité,false,\"usage\n::warning file=x.csv::injected%0D\",mensuelle,2024-01-31,false,,true,script,,,,\n";
        ActionRunner.Outcome o = run(csv, Map.of("metrics", "stats/impact.csv"));
        assertEquals(1, o.exitCode());
        for (String c : commands(o.stdout())) {
            assertTrue(c.matches("::(error|warning)( file=[^:,]+,line=\\d+,col=\\d+)?::[^\\r]*")
                            || c.startsWith("::notice title=Vitrine::"),
                    "unexpected command: " + c);
            assertFalse(c.contains("::set-output") && !c.startsWith("::error file="), c);
            assertFalse(c.substring(2).contains("\n"));
        }
        List<String> errors = commands(o.stdout()).stream().filter(c -> c.startsWith("::error")).toList();
        assertEquals(3, errors.size(), o.stdout());
        // The user's text is escaped: '%' becomes %25 and a line break %0A, so it stays inside the message.
        assertTrue(errors.stream().anyMatch(e -> e.contains("'%250A::error::injected'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("'usage%0A::warning file=x.csv::injected%250D'")), errors.toString());
        // Every line printed as plain text with user data is inside a stop-commands block with a random token.
        Matcher m = Pattern.compile("(?m)^::stop-commands::([0-9a-f]{32})$").matcher(o.stdout());
        assertTrue(m.find(), o.stdout());
        String token = m.group(1);
        int start = o.stdout().indexOf("::stop-commands::" + token);
        int end = o.stdout().indexOf("\n::" + token + "::\n");
        assertTrue(end > start, "the block is closed with its token");
        assertTrue(o.stdout().substring(start, end).contains("::set-output name=x::y"), "user data stays inside");
        assertEquals(List.of(), o.outputs().entrySet().stream().filter(e -> e.getKey().equals("pwned")).toList());
        assertEquals("", o.githubEnv());
    }
}
