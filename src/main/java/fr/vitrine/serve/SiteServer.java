package fr.vitrine.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the last good site on the JDK's HTTP server: GET and HEAD only, files of the site only ({@link Jail}),
 * {@code ETag}/{@code Last-Modified} with 304 answers, the site's 404 page, HTML pages with the reload script (and the
 * error overlay) added ({@link LiveReload}), and the event stream that tells pages to reload.
 */
final class SiteServer implements AutoCloseable {

    /** What is served: the last good site (null before the first), the sources' errors, and the version of both. */
    record State(long version, Path root, List<String> errors, Instant since) {
    }

    /**
     * A change told to the pages: its version, whether every page reloads, the addresses that changed, and whether
     * more changes of the same save follow (the datasets and downloads, written once the pages are served).
     */
    record Change(long version, boolean all, List<String> changed, boolean more) {
        Change(long version, boolean all, List<String> changed) {
            this(version, all, changed, false);
        }
    }

    private static final Change CLOSE = new Change(-1, false, List.of());
    private static final long KEEP_ALIVE_SECONDS = 15;
    /** IMF-fixdate, the form HTTP sends (two-digit day, GMT). */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> TYPES = types();

    private final HttpServer server;
    /** Besides this machine's local names: the addresses and names requests may name in their Host header. */
    private final Set<String> hosts;
    private final ExecutorService executor;
    private final Set<BlockingQueue<Change>> listeners = new CopyOnWriteArraySet<>();
    private volatile State state = new State(0, null, List.of("vitrine: the site is being built"), Instant.now());

    /** Binds (throws {@link java.net.BindException} when the port is taken); serving starts with {@link #start}. */
    SiteServer(InetSocketAddress address, Set<String> hosts) throws IOException {
        // Answers go out at once instead of waiting for the browser's delayed acknowledgement (Nagle's algorithm):
        // 44 ms a request on a kept-alive connection otherwise, 1.5 ms with it (docs/live-preview.md). The JDK's
        // server reads this once, when its first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(address, 64);
        this.hosts = Set.copyOf(hosts);
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vitrine-serve-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
    }

    /** The address actually bound (the port chosen by the system when 0 was asked). */
    InetSocketAddress address() {
        return server.getAddress();
    }

    State state() {
        return state;
    }

