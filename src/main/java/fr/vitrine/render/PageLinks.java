package fr.vitrine.render;

import org.jsoup.parser.Parser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/**
 * What one page links to and which element ids it has, as the link check needs them: taken from the HTML while
 * the build holds it, in one pass over its tags, without building a document (a tenth of the cost of parsing it).
 * It reads HTML as the build writes it (every attribute escaped by Pebble, commonmark or jsoup); the link check (fr.vitrine.check.LinkCheck)
 * reads any other HTML with jsoup, and a test holds the two to the same answer on every page of real sites.
 *
 * @param links     the {@code href} of {@code a}, {@code link} and {@code area}, the {@code src} of {@code img},
 *                  {@code script}, {@code source} and {@code iframe}, in page order, entities decoded
 * @param ids       every element's {@code id}
 * @param canonical the {@code href} of {@code <link rel="canonical">}, or null
 */
public record PageLinks(List<String> links, Set<String> ids, String canonical) {

    private static final Set<String> HREF = Set.of("a", "link", "area");
    private static final Set<String> SRC = Set.of("img", "script", "source", "iframe");
    /** Elements whose content is text to the HTML parser, not tags. */
    private static final Set<String> RAW_TEXT = Set.of("script", "style", "textarea", "title");

    public static PageLinks scan(String html) {
        return scan(html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Scans a page as it is written, in UTF-8: every character that delimits tags and attributes is ASCII, and no byte
     * of a longer character is, so the scan reads bytes and decodes only the values it keeps.
     */
    public static PageLinks scan(byte[] html) {
        return scan(html, new HashMap<>());
    }

    /**
     * {@link #scan(byte[])}, each link and id taken from {@code pool} when an equal one is there (else added to it):
     * the pages of a site share most of their links (the header, the footer, the listings), and a build holds every
     * page's links until the link check (10 million strings for 100 000 conventions).
     */
    public static PageLinks scan(byte[] html, Map<String, String> pool) {
        List<String> links = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String canonical = null;
        int n = html.length;
        int i = 0;
        while ((i = indexOf(html, '<', i)) >= 0 && i + 1 < n) {
            if (startsWith(html, "<!--", i)) {
                int end = indexOf(html, "-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            byte c = html[i + 1];
            if (c == '!' || c == '?' || c == '/') {
                int end = indexOf(html, '>', i + 1);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c < 0 && Character.isLetter(codePointAt(html, i + 1)))) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && !isSpace(html[j]) && html[j] != '>' && html[j] != '/') {
                j++;
            }
            String tag = new String(html, i + 1, j - i - 1, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            String href = null;
            String src = null;
            String rel = null;
            // Attributes: name, then optionally = and a value (double-quoted, single-quoted or bare).
            while (j < n && html[j] != '>') {
                byte a = html[j];
                if (isSpace(a) || a == '/') {
                    j++;
                    continue;
                }
                int nameStart = j;
                while (j < n && !isSpace(html[j]) && html[j] != '=' && html[j] != '>' && html[j] != '/') {
                    j++;
                }
                // Only the attributes the link check needs are taken out of the page (most are classes).
                String name = wanted(html, nameStart, j);
                while (j < n && isSpace(html[j])) {
                    j++;
                }
                String value = "";
                if (j < n && html[j] == '=') {
                    j++;
                    while (j < n && isSpace(html[j])) {
                        j++;
                    }
                    int start;
                    int end;
                    if (j < n && (html[j] == '"' || html[j] == '\'')) {
                        start = j + 1;
                        end = indexOf(html, (char) html[j], start);
                        end = end < 0 ? n : end;
                        j = Math.min(n, end + 1);
                    } else {
                        start = j;
                        while (j < n && !isSpace(html[j]) && html[j] != '>') {
                            j++;
                        }
                        end = j;
                    }
                    if (name == null) {
                        continue;
                    }
                    value = new String(html, start, end - start, StandardCharsets.UTF_8);
                    if (value.indexOf('&') >= 0) {
                        value = Parser.unescapeEntities(value, true);
                    }
                }
                if (name == null) {
                    continue;
                }
                value = shared(pool, value);
                switch (name) {
                    case "id" -> ids.add(value);
                    case "href" -> href = href == null ? value : href;
                    case "src" -> src = src == null ? value : src;
                    case "rel" -> rel = value;
                    default -> { }
                }
            }
            if (href != null && HREF.contains(tag)) {
                links.add(href);
                if (tag.equals("link") && rel != null && rel.strip().equalsIgnoreCase("canonical") && canonical == null) {
                    canonical = href;
                }
            }
            if (src != null && SRC.contains(tag)) {
                links.add(src);
            }
            i = j + 1;
            if (RAW_TEXT.contains(tag)) {
                int end = i;
                while ((end = indexOf(html, "</", end)) >= 0 && !matchesIgnoringCase(html, end + 2, tag)) {
                    end += 2;
                }
                i = end < 0 ? n : end;
            }
        }
        return new PageLinks(List.copyOf(links), Set.copyOf(ids), canonical);
    }

    private static String shared(Map<String, String> pool, String value) {
        String known = pool.get(value); // most values are there already: a read takes no lock
        if (known != null) {
            return known;
        }
        known = pool.putIfAbsent(value, value);
        return known == null ? value : known;
    }

    private static int indexOf(byte[] b, char c, int from) {
        for (int i = Math.max(0, from); i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, String s, int from) {
        for (int i = indexOf(b, s.charAt(0), from); i >= 0; i = indexOf(b, s.charAt(0), i + 1)) {
            if (startsWith(b, s, i)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the ASCII text {@code s} is at {@code at}. */
    private static boolean startsWith(byte[] b, String s, int at) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (b[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the lower-case ASCII {@code s} is at {@code at}, in any case. */
    private static boolean matchesIgnoringCase(byte[] b, int at, String s) {
        if (at + s.length() > b.length) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            int c = b[at + k];
            if ((c >= 'A' && c <= 'Z' ? c | 0x20 : c) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int codePointAt(byte[] b, int at) {
        int end = Math.min(b.length, at + 4);
        return new String(b, at, end - at, StandardCharsets.UTF_8).codePointAt(0);
    }

    private static final List<String> WANTED = List.of("id", "href", "src", "rel");

    /** The attribute name at {@code html[start, end)} when the link check needs it (in lower case), else null. */
    private static String wanted(byte[] html, int start, int end) {
        for (String name : WANTED) {
            if (end - start == name.length() && matchesIgnoringCase(html, start, name)) {
                return name;
            }
        }
        return null;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }
}
