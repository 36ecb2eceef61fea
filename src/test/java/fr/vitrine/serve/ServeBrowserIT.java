package fr.vitrine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live reload in a real browser (headless Chromium, {@code src/test/js/serve-reload.mjs}): the script injected by the
 * server runs under the page's policy, a save reloads the page at its scroll position, errors come and go.
 */
class ServeBrowserIT {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void reloadsInABrowser(@TempDir Path dir) throws Exception {
        try (ServeFixture fixture = new ServeFixture(dir)) {
            Process install = new ProcessBuilder(TestProject.REPO.resolve(".ci/install-browser").toString()).start();
            String chromium = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0, "no Chromium");
            Path report = dir.resolve("report.json");
            ProcessBuilder pb = new ProcessBuilder("node", TestProject.REPO.resolve("src/test/js/serve-reload.mjs").toString(),
                    fixture.serve.url(), fixture.project.root().toString(), report.toString()).redirectErrorStream(true);
            pb.environment().put("CHROMIUM", chromium);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(4, TimeUnit.MINUTES), "the browser script did not finish");
            assertEquals(0, p.exitValue(), out);
            JsonNode r = new ObjectMapper().readTree(report.toFile());
            assertEquals("[]", r.path("csp").toString(), "the policy blocked something");
            assertEquals("[]", r.path("errors").toString());
            assertTrue(r.path("textAfterEdit").asBoolean(), r.toString());
            assertTrue(r.path("scrollBefore").asInt() > 0, r.toString());
            assertEquals(r.path("scrollBefore").asInt(), r.path("scrollAfter").asInt(), "the scroll position was lost");
            assertEquals(r.path("scrollBefore").asInt(), r.path("scrollLater").asInt(), "the position moved after loading");
            int line = fixture.project.lineOf("content/conventions/ecosante-delegation-dgpr-dgs.md", "signed: ");
            assertTrue(r.path("overlay").toString().matches(".*ecosante-delegation-dgpr-dgs\\.md:" + line + ":\\d+: error: .*"),
                    r.toString());
            assertTrue(r.path("overlayVisible").asBoolean());
            assertEquals(0, r.path("overlayAfterFix").asInt());
        }
    }
}
