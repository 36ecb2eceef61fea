package fr.vitrine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

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

    /** The GitHub repository ("owner/name") whose releases carry this jar. */
    public static String repository() {
        return value("repository", "OWNER/vitrine");
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
