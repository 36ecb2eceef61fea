package fr.vitrine.check;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Walks a generated site and checks that every internal {@code href}/{@code src} points to a file of the site and
 * every {@code #fragment} to an element id of its target page. External links are collected, not fetched.
 */
public final class LinkCheck {

    /** A link that does not resolve: the page it is on, the link as written, and why. */
    public record Broken(String page, String link, String reason) {
        @Override
        public String toString() {
            return page + ": " + link + " (" + reason + ")";
        }
    }

    /** What the walk found; {@code external} maps each outside address to the pages that link to it. */
    public record Report(int pages, List<Broken> broken, Map<String, Set<String>> external) {
    }

    private final Path root;
    private final Map<Path, Set<String>> idsByPage = new ConcurrentHashMap<>();

    private LinkCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static Report run(Path site) {
        return new LinkCheck(site).walk();
    }

    private Report walk() {
        List<Path> pages;
        try (Stream<Path> files = Files.walk(root)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, List<String>> linksByPage = new ConcurrentHashMap<>();
        pages.parallelStream().forEach(page -> {
            Document doc = parse(page);
            idsByPage.put(page, doc.select("[id]").stream().map(e -> e.id()).collect(Collectors.toSet()));
            List<String> links = new ArrayList<>();
            for (Element e : doc.select("a[href], link[href], area[href]")) {
                links.add(e.attr("href"));
            }
            for (Element e : doc.select("img[src], script[src], source[src], iframe[src]")) {
                links.add(e.attr("src"));
            }
            linksByPage.put(page, links);
        });
        List<Broken> broken = new ArrayList<>();
        Map<String, Set<String>> external = new TreeMap<>();
        for (Path page : pages) {
            for (String link : linksByPage.get(page)) {
                check(page, link, broken, external);
            }
        }
        return new Report(pages.size(), broken, external);
    }

    private void check(Path page, String link, List<Broken> broken, Map<String, Set<String>> external) {
        String name = root.relativize(page).toString();
        URI uri;
        try {
            uri = new URI(link.strip());
        } catch (URISyntaxException e) {
            broken.add(new Broken(name, link, "not a valid address"));
            return;
        }
        if (uri.getScheme() != null || link.startsWith("//")) {
            if (!"mailto".equalsIgnoreCase(uri.getScheme())) {
                external.computeIfAbsent(link, l -> new TreeSet<>()).add(name);
            }
            return;
        }
        String path = uri.getRawPath() == null ? "" : uri.getPath();
        Path target;
        if (path.isEmpty()) {
            target = page;
        } else if (path.startsWith("/")) {
            broken.add(new Broken(name, link, "root-relative link: the site must work under any base path"));
            return;
        } else {
            target = page.getParent().resolve(path).normalize();
            if (!target.startsWith(root)) {
                broken.add(new Broken(name, link, "points outside the site"));
                return;
            }
            if (Files.isDirectory(target)) {
                target = target.resolve("index.html");
            }
            if (!Files.isRegularFile(target)) {
                broken.add(new Broken(name, link, "no such file " + root.relativize(target)));
                return;
            }
        }
        String fragment = uri.getFragment();
        if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".html")) {
            Set<String> ids = idsByPage.computeIfAbsent(target, p -> parse(p).select("[id]").stream()
                    .map(Element::id).collect(Collectors.toSet()));
            if (!ids.contains(fragment)) {
                broken.add(new Broken(name, link, "no element with id '" + fragment + "' in " + root.relativize(target)));
            }
        }
    }

    private Document parse(Path page) {
        try {
            return Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
