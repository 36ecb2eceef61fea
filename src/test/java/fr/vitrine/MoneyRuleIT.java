package fr.vitrine;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.vitrine.model.Text;
import fr.vitrine.testing.TestProject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 28, « one rule for money »: on the site built from the real beta.gouv.fr corpus (test data, never copied into
 * the project; {@code -Dvitrine.corpus.betagouv}, skipped loudly without it), every total a page shows is the sum of
 * the rows of {@code donnees/lignes-financement.csv} for the same selection (the programme, each organisation, each
 * product, each incubator, each FAST promotion), a selection without rows reads « non recensé », and the home page
 * stays small (issue 28, item 3).
 */
class MoneyRuleIT {

    @TempDir
    static Path tmp;
    static Path site;

    @BeforeAll
    static void buildTheCorpusSite() throws IOException {
        String setting = System.getProperty(BetaGouvSnapshotIT.PROPERTY, "").strip();
        if (setting.isEmpty()) {
            System.err.println("\n*** SKIPPED MoneyRuleIT: no -D" + BetaGouvSnapshotIT.PROPERTY
                    + "=<beta.gouv.fr content folder>; the money rule is not checked on the corpus site ***\n");
            Assumptions.abort("-D" + BetaGouvSnapshotIT.PROPERTY + " is not set");
        }
        Path corpus = Path.of(setting).toAbsolutePath();
        if (!Files.isDirectory(corpus.resolve("_startups")) || !Files.isDirectory(corpus.resolve("_organisations"))) {
            fail(BetaGouvSnapshotIT.PROPERTY + "=" + setting + " does not hold _startups/ and _organisations/");
        }
        // The default theme (dsfr), whose pages are the larger.
        TestProject project = TestProject.copyOfRepository(tmp);
        Files.delete(project.file("data/products/urbanvitaliz.md"));
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.startups=" + corpus.resolve("_startups")
                + "\nvitrine.betagouv.organisations=" + corpus.resolve("_organisations") + "\n");
        site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
    }

    @Test
    void everyTotalShownIsTheSumOfItsFundingLines() {
        List<String> problems = problems(site);
        assertEquals(List.of(), problems, problems.size() + " totals differ from lignes-financement.csv");
    }

    @Test
    void theHomePageIsBoundedInSize() throws IOException {
        long size = Files.size(site.resolve("index.html"));
        assertTrue(size <= 100_000, "the home page holds " + size + " bytes of HTML (at most 100 000)");
    }

    /** One row of lignes-financement.csv, with the products it funds (its own, else its convention's). */
    record Line(Map<String, String> row, BigDecimal amount, Set<String> products) {
        String get(String column) {
            return row.getOrDefault(column, "");
        }
    }

    /** Every difference between what the site's pages show and what its funding lines add up to. */
    static List<String> problems(Path site) {
        Map<String, List<String>> productsOfConvention = new TreeMap<>();
        for (Map<String, String> c : csv(site.resolve("donnees/conventions.csv"))) {
            productsOfConvention.put(c.get("id"), split(c.get("produits")));
        }
        List<Line> lines = new ArrayList<>();
        for (Map<String, String> r : csv(site.resolve("donnees/lignes-financement.csv"))) {
            Set<String> products = new LinkedHashSet<>(r.get("produit_id").isEmpty()
                    ? productsOfConvention.getOrDefault(r.get("convention_id"), List.of())
                    : List.of(r.get("produit_id")));
            lines.add(new Line(r, new BigDecimal(r.get("montant")), products));
        }
        List<Map<String, String>> products = csv(site.resolve("donnees/produits.csv"));
        List<String> problems = new ArrayList<>();

        // The programme: the home page, /financements/, /stats/.
        Document home = page(site, "/");
        Element money = home.select("ul.key-figures li").stream()
                .filter(li -> text(li).contains("financements recensés")).findFirst().orElse(null);
        expect(problems, "/ (total)", text(money), lines, l -> true);
        long funded = products.stream().filter(p -> lines.stream().anyMatch(l -> l.products().contains(p.get("id"))))
                .count();
        String figures = text(home.select("ul.key-figures").first());
        if (!figures.contains(funded + (funded > 1 ? " produits dont un financement est recensé"
                : " produit dont un financement est recensé"))) {
            problems.add("/ (produits financés): expected " + funded + " in « " + figures + " »");
        }
        Document funding = page(site, "/financements/");
        expect(problems, "/financements/ (total)", text(funding.selectFirst("p.lead")), lines, l -> true);
        Set<String> withStats = new LinkedHashSet<>();
        products.stream().filter(p -> p.get("statistiques_publiees").equals("true"))
                .forEach(p -> withStats.add(p.get("id")));
        String stats = text(page(site, "/stats/").select("ul.key-figures li").get(1));
        Matcher both = Pattern.compile("\\((.+) sur (.+)\\)").matcher(stats);
        if (!both.find()) {
            problems.add("/stats/: no « X sur Y » in « " + stats + " »");
        } else {
            expect(problems, "/stats/ (to products with statistics)", both.group(1), lines,
                    l -> l.products().stream().anyMatch(withStats::contains));
            expect(problems, "/stats/ (total)", both.group(2), lines, l -> true);
        }

        // Each organisation: what it paid and what it received, on its page and in the listing.
        Document listing = page(site, "/organisations/");
        for (Path file : files(site.resolve("organisations"))) {
            String id = site.resolve("organisations").relativize(file.getParent()).toString();
            Document org = page(site, "/organisations/" + id + "/");
            Predicate<Line> given = l -> Text.address(l.get("financeur_id")).equals(id);
            Predicate<Line> received = l -> Text.address(l.get("beneficiaire_id")).equals(id);
            expect(problems, "/organisations/" + id + "/ (versés)", fact(org, "Montants versés"), lines, given);
            expect(problems, "/organisations/" + id + "/ (reçus)", fact(org, "Montants reçus"), lines, received);
            Element row = listing.select("tbody tr").stream().filter(r -> links(r, id)).findFirst().orElse(null);
            if (row == null) {
                problems.add("/organisations/: no row for " + id);
            } else {
                expect(problems, "/organisations/ (" + id + ")", text(row.select("td.num").last()), lines, given);
            }
        }

        // Each product: its page.
        for (Map<String, String> p : products) {
            String id = p.get("id");
            Predicate<Line> of = l -> l.products().contains(id);
            expect(problems, "/produits/" + id + "/", fact(page(site, "/produits/" + Text.address(id) + "/"),
                    "Financements recensés"), lines, of);
        }

        // Each incubator: its products' lines, each once, on its page and in its table of products.
        Map<String, Set<String>> byIncubator = new TreeMap<>();
        products.stream().filter(p -> !p.get("incubateur").isEmpty()).forEach(p ->
                byIncubator.computeIfAbsent(p.get("incubateur"), k -> new LinkedHashSet<>()).add(p.get("id")));
        byIncubator.forEach((id, ofIncubator) -> {
            Path file = site.resolve("incubateurs/" + Text.address(id) + "/index.html");
            if (Files.isRegularFile(file)) {
                Document incubator = page(site, "/incubateurs/" + Text.address(id) + "/");
                expect(problems, "/incubateurs/" + id + "/", fact(incubator, "Financements recensés de ses produits"),
                        lines, l -> l.products().stream().anyMatch(ofIncubator::contains));
                for (Element row : incubator.select("tbody tr:has(th a)")) {
                    String product = products.stream().filter(p -> links(row, Text.address(p.get("id"))))
                            .map(pr -> pr.get("id")).findFirst().orElse("?");
                    expect(problems, "/incubateurs/" + id + "/ (" + product + ")", text(row.select("td.num").last()),
                            lines, l -> l.products().contains(product));
                }
            }
        });

        // Each FAST promotion: the awards its laureates' product files give.
        for (Path file : files(site.resolve("financements/fast"))) {
            String number = file.getParent().getFileName().toString();
            Document promotion = page(site, "/financements/fast/" + number + "/");
            Predicate<Line> of = l -> l.get("origine").equals("fiche-produit")
                    && l.get("note").equals("promotion " + number + " du FAST");
            Element total = promotion.selectFirst("p:contains(Montants des lauréats)");
            expect(problems, "/financements/fast/" + number + "/", total == null ? "" : text(total), lines, of);
        }
        return problems;
    }

    private static final Pattern EUROS = Pattern.compile("(\\d{1,3}(?:[ \u00A0\u202F]\\d{3})*(?:,\\d+)?) ?€");
    private static final Pattern LINES = Pattern.compile("(\\d+) lignes?\\b");

    /**
     * What a page shows for a selection is the sum of its lines (the first amount in {@code shown}), with their
     * number when it gives one; « non recensé » when it has none.
     */
    private static void expect(List<String> problems, String where, String shown, List<Line> lines,
                               Predicate<Line> selection) {
        List<Line> selected = lines.stream().filter(selection).toList();
        if (selected.isEmpty()) {
            if (!shown.contains("non recensé") && !shown.startsWith("Aucun")) {
                problems.add(where + ": no line, but « " + shown + " » (expected « non recensé »)");
            }
            return;
        }
        BigDecimal expected = selected.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Matcher m = EUROS.matcher(shown);
        if (!m.find()) {
            problems.add(where + ": expected " + expected + " €, shown « " + shown + " »");
            return;
        }
        BigDecimal amount = new BigDecimal(m.group(1).replaceAll("[ \u00A0\u202F]", "").replace(',', '.'));
        if (amount.compareTo(expected) != 0) {
            problems.add(where + ": expected " + expected + " € (" + selected.size() + " lines), shown « " + shown
                    + " »");
        }
        Matcher n = LINES.matcher(shown);
        if (n.find() && Integer.parseInt(n.group(1)) != selected.size()) {
            problems.add(where + ": expected " + selected.size() + " lines, shown « " + shown + " »");
        }
    }

    /** Whether the row's heading links to the page of this id (links are relative: "dinum/", "../dinum/"). */
    private static boolean links(Element row, String id) {
        Element a = row.selectFirst("th a");
        String href = a == null ? "" : a.attr("href");
        return href.equals(id + "/") || href.endsWith("/" + id + "/");
    }

    /** The text of the {@code dd} after the {@code dt} that reads {@code term}, or "" when there is none. */
    private static String fact(Document page, String term) {
        Element dt = page.select("dl.facts dt").stream().filter(e -> text(e).equals(term)).findFirst().orElse(null);
        return dt == null || dt.nextElementSibling() == null ? "" : text(dt.nextElementSibling());
    }

    private static String text(Element e) {
        return e == null ? "" : e.text().replace('\u00A0', ' ').replace('\u202F', ' ');
    }

    private static Document page(Path site, String path) {
        try {
            return Jsoup.parse(site.resolve(path.substring(1)).resolve("index.html").toFile(), "UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index.html files one level below {@code dir}. */
    private static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(d -> d.resolve("index.html")).filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> split(String ids) {
        return ids.isBlank() ? List.of() : Arrays.stream(ids.split(";")).map(String::strip).toList();
    }

    private static List<Map<String, String>> csv(Path file) {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
