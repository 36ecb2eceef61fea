package fr.vitrine.action;

import com.sun.net.httpserver.HttpServer;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The action used from a release tag downloads that release's jar from a (local, fake) release server and checks its
 * SHA-256 before running it; a jar that does not match is never run; a tag without a release falls back to building.
 */
class ActionReleaseIT {

    @TempDir
    Path workspace;
    @TempDir
    Path runnerTemp;

    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private byte[] jar;

    @BeforeEach
    void serveReleases() throws Exception {
        jar = Files.readAllBytes(TestProject.REPO.resolve("target/vitrine.jar"));
        String good = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        String bad = good.replace(good.charAt(0), good.charAt(0) == 'a' ? 'b' : 'a');
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            synchronized (requests) {
                requests.add(path);
            }
            byte[] body = switch (path) {
                case "/v9.9.9/vitrine.jar", "/v9.9.8/vitrine.jar" -> jar;
                case "/v9.9.9/vitrine.jar.sha256" -> (good + "  vitrine.jar\n").getBytes(StandardCharsets.US_ASCII);
                case "/v9.9.8/vitrine.jar.sha256" -> (bad + "  vitrine.jar\n").getBytes(StandardCharsets.US_ASCII);
                default -> null;
            };
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        Files.createDirectories(workspace.resolve("stats"));
        Files.copy(TestProject.REPO.resolve("data/stats/statistiques_impact_urbanvitaliz.csv"),
                workspace.resolve("stats/impact.csv"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ActionRunner.Outcome run(String ref) throws IOException, InterruptedException {
        String releases = "http://127.0.0.1:" + server.getAddress().getPort();
        return new ActionRunner(workspace, runnerTemp, ref, releases).run(Map.of("metrics", "stats/*.csv"));
    }

    @Test
    void aReleaseTagDownloadsChecksAndRunsThatJar() throws Exception {
        ActionRunner.Outcome o = run("v9.9.9");
        assertEquals(0, o.exitCode(), o.stdout() + o.stderr());
        assertTrue(requests.containsAll(List.of("/v9.9.9/vitrine.jar.sha256", "/v9.9.9/vitrine.jar")), requests.toString());
        Path downloaded = runnerTemp.resolve("vitrine-release/vitrine.jar");
        assertEquals(downloaded.toString(), o.outputs().get("jar"), "the downloaded jar ran, not a built one");
        assertTrue(o.stdout().contains("SHA-256"), o.stdout());
        assertTrue(Files.isRegularFile(workspace.resolve("_site/index.html")));
    }

    @Test
    void aJarThatDoesNotMatchItsChecksumIsNeverRun() throws Exception {
        ActionRunner.Outcome o = run("v9.9.8");
        assertNotEquals(0, o.exitCode());
        assertTrue(o.stdout().contains("::error::the downloaded vitrine.jar does not match its published SHA-256"),
                o.stdout());
        assertFalse(Files.exists(runnerTemp.resolve("vitrine-release/vitrine.jar")), "the bad jar is deleted");
        assertFalse(Files.exists(workspace.resolve("_site")), "nothing ran");
    }

    @Test
    void aTagWithoutAReleaseOrABranchBuildsInstead() throws Exception {
        ActionRunner.Outcome tag = run("v9.9.7");
        assertEquals(0, tag.exitCode(), tag.stdout() + tag.stderr());
        assertTrue(tag.stdout().contains("No released jar for Vitrine v9.9.7: building it."), tag.stdout());
        assertEquals(runnerTemp.resolve("vitrine-generator/vitrine.jar").toString(), tag.outputs().get("jar"));

        requests.clear();
        ActionRunner.Outcome branch = new ActionRunner(workspace, Files.createDirectories(runnerTemp.resolve("b")))
                .run(Map.of("metrics", "stats/*.csv"));
        assertEquals(0, branch.exitCode(), branch.stdout() + branch.stderr());
        assertEquals(List.of(), requests, "a branch asks for no release");
    }
}
