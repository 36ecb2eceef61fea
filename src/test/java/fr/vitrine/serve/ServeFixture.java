package fr.vitrine.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.testing.TestProject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@code vitrine serve} of a copy of the bundled project on a free port, and clients to talk to it. */
final class ServeFixture implements AutoCloseable {

    static final Duration REBUILD = Duration.ofSeconds(60);

    final TestProject project;
    final Serve serve;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ServeFixture(Path dir) throws Exception {
        this(dir, p -> { });
    }

    /** Serves the copy once {@code prepare} changed it. */
    ServeFixture(Path dir, java.util.function.Consumer<TestProject> prepare) throws Exception {
        project = TestProject.copyOfRepository(dir);
        prepare.accept(project);
        serve = Serve.start(new Serve.Options(project.root(), "127.0.0.1", 0, false),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    int port() {
        return URI.create(serve.url()).getPort();
    }

    /** What the server printed to standard error so far. */
    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** How many rebuilds the server reported ("Built in ..." on standard output), once the changes so far are rebuilt. */
    long rebuilds() throws InterruptedException {
        assertTrue(serve.awaitSettled(REBUILD.toMillis()), "the changes are not rebuilt after " + REBUILD);
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Built in ")).count();
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(serve.url()).resolve(path)).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} as written (no client normalises it) and returns the whole answer. */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Status code of a raw answer. */
    static int status(String answer) {
        return Integer.parseInt(answer.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }

    /** The reload events from now on, once the changes made so far are rebuilt (every step of them). */
    Events events() {
        try {
            assertTrue(serve.awaitSettled(REBUILD.toMillis()), "the previous changes are not rebuilt after " + REBUILD);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return new Events(this, serve.version());
    }

    @Override
    public void close() {
        serve.close();
    }

    static final class Events implements AutoCloseable {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        private final Thread reader;
        private volatile Stream<String> lines;

        Events(ServeFixture fixture, long since) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.serve.url())
                    .resolve(LiveReload.EVENTS + "?since=" + since)).GET().build();
            BlockingQueue<Boolean> open = new LinkedBlockingQueue<>();
            reader = new Thread(() -> {
                try {
                    HttpResponse<Stream<String>> response = fixture.client.send(request, HttpResponse.BodyHandlers.ofLines());
                    lines = response.body();
                    open.add(true);
                    String[] event = {null};
                    lines.forEach(line -> {
                        if (line.startsWith("event: ")) {
                            event[0] = line.substring("event: ".length());
                        } else if (line.startsWith("data: ") && "reload".equals(event[0])) {
                            try {
                                queue.add(JSON.readTree(line.substring("data: ".length())));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
                } catch (IOException | UncheckedIOException e) {
                    open.add(false);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                assertNotNull(open.poll(10, TimeUnit.SECONDS), "the event stream did not open");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The next reload event; fails after {@link #REBUILD}. */
        JsonNode next() throws InterruptedException {
            JsonNode event = queue.poll(REBUILD.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(event, "no reload event within " + REBUILD);
            return event;
        }

        /** The next reload event if one comes within {@code millis}. */
        JsonNode poll(long millis) throws InterruptedException {
            return queue.poll(millis, TimeUnit.MILLISECONDS);
        }

        /** Whether the stream ended (the server closed it). */
        boolean ended(Duration within) throws InterruptedException {
            reader.join(within.toMillis());
            return !reader.isAlive();
        }

        @Override
        public void close() {
            if (lines != null) {
                lines.close();
            }
            reader.interrupt();
        }
    }
}
