package fr.vitrine.fuzz;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Makes a failing fuzz test say which input file to look at. In regression mode (plain {@code mvn test}) that is the
 * committed seed being run; in fuzzing mode ({@code JAZZER_FUZZ=1}) it is the {@code crash-*} file Jazzer has just
 * written next to the seeds, which then becomes a regression test once committed.
 * <p>
 * In regression mode it also bounds each input's run: a committed {@code timeout-*} input (a hang Jazzer found) fails
 * after {@link #REPLAY_LIMIT} instead of stalling the build. In fuzzing mode libFuzzer's {@code -timeout} and
 * surefire's fork timeout do that (see the 'fuzz' profile in pom.xml).
 */
final class FuzzFindings implements TestExecutionExceptionHandler, InvocationInterceptor {

    private static final long STARTED = System.currentTimeMillis();
    static final Duration REPLAY_LIMIT = Duration.ofSeconds(60);

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                            ExtensionContext context) throws Throwable {
        if (fuzzing()) {
            invocation.proceed();
            return;
        }
        assertTimeoutPreemptively(REPLAY_LIMIT, () -> invocation.proceed(),
                () -> "input '" + context.getDisplayName() + "' ran for more than " + REPLAY_LIMIT.toSeconds()
                        + " s: a hang");
    }

    /** As Jazzer decides it: JAZZER_FUZZ set to true, 1 or yes. */
    private static boolean fuzzing() {
        String v = System.getenv("JAZZER_FUZZ");
        return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes"));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Class<?> testClass = context.getRequiredTestClass();
        String method = context.getRequiredTestMethod().getName();
        Path inputs = Path.of("src", "test", "resources")
                .resolve(testClass.getPackageName().replace('.', '/'))
                .resolve(testClass.getSimpleName() + "Inputs")
                .resolve(method);
        String reproduce = "mvn test -DskipNpm -Dtest=" + testClass.getSimpleName() + "#" + method;
        Path seed = inputs.resolve(context.getDisplayName());
        String message;
        if (isInside(seed, inputs) && Files.isRegularFile(seed)) {
            message = "fuzz input " + seed + " fails: " + failure
                    + "\n  This input is a committed regression seed: fix the bug it shows (reproduce with '"
                    + reproduce + "').";
        } else {
            Optional<Path> found = newestFinding(inputs);
            message = found.map(f -> "Jazzer found a failing input, saved as " + f + ": " + failure
                    + "\n  Reproduce with '" + reproduce + "', fix the bug, and commit the file with the fix:"
                    + " it then runs in every build as a regression test. (From a CI log: the input is also"
                    + " printed above as 'Base64: ...'.)")
                    .orElse("fuzz input '" + context.getDisplayName() + "' fails: " + failure
                            + "\n  Not a committed seed (.cifuzz-corpus/ holds what local fuzzing learned); see the"
                            + " Jazzer output above for the input.");
        }
        throw new AssertionError(message, failure);
    }

    private static boolean isInside(Path file, Path dir) {
        return file.normalize().startsWith(dir.normalize()) && !file.normalize().equals(dir.normalize());
    }

    /** The newest crash/timeout/leak file written since this JVM started. */
    private static Optional<Path> newestFinding(Path inputs) {
        if (!Files.isDirectory(inputs)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(inputs)) {
            return files.filter(f -> f.getFileName().toString().matches("(crash|timeout|oom|leak|slow-unit)-.*"))
                    .filter(f -> modified(f).toMillis() >= STARTED - 1000)
                    .max(Comparator.comparing(FuzzFindings::modified));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
