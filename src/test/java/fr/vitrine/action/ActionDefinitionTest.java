package fr.vitrine.action;

import fr.vitrine.cli.Main;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The action's definition: valid for GitHub (checked by the action-validator tool from npm, with the workflows),
 * and its inputs matching the options of {@code vitrine stats}, as its run step passes them.
 */
class ActionDefinitionTest {

    static final Path VALIDATOR = TestProject.REPO.resolve("node_modules/.bin/action-validator");

    /** What a template left unfilled, or a development build's name, would look like in a written workflow. */
    static final Pattern PLACEHOLDER = Pattern.compile("@[A-Z]+@|OWNER|SNAPSHOT|\\bv$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    static int validate(Path file) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(VALIDATOR), "missing " + VALIDATOR + ": run the build (it runs npm ci)");
        Process p = new ProcessBuilder(VALIDATOR.toString(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        if (p.exitValue() != 0) {
            System.err.println(file + ":\n" + out);
        }
        return p.exitValue();
    }

    @Test
    void actionAndWorkflowsAreValid() throws Exception {
        for (String f : List.of(".github/actions/stats/action.yml", ".github/workflows/ci.yml",
                ".github/workflows/pages.yml", ".github/workflows/release.yml", "docs/examples/stats-pages.yml")) {
            assertEquals(0, validate(TestProject.REPO.resolve(f)), f);
        }
        // The workflows 'vitrine init' writes.
        for (String kind : List.of("programme", "team")) {
            Path project = tmp.resolve(kind);
            assertEquals(0, Main.run("init", project.toString(), "--kind", kind,
                    "--release", "1.4.0", "--repository", "etalab/vitrine"));
            try (var files = Files.walk(project.resolve(".github/workflows"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertEquals(0, validate(f), f.toString());
                    String text = Files.readString(f);
                    assertFalse(PLACEHOLDER.matcher(text).find(), f + " holds a placeholder:\n" + text);
                    assertTrue(text.contains("etalab/vitrine") && text.contains("v1.4.0"), f + ":\n" + text);
                }
            }
        }
    }

    /** The six lines the manual tells teams to copy: steps of the example workflow, using the action's real names. */
    @Test
    @SuppressWarnings("unchecked")
    void theReadmeSnippetIsSixLinesOfTheExampleWorkflow() throws Exception {
        String readme = Files.readString(TestProject.REPO.resolve("docs/stats.md"));
        int at = readme.indexOf("The six lines to add");
        assertTrue(at >= 0, "docs/stats.md announces the six lines");
        int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start));
        List<String> lines = snippet.lines().toList();
        assertEquals(6, lines.size(), snippet);

        Path workflow = tmp.resolve("team.yml");
        Files.writeString(workflow, "on: push\npermissions: { pages: write, id-token: write }\njobs:\n  stats:\n"
                + "    runs-on: ubuntu-latest\n    steps:\n" + snippet);
        assertEquals(0, validate(workflow), snippet);
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) ActionRunner.yaml(workflow).get("jobs")).get("stats"))).get("steps");
        Map<String, Object> stats = steps.get(1);
        assertTrue(stats.get("uses").toString().endsWith("/.github/actions/stats@main"), stats.toString());
        Map<String, Object> action = ActionRunner.action();
        assertTrue(((Map<String, Object>) action.get("inputs")).keySet()
                .containsAll(((Map<String, Object>) stats.get("with")).keySet()), stats.toString());
        assertTrue(((Map<String, Object>) action.get("outputs")).containsKey("site-dir"));
        assertTrue(snippet.contains("steps." + stats.get("id") + ".outputs.site-dir"), snippet);

        // The same steps are in the example workflow the README points to.
        String example = Files.readString(TestProject.REPO.resolve("docs/examples/stats-pages.yml"));
        for (Map<String, Object> step : steps) {
            if (step.containsKey("uses")) {
                assertTrue(example.contains("uses: " + step.get("uses")), "example workflow lacks " + step.get("uses"));
            }
        }
    }

    @Test
    void theValidatorCatchesABrokenAction() throws Exception {
        String action = Files.readString(ActionRunner.ACTION.resolve("action.yml"));
        Path broken = tmp.resolve("action.yml");
        Files.writeString(broken, action.replace("  using: composite", "  using: compost"));
        assertNotEquals(0, validate(broken));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyInputIsAnOptionOfVitrineStatsAndIsPassedToIt() throws Exception {
        Map<String, Object> action = ActionRunner.action();
        Map<String, Object> inputs = (Map<String, Object>) action.get("inputs");
        CommandSpec stats = new CommandLine(new Main()).getSubcommands().get("stats").getCommandSpec();
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
        Map<String, Object> run = steps.stream().filter(s -> "stats".equals(s.get("id"))).findFirst().orElseThrow();
        String script = (String) run.get("run");
        Map<String, Object> env = (Map<String, Object>) run.get("env");
        for (String input : inputs.keySet()) {
            OptionSpec option = stats.findOption("--" + input);
            assertNotNull(option, "input '" + input + "' has no option --" + input + " in vitrine stats");
            String variable = env.entrySet().stream()
                    .filter(e -> e.getValue().toString().equals("${{ inputs." + input + " }}"))
                    .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("input " + input
                            + " does not reach the run step through env"));
            assertTrue(script.contains("--" + input) && script.contains("$" + variable),
                    "the run step passes $" + variable + " as --" + input);
            boolean required = Boolean.TRUE.equals(((Map<String, Object>) inputs.get(input)).get("required"));
            assertEquals(option.required(), required, "input " + input + " and --" + input + " agree on required");
        }
        // And the other way: every option of vitrine stats but --source (the action's own folder) is an input.
        for (OptionSpec o : stats.options()) {
            String name = o.longestName().substring(2);
            if (!o.usageHelp() && !o.versionHelp() && !name.equals("source")) {
                assertTrue(inputs.containsKey(name), "option --" + name + " has no input");
            }
        }
        Map<String, Object> outputs = (Map<String, Object>) action.get("outputs");
        assertEquals(List.of("site-dir", "dataset", "errors", "warnings", "jar"), List.copyOf(outputs.keySet()));
    }
}
