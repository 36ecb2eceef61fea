package fr.vitrine.check;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Text;
import fr.vitrine.model.Urls;
import fr.vitrine.render.PageLinks;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that every internal {@code href}/{@code src} of a generated site points to a file of the site and every
 * {@code #fragment} to an element id of its target page. External links are collected, not fetched. The build hands
 * over what its renderer saw of each page ({@link PageLinks}); {@code vitrine links} and the tests read any site's
 * files with jsoup.
 */
public final class LinkCheck {

    /** A link that does not resolve: the page it is on, the link as written, and why. */
    public record Broken(String page, String link, String reason, String suggestion) {
        Broken(String page, String link, String reason) {
            this(page, link, reason, null);
        }

        /** What to write instead, when a page of the site has an address close to the link's. */
        public String fix() {
            return suggestion == null ? "" : "; did you mean '" + suggestion + "'?";
        }

        @Override
        public String toString() {
            return page + ": " + (link.isEmpty() ? "" : link + " ") + "(" + reason + fix() + ")";
        }
    }

    /**
     * What the walk found: {@code pages} HTML pages checked; {@code external} maps each outside address to the pages
     * that link to it; {@code unchecked} the other pages a build writes (feed, sitemap, robots.txt), whose links are
     * absolute addresses of the site and are not checked.
     */
    public record Report(int pages, List<Broken> broken, Map<String, Set<String>> external, List<String> unchecked) {

        /** "52 pages: 49 HTML pages checked, 3 not (conventions/atom.xml, robots.txt, sitemap.xml)". */
        public String summary() {
            return (pages + unchecked.size()) + " pages: " + pages + " HTML pages checked"
                    + (unchecked.isEmpty() ? "" : ", " + unchecked.size() + " not (" + String.join(", ", unchecked) + ")");
        }
    }

    /** The pages other than HTML that a build writes, as site files. */
    private static final List<String> OTHER_PAGES = List.of("conventions/atom.xml", "robots.txt", "sitemap.xml");

    private final Path root;
    private final Map<Path, Set<String>> idsByPage = new ConcurrentHashMap<>();
    /** The base path of the 404 page's links, from its canonical address (it is served at any depth). */
    private final Map<Path, String> rootedPages = new ConcurrentHashMap<>();
    private List<Path> pages = List.of();

    private final Path realRoot;
    /** Entries that make the site unsafe or unreadable: links, pipes, unreadable pages. */
    private final List<Broken> unsafe = java.util.Collections.synchronizedList(new ArrayList<>());

    private LinkCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
    }

    /** Reads every page of {@code site} with jsoup; reports symbolic links and special files in it. */
    public static Report run(Path site) {
        LinkCheck check = new LinkCheck(site);
        check.pages = check.list();
        Map<Path, PageLinks> scanned = new ConcurrentHashMap<>();
        check.pages.parallelStream().forEach(page -> {
            Document doc = parse(page);
            if (doc == null) {
                check.unsafe.add(new Broken(check.root.relativize(page).toString(), "", "cannot read this page"));
                scanned.put(page, new PageLinks(List.of(), Set.of(), null));
            } else {
                scanned.put(page, links(doc));
            }
        });
        return check.verify(scanned, check.pages, page -> scanned.get(page).links());
    }

    /**
     * Checks the pages a build rendered into {@code site}, from what its renderer saw of each ({@code rendered}, by
     * site file): no page is read again. Other files (assets, datasets) are looked up in {@code site}.
     */
    public static Report run(Path site, Map<String, PageLinks> rendered) {
        Map<String, List<String>> links = new TreeMap<>();
        rendered.forEach((file, pageLinks) -> links.put(file, pageLinks.links()));
        return run(site, rendered, links);
    }

    /**
     * Checks the links {@code check} lists (by site file) of the pages {@code rendered} holds, which is what the
     * renderer saw of every page of {@code site} (the targets of fragments): the preview server's check of the links
     * that pages rendered again gained.
     */
    public static Report run(Path site, Map<String, PageLinks> rendered, Map<String, List<String>> check) {
        LinkCheck linkCheck = new LinkCheck(site);
        Map<Path, PageLinks> pages = new TreeMap<>();
        rendered.forEach((file, links) -> pages.put(linkCheck.root.resolve(file).normalize(), links));
        linkCheck.pages = List.copyOf(pages.keySet());
        Map<Path, List<String>> links = new TreeMap<>();
        check.forEach((file, list) -> links.put(linkCheck.root.resolve(file).normalize(), list));
        return linkCheck.verify(pages, List.copyOf(links.keySet()), links::get);
    }

    /** What jsoup finds in a page: the oracle {@link PageLinks#scan} is held to. */
    public static PageLinks links(Document doc) {
        List<String> links = new ArrayList<>();
        for (Element e : doc.select("a[href], link[href], area[href], img[src], script[src], source[src], iframe[src]")) {
            links.add(e.hasAttr("href") && e.tagName().matches("a|link|area") ? e.attr("href") : e.attr("src"));
        }
        Element canonical = doc.selectFirst("link[rel=canonical]");
        return new PageLinks(List.copyOf(links), doc.select("[id]").stream().map(Element::id).collect(Collectors.toSet()),
                canonical == null ? null : canonical.attr("href"));
    }

    /**
     * Lists the pages, without following links: a symbolic link in a site is reported (a web server may follow it
     * out of the site), and so is anything that is not a folder or a regular file (a named pipe would block).
     */
    private List<Path> list() {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(realRoot)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String name = realRoot.relativize(p).toString();
                if (a.isSymbolicLink()) {
                    unsafe.add(new Broken(name, String.valueOf(Files.readSymbolicLink(p)), "a symbolic link in the site: "
                            + "a web server may follow it out of the site; put the file itself there, or remove the link"));
                } else if (a.isOther()) {
                    unsafe.add(new Broken(name, "", "not a regular file (a named pipe, socket or device); remove it"));
                } else if (a.isRegularFile() && name.endsWith(".html")) {
                    found.add(root.resolve(name));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            unsafe.add(new Broken(".", "", "cannot read the whole site: " + e.getMessage()));
        }
        return found;
    }

    private Report verify(Map<Path, PageLinks> scanned, List<Path> checked,
                          java.util.function.Function<Path, List<String>> linksOf) {
        scanned.forEach((page, links) -> {
            idsByPage.put(page, links.ids());
            if (page.equals(root.resolve(Urls.file(Urls.NOT_FOUND))) && links.canonical() != null) {
                String address = links.canonical();
                rootedPages.put(page, Urls.basePath(address.substring(0, address.lastIndexOf('/') + 1)));
            }
        });
        List<Broken> broken = new ArrayList<>(unsafe);
        broken.sort(java.util.Comparator.comparing(Broken::page));
        // Pages are checked in parallel, each into its own lists, gathered in page order.
        record Found(List<Broken> broken, Map<String, Set<String>> external) {
        }
        List<Found> found = checked.parallelStream().map(page -> {
            Found f = new Found(new ArrayList<>(), new TreeMap<>());
            String name = root.relativize(page).toString();
            for (String link : linksOf.apply(page)) {
                check(page, name, link, f.broken(), f.external());
            }
            return f;
        }).toList();
        Map<String, Set<String>> external = new TreeMap<>();
        for (Found f : found) {
            broken.addAll(f.broken());
            f.external().forEach((link, on) -> external.computeIfAbsent(link, l -> new TreeSet<>()).addAll(on));
        }
        List<String> unchecked = OTHER_PAGES.stream().filter(f -> Files.isRegularFile(root.resolve(f))).toList();
        return new Report(checked.size(), broken, external, unchecked);
    }

    /**
     * Reports each broken link as an error with what to do: at the line and column of the source file that writes
     * it when the page shows a record's Markdown ({@code markdownSources}, by site path) and the link is in that
     * file, else at the templates.
     */
    public static void report(List<Broken> broken, Map<String, Path> markdownSources, Path templates,
                              Diagnostics diagnostics) {
        Map<String, String> sitePaths = new TreeMap<>();
        markdownSources.keySet().forEach(p -> sitePaths.put(Urls.file(p), p));
        for (Broken b : broken) {
            String sitePath = sitePaths.get(b.page());
            Path source = sitePath == null ? null : markdownSources.get(sitePath);
            int[] at = source == null ? null : locate(source, b.link());
            if (at != null) {
                String fix = b.suggestion() != null ? b.fix()
                        : b.link().startsWith("/") ? "; write it relative to this page, as '"
                        + Urls.relative(sitePath, b.link()) + "'"
                        : "; links are relative to the page's address";
                diagnostics.error(source, at[0], at[1], "broken link '" + b.link() + "' on page " + sitePath + ": "
                        + b.reason() + fix);
            } else {
                diagnostics.error(templates, 0, 0, "broken link in generated page " + b + "; fix the template that "
                        + "writes it (or the Markdown of that page's record)");
            }
        }
    }

    /** Line and column (from 1) where {@code link} is written as a Markdown or HTML link target in the file. */
    private static int[] locate(Path file, String link) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        int offset = -1;
        for (String written : List.of("](" + link, "<" + link + ">", "]: " + link, link)) {
            int i = text.indexOf(written);
            if (i >= 0) {
                offset = i + written.indexOf(link);
                break;
            }
        }
        if (offset < 0) {
            return null;
        }
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        return new int[] {line, text.codePointCount(lineStart, offset) + 1};
    }

    /** Checks one link of {@code page}, whose name in the site is {@code name}. */
    private void check(Path page, String name, String link, List<Broken> broken, Map<String, Set<String>> external) {
        Optional<URI> parsed = uris.get(link);
        if (parsed == null) {
            parsed = parse(link);
            if (uris.size() < MAX_URIS) {
                uris.putIfAbsent(link, parsed);
            }
        }
        URI uri = parsed.orElse(null);
        if (uri == null) {
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
        } else if (path.startsWith("/") && !path.startsWith(rootedPages.getOrDefault(page, "//"))) {
            broken.add(new Broken(name, link, "root-relative link: the site must work under any base path"));
            return;
        } else {
            String base = rootedPages.get(page);
            target = base != null && path.startsWith(base) ? root.resolve(path.substring(base.length())).normalize()
                    : page.getParent().resolve(path).normalize();
            if (!target.startsWith(root)) {
                broken.add(new Broken(name, link, "points outside the site"));
                return;
            }
            if (kind(target) == Kind.FOLDER) {
                target = target.resolve("index.html");
            }
            Kind kind = kind(target);
            if (kind == Kind.OUTSIDE) {
                broken.add(new Broken(name, link, "points outside the site through a symbolic link"));
                return;
            }
            if (kind != Kind.FILE) {
                broken.add(new Broken(name, link, "no such file " + root.relativize(target), nearest(page, target)));
                return;
            }
        }
        String fragment = uri.getFragment();
        if (fragment != null && !fragment.isEmpty() && target.toString().endsWith(".html")) {
            Set<String> ids = idsByPage.computeIfAbsent(target, p -> {
                Document doc = parse(p);
                return doc == null ? Set.of() : doc.select("[id]").stream().map(Element::id).collect(Collectors.toSet());
            });
            if (!ids.contains(fragment)) {
                String near = Text.closest(fragment, ids);
                broken.add(new Broken(name, link, "no element with id '" + fragment + "' in " + root.relativize(target),
                        near == null ? null : link.substring(0, link.indexOf('#') + 1) + near));
            }
        }
    }

    /**
     * Pages share most of their links (header, footer, listings): each is parsed once, empty when invalid; up to
     * {@link #MAX_URIS} of them, the first seen (the shared ones), so that a site of 100 000 pages holds no more.
     */
    private final Map<String, Optional<URI>> uris = new ConcurrentHashMap<>();
    private static final int MAX_URIS = 20_000;

    private static Optional<URI> parse(String link) {
        try {
            return Optional.of(new URI(link.strip()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The link to the page whose address is closest to {@code target}, or null. */
    private String nearest(Path page, Path target) {
        Map<String, Path> byAddress = new TreeMap<>();
        for (Path p : pages) {
            Path address = p.getFileName().toString().equals("index.html") ? p.getParent() : p;
            byAddress.put(root.relativize(address).toString(), address);
        }
        String near = Text.closest(root.relativize(target).toString(), byAddress.keySet());
        if (near == null) {
            return null;
        }
        Path address = byAddress.get(near);
        String link = page.getParent().relativize(address).toString().replace('\\', '/');
        return (link.isEmpty() ? "." : link) + (Files.isDirectory(address) ? "/" : "");
    }

    private enum Kind { FILE, FOLDER, OUTSIDE, NONE }

    /** Many links share a target: what each target is, looked up once. */
    private final Map<Path, Kind> kinds = new ConcurrentHashMap<>();
    /** The real path of each folder holding a target (most targets share a few folders: one lookup each). */
    private final Map<Path, Optional<Path>> realFolders = new ConcurrentHashMap<>();

    private Kind kind(Path target) {
        return kinds.computeIfAbsent(target, t -> {
            if (idsByPage.containsKey(t)) {
                return Kind.FILE;
            }
            BasicFileAttributes own;
            try {
                own = Files.readAttributes(t, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                return Kind.NONE;
            }
            if (own.isSymbolicLink()) {
                return linked(t);
            }
            Optional<Path> folder = t.getParent() == null ? Optional.empty() : realFolder(t.getParent());
            if (folder.isEmpty() || !folder.get().resolve(t.getFileName()).startsWith(realRoot)) {
                return Kind.OUTSIDE;
            }
            return own.isDirectory() ? Kind.FOLDER : own.isRegularFile() ? Kind.FILE : Kind.NONE;
        });
    }

    /** What a target that is itself a symbolic link leads to. */
    private Kind linked(Path link) {
        try {
            if (!link.toRealPath().startsWith(realRoot)) {
                return Kind.OUTSIDE;
            }
        } catch (IOException e) {
            return Kind.NONE; // a link to nothing
        }
        return Files.isDirectory(link) ? Kind.FOLDER : Files.isRegularFile(link) ? Kind.FILE : Kind.NONE;
    }

    /** A folder's real path: its parent's and its name, unless it is a link or outside the site. */
    private Optional<Path> realFolder(Path folder) {
        Optional<Path> known = folder.equals(root) ? Optional.of(realRoot) : realFolders.get(folder);
        if (known != null) {
            return known;
        }
        Optional<Path> real;
        try {
            boolean link = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .isSymbolicLink();
            real = !link && folder.startsWith(root) && folder.getParent() != null
                    ? realFolder(folder.getParent()).map(parent -> parent.resolve(folder.getFileName()))
                    : Optional.of(folder.toRealPath());
        } catch (IOException e) {
            real = Optional.empty();
        }
        realFolders.putIfAbsent(folder, real);
        return real;
    }

    /** The page, or {@code null} when it can't be read (reported by the caller). */
    private static Document parse(Path page) {
        try {
            return Jsoup.parse(Files.readString(page, StandardCharsets.UTF_8), "");
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
