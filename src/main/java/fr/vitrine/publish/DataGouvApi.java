package fr.vitrine.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The few calls of data.gouv.fr's API (udata, v1) that publishing needs. The key goes in the {@code X-API-KEY}
 * header, and only to the exact origin (scheme, host, port) of the API root, which must be https unless it is a
 * loopback test server; redirects are never followed with it. Every call has a total deadline (headers and body) and
 * a size cap. A failure raises an {@link IOException} naming the request (method and path), the host and the cause:
 * the status and udata's message (cleaned of control characters), or the network cause (DNS, refused, timeout, TLS).
 * The key itself never appears in any message.
 */
public class DataGouvApi {

    /** An HTTP call answered with an error status (or with a body that is not JSON). */
    public static final class ApiException extends IOException {
        public final int status;

        ApiException(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    /** A bad API root or key, or a site that cannot be published as it is: a usage error (exit 2), before any call. */
    public static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Environment variable holding the data.gouv.fr API key. */
    public static final String API_KEY_ENV = "DATAGOUV_API_KEY";
    static final Duration DEADLINE = Duration.ofMinutes(5);
    private static final int MAX_ANSWER = 32 << 20;
    private static final int MAX_FILE = 256 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final URI baseUri;
    private final Addresses.Origin origin;
    private final String apiKey;
    private final Duration deadline;
    /** For the API: never follows a redirect, since the key would go with it. */
    private final HttpClient http;
    /** For public files, fetched without the key: follows redirects (never from https to http). */
    private final HttpClient files;

    /** {@code base} is the API root, e.g. https://www.data.gouv.fr/api/1 (a trailing slash is optional). */
    public DataGouvApi(String base, String apiKey) {
        this(base, apiKey, DEADLINE);
    }

    DataGouvApi(String base, String apiKey, Duration deadline) {
        String trimmed = base == null ? "" : base.strip();
        this.base = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        URI uri = Addresses.httpUrl(this.base);
        if (uri == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException("--api " + Addresses.abbreviate(base == null ? "" : base, 200)
                    + " is not an API root: give an https URL such as https://www.data.gouv.fr/api/1");
        }
        if (!uri.getScheme().equalsIgnoreCase("https") && !Addresses.isLoopback(uri)) {
            throw new UsageException("--api " + Addresses.abbreviate(base, 200) + ": the API key is sent over https "
                    + "only (http is accepted for a test server on this machine)");
        }
        this.baseUri = uri;
        this.origin = Addresses.Origin.of(uri);
        this.apiKey = checkKey(apiKey);
        this.deadline = deadline;
        Duration connect = deadline.compareTo(Duration.ofSeconds(20)) < 0 ? deadline : Duration.ofSeconds(20);
        this.http = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NEVER).build();
        this.files = HttpClient.newBuilder().connectTimeout(connect).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The key without surrounding blanks (a trailing newline from a file or a secret); refused if it cannot be one. */
    private static String checkKey(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String k = key.strip();
        if (k.length() > 4096) {
            throw new UsageException(API_KEY_ENV + " is too long (" + k.length() + " characters) to be an API key");
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new UsageException(API_KEY_ENV + " has a character that cannot be in an API key (U+"
                        + String.format("%04X", (int) c) + " at position " + (i + 1)
                        + "): copy the key again from your data.gouv.fr profile");
            }
        }
        return k;
    }

    public String base() {
        return base;
    }

    /** True when the API is a test server on this machine. */
    public boolean isLoopback() {
        return Addresses.isLoopback(baseUri);
    }

    public boolean hasKey() {
        return apiKey != null;
    }

