package fr.vitrine.read;

import fr.vitrine.model.Heading;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.commonmark.renderer.html.UrlSanitizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Markdown to HTML with commonmark-java: GFM tables, heading anchors, and a table of contents.
 * Raw HTML in the source is escaped, never passed through, and only http(s), mailto and relative links survive.
 */
public final class Markdown {

    /** Rendered HTML and the headings it contains, in order. */
    public record Rendered(String html, List<Heading> headings) {
    }

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    /** The paragraph holding a heading's link: not part of the text the search index holds. */
    private static final Map<String, String> HEADING_LINK = attributes("class", "heading-link", "data-pagefind-ignore", "");
    /** The box a wide table scrolls in, reachable with the keyboard. */
    private static final Map<String, String> TABLE_WRAP = attributes("class", "md-table-wrap", "tabindex", "0");

    /** Attributes in the order given (Map.of's order changes from one run to the next: output must not). */
    private static Map<String, String> attributes(String... namesAndValues) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private Markdown() {
    }

    /** Renders Markdown whose headings get "Lien vers cette section" links. */
    public static Rendered render(String markdown) {
        return render(markdown, "Lien vers cette section", false);
    }

    /**
     * Renders Markdown; each {@code ##}/{@code ###} heading is followed by a visible link to itself labelled
     * {@code linkLabel} ("Lien vers cet article" in a convention), for citing. A heading starting with "Article N"
     * gets the short stable id {@code article-N}, its long id staying on an element inside it.
     */
    public static Rendered render(String markdown, String linkLabel) {
        return render(markdown, linkLabel, false);
    }

    /** The label of the heading links of a record's text: a convention's headings are its articles. */
    public static String linkLabelFor(java.nio.file.Path file) {
        java.nio.file.Path folder = file.getParent() == null ? null : file.getParent().getFileName();
        return folder != null && folder.toString().equals("conventions") ? "Lien vers cet article"
                : "Lien vers cette section";
    }

    /**
     * With {@code rawHtml}, HTML written in the Markdown and every URL pass through unchanged: only for a caller that
     * sanitises the result ({@link ProductBody}).
     */
    static Rendered render(String markdown, boolean rawHtml) {
        return render(markdown, "Lien vers cette section", rawHtml);
    }

