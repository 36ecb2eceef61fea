package fr.vitrine.read;

import fr.vitrine.diagnostics.Position;
import org.jbake.app.JBakeException;
import org.jbake.app.configuration.DefaultJBakeConfiguration;
import org.jbake.app.configuration.JBakeConfiguration;
import org.jbake.app.configuration.JBakeConfigurationFactory;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The project's configuration: JBake's {@code jbake.properties} (folders, {@code template.<type>.file},
 * {@code site.host}, anything exposed to templates as {@code config.*}) plus Vitrine's own {@code vitrine.*} keys.
 */
public final class SiteConfig {

    public static final String FILE = "jbake.properties";

    private final Path source;
    private final JBakeConfiguration jbake;
    /** The file as written: commons-configuration would split values on commas. */
    private final Properties raw;
    private String baseUrl;

    private SiteConfig(Path source, JBakeConfiguration jbake, Properties raw) {
        this.source = source;
        this.jbake = jbake;
        this.raw = raw;
        this.baseUrl = normaliseBaseUrl(string("site.host").orElse("http://localhost:8000/"));
    }

    /**
     * Loads {@code source/jbake.properties} over Vitrine's {@link BuiltIn#defaults() defaults}; a project may have no
     * such file when the defaults suit it; {@code requireProject} false accepts any folder (a product team's, for 'stats').
     * Throws {@link IllegalArgumentException} with a user-facing reason.
     */
    public static SiteConfig load(Path source, Path destination, boolean requireProject) {
        Path dir = source.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("source folder " + source + " does not exist");
        }
        Path file = dir.resolve(FILE);
        if (requireProject && !isProject(dir)) {
            throw new IllegalArgumentException("no jbake.properties, content/ or data/ in " + dir
                    + ": is --source the project folder? ('vitrine init' creates one)");
        }
        try {
            JBakeConfiguration config = new JBakeConfigurationFactory()
                    .createDefaultJbakeConfiguration(dir.toFile(), destination.toAbsolutePath().toFile(), false);
            Properties project = new Properties();
            if (Files.isRegularFile(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    project.load(in);
                }
            }
            Properties raw = BuiltIn.defaults();
            for (String key : raw.stringPropertyNames()) {
                if (!project.containsKey(key)) {
                    config.setProperty(key, raw.getProperty(key));
                }
            }
            raw.putAll(project);
            // JBake resolves its folders once, from its own defaults: resolve them again from ours.
            DefaultJBakeConfiguration folders = (DefaultJBakeConfiguration) config;
            folders.setContentFolder(dir.resolve(raw.getProperty("content.folder")).toFile());
            folders.setDataFolder(dir.resolve(raw.getProperty("data.folder")).toFile());
            folders.setTemplateFolder(dir.resolve(raw.getProperty("template.folder")).toFile());
            folders.setAssetFolder(dir.resolve(raw.getProperty("asset.folder")).toFile());
            return new SiteConfig(dir, config, raw);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (JBakeException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code dir} is a project folder: it holds settings, content or data. */
    public static boolean isProject(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE)) || Files.isDirectory(dir.resolve("content"))
                || Files.isDirectory(dir.resolve("data"));
    }

    public JBakeConfiguration jbake() {
        return jbake;
    }

    public Path source() {
        return source;
    }

    public Path contentFolder() {
        return folder(jbake.getContentFolder());
    }

    public Path dataFolder() {
        return folder(jbake.getDataFolder());
    }

    public Path templateFolder() {
        return folder(jbake.getTemplateFolder());
    }

    public Path assetFolder() {
        return folder(jbake.getAssetFolder());
    }

    /** The public address of the site, always ending with a slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String url) {
        this.baseUrl = normaliseBaseUrl(url);
        jbake.setProperty("site.host", this.baseUrl);
    }

    /** Sets a setting for this run only, as a command-line option does ({@code --for-disk}). */
    public void set(String key, String value) {
        raw.setProperty(key, value);
    }

    /**
     * A setting of the project or of Vitrine's defaults, never one of JBake's own defaults (which name the templates
     * of JBake's blog layout, e.g. template.feed.file=feed.ftl).
     */
    public Optional<String> own(String key) {
        String value = raw.getProperty(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** A setting as written in jbake.properties (JBake's defaults apply to JBake's own keys). */
    public Optional<String> string(String key) {
        Object value = raw.containsKey(key) ? raw.getProperty(key) : jbake.get(key);
        if (value instanceof Collection<?> c) {
            value = c.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A path setting resolved against the project folder. */
    public Optional<Path> path(String key) {
        return string(key).map(s -> source.resolve(s).normalize());
    }

    /** Where {@code key} is set in jbake.properties, for error messages; line 1 when it isn't there. */
    public Position positionOf(String key) {
        try {
            List<String> lines = Files.readAllLines(source.resolve(FILE));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(key + "=") || lines.get(i).strip().startsWith(key + " ")) {
                    return new Position(i + 1, 1);
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return Position.START;
    }

    private Path folder(File f) {
        return f.toPath().toAbsolutePath().normalize();
    }

    static String normaliseBaseUrl(String url) {
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException("base URL must start with http:// or https://, got '" + url + "'");
        }
        int authorityEnd = u.indexOf('/', u.indexOf("//") + 2);
        String authority = u.substring(u.indexOf("//") + 2, authorityEnd < 0 ? u.length() : authorityEnd);
        if (authority.contains("@")) {
            // Never echoed: it may be a password. The sitemap, the feed and the datasets would publish it.
            throw new IllegalArgumentException("base URL must not hold a user name or password (the part before '@'): "
                    + "it would be published in the sitemap, the feed and the datasets; give the site's public "
                    + "address, e.g. https://" + authority.substring(authority.lastIndexOf('@') + 1) + "/");
        }
        return u.endsWith("/") ? u : u + "/";
    }
}