    /**
     * The path, relative to the API root, of an absolute URL the server gave (a list's {@code next_page}), or null when
     * that URL is not under the API root on the very same origin (userinfo, other host, scheme or port).
     */
    public String relative(String url) {
        URI uri = Addresses.httpUrl(url);
        uri = uri == null ? null : uri.normalize();
        if (uri == null || uri.getRawUserInfo() != null || !Addresses.Origin.of(uri).equals(origin)
                || uri.getRawPath() == null || !uri.getRawPath().startsWith(baseUri.getRawPath() + "/")) {
            return null;
        }
        return uri.getRawPath().substring(baseUri.getRawPath().length())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The API's host, as messages name it. */
    public String host() {
        return host(baseUri);
    }

    public JsonNode get(String path) throws IOException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public JsonNode post(String path, JsonNode body) throws IOException {
        return send("POST", path, json(body), "application/json");
    }

    public JsonNode put(String path, JsonNode body) throws IOException {
        return send("PUT", path, json(body), "application/json");
    }

    public void delete(String path) throws IOException {
        send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    /** Uploads a file as the multipart field {@code file}, as udata's upload endpoints expect. */
    public JsonNode upload(String path, String fileName, String mediaType, byte[] content) throws IOException {
        String boundary = "vitrine-" + HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\""
                + Addresses.printable(fileName).replace("\"", "") + "\"\r\n"
                + "Content-Type: " + Addresses.printable(mediaType) + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "multipart/form-data; boundary=" + boundary);
    }

    /**
     * Downloads a public file by absolute URL (a resource's {@code url}), without the key; {@code what} names it in
     * messages. A URL that is not http(s) (e.g. {@code file:}) or not a valid URL is refused.
     */
    public byte[] download(String url, String what) throws IOException {
        URI uri = Addresses.httpUrl(url);
        if (uri == null) {
            throw new IOException(what + ": its URL on data.gouv.fr, \"" + Addresses.abbreviate(url, 200)
                    + "\", is not an http(s) address; fix the resource on data.gouv.fr or delete it");
        }
        String request = "GET " + Addresses.abbreviate(uri.getRawPath() == null ? "/" : uri.getRawPath(), 200);
        HttpRequest r = HttpRequest.newBuilder(uri).timeout(deadline).GET().build();
        HttpResponse<byte[]> answer = call(files, r, request, host(uri), MAX_FILE);
        if (answer.statusCode() / 100 != 2) {
            throw failed(request, host(uri), answer);
        }
        return answer.body();
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws IOException {
        String request = method + " " + Addresses.abbreviate(path, 200);
        URI target;
        try {
            target = URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw new IOException(request + ": not a valid address on " + host());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(target)
                .timeout(deadline)
                .header("Accept", "application/json")
                .method(method, body);
        // The key goes to the API's own origin only, whatever the path holds.
        if (apiKey != null) {
            if (target.getRawUserInfo() != null || !Addresses.Origin.of(target).equals(origin)) {
                throw new IOException(request + ": not on " + host() + ", so not sent with the API key");
            }
            b.header("X-API-KEY", apiKey);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> r = call(http, b.build(), request, host(), MAX_ANSWER);
        if (r.statusCode() / 100 != 2) {
            throw failed(request, host(), r);
        }
        String text = new String(r.body(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ApiException(request + " answered " + r.statusCode() + " from " + host()
                    + " with a body that is not JSON: " + Addresses.abbreviate(text, 120), r.statusCode());
        }
    }

    /** The error for a non-2xx answer: a redirect names where it pointed; any other, udata's message. */
    private static ApiException failed(String request, String host, HttpResponse<byte[]> r) {
        int status = r.statusCode();
        String message = request + " answered " + status + " from " + host;
        if (status / 100 == 3) {
            String location = r.headers().firstValue("Location").orElse("").strip();
            URI to;
            try {
                to = Addresses.httpUrl(r.uri().resolve(new URI(location)).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                to = null;
            }
            String where = to == null ? Addresses.abbreviate(location, 200) : host(to);
            return new ApiException(message + ": a redirect to " + where + ", not followed (the API key goes to "
                    + host + " only); check --api", status);
        }
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return new ApiException(message + (body.isBlank() ? "" : ": " + Addresses.abbreviate(body, 300)), status);
    }

    /** Sends with a total deadline (connection, headers and body) and a size cap. */
    private HttpResponse<byte[]> call(HttpClient client, HttpRequest request, String what, String host, int max)
            throws IOException {
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, info -> new Capped(max));
        try {
            return answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException(what + " to " + host + " failed: no complete answer within "
                    + deadline.toSeconds() + " s");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException(what + " to " + host + " interrupted");
        } catch (ExecutionException e) {
            throw new IOException(what + " to " + host + " failed: " + cause(e.getCause()), e.getCause());
        } catch (IllegalArgumentException e) { // e.g. a header value the client refuses
            throw new IOException(what + " to " + host + " failed: the request is invalid");
        }
    }

    /** The network cause of a failure, in words: DNS, refused, timeout, TLS, or the exception's own message. */
    static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "the host name does not resolve (DNS)";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS failure (" + Addresses.abbreviate(String.valueOf(t.getMessage()), 200) + ")";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "the connection timed out";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof ConnectException) {
                return "the connection was refused";
            }
            if (t instanceof TooLarge) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " (" + Addresses.abbreviate(e.getMessage(), 200) + ")");
    }

    private static String host(URI uri) {
        Addresses.Origin o = Addresses.Origin.of(uri);
        boolean usual = o.port() == (o.scheme().equals("https") ? 443 : 80);
        return usual ? o.host() : o.host() + ":" + o.port();
    }

    private static final class TooLarge extends IOException {
        TooLarge(int max) {
            super("the answer is larger than " + (max >> 20) + " MiB");
        }
    }

    /** Collects a body up to {@code max} bytes; beyond, cancels the transfer. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int max;
        private Flow.Subscription subscription;

        Capped(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (result.isDone()) {
                    return;
                }
                if ((long) bytes.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge(max));
                    return;
                }
                byte[] a = new byte[b.remaining()];
                b.get(a);
                bytes.writeBytes(a);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    private static HttpRequest.BodyPublisher json(JsonNode body) throws IOException {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
