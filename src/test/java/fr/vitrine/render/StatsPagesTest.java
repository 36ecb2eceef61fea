package fr.vitrine.render;

import fr.vitrine.model.Formats;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /stats pages: the bundled UrbanVitaliz and Ecosanté cases, and a synthetic product with three years of daily and
 * monthly rows whose charts are checked against the data and against their tables.
 */
class StatsPagesTest {

    static final String HEADER = TestSites.HEADER;
    static final LocalDate FIRST = TestSites.FIRST;
    static final LocalDate LAST = TestSites.LAST;

    @TempDir
    static Path tmp;
    static Path site;

    @BeforeAll
    static void build() {
        TestProject project = TestProject.copyOfRepository(tmp);
        TestSites.addSyntheticProduct(project);
        site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
    }

    static long stock(LocalDate d) {
        return TestSites.stock(d);
    }

    static long daily(LocalDate d) {
        return TestSites.daily(d);
    }

    static Document page(String path) throws IOException {
        return Jsoup.parse(site.resolve(path).resolve("index.html").toFile(), "UTF-8");
    }

    static String text(Element e) {
        return e.text().replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    static Element indicator(Document doc, String name) {
        for (Element h3 : doc.select("section.indicator > h3")) {
            if (h3.ownText().equals(name)) {
                return h3.parent();
            }
        }
        throw new AssertionError("no indicator " + name);
    }

    static String fact(Element scope, String term) {
        for (Element dt : scope.select("dl.facts dt")) {
            if (dt.text().equals(term)) {
                return text(dt.nextElementSibling());
            }
        }
        throw new AssertionError("no fact " + term);
    }

    /** Table rows as "when : value", measures only. */
    static List<String> tableMeasures(Element section) {
        List<String> out = new ArrayList<>();
        for (Element tr : section.select("table.data tbody tr")) {
            if (tr.select("td").get(1).text().equals("mesure")) {
                out.add(text(tr.selectFirst("th")) + " : " + text(tr.selectFirst("td")));
            }
        }
        return out;
    }

    // ---- bundled data -----------------------------------------------------------------------------------------

    @Test
    void urbanvitalizShowsItsFiguresWithDatesAndTarget() throws IOException {
        Document doc = page("produits/urbanvitaliz/stats");
        Element impact = indicator(doc, "Part des collectivités suivies ayant activé au moins une recommandation");
        assertEquals("70 % (16 novembre 2022)", fact(impact, "Dernière valeur"));
        assertEquals("Impact", impact.selectFirst("h3 .badge").text());
        Element followed = indicator(doc, "Collectivités suivies par le service");
        assertEquals("230 (16 novembre 2022)", fact(followed, "Dernière valeur"));
        Element target = indicator(doc, "Collectivités accompagnées par an");
        assertEquals("150 au 30 juin 2024", fact(target, "Cible"));
        assertTrue(fact(target, "Commentaire").contains("entre 150 et 200 collectivités par an"));
        assertTrue(fact(followed, "Méthode").contains("collecte manuelle"));
        // Impact before usage.
        List<String> order = doc.select("section.indicator > h3").eachText();
        assertTrue(order.get(0).startsWith("Part des collectivités"), order.toString());
        // The product's rows, normalised, for download.
        Path csv = site.resolve("produits/urbanvitaliz/stats/urbanvitaliz-statistiques-impact.csv");
        List<String> lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertEquals(HEADER.strip(), lines.get(0));
        assertNotNull(doc.selectFirst("a[href=urbanvitaliz-statistiques-impact.csv]"));
        // And the product page says the obligation is met.
        Document product = page("produits/urbanvitaliz");
        assertTrue(text(product.select("ul.obligations li").first()).contains("statistiques publiées ; prévue par"),
                product.select("ul.obligations").text());
    }

    @Test
    void ecosanteSaysPlainlyThatNothingIsPublished() throws IOException {
        Document doc = page("produits/recosante/stats");
        Element notice = doc.selectFirst(".notice");
        assertEquals("Aucune statistique publiée", notice.selectFirst("h2").text());
        assertEquals(List.of("Convention de délégation de gestion entre la DGPR, la DGS et la DINUM pour Ecosanté"),
                notice.select("li a").eachText());
        assertTrue(doc.select("svg").isEmpty());
        Document product = page("produits/recosante");
        String obligations = text(product.selectFirst("ul.obligations"));
        // Recosanté was abandoned in June 2023: its duty ended with it, it is not a current failure.
        assertTrue(obligations.contains("Page publique de statistiques d'impact (/stats) À la charge de la DGPR et de la "
                + "DGS ; terme : non précisé ; échue (le produit est abandonné depuis le 22 juin 2023) aucune statistique "
                + "publiée sur ce site ; prévue par"), obligations);
    }

    @Test
    void programmePageCountsProductsAndFunding() throws IOException {
        Document doc = page("stats");
        List<String> figures = doc.select(".key-figures .figure").stream().map(StatsPagesTest::text).toList();
        // UrbanVitaliz and the synthetic product publish; Reco-co and Recosanté don't.
        assertEquals("2 sur 4", figures.get(0));
        // UrbanVitaliz's 1 650 000 € of 1 850 000 €.
        assertEquals("89 %", figures.get(1));
        assertNotNull(doc.selectFirst("svg[role=img] title"));
        Element table = doc.selectFirst("table.data");
        assertEquals(table.select("tbody tr").size(), doc.select("svg rect.measure").size(), "one bar per table row");
    }

    // ---- synthetic product ------------------------------------------------------------------------------------

    @Test
    void dailyStockIsChartedAsMonthlyLastValuesMatchingTheTable() throws IOException {
        Element s = indicator(page("produits/synthetique/stats"), "Comptes créés");
        Element svg = s.selectFirst("svg");
        assertEquals("img", svg.attr("role"));
        assertNotNull(svg.selectFirst("polyline.measure"));
        Elements points = svg.select("circle.point");
        assertEquals(36, points.size(), "three years of daily values grouped by month");
        List<String> titles = points.stream().map(p -> p.selectFirst("title").text().replace('\u202F', ' ').replace('\u00A0', ' ')).toList();
        assertEquals(tableMeasures(s), titles, "the table shows the chart's points");
        // Each point is the month's last daily value.
        int i = 0;
        for (YearMonth m = YearMonth.of(2022, 1); !m.isAfter(YearMonth.of(2024, 12)); m = m.plusMonths(1), i++) {
            assertTrue(titles.get(i).endsWith(" : " + french(stock(m.atEndOfMonth()))), titles.get(i));
        }
        assertYMatchesTicks(svg, points, titles);
        assertRoundTicks(svg);
        assertTrue(svg.selectFirst("desc").text().contains("en hausse"), svg.selectFirst("desc").text());
        assertEquals(french(stock(LAST)) + " (31 décembre 2024)", fact(s, "Dernière valeur"));
        assertEquals("+3 (+0,1 %) depuis le 30 décembre 2024", fact(s, "Évolution"));
    }

    @Test
    void dailyPeriodsAreSummedByMonthIntoBars() throws IOException {
        Element s = indicator(page("produits/synthetique/stats"), "Démarches par jour");
        Element svg = s.selectFirst("svg");
        Elements bars = svg.select("rect.measure");
        assertEquals(36, bars.size());
        Map<YearMonth, Long> sums = new LinkedHashMap<>();
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            sums.merge(YearMonth.from(d), daily(d), Long::sum);
        }
        List<String> titles = bars.stream().map(b -> b.selectFirst("title").text().replace('\u202F', ' ').replace('\u00A0', ' ')).toList();
        assertEquals(tableMeasures(s), titles);
        int i = 0;
        for (long sum : sums.values()) {
            assertTrue(titles.get(i++).endsWith(" : " + french(sum)), titles.get(i - 1) + " ≠ " + sum);
        }
        assertTrue(s.selectFirst("figcaption").text().contains("par mois, somme"));
        assertRoundTicks(svg);
    }

