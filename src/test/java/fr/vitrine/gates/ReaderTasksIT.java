package fr.vitrine.gates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seven reader tasks of issue 28 on the corpus site (the bundled project with the beta.gouv.fr snapshot, as
 * BetaGouvSnapshotIT builds it) in both themes, at 1280 and 390 px: each task's checks are separate dynamic tests,
 * named by task, theme and width, checked against the site's own open data (tasks another change builds fail here
 * until it is merged: each says what the reader could not do). Then the reader tasks of issue 17 in Chromium, on the
 * bundled site in both themes: sort the conventions by amount, filter by year 2020 and then by a partner and get the intersection (kept in a shareable address), download the
 * filtered rows as CSV, from a deep missing address follow "Retour à l'accueil", search "intrapreneur" and land on the
 * article that names it, search "friches" and find UrbanVitaliz, and search without JavaScript.
 */
class ReaderTasksIT {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"dsfr", "neutral"})
    void readersFilterSortDownloadAndFindTheirWayBack(String theme) throws Exception {
        Path site = tmp.resolve("site");
        TestProject.Run run = TestProject.copyOfRepository(tmp).theme(theme).build(site);
        assertEquals(0, run.exitCode(), run.err());
        JsonNode index = new ObjectMapper().readTree(site.resolve("conventions/index.json").toFile());
        List<String> in2020 = new ArrayList<>();
        List<String> in2020WithDgs = new ArrayList<>();
        List<String> idsWithDgs = new ArrayList<>();
        for (JsonNode c : index) {
            boolean year = c.path("facets").path("signature").toString().contains("\"2020\"");
            boolean dgs = c.path("facets").path("partenaire").toString().contains("\"dgs\"");
            if (year) {
                in2020.add(c.path("title").asText());
            }
            if (year && dgs) {
                in2020WithDgs.add(c.path("title").asText());
                idsWithDgs.add(c.path("id").asText());
            }
        }
        assertTrue(in2020.size() > in2020WithDgs.size() && !in2020WithDgs.isEmpty(), "a real intersection");

        String chromium = chromium();
        Path report = tmp.resolve("report.json");
        ProcessBuilder pb = new ProcessBuilder("node", TestProject.REPO.resolve("src/test/js/reader-tasks.mjs").toString(),
                site.toString(), report.toString(), "signature", "2020", "partenaire", "dgs").redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chromium);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "reader tasks did not finish");
        assertEquals(0, p.exitValue(), out);
        JsonNode r = new ObjectMapper().readTree(report.toFile());

        assertEquals(List.of(), texts(r.path("csp")));
        assertEquals(List.of(), texts(r.path("external")));
        List<Double> ascending = texts(r.path("amountsAscending")).stream().map(ReaderTasksIT::euros).toList();
        assertEquals(index.size(), ascending.size());
        assertEquals(ascending.stream().sorted().toList(), ascending, "sorted by amount, numerically");
        List<Double> descending = texts(r.path("amountsDescending")).stream().map(ReaderTasksIT::euros).toList();
        List<Double> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, descending);
        assertEquals("descending", r.path("ariaSort").asText());
        // By signing date, latest first: unknown dates last in either direction, ties in the index's order.
        List<JsonNode> rows = new ArrayList<>();
        index.forEach(rows::add);
        assertTrue(rows.stream().anyMatch(c -> c.path("signedFirst").isNull()), "the bundled site has unknown dates");
        List<String> bySigning = rows.stream().sorted(java.util.Comparator
                        .comparing((JsonNode c) -> c.path("signedFirst").isNull())
                        .thenComparing(c -> c.path("signedFirst").asText(""), java.util.Comparator.reverseOrder())
                        .thenComparing(c -> c.path("signedLast").asText(""), java.util.Comparator.reverseOrder()))
                .map(c -> plain(c.path("signedLabel").asText())).toList();
        assertEquals(bySigning, texts(r.path("signedDescending")).stream().map(ReaderTasksIT::plain).toList());

        assertEquals(in2020.stream().sorted().toList(), texts(r.path("afterFirst")).stream().sorted().toList());
        assertEquals(in2020WithDgs, texts(r.path("afterSecond")), "the second filter keeps the first");
        assertEquals("?partenaire=dgs&signature=2020", r.path("search").asText());
        assertEquals(in2020WithDgs, texts(r.path("sharedTitles")), "the shared address restores both filters");
        List<String> csv = r.path("csv").asText().lines().toList();
        assertEquals("id,titre,type,financeurs,produits,date_signature,montant_total,statut", csv.get(0));
        assertEquals(idsWithDgs, csv.subList(1, csv.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList());
        assertTrue(r.path("xlsxName").asText().endsWith(".xlsx"), r.path("xlsxName").asText());
        assertEquals(fr.vitrine.testing.SiteSelections.csv(tmp.resolve("selection.csv")),
                fr.vitrine.testing.SiteSelections.xlsx(tmp.resolve("selection.xlsx")),
                "the XLSX holds the CSV's rows, read with Apache POI");

        assertEquals(404, r.path("notFoundStatus").asInt());
        assertTrue(r.path("notFoundStyled").asInt() > 0, "the 404 page's stylesheets load at any depth");
        assertEquals(List.of(), texts(r.path("notFoundFailedRequests")));
        assertEquals("/", r.path("afterHome").asText());

        // Search: from the header's box to the results, then down to the article that names the word.
        JsonNode intrapreneur = r.path("searchIntrapreneur");
        assertEquals("/recherche/?q=intrapreneur", intrapreneur.path("address").asText());
        assertTrue(intrapreneur.path("status").asText().matches("\\d+\u00a0résultats? pour «\u202Fintrapreneur\u202F»\\."),
                intrapreneur.path("status").asText());
        assertTrue(texts(intrapreneur.path("links")).stream().anyMatch(l -> l.matches("/conventions/[^/#]+/#article-\\d+")),
                "a result links to the article: " + intrapreneur.path("links"));
        assertTrue(r.path("searchLanded").asText().matches("/conventions/[^/#]+/#article-\\d+"), r.path("searchLanded").asText());
        assertTrue(r.path("searchLandedText").asText().toLowerCase(java.util.Locale.FRENCH).contains("intrapreneur"),
                "the landed article names the word: " + r.path("searchLandedText").asText());
        assertTrue(texts(r.path("searchFriches").path("titles")).contains("UrbanVitaliz"), r.path("searchFriches").toString());
        assertTrue(texts(r.path("searchFriches").path("marks")).stream().anyMatch(m -> m.startsWith("friche")),
                "the words found are marked in the excerpts");
        assertTrue(texts(r.path("searchWithoutAccents").path("titles")).stream().anyMatch(t -> t.contains("Ecosanté")),
                "accents folded: " + r.path("searchWithoutAccents"));
        assertEquals("/conventions/", r.path("searchWithoutScript").asText(), "without JavaScript the box leads to the listing");
    }

    static String chromium() throws Exception {
        Process install = new ProcessBuilder(TestProject.REPO.resolve(".ci/install-browser").toString()).start();
        String chromium = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(install.waitFor(10, TimeUnit.MINUTES) && install.exitValue() == 0, "no Chromium");
        return chromium;
    }

    @TestFactory
    Stream<DynamicNode> readerTasksOnTheCorpusSite() throws Exception {
        Path corpus = TestProject.betaGouvCorpus("ReaderTasksIT.readerTasksOnTheCorpusSite");
        String chromium = chromium();
        return Stream.of("dsfr", "neutral").map(theme -> DynamicContainer.dynamicContainer(theme, tasks(theme, corpus, chromium)));
    }

    /** Builds the corpus site in a theme, runs corpus-tasks.mjs on it and turns what the reader saw into checks. */
    private Stream<DynamicNode> tasks(String theme, Path corpus, String chromium) {
        try {
            Path dir = Files.createDirectories(tmp.resolve("corpus-" + theme));
            Path site = dir.resolve("site");
            TestProject.Run run = TestProject.copyOfRepository(dir).theme(theme).withBetaGouv(corpus).build(site);
            assertEquals(0, run.exitCode(), run.err());
            Data data = new Data(site);
            ObjectMapper json = new ObjectMapper();
            // A product with an incubator, two sponsors or more and a declared statistics page; its first sponsor.
            JsonNode product = data.products.stream().filter(p -> !p.path("incubateur").asText().isEmpty()
                            && p.path("sponsors").asText().split(";").length >= 2 && !p.path("url_stats_declaree").isNull()
                            && !p.path("id").asText().equals("urbanvitaliz"))
                    .min(java.util.Comparator.comparing(p -> p.path("id").asText())).orElseThrow();
            String sponsor = product.path("sponsors").asText().split(";")[0];
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("product", Map.of("id", product.path("id").asText(), "title", product.path("titre").asText()));
            params.put("sponsor", sponsor);
            params.put("organisation", "cerema");
            params.put("emptyFilter", emptyFilter(json.readTree(site.resolve("conventions/index.json").toFile())));
            Path paramsFile = dir.resolve("params.json");
            json.writeValue(paramsFile.toFile(), params);
            Path reportFile = dir.resolve("report.json");
            ProcessBuilder pb = new ProcessBuilder("node", TestProject.REPO.resolve("src/test/js/corpus-tasks.mjs").toString(),
                    site.toString(), reportFile.toString(), paramsFile.toString()).redirectErrorStream(true);
            pb.environment().put("CHROMIUM", chromium);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(15, TimeUnit.MINUTES), "corpus tasks did not finish");
            assertEquals(0, p.exitValue(), out);
            JsonNode report = json.readTree(reportFile.toFile());
            return Stream.of("1280", "390").map(w -> DynamicContainer.dynamicContainer(w + " px",
                    checks(theme + " " + w + " px", report.path(w), data, product, sponsor)));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("the corpus site's reader tasks could not run", e);
        }
    }

    /** Two values of two facets that no convention has together: the filter that selects nothing. */
    static List<List<String>> emptyFilter(JsonNode index) {
        List<String[]> values = new ArrayList<>();
        index.forEach(c -> c.path("facets").fields().forEachRemaining(f -> f.getValue().forEach(v -> {
            String[] pair = {f.getKey(), v.asText()};
            if (values.stream().noneMatch(x -> java.util.Arrays.equals(x, pair))) {
                values.add(pair);
            }
        })));
        for (String[] a : values) {
            for (String[] b : values) {
                if (a[0].compareTo(b[0]) < 0 && java.util.stream.StreamSupport.stream(index.spliterator(), false).noneMatch(c ->
                        c.path("facets").path(a[0]).toString().contains("\"" + a[1] + "\"")
                                && c.path("facets").path(b[0]).toString().contains("\"" + b[1] + "\""))) {
                    return List.of(List.of(a[0], a[1]), List.of(b[0], b[1]));
                }
            }
        }
        throw new AssertionError("every pair of facet values selects a convention");
    }

    /** The site's open data: the oracle of the reader tasks. */
    record Data(List<JsonNode> lines, List<JsonNode> conventions, List<JsonNode> products) {
        Data(Path site) throws java.io.IOException {
            this(list(site, "lignes-financement"), list(site, "conventions"), list(site, "produits"));
        }

        static List<JsonNode> list(Path site, String name) throws java.io.IOException {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(site.resolve("donnees/" + name + ".json").toFile()).forEach(out::add);
            return out;
        }

        /** The lines of the conventions of a product and those its file declares. */
        List<JsonNode> linesOf(String product) {
            Set<String> acts = conventions.stream().filter(c -> List.of(c.path("produits").asText().split(";")).contains(product))
                    .map(c -> c.path("id").asText()).collect(Collectors.toSet());
            return lines.stream().filter(l -> acts.contains(l.path("convention_id").asText())
                    || l.path("produit_id").asText().equals(product)).toList();
        }
    }

    interface Step {
        void accept(String name, org.junit.jupiter.api.function.Executable check);
    }

    /** Spaces of any kind as one plain space, and typographic apostrophes as plain ones. */
    static String plain(String s) {
        return s.replaceAll("[\\s\u00A0\u202F]+", " ").replace('\u2019', '\'').strip();
    }

    static String euros(java.math.BigDecimal amount) {
        return plain(fr.vitrine.model.Formats.euros(amount));
    }

    private static Stream<DynamicTest> checks(String where, JsonNode seen, Data data, JsonNode product, String sponsor) {
        JsonNode errors = seen.path("errors");
        List<DynamicTest> out = new ArrayList<>();
        // A check of a task, named after it; it fails at once, saying why, when the reader could not do the task.
        Step step = (name, check) -> {
            String task = "task" + name.substring(0, 1) + (name.startsWith("6b") ? "-sponsor" : name.startsWith("6c") ? "-fast" : "");
            out.add(DynamicTest.dynamicTest(name, () -> {
                // Failsafe's report numbers dynamic tests: the step names itself in the log and in its failure.
                try {
                    assertTrue(errors.path(task).isMissingNode(), "the reader could not do it: " + errors.path(task));
                    check.execute();
                    System.err.println("ReaderTasksIT corpus " + where + " " + name + ": passed");
                } catch (AssertionError e) {
                    System.err.println("ReaderTasksIT corpus " + where + " " + name + ": FAILED");
                    throw new AssertionError(where + " " + name + ": " + e.getMessage(), e);
                }
            }));
        };
        JsonNode t1 = seen.path("task1");
        step.accept("1a search « UrbanVitaliz » leads to its page", () ->
                assertEquals("/produits/urbanvitaliz/", t1.path("landed").asText(), t1.path("found").toString()));
        step.accept("1b each line the DINUM received, its amount and years", () -> {
            List<String> rows = new ArrayList<>();
            t1.path("rows").forEach(r -> rows.add(plain(r.toString())));
            List<JsonNode> dinum = data.linesOf("urbanvitaliz").stream()
                    .filter(l -> l.path("beneficiaire_id").asText().equals("dinum")).toList();
            assertFalse(dinum.isEmpty(), "the open data has the DINUM's lines");
            for (JsonNode l : dinum) {
                String amount = euros(l.path("montant").decimalValue());
                String year = l.path("periode_debut").asText(l.path("annee").asText("")).replaceAll("^(\\d{4}).*", "$1");
                assertTrue(rows.stream().anyMatch(r -> r.contains(amount) && r.contains(year)), amount + " " + year + " in " + rows);
            }
        });
        step.accept("1c the product's total is the sum of its lines", () -> assertTrue(plain(t1.path("total").asText()).contains(
                euros(data.linesOf("urbanvitaliz").stream().map(l -> l.path("montant").decimalValue())
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add))), t1.path("total").asText()));
        step.accept("1d the amounts are on screen", () -> assertEquals("[]", t1.path("offScreen").toString()));

        JsonNode t2 = seen.path("task2");
        step.accept("2 conventions signed in 2020, with their status (facet signature)", () -> {
            Map<String, String> labels = Map.of("en-vigueur", "En vigueur", "terminee", "Terminée", "a-venir", "À venir",
                    "inconnu", "Statut inconnu");
            Set<String> expected = data.conventions.stream().filter(c -> c.path("date_signature").asText("").startsWith("2020"))
                    .map(c -> c.path("titre").asText() + " | " + labels.get(c.path("statut").asText())).collect(Collectors.toSet());
            Set<String> shown = new java.util.HashSet<>();
            t2.path("rows").forEach(r -> shown.add(r.get(0).asText() + " | " + r.get(1).asText()));
            assertEquals(expected, shown);
            assertEquals("[]", t2.path("offScreen").toString() + t2.path("cut").toString().replace("[]", ""));
        });

        JsonNode t3 = seen.path("task3");
        step.accept("3a the organisation's funding lines as CSV, from its page", () -> {
            assertEquals("/organisations/cerema/lignes-financement.csv", t3.path("csv").path("href").asText());
            assertEquals(200, t3.path("csv").path("status").asInt());
            String csv = t3.path("csv").path("text").asText();
            for (JsonNode l : data.lines) {
                if (l.path("financeur_id").asText().equals("cerema") || l.path("beneficiaire_id").asText().equals("cerema")) {
                    assertTrue(csv.contains(l.path("convention_id").asText() + "," + l.path("numero_ligne").asText() + ","), l.toString());
                }
            }
        });
        step.accept("3b the organisation's funding lines as XLSX", () -> {
            assertEquals("/organisations/cerema/lignes-financement.xlsx", t3.path("xlsx").path("href").asText());
            assertEquals(200, t3.path("xlsx").path("status").asInt());
            assertEquals("PK", t3.path("xlsx").path("text").asText(), "a zip (XLSX) file");
        });

        JsonNode t4 = seen.path("task4");
        for (String words : List.of("friche", "qualité de l'air")) {
            JsonNode s = t4.path(words);
            step.accept("4" + (words.equals("friche") ? "a" : "b") + " « " + words + " » leads to the article that holds it", () -> {
                assertTrue(s.path("landed").asText().matches("/conventions/[^/#]+/#article-[\\w-]+"), s.toString());
                assertTrue(plain(s.path("text").asText()).toLowerCase(java.util.Locale.FRENCH).contains(words), s.path("text").asText());
            });
        }
        step.accept("4c the stop word « de » alone is not searched, and the page says why; nor is it highlighted", () -> {
            assertEquals("[]", t4.path("de").path("found").path("titles").toString());
            assertEquals("« de » est trop courant pour être cherché seul : ajoutez un mot.",
                    plain(t4.path("de").path("found").path("status").asText()));
            assertTrue(texts(t4.path("qualité de l'air").path("found").path("marks")).stream().noneMatch(m -> m.equalsIgnoreCase("de")));
        });

        step.accept("5 Ecosanté's obligations say who owes them and their status", () -> {
            List<String> items = texts(seen.path("task5").path("items"));
            assertFalse(items.isEmpty());
            for (String item : items) {
                assertTrue(item.matches("(?s).*\\b(DINUM|DGPR|DGS)\\b.*"), "who owes it: " + item);
                assertTrue(item.matches("(?s).*(en cours|échue|terme inconnu).*"), "its status: " + item);
            }
            assertTrue(items.stream().anyMatch(i -> i.contains("DINUM")), "the DINUM's own duties (its article 3)");
        });

        JsonNode t6 = seen.path("task6");
        String id = product.path("id").asText();
        step.accept("6a a product by name: its phases, sponsors, incubator and /stats", () -> {
            assertEquals("/produits/" + id + "/", t6.path("landed").asText(), t6.path("found").toString());
            JsonNode facts = t6.path("facts");
            assertTrue(texts(t6.path("phases")).stream().anyMatch(ph -> ph.startsWith("* ")), "its phases, the current one marked: "
                    + t6.path("phases"));
            assertEquals(java.util.Arrays.stream(product.path("sponsors").asText().split(";")).map(x -> "/organisations/" + x + "/")
                    .collect(Collectors.toSet()), new java.util.HashSet<>(texts(facts.path("Sponsors").path("links"))));
            assertEquals(product.path("nom_incubateur").asText(), facts.path("Incubateur").path("text").asText());
            assertEquals(200, t6.path("statsStatus").asInt(), "its /stats page");
        });
        step.accept("6b all the products of a sponsor (/produits/<facet>/<sponsor>/)", () -> {
            Set<String> expected = data.products.stream()
                    .filter(p -> List.of(p.path("sponsors").asText().split(";")).contains(sponsor))
                    .map(p -> "/produits/" + p.path("id").asText() + "/").collect(Collectors.toSet());
            assertEquals(expected, new java.util.HashSet<>(texts(seen.path("task6-sponsor").path("products"))));
        });
        step.accept("6c the FAST laureates with their amounts", () -> {
            Map<String, String> titles = data.products.stream().collect(Collectors.toMap(p -> p.path("id").asText(),
                    p -> p.path("titre").asText()));
            Set<String> expected = data.lines.stream().filter(l -> l.path("fonds").asText().contains("FAST")
                            && l.path("origine").asText().equals("fiche-produit"))
                    .map(l -> titles.get(l.path("produit_id").asText()) + " | " + euros(l.path("montant").decimalValue()))
                    .collect(Collectors.toSet());
            Set<String> shown = new java.util.HashSet<>();
            seen.path("task6-fast").path("laureates").forEach(r -> shown.add(r.get(0).asText() + " | " + plain(r.get(1).asText())));
            assertFalse(expected.isEmpty());
            assertEquals(expected, shown);
        });

        JsonNode t7 = seen.path("task7");
        List<JsonNode> tables = new ArrayList<>();
        t7.path("tables").forEach(tables::add);
        List<JsonNode> charts = new ArrayList<>();
        t7.path("charts").forEach(charts::add);
        step.accept("7a without the charts: no table column cut, every amount on screen", () -> {
            assertEquals("[]", t7.path("cut").toString(), "tables that scroll sideways");
            assertEquals("[]", t7.path("offScreen").toString(), "amounts off-screen");
        });
        step.accept("7b the tables' total is that of lignes-financement.csv", () -> {
            String total = euros(data.lines.stream().map(l -> l.path("montant").decimalValue())
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
            for (JsonNode t : tables) {
                if (!t.path("total").isNull()) {
                    assertTrue(plain(t.path("total").asText()).startsWith(total), t.path("caption") + ": " + t.path("total") + " ≠ " + total);
                }
            }
        });
        step.accept("7c with the charts: full labels, those of the tables", () -> {
            int i = 0;
            for (JsonNode c : charts) {
                if (c.path("categories").isEmpty()) {
                    continue;
                }
                List<String> rows = texts(tables.get(i++).path("rows"));
                assertEquals(String.join(" ", rows.subList(0, Math.min(15, rows.size()))), String.join(" ", texts(c.path("categories"))),
                        c.path("id").asText());
            }
            assertTrue(i >= 5, "the five breakdowns have charts");
        });
        step.accept("7d a year axis, money without a year apart", () -> {
            JsonNode cumul = charts.stream().filter(c -> c.path("id").asText().startsWith("financements-cumul")).findFirst().orElseThrow();
            List<String> ticks = texts(cumul.path("ticks"));
            boolean undated = tables.stream().anyMatch(t -> texts(t.path("rows")).contains("Année non précisée"));
            assertTrue(ticks.stream().filter(t -> !t.equals("Sans année")).allMatch(t -> t.matches("\\d{4}")), ticks.toString());
            assertEquals(undated, !cumul.path("apart").isEmpty(), "undated money shown apart: " + cumul);
        });
        step.accept("7e chart text at least 12 px, none outside its chart", () -> {
            for (JsonNode c : charts) {
                assertTrue(c.path("smallestText").asDouble() >= 12, c.path("id") + ": " + c.path("smallestText"));
                assertEquals("[]", c.path("textOutside").toString(), c.path("id").asText());
            }
        });
        step.accept("7f the conventions listing: no column cut, amounts on screen, an empty filter says so", () -> {
            assertEquals("[][]", t7.path("conventionsCut").toString() + t7.path("conventionsOffScreen"));
            assertEquals(0, t7.path("emptyRows").asInt());
            assertTrue(t7.path("emptyMessage").asText().startsWith("Aucune convention ne correspond"), t7.path("emptyMessage").asText());
        });
        step.accept("0 no script error on the pages of the tasks", () ->
                assertTrue(seen.path("scriptErrors").isMissingNode(), seen.path("scriptErrors").toString()));
        return out.stream();
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static double euros(String label) {
        return Double.parseDouble(label.replace("€", "").replaceAll("[\\s\u202F\u00A0]", "").replace(',', '.'));
    }
}
