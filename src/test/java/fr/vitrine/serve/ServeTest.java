package fr.vitrine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vitrine serve} on a copy of the bundled project: pages served with the reload script under their own
 * policy, edits reloading pages, errors shown over the last good site and gone once fixed, a load during a rebuild.
 * The tests share one server and run in order, each leaving the sources valid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeTest {

    private static final String CONVENTION = "content/conventions/ecosante-delegation-dgpr-dgs.md";
    private static final String PAGE = "/conventions/ecosante-delegation-dgpr-dgs/";

    ServeFixture fixture;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fixture = new ServeFixture(dir);
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(0)
    void sourcesWithErrorsAtStartAreShownUntilFixed(@TempDir Path other) throws Exception {
        int[] line = new int[1];
        try (ServeFixture broken = new ServeFixture(other,
                p -> line[0] = p.replace(CONVENTION, "signed: 2020-03-05", "signed: 2020-02-31"))) {
            assertNull(broken.serve.site());
            HttpResponse<String> page = broken.get(PAGE);
            assertEquals(503, page.statusCode());
            Element overlay = Jsoup.parse(page.body()).selectFirst("#vitrine-errors");
            assertNotNull(overlay);
            assertTrue(overlay.text().matches(".*ecosante-delegation-dgpr-dgs\\.md:" + line[0] + ":\\d+: error: .*"),
                    overlay.text());
            try (ServeFixture.Events events = broken.events()) {
                broken.project.replace(CONVENTION, "signed: 2020-02-31", "signed: 2020-03-05");
                assertTrue(events.next().get("all").asBoolean());
            }
            HttpResponse<String> fixed = broken.get(PAGE);
            assertEquals(200, fixed.statusCode());
            assertNull(Jsoup.parse(fixed.body()).selectFirst("#vitrine-errors"));
        }
    }

    @Test
    @Order(1)
    void servesPagesWithTheReloadScriptAllowedByItsHashOnly() throws Exception {
        HttpResponse<String> home = fixture.get("/");
        assertEquals(200, home.statusCode());
        assertEquals("text/html; charset=utf-8", home.headers().firstValue("Content-Type").orElseThrow());
        Document page = Jsoup.parse(home.body());
        Element script = page.selectFirst("script[data-version]");
        assertNotNull(script, "no reload script in the served page");
        assertEquals(Long.toString(fixture.serve.version()), script.attr("data-version"));
        // The browser runs the script only if its hash is in the page's policy: hash what was served.
        String hash = "'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.data().getBytes(StandardCharsets.UTF_8))) + "'";
        String policy = page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
        assertTrue(policy.contains("script-src 'self' " + hash + ";"), policy);
        String onDisk = Files.readString(fixture.serve.site().resolve("index.html"));
        assertFalse(onDisk.contains("__vitrine") || onDisk.contains("sha256-"), "the script reached the built file");
        assertEquals(onDisk.replace("script-src 'self';", "script-src 'self' " + hash + ";")
                        .replace("</body>", "<script data-version=\"" + script.attr("data-version") + "\">"
                                + LiveReload.SCRIPT + "</script>\n</body>"),
                home.body(), "the served page is the built one plus the script and its hash, nothing else");
        assertTrue(page.select("#vitrine-errors").isEmpty());
    }

    @Test
    @Order(2)
    void answersWithTypesValidatorsAnd404() throws Exception {
        Path site = fixture.serve.site();
        for (String extension : List.of("css", "js", "svg", "json", "csv", "xml", "png", "woff2")) {
            Path file = firstFile(site, extension);
            HttpResponse<String> r = fixture.get("/" + site.relativize(file).toString().replace('\\', '/'));
            assertEquals(200, r.statusCode(), file.toString());
            assertEquals(SiteServer.type(file), r.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(Files.size(file), Long.parseLong(r.headers().firstValue("Content-Length").orElseThrow()));
        }
        assertEquals("text/css; charset=utf-8", SiteServer.type(Path.of("a.css")));
        assertEquals("font/woff2", SiteServer.type(Path.of("a.woff2")));

        HttpResponse<String> missing = fixture.get("/conventions/nulle-part/");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("Page introuvable"), "not the site's 404 page");
        assertNotNull(Jsoup.parse(missing.body()).selectFirst("script[data-version]"));

        HttpResponse<String> css = fixture.get("/" + site.relativize(firstFile(site, "css")).toString().replace('\\', '/'));
        String etag = css.headers().firstValue("ETag").orElseThrow();
        String modified = css.headers().firstValue("Last-Modified").orElseThrow();
        assertTrue(modified.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), modified);
        URI cssUri = css.uri();
        assertEquals(304, fixture.send(HttpRequest.newBuilder(cssUri).header("If-None-Match", etag)).statusCode());
        assertEquals(304, fixture.send(HttpRequest.newBuilder(cssUri).header("If-Modified-Since", modified)).statusCode());
        assertEquals(200, fixture.send(HttpRequest.newBuilder(cssUri).header("If-None-Match", "\"other\"")
                .header("If-Modified-Since", modified)).statusCode(), "If-None-Match decides when both are sent");
        assertEquals(200, fixture.send(HttpRequest.newBuilder(cssUri)
                .header("If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT")).statusCode());
        String home = fixture.get("/").headers().firstValue("ETag").orElseThrow();
        assertEquals(304, fixture.send(HttpRequest.newBuilder(URI.create(fixture.serve.url()))
                .header("If-None-Match", home)).statusCode());

        HttpResponse<String> head = fixture.send(HttpRequest.newBuilder(URI.create(fixture.serve.url()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(fixture.get("/").body().getBytes(StandardCharsets.UTF_8).length,
                Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow()));

        for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
            HttpResponse<String> refused = fixture.send(HttpRequest.newBuilder(URI.create(fixture.serve.url()))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")));
            assertEquals(405, refused.statusCode(), method);
            assertEquals("GET, HEAD", refused.headers().firstValue("Allow").orElseThrow());
        }
        String folder = fixture.raw("GET /conventions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(301, ServeFixture.status(folder));
        assertTrue(folder.contains("Location: /conventions/\r\n"), folder);
    }

    private static Path firstFile(Path site, String extension) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(site)) {
            return files.filter(f -> f.toString().endsWith("." + extension)).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    @Order(3)
    void anEditReloadsThePageWithItsNewContent() throws Exception {
        try (ServeFixture.Events events = fixture.events()) {
            fixture.project.replace(CONVENTION, "title: Convention de délégation de gestion",
                    "title: Convention modifiée de délégation de gestion");
            // First the convention's own page, served at once; then the other pages that show it, and the datasets.
            JsonNode event = events.next();
            assertFalse(event.get("all").asBoolean(), event.toString());
            assertTrue(event.get("more").asBoolean(), event.toString());
            List<String> first = new ArrayList<>();
            event.get("changed").forEach(c -> first.add(c.asText()));
            assertEquals(List.of(PAGE + "index.html", PAGE), first);
            HttpResponse<String> page = fixture.get(PAGE);
            assertTrue(page.body().contains("Convention modifiée de délégation de gestion"));
            JsonNode then = events.next();
            assertFalse(then.get("all").asBoolean() || then.get("more").asBoolean(), then.toString());
            List<String> changed = new ArrayList<>();
            then.get("changed").forEach(c -> changed.add(c.asText()));
            assertTrue(changed.contains("/conventions/"), changed.toString());
            // The home page lists the five latest conventions and figures only: this older one's title is not there.
            assertFalse(changed.contains("/"), changed.toString());
            assertFalse(changed.contains("/a-propos/"), "a page that does not show the convention reloads");
            assertEquals(fixture.serve.version(), then.get("version").asLong());
            assertTrue(fixture.get("/conventions/").body().contains("Convention modifiée de délégation de gestion"));
        }
    }

    @Test
    @Order(4)
    void errorsShowOverTheLastGoodSiteUntilFixed() throws Exception {
        try (ServeFixture.Events events = fixture.events()) {
            int line = fixture.project.replace(CONVENTION, "signed: 2020-03-05", "signed: 2020-02-31");
            JsonNode broken = events.next();
            assertTrue(broken.get("all").asBoolean(), "every page shows the overlay: " + broken);
            for (String path : List.of(PAGE, "/", "/nulle-part/")) {
                Document page = Jsoup.parse(fixture.get(path).body());
                Element overlay = page.selectFirst("#vitrine-errors");
                assertNotNull(overlay, "no overlay on " + path);
                String item = overlay.select("li").text();
                assertTrue(item.matches(".*ecosante-delegation-dgpr-dgs\\.md:" + line + ":\\d+: error: .*2020-02-31.*"), item);
                // The overlay's style is allowed by its hash, like the script.
                String style = page.selectFirst("style").data();
                String hash = "'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                        .digest(style.getBytes(StandardCharsets.UTF_8))) + "'";
                String policy = page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content");
                assertTrue(policy.contains("style-src 'self' " + hash + ";"), policy);
            }
            // The last good site underneath.
            assertTrue(fixture.get(PAGE).body().contains("Convention modifiée de délégation de gestion"));
            assertTrue(fixture.err().lines().anyMatch(l -> l.matches(".*ecosante-delegation-dgpr-dgs\\.md:" + line
                    + ":\\d+: error: .*2020-02-31.*")), fixture.err());

            fixture.project.replace(CONVENTION, "signed: 2020-02-31", "signed: 2020-03-05");
            JsonNode fixed = events.next();
            assertTrue(fixed.get("all").asBoolean(), "every page drops the overlay: " + fixed);
            assertNull(Jsoup.parse(fixture.get(PAGE).body()).selectFirst("#vitrine-errors"));
        }
    }

    @Test
    @Order(5)
    void hostileFileNamesAndMessagesAreEscapedInTheOverlay() throws Exception {
        String name = "content/conventions/<img src=x onerror=alert(1)>\u001B[2J.md";
        try (ServeFixture.Events events = fixture.events()) {
            fixture.project.write(name, "---\nid: '<script>alert(2)</script>'\ntitle: <b>x</b>\n---\n");
            events.next();
            String body = fixture.get("/").body();
            Document page = Jsoup.parse(body);
            Element overlay = page.selectFirst("#vitrine-errors");
            assertNotNull(overlay, "the hostile file is an error");
            // Cleaned as on the terminal (the escape sequence written \u001B), then escaped as HTML.
            assertTrue(overlay.text().contains("<img src=x onerror=alert(1)>\\u001B[2J.md:"), overlay.text());
            assertTrue(fixture.err().contains("<img src=x onerror=alert(1)>\\u001B[2J.md:"), fixture.err());
            assertFalse(fixture.err().contains("\u001B") || body.contains("\u001B"), "a raw escape sequence");
            assertTrue(page.select("#vitrine-errors img, #vitrine-errors script, #vitrine-errors b").isEmpty(),
                    overlay.html());
            assertFalse(body.contains("<img src=x"), "the name reached the page as markup");
            Files.delete(fixture.project.file(name));
            assertTrue(events.next().get("all").asBoolean());
            assertNull(Jsoup.parse(fixture.get("/").body()).selectFirst("#vitrine-errors"));
        }
    }

    @Test
    @Order(6)
    void aTemplateChangeReRendersItsPages() throws Exception {
        String template = "site-templates/convention.peb";
        String original = fixture.project.read(template);
        int at = original.lastIndexOf("{% endblock %}");
        assertTrue(at > 0, "convention.peb has no block to add to");
        try (ServeFixture.Events events = fixture.events()) {
            fixture.project.write(template, original.substring(0, at) + "<p>Ajout au modèle</p>" + original.substring(at));
            JsonNode event = events.next();
            assertTrue(event.toString().contains(PAGE), event.toString());
            assertTrue(fixture.get(PAGE).body().contains("<p>Ajout au modèle</p>"));
            fixture.project.write(template, original);
            events.next();
            assertFalse(fixture.get(PAGE).body().contains("Ajout au modèle"));
        }
    }

    @Test
    @Order(7)
    void editorSavePatternsGiveOneRebuild() throws Exception {
        Path file = fixture.project.file(CONVENTION);
        long before = fixture.rebuilds();
        try (ServeFixture.Events events = fixture.events()) {
            // Write to a temporary file, then rename it over the file (vim, IntelliJ, VS Code's "atomic" saves).
            Path temporary = file.resolveSibling(".ecosante.md.swp");
            Files.writeString(temporary, Files.readString(file).replace("Convention modifiée", "Convention renommée"));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            events.next();
        }
        Thread.sleep(400);
        assertEquals(before + 1, fixture.rebuilds(), "a save by renaming gave more than one rebuild");
        try (ServeFixture.Events events = fixture.events()) {
            // Delete, then create.
            String text = Files.readString(file);
            Files.delete(file);
            Files.writeString(file, text.replace("Convention renommée", "Convention modifiée"));
            events.next();
        }
        Thread.sleep(400);
        assertEquals(before + 2, fixture.rebuilds(), "delete then create gave more than one rebuild");
        assertTrue(fixture.get(PAGE).body().contains("Convention modifiée"));
    }

    @Test
    @Order(8)
    void aSettingsChangeRebuilds() throws Exception {
        String settings = fixture.project.read("jbake.properties");
        assertTrue(settings.contains("vitrine.theme=dsfr"), "the bundled project uses the DSFR theme");
        try (ServeFixture.Events events = fixture.events()) {
            fixture.project.theme("neutral");
            assertTrue(events.next().get("all").asBoolean(), "the styles changed: every page reloads");
            assertFalse(fixture.get("/").body().contains("dsfr"), "still the DSFR theme");
            fixture.project.write("jbake.properties", settings);
            events.next();
            assertTrue(fixture.get("/").body().contains("dsfr"));
        }
    }

    @Test
    @Order(9)
    void newFoldersAreWatched() throws Exception {
        try (ServeFixture.Events events = fixture.events()) {
            Path folder = fixture.project.file("site-templates/partials/nouveau/plus-bas");
            Files.createDirectories(folder);
            events.next();
            Files.writeString(folder.resolve("note.peb"), "rien");
            assertNotNull(events.next(), "a file in a new folder was not seen");
        }
    }

    @Test
    @Order(10)
    void holdsConcurrentRequestsDuringARebuild() throws Exception {
        List<String> paths = List.of("/", PAGE, "/conventions/", "/donnees/", "/nulle-part/");
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicBoolean rebuilt = new AtomicBoolean();
        int[] sent = new int[16];
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try (ServeFixture.Events events = fixture.events()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    // At least 60 requests each, and until the rebuild ended, so that they overlap it.
                    for (int i = 0; (i < 60 || !rebuilt.get()) && System.nanoTime() < deadline; i++) {
                        String path = paths.get((client + i) % paths.size());
                        try {
                            HttpResponse<String> r = fixture.get(path);
                            int expected = path.equals("/nulle-part/") ? 404 : 200;
                            if (r.statusCode() != expected || !r.body().contains("</html>")) {
                                errors.add(path + ": " + r.statusCode());
                            }
                        } catch (RuntimeException e) {
                            errors.add(path + ": " + e);
                        }
                        sent[client]++;
                    }
                }));
            }
            fixture.project.replace(CONVENTION, "Convention modifiée", "Convention chargée");
            events.next();
            rebuilt.set(true);
            for (Future<?> f : done) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(List.of(), List.copyOf(errors));
        for (int n : sent) {
            assertTrue(n >= 60, "a client sent " + n + " requests");
        }
        assertTrue(fixture.get(PAGE).body().contains("Convention chargée"));
    }

    @Test
    @Order(11)
    void aDeletedPageIsGone() throws Exception {
        try (ServeFixture.Events events = fixture.events()) {
            Files.delete(fixture.project.file(CONVENTION));
            JsonNode event = events.next();
            assertTrue(event.toString().contains(PAGE) || event.get("all").asBoolean(), event.toString());
            HttpResponse<String> page = fixture.get(PAGE);
            // Gone (404), or, when other sources still name it, kept under the overlay listing them.
            assertTrue(page.statusCode() == 404 || Jsoup.parse(page.body()).selectFirst("#vitrine-errors") != null,
                    page.statusCode() + "");
        }
    }

    @Test
    @Order(12)
    void closingStopsTheServerAndDeletesTheSites() throws Exception {
        Path site = fixture.serve.site();
        int port = fixture.port();
        ServeFixture.Events events = fixture.events();
        fixture.close();
        assertTrue(events.ended(java.time.Duration.ofSeconds(10)), "the event stream was left open");
        assertFalse(Files.exists(site), "the built site was left behind");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            throw new AssertionError("still listening");
        } catch (java.net.ConnectException expected) {
            // stopped
        }
        fixture = null;
    }
}