    @Test
    void monthlyPeriodsAreBarsWithMonthLabels() throws IOException {
        Element s = indicator(page("produits/synthetique/stats"), "Dossiers traités dans le mois");
        Element svg = s.selectFirst("svg");
        Elements bars = svg.select("rect.measure");
        assertEquals(36, bars.size());
        assertEquals("janvier 2022\u202F: 10", bars.get(0).selectFirst("title").text());
        assertEquals("décembre 2024 : 360", bars.get(35).selectFirst("title").text().replace('\u202F', ' ').replace('\u00A0', ' '));
        assertEquals(bars.stream().map(b -> b.selectFirst("title").text().replace('\u202F', ' ').replace('\u00A0', ' ')).toList(), tableMeasures(s));
        assertTrue(svg.select("text.tick.x").eachText().contains("janv. 2022"), svg.select("text.tick.x").eachText().toString());
        // Bar heights are proportional to the values (zero baseline).
        double h1 = Double.parseDouble(bars.get(0).attr("height"));
        double h36 = Double.parseDouble(bars.get(35).attr("height"));
        assertEquals(36.0, h36 / h1, 0.2);
    }

    @Test
    void targetsAreDrawnTabulatedAndMeasuredAgainst() throws IOException {
        Element s = indicator(page("produits/synthetique/stats"), "Taux de satisfaction");
        Element svg = s.selectFirst("svg");
        List<String> targets = svg.select("rect.target-point title").eachText().stream().map(t -> t.replace('\u202F', ' ').replace('\u00A0', ' ')).toList();
        assertEquals(List.of("Cible 31 décembre 2023 : 50 %", "Cible 30 juin 2025 : 90 %"), targets);
        assertNotNull(svg.selectFirst("polyline.target[stroke-dasharray]"));
        List<String> targetRows = new ArrayList<>();
        for (Element tr : s.select("table.data tbody tr")) {
            if (tr.select("td").get(1).text().equals("cible")) {
                targetRows.add(text(tr));
            }
        }
        assertEquals(List.of("31 décembre 2023 50 % cible", "30 juin 2025 90 % cible"), targetRows);
        // Latest measure: December 2024 = 40 + 36 × 1.25 = 85 %; next target 90 % → 94 %.
        assertEquals("85 % (31 décembre 2024)", fact(s, "Dernière valeur"));
        assertEquals("90 % au 30 juin 2025 : 94 % de la cible", fact(s, "Cible"));
        // A percentage changes by points, not by a percent of itself.
        assertEquals("+1,25 point depuis le 30 novembre 2024", fact(s, "Évolution"));
        String desc = svg.selectFirst("desc").text().replace('\u202f', ' ');
        assertTrue(desc.contains("à 85 % (31 décembre 2024) : en hausse de 43,75 points."), desc);
        assertRoundTicks(svg);
    }

