package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Text;
import fr.vitrine.model.Urls;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The description of a product file, as beta.gouv.fr shows it: Markdown with the HTML its authors write (links,
 * abbreviations, headings…), sanitised with jsoup's {@link Cleaner} and an allow-list instead of escaped. Elements and
 * attributes outside the list are dropped with a warning; no script, event handler or {@code javascript:} address
 * survives. Addresses are beta.gouv.fr's: relative and root-relative ones are resolved against the product's page
 * there ({@link Upstream#base()}); one that leads to a product or organisation this site publishes becomes a link to
 * its page here; an image beta.gouv.fr serves is copied into the site when the checkout holds the file, and any other
 * image becomes a link (the pages' Content-Security-Policy loads no third-party image).
 */
public final class ProductBody {

    /** Setting: beta.gouv.fr's public address, against which product descriptions' addresses are resolved. */
    public static final String SETTING = "vitrine.betagouv.url";
    public static final String DEFAULT_BASE = "https://beta.gouv.fr/";

    /**
     * Where beta.gouv.fr's addresses lead: its public address, and the folders of a checkout where the files it
     * serves may be (for images).
     */
    public record Upstream(URI base, List<Path> roots) {
        public static final Upstream DEFAULT = new Upstream(URI.create(DEFAULT_BASE), List.of());
    }

    /** Sanitised HTML, and the images to copy into the site (site path → file of the checkout). */
    public record Result(String html, Map<String, Path> media) {
    }

    private static final Set<String> TAGS = Set.of("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
            "li", "dl", "dt", "dd", "blockquote", "pre", "code", "em", "strong", "b", "i", "u", "s", "del", "sub", "sup",
            "small", "mark", "abbr", "a", "img", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td");
    private static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("a", Set.of("href", "title")), Map.entry("abbr", Set.of("title")),
            Map.entry("img", Set.of("src", "alt", "title", "width", "height")), Map.entry("ol", Set.of("start")),
            Map.entry("th", Set.of("scope", "colspan", "rowspan", "align")),
            Map.entry("td", Set.of("colspan", "rowspan", "align")), Map.entry("table", Set.of("class")),
            Map.entry("code", Set.of("class")), Map.entry("h1", Set.of("id")), Map.entry("h2", Set.of("id")),
            Map.entry("h3", Set.of("id")), Map.entry("h4", Set.of("id")), Map.entry("h5", Set.of("id")),
            Map.entry("h6", Set.of("id")));
    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");
    private static final Set<String> IMAGE_TYPES = Set.of("png", "jpg", "jpeg", "gif", "webp", "avif");
    private static final Safelist SAFELIST = safelist();

    private ProductBody() {
    }

    private static Safelist safelist() {
        Safelist s = new Safelist().addTags(TAGS.toArray(String[]::new));
        ATTRIBUTES.forEach((tag, attributes) -> s.addAttributes(tag, attributes.toArray(String[]::new)));
        s.addProtocols("a", "href", LINK_SCHEMES.toArray(String[]::new));
        s.addProtocols("img", "src", "https");
        return s;
    }

    /**
     * Renders and sanitises one product's description.
     *
     * @param markdown         the body of the product file
     * @param firstLine        the file line the body starts on (for warnings)
     * @param pagePath         the site path of the product's page ("/produits/x/"), which links are relative to
     * @param productPath      site path of a published product by id, else {@code null}
     * @param organisationPath site path of a published organisation by id, else {@code null}
     */
    public static Result render(String markdown, int firstLine, Path file, String productId, String pagePath,
                                Upstream upstream, Function<String, String> productPath,
                                Function<String, String> organisationPath, Diagnostics diagnostics) {
        String html = Markdown.render(markdown, true).html();
        String page = upstream.base().resolve("startups/" + URLEncoder.encode(productId, StandardCharsets.UTF_8)
                .replace("+", "%20")).toString();
        Document dirty = Jsoup.parseBodyFragment(html, page);
        Map<String, String> dropped = new TreeMap<>();
        report(dirty, dropped);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        Set<String> ids = new LinkedHashSet<>();
        clean.body().select("[id]").forEach(e -> ids.add(e.id()));
        Map<String, Path> media = new LinkedHashMap<>();
        for (Element a : clean.body().select("a[href]")) {
            String target = link(a.attr("href"), page, pagePath, upstream, productPath, organisationPath, ids);
            if (target == null) {
                String fragment = decode(a.attr("href").substring(page.length() + 1));
                dropped.putIfAbsent("link to '#" + Text.abbreviate(fragment) + "' (no such heading here)", "#" + fragment);
                a.unwrap();
            } else {
                a.attr("href", target);
            }
        }
        for (Element img : clean.body().select("img")) {
            image(img, pagePath, upstream, media);
        }
        dropped.forEach((what, needle) -> {
            int[] at = locate(markdown, needle, firstLine);
            diagnostics.warning(file, at[0], at[1], what + " dropped from the description: only links, abbreviations, "
                    + "emphasis, lists, headings, tables and https images are shown (the text is kept)");
        });
        return new Result(clean.body().html(), Map.copyOf(media));
    }

    /** Records each element, attribute and address the allow-list drops, with text to find it in the Markdown. */
    private static void report(Document dirty, Map<String, String> dropped) {
        for (Element e : dirty.body().getAllElements()) {
            String tag = e.normalName();
            if (e == dirty.body()) {
                continue;
            }
            if (!TAGS.contains(tag)) {
                dropped.putIfAbsent("HTML element <" + Text.abbreviate(tag) + ">", "<" + tag);
                continue;
            }
            for (Attribute attribute : e.attributes()) {
                String name = attribute.getKey().toLowerCase(Locale.ROOT);
                if (!ATTRIBUTES.getOrDefault(tag, Set.of()).contains(name)) {
                    dropped.putIfAbsent("attribute '" + Text.abbreviate(name) + "' of <" + tag + ">", name + "=");
                } else if ((tag.equals("a") && name.equals("href")) || (tag.equals("img") && name.equals("src"))) {
                    String abs = e.absUrl(name);
                    String scheme;
                    try {
                        scheme = abs.isEmpty() ? "" : new URI(abs).getScheme();
                    } catch (URISyntaxException ex) {
                        scheme = "";
                    }
                    Set<String> allowed = tag.equals("a") ? LINK_SCHEMES : Set.of("https");
                    if (scheme == null || !allowed.contains(scheme.toLowerCase(Locale.ROOT))) {
                        dropped.putIfAbsent("address '" + Text.abbreviate(attribute.getValue()) + "'",
                                attribute.getValue());
                    }
                }
            }
        }
    }

    /**
     * Where a link (absolute after cleaning) should lead: a fragment of this page, this site's page of a published
     * product or organisation, else the address itself; {@code null} for a fragment this description doesn't have.
     */
    private static String link(String href, String page, String pagePath, Upstream upstream,
                               Function<String, String> productPath, Function<String, String> organisationPath,
                               Set<String> ids) {
        if (href.startsWith(page + "#")) {
            String fragment = decode(href.substring(page.length() + 1));
            return ids.contains(fragment) ? "#" + fragment : null;
        }
        String local = upstreamPath(href, upstream);
        if (local != null) {
            String[] parts = local.split("/");
            if (parts.length == 3 && parts[0].isEmpty()) {
                String id = parts[2].endsWith(".html") ? parts[2].substring(0, parts[2].length() - 5) : parts[2];
                String own = switch (parts[1]) {
                    case "startups" -> productPath.apply(id);
                    case "organisations" -> organisationPath.apply(id);
                    default -> null;
                };
                if (own != null) {
                    return Urls.relative(pagePath, own);
                }
            }
        }
        return href;
    }

    /** Copies an image beta.gouv.fr serves when the checkout has it; otherwise replaces it with a link to it. */
    private static void image(Element img, String pagePath, Upstream upstream, Map<String, Path> media) {
        String src = img.attr("src");
        if (src.isEmpty()) {
            img.remove();
            return;
        }
        String local = upstreamPath(src, upstream);
        String extension = local == null ? "" : local.substring(local.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (local != null && IMAGE_TYPES.contains(extension) && !local.contains("/../") && !local.contains("\\")) {
            for (Path root : upstream.roots()) {
                Path candidate = root.resolve(local.substring(1)).normalize();
                if (candidate.startsWith(root) && Files.isRegularFile(candidate) && inside(candidate, root)) {
                    String relative = URI.create(src).getRawPath().substring(1);
                    media.put(pagePath + relative, candidate);
                    img.attr("src", relative);
                    return;
                }
            }
        }
        String alt = img.attr("alt").isBlank() ? img.attr("title") : img.attr("alt");
        Element link = new Element("a").attr("href", src);
        link.appendChild(new TextNode(alt.isBlank() ? "Voir l'image" : "Image : " + alt));
        img.replaceWith(link);
    }

    /** The decoded path of an address on beta.gouv.fr ("/img/x.png"), or {@code null} for another site. */
    private static String upstreamPath(String address, Upstream upstream) {
        try {
            URI uri = new URI(address);
            URI base = upstream.base();
            if (uri.getHost() == null || !uri.getHost().equalsIgnoreCase(base.getHost())
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return null;
            }
            String path = uri.getPath();
            String basePath = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
            return path != null && path.startsWith(basePath) ? "/" + path.substring(basePath.length()) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean inside(Path file, Path root) {
        try {
            return file.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Line and column of the first occurrence of {@code needle} in the body (case-insensitive), else its first line. */
    private static int[] locate(String markdown, String needle, int firstLine) {
        int i = markdown.toLowerCase(Locale.ROOT).indexOf(needle.toLowerCase(Locale.ROOT));
        if (i < 0) {
            return new int[] {firstLine, 1};
        }
        int lineStart = markdown.lastIndexOf('\n', i - 1) + 1;
        int line = firstLine + (int) markdown.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        return new int[] {line, markdown.codePointCount(lineStart, i) + 1};
    }
}
