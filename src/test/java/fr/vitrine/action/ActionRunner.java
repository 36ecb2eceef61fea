package fr.vitrine.action;

import fr.vitrine.testing.TestProject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the composite action {@code .github/actions/stats} the way a GitHub runner does, for tests: each {@code run}
 * step in bash ({@code bash --noprofile --norc -eo pipefail}) with its {@code env} evaluated, inputs and defaults,
 * a fresh {@code GITHUB_OUTPUT} file per step, shared {@code GITHUB_STEP_SUMMARY} and {@code GITHUB_ENV} files,
 * and {@code GITHUB_ACTIONS=true}. {@code uses} steps are stood in for: Java is the test's own, and the cache
 * already holds the jar built by {@code mvn package} (a cache hit).
 */
final class ActionRunner {

    static final Path ACTION = TestProject.REPO.resolve(".github/actions/stats");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");

    /** What a run of the action left behind. */
    record Outcome(int exitCode, String stdout, String stderr, String summary, String githubEnv,
                   Map<String, String> outputs) {
    }

    private static final Pattern CONDITION = Pattern.compile("steps\\.([\\w-]+)\\.outputs\\.([\\w-]+) (==|!=) '([^']*)'");

    private final Path workspace;
    private final Path runnerTemp;
    private final String ref;
    private final String releases;

    /** The action used from a branch: no release to download, the cached generator runs. */
    ActionRunner(Path workspace, Path runnerTemp) {
        this(workspace, runnerTemp, "main", null);
    }

    /** The action used from {@code ref}, whose releases are downloaded from {@code releases} (a local server). */
    ActionRunner(Path workspace, Path runnerTemp, String ref, String releases) {
        this.workspace = workspace;
        this.runnerTemp = runnerTemp;
        this.ref = ref;
        this.releases = releases;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> action() throws IOException {
        return yaml(ACTION.resolve("action.yml"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws IOException {
        return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    Outcome run(Map<String, String> inputs) throws IOException, InterruptedException {
        Map<String, Object> action = action();
        Map<String, Map<String, Object>> declared = (Map<String, Map<String, Object>>) action.get("inputs");
        Map<String, String> values = new HashMap<>();
        declared.forEach((name, spec) -> values.put(name, String.valueOf(spec.getOrDefault("default", ""))));
        values.putAll(inputs);
        Map<String, Map<String, String>> stepOutputs = new HashMap<>();
        stepOutputs.put("cache", Map.of("cache-hit", "true"));
        Path summary = Files.createFile(runnerTemp.resolve("step-summary.md"));
        Path githubEnv = Files.createFile(runnerTemp.resolve("github-env"));
        // The cache hit: the generator the action would have built.
        Path generator = Files.createDirectories(runnerTemp.resolve("vitrine-generator"));
        Files.copy(TestProject.REPO.resolve("target/vitrine.jar"), generator.resolve("vitrine.jar"));

        int exit = 0;
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) action.get("runs")).get("steps");
        int index = 0;
        for (Map<String, Object> step : steps) {
            index++;
            if (!step.containsKey("run")) {
                continue;
            }
            if (step.containsKey("if") && !condition((String) step.get("if"), stepOutputs)) {
                continue;
            }
            Path output = Files.createFile(runnerTemp.resolve("output-" + index));
            ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                    (String) step.get("run"));
            pb.directory(workspace.toFile());
            Map<String, String> env = pb.environment();
            env.remove("DATAGOUV_API_KEY");
            env.put("GITHUB_ACTIONS", "true");
            env.put("GITHUB_WORKSPACE", workspace.toString());
            env.put("GITHUB_ACTION_PATH", ACTION.toString());
            env.put("GITHUB_OUTPUT", output.toString());
            env.put("GITHUB_STEP_SUMMARY", summary.toString());
            env.put("GITHUB_ENV", githubEnv.toString());
            env.put("RUNNER_TEMP", runnerTemp.toString());
            if (releases != null) {
                env.put("VITRINE_RELEASES_URL", releases);
            }
            Map<String, Object> stepEnv = (Map<String, Object>) step.getOrDefault("env", Map.of());
            stepEnv.forEach((k, v) -> env.put(k, evaluate(String.valueOf(v), values, stepOutputs)));
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("step " + index + " did not finish");
            }
            stdout.append(new String(out, StandardCharsets.UTF_8));
            stderr.append(new String(err, StandardCharsets.UTF_8));
            if (step.get("id") != null) {
                stepOutputs.put((String) step.get("id"), readOutputs(output));
            }
            if (p.exitValue() != 0) {
                exit = p.exitValue();
                break;
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) action.get("outputs")).forEach((name, spec) ->
                outputs.put(name, evaluate(String.valueOf(spec.get("value")), values, stepOutputs)));
        return new Outcome(exit, stdout.toString(), stderr.toString(), Files.readString(summary),
                Files.readString(githubEnv), outputs);
    }

    /** Evaluates the expressions the action uses: inputs, github.action_path and step outputs. */
    private String evaluate(String text, Map<String, String> inputs, Map<String, Map<String, String>> steps) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String expr = m.group(1);
            String value;
            if (expr.startsWith("inputs.")) {
                value = inputs.getOrDefault(expr.substring(7), "");
            } else if (expr.equals("github.action_path")) {
                value = ACTION.toString();
            } else if (expr.equals("github.action_ref")) {
                value = ref;
            } else if (expr.equals("github.server_url")) {
                value = "https://github.invalid";
            } else if (expr.equals("github.action_repository")) {
                value = "owner/vitrine";
            } else if (expr.startsWith("steps.")) {
                String[] parts = expr.split("\\.");
                value = steps.getOrDefault(parts[1], Map.of()).getOrDefault(parts[3], "");
            } else {
                throw new AssertionError("expression not supported by the test runner: " + expr);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Evaluates the step conditions the action uses: comparisons of step outputs, joined by {@code &&}. */
    private static boolean condition(String text, Map<String, Map<String, String>> steps) {
        for (String part : text.split("&&")) {
            Matcher m = CONDITION.matcher(part.strip());
            if (!m.matches()) {
                throw new AssertionError("condition not supported by the test runner: " + text);
            }
            String value = steps.getOrDefault(m.group(1), Map.of()).getOrDefault(m.group(2), "");
            if (value.equals(m.group(4)) != m.group(3).equals("==")) {
                return false;
            }
        }
        return true;
    }

    /** Reads name=value lines (and name<<DELIMITER blocks) of a GITHUB_OUTPUT file. */
    static Map<String, String> readOutputs(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int heredoc = line.indexOf("<<");
            int eq = line.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                StringBuilder value = new StringBuilder();
                while (!lines.get(++i).equals(delimiter)) {
                    value.append(value.length() == 0 ? "" : "\n").append(lines.get(i));
                }
                out.put(name, value.toString());
            } else if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
