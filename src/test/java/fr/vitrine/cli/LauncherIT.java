package fr.vitrine.cli;

import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's first command runs {@code ./vitrine}: the jar with the class-data archive the package phase made beside it.
 * The archive must load with this jar (a stale one would only be ignored, and every start would be slower).
 */
class LauncherIT {

    private static final Path JAR = TestProject.REPO.resolve("target/vitrine.jar");
    private static final Path ARCHIVE = TestProject.REPO.resolve("target/vitrine.jsa");

    @TempDir
    Path dir;

    @Test
    void theClassDataArchiveBelongsToTheJar() throws Exception {
        assertTrue(Files.isRegularFile(ARCHIVE), "no " + ARCHIVE + ": the package phase makes it");
        assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(JAR)) > 0,
                "the archive is older than the jar: ./vitrine would not use it");
        // -Xshare:on makes an archive that cannot be used an error instead of a silent fallback.
        Run run = run(List.of("java", "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-jar", JAR.toString(),
                "--version"));
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().startsWith("vitrine "), run.out());
    }

    @Test
    void theLauncherBuildsAProjectWhosePathHasASpace() throws Exception {
        TestProject project = TestProject.copyOfRepository(dir.resolve("un dossier"));
        Path output = dir.resolve("le site");
        Run run = run(List.of(TestProject.REPO.resolve("vitrine").toString(), "build", "--source",
                project.root().toString(), "--output", output.toString()));
        assertEquals(0, run.code(), run.out());
        assertTrue(run.out().contains("Site written to " + output), run.out());
        assertTrue(Files.isRegularFile(output.resolve("index.html")));
    }

    private record Run(int code, String out) {
    }

    private static Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not end");
        return new Run(p.exitValue(), out);
    }
}
