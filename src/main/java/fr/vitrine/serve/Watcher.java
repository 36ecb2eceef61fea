package fr.vitrine.serve;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Watches the project's sources and calls back once per burst of changes: after {@link #QUIET_MS} without events, so
 * that an editor's save (a temporary file renamed over the file, or delete then create) and a checkout of many files
 * give one rebuild. Folders created under a watched folder are watched from then on; a watched folder that does not
 * exist yet is waited for in its parent.
 */
final class Watcher implements AutoCloseable {

    static final long QUIET_MS = 50;

    private final WatchService service;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Consumer<Set<Path>> onChange;
    private final Thread thread;
    private volatile List<Path> trees = List.of();
    private volatile List<Path> files = List.of();
    /** The system dropped events (overflow) in the current burst. */
    private boolean lost;

    /**
     * Watches {@code trees} (folders, with everything under them) and {@code files}; calls {@code onChange} with the
     * paths created, changed or deleted in a burst (empty when the system lost events: anything may have changed).
     */
    Watcher(List<Path> trees, List<Path> files, Consumer<Set<Path>> onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        watch(trees, files);
        thread = new Thread(this::loop, "vitrine-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Watches these instead (the settings may name other folders after a change). */
    synchronized void watch(List<Path> trees, List<Path> files) {
        this.trees = trees.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.files = files.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        for (Path tree : this.trees) {
            if (Files.isDirectory(tree)) {
                registerTree(tree);
            } else {
                registerExistingParent(tree);
            }
        }
        this.files.forEach(this::registerExistingParent);
    }

    private void registerExistingParent(Path path) {
        Path parent = path.getParent();
        while (parent != null && !Files.isDirectory(parent)) {
            parent = parent.getParent();
        }
        if (parent != null) {
            register(parent);
        }
    }

    private void registerTree(Path tree) {
        try (Stream<Path> walk = Files.walk(tree)) {
            walk.filter(Files::isDirectory).forEach(this::register);
        } catch (IOException | java.io.UncheckedIOException e) {
            // a folder vanished while walking: its deletion is an event of its own
        }
    }

    private void register(Path dir) {
        if (keys.containsValue(dir)) {
            return;
        }
        try {
            keys.put(dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY), dir);
        } catch (IOException e) {
            // gone already
        }
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = service.take();
                Set<Path> changed = new TreeSet<>();
                boolean relevant = handle(key, changed);
                // Debounce: wait for QUIET_MS without events.
                while ((key = service.poll(QUIET_MS, TimeUnit.MILLISECONDS)) != null) {
                    relevant |= handle(key, changed);
                }
                if (relevant) {
                    onChange.accept(lost ? Set.of() : changed);
                    lost = false;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Reads a key's events into {@code paths}; watches new folders; true when one concerns the sources. */
    private synchronized boolean handle(WatchKey key, Set<Path> paths) {
        Path dir = keys.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                relevant = true;
                lost = true;
                continue;
            }
            Path changed = dir.resolve((Path) event.context());
            if (files.contains(changed) || trees.stream().anyMatch(changed::startsWith)) {
                relevant = true;
                paths.add(changed);
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                    registerTree(changed);
                }
            } else if (trees.stream().anyMatch(t -> t.startsWith(changed))) {
                // A watched folder or one of its parents appeared (or went): watch again.
                relevant = true;
                paths.add(changed);
                watch(trees, files);
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
        return relevant;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing
        }
        thread.interrupt();
    }
}
