package fr.vitrine.serve;

import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.Sources;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * {@code vitrine serve}: builds the site, serves it, rebuilds it when the sources change and tells the pages to
 * reload; while the sources have errors, the last good site stays served under an overlay listing them.
 */
public final class Serve implements AutoCloseable {

    /** More addresses than this in one change: every page reloads. */
    private static final int MAX_CHANGED = 500;

    /** What to serve, where. {@code port} 0 lets the system choose one. */
    public record Options(Path source, String bind, int port, boolean open, List<String> hosts) {
        public Options(Path source, String bind, int port, boolean open) {
            this(source, bind, port, open, List.of());
        }
    }

    /** Thrown by {@link #start} when serving is impossible; the message says why and what to do. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final Path source;
    private final PrintStream out;
    private final PrintStream err;
    private final SiteServer server;
    private final Rebuilder rebuilder;
    private final Semaphore pending = new Semaphore(0);
    /** Sources changed since the last rebuild started; null when unknown (everything may have changed). */
    private Set<Path> changedSources = new TreeSet<>();
    /** Changes the watcher reported, and how many of them the rebuilds have taken into account (all steps done). */
    private long reported;
    private long handled;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Watcher watcher;
    private Thread rebuilds;
    private volatile boolean closing;

    private Serve(Path source, SiteServer server, Rebuilder rebuilder, PrintStream out, PrintStream err) {
        this.source = source;
        this.server = server;
        this.rebuilder = rebuilder;
        this.out = out;
        this.err = err;
    }

