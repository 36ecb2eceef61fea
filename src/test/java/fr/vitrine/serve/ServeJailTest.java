package fr.vitrine.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server answers only with files of the site: every way of writing a path that leads outside it is refused (400)
 * or not found (404), sent as raw request lines so that no client normalises them first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServeJailTest {

    private static final String SECRET = "SECRET-OUTSIDE-THE-SITE";

    ServeFixture fixture;
    Path site;
    Path secret;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        fixture = new ServeFixture(dir);
        site = fixture.serve.site();
        // Beside the site, in the server's own work folder, and links inside the site leading to it.
        secret = site.resolveSibling("secret.txt");
        Files.writeString(secret, SECRET);
        Files.createSymbolicLink(site.resolve("leak.txt"), secret);
        Files.createSymbolicLink(site.resolve("leakdir"), site.getParent());
        Files.createSymbolicLink(site.resolve("conventions/leak.txt"), Path.of("../../secret.txt"));
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    Stream<Arguments> outside() {
        String absolute = secret.toString();
        List<Arguments> forms = new ArrayList<>();
        forms.add(Arguments.of("dot-dot", "/../secret.txt"));
        forms.add(Arguments.of("dot-dot after a folder", "/conventions/../../secret.txt"));
        forms.add(Arguments.of("dot-dot without leading slash", "../secret.txt"));
        forms.add(Arguments.of("encoded dot-dot", "/%2e%2e/secret.txt"));
        forms.add(Arguments.of("encoded dot-dot, upper case", "/%2E%2E/secret.txt"));
        forms.add(Arguments.of("half-encoded dot-dot", "/.%2e/secret.txt"));
        forms.add(Arguments.of("encoded slash", "/..%2fsecret.txt"));
        forms.add(Arguments.of("encoded slashes", "/conventions%2f..%2f..%2fsecret.txt"));
        forms.add(Arguments.of("double-encoded", "/%252e%252e/secret.txt"));
        forms.add(Arguments.of("backslash", "/..\\secret.txt"));
        forms.add(Arguments.of("encoded backslash", "/..%5csecret.txt"));
        forms.add(Arguments.of("encoded NUL", "/leak.txt%00.html"));
        forms.add(Arguments.of("raw NUL", "/../secret.txt\0.html"));
        forms.add(Arguments.of("overlong dot", "/%c0%ae%c0%ae/secret.txt"));
        forms.add(Arguments.of("overlong slash", "/..%c0%afsecret.txt"));
        forms.add(Arguments.of("three-byte overlong dot", "/%e0%80%ae%e0%80%ae/secret.txt"));
        forms.add(Arguments.of("absolute path", "/" + absolute));
        forms.add(Arguments.of("absolute path, encoded", "/" + absolute.replace("/", "%2f")));
        forms.add(Arguments.of("absolute-form target", "http://127.0.0.1/../secret.txt"));
        forms.add(Arguments.of("drive letter", "/C:/Windows/win.ini"));
        forms.add(Arguments.of("system file", "/etc/passwd"));
        forms.add(Arguments.of("symbolic link to a file outside", "/leak.txt"));
        forms.add(Arguments.of("symbolic link to a folder outside", "/leakdir/secret.txt"));
        forms.add(Arguments.of("relative symbolic link outside", "/conventions/leak.txt"));
        forms.add(Arguments.of("hidden file", "/.vitrine-output"));
        return forms.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("outside")
    void refusesPathsLeadingOutside(String form, String target) throws IOException {
        String answer = fixture.raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        int status = ServeFixture.status(answer);
        assertTrue(status == 400 || status == 404, form + ": " + status);
        assertFalse(answer.contains(SECRET), form + " read the file outside the site");
        assertFalse(answer.contains("root:x:0:0"), form + " read a system file");
    }

    @Test
    void servesWhatIsInside() throws IOException {
        // The same request shapes reach the site's own files: the refusals above are not blanket ones.
        String page = fixture.raw("GET /conventions/ecosante-delegation-dgpr-dgs/index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(200, ServeFixture.status(page));
        String encoded = fixture.raw("GET /conventions/%65cosante-delegation-dgpr-dgs/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(200, ServeFixture.status(encoded));
        Files.createSymbolicLink(site.resolve("inside.html"), site.resolve("index.html"));
        assertEquals(200, ServeFixture.status(fixture.raw("GET /inside.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")));
    }

    @Test
    void answersOnlyRequestsNamingThisMachine() throws IOException {
        // A hostile site whose name resolves to 127.0.0.1 (DNS rebinding) sends its own name as Host.
        for (String host : List.of("evil.example", "evil.example:" + fixture.port(), "127.0.0.1.evil.example", "")) {
            String answer = fixture.raw("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertEquals(403, ServeFixture.status(answer), host);
            assertFalse(answer.contains("<html"), host);
        }
        assertEquals(403, ServeFixture.status(fixture.raw("GET " + LiveReload.EVENTS + " HTTP/1.1\r\nHost: evil.example\r\n"
                + "Connection: close\r\n\r\n")));
        for (String host : List.of("localhost:" + fixture.port(), "127.0.0.1", "[::1]:" + fixture.port(), "LOCALHOST")) {
            assertEquals(200, ServeFixture.status(fixture.raw("GET / HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n")), host);
        }
    }

    @Test
    void jailDecodesStrictly() {
        assertTrue(Jail.resolve(site, "/%c0%ae%c0%ae/") instanceof Jail.Bad);
        assertTrue(Jail.resolve(site, "/%zz") instanceof Jail.Bad);
        assertTrue(Jail.resolve(site, "/%2") instanceof Jail.Bad);
        assertTrue(Jail.resolve(site, "/a%e2%80%aeb") instanceof Jail.Bad, "a bidirectional override");
        assertTrue(Jail.resolve(site, "/conventions") instanceof Jail.Redirect);
        assertTrue(Jail.resolve(site, "/%C3%A9t%C3%A9/") instanceof Jail.Missing);
    }

    @Test
    void aBusyPortIsAUsageErrorSuggestingAnother(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Serve.UsageException e = assertThrows(Serve.UsageException.class, () -> Serve.start(
                    new Serve.Options(fixture.project.root(), "127.0.0.1", taken.getLocalPort(), false),
                    System.out, System.err));
            assertTrue(e.getMessage().contains("--port"), e.getMessage());
            assertEquals(2, fr.vitrine.cli.Main.run("serve", "--source", fixture.project.root().toString(), "--port",
                    Integer.toString(taken.getLocalPort())));
        }
        assertEquals(2, fr.vitrine.cli.Main.run("serve", "--source", dir.resolve("none").toString(), "--port", "0"));
    }

    /**
     * On every address (0.0.0.0) the Host check stays: localhost, this machine's addresses and the names given with
     * --host are answered, any other name is refused, and the warning says so. Before, binding a network address
     * turned the check off (DNS rebinding then read the site).
     */
    @Test
    void aNetworkBindKeepsTheHostCheckAndSaysSo() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Serve serve = Serve.start(new Serve.Options(fixture.project.root(), "0.0.0.0", 0, false,
                List.of("Vitrine.LAN")), System.out, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            int port = URI.create(serve.url()).getPort();
            String err = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(err.contains("only requests naming localhost, ") && err.contains(" or a --host name are "
                    + "answered (a Host check against DNS rebinding)"), err);
            List<String> allowed = new ArrayList<>(List.of("localhost:" + port, "vitrine.lan:" + port, "VITRINE.lan"));
            NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst()
                    .ifPresent(a -> allowed.add(a.getHostAddress() + ":" + port));
            for (String host : allowed) {
                assertEquals(200, ServeFixture.status(raw(port, host)), host);
            }
            for (String host : List.of("evil.example", "evil.example:" + port, "vitrine.lan.evil.example", "")) {
                assertEquals(403, ServeFixture.status(raw(port, host)), host);
            }
        }
    }

    /** An address of another machine is said to be one, not a busy port. */
    @Test
    void bindingAnotherMachinesAddressIsSaidToBeOne() {
        // 192.0.2.0/24 is reserved for documentation (RFC 5737): never this machine's.
        Serve.UsageException e = assertThrows(Serve.UsageException.class, () -> Serve.start(
                new Serve.Options(fixture.project.root(), "192.0.2.7", 0, false), System.out, System.err));
        assertTrue(e.getMessage().startsWith("--bind 192.0.2.7 is not an address of this machine (its addresses: "),
                e.getMessage());
        assertFalse(e.getMessage().contains("--port"), e.getMessage());
    }

    private static String raw(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
