package fr.vitrine.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import fr.vitrine.build.Build;
import fr.vitrine.publish.FakeDataGouv.Call;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vitrine publish} against a hostile or broken data.gouv.fr ({@link FakeDataGouv} on 127.0.0.1, plus a second
 * server standing for "another host"): redirects, an http API, next_page tricks, a trickling answer, a looping list,
 * terminal escapes and malformed JSON in answers, resource URLs that are not http, network failures, a local site
 * address, symbolic links in the site. Each ends with a clear one-line message, the key sent to nobody else, and
 * data.gouv.fr as before; nothing printed or thrown holds the key.
 */
class HostilePublishTest {

    private static final String KEY = "hostile-test-key-5f0c2a9e71d4";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SHORT = Duration.ofSeconds(2);

    @TempDir
    static Path shared;
    private static TestProject project;
    /** The site built with the bundled site.host (http://localhost:8000/), and with a public https address. */
    private static Path localSite;
    private static Path publicSite;

    @TempDir
    Path tmp;
    private FakeDataGouv fake;
    private Catcher other;
    private Path site;
    private final Printed printed = new Printed();

    @BeforeAll
    static void buildOnce() {
        project = TestProject.copyOfRepository(shared);
        localSite = shared.resolve("local");
        publicSite = shared.resolve("public");
        assertEquals(0, project.build(localSite).exitCode());
        TestProject.Run run = project.run(new Build.Options(project.root(), publicSite, "https://vitrine.example.org/",
                false));
        assertEquals(0, run.exitCode(), run.err());
    }

    @BeforeEach
    void setUp() {
        fake = new FakeDataGouv(KEY);
        other = new Catcher();
        site = tmp.resolve("site");
        Trees.copy(localSite.resolve("donnees"), site.resolve("donnees"));
    }

    @AfterEach
    void stop() {
        fake.close();
        other.close();
        assertFalse(printed.isEmpty(), "every test prints something");
        printed.assertNoKey(KEY);
    }

    // ---- The key goes to the API's origin only ----

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void aRedirectToAnotherHostIsAnErrorNamingItAndTheKeyDoesNotFollow(String host) {
        String target = "http://" + host + ":" + other.port() + "/api/1/me/";
        fake.answer("GET", "/me/", 1, false, redirect(302, target));

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals("GET /me/ answered 302 from 127.0.0.1:" + port() + ": a redirect to " + host + ":" + other.port()
                + ", not followed (the API key goes to 127.0.0.1:" + port() + " only); check --api", e.getMessage());
        assertEquals(List.of(), other.requests(), "nothing reached the other host");
        assertTrue(fake.datasets().isEmpty());
    }

