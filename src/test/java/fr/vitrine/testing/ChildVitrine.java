package fr.vitrine.testing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real command line run in a child JVM ({@code -Xmx512m}, killed after {@link #CHILD_LIMIT_SECONDS} seconds) on a
 * {@link TestProject}, with the assertions of the hostile-input suite: a case that hangs or exhausts memory fails its
 * own test without taking the test JVM down; a failure must be clear (exit 1, a located error, the previous site
 * untouched), a success safe (no active content in any page).
 */
public final class ChildVitrine {

    /** A child run is killed after this long: well under a test's own timeout, so a hang is reported as one. */
    public static final int CHILD_LIMIT_SECONDS = 45;
    static final String CHILD_HEAP = "512m";
    /** A diagnostic is one readable line: a value echoed in it must be shortened. */
    public static final int MAX_DIAGNOSTIC_LENGTH = 1000;
    public static final Pattern DIAGNOSTIC = Pattern.compile("(.+?):(\\d+):(\\d+): (error|warning): (.*)");
    public static final Pattern SUMMARY = Pattern.compile("\\d+ error\\(s\\), \\d+ warning\\(s\\): .*");

    private final Path tmp;
    private final TestProject project;
    private final Path output;
    private final PreviousSite previous;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String umask;
    private int limitSeconds = CHILD_LIMIT_SECONDS;

    /**
     * Runs in {@code tmp} (the children's working folder, where their output is kept), building {@code project}
     * into {@code output}, which holds a copy of {@code previous} that a failed build must leave untouched.
     */
    public ChildVitrine(Path tmp, TestProject project, Path output, PreviousSite previous) {
        this.tmp = tmp;
        this.project = project;
        this.output = output;
        this.previous = previous;
    }

    /** Sets (or, with {@code null}, removes) an environment variable of the children. */
    public ChildVitrine env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs the children with this umask (e.g. {@code 022}), through {@code /bin/sh}. */
    public ChildVitrine umask(String mask) {
        this.umask = mask;
        return this;
    }

    /** Adds a JVM option (e.g. {@code -Djava.io.tmpdir=…}) to the children. */
    public ChildVitrine jvm(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Kills the child after {@code seconds} instead of {@link #CHILD_LIMIT_SECONDS} (a deliberately large input). */
    public ChildVitrine limit(int seconds) {
        this.limitSeconds = seconds;
        return this;
    }

    /** What a child {@code vitrine} printed, how it ended, and how long it took. */
    public record Run(int exitCode, String out, String err, boolean killed, double seconds) {
        public List<Diagnostic> diagnostics() {
            List<Diagnostic> out = new ArrayList<>();
            for (String l : err.split("\n", -1)) {
                Matcher m = DIAGNOSTIC.matcher(l);
                if (m.matches()) {
                    out.add(new Diagnostic(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                            m.group(4), m.group(5), l));
                }
            }
            return out;
        }
    }

    /** One {@code path:line:column: severity: message} line. */
    public record Diagnostic(String path, int line, int column, String severity, String message, String text) {
    }

    /** {@code vitrine build} of the project into the output folder. */
    public Run build() {
        return vitrine("build", "--source", project.root().toString(), "--output", output.toString());
    }

    /** Runs {@code fr.vitrine.cli.Main} in a child JVM, as users run it; kills it after the limit. */
    public Run vitrine(String... args) {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java",
                "-Xmx" + CHILD_HEAP, "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "fr.vitrine.cli.Main"));
        command.addAll(List.of(args));
        if (umask != null) {
            command.addAll(0, List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
        }
        Process process = null;
        try {
            Path out = Files.createTempFile(tmp, "child-", ".out");
            Path err = Files.createTempFile(tmp, "child-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("SOURCE_DATE_EPOCH",
                    Long.toString(TestProject.TODAY.atTime(12, 0).toEpochSecond(ZoneOffset.UTC)));
            builder.environment().remove("GITHUB_ACTIONS");
            env.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            long started = System.nanoTime();
            process = builder.start();
            boolean finished = process.waitFor(limitSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Run(finished ? process.exitValue() : -1, read(out), read(err), !finished, seconds);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** Reads at most the first 4 MB a child printed (a runaway message must not exhaust the test JVM). */
    private static String read(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4 << 20), StandardCharsets.UTF_8);
        }
    }

    /** The run ended by itself, without a JVM error or a stack trace. */
    public static void assertNoCrash(Run run) {
        String head = run.err().length() > 4000 ? run.err().substring(0, 4000) + "…" : run.err();
        assertFalse(run.killed(), "vitrine did not finish within the time limit (hang or memory "
                + "exhaustion); stderr so far:\n" + head);
        assertFalse(run.err().contains("OutOfMemoryError"), "out of memory:\n" + head);
        assertFalse(Pattern.compile("(?m)^\\s+at [\\w.$/]+\\(").matcher(run.err()).find()
                        || run.err().contains("Exception in thread") || run.err().contains("Caused by: "),
                "a Java stack trace instead of a message:\n" + head);
    }

    /**
     * Every line of the report is a diagnostic or the summary; none is longer than a screen of text or carries a
     * control character (a value's line break, NUL or escape sequence must not reach the terminal or the CI log).
     */
    public static void assertReportIsWellFormed(Run run) {
        for (String line : run.err().split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String shown = line.length() > 300 ? line.substring(0, 300) + "…" : line;
            assertTrue(DIAGNOSTIC.matcher(line).matches() || SUMMARY.matcher(line).matches(),
                    "every line of the report is 'path:line:column: severity: message' or the summary; got: "
                            + printable(shown));
            assertTrue(line.length() <= MAX_DIAGNOSTIC_LENGTH, "a diagnostic of " + line.length()
                    + " characters: values echoed in messages must be shortened: " + printable(shown));
            assertTrue(line.chars().noneMatch(c -> (c < 0x20 && c != '\t') || (c >= 0x7F && c < 0xA0)),
                    "control character in the report: " + printable(shown));
        }
    }

    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.append(c < 0x20 || (c >= 0x7F && c < 0xA0) ? String.format("\\x%02X", c)
                : new String(Character.toChars(c))));
        return sb.toString();
    }

    /**
     * A failure as every input error fails: exit 1, an error at {@code file} ({@code line} and {@code column} when
     * given) whose message matches every pattern (case-insensitive), the summary, and the previous site untouched.
     */
    public Diagnostic assertFailsClearly(Run run, String file, Integer line, Integer column, String... patterns) {
        assertNoCrash(run);
        String head = run.err().length() > 4000 ? run.err().substring(0, 4000) + "…" : run.err();
        assertEquals(1, run.exitCode(), "exit code 1 for invalid input; stderr:\n" + head);
        Path expected = project.file(file).toAbsolutePath().normalize();
        List<Diagnostic> atFile = run.diagnostics().stream().filter(d -> d.severity().equals("error"))
                .filter(d -> tmp.resolve(d.path()).toAbsolutePath().normalize().equals(expected)).toList();
        List<Diagnostic> matching = atFile.stream()
                .filter(d -> line == null || d.line() == line)
                .filter(d -> column == null || d.column() == column)
                .filter(d -> Stream.of(patterns).allMatch(p ->
                        Pattern.compile(p, Pattern.CASE_INSENSITIVE).matcher(d.message()).find()))
                .toList();
        assertEquals(1, matching.size(), "expected one error at " + file + ":" + (line == null ? "*" : line) + ":"
                + (column == null ? "*" : column) + " matching " + List.of(patterns) + "; errors at that file:\n"
                + atFile.stream().map(d -> printable(d.text().length() > 300 ? d.text().substring(0, 300) + "…"
                : d.text())).reduce("", (a, b) -> a + b + "\n") + "stderr:\n" + printable(head));
        assertTrue(run.err().contains(PreviousSite.UNTOUCHED), "the summary says nothing was written:\n" + head);
        previous.assertUntouched(output);
        assertReportIsWellFormed(run);
        return matching.get(0);
    }

    /** A successful build whose every page is free of active content. */
    public void assertBuildsSafely(Run run) throws IOException {
        assertNoCrash(run);
        String head = run.err().length() > 4000 ? run.err().substring(0, 4000) + "…" : run.err();
        assertEquals(0, run.exitCode(), "build should succeed; stderr:\n" + head);
        assertReportIsWellFormed(run);
        List<String> problems = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(output)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".html")).toList()) {
                problems.addAll(activeContent(Jsoup.parse(p.toFile(), "UTF-8"), output.relativize(p).toString()));
            }
        }
        assertTrue(problems.isEmpty(), "active content in the site:\n" + String.join("\n", problems));
    }

    private static final List<String> FORBIDDEN_ELEMENTS = List.of("script", "iframe", "frame", "frameset", "object",
            "embed", "applet", "style", "base", "form", "input", "button", "textarea", "foreignObject", "animate", "set",
            "noscript", "template");
    private static final List<String> URL_ATTRIBUTES = List.of("href", "src", "srcset", "action", "formaction",
            "xlink:href", "poster", "background", "data", "lowsrc", "cite", "longdesc", "ping", "manifest");

    /**
     * The controls and scripts the DSFR theme's layout writes itself (menu, display settings, collapsible breadcrumb
     * and side menu, its two script files), and the convention listing's script with its status badges (templates of
     * the four fixed statuses): never built from user data.
     */
    private static final String THEME_CHROME = "body > script[src*=assets/dsfr/dsfr.], main script[src$=assets/filters.js], "
            + "main template[id^=status-badge-], header.fr-header button, "
            + "footer.fr-footer button, dialog#parametres-affichage, nav.fr-breadcrumb > button.fr-breadcrumb__button, "
            + "nav.fr-sidemenu button.fr-sidemenu__btn, body > script[src$=assets/search.js], header form[role=search], "
            + "main form#recherche-page, main form[role=search], div#resultats noscript, button#resultats-suite";

    /** Attributes that load a resource with the page: only the site's own files may be named there. */
    private static final List<String> RESOURCE_ATTRIBUTES = List.of("src", "srcset", "poster", "background", "data",
            "lowsrc", "xlink:href");

    /** Script elements, event handlers, script and data URLs, refresh redirects, foreign frames and resources. */
    public static List<String> activeContent(Document doc, String where) {
        List<String> problems = new ArrayList<>();
        doc.select(THEME_CHROME).stream().filter(e -> e.data().isEmpty()).forEach(Element::remove);
        for (Element e : doc.getAllElements()) {
            String tag = e.normalName();
            if (FORBIDDEN_ELEMENTS.stream().anyMatch(f -> f.equalsIgnoreCase(tag))) {
                problems.add(where + ": <" + tag + "> element");
            }
            if (tag.equals("meta") && e.attr("http-equiv").equalsIgnoreCase("refresh")) {
                problems.add(where + ": meta refresh");
            }
            if (tag.equals("link") && !e.parents().contains(doc.head())) {
                problems.add(where + ": <link> outside the head");
            }
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                if (name.startsWith("on")) {
                    problems.add(where + ": event handler " + name + " on <" + tag + ">");
                }
                if (URL_ATTRIBUTES.contains(name)) {
                    String url = a.getValue().replaceAll("[\\x00-\\x20\\x7F-\\x9F]", "").toLowerCase(Locale.ROOT);
                    if (url.startsWith("javascript:") || url.startsWith("vbscript:") || url.startsWith("data:")) {
                        problems.add(where + ": " + name + "=\"" + a.getValue() + "\" on <" + tag + ">");
                    }
                    if (RESOURCE_ATTRIBUTES.contains(name) && url.matches("(?s)([a-z][a-z0-9+.-]*:|[/\\\\]{2}).*")) {
                        problems.add(where + ": resource from another site " + name + "=\"" + a.getValue() + "\"");
                    }
                }
            }
        }
        return problems;
    }

    /** A page of the built site. */
    public Document page(String relative) throws IOException {
        return Jsoup.parse(output.resolve(relative).toFile(), "UTF-8");
    }
}
