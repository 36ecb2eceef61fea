package fr.vitrine;

import fr.vitrine.testing.TestProject;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manual's links: every relative link or image in README.md and docs/ names a file of the repository, and every
 * {@code #fragment} a heading of its target (as GitHub writes heading anchors).
 */
class DocsLinksTest {

    private static final Parser PARSER = Parser.builder().build();

    @Test
    void everyRelativeLinkAndAnchorOfTheManualResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(TestProject.REPO.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(TestProject.REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertTrue(pages.size() > 1, "docs/ holds the manual");
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String href : links(page)) {
                if (href.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // an address on the web, or mailto:
                }
                checked++;
                int hash = href.indexOf('#');
                String file = hash < 0 ? href : href.substring(0, hash);
                Path target = file.isEmpty() ? page
                        : page.getParent().resolve(URLDecoder.decode(file, StandardCharsets.UTF_8)).normalize();
                if (!target.startsWith(TestProject.REPO) || !Files.exists(target)) {
                    broken.add(TestProject.REPO.relativize(page) + ": " + href + " (no such file)");
                } else if (hash >= 0 && target.toString().endsWith(".md")) {
                    String fragment = href.substring(hash + 1);
                    if (!anchors.computeIfAbsent(target, DocsLinksTest::anchors).contains(fragment)) {
                        broken.add(TestProject.REPO.relativize(page) + ": " + href + " (no such heading)");
                    }
                }
            }
        }
        assertTrue(checked > 10, "relative links found: " + checked);
        assertEquals(List.of(), broken);
    }

    @Test
    void anchorsAreGitHubs() {
        Node doc = PARSER.parse("# Live preview (`vitrine serve`)\n## Open data (`/donnees/`)\n## Préambule\n## Préambule\n");
        Set<String> found = anchorsOf(doc);
        assertEquals(Set.of("live-preview-vitrine-serve", "open-data-donnees", "préambule", "préambule-1"), found);
    }

    private static List<String> links(Path page) {
        List<String> hrefs = new ArrayList<>();
        PARSER.parse(read(page)).accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                hrefs.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                hrefs.add(image.getDestination());
            }
        });
        return hrefs;
    }

    private static Set<String> anchors(Path page) {
        return anchorsOf(PARSER.parse(read(page)));
    }

    /** GitHub's anchors: the heading's text in lower case, without punctuation, spaces as hyphens; repeats numbered. */
    private static Set<String> anchorsOf(Node doc) {
        Set<String> found = new HashSet<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                StringBuilder text = new StringBuilder();
                heading.accept(new AbstractVisitor() {
                    @Override
                    public void visit(Text t) {
                        text.append(t.getLiteral());
                    }

                    @Override
                    public void visit(Code c) {
                        text.append(c.getLiteral());
                    }
                });
                String slug = text.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\- _]", "")
                        .replace(' ', '-');
                String unique = slug;
                for (int n = 1; !found.add(unique); n++) {
                    unique = slug + "-" + n;
                }
            }
        });
        return found;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