    @Test
    void aRedirectOfAnUploadIsNotFollowedAndTheNewDatasetIsDeleted() {
        fake.answer("POST", "/datasets/[^/]+/upload/", 1, false,
                redirect(307, "http://localhost:" + other.port() + "/upload/"));

        IOException e = assertThrows(IOException.class, this::publish);

        assertTrue(e.getMessage().contains("answered 307 from 127.0.0.1:" + port() + ": a redirect to localhost:"
                + other.port() + ", not followed"), e.getMessage());
        assertTrue(e.getMessage().endsWith("its 1 change(s) were undone: data.gouv.fr is as before"), e.getMessage());
        assertEquals(List.of(), other.requests());
        assertTrue(fake.datasets().isEmpty(), "the new dataset is deleted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://data.gouv.example/api/1", "http://10.0.0.5/api/1", "ftp://127.0.0.1/api/1",
            "http://api.localhost/api/1", "http://localhost.data.gouv.example/api/1",
            "http://127.0.0.1:1@data.gouv.example/api/1", "https://www.data.gouv.fr/api/1?x=1", "www.data.gouv.fr",
            "https://www.data.gouv.fr/api 1"})
    void anApiRootThatIsNotHttpsOnAnotherHostOrNotAUrlIsAUsageErrorBeforeAnyRequest(String api) {
        Assumptions.assumeTrue(System.getenv(Publisher.API_KEY_ENV) == null, Publisher.API_KEY_ENV + " is set");

        Printed.Run run = printed.main("publish", "--source", project.root().toString(), "--output", localSite.toString(),
                "--api", api, "--dry-run");

        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("vitrine: --api "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        DataGouvApi.UsageException e = assertThrows(DataGouvApi.UsageException.class, () -> new DataGouvApi(api, KEY));
        printed.add(e);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../me", "a b", "x/y", "id?page=2", "\u001b[2J"})
    void aDatasetOrOrganisationThatIsNotOnePathSegmentIsAUsageError(String id) {
        Assumptions.assumeTrue(System.getenv(Publisher.API_KEY_ENV) == null, Publisher.API_KEY_ENV + " is set");

        for (String option : List.of("--dataset", "--organization")) {
            Printed.Run run = printed.main("publish", "--source", project.root().toString(), "--output",
                    localSite.toString(), "--api", fake.base(), "--dry-run", option, id);

            assertEquals(2, run.code(), run.err());
            assertEquals("vitrine: " + option + " " + Addresses.printable(id) + " is not an id or a slug of "
                    + "data.gouv.fr\n", run.err());
        }
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void aLoopbackApiMayBeHttpAndAnHttpsApiIsAcceptedAsItIs() {
        assertEquals("http://127.0.0.1:8080/api/1", new DataGouvApi("http://127.0.0.1:8080/api/1/", KEY).base());
        assertEquals("http://localhost:8080/api/1", new DataGouvApi("http://localhost:8080/api/1", KEY).base());
        assertEquals("http://[::1]:8080/api/1", new DataGouvApi("http://[::1]:8080/api/1", KEY).base());
        assertEquals("https://demo.data.gouv.fr/api/1", new DataGouvApi(" https://demo.data.gouv.fr/api/1/ ", KEY).base());
        printed.add("constructed only");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:PORT@localhost:OTHER/api/1/me/datasets/?page=2|",
            "http://user@127.0.0.1:PORT/api/1/me/datasets/?page=2|",
            "https://127.0.0.1:PORT/api/1/me/datasets/?page=2|",
            "http://127.0.0.1:OTHER/api/1/me/datasets/?page=2|",
            "http://localhost:PORT/api/1/me/datasets/?page=2|",
            "http://127.0.0.1:PORT/api/10/me/datasets/?page=2|",
            "http://127.0.0.1:PORT/api/1/../../x/?page=2|",
            "file:///etc/passwd|",
            "http://127.0.0.1:PORT/api/1/me/datasets/?page=2|/me/datasets/?page=2",
            "HTTP://127.0.0.1:PORT/api/1/me/datasets/|/me/datasets/"})
    void nextPageIsFollowedOnlyOnTheApisOwnOrigin(String url, String expected) {
        DataGouvApi api = new DataGouvApi(fake.base(), KEY);
        String u = url.replace("PORT", Integer.toString(port())).replace("OTHER", Integer.toString(other.port()));
        assertEquals(expected, api.relative(u), u);
        printed.add(u);
    }

    @Test
    void aNextPageWithAUserNameBeforeAnotherHostIsNotFollowed() {
        // A string-prefix check ("starts with http://127.0.0.1:PORT") would send the key to localhost:OTHER.
        String next = "http://127.0.0.1:" + port() + "@localhost:" + other.port() + "/api/1/me/datasets/?page=2";
        fake.answer("GET", "/me/datasets/.*", 1, false, list(next));

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals("GET /me/datasets/?page_size=100 from 127.0.0.1:" + port() + ": its next_page, " + next
                + ", is not on " + fake.base() + "; not followed (the API key goes there only)", e.getMessage());
        assertEquals(List.of(), other.requests());
        assertTrue(fake.calls().stream().noneMatch(Call::isMutating), fake.calls().toString());
    }

    @Test
    void aDownloadOfAFileToReplaceGoesWithoutTheKeyWhereverItIs() throws Exception {
        publish();
        ObjectNode dataset = fake.datasets().get(0);
        String id = dataset.path("id").asText();
        fake.edit(id, d -> {
            ObjectNode r = resource(d, "conventions.csv");
            r.put("url", "http://localhost:" + other.port() + "/fichiers/conventions.csv");
            ((ObjectNode) r.path("checksum")).put("value", "0".repeat(40));
        });

        String out = publish();

        assertEquals(List.of("GET /fichiers/conventions.csv without key"), other.requests());
        assertTrue(out.contains("published: 1 file(s) uploaded"), out);
    }

    // ---- The key itself ----

    @Test
    void aKeyWithATrailingNewlineIsTrimmedAndWorks() throws Exception {
        String out = publish(new DataGouvApi(fake.base(), KEY + "\n"));

        assertTrue(out.contains("published: "), out);
        assertEquals(1, fake.datasets().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hostile-test-key-5f0c2a9e71d4\u0007x", "hostile-test-key-5f0c2a9e71d4\nX-Other: 1",
            "hostile-test-key-5f0c2a9e71d4é", "hostile-test-key 5f0c2a9e71d4"})
    void aKeyThatCannotBeOneIsRefusedWithoutPrintingIt(String key) {
        DataGouvApi.UsageException e = assertThrows(DataGouvApi.UsageException.class,
                () -> new DataGouvApi(fake.base(), key));

        printed.add(e);
        assertTrue(e.getMessage().startsWith(Publisher.API_KEY_ENV + " has a character that cannot be in an API key"),
                e.getMessage());
        assertFalse(e.getMessage().contains("5f0c2a9e71d4"), e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    // ---- Hangs, loops, garbage ----

    @Test
    void aServerThatTricklesItsAnswerHitsTheTotalDeadline() {
        fake.answer("GET", "/me/", 1, false, trickle());
        long start = System.nanoTime();

        IOException e = assertThrows(IOException.class, () -> publish(new DataGouvApi(fake.base(), KEY, SHORT)));

        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertTrue(seconds < 10, seconds + " s");
        assertEquals("GET /me/ to 127.0.0.1:" + port() + " failed: no complete answer within 2 s", e.getMessage());
    }

    @Test
    void aDatasetWhoseCreationAnswerTricklesIsFoundByItsExtrasAndDeleted() {
        fake.answer("POST", "/datasets/", 1, true, trickle());

        IOException e = assertThrows(IOException.class, () -> publish(new DataGouvApi(fake.base(), KEY, SHORT)));

        assertTrue(e.getMessage().startsWith("publication stopped: POST /datasets/ to 127.0.0.1:" + port()
                + " failed: no complete answer within 2 s; its 1 change(s) were undone"), e.getMessage());
        assertTrue(fake.datasets().isEmpty(), "the dataset created before the answer was lost is deleted");
        assertTrue(fake.calls().stream().noneMatch(Call::isUpload), fake.calls().toString());
    }

    @Test
    void aCreationAnsweredWithMalformedJsonIsUndoneToo() {
        fake.answer("POST", "/datasets/", 1, true, FakeDataGouv.raw(201, "application/json",
                "{\"id\": \"abc\", \u001b[31m".getBytes(StandardCharsets.UTF_8)));

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals("publication stopped: POST /datasets/ answered 201 from 127.0.0.1:" + port()
                + " with a body that is not JSON: {\"id\": \"abc\", [31m; its 1 change(s) were undone: data.gouv.fr is as "
                + "before", e.getMessage());
        assertTrue(fake.datasets().isEmpty());
    }

    @Test
    void malformedJsonFromTheFirstCallIsAClearError() {
        fake.answer("GET", "/me/", 1, false, FakeDataGouv.raw(200, "text/html", "<html>maintenance".getBytes(
                StandardCharsets.UTF_8)));

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals("GET /me/ answered 200 from 127.0.0.1:" + port() + " with a body that is not JSON: "
                + "<html>maintenance", e.getMessage());
    }

    @Test
    void aServerErrorWithTerminalEscapesReachesNoTerminalRaw() {
        String body = "\u001b[2J\u001b]0;pwned\u0007{\"message\": \"boom\u001b[31m\r\n\u009b1m\u202egnp.exe\"}";
        fake.answer("POST", "/datasets/", 1, false, FakeDataGouv.raw(500, "application/json",
                body.getBytes(StandardCharsets.UTF_8)));

        IOException e = assertThrows(IOException.class, this::publish);

        String m = e.getMessage();
        assertTrue(m.startsWith("publication stopped: POST /datasets/ answered 500 from 127.0.0.1:" + port()
                + ": [2J ]0;pwned {\"message\": \"boom [31m 1m gnp.exe\"}"), m);
        assertTrue(m.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT),
                m);
        assertTrue(m.endsWith("nothing had been changed on data.gouv.fr"), m);
        assertTrue(fake.datasets().isEmpty());
    }

    @Test
    void aNextPageThatLoopsStopsOnTheRepeatedPage() {
        fake.answer("GET", "/me/datasets/.*", 0, false, x -> {
            String query = x.getRequestURI().getRawQuery();
            int page = query.contains("page=") ? Integer.parseInt(query.replaceAll(".*\\bpage=(\\d+).*", "$1")) : 1;
            list(fake.base() + "/me/datasets/?page=" + (page % 3 + 1) + "&page_size=100").respond(x);
        });

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals("GET /me/datasets/?page=1&page_size=100 from 127.0.0.1:" + port() + ": its next_page goes back to "
                + "a page already read; the list loops, give the dataset with --dataset ID", e.getMessage());
        assertEquals(4, fake.calls().stream().filter(c -> c.path().startsWith("/me/datasets/")).count());
        assertTrue(fake.calls().stream().noneMatch(Call::isMutating));
    }

    @Test
    void anEndlessListStopsAtThePageCap() {
        fake.answer("GET", "/me/datasets/.*", 0, false, x -> {
            String query = x.getRequestURI().getRawQuery();
            int page = query.contains("page=") ? Integer.parseInt(query.replaceAll(".*\\bpage=(\\d+).*", "$1")) : 1;
            list(fake.base() + "/me/datasets/?page=" + (page + 1) + "&page_size=100").respond(x);
        });

        IOException e = assertThrows(IOException.class, this::publish);

        assertTrue(e.getMessage().endsWith(": still no dataset of ours after " + Publisher.MAX_PAGES
                + " pages; give it with --dataset ID"), e.getMessage());
        assertEquals(Publisher.MAX_PAGES, fake.calls().stream().filter(c -> c.path().startsWith("/me/datasets/")).count());
        assertTrue(fake.calls().stream().noneMatch(Call::isMutating));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "http://127.0.0.1:PORT/static/mon fichier.csv", "javascript:alert(1)",
            "\u001b[2J"})
    void aResourceUrlThatIsNotHttpIsAClearErrorBeforeAnyChange(String url) throws Exception {
        publish();
        String id = fake.datasets().get(0).path("id").asText();
        String bad = url.replace("PORT", Integer.toString(port()));
        fake.edit(id, d -> {
            ObjectNode r = resource(d, "conventions.csv");
            r.put("url", bad);
            ((ObjectNode) r.path("checksum")).put("value", "0".repeat(40));
        });
        fake.clearCalls();

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals("the resource conventions.csv: its URL on data.gouv.fr, \"" + Addresses.printable(bad)
                + "\", is not an http(s) address; fix the resource on data.gouv.fr or delete it", e.getMessage());
        assertNull(e.getCause());
        assertTrue(fake.calls().stream().noneMatch(Call::isMutating), fake.calls().toString());
    }

    // ---- Network failures say what, where and why ----

    @Test
    void aRefusedConnectionNamesTheRequestTheHostAndTheCause() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        IOException e = assertThrows(IOException.class,
                () -> publish(new DataGouvApi("http://127.0.0.1:" + closed + "/api/1", KEY)));

        assertEquals("GET /me/ to 127.0.0.1:" + closed + " failed: the connection was refused", e.getMessage());
    }

    @Test
    void aPublicSiteGoesOnToTheApiAndAnUnknownHostIsADnsFailure() throws IOException {
        site = tmp.resolve("public");
        Trees.copy(publicSite.resolve("donnees"), site.resolve("donnees"));
        JsonNode plan = JSON.readTree(site.resolve("donnees/udata.json").toFile());
        assertTrue(plan.toString().contains("\"https://vitrine.example.org/donnees/"), "udata.json sends the address");

        IOException e = assertThrows(IOException.class,
                () -> publish(new DataGouvApi("https://data.gouv.invalid/api/1", KEY, Duration.ofSeconds(20))));

        assertEquals("GET /me/ to data.gouv.invalid failed: the host name does not resolve (DNS)", e.getMessage());
    }

    @Test
    void httpsToAServerThatSpeaksPlainHttpIsATlsFailure() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
            // Every connection (the client may retry one that closed early) gets a plain-HTTP answer to its hello.
            Thread server = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (var socket = plain.accept()) {
                        socket.getInputStream().read(new byte[4096]);
                        socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // closed at the end of the test, or the client gave up on this connection
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            int port = plain.getLocalPort();

            IOException e = assertThrows(IOException.class,
                    () -> publish(new DataGouvApi("https://127.0.0.1:" + port + "/api/1", KEY, Duration.ofSeconds(20))));

            assertTrue(e.getMessage().startsWith("GET /me/ to 127.0.0.1:" + port + " failed: TLS failure ("),
                    e.getMessage());
            plain.close();
            server.join(5000);
        }
    }

    // ---- The site's public address ----

    @Test
    void aLocalSiteAddressIsRefusedBeforeAnyRequestWhenTheApiIsNotLocal() {
        Assumptions.assumeTrue(System.getenv(Publisher.API_KEY_ENV) == null, Publisher.API_KEY_ENV + " is set");

        Printed.Run run = printed.main("publish", "--source", project.root().toString(), "--output", localSite.toString(),
                "--api", "https://data.gouv.invalid/api/1", "--dry-run");

        assertEquals(2, run.code(), run.err());
        assertEquals("vitrine: the site's public address in the built files, http://localhost:8000/donnees/, is local "
                + "(localhost): data.gouv.fr refuses it (and its readers could not follow it). Set site.host in "
                + "jbake.properties or build with --base-url https://…/, then publish\n", run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://localhost:8000/|is local (localhost)",
            "http://LOCALHOST./|is local (localhost)",
            "https://app.localhost/|is local (app.localhost)",
            "https://127.0.0.1/|is local (127.0.0.1)",
            "https://127.8.9.10/|is local (127.8.9.10)",
            "https://[::1]/|is local ([::1])",
            "https://10.1.2.3/|is a private address (10.1.2.3)",
            "https://172.16.0.1/|is a private address (172.16.0.1)",
            "https://172.31.255.254/|is a private address (172.31.255.254)",
            "https://192.168.1.10/|is a private address (192.168.1.10)",
            "https://[fd12:3456::1]/|is a private address ([fd12:3456::1])",
            "https://169.254.1.1/|is a private address (169.254.1.1)",
            "https://0.0.0.0/|is a private address (0.0.0.0)",
            "https://vitrine.local/|is a local network name (vitrine.local)",
            "http://vitrine.example.org/|is not https",
            // What data.gouv.fr refuses after the upload: shared space, numbers, dotless and reserved names.
            "https://100.64.0.1/|is in the shared address space 100.64.0.0/10 of internet providers (100.64.0.1)",
            "https://100.127.255.254/|is in the shared address space 100.64.0.0/10 of internet providers (100.127.255.254)",
            "https://2130706433/|is an address written as a number (2130706433), which readers take for another one: "
                    + "write the site's name",
            "https://0x7f000001/|is an address written as a number (0x7f000001), which readers take for another one: "
                    + "write the site's name",
            "https://0177.0.0.1/|is an address written as a number (0177.0.0.1), which readers take for another one: "
                    + "write the site's name",
            "https://017.0.0.1/|is an address with a leading zero (017.0.0.1), which some readers read as octal",
            "https://intranet/|has no dot (intranet): a name of a local network, not a public one",
            "https://vitrine.test/|ends with .test, a name reserved for tests and private networks (vitrine.test)",
            "https://vitrine.example/|ends with .example, a name reserved for tests and private networks (vitrine.example)",
            "https://vitrine.invalid/|ends with .invalid, a name reserved for tests and private networks (vitrine.invalid)",
            "https://vitrine.internal/|ends with .internal, a name reserved for tests and private networks (vitrine.internal)",
            "https://100.128.0.1/|",
            "https://1.2.3.4/|",
            "https://beta.gouv.fr/|",
            "https://172.32.0.1/|",
            "https://vitrine.example.org/|",
            "https://local.example.org/|",
            "https://10.example.org/|"})
    void aPublicAddressIsHttpsOnAHostThatIsNeitherLocalNorPrivate(String url, String why) {
        assertEquals(why, Addresses.notPublic(URI.create(url)), url);
        printed.add(url);
    }

    // ---- Only what the build wrote in the site folder ----

    @Test
    void aSymlinkedFileIsRefusedBeforeAnyRequest() throws IOException {
        Path file = site.toRealPath().resolve("donnees/conventions.csv");
        Path outside = tmp.resolve("ailleurs.csv");
        Files.move(file, outside); // same bytes: only the link is wrong
        Files.createSymbolicLink(file, outside);

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals(file + " is a symbolic link: publish sends only files the build wrote in the site folder; rebuild",
                e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void aSymlinkedDataFolderIsRefused() throws IOException {
        Path dir = site.resolve("donnees");
        Path outside = tmp.resolve("ailleurs");
        Files.move(dir, outside);
        Files.createSymbolicLink(dir, outside);

        IOException e = assertThrows(IOException.class, this::publish);

        assertTrue(e.getMessage().endsWith("donnees is a symbolic link: publish sends only files the build wrote in the "
                + "site folder; rebuild"), e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void aListedFileOutsideTheDataFolderIsRefused() throws IOException {
        Files.writeString(site.resolve("secret.txt"), "secret");
        editPlan(plan -> ((ArrayNode) plan.path("resources")).addObject().put("path", "../secret.txt"));

        IOException e = assertThrows(IOException.class, this::publish);

        assertTrue(e.getMessage().startsWith("../secret.txt (listed in udata.json) is outside "), e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"dataset\": ", "[]", "{\"dataset\": {}, \"resources\": {}}"})
    void aBrokenUdataJsonIsAClearError(String text) throws IOException {
        Path file = site.toRealPath().resolve("donnees/udata.json");
        Files.writeString(file, text);

        IOException e = assertThrows(IOException.class, this::publish);

        assertTrue(e.getMessage().equals(file + " is not valid JSON; rebuild")
                || e.getMessage().equals(file + " is not a dataset as the build writes it; rebuild"), e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    // ---- Whatever the descriptors list is published ----

    @Test
    void aResourceOfAFormatPublishHasNeverSeenIsUploadedLikeTheOthers() throws Exception {
        byte[] bytes = "PK\u0003\u0004 une feuille de calcul".getBytes(StandardCharsets.UTF_8);
        Files.write(site.resolve("donnees/essai-nouveau-format.ods"), bytes);
        String mime = "application/vnd.oasis.opendocument.spreadsheet";
        editPlan(plan -> {
            ObjectNode r = ((ArrayNode) plan.path("resources")).addObject();
            r.put("path", "essai-nouveau-format.ods");
            r.put("title", "Essai (tableur)");
            r.put("description", "Un format nouveau.");
            r.put("type", "main");
            r.put("format", "ods");
            r.put("mime", mime);
            r.put("filesize", bytes.length);
            r.putObject("checksum").put("type", "sha256").put("value", Trees.sha256(bytes));
            return r.putObject("extras").put("vitrine:id", "essai-nouveau-format.ods");
        });

        publish();

        ObjectNode r = resource(fake.datasets().get(0), "essai-nouveau-format.ods");
        assertNotNull(r);
        assertArrayEquals(bytes, fake.content(r.path("id").asText()));
        assertEquals(mime, r.path("mime").asText());
        assertEquals("ods", r.path("format").asText());
        assertEquals("Essai (tableur)", r.path("title").asText());
        assertEquals(Trees.sha256(bytes), r.path("extras").path("vitrine:sha256").asText());
    }

    @Test
    void aFileDescribedInTheDataPackageButMissingFromUdataJsonStopsPublication() throws IOException {
        JsonNode removed = editPlan(plan -> ((ArrayNode) plan.path("resources")).remove(0));

        IOException e = assertThrows(IOException.class, this::publish);

        assertEquals("datapackage.json lists " + removed.path("path").asText() + " but udata.json does not; rebuild",
                e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    // ---- helpers ----

    private int port() {
        return URI.create(fake.base()).getPort();
    }

    private String publish() throws IOException {
        return publish(new DataGouvApi(fake.base(), KEY));
    }

    private String publish(DataGouvApi api) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new Publisher(api, new PrintStream(out, true, StandardCharsets.UTF_8))
                    .publish(new Publisher.Options(site, null, null, false));
        } catch (IOException e) {
            assertEquals(1, e.getMessage().lines().count(), "one line: " + e.getMessage());
            throw printed.add(e);
        } finally {
            printed.add(out.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Changes udata.json; returns what {@code change} returns. */
    private <T> T editPlan(java.util.function.Function<ObjectNode, T> change) throws IOException {
        Path file = site.resolve("donnees/udata.json");
        ObjectNode plan = (ObjectNode) JSON.readTree(file.toFile());
        T result = change.apply(plan);
        JSON.writeValue(file.toFile(), plan);
        return result;
    }

    private static ObjectNode resource(JsonNode dataset, String key) {
        for (JsonNode r : dataset.path("resources")) {
            if (r.path("extras").path("vitrine:id").asText().equals(key)) {
                return (ObjectNode) r;
            }
        }
        return null;
    }

    private static FakeDataGouv.Responder redirect(int status, String location) {
        return x -> {
            x.getResponseHeaders().set("Location", location);
            x.sendResponseHeaders(status, -1);
        };
    }

    /** A list page without our dataset, pointing to {@code next}. */
    private static FakeDataGouv.Responder list(String next) {
        ObjectNode page = JSON.createObjectNode();
        page.putArray("data");
        page.put("next_page", next);
        return FakeDataGouv.raw(200, "application/json", page.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Headers at once, then one byte every 100 ms (a minute in all, unless the client hangs up first). */
    private static FakeDataGouv.Responder trickle() {
        return x -> {
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(200, 600);
            OutputStream out = x.getResponseBody();
            try {
                for (int i = 0; i < 600; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up, as it should
            }
        };
    }


    /** "Another host": records every request it gets (and whether it carried the key), answers 200. */
    private static final class Catcher implements AutoCloseable {
        private final HttpServer server;
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

        Catcher() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", x -> {
                x.getRequestBody().readAllBytes();
                requests.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath()
                        + (x.getRequestHeaders().containsKey("X-API-KEY") ? " WITH KEY" : " without key"));
                byte[] body = "ancienne version".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