    private static Rendered render(String markdown, String linkLabel, boolean rawHtml) {
        Node document = PARSER.parse(markdown);
        List<Heading> headings = new ArrayList<>();
        Map<Node, String> captions = captions(document);
        Map<Node, String> longIds = new HashMap<>();
        Set<String> shortIds = new java.util.HashSet<>();
        HtmlRenderer renderer = HtmlRenderer.builder()
                // Before the extensions: the first renderer registered for a node type wins.
                .nodeRendererFactory(context -> new CaptionedTables(context, captions, !rawHtml))
                // Heading links and scroll boxes are ours: not in a text a sanitiser filters afterwards.
                .nodeRendererFactory(context -> rawHtml ? new NoRenderer() : new LinkedHeadings(context, longIds, linkLabel))
                .extensions(List.of(TablesExtension.create(), HeadingAnchorExtension.create()))
                .escapeHtml(!rawHtml)
                .sanitizeUrls(!rawHtml)
                .urlSanitizer(SAFE_URLS)
                // Runs after the anchor extension's provider, so the heading already has its id.
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof org.commonmark.node.Heading h) {
                        java.util.regex.Matcher article = ARTICLE.matcher(textOf(h));
                        String id = attributes.get("id");
                        if (article.lookingAt() && !longIds.containsKey(h)) {
                            String shortId = "article-" + article.group(1);
                            if (shortId.equals(id)) {
                                shortIds.add(shortId);
                            } else if (shortIds.add(shortId)) {
                                longIds.put(h, id);
                                attributes.put("id", shortId);
                            }
                        }
                        headings.add(new Heading(h.getLevel(), textOf(h), attributes.get("id")));
                    } else if (node instanceof TableBlock) {
                        attributes.put("class", "md-table");
                    }
                })
                .build();
        String html = renderer.render(document);
        return new Rendered(html, List.copyOf(headings));
    }

    /**
     * A caption for each table, as accessibility requires: the short lines ending with ':' just before it
     * ("Pour la DGPR :", "Références Chorus :"), else the heading of its section.
     */
    static Map<Node, String> captions(Node document) {
        Map<Node, String> out = new HashMap<>();
        document.accept(new AbstractVisitor() {
            String heading = "Tableau";

            @Override
            public void visit(org.commonmark.node.Heading h) {
                heading = textOf(h);
                visitChildren(h);
            }

            @Override
            public void visit(CustomBlock block) {
                if (block instanceof TableBlock) {
                    List<String> labels = new ArrayList<>();
                    Node previous = block.getPrevious();
                    while (previous instanceof Paragraph && labels.size() < 2) {
                        String text = textOf(previous);
                        if (!text.endsWith(":") || text.length() > 80) {
                            break;
                        }
                        labels.add(0, text.substring(0, text.length() - 1).strip());
                        previous = previous.getPrevious();
                    }
                    out.put(block, labels.isEmpty() ? heading : String.join(" – ", labels));
                }
                visitChildren(block);
            }
        });
        return out;
    }

    /** "Article 4 : Dispositions financières", "ARTICLE 12 -": the number of an article heading. */
    private static final java.util.regex.Pattern ARTICLE = java.util.regex.Pattern.compile(
            "(?i)article\\s+(\\d+)(?![\\d.])");

    /**
     * Renders a heading with its id (and the long id of an "Article N" heading on an empty span inside it), then,
     * for levels 2 and 3, a visible link to it for citing.
     */
    private static final class LinkedHeadings implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;
        private final Map<Node, String> longIds;
        private final String label;

        LinkedHeadings(HtmlNodeRendererContext context, Map<Node, String> longIds, String label) {
            this.context = context;
            this.html = context.getWriter();
            this.longIds = longIds;
            this.label = label;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(org.commonmark.node.Heading.class);
        }

        @Override
        public void render(Node node) {
            org.commonmark.node.Heading h = (org.commonmark.node.Heading) node;
            String tag = "h" + h.getLevel();
            Map<String, String> attributes = context.extendAttributes(node, tag, Map.of());
            html.line();
            html.tag(tag, attributes);
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            String longId = longIds.get(node);
            if (longId != null) {
                html.tag("span", Map.of("id", longId));
                html.tag("/span");
            }
            html.tag("/" + tag);
            html.line();
            String id = attributes.get("id");
            if (id != null && (h.getLevel() == 2 || h.getLevel() == 3)) {
                html.tag("p", HEADING_LINK);
                html.tag("a", Map.of("href", "#" + id));
                html.text(label);
                html.tag("span", Map.of("class", "sr-only fr-sr-only"));
                html.text(" : " + textOf(h));
                html.tag("/span");
                html.tag("/a");
                html.tag("/p");
                html.line();
            }
        }
    }

    /** Renders nothing itself: the default renderers apply. */
    private static final class NoRenderer implements NodeRenderer {
        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of();
        }

        @Override
        public void render(Node node) {
        }
    }

    /** Renders a GFM table with its caption, leaving rows and cells to the tables extension. */
    private static final class CaptionedTables implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;
        private final Map<Node, String> captions;
        private final boolean scrollBox;

        CaptionedTables(HtmlNodeRendererContext context, Map<Node, String> captions, boolean scrollBox) {
            this.context = context;
            this.html = context.getWriter();
            this.captions = captions;
            this.scrollBox = scrollBox;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(TableBlock.class);
        }

        @Override
        public void render(Node node) {
            html.line();
            // A wide table scrolls inside its own box on a phone (focusable, so the keyboard can scroll it too);
            // attributes in a fixed order (Map.of's changes from one run to the next).
            if (scrollBox) {
                html.tag("div", TABLE_WRAP);
            }
            html.tag("table", context.extendAttributes(node, "table", Map.of()));
            html.tag("caption");
            html.text(captions.getOrDefault(node, "Tableau"));
            html.tag("/caption");
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
            html.tag("/table");
            if (scrollBox) {
                html.tag("/div");
            }
            html.line();
        }
    }

    /** Keeps links that can't run script or load foreign content by surprise. */
    private static final UrlSanitizer SAFE_URLS = new UrlSanitizer() {
        @Override
        public String sanitizeLinkUrl(String url) {
            String u = url.strip();
            int colon = u.indexOf(':');
            int slash = u.indexOf('/');
            boolean hasScheme = colon > 0 && (slash < 0 || colon < slash);
            if (!hasScheme) {
                return u;
            }
            String scheme = u.substring(0, colon).toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") || scheme.equals("mailto") ? u : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            // Images must be local files: no third-party requests from pages.
            String link = sanitizeLinkUrl(url);
            // '//host/x.png' is another site too (protocol-relative); browsers read '\\' as '/'.
            return link.contains(":") || link.matches("(?s)[/\\\\]{2}.*") ? "" : link;
        }
    };

    private static String textOf(Node node) {
        StringBuilder sb = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                sb.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                sb.append(code.getLiteral());
            }
        });
        return sb.toString().strip();
    }
}
