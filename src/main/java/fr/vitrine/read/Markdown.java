package fr.vitrine.read;

import fr.vitrine.model.Heading;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    private Markdown() {
    }

    public static Rendered render(String markdown) {
        Node document = PARSER.parse(markdown);
        List<Heading> headings = new ArrayList<>();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create(), HeadingAnchorExtension.create()))
                .escapeHtml(true)
                .sanitizeUrls(true)
                .urlSanitizer(SAFE_URLS)
                // Runs after the anchor extension's provider, so the heading already has its id.
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof org.commonmark.node.Heading h) {
                        headings.add(new Heading(h.getLevel(), textOf(h), attributes.get("id")));
                    } else if (node instanceof TableBlock) {
                        attributes.put("class", "md-table");
                    }
                })
                .build();
        String html = renderer.render(document);
        return new Rendered(html, List.copyOf(headings));
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
            return link.contains(":") ? "" : link;
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
