package fr.vitrine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A folder a run writes into before it is swapped in or thrown away: {@code PREFIX<n>} beside a lock file
 * {@code PREFIX<n>.lock} that the run holds until it is done. A run killed before it could clean up leaves both, with
 * the lock released by the system; the next run with the same prefix removes them ({@link #sweep}), and never the
 * folders of a run still going, whose lock it can't take. A run stopped by a signal it can handle (Ctrl-C, SIGTERM)
 * removes its folder itself, by a shutdown hook.
 */
final class Staging implements AutoCloseable {

    private static final String LOCK = ".lock";
    private static final String ASIDE = ".old";
    /** A lock file still empty may be a run between creating and locking it; after this long it is litter. */
    private static final Duration CREATING = Duration.ofMinutes(1);

    private final Path dir;
    private final Path lockFile;
    private final FileChannel channel;
    /** Removes the folder when the run is stopped (Ctrl-C, a CI time limit's SIGTERM); a SIGKILL leaves it to the sweep. */
    private final Thread onStop;

    private Staging(Path dir, Path lockFile, FileChannel channel) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.channel = channel;
        this.onStop = new Thread(() -> stopped(dir, aside()), "vitrine-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(onStop);
    }

    /**
     * Creates a new folder in {@code parent}, where callers {@link #sweep} first. A build's folder honours the
     * umask, as it becomes the site a web server reads; a {@code privateFolder} (scratch files under the system's
     * temporary folder) is readable by its owner only.
     */
    static Staging create(Path parent, String prefix, boolean privateFolder) throws IOException {
        Path lockFile = Files.createTempFile(parent, prefix, LOCK);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        try {
            channel.lock();
            // Written once locked: a sweep that finds the lock free and the file non-empty knows the run is gone.
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'\n'}));
            String name = lockFile.getFileName().toString();
            Path dir = parent.resolve(name.substring(0, name.length() - LOCK.length()));
            if (privateFolder && parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
            return new Staging(dir, lockFile, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(lockFile);
            throw e;
        }
    }

    /** The folder to write into. */
    Path dir() {
        return dir;
    }

    /** Where the previous output waits while the new one is moved in, so that a killed swap is cleaned up too. */
    Path aside() {
        return dir.resolveSibling(dir.getFileName() + ASIDE);
    }

    /**
     * Deletes what is left of the folder (nothing once it was moved in), then releases and deletes the lock. The
     * previous output set aside is deleted in the background ({@link #deleteInBackground}): the new site is already
     * in place, and unlinking a large site takes seconds.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onStop);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs
        }
        try {
            deleteIfPresent(dir);
            deleteInBackground(aside());
        } finally {
            try {
                channel.close();
                Files.deleteIfExists(lockFile);
            } catch (IOException e) {
                // Left for the next run's sweep.
            }
        }
    }

    /** Removes the folders of runs that ended without cleaning up; leaves those of live runs. */
    static void sweep(Path parent, String prefix) {
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        Set<String> runs = new TreeSet<>();
        try (Stream<Path> entries = Files.list(parent)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).forEach(n -> {
                String rest = n.substring(prefix.length());
                int digits = 0;
                while (digits < rest.length() && Character.isDigit(rest.charAt(digits))) {
                    digits++;
                }
                if (digits > 0) {
                    runs.add(prefix + rest.substring(0, digits));
                }
            });
        } catch (IOException e) {
            return; // nothing to sweep where nothing can be listed; creating the folder will say why
        }
        for (String run : runs) {
            Path lockFile = parent.resolve(run + LOCK);
            if (Files.exists(lockFile) && !abandoned(lockFile)) {
                continue;
            }
            sweepOne(parent.resolve(run));
            sweepOne(parent.resolve(run + ASIDE));
            try {
                Files.deleteIfExists(lockFile);
            } catch (IOException e) {
                // tried again next time
            }
        }
    }

    /** True when no live run holds this lock file. */
    private static boolean abandoned(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            if (channel.size() > 0) {
                return true;
            }
            FileTime modified = Files.getLastModifiedTime(lockFile);
            return modified.toInstant().isBefore(Instant.now().minus(CREATING));
        } catch (OverlappingFileLockException e) {
            return false; // held by this very process
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The shutdown hook's cleanup, while the build's threads may still be writing: the folder is first moved aside
     * and a plain file put in its place, so that no writer can make it again (making a missing folder of a page
     * fails on that file), then the moved folder is deleted in the background and the placeholder removed. Deleting
     * the folder in place raced with the writers, which re-made it behind the remover.
     */
    private static void stopped(Path dir, Path aside) {
        try {
            Files.move(dir, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            deleteInBackground(dir); // the folder set aside is there already (a swap under way), or no move here
            return;
        }
        Path placeholder = null;
        try {
            placeholder = Files.createFile(dir);
        } catch (IOException e) {
            // a writer made the folder again in between: left to the next run's sweep
        }
        deleteInBackground(aside);
        if (placeholder != null) {
            try {
                Files.deleteIfExists(placeholder);
            } catch (IOException e) {
                // left to the next run's sweep
            }
        }
    }

    /** The system's own remover, by absolute path (never looked up in PATH). */
    private static final Path RM = Path.of("/bin/rm");

    /**
     * Deletes a folder without anyone waiting: by a detached {@code rm -rf} that outlives this process, so that
     * neither this run nor the command that started it waits for the unlinking. Where there is no {@code rm}, or it
     * can't be started, the folder is deleted here and now. Should the remover be killed, what it leaves is
     * named like a killed run's and swept by the next run.
     */
    static void deleteInBackground(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isExecutable(RM)) {
            try {
                new ProcessBuilder(RM.toString(), "-rf", "--", dir.toAbsolutePath().toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // deleted below
            }
        }
        deleteIfPresent(dir);
    }

    private static void deleteIfPresent(Path dir) {
        if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(dir);
        }
    }

    private static void sweepOne(Path dir) {
        try {
            deleteIfPresent(dir);
        } catch (java.io.UncheckedIOException e) {
            // someone else's, or being deleted by another run: tried again next time
        }
    }

    /** Threads deleting a previous site. */
    private static final int DELETERS = 8;

    /**
     * Deletes a folder and everything in it, without following links: the entries two levels down (each
     * convention's folder, each dataset) in parallel, as unlinking files is most of replacing a large site.
     */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            List<Path> second = new java.util.ArrayList<>();
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> top = Files.list(dir)) {
                    for (Path child : top.toList()) {
                        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                            try (Stream<Path> s = Files.list(child)) {
                                second.addAll(s.toList());
                            }
                        }
                    }
                }
            }
            // Unlinking waits on the file system more than on the processors: more threads than cores (measured on
            // a 10 000-convention site on two cores: 9.4 s with two threads, 7.4 s with four or eight).
            java.util.concurrent.ForkJoinPool deleters = new java.util.concurrent.ForkJoinPool(DELETERS);
            try {
                deleters.submit(() -> second.parallelStream().forEach(Staging::deleteWalk)).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new UncheckedIOException(new IOException(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while deleting " + dir));
            } finally {
                deleters.shutdown();
            }
            deleteWalk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteWalk(Path root) {
        try {
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a)
                        throws IOException {
                    Files.delete(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult postVisitDirectory(Path folder, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(folder);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
