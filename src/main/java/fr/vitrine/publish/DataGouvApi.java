package fr.vitrine.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The few calls of data.gouv.fr's API (udata, v1) that publishing needs. The key goes in the {@code X-API-KEY}
 * header. Any status other than 2xx raises {@link ApiException} with the method, path, status and the body udata
 * sent back, which says what it refused.
 */
public class DataGouvApi {

    /** An HTTP call that failed. */
    public static final class ApiException extends IOException {
        public final int status;

        ApiException(String request, int status, String body) {
            super(request + " answered " + status + (body.isBlank() ? "" : ": " + abbreviate(body)));
            this.status = status;
        }

        ApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        private static String abbreviate(String s) {
            String one = s.replaceAll("\\s+", " ").strip();
            return one.length() > 300 ? one.substring(0, 300) + "…" : one;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String apiKey;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(20))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** {@code base} is the API root, e.g. https://www.data.gouv.fr/api/1 (a trailing slash is optional). */
    public DataGouvApi(String base, String apiKey) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = apiKey;
    }

    public String base() {
        return base;
    }

    public boolean hasKey() {
        return apiKey != null && !apiKey.isBlank();
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
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "") + "\"\r\n"
                + "Content-Type: " + mediaType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
                "multipart/form-data; boundary=" + boundary);
    }

    /** Downloads a file by absolute URL (a resource's {@code url}); files are public, so no key is sent. */
    public byte[] download(String url) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET();
        HttpResponse<byte[]> r = call(b.build());
        if (r.statusCode() / 100 != 2) {
            throw new ApiException("GET " + url, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    private JsonNode send(String method, String path, HttpRequest.BodyPublisher body, String contentType)
            throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json")
                .method(method, body);
        if (apiKey != null) {
            b.header("X-API-KEY", apiKey);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> r = call(b.build());
        String text = new String(r.body(), StandardCharsets.UTF_8);
        if (r.statusCode() / 100 != 2) {
            throw new ApiException(method + " " + path, r.statusCode(), text);
        }
        return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
    }

    private HttpResponse<byte[]> call(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
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
