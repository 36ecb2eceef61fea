package fr.vitrine.build;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/** The version, commit and release repository Maven wrote into the jar's resources. */
public final class Version {

    private static final Properties BUILD = load();

    private Version() {
    }

    public static String get() {
        return value("version", "dev");
    }

    /** The abbreviated commit the jar was built from, or "unknown" (built outside a git checkout). */
    public static String commit() {
        return value("commit", "unknown");
    }

    /** A GitHub repository name, "owner/name", as GitHub allows them. */
    public static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");

    /** A released version: numbers only, never a development build's "-SNAPSHOT". */
    public static final Pattern RELEASE = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");

    /** The GitHub repository ("owner/name") whose releases carry this jar; empty when it was not built for one. */
    public static Optional<String> repository() {
        String v = value("repository", "");
        return REPOSITORY.matcher(v).matches() ? Optional.of(v) : Optional.empty();
    }

    /** This jar's release ("1.2.0"); empty for a development build. */
    public static Optional<String> release() {
        String v = get();
        return RELEASE.matcher(v).matches() ? Optional.of(v) : Optional.empty();
    }

    private static String value(String key, String fallback) {
        String v = BUILD.getProperty(key, "");
        // An unresolved ${…} means Maven had no value for it.
        return v.isBlank() || v.startsWith("${") ? fallback : v;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/vitrine-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no build information: the fallbacks apply
        }
        return p;
    }
}
