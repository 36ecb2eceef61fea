package fr.vitrine.evidence;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.EvidenceCheck;
import fr.vitrine.model.EvidenceCheck.Outcome;
import fr.vitrine.model.Product;
import fr.vitrine.model.Standard;
import fr.vitrine.read.EvidenceFile;
import fr.vitrine.diagnostics.Diagnostics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vitrine evidence} against a local https server (127.0.0.1, a certificate made by keytool for the test):
 * each outcome reproduced — a page, a missing page, a redirect to http, a redirect loop, a server that never
 * answers, a huge body, a HEAD refused, a page robots.txt excludes, an http address — and a second run the same day
 * that fetches nothing unless forced.
 */
class EvidenceTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    @TempDir
    static Path tmp;
    static HttpsServer server;
    static SSLContext ssl;
    static String base;
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static final List<String> agents = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path keystore = tmp.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "local", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newFixedThreadPool(8));
        base = "https://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", EvidenceTest::handle);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        hits.computeIfAbsent(x.getRequestMethod() + " " + path, k -> new AtomicInteger()).incrementAndGet();
        agents.add(x.getRequestHeaders().getFirst("User-Agent"));
        try (x) {
            switch (path) {
                case "/robots.txt" -> send(x, 200, "User-agent: *\nDisallow: /prive/\n\nUser-agent: AutreRobot\nDisallow: /\n");
                case "/stats" -> send(x, 200, "<html><body><h1>Statistiques d'usage</h1></body></html>");
                case "/budget" -> send(x, 200, "<html><body><h1>Budget</h1></body></html>");
                case "/absente" -> send(x, 404, "introuvable");
                case "/vers-http" -> redirect(x, "http://127.0.0.1:" + server.getAddress().getPort() + "/stats");
                case "/boucle" -> redirect(x, "/boucle");
                case "/deplacee" -> redirect(x, "/stats");
                case "/lente" -> {
                    try {
                        Thread.sleep(9000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    send(x, 200, "trop tard");
                }
                case "/enorme" -> {
                    x.sendResponseHeaders(200, 0);
                    byte[] chunk = "statistiques ".repeat(5000).getBytes(StandardCharsets.UTF_8);
                    try (OutputStream o = x.getResponseBody()) {
                        for (int i = 0; i < 10_000; i++) {
                            o.write(chunk);
                        }
                    } catch (IOException closedByClient) {
                        // expected: the checker stops reading
                    }
                }
                case "/sans-head" -> send(x, x.getRequestMethod().equals("HEAD") ? 405 : 200, "ok");
                case "/prive/page" -> send(x, 200, "secret");
                default -> send(x, 500, "?");
            }
        }
    }

    static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (x.getRequestMethod().equals("HEAD")) {
            x.sendResponseHeaders(status, -1);
            return;
        }
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    static void redirect(HttpExchange x, String to) throws IOException {
        x.getResponseHeaders().add("Location", to);
        x.sendResponseHeaders(302, -1);
    }

    static Fetcher.Settings settings() {
        return new Fetcher.Settings(3, Duration.ofSeconds(3), Duration.ofSeconds(60), 64 * 1024, 5,
                "Vitrine/test (evidence check; +https://github.com/OWNER/vitrine)", ssl);
    }

    static EvidenceCheck check(String path, boolean statistics) {
        return new Fetcher(settings()).check(path.startsWith("http") ? path : base + path, statistics, TODAY);
    }

    @Test
    void eachOutcomeAsTheServerGivesIt() {
        EvidenceCheck ok = check("/stats", true);
        assertEquals(Outcome.REACHABLE, ok.outcome());
        assertEquals(200, ok.status());
        assertEquals(true, ok.namesStatistics());
        assertEquals("vérifié le 6\u00A0décembre\u00A02026", ok.sentence(), "no-break spaces inside the date");
        assertEquals(false, check("/budget", true).namesStatistics());
        assertNull(check("/budget", false).namesStatistics(), "only a statistics page is read");

        EvidenceCheck missing = check("/absente", false);
        assertEquals(Outcome.HTTP_ERROR, missing.outcome());
        assertEquals(404, missing.status());
        assertEquals("adresse injoignable le 6\u00A0décembre\u00A02026, code HTTP 404", missing.sentence());

        EvidenceCheck moved = check("/deplacee", false);
        assertEquals(Outcome.REACHABLE, moved.outcome());
        assertEquals(base + "/stats", moved.finalAddress());

        EvidenceCheck toHttp = check("/vers-http", false);
        assertEquals(Outcome.HTTP_REDIRECT, toHttp.outcome());
        assertEquals(302, toHttp.status());
        assertTrue(toHttp.finalAddress().startsWith("http://"), toHttp.finalAddress());

        EvidenceCheck loop = check("/boucle", false);
        assertEquals(Outcome.TOO_MANY_REDIRECTS, loop.outcome());
        assertEquals(6, hits.get("HEAD /boucle").get(), "the first request and 5 redirects, no more");

        long start = System.nanoTime();
        EvidenceCheck slow = check("/lente", false);
        assertEquals(Outcome.TIMEOUT, slow.outcome());
        assertTrue(System.nanoTime() - start < 7_000_000_000L, "bounded by the 3 s timeout, not the 9 s answer");

        start = System.nanoTime();
        EvidenceCheck huge = check("/enorme", true);
        assertEquals(Outcome.REACHABLE, huge.outcome());
        assertEquals(true, huge.namesStatistics());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "650 MB never read: 64 KiB then stop");

        EvidenceCheck noHead = check("/sans-head", false);
        assertEquals(Outcome.REACHABLE, noHead.outcome());
        assertEquals(1, hits.get("GET /sans-head").get(), "GET after the refused HEAD");

        EvidenceCheck excluded = check("/prive/page", false);
        assertEquals(Outcome.ROBOTS, excluded.outcome());
        assertNull(hits.get("HEAD /prive/page"), "robots.txt honoured: never asked");
        assertNull(hits.get("GET /prive/page"));

        EvidenceCheck http = check("http://127.0.0.1:9/stats", false);
        assertEquals(Outcome.NOT_HTTPS, http.outcome());
        assertNull(http.status());

        EvidenceCheck refused = check("https://127.0.0.1:9/stats", false);
        assertEquals(Outcome.NETWORK, refused.outcome());

        assertTrue(agents.stream().allMatch(a -> a.startsWith("Vitrine/test (evidence check; ")), agents.toString());
    }

    @Test
    void robotsRulesFollowRfc9309() {
        Robots r = Robots.parse("User-agent: *\nDisallow: /\n\nUser-agent: vitrine\nUser-agent: other\n"
                + "Disallow: /prive\nAllow: /prive/public$\nDisallow: /*.pdf$\n", "Vitrine");
        assertTrue(r.allows("/stats"), "its own group, not *");
        assertFalse(r.allows("/prive/x"));
        assertTrue(r.allows("/prive/public"));
        assertFalse(r.allows("/prive/public/x"));
        assertFalse(r.allows("/docs/budget.pdf"));
        assertTrue(r.allows("/docs/budget.pdf?v=1"));
        assertFalse(Robots.parse("User-agent: *\nDisallow: /\n", "Vitrine").allows("/stats"));
        assertTrue(Robots.parse("User-agent: *\nDisallow:\n", "Vitrine").allows("/stats"));
    }

    @Test
    void aSecondRunTheSameDayFetchesNothingUnlessForced() throws Exception {
        Standard stats = new Standard("statistiques-publiques", "Statistiques publiques", "Une page.",
                List.of(new Standard.Field("stats_url", Standard.Kind.ADDRESS, Map.of())), "Règle.", List.of());
        Product product = new Product("service", "Service", null, List.of(), null, List.of(), List.of(), null, null,
                null, null, "", List.of(), false, tmp.resolve("service.md"))
                .withDeclared(Map.of("stats_url", base + "/stats?run"));
        Catalog catalog = new Catalog(List.of(), List.of(), List.of(product), List.of(), Map.of(), TODAY,
                List.of(), List.of(), List.of(stats), Map.of());
        Path file = tmp.resolve("data/evidence.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Evidence evidence = new Evidence(settings(), new PrintStream(out, true, StandardCharsets.UTF_8));

        Map<String, EvidenceCheck> first = evidence.run(catalog, Map.of(), file, TODAY, false);
        int fetched = hits.get("GET /stats").get();
        Map<String, EvidenceCheck> read = EvidenceFile.read(file, new Diagnostics());
        assertEquals(first, read, "the file holds what was found");
        assertEquals(Outcome.REACHABLE, read.get(base + "/stats?run").outcome());

        evidence.run(catalog, read, file, TODAY, false);
        assertEquals(fetched, hits.get("GET /stats").get(), "checked today already: not fetched again");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 checked today already"), out.toString());

        evidence.run(catalog, read, file, TODAY.plusDays(1), false);
        assertEquals(fetched + 1, hits.get("GET /stats").get(), "a day later: fetched again");
        evidence.run(catalog, EvidenceFile.read(file, new Diagnostics()), file, TODAY.plusDays(1), true);
        assertEquals(fetched + 2, hits.get("GET /stats").get(), "--force: fetched again");
    }
}
