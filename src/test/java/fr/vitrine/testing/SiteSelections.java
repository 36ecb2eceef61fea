package fr.vitrine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks of a built site's selections, shared by the bundled site's test and the beta.gouv.fr corpus's: the products
 * listing (pages of bounded size, every facet page reached by plain links, each page's rows and files those of its
 * selection) and the organisations' and products' funding lines (the programme's rows that name them). Files are read
 * as their users read them: CSV with Jackson's parser, XLSX with Apache POI, pages with jsoup; what each selection
 * should hold is restated here from the programme's datasets, not taken from the code under test.
 */
public final class SiteSelections {

    private static final CsvMapper CSV = new CsvMapper();

    private SiteSelections() {
    }

    /** A CSV file's rows, header first. */
    public static List<List<String>> csv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<String[]> rows = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                    .with(CsvSchema.emptySchema()).<String[]>readValues(reader).readAll();
            return rows.stream().map(Arrays::asList).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first sheet's rows, header first, each cell as a spreadsheet shows it (POI's formatter). */
    public static List<List<String>> xlsx(Path file) {
        try (Workbook book = WorkbookFactory.create(file.toFile(), null, true)) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter(java.util.Locale.ROOT);
            int width = sheet.getRow(0).getLastCellNum();
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < width; c++) {
                    cells.add(row == null || row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header and the rows {@code keep} accepts (each row seen as column name → value). */
    public static List<List<String>> filtered(List<List<String>> rows, Predicate<Map<String, String>> keep) {
        List<List<String>> out = new ArrayList<>();
        out.add(rows.get(0));
        for (List<String> row : rows.subList(1, rows.size())) {
            if (keep.test(named(rows.get(0), row))) {
                out.add(row);
            }
        }
        return out;
    }

    private static Map<String, String> named(List<String> header, List<String> row) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            m.put(header.get(i), i < row.size() ? row.get(i) : "");
        }
        return m;
    }

    /** The site path of a dataset's url cell ("https://x.fr/produits/a/" → "/produits/a/"). */
    private static String pathOf(String url) {
        return URI.create(url).getPath();
    }

    /** A page of the site by its path ("/produits/" → produits/index.html). */
    public static Document page(Path site, String path) {
        Path file = site.resolve(path.substring(1)).resolve("index.html");
        assertTrue(Files.isRegularFile(file), "missing page " + path);
        try {
            return Jsoup.parse(file.toFile(), "UTF-8", "https://site.test" + path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The site paths a page links to, resolved against the page's own path, without query or fragment. */
    private static List<String> links(Element scope) {
        return scope.select("a[href]").stream().map(a -> URI.create(a.absUrl("href")))
                .filter(u -> "site.test".equals(u.getHost())).map(URI::getPath).toList();
    }

    /**
     * Every organisation's and product's funding lines beside its page: CSV and XLSX equal to the programme's files
     * filtered on it (an organisation: the lines it pays or receives; a product: the lines assigned to it and the
     * unassigned lines of its conventions), linked from its page and from /donnees/; no file where there is no line.
     * Returns the number of pages that offer files.
     */
    public static int checkFundingLines(Path site) {
        Path donnees = site.resolve("donnees");
        List<List<String>> csv = csv(donnees.resolve("lignes-financement.csv"));
        List<List<String>> xlsx = xlsx(donnees.resolve("lignes-financement.xlsx"));
        assertEquals(csv.size(), xlsx.size(), "the programme's CSV and XLSX have the same rows");
        Map<String, List<String>> productsOfConvention = new HashMap<>();
        List<List<String>> conventions = csv(donnees.resolve("conventions.csv"));
        for (List<String> row : conventions.subList(1, conventions.size())) {
            Map<String, String> c = named(conventions.get(0), row);
            productsOfConvention.put(c.get("id"), c.get("produits").isEmpty() ? List.of()
                    : List.of(c.get("produits").split(";")));
        }
        Set<String> listed = new LinkedHashSet<>(links(page(site, "/donnees/").body()));
        Map<String, Predicate<Map<String, String>>> selections = new LinkedHashMap<>();
        for (Map<String, String> o : records(donnees.resolve("organisations.csv"))) {
            String id = o.get("id");
            selections.put(pathOf(o.get("url")), l -> id.equals(l.get("financeur_id")) || id.equals(l.get("beneficiaire_id")));
        }
        for (Map<String, String> p : records(donnees.resolve("produits.csv"))) {
            String id = p.get("id");
            selections.put(pathOf(p.get("url")), l -> l.get("produit_id").isEmpty()
                    ? productsOfConvention.getOrDefault(l.get("convention_id"), List.of()).contains(id)
                    : l.get("produit_id").equals(id));
        }
        int offered = 0;
        for (var e : selections.entrySet()) {
            String page = e.getKey();
            Path dir = site.resolve(page.substring(1));
            List<List<String>> expected = filtered(csv, e.getValue());
            List<String> pageLinks = links(page(site, page).body());
            String csvPath = page + "lignes-financement.csv";
            String xlsxPath = page + "lignes-financement.xlsx";
            if (expected.size() == 1) {
                assertFalse(Files.exists(dir.resolve("lignes-financement.csv")), page + ": no line, no file");
                assertFalse(pageLinks.contains(csvPath), page);
                continue;
            }
            offered++;
            assertEquals(expected, csv(dir.resolve("lignes-financement.csv")), page + ": its CSV is the programme's rows");
            assertEquals(filtered(xlsx, e.getValue()), xlsx(dir.resolve("lignes-financement.xlsx")),
                    page + ": its XLSX is the programme's rows");
            assertTrue(pageLinks.contains(csvPath) && pageLinks.contains(xlsxPath), page + " links to its files");
            assertTrue(listed.contains(csvPath) && listed.contains(xlsxPath), "/donnees/ lists " + csvPath);
        }
        return offered;
    }

    /** A CSV file's rows after its header, each as column name → value. */
    public static List<Map<String, String>> records(Path file) {
        List<List<String>> rows = csv(file);
        return rows.subList(1, rows.size()).stream().map(r -> named(rows.get(0), r)).toList();
    }

    /**
     * What a crawl of the products listing found: each listing (its first page's path) → its products' paths, the
     * whole listing in another order likewise ({@code /produits/tri/<order>/} → paths), and the pages crawled.
     */
    public record Listings(Map<String, List<String>> rows, Map<String, List<String>> sorted, int pages) {
    }

    /** The static orders of the products listing, by address: what a reader without script can sort by. */
    public static final List<String> ORDERS = List.of("/produits/tri/montant/", "/produits/tri/debut/",
            "/produits/tri/phase/");

    /**
     * Crawls the products listing from /produits/ by its plain links (facets, orders and pages, no script), checking that
     * each page holds at most {@code pageSize} rows, that every facet value the listing's index names has its page,
     * reached, whose count line and rows are those the index gives, and whose CSV and XLSX are the programme's
     * produits rows for those products. Returns what it found.
     */
    public static Listings checkProductsListing(Path site, int pageSize) throws IOException {
        JsonNode index = new ObjectMapper().readTree(site.resolve("produits/index.json").toFile());
        int total = index.size();
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("/produits/", new ArrayList<>());
        for (JsonNode p : index) {
            expected.get("/produits/").add(p.path("path").asText());
            p.path("facets").fields().forEachRemaining(f -> f.getValue().forEach(v -> expected
                    .computeIfAbsent("/produits/" + f.getKey() + "/" + v.asText() + "/", k -> new ArrayList<>())
                    .add(p.path("path").asText())));
        }
        // Each listing's pages by number: the crawl meets them in any order.
        Map<String, java.util.TreeMap<Integer, List<String>>> byPage = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of("/produits/"));
        int pages = 0;
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            Document doc = page(site, path);
            Element listing = doc.selectFirst("[data-listing=produits]");
            assertNotNull(listing, path + " is a products listing");
            pages++;
            assertTrue(seen.size() <= 10_000, "a bounded crawl");
            List<String> rows = links(doc.select("main table tbody").first()).stream()
                    .filter(l -> l.matches("/produits/[^/]+/")).toList();
            assertTrue(rows.size() <= pageSize, path + ": " + rows.size() + " rows, over " + pageSize);
            String base = path.replaceFirst("page/\\d+/$", "");
            int number = base.equals(path) ? 1 : Integer.parseInt(path.substring(base.length()).replaceAll("\\D", ""));
            byPage.computeIfAbsent(base, k -> new java.util.TreeMap<>()).put(number, rows);
            Element nav = doc.selectFirst("nav.facets");
            List<String> next = new ArrayList<>(links(nav));
            doc.select("nav.fr-pagination, nav.pagination, nav.listing-sort").forEach(n -> next.addAll(links(n)));
            next.stream().filter(l -> l.startsWith("/produits/")).forEach(queue::add);
            boolean whole = base.equals("/produits/") || base.startsWith("/produits/tri/");
            assertEquals(whole, doc.selectFirst("nav.listing-sort") != null, path + ": the orders are the whole listing's");
            if (base.equals(path)) {
                int n = whole ? total : expected.getOrDefault(base, List.of()).size();
                String summary = doc.selectFirst("#listing-summary").text();
                String count = n + (n > 1 ? " produits" : " produit") + (whole ? "" : " sur " + total);
                assertTrue(summary.startsWith(count + ".") || summary.startsWith(count + "\u202F;")
                        || summary.startsWith(count + ", par "), path + ": " + summary);
            }
        }
        Map<String, List<String>> found = new LinkedHashMap<>();
        Map<String, List<String>> sorted = new LinkedHashMap<>();
        byPage.forEach((base, numbered) -> {
            assertEquals(numbered.size(), numbered.lastKey(), base + ": every page, 1 to " + numbered.lastKey());
            (base.startsWith("/produits/tri/") ? sorted : found).put(base,
                    numbered.values().stream().flatMap(List::stream).toList());
        });
        assertEquals(expected.keySet(), found.keySet(), "every facet value's page, reached by plain links");
        assertEquals(Set.copyOf(ORDERS), sorted.keySet(), "every order of the listing, reached by plain links");
        sorted.forEach((base, rows) -> assertEquals(Set.copyOf(expected.get("/produits/")), Set.copyOf(rows),
                base + ": every product once"));
        sorted.forEach((base, rows) -> assertEquals(rows.size(), Set.copyOf(rows).size(), base + ": each product once"));
        Map<String, String> urlOf = new HashMap<>();
        List<List<String>> products = csv(site.resolve("donnees/produits.csv"));
        List<List<String>> productsXlsx = xlsx(site.resolve("donnees/produits.xlsx"));
        int url = products.get(0).indexOf("url");
        products.subList(1, products.size()).forEach(r -> urlOf.put(r.get(0), pathOf(r.get(url))));
        for (String base : expected.keySet()) {
            assertEquals(expected.get(base), found.get(base), base + ": its products, each once, in order");
            if (base.equals("/produits/")) {
                continue;
            }
            Set<String> in = Set.copyOf(expected.get(base));
            Path dir = site.resolve(base.substring(1));
            assertEquals(filtered(products, r -> in.contains(urlOf.get(r.get("id")))), csv(dir.resolve("produits.csv")),
                    base + "produits.csv");
            assertEquals(filtered(productsXlsx, r -> in.contains(urlOf.get(r.get("id")))),
                    xlsx(dir.resolve("produits.xlsx")), base + "produits.xlsx");
            List<String> own = links(page(site, base).selectFirst(".selection-downloads"));
            assertEquals(List.of(base + "produits.csv", base + "produits.xlsx"), own, base + " offers its files");
        }
        return new Listings(found, sorted, pages);
    }

    /** The phases in the order of a product's life (beta.gouv.fr's vocabulary), restated for the phase order. */
    private static final List<String> LIFE = List.of("investigation", "construction", "acceleration", "consolidation",
            "transfer", "transfere", "success", "opere", "alumni", "abandon", "abandon-investigation");

    /**
     * The whole listing's static orders, each restated from the programme's datasets: by amount from produits.csv's
     * {@code montant_recense}, largest first, the products without a funding line in lignes-financement.csv (or
     * without an amount) last, never as 0; by phase from its {@code phase_actuelle} in the order of a product's life,
     * none last; by start date (the first day of a product's first phase, which no dataset gives) from the listing's
     * index, latest first, unknown last. Ties keep produits.csv's order (by name).
     */
    public static void checkSortOrders(Path site, Listings found) throws IOException {
        Path donnees = site.resolve("donnees");
        Set<String> funded = fundedProducts(donnees);
        List<Map<String, String>> products = records(donnees.resolve("produits.csv"));
        Map<String, String> starts = new HashMap<>();
        for (JsonNode p : new ObjectMapper().readTree(site.resolve("produits/index.json").toFile())) {
            starts.put(p.path("id").asText(), p.path("start").isNull() ? null : p.path("start").asText());
        }
        java.util.function.Function<java.util.Comparator<Map<String, String>>, List<String>> by = order ->
                products.stream().sorted(order).map(p -> pathOf(p.get("url"))).toList();
        java.util.function.Function<Map<String, String>, java.math.BigDecimal> amount = p ->
                !funded.contains(p.get("id")) || p.get("montant_recense").isEmpty() ? null
                        : new java.math.BigDecimal(p.get("montant_recense"));
        java.util.function.Function<Map<String, String>, Integer> rank = p ->
                p.get("phase_actuelle").isEmpty() ? null : LIFE.contains(p.get("phase_actuelle"))
                        ? LIFE.indexOf(p.get("phase_actuelle")) : LIFE.size();
        assertEquals(by.apply(java.util.Comparator.comparing(amount,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))),
                found.sorted().get("/produits/tri/montant/"), "by amount, « non recensé » last");
        assertEquals(by.apply(java.util.Comparator.comparing(rank,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))),
                found.sorted().get("/produits/tri/phase/"), "by phase, in a product's life");
        assertEquals(by.apply(java.util.Comparator.comparing(p -> starts.get(p.get("id")),
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))),
                found.sorted().get("/produits/tri/debut/"), "by start date, latest first");
    }

    /** The products that lignes-financement.csv gives a line (their own, or their conventions' unsplit ones). */
    private static Set<String> fundedProducts(Path donnees) {
        return origins(donnees).keySet();
    }

    /** Each product's funding origins, from lignes-financement.csv (a line without product: its conventions'). */
    private static Map<String, Set<String>> origins(Path donnees) {
        Map<String, Set<String>> origins = new HashMap<>();
        Map<String, List<String>> productsOfConvention = new HashMap<>();
        for (Map<String, String> c : records(donnees.resolve("conventions.csv"))) {
            productsOfConvention.put(c.get("id"), List.of(c.get("produits").split(";")));
        }
        for (Map<String, String> l : records(donnees.resolve("lignes-financement.csv"))) {
            List<String> funded = !l.get("produit_id").isEmpty() ? List.of(l.get("produit_id"))
                    : productsOfConvention.getOrDefault(l.get("convention_id"), List.of());
            funded.forEach(p -> origins.computeIfAbsent(p, k -> new java.util.HashSet<>()).add(l.get("origine")));
        }
        return origins;
    }

    /**
     * The products of each facet page found, restated from the programme's datasets (produits.csv and
     * lignes-financement.csv) for the facets they describe, and from {@code more} (facet → value → product ids, such
     * as themes read from the product files) for the others: each page lists exactly those. Returns the number of pages
     * checked.
     */
    public static int checkFacetMembers(Path site, Listings found, Map<String, Map<String, Set<String>>> more) {
        Path donnees = site.resolve("donnees");
        Map<String, Set<String>> origins = origins(donnees);
        Map<String, Map<String, Set<String>>> expected = new HashMap<>();
        java.util.function.BiConsumer<String, String[]> add = (id, facetValue) -> expected
                .computeIfAbsent(facetValue[0], k -> new HashMap<>())
                .computeIfAbsent(facetValue[1], k -> new java.util.TreeSet<>()).add(id);
        Map<String, String> idOfPath = new HashMap<>();
        for (Map<String, String> p : records(donnees.resolve("produits.csv"))) {
            String id = p.get("id");
            idOfPath.put(pathOf(p.get("url")), id);
            String phase = p.get("phase_actuelle");
            add.accept(id, new String[] {"phase", !phase.isEmpty() ? phase
                    : !p.get("fin_derniere_phase").isEmpty() ? "terminee" : "non-precisee"});
            if (!p.get("incubateur").isEmpty()) {
                add.accept(id, new String[] {"incubateur", fr.vitrine.model.Text.address(p.get("incubateur"))});
            }
            for (String sponsor : p.get("sponsors").isEmpty() ? new String[0] : p.get("sponsors").split(";")) {
                add.accept(id, new String[] {"sponsor", fr.vitrine.model.Text.address(sponsor)});
            }
            add.accept(id, new String[] {"statistiques",
                    p.get("statistiques_publiees").equals("true") ? "publiees" : "non-publiees"});
            Set<String> from = origins.getOrDefault(id, Set.of());
            if (from.isEmpty()) {
                add.accept(id, new String[] {"financement", "non-recense"});
            }
            from.forEach(o -> add.accept(id, new String[] {"financement", o}));
        }
        more.forEach((facet, values) -> values.forEach((value, ids) -> ids.forEach(id ->
                add.accept(id, new String[] {facet, value}))));
        int checked = 0;
        for (var facet : expected.entrySet()) {
            for (var value : facet.getValue().entrySet()) {
                String base = "/produits/" + facet.getKey() + "/" + value.getKey() + "/";
                List<String> rows = found.rows().get(base);
                assertNotNull(rows, base + " is reached from /produits/");
                assertEquals(value.getValue(), new java.util.TreeSet<>(rows.stream().map(idOfPath::get).toList()), base);
                checked++;
            }
        }
        for (String base : found.rows().keySet()) {
            String facet = base.equals("/produits/") ? null : base.split("/")[2];
            assertTrue(facet == null || expected.containsKey(facet), base + ": a facet this check restates");
        }
        return checked;
    }
}
