package fr.vitrine.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What Vitrine carries in its jar under {@code /vitrine/}: the default settings ({@code defaults.properties}), the
 * page templates and themes ({@code site-templates/}) and the DSFR files copied from the pinned npm package at
 * package time ({@code vendor/}). A project folder only holds what it changes.
 */
public final class BuiltIn {

    private static final String ROOT = "vitrine/";
    private static volatile Path root;

    private BuiltIn() {
    }

    /** The built-in folder as a path: on disk when run from classes, inside the jar's file system otherwise. */
    public static Path root() {
        Path r = root;
        if (r == null) {
            synchronized (BuiltIn.class) {
                if (root == null) {
                    root = locate();
                }
                r = root;
            }
        }
        return r;
    }

    public static Path templates() {
        return root().resolve("site-templates");
    }

    /** The classpath name of a path under {@link #root()}, for class-path template loaders. */
    public static String resourceName(Path builtIn) {
        return ROOT + root().relativize(builtIn).toString().replace('\\', '/');
    }

    public static boolean contains(Path p) {
        return p.getFileSystem().equals(root().getFileSystem()) && p.startsWith(root());
    }

    /** The default settings, beneath every project's {@code jbake.properties}. */
    public static Properties defaults() {
        Properties p = new Properties();
        try (InputStream in = BuiltIn.class.getResourceAsStream("/" + ROOT + "defaults.properties")) {
            if (in == null) {
                throw new IllegalStateException("this Vitrine build has no " + ROOT + "defaults.properties");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    private static Path locate() {
        URL marker = BuiltIn.class.getResource("/" + ROOT + "defaults.properties");
        if (marker == null) {
            throw new IllegalStateException("this Vitrine build has no " + ROOT + "defaults.properties");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                // Path.of needs the jar's file system open.
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    // opened earlier in this JVM
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open Vitrine's built-in files at " + marker + ": " + e.getMessage(), e);
        }
    }
}
