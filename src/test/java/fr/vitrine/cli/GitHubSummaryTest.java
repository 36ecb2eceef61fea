package fr.vitrine.cli;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.read.ImpactCsv;
import fr.vitrine.validate.MetricsLoader;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Emphasis;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GitHub job summary of {@code vitrine stats}: names and messages from a team's files are Markdown-inert (read
 * back with commonmark-java and its GFM tables: no link, image, HTML, code or emphasis comes from them, and each
 * cell shows the text as written), and the summary stays under 1 MiB, saying how much it left out.
 */
class GitHubSummaryTest {

    static final String HOSTILE = "[lien](https://tracker.example/p) ![pixel](https://tracker.example/1.png) "
            + "<img src=https://tracker.example/2.png> **gras** _it_ `code` $x^2$ ~barré~ | tube &amp; &#60;b&#62; "
            + "www.tracker.example http://tracker.example/3 @équipe #12 :smile: \\[échappé\\]";

    @TempDir
    Path tmp;

    @Test
    void userTextIsInertMarkdownAndReadsAsWritten() throws IOException {
        String indicator = "Visites " + HOSTILE;
        String unit = "![u](https://tracker.example/u.png)";
        Catalog catalog = catalog(HOSTILE, List.of(row(indicator, unit, "2024-01-31", "12")));
        List<Diagnostic> problems = List.of(new Diagnostic(Diagnostic.Severity.WARNING, tmp.resolve("a[b](c).csv"),
                3, 4, "message " + HOSTILE + "\nsecond line"));
        Path summary = tmp.resolve("summary.md");
        GitHubReport.summary(summary, catalog, problems, 0);
        String md = Files.readString(summary);

        Node doc = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(md);
        List<String> active = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Link n) {
                active.add("link " + n.getDestination());
            }

            @Override
            public void visit(Image n) {
                active.add("image " + n.getDestination());
            }

            @Override
            public void visit(HtmlInline n) {
                active.add("html " + n.getLiteral());
            }

            @Override
            public void visit(HtmlBlock n) {
                active.add("html block " + n.getLiteral());
            }

            @Override
            public void visit(Code n) {
                active.add("code " + n.getLiteral());
            }

            @Override
            public void visit(Emphasis n) {
                active.add("emphasis");
            }

            @Override
            public void visit(StrongEmphasis n) {
                if (!text(n).equals("Échec")) {
                    active.add("strong " + text(n));
                }
            }
        });
        assertEquals(List.of(), active, md);

        List<String> cells = cells(doc);
        String shown = HOSTILE.replace("\n", " ");
        assertTrue(cells.contains("Visites " + shown), "the indicator's name reads as written:\n" + cells);
        assertTrue(cells.contains("12 " + unit), cells.toString());
        assertTrue(cells.stream().anyMatch(c -> c.endsWith("/a[b](c).csv")), cells.toString());
        assertTrue(cells.contains("message " + shown + " second line"), cells.toString());
        assertTrue(md.startsWith("## Statistiques d'impact : " + GitHubReport.cell(HOSTILE) + "\n"), md);
        // GitHub turns bare addresses into links by itself: none is left whole.
        assertFalse(md.contains("://") || md.contains("www."), md);
        assertTrue(md.contains("\\@équipe") && md.contains("\\#12") && md.contains("\\$x^2\\$"), md);
    }

    @Test
    void summaryStaysUnderOneMebibyteAndSaysWhatItLeftOut() throws IOException {
        String padding = "é".repeat(300); // two bytes each in UTF-8
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(row("Indicateur " + i + " " + padding, "unité", "2024-01-31", Integer.toString(i)));
        }
        Catalog catalog = catalog("Service", rows);
        List<Diagnostic> problems = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            problems.add(new Diagnostic(Diagnostic.Severity.ERROR, tmp.resolve("stats.csv"), i + 2, 1,
                    "problème " + i + " " + padding));
        }
        Path summary = tmp.resolve("summary.md");
        Files.writeString(summary, "Résumé d'une étape précédente\n"); // GitHub appends; so do we
        long before = Files.size(summary);
        GitHubReport.summary(summary, catalog, problems, 1);
        long written = Files.size(summary) - before;
        assertTrue(written <= 1 << 20, written + " bytes");
        assertTrue(written > 900_000, "the room is used: " + written + " bytes");
        String md = Files.readString(summary, StandardCharsets.UTF_8);

        long indicatorRows = md.lines().filter(l -> l.matches("\\| Indicateur \\d+ .*")).count();
        Matcher left = Pattern.compile("… et (\\d+) autre\\(s\\) indicateur\\(s\\), non affiché\\(s\\) ici pour rester "
                + "sous la taille maximale d'un résumé : tous sont dans donnees/indicateurs\\.csv\\.").matcher(md);
        assertTrue(left.find(), md.substring(0, 300));
        assertEquals(3000, indicatorRows + Long.parseLong(left.group(1)));
        assertTrue(indicatorRows > 100, "indicators shown: " + indicatorRows);

        long problemRows = md.lines().filter(l -> l.startsWith("| erreur |")).count();
        Matcher more = Pattern.compile("… et (\\d+) autre\\(s\\) problème\\(s\\), dans le journal de l'étape\\.")
                .matcher(md);
        assertTrue(more.find());
        assertEquals(5000, problemRows + Long.parseLong(more.group(1)));
        assertTrue(problemRows > 100, "problems shown: " + problemRows);
        assertTrue(md.contains("### Problèmes : 5000 erreur(s), 0 avertissement(s)"));
    }

    /** One impact row of the service "Service". */
    static String row(String indicator, String unit, String date, String value) {
        return "Cerema,Service," + quote(indicator) + "," + value + "," + quote(unit) + ",false,usage,mensuelle," + date
                + ",false,,true,script,,,,";
    }

    static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** A team's catalog as {@code vitrine stats} makes it, from the rows. */
    private Catalog catalog(String title, List<String> rows) throws IOException {
        Path csv = tmp.resolve("impact.csv");
        Files.writeString(csv, String.join(",", ImpactCsv.COLUMNS) + "\n" + String.join("\n", rows) + "\n");
        Product product = new Product("service", title, null, List.of(), null, List.of(), List.of(), null, null,
                null, null, "", List.of("Service"), false, null);
        Diagnostics diagnostics = new Diagnostics();
        Map<String, ProductMetrics> metrics = MetricsLoader.load(List.of(csv), List.of(product), diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics.all().toString());
        return new Catalog(List.of(), List.of(), List.of(product), List.of(), metrics, LocalDate.of(2026, 11, 25));
    }

    /** The text of every table cell, as a reader sees it. */
    static List<String> cells(Node doc) {
        List<String> out = new ArrayList<>();
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomNode n) {
                if (n instanceof TableCell) {
                    out.add(text(n).replace("\u200B", ""));
                } else {
                    visitChildren(n);
                }
            }
        });
        return out;
    }

    static String text(Node n) {
        StringBuilder sb = new StringBuilder();
        n.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                sb.append(t.getLiteral());
            }
        });
        return sb.toString();
    }
}
