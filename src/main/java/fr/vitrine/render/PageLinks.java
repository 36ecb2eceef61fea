package fr.vitrine.render;

import org.jsoup.parser.Parser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
        List<String> links = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String canonical = null;
        int n = html.length();
        int i = 0;
        while ((i = html.indexOf('<', i)) >= 0 && i + 1 < n) {
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            char c = html.charAt(i + 1);
            if (c == '!' || c == '?' || c == '/') {
                int end = html.indexOf('>', i + 1);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && !isSpace(html.charAt(j)) && html.charAt(j) != '>' && html.charAt(j) != '/') {
                j++;
            }
            String tag = html.substring(i + 1, j).toLowerCase(Locale.ROOT);
            String href = null;
            String src = null;
            String rel = null;
            // Attributes: name, then optionally = and a value (double-quoted, single-quoted or bare).
            while (j < n && html.charAt(j) != '>') {
                char a = html.charAt(j);
                if (isSpace(a) || a == '/') {
                    j++;
                    continue;
                }
                int nameStart = j;
                while (j < n && !isSpace(html.charAt(j)) && html.charAt(j) != '=' && html.charAt(j) != '>'
                        && html.charAt(j) != '/') {
                    j++;
                }
                // Only the attributes the link check needs are taken out of the page (most are classes).
                String name = wanted(html, nameStart, j);
                while (j < n && isSpace(html.charAt(j))) {
                    j++;
                }
                String value = "";
                if (j < n && html.charAt(j) == '=') {
                    j++;
                    while (j < n && isSpace(html.charAt(j))) {
                        j++;
                    }
                    int start;
                    int end;
                    if (j < n && (html.charAt(j) == '"' || html.charAt(j) == '\'')) {
                        start = j + 1;
                        end = html.indexOf(html.charAt(j), start);
                        end = end < 0 ? n : end;
                        j = Math.min(n, end + 1);
                    } else {
                        start = j;
                        while (j < n && !isSpace(html.charAt(j)) && html.charAt(j) != '>') {
                            j++;
                        }
                        end = j;
                    }
                    if (name == null) {
                        continue;
                    }
                    value = html.substring(start, end);
                    if (value.indexOf('&') >= 0) {
                        value = Parser.unescapeEntities(value, true);
                    }
                }
                if (name == null) {
                    continue;
                }
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
                while ((end = html.indexOf("</", end)) >= 0 && !html.regionMatches(true, end + 2, tag, 0, tag.length())) {
                    end += 2;
                }
                i = end < 0 ? n : end;
            }
        }
        return new PageLinks(List.copyOf(links), Set.copyOf(ids), canonical);
    }

    private static final List<String> WANTED = List.of("id", "href", "src", "rel");

    /** The attribute name at {@code html[start, end)} when the link check needs it (in lower case), else null. */
    private static String wanted(String html, int start, int end) {
        for (String name : WANTED) {
            if (end - start == name.length() && html.regionMatches(true, start, name, 0, name.length())) {
                return name;
            }
        }
        return null;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
    }
}
