package fr.vitrine.render;

import fr.vitrine.read.BuiltIn;
import fr.vitrine.read.Folders;
import fr.vitrine.read.SiteConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A theme: {@code site-templates/themes/<name>/} holds the layout and partials that override the shared page
 * templates, its {@code assets/}, and {@code theme.properties} (chart colours, and vendor files such as the DSFR's,
 * copied into {@code /assets/}). Chosen with {@code vitrine.theme}. Every file is looked up first in the project's
 * {@code site-templates/}, then in Vitrine's {@link BuiltIn built-in} one: a project holds only what it changes.
 */
public record Theme(String name, List<Path> templateFolders, List<Path> assetFolders, Charts.Palette palette,
                    Path vendor, List<String> vendorFiles, String vendorTarget) {

    /** The theme of product teams' standalone sites, which never carry State branding. */
    public static final String NEUTRAL = "neutral";
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?(?!data:)([^'\")?#]+)[^)]*\\)");

    /** The theme the configuration names; an unknown one is a usage error (IllegalArgumentException). */
    public static Theme load(SiteConfig config, boolean standalone) {
        String name = standalone ? NEUTRAL : config.string("vitrine.theme", NEUTRAL);
        Path project = config.templateFolder();
        Path builtIn = BuiltIn.templates();
        Path projectTheme = project.resolve("themes").resolve(name);
        Path builtInTheme = builtIn.resolve("themes").resolve(name);
        Path file = Files.isRegularFile(projectTheme.resolve("theme.properties"))
                ? projectTheme.resolve("theme.properties") : builtInTheme.resolve("theme.properties");
        if (name.isBlank() || name.contains("/") || name.contains("\\") || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown theme '" + name + "': set vitrine.theme to dsfr, neutral or a "
                    + "folder of " + project.resolve("themes") + " holding a theme.properties");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Charts.Palette palette = new Charts.Palette(p.getProperty("chart.data"), p.getProperty("chart.target"),
                p.getProperty("chart.text"), p.getProperty("chart.axis"), p.getProperty("chart.grid"));
        String vendor = p.getProperty("vendor.folder");
        List<String> files = vendor == null ? List.of() : List.of(p.getProperty("vendor.files", "").split("\\s*,\\s*"));
        // A vendor folder of the project, else the one the jar carries.
        Path vendorDir = null;
        if (vendor != null) {
            Path own = config.source().resolve(vendor).normalize();
            vendorDir = Files.isDirectory(own) ? own : BuiltIn.root().resolve(vendor).normalize();
            if (!Files.isDirectory(vendorDir)) {
                throw new IllegalArgumentException("the theme '" + name + "' needs " + own + ", which is missing"
                        + " (the built-in DSFR files are missing too: rebuild Vitrine with 'mvn package', which runs npm ci)");
            }
        }
        // Looked up in this order; assets are copied in the reverse order, so that the first one found wins.
        List<Path> templates = List.of(projectTheme, project, builtInTheme, builtIn);
        List<Path> assets = List.of(builtIn.resolve("assets"), builtInTheme.resolve("assets"), project.resolve("assets"),
                projectTheme.resolve("assets"));
        return new Theme(name, templates, assets, palette, vendorDir, files, p.getProperty("vendor.target", "vendor"));
    }

    /** Where a template is: the first of the {@link #templateFolders()} that holds it, or null. */
    public Path template(String name) {
        for (Path folder : templateFolders) {
            Path f = folder.resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /** Copies the shared and the theme's assets to {@code /assets/}, and the vendor files to /assets/<target>/. */
    public void copyAssets(Path out) {
        for (Path folder : assetFolders) {
            Folders.copy(folder, out.resolve("assets"));
        }
        if (vendor != null) {
            copyVendor(out.resolve("assets").resolve(vendorTarget));
        }
    }

    /** The vendor files matching the theme's globs, and every file their stylesheets load with url(). */
    private void copyVendor(Path target) {
        Set<Path> files = new LinkedHashSet<>();
        try (Stream<Path> walk = Files.walk(vendor)) {
            List<Path> all = walk.filter(Files::isRegularFile).sorted().toList();
            for (String glob : vendorFiles) {
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
                all.stream().filter(f -> m.matches(vendor.relativize(f))).forEach(files::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> queue = new ArrayList<>(files);
        for (int i = 0; i < queue.size(); i++) {
            Path f = queue.get(i);
            if (f.toString().endsWith(".css")) {
                for (Path ref : cssReferences(f)) {
                    if (files.add(ref)) {
                        queue.add(ref);
                    }
                }
            }
        }
        try {
            for (Path f : files) {
                Path to = target.resolve(vendor.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Path> cssReferences(Path css) {
        List<Path> out = new ArrayList<>();
        try {
            Matcher m = CSS_URL.matcher(Files.readString(css, StandardCharsets.UTF_8));
            while (m.find()) {
                Path ref = css.getParent().resolve(m.group(1)).normalize();
                if (ref.startsWith(vendor) && Files.isRegularFile(ref)) {
                    out.add(ref);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
