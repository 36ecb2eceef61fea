package fr.vitrine.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small data.gouv.fr (udata API v1) for tests, on 127.0.0.1 and a free port. It keeps datasets and their resources
 * in memory and serves the calls {@code vitrine publish} makes under {@code /api/1}; uploaded files are served back
 * under {@code /static/}, which is where resource URLs point. Every API call needs the right {@code X-API-KEY}.
 * Every call is recorded (paths are given without the {@code /api/1} prefix, as {@link DataGouvApi} names them), and
 * a call can be made to fail with {@link #failOn}, or answered by a test's own {@link Responder} (a redirect, a trickle,
 * a loop, a body that is not JSON) with {@link #answer}. Requests are served in parallel (a trickling answer does not
 * hold the others up).
 */
public final class FakeDataGouv implements AutoCloseable {

    /** A call received: method, path (with its query) and the status answered; {@code body} is the JSON sent, if any. */
    public record Call(String method, String path, int status, String body) {
        public boolean isUpload() {
            return method.equals("POST") && path.endsWith("/upload/");
        }

        public boolean isMutating() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }

    private record Failure(String method, Pattern path, int nth, int status, String body) {
    }

    /** Writes the whole answer to a request, in place of the fake's own. */
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private record Takeover(String method, Pattern path, int nth, boolean process, Responder responder) {
    }

    private record Part(String fileName, String contentType, byte[] content) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/1";

    private final String key;
    private final HttpServer server;
    private final String root;
    private final Map<String, ObjectNode> datasets = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final Map<Object, Integer> seen = new HashMap<>();
    private final List<Takeover> takeovers = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int ids;
    /** The largest page a list answers, whatever page_size asks (udata caps it too). */
    private int maxPageSize = 20;