    /** Serves {@code next} from now on and tells every page listening. */
    void publish(State next, Change change) {
        state = next;
        listeners.forEach(l -> l.offer(change));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            boolean head = method.equals("HEAD");
            if (!method.equals("GET") && !head) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "Method not allowed: GET and HEAD only.", head);
                return;
            }
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!localHost(host) && !hosts.contains(name(host))) {
                // A page of another site whose name was pointed at this server (DNS rebinding) reads nothing.
                text(exchange, 403, "Forbidden: ask for localhost, 127.0.0.1 or a name given with --host.", head);
                return;
            }
            if (LiveReload.EVENTS.equals(path)) {
                if (head) {
                    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    events(exchange);
                }
                return;
            }
            State now = state;
            if (now.root() == null) {
                send(exchange, 503, "text/html; charset=utf-8", bytes(LiveReload.errorPage(now.version(), now.errors())),
                        head);
                return;
            }
            Jail.Target target = Jail.resolve(now.root(), path);
            if (target instanceof Jail.Found found) {
                file(exchange, now, found.file(), head);
            } else if (target instanceof Jail.Redirect redirect) {
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().set("Location", redirect.location() + (query == null ? "" : "?" + query));
                text(exchange, 301, "Moved.", head);
            } else if (target instanceof Jail.Missing) {
                notFound(exchange, now, head);
            } else {
                text(exchange, 400, "Bad request.", head);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            exchange.close();
        }
    }

    private void file(HttpExchange exchange, State now, Path file, boolean head) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String type = type(file);
        boolean html = type.startsWith("text/html");
        Instant modified = attributes.lastModifiedTime().toInstant();
        String tag = Long.toHexString(attributes.size()) + "-" + Long.toHexString(modified.toEpochMilli() * 1000
                + modified.getNano() / 1000 % 1000) + "-" + Integer.toHexString(String.valueOf(attributes.fileKey()).hashCode());
        if (html) {
            // The page served depends on the version too (script, overlay).
            tag += "-v" + now.version();
            modified = modified.isAfter(now.since()) ? modified : now.since();
        }
        Headers headers = exchange.getResponseHeaders();
        String etag = "\"" + tag + "\"";
        headers.set("ETag", etag);
        headers.set("Last-Modified", HTTP_DATE.format(modified));
        headers.set("Cache-Control", "no-cache");
        if (notModified(exchange.getRequestHeaders(), etag, modified)) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        if (html) {
            byte[] page = bytes(LiveReload.inject(Files.readString(file, StandardCharsets.UTF_8), now.version(),
                    now.errors()));
            send(exchange, 200, type, page, head);
            return;
        }
        headers.set("Content-Type", type);
        headers.set("X-Content-Type-Options", "nosniff");
        if (head) {
            headers.set("Content-Length", Long.toString(attributes.size()));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, attributes.size() == 0 ? -1 : attributes.size());
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    /** Whether a Host header names this machine: localhost, a 127.x.x.x address or [::1], with any port. */
    static boolean localHost(String host) {
        if (host == null) {
            return false;
        }
        String name = name(host);
        return name.equals("localhost") || name.equals("[::1]") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** A Host header without its port, in lower case. */
    private static String name(String host) {
        return host == null ? "" : host.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
    }

    /** If-None-Match first (a list of tags or *); If-Modified-Since only without it, compared to the second. */
    private static boolean notModified(Headers request, String etag, Instant modified) {
        String match = request.getFirst("If-None-Match");
        if (match != null) {
            for (String candidate : match.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        String since = request.getFirst("If-Modified-Since");
        if (since != null) {
            try {
                return modified.getEpochSecond() <= ZonedDateTime.parse(since, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toEpochSecond();
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private void notFound(HttpExchange exchange, State now, boolean head) throws IOException {
        Path page = now.root().resolve("404.html");
        if (Files.isRegularFile(page)) {
            send(exchange, 404, "text/html; charset=utf-8",
                    bytes(LiveReload.inject(Files.readString(page, StandardCharsets.UTF_8), now.version(), now.errors())),
                    head);
        } else {
            text(exchange, 404, "Not found.", head);
        }
    }

    /** The event stream: one {@code reload} event per change; at once when the page is older than the site. */
    private void events(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        BlockingQueue<Change> queue = new LinkedBlockingQueue<>();
        listeners.add(queue);
        try {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes("retry: 500\n\n"));
            out.flush();
            long since = since(exchange);
            State now = state;
            if (since >= 0 && since != now.version()) {
                queue.offer(new Change(now.version(), true, List.of()));
            }
            while (true) {
                Change change = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                if (change == CLOSE) {
                    return;
                }
                out.write(bytes(change == null ? ": keep-alive\n\n" : "id: " + change.version() + "\nevent: reload\ndata: "
                        + JSON.writeValueAsString(change) + "\n\n"));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listeners.remove(queue);
        }
    }

    /** The version the page had: the stream's Last-Event-ID on reconnection, else {@code ?since=}; -1 when unknown. */
    private static long since(HttpExchange exchange) {
        String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
        String query = exchange.getRequestURI().getRawQuery();
        String value = last != null ? last
                : query != null && query.startsWith("since=") ? query.substring("since=".length()) : null;
        try {
            return value == null ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void text(HttpExchange exchange, int status, String message, boolean head) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", bytes(message + "\n"), head);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean head)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("X-Content-Type-Options", "nosniff");
        if (head) {
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String type(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static Map<String, String> types() {
        Map<String, String> t = new LinkedHashMap<>();
        String utf8 = "; charset=utf-8";
        t.put("html", "text/html" + utf8);
        t.put("css", "text/css" + utf8);
        t.put("js", "text/javascript" + utf8);
        t.put("json", "application/json" + utf8);
        t.put("jsonld", "application/ld+json" + utf8);
        t.put("webmanifest", "application/manifest+json" + utf8);
        t.put("csv", "text/csv" + utf8);
        t.put("xml", "application/xml" + utf8);
        t.put("txt", "text/plain" + utf8);
        t.put("md", "text/markdown" + utf8);
        t.put("ttl", "text/turtle" + utf8);
        t.put("svg", "image/svg+xml");
        t.put("png", "image/png");
        t.put("jpg", "image/jpeg");
        t.put("jpeg", "image/jpeg");
        t.put("gif", "image/gif");
        t.put("webp", "image/webp");
        t.put("ico", "image/vnd.microsoft.icon");
        t.put("woff", "font/woff");
        t.put("woff2", "font/woff2");
        t.put("pdf", "application/pdf");
        t.put("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        t.put("zip", "application/zip");
        return Map.copyOf(t);
    }

    /** Ends every event stream, then stops the server. */
    @Override
    public void close() {
        listeners.forEach(l -> l.offer(CLOSE));
        server.stop(0);
        executor.shutdownNow();
    }
}
