import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The least a JVM build of the bench project can do, for bench/compare: what Hugo does with its one-line layout and
 * nothing more. Each convention's Markdown is read, its front matter skipped (not parsed), its body rendered by
 * commonmark-java with the extensions Vitrine uses, and the page written to OUT/conventions/ID/index.html, in
 * parallel on every core; then one list page. No template engine, no validation, no datasets, no link check.
 *
 * <p>Usage: java -cp target/vitrine.jar:CLASSES Floor PROJECT OUT
 */
public final class Floor {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0], "content", "conventions");
        Path out = Path.of(args[1], "conventions");
        Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(List.of(TablesExtension.create(), HeadingAnchorExtension.create())).build();
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        Files.createDirectories(out);
        files.parallelStream().forEach(file -> {
            try {
                String text = Files.readString(file);
                int end = text.indexOf("\n---", 3);
                String body = end < 0 ? text : text.substring(text.indexOf('\n', end + 1) + 1);
                String id = file.getFileName().toString().replaceFirst("\\.md$", "");
                String html = "<!DOCTYPE html><html lang=\"fr\"><title>" + id + "</title><h1>" + id + "</h1>"
                        + renderer.render(parser.parse(body)) + "</html>\n";
                Path dir = Files.createDirectories(out.resolve(id));
                Files.write(dir.resolve("index.html"), html.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        StringBuilder list = new StringBuilder("<!DOCTYPE html><html lang=\"fr\"><title>Conventions</title><ul>");
        for (Path file : files) {
            String id = file.getFileName().toString().replaceFirst("\\.md$", "");
            list.append("<li><a href=\"").append(id).append("/\">").append(id).append("</a></li>");
        }
        Files.writeString(out.resolve("index.html"), list.append("</ul></html>\n"));
    }
}