    public FakeDataGouv(String key) {
        this.key = key;
        // Answers go out at once, not after the client's delayed acknowledgement (Nagle): 40 ms a request otherwise.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
        root = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The API root to give {@link DataGouvApi}. */
    public String base() {
        return root + API;
    }

    /** The origin of the server, e.g. http://127.0.0.1:12345. */
    public String root() {
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- What tests set up and look at ----

    /** Makes the {@code nth} call (counted from now) of {@code method} whose path matches {@code pathRegex} fail. */
    public synchronized void failOn(String method, String pathRegex, int nth, int status, String body) {
        Objects.requireNonNull(body);
        failures.add(new Failure(method, Pattern.compile(pathRegex), nth, status, body));
    }

    /**
     * Makes the {@code nth} call (counted from now; 0 for every call) of {@code method} whose path matches
     * {@code pathRegex} answered by {@code responder}; with {@code process}, the fake handles the call first (e.g. creates the dataset), then the
     * responder's answer replaces its own.
     */
    public synchronized void answer(String method, String pathRegex, int nth, boolean process, Responder responder) {
        takeovers.add(new Takeover(method, Pattern.compile(pathRegex), nth, process, responder));
    }

    /** Answers with {@code status} and {@code body} as they are (e.g. not JSON, or with terminal escapes). */
    public static Responder raw(int status, String contentType, byte[] body) {
        return x -> {
            x.getResponseHeaders().set("Content-Type", contentType);
            x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        };
    }

    public synchronized void maxPageSize(int size) {
        maxPageSize = size;
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized void clearCalls() {
        calls.clear();
    }

    /** Copies of the datasets held, in creation order. */
    public synchronized List<ObjectNode> datasets() {
        return datasets.values().stream().map(ObjectNode::deepCopy).toList();
    }

    /** The stored content of a resource (what its URL serves). */
    public synchronized byte[] content(String resourceId) {
        for (ObjectNode d : datasets.values()) {
            for (JsonNode r : d.path("resources")) {
                if (r.path("id").asText().equals(resourceId)) {
                    return files.get(localPath(r.path("url").asText())).clone();
                }
            }
        }
        throw new IllegalArgumentException("no resource " + resourceId);
    }

    /** Changes a dataset as someone on data.gouv.fr would (between runs). */
    public synchronized void edit(String datasetId, Consumer<ObjectNode> change) {
        change.accept(datasets.get(datasetId));
    }

    /** Adds a dataset made by someone else (for list pagination). */
    public synchronized ObjectNode add(String title, ObjectNode extras) {
        ObjectNode body = JSON.createObjectNode().put("title", title);
        body.set("extras", extras);
        return createDataset(body).deepCopy();
    }

    // ---- The server ----

    private void handle(HttpExchange x) throws IOException {
        Takeover takeover;
        synchronized (this) {
            takeover = takeover(x.getRequestMethod(), path(x));
            if (takeover == null || takeover.process()) {
                handleHere(x, takeover == null);
            } else {
                x.getRequestBody().readAllBytes();
                calls.add(new Call(x.getRequestMethod(), path(x), 0, null));
            }
        }
        if (takeover != null) {
            try {
                takeover.responder().respond(x);
            } finally {
                x.close();
            }
        }
    }

    private static String path(HttpExchange x) {
        String full = x.getRequestURI().getRawPath();
        String query = x.getRequestURI().getRawQuery();
        return (full.startsWith(API + "/") ? full.substring(API.length()) : full) + (query == null ? "" : "?" + query);
    }

    private Takeover takeover(String method, String path) {
        for (Takeover t : takeovers) {
            if (t.method().equals(method) && t.path().matcher(path).matches()) {
                int n = seen.merge(t, 1, Integer::sum);
                if (t.nth() == 0 || n == t.nth()) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Handles a call; answers it when {@code reply}. */
    private void handleHere(HttpExchange x, boolean reply) throws IOException {
        String method = x.getRequestMethod();
        String full = x.getRequestURI().getRawPath();
        String query = x.getRequestURI().getRawQuery();
        String path = path(x);
        byte[] body = x.getRequestBody().readAllBytes();
        String contentType = x.getRequestHeaders().getFirst("Content-Type");
        String recorded = contentType != null && contentType.startsWith("application/json")
                ? new String(body, StandardCharsets.UTF_8) : null;
        int status;
        byte[] answer;
        String answerType = "application/json; charset=utf-8";
        Failure failure = failure(method, path);
        try {
            if (failure != null) {
                status = failure.status();
                answer = failure.body().getBytes(StandardCharsets.UTF_8);
            } else if (full.startsWith("/static/") && method.equals("GET")) {
                byte[] file = files.get(full);
                status = file == null ? 404 : 200;
                answer = file == null ? error("file not found") : file;
                answerType = "application/octet-stream";
            } else if (!full.startsWith(API + "/")) {
                status = 404;
                answer = error("not found");
            } else if (!key.equals(x.getRequestHeaders().getFirst("X-API-KEY"))) {
                status = 401;
                answer = error("Invalid API Key");
            } else {
                Answer a = api(method, full.substring(API.length()), query, contentType, body);
                status = a.status();
                answer = a.body() == null ? new byte[0] : JSON.writeValueAsBytes(a.body());
            }
        } catch (RuntimeException | IOException e) { // a body that does not parse
            status = 400;
            answer = error(String.valueOf(e.getMessage()));
        }
        calls.add(new Call(method, path, status, recorded));
        if (!reply) {
            return;
        }
        x.getResponseHeaders().set("Content-Type", answerType);
        if (status == 204 || answer.length == 0) {
            x.sendResponseHeaders(status, -1);
        } else {
            x.sendResponseHeaders(status, answer.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(answer);
            }
        }
        x.close();
    }

    private Failure failure(String method, String path) {
        for (Failure f : failures) {
            if (f.method().equals(method) && f.path().matcher(path).matches()) {
                int n = seen.merge(f, 1, Integer::sum);
                if (n == f.nth()) {
                    return f;
                }
            }
        }
        return null;
    }

    private record Answer(int status, JsonNode body) {
    }

    private static final Pattern DATASET = Pattern.compile("/datasets/([^/]+)/");
    private static final Pattern UPLOAD = Pattern.compile("/datasets/([^/]+)/upload/");
    private static final Pattern RESOURCE = Pattern.compile("/datasets/([^/]+)/resources/([^/]+)/");
    private static final Pattern REPLACE = Pattern.compile("/datasets/([^/]+)/resources/([^/]+)/upload/");
    private static final Pattern ORGANIZATION = Pattern.compile("/organizations/([^/]+)/datasets/");

    private Answer api(String method, String path, String query, String contentType, byte[] body) throws IOException {
        Matcher m;
        if (method.equals("GET") && path.equals("/me/")) {
            return new Answer(200, JSON.createObjectNode().put("id", "user-1").put("slug", "test-user")
                    .put("first_name", "Test").put("last_name", "User"));
        }
        if (method.equals("GET") && path.equals("/me/datasets/")) {
            return new Answer(200, page(path, query, null));
        }
        if (method.equals("GET") && (m = ORGANIZATION.matcher(path)).matches()) {
            return new Answer(200, page(path, query, m.group(1)));
        }
        if (method.equals("POST") && path.equals("/datasets/")) {
            ObjectNode given = (ObjectNode) JSON.readTree(body);
            if (given.path("title").asText().isBlank()) {
                return new Answer(400, JSON.createObjectNode().put("message", "Validation error")
                        .set("errors", JSON.createObjectNode().set("title", JSON.createArrayNode().add("required"))));
            }
            return new Answer(201, createDataset(given));
        }
        if ((m = UPLOAD.matcher(path)).matches() && method.equals("POST")) {
            ObjectNode d = dataset(m.group(1));
            if (d == null) {
                return notFound("dataset");
            }
            Part file = multipart(contentType, body).get("file");
            if (file == null) {
                return new Answer(400, JSON.createObjectNode().put("message", "file is required"));
            }
            ObjectNode r = JSON.createObjectNode();
            r.put("id", new UUID(0, ++ids).toString());
            r.putNull("description");
            r.put("type", "main");
            r.putNull("schema");
            r.putObject("extras");
            store(d, r, file);
            ((ArrayNode) d.get("resources")).add(r);
            return new Answer(201, r);
        }
        if ((m = REPLACE.matcher(path)).matches() && method.equals("POST")) {
            ObjectNode r = resource(m.group(1), m.group(2));
            if (r == null) {
                return notFound("resource");
            }
            Part file = multipart(contentType, body).get("file");
            if (file == null) {
                return new Answer(400, JSON.createObjectNode().put("message", "file is required"));
            }
            files.remove(localPath(r.path("url").asText()));
            store(dataset(m.group(1)), r, file);
            return new Answer(200, r);
        }
        if ((m = RESOURCE.matcher(path)).matches()) {
            ObjectNode r = resource(m.group(1), m.group(2));
            if (r == null) {
                return notFound("resource");
            }
            switch (method) {
                case "GET":
                    return new Answer(200, r);
                case "PUT":
                    merge(r, (ObjectNode) JSON.readTree(body), "id", "url", "checksum", "filesize");
                    return new Answer(200, r);
                case "DELETE":
                    ((ArrayNode) dataset(m.group(1)).get("resources")).remove(indexOf(dataset(m.group(1)), r));
                    files.remove(localPath(r.path("url").asText()));
                    return new Answer(204, null);
                default:
                    return new Answer(405, JSON.createObjectNode().put("message", "method not allowed"));
            }
        }
        if ((m = DATASET.matcher(path)).matches()) {
            ObjectNode d = dataset(m.group(1));
            if (d == null) {
                return notFound("dataset");
            }
            switch (method) {
                case "GET":
                    return new Answer(200, d);
                case "PUT":
                    merge(d, (ObjectNode) JSON.readTree(body), "id", "slug", "page", "resources");
                    return new Answer(200, d);
                case "DELETE":
                    datasets.remove(d.path("id").asText());
                    for (JsonNode r : d.path("resources")) {
                        files.remove(localPath(r.path("url").asText()));
                    }
                    return new Answer(204, null);
                default:
                    return new Answer(405, JSON.createObjectNode().put("message", "method not allowed"));
            }
        }
        return notFound("endpoint");
    }

    private ObjectNode createDataset(ObjectNode given) {
        String id = String.format("%024x", ++ids);
        String slug = slug(given.path("title").asText());
        for (int n = 2; slugTaken(slug); n++) {
            slug = slug(given.path("title").asText()) + "-" + n;
        }
        ObjectNode d = JSON.createObjectNode();
        d.put("id", id);
        d.put("slug", slug);
        d.put("title", given.path("title").asText());
        d.put("description", "");
        d.put("license", "notspecified");
        d.put("frequency", "unknown");
        d.putNull("temporal_coverage");
        d.putNull("spatial");
        d.putArray("tags");
        d.put("private", false);
        d.putObject("extras");
        d.putNull("organization");
        merge(d, given, "id", "slug", "page", "resources", "organization");
        if (given.hasNonNull("organization")) {
            d.putObject("organization").put("id", given.get("organization").asText());
        }
        d.put("page", root + "/fr/datasets/" + slug + "/");
        d.putArray("resources");
        datasets.put(id, d);
        return d;
    }

    /** A page of the datasets (of an organisation, or all), as udata lists them. */
    private ObjectNode page(String path, String query, String organization) {
        Map<String, String> args = query(query);
        int size = Math.min(maxPageSize, Integer.parseInt(args.getOrDefault("page_size", "20")));
        int page = Integer.parseInt(args.getOrDefault("page", "1"));
        List<ObjectNode> all = datasets.values().stream()
                .filter(d -> organization == null || organization.equals(d.path("organization").path("id").asText()))
                .toList();
        ObjectNode out = JSON.createObjectNode();
        ArrayNode data = out.putArray("data");
        all.stream().skip((long) (page - 1) * size).limit(size).forEach(data::add);
        out.put("page", page);
        out.put("page_size", size);
        out.put("total", all.size());
        if (page * size < all.size()) {
            out.put("next_page", base() + path + "?page=" + (page + 1) + "&page_size=" + size);
        } else {
            out.putNull("next_page");
        }
        return out;
    }

    /** Stores an uploaded file as udata does: title from the file name, format, mime, size, SHA-1, a new URL. */
    private void store(ObjectNode dataset, ObjectNode r, Part file) {
        String name = file.fileName().isBlank() ? "file" : file.fileName();
        String url = "/static/resources/" + dataset.path("slug").asText() + "/" + (++ids) + "/" + name;
        files.put(url, file.content());
        r.put("title", name);
        r.put("format", name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "");
        r.put("mime", file.contentType() == null ? "application/octet-stream" : file.contentType());
        r.put("filesize", file.content().length);
        r.put("url", root + url);
        r.putObject("checksum").put("type", "sha1").put("value", sha1(file.content()));
    }

    /** Sets the given fields, except {@code fixed} ones; a JSON null clears a field. */
    private static void merge(ObjectNode target, ObjectNode given, String... fixed) {
        given.fields().forEachRemaining(e -> {
            if (!List.of(fixed).contains(e.getKey())) {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    private ObjectNode dataset(String idOrSlug) {
        if (datasets.containsKey(idOrSlug)) {
            return datasets.get(idOrSlug);
        }
        return datasets.values().stream().filter(d -> d.path("slug").asText().equals(idOrSlug)).findFirst()
                .orElse(null);
    }

    private ObjectNode resource(String datasetId, String resourceId) {
        ObjectNode d = dataset(datasetId);
        if (d != null) {
            for (JsonNode r : d.path("resources")) {
                if (r.path("id").asText().equals(resourceId)) {
                    return (ObjectNode) r;
                }
            }
        }
        return null;
    }

    private static int indexOf(ObjectNode dataset, JsonNode resource) {
        ArrayNode resources = (ArrayNode) dataset.get("resources");
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) == resource) {
                return i;
            }
        }
        return -1;
    }

    private boolean slugTaken(String slug) {
        return datasets.values().stream().anyMatch(d -> d.path("slug").asText().equals(slug));
    }

    private String localPath(String url) {
        return url.startsWith(root) ? url.substring(root.length()) : url;
    }

    private static Answer notFound(String what) {
        return new Answer(404, JSON.createObjectNode().put("message", what + " not found"));
    }

    private static byte[] error(String message) {
        return JSON.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String query) {
        Map<String, String> out = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    // ---- multipart/form-data ----

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

    /** The parts of a multipart body, by field name. */
    private static Map<String, Part> multipart(String contentType, byte[] body) {
        Matcher b = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (contentType == null || !contentType.startsWith("multipart/form-data") || !b.find()) {
            throw new IllegalArgumentException("expected multipart/form-data with a boundary, got " + contentType);
        }
        byte[] delimiter = ("--" + (b.group(1) != null ? b.group(1) : b.group(2))).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new HashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 2 <= body.length && body[start] == '-' && body[start + 1] == '-') {
                return parts; // closing delimiter
            }
            start += 2; // CRLF after the delimiter
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, concat("\r\n".getBytes(StandardCharsets.ISO_8859_1), delimiter), headersEnd);
            if (headersEnd < 0 || next < 0) {
                throw new IllegalArgumentException("malformed multipart body");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            String name = null;
            String fileName = "";
            String type = null;
            for (String line : headers.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-disposition:")) {
                    Matcher n = NAME.matcher(line.substring(line.indexOf(':') + 1));
                    name = n.find() ? n.group(1) : null;
                    Matcher f = FILENAME.matcher(line);
                    fileName = f.find() ? f.group(1) : "";
                } else if (lower.startsWith("content-type:")) {
                    type = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next);
            if (name != null) {
                parts.put(name, new Part(fileName, type, content));
            }
            at = next + 2;
        }
        throw new IllegalArgumentException("multipart body without its closing delimiter");
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String sha1(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
