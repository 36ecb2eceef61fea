package fr.vitrine.evidence;

import fr.vitrine.model.EvidenceCheck;
import fr.vitrine.model.EvidenceCheck.Outcome;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Looks at one evidence address the way a polite robot does: https only, the site's robots.txt first (once per
 * site), {@code HEAD} then {@code GET} when the server refuses {@code HEAD} or the page's words are needed,
 * redirects followed only to https addresses and at most {@link Settings#maxRedirects} times, every answer bounded in
 * time ({@link Settings#timeout}, headers and body) and in size ({@link Settings#maxBytes}: the rest is not read).
 */
final class Fetcher {

    /**
     * @param userAgent the User-Agent header; its first word is the product token robots.txt groups are matched with
     * @param ssl       the TLS context (the system's; tests trust their own certificate)
     */
    record Settings(int concurrency, Duration timeout, Duration deadline, long maxBytes, int maxRedirects,
                    String userAgent, SSLContext ssl) {

        /** {@code repository}: "owner/name" of the jar's releases, named in the user agent; null for none. */
        static Settings defaults(String version, String repository) {
            try {
                return new Settings(4, Duration.ofSeconds(15), Duration.ofMinutes(20), 1024 * 1024, 5,
                        "Vitrine/" + version + " (evidence check" + (repository == null ? ""
                                : "; +https://github.com/" + repository) + ")",
                        SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String token() {
            int slash = userAgent.indexOf('/');
            return slash > 0 ? userAgent.substring(0, slash) : userAgent.split(" ")[0];
        }
    }

    private static final long MAX_ROBOTS_BYTES = 512 * 1024;
    private static final Pattern STATISTICS = Pattern.compile("statisti", Pattern.CASE_INSENSITIVE);

    private final Settings settings;
    private final HttpClient client;
    private final Map<String, CompletableFuture<Robots>> robots = new ConcurrentHashMap<>();

    Fetcher(Settings settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout()).sslContext(settings.ssl()).build();
    }

    /** The answer to one request: status, Location header, and at most {@code maxBytes} of the body. */
    private record Answer(int status, String location, byte[] body) {
    }

    /** Thrown when no answer came in time or at all. */
    private static final class NoAnswer extends Exception {
        final Outcome outcome;

        NoAnswer(Outcome outcome) {
            super(outcome.code(), null, false, false);
            this.outcome = outcome;
        }
    }

    EvidenceCheck check(String address, boolean statistics, LocalDate today) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            return new EvidenceCheck(address, today, null, null, null, Outcome.NETWORK);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return new EvidenceCheck(address, today, null, null, null, Outcome.NOT_HTTPS);
        }
        Integer status = null;
        try {
            for (int hop = 0; ; hop++) {
                if (!allowed(uri)) {
                    return new EvidenceCheck(address, today, status, uri.toString(), null, Outcome.ROBOTS);
                }
                Answer a = statistics ? null : fetch(uri, "HEAD", 0);
                if (a == null || a.status >= 400 && a.status != 404 && a.status != 410) {
                    // Many servers refuse HEAD (405, 403, 501): ask again with GET before concluding.
                    a = fetch(uri, "GET", statistics ? settings.maxBytes() : 0);
                }
                status = a.status;
                if (a.status >= 300 && a.status < 400 && a.location != null) {
                    URI next = uri.resolve(a.location.strip());
                    if (!"https".equalsIgnoreCase(next.getScheme())) {
                        return new EvidenceCheck(address, today, status, next.toString(), null, Outcome.HTTP_REDIRECT);
                    }
                    if (hop >= settings.maxRedirects()) {
                        return new EvidenceCheck(address, today, status, next.toString(), null,
                                Outcome.TOO_MANY_REDIRECTS);
                    }
                    uri = next;
                    continue;
                }
                if (a.status >= 200 && a.status < 300) {
                    Boolean names = statistics ? STATISTICS.matcher(new String(a.body, StandardCharsets.UTF_8)).find()
                            : null;
                    return new EvidenceCheck(address, today, status, uri.toString(), names, Outcome.REACHABLE);
                }
                return new EvidenceCheck(address, today, status, uri.toString(), null, Outcome.HTTP_ERROR);
            }
        } catch (NoAnswer e) {
            return new EvidenceCheck(address, today, status, uri.toString(), null, e.outcome);
        } catch (IllegalArgumentException e) {
            // A Location header that is not an address.
            return new EvidenceCheck(address, today, status, uri.toString(), null, Outcome.NETWORK);
        }
    }

    /** The site's robots.txt rules for this address (fetched once per site; see {@link #robots(URI)}). */
    private boolean allowed(URI uri) throws NoAnswer {
        String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        CompletableFuture<Robots> mine = new CompletableFuture<>();
        CompletableFuture<Robots> known = robots.putIfAbsent(origin, mine);
        if (known == null) {
            mine.complete(robots(URI.create(origin + "/robots.txt")));
            known = mine;
        }
        Robots rules = known.join();
        if (rules.unreachable() != null) {
            throw new NoAnswer(rules.unreachable());
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return rules.allows(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }

    /**
     * RFC 9309: a robots.txt that is missing (4xx) allows everything, one the server fails to give (5xx) forbids
     * everything; redirects are not followed (the site is then treated as giving none). A site that does not answer
     * is not asked for its pages: they get the same outcome.
     */
    private Robots robots(URI robotsTxt) {
        try {
            Answer a = fetch(robotsTxt, "GET", MAX_ROBOTS_BYTES);
            if (a.status >= 200 && a.status < 300) {
                return Robots.parse(new String(a.body, StandardCharsets.UTF_8), settings.token());
            }
            return a.status >= 500 ? Robots.DISALLOW_ALL : Robots.ALLOW_ALL;
        } catch (NoAnswer e) {
            return Robots.unreachable(e.outcome);
        }
    }

    private Answer fetch(URI uri, String method, long maxBytes) throws NoAnswer {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("User-Agent", settings.userAgent()).method(method, HttpRequest.BodyPublishers.noBody()).build();
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request, info -> new Capped(maxBytes));
        try {
            // The request's own timeout covers the headers; this one covers the body too.
            HttpResponse<byte[]> r = sent.get(settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Answer(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (TimeoutException e) {
            sent.cancel(true);
            throw new NoAnswer(Outcome.TIMEOUT);
        } catch (ExecutionException e) {
            throw new NoAnswer(e.getCause() instanceof HttpTimeoutException ? Outcome.TIMEOUT : Outcome.NETWORK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            throw new NoAnswer(Outcome.TIMEOUT);
        }
    }

    /** Keeps the first {@code max} bytes of a body, then stops reading it. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Capped(long max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (max == 0) {
                s.cancel();
                result.complete(new byte[0]);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = (int) Math.min(b.remaining(), max - bytes.size());
                byte[] chunk = new byte[n];
                b.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= max) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            } else {
                subscription.request(1);
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
}