    /**
     * Binds, builds once and starts serving and watching; returns the running server. Problems in the sources are
     * not a reason to refuse: they are shown until fixed.
     */
    public static Serve start(Options options, PrintStream out, PrintStream err) throws UsageException, IOException {
        Path source = options.source().toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new UsageException("source folder " + options.source() + " does not exist");
        }
        if (!SiteConfig.isProject(source)) {
            throw new UsageException("no jbake.properties, content/ or data/ in " + source
                    + ": is --source the project folder? ('vitrine init' creates one)");
        }
        if (options.port() < 0 || options.port() > 65535) {
            throw new UsageException("--port " + options.port() + " is not a port number (0 to 65535)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(options.bind());
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + options.bind() + " is not an address of this machine");
        }
        Set<String> hosts = new TreeSet<>();
        try {
            if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new UsageException("--bind " + options.bind() + " is not an address of this machine (its "
                        + "addresses: " + String.join(", ", ownAddresses()) + "); use one of them, 0.0.0.0 for all, "
                        + "or the default 127.0.0.1");
            }
            hosts.addAll(address.isAnyLocalAddress() ? ownAddresses() : List.of(hostName(address)));
        } catch (java.net.SocketException e) {
            throw new IOException("cannot list this machine's addresses: " + e.getMessage(), e);
        }
        if (!options.bind().equals(address.getHostAddress())) {
            hosts.add(options.bind().toLowerCase(Locale.ROOT)); // a name given to --bind
        }
        options.hosts().forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        SiteServer server;
        try {
            server = new SiteServer(new InetSocketAddress(address, options.port()), hosts);
        } catch (BindException e) {
            throw new UsageException("cannot listen on " + options.bind() + ":" + options.port() + " ("
                    + e.getMessage().toLowerCase(Locale.ROOT) + "; is another 'vitrine serve' running?); "
                    + "choose another port with --port, e.g. --port " + (options.port() + 1));
        }
        if (!address.isLoopbackAddress()) {
            err.println("vitrine: warning: serving on " + options.bind() + ": other machines of the network can read "
                    + "the site, drafts included; only requests naming localhost, " + shortList(hosts) + " or a "
                    + "--host name are answered (a Host check against DNS rebinding); the default --bind 127.0.0.1 "
                    + "keeps it to this machine");
        }
        String url = url(address, server.address().getPort());
        Serve serve;
        try {
            serve = new Serve(source, server, new Rebuilder(source, url), out, err);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        try {
            serve.rebuild(null);
            serve.watcher = new Watcher(serve.watchedTrees(), List.of(source.resolve(SiteConfig.FILE)),
                    serve::changed);
            serve.rebuilds = new Thread(serve::rebuildLoop, "vitrine-rebuild");
            serve.rebuilds.setDaemon(true);
            serve.rebuilds.start();
            serve.watcher.start();
            server.start();
        } catch (IOException | RuntimeException e) {
            serve.close();
            throw e;
        }
        out.println("Serving " + source + " at " + url + " (Ctrl-C to stop); pages reload when a source changes.");
        if (options.open()) {
            open(url, err);
        }
        return serve;
    }

    /** This machine's addresses as a Host header names them ({@code 192.168.1.5}, {@code [fe80::1]}). */
    private static List<String> ownAddresses() throws java.net.SocketException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress()).map(Serve::hostName).sorted().toList();
    }

    private static String hostName(InetAddress address) {
        String a = address.getHostAddress().replaceFirst("%.*$", "").toLowerCase(Locale.ROOT);
        return a.contains(":") ? "[" + a + "]" : a;
    }

    private static String shortList(Set<String> hosts) {
        List<String> all = List.copyOf(hosts);
        return all.size() <= 6 ? String.join(", ", all) : String.join(", ", all.subList(0, 6)) + "…";
    }

    private static String url(InetAddress address, int port) {
        String host = address.isAnyLocalAddress() ? "localhost" : address.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
    }

    /** The address pages are served at. */
    public String url() {
        return url(server.address().getAddress(), server.address().getPort());
    }

    /** The folder of the site served now (null before a first good build). */
    Path site() {
        return server.state().root();
    }

    /** The version of what is served: one more for each rebuild. */
    long version() {
        return server.state().version();
    }

    /**
     * Waits until every change reported so far is rebuilt, all steps (tests: a test's edits then start from a settled
     * site); false when {@code millis} passed first.
     */
    synchronized boolean awaitSettled(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (handled < reported) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Blocks until {@link #close}. */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /** Content, data, templates and the beta.gouv.fr folders the settings name (read again after each rebuild). */
    private List<Path> watchedTrees() {
        List<Path> trees = new ArrayList<>(List.of(source.resolve("content"), source.resolve("data"),
                source.resolve("site-templates")));
        try {
            SiteConfig config = SiteConfig.load(source, source.resolve("output"), true);
            trees.addAll(List.of(config.contentFolder(), config.dataFolder(), config.templateFolder(),
                    config.assetFolder()));
            for (String key : List.of(Sources.BETA_STARTUPS, Sources.BETA_ORGANISATIONS)) {
                Optional<Path> folder = config.path(key);
                folder.ifPresent(trees::add);
                // The phases' labels are read beside the startups.
                folder.filter(f -> key.equals(Sources.BETA_STARTUPS)).map(f -> f.resolveSibling("_phases"))
                        .ifPresent(trees::add);
            }
        } catch (IllegalArgumentException e) {
            // the settings are broken: the rebuild reports it; the default folders are watched meanwhile
        }
        return trees.stream().map(p -> p.toAbsolutePath().normalize()).distinct().toList();
    }

    private void rebuildLoop() {
        try {
            while (!closing) {
                pending.acquire();
                pending.drainPermits();
                if (!closing) {
                    long taken;
                    synchronized (this) {
                        taken = reported;
                    }
                    rebuild(takeChanged());
                    watcher.watch(watchedTrees(), List.of(source.resolve(SiteConfig.FILE)));
                    synchronized (this) {
                        handled = taken;
                        notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** Called by the watcher: these sources changed (an empty set: unknown ones). */
    private void changed(Set<Path> paths) {
        synchronized (this) {
            reported++;
            if (paths.isEmpty() || changedSources == null) {
                changedSources = null;
            } else {
                changedSources.addAll(paths);
            }
        }
        pending.release();
    }

    private synchronized Set<Path> takeChanged() {
        Set<Path> taken = changedSources;
        changedSources = new TreeSet<>();
        return taken;
    }

    /**
     * Rebuilds after {@code sources} changed (null: everything, as at start), serves the result (or the errors over
     * the last good site), tells the pages, prints the same.
     */
    private void rebuild(Set<Path> sources) {
        Rebuilder.Outcome outcome = attempt(() -> rebuilder.rebuild(sources));
        publish(outcome, "Built", outcome.then() != null);
        if (outcome.then() != null) {
            publish(attempt(outcome.then()), "The pages that show it, the open data and the downloads updated", false);
        }
    }

    private static Rebuilder.Outcome attempt(java.util.function.Supplier<Rebuilder.Outcome> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return new Rebuilder.Outcome(null, Set.of(), List.of("vitrine: the build failed: " + e), List.of(), 0);
        }
    }

    /** Serves what a rebuild gave (or the errors over the last good site), tells the pages, prints the same. */
    private void publish(Rebuilder.Outcome outcome, String done, boolean more) {
        SiteServer.State before = server.state();
        long version = before.version() + 1;
        Path root = outcome.failed() ? before.root() : realPath(outcome.site());
        boolean overlayChanged = !before.errors().equals(outcome.errors());
        List<String> changed = addresses(outcome.changed());
        boolean all = overlayChanged || changed == null;
        server.publish(new SiteServer.State(version, root, outcome.errors(), Instant.now()),
                new SiteServer.Change(version, all, all ? List.of() : changed, more));
        outcome.warnings().forEach(err::println);
        if (outcome.failed()) {
            outcome.errors().forEach(err::println);
            err.printf("%d error(s): %s; fix them and save.%n", outcome.errors().size(),
                    root == null ? "no site to serve yet" : "the last good site is still served");
        } else {
            out.printf("%s in %.2f s: %d file(s) changed.%n", done, outcome.seconds(), outcome.changed().size());
        }
    }

    private static Path realPath(Path site) {
        try {
            return site.toRealPath();
        } catch (IOException e) {
            return site.toAbsolutePath();
        }
    }

    /**
     * The addresses of the changed pages ({@code conventions/x/index.html} is also {@code /conventions/x/}); null when
     * every page should reload: a style, script, image or font changed, or too many pages did.
     */
    static List<String> addresses(Set<String> files) {
        List<String> addresses = new ArrayList<>();
        for (String file : files) {
            String lower = file.toLowerCase(Locale.ROOT);
            if (lower.matches(".*\\.(css|js|svg|png|jpe?g|gif|webp|ico|woff2?)")) {
                return null;
            }
            if (lower.endsWith(".html")) {
                addresses.add("/" + file);
                if (file.equals("index.html") || file.endsWith("/index.html")) {
                    addresses.add("/" + file.substring(0, file.length() - "index.html".length()));
                }
            }
        }
        return addresses.size() > MAX_CHANGED ? null : addresses;
    }

    /** Asks the system to open {@code url} in a browser; says so when it can't. */
    private static void open(String url, PrintStream err) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", url)
                : os.contains("mac") ? List.of("open", url) : List.of("xdg-open", url);
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("vitrine: cannot open a browser (" + command.get(0) + ": " + e.getMessage() + "); open " + url);
        }
    }

    /** Stops serving and watching, and deletes the built sites. */
    @Override
    public void close() {
        closing = true;
        if (watcher != null) {
            watcher.close();
        }
        if (rebuilds != null) {
            pending.release();
            rebuilds.interrupt();
            try {
                rebuilds.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.close();
        rebuilder.close();
        stopped.countDown();
    }
}
