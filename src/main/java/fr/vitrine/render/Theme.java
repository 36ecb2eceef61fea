package fr.vitrine.render;

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
import java.util.Comparator;
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
 * copied from {@code node_modules} into {@code /assets/}). Chosen with {@code vitrine.theme} (default: neutral).
 */
public record Theme(String name, Path folder, Charts.Palette palette, Path vendor, List<String> vendorFiles,
                    String vendorTarget) {

    public static final String DEFAULT = "neutral";
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?(?!data:)([^'\")?#]+)[^)]*\\)");

    /** The theme the configuration names; an unknown one is a usage error (IllegalArgumentException). */
    public static Theme load(SiteConfig config, boolean standalone) {
        // A product team's own site never carries State branding.
        String name = standalone ? DEFAULT : config.string("vitrine.theme", DEFAULT);
        Path folder = config.templateFolder().resolve("themes").resolve(name);
        Path file = folder.resolve("theme.properties");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("unknown theme '" + name + "': no " + file + " (set vitrine.theme to one "
                    + "of the folders of " + config.templateFolder().resolve("themes") + ")");
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
        Path vendorDir = vendor == null ? null : config.source().resolve(vendor).normalize();
        if (vendorDir != null && !Files.isDirectory(vendorDir)) {
            throw new IllegalArgumentException("the theme '" + name + "' needs " + vendorDir + ", which is missing: run "
                    + "'mvn package' (it runs npm ci) or 'npm ci --ignore-scripts' in " + config.source());
        }
        return new Theme(name, folder, palette, vendorDir, files, p.getProperty("vendor.target", "vendor"));
    }

    /** Copies the shared and the theme's assets to {@code /assets/}, and the vendor files to /assets/<target>/. */
    public void copyAssets(Path templates, Path out) {
        copyTree(templates.resolve("assets"), out.resolve("assets"));
        copyTree(folder.resolve("assets"), out.resolve("assets"));
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

    private static void copyTree(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).toList()) {
                if (Files.isRegularFile(f)) {
                    Path target = to.resolve(from.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