    @Test
    void datavizWishIsHonouredWhenItFits() throws IOException {
        Element s = indicator(page("produits/synthetique/stats"), "Comptes créés (barres demandées)");
        assertEquals(2, s.select("svg rect.measure").size(), "barchart asked for a stock: bars");
        assertNull(s.selectFirst("svg polyline"));
    }

    @Test
    void chartsAreDeterministicAndSelfDescribed() throws IOException {
        Document doc = page("produits/synthetique/stats");
        for (Element svg : doc.select("svg")) {
            assertTrue(svg.attr("viewBox").matches("0 0 \\d+ \\d+"), svg.attr("viewBox"));
            String labelledBy = svg.attr("aria-labelledby");
            for (String id : labelledBy.split(" ")) {
                assertNotNull(doc.getElementById(id), "aria-labelledby " + id);
            }
            assertTrue(svg.selectFirst("desc").text().length() > 30);
            assertTrue(svg.select("text").size() > 4, "axis values are text");
        }
    }

    /** Every circle's y is where the y axis puts its value (checked against two tick labels). */
    static void assertYMatchesTicks(Element svg, Elements points, List<String> titles) {
        Elements ticks = svg.select("text.tick.y");
        double v0 = parseFrench(ticks.get(0).text());
        double y0 = Double.parseDouble(ticks.get(0).attr("y")) - 4;
        double v1 = parseFrench(ticks.last().text());
        double y1 = Double.parseDouble(ticks.last().attr("y")) - 4;
        for (int i = 0; i < points.size(); i++) {
            String t = titles.get(i);
            double value = parseFrench(t.substring(t.lastIndexOf(" : ") + 3));
            double expected = y0 + (value - v0) * (y1 - y0) / (v1 - v0);
            assertEquals(expected, Double.parseDouble(points.get(i).attr("cy")), 0.15, t);
        }
    }

    /** Y tick labels are evenly spaced round numbers: a step of 1, 2 or 5 × 10^n, written briefly. */
    static void assertRoundTicks(Element svg) {
        List<BigDecimal> values = svg.select("text.tick.y").stream()
                .map(t -> new BigDecimal(t.text().replace("\u202F", "").replace(',', '.').replace('−', '-'))).toList();
        assertTrue(values.size() >= 2 && values.size() <= 11, values.toString());
        BigDecimal step = values.get(1).subtract(values.get(0));
        for (int i = 1; i < values.size(); i++) {
            assertEquals(0, values.get(i).subtract(values.get(i - 1)).compareTo(step), values.toString());
        }
        BigDecimal mantissa = new BigDecimal(step.stripTrailingZeros().unscaledValue().abs());
        assertTrue(List.of("1", "2", "5").contains(mantissa.toPlainString()), "step " + step);
        for (Element t : svg.select("text.tick.y")) {
            assertTrue(t.text().length() <= 9, "short label: " + t.text());
        }
    }

    static String french(long n) {
        return Formats.number(BigDecimal.valueOf(n)).replace('\u202F', ' ').replace('\u00A0', ' ');
    }

    static double parseFrench(String s) {
        return Double.parseDouble(s.replace("\u202F", "").replace(" ", "").replace("%", "").replace(',', '.')
                .replace('−', '-').strip());
    }
}
