package fr.vitrine.testing;

import fr.vitrine.build.Build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A copy of the repository's real inputs (jbake.properties, content/, data/, site-templates/) in a temporary
 * folder, that a test may change before building it.
 */
public final class TestProject {

    /** The day tests build for, so statuses ("terminée") don't change with the calendar. */
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    public static final Path REPO = Path.of("").toAbsolutePath();

    private final Path root;

    private TestProject(Path root) {
        this.root = root;
    }

    /** Sets {@code vitrine.theme} (dsfr or neutral) in the copied jbake.properties. */
    public TestProject theme(String name) {
        write("jbake.properties", read("jbake.properties").replaceAll("(?m)^vitrine\\.theme=.*$", "vitrine.theme=" + name));
        return this;
    }

    /** A project already in {@code root} (e.g. one the benchmark generated). */
    public static TestProject at(Path root) {
        return new TestProject(root);
    }

    /** Copies the bundled project into {@code dir}/project. */
    public static TestProject copyOfRepository(Path dir) {
        Path root = dir.resolve("project");
        for (String item : List.of("jbake.properties", "content", "data", "site-templates")) {
            Trees.copy(REPO.resolve(item), root.resolve(item));
        }
        // No node_modules: the DSFR files come with Vitrine.
        return new TestProject(root);
    }

    /** The system property that gives tests the beta.gouv.fr corpus folder (test data, never copied into the project). */
    public static final String CORPUS_PROPERTY = "vitrine.corpus.betagouv";

    /**
     * The beta.gouv.fr corpus folder; without the property, says so loudly and aborts (skips) the calling test; with
     * a wrong folder, fails.
     */
    public static Path betaGouvCorpus(String test) {
        String setting = System.getProperty(CORPUS_PROPERTY, "").strip();
        if (setting.isEmpty()) {
            System.err.println("\n*** SKIPPED " + test + ": no -D" + CORPUS_PROPERTY + "=<beta.gouv.fr content folder>; "
                    + ".ci/run passes ../shared/corpus/beta.gouv.fr ***\n");
            org.junit.jupiter.api.Assumptions.abort("-D" + CORPUS_PROPERTY + " is not set: the beta.gouv.fr snapshot is not tested");
        }
        Path corpus = Path.of(setting).toAbsolutePath();
        if (!Files.isDirectory(corpus.resolve("_startups")) || !Files.isDirectory(corpus.resolve("_organisations"))) {
            org.junit.jupiter.api.Assertions.fail(CORPUS_PROPERTY + "=" + setting + " does not hold _startups/ and _organisations/: fix the path");
        }
        return corpus;
    }

    /** Reads the beta.gouv.fr corpus too; UrbanVitaliz's page then comes from its beta.gouv.fr file, not the bundled one. */
    public TestProject withBetaGouv(Path corpus) {
        try {
            Files.delete(file("data/products/urbanvitaliz.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("jbake.properties", read("jbake.properties")
                + "\nvitrine.betagouv.startups=" + corpus.resolve("_startups")
                + "\nvitrine.betagouv.organisations=" + corpus.resolve("_organisations") + "\n");
        return this;
    }

    public Path root() {
        return root;
    }

    public Path file(String relative) {
        return root.resolve(relative);
    }

    public String read(String relative) {
        try {
            return Files.readString(file(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String relative, String text) {
        try {
            Files.createDirectories(file(relative).getParent());
            Files.writeString(file(relative), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeBytes(String relative, byte[] bytes) {
        try {
            Files.write(file(relative), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the first occurrence of {@code from} in a file and returns the 1-based line where the replacement
     * starts, so tests assert on lines without hard-coding them.
     */
    public int replace(String relative, String from, String to) {
        String text = read(relative);
        int at = text.indexOf(from);
        assertTrue(at >= 0, "'" + from + "' not found in " + relative);
        write(relative, text.substring(0, at) + to + text.substring(at + from.length()));
        return lineOf(text, at);
    }

    /** The 1-based line of the first occurrence of {@code needle} in a file. */
    public int lineOf(String relative, String needle) {
        String text = read(relative);
        int at = text.indexOf(needle);
        assertTrue(at >= 0, "'" + needle + "' not found in " + relative);
        return lineOf(text, at);
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Runs {@code vitrine build} (or {@code check}) on this project. */
    public Run build(Path output) {
        return run(new Build.Options(root, output, null, false));
    }

    public Run check() {
        return run(new Build.Options(root, null, null, true));
    }

    public Run run(Build.Options options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Build(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).on(TODAY).run(options);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit code and what a run printed. */
    public record Run(int exitCode, String out, String err) {
        /**
         * Lines of the error stream that are diagnostics (path:line:col: severity: message), with paths made absolute
         * (they are printed relative to the working directory when they can be) to compare with {@link #file}.
         */
        public List<String> diagnostics() {
            Path here = Path.of("").toAbsolutePath();
            try (Stream<String> lines = err.lines()) {
                return lines.filter(l -> l.matches(".+:\\d+:\\d+: (error|warning): .*"))
                        .map(l -> l.startsWith("/") ? l : here.resolve(l).toString()).toList();
            }
        }
    }
}
