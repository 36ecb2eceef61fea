package fr.vitrine.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A site built once from the bundled inputs, copied into each test's output folder, so that a test can check that a
 * failed build left the previous site exactly as it was.
 */
public record PreviousSite(Path folder, Map<String, String> fingerprint) {

    public static final String UNTOUCHED = "no site written; the previous one, if any, is untouched";

    /** Builds the bundled project under {@code shared}. */
    public static PreviousSite build(Path shared) {
        Path folder = shared.resolve("previous");
        TestProject.Run run = TestProject.copyOfRepository(shared).build(folder);
        assertEquals(0, run.exitCode(), run.err());
        return new PreviousSite(folder, Trees.fingerprint(folder));
    }

    public void copyTo(Path output) {
        Trees.copy(folder, output);
    }

    public void assertUntouched(Path output) {
        assertEquals(fingerprint, Trees.fingerprint(output), "previous site must be untouched");
    }

    /** Builds into {@code output}; asserts exit 1, one error {@code message} at {@code file:line:column}, the site kept. */
    public TestProject.Run assertBuildFails(TestProject project, Path output, String file, int line, int column,
                                            String message) {
        TestProject.Run run = project.build(output);
        assertEquals(1, run.exitCode(), "exit code; stderr:\n" + run.err());
        String expected = project.file(file) + ":" + line + ":" + column + ": error: ";
        List<String> matching = run.diagnostics().stream()
                .filter(d -> d.startsWith(expected) && d.contains(message)).toList();
        assertEquals(1, matching.size(), "expected '" + expected + "…" + message + "' in:\n" + run.err());
        assertTrue(run.err().contains(UNTOUCHED), run.err());
        assertUntouched(output);
        return run;
    }
}
