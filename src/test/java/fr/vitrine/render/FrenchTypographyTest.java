package fr.vitrine.render;

import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * French typography on every page: no plain (or no-break) space before « : ; ? ! » and « » », or after « « », in any
 * text node outside code, and no raw organisation type code where it has a name. Covers all text: the interface,
 * record values and the texts rendered from Markdown; the corpus site is checked by {@code FrenchTypographyIT}.
 */
class FrenchTypographyTest {

    /** A space where a narrow no-break space is due. */
    static final Pattern LOOSE = Pattern.compile("[ \u00A0][:;?!\u00BB]|\u00AB[ \u00A0]");
    /** Text written as it is: code, scripts. */
    private static final Set<String> VERBATIM = Set.of("script", "style", "pre", "code", "textarea");
    /** Organisation type codes: each has a name. */
    static final Pattern TYPE_CODE = Pattern.compile(
            "\\b(securite-sociale|service-deconcentre|administration-centrale|etablissement-public|collectivite-territoriale)\\b");

    @TempDir
    Path tmp;

    @Test
    void aChartLabelIsTypesetAsThePageIsBeforeItIsWrapped() {
        // The table beside the chart reads « dans : la », narrow and unbreakable: the chart's lines never break there.
        assertEquals(List.of("Mentionné", "dans\u202F: la", "convention"), Charts.wrap("Mentionné dans : la convention", 14));
        assertEquals(List.of("volet", "«\u202FMise à", "niveau\u202F»"), Charts.wrap("volet « Mise à niveau »", 9));
        assertEquals("Total\u202F: 5\u00A0€ «\u202Fx\u202F»", PageTextWriter.french("Total : 5\u00A0€ « x »"));
    }

    @Test
    void theWriterNarrowsTheSpacesFrenchTypographyWantsAndNothingElse() throws IOException {
        assertEquals("Montant\u202F: 5 €\u202F; oui\u202F? non\u202F! «\u202Fcité\u202F»",
                typeset("Montant : 5 €\u00A0; oui ? non ! « cité »"));
        // Tags, attribute values and code are written as they are.
        assertEquals("«\u202F<b>x</b>\u202F» <a title=\"a : b\">c\u202F:</a><code>a : b</code><pre>x ?</pre> y\u202F!",
                typeset("« <b>x</b> » <a title=\"a : b\">c :</a><code>a : b</code><pre>x ?</pre> y !"));
        assertEquals("<script>if (a ? b : c) {}</script>d\u202F?", typeset("<script>if (a ? b : c) {}</script>d ?"));
        // Character references: a no-break space written as one (jsoup does) is narrowed too; others are kept.
        assertEquals("connaître\u202F: AT&amp;T &amp; R&D\u202F? «\u202Fx\u202F»", typeset("connaître&nbsp;: AT&amp;T &amp; R&D&#160;? &laquo; x&nbsp;&raquo;"));
        // Cells and terms end with a line end, so that extracted text keeps them apart.
        assertEquals("<tr><th>Année</th>\n<td>AE</td>\n</tr><dl><dt>Signée</dt>\n<dd>le 5</dd>\n</dl>",
                typeset("<tr><th>Année</th><td>AE</td></tr><dl><dt>Signée</dt><dd>le 5</dd></dl>"));
        // Written in pieces: a space at the end of one write waits for the next.
        StringWriter out = new StringWriter();
        PageTextWriter w = new PageTextWriter(out);
        w.write("Total ");
        w.write(": 3 ");
        w.close();
        assertEquals("Total\u202F: 3 ", out.toString());
    }

    private static String typeset(String html) throws IOException {
        StringWriter out = new StringWriter();
        try (PageTextWriter w = new PageTextWriter(out)) {
            w.write(html);
        }
        return out.toString();
    }

    @Test
    void everyTextNodeOfTheBundledSiteHasPageTextWriter() {
        TestProject project = TestProject.copyOfRepository(tmp);
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        List<String> problems = problems(site);
        assertTrue(problems.isEmpty(), problems.size() + " text nodes:\n" + String.join("\n",
                problems.subList(0, Math.min(40, problems.size()))));
    }

    /** Every text node of every HTML page of a site that breaks the rules, as "page: text". */
    static List<String> problems(Path site) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                Document doc = Jsoup.parse(file.toFile(), "UTF-8");
                String page = site.relativize(file).toString();
                for (Element e : doc.getAllElements()) {
                    if (e.parents().stream().anyMatch(p -> VERBATIM.contains(p.normalName()))
                            || VERBATIM.contains(e.normalName())) {
                        continue;
                    }
                    for (TextNode t : e.textNodes()) {
                        String text = t.getWholeText();
                        // The datasets' descriptions name the codes their files hold.
                        if (LOOSE.matcher(text).find() || !page.startsWith("donnees") && TYPE_CODE.matcher(text).find()) {
                            out.add(page + ": " + text.strip());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
