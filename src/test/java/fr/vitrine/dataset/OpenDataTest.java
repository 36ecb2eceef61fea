package fr.vitrine.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.TestSites;
import fr.vitrine.testing.Trees;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Literal;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.Value;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.util.Models;
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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The open-data folder {@code /donnees/} of the real bundled project, checked from the outside: the files are read
 * back as a re-user would (CSV parser, JSON, Table Schema, the Frictionless JSON Schema profiles, an RDF parser),
 * never through the main code's own objects or checks.
 */
class OpenDataTest {

    static final String BASE = "http://localhost:8000/";
    static final String DONNEES_URL = BASE + "donnees/";
    static final String IMPACT_SCHEMA_URL =
            "https://schema.data.gouv.fr/schemas/etalab/schema-impact-service-public-numerique/0.5.0/schema.json";
    static final String SCDL_SCHEMA_URL = "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json";
    static final String SPDX = "http://spdx.org/rdf/terms#";
    static final String EU_FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";

    static final ObjectMapper JSON = new ObjectMapper();
    static final CsvMapper CSV = new CsvMapper();
    static final ValueFactory V = SimpleValueFactory.getInstance();

    /** The Frictionless v1 profiles installed by the build's {@code npm ci}. */
    static final Path DATA_PACKAGE_PROFILE = TestProject.REPO.resolve("node_modules/datapackage/lib/profiles/data-package.json");
    static final Path TABULAR_PACKAGE_PROFILE =
            TestProject.REPO.resolve("node_modules/datapackage/lib/profiles/tabular-data-package.json");
    static final Path TABLE_SCHEMA_PROFILE = TestProject.REPO.resolve("node_modules/tableschema/lib/profiles/table-schema.json");

    /** data.gouv.fr's (udata) update frequencies. */
    static final Set<String> UDATA_FREQUENCIES = Set.of("punctual", "continuous", "hourly", "fourTimesADay",
            "threeTimesADay", "semidaily", "daily", "fourTimesAWeek", "threeTimesAWeek", "semiweekly", "weekly",
            "biweekly", "threeTimesAMonth", "semimonthly", "monthly", "bimonthly", "quarterly", "threeTimesAYear",
            "semiannual", "annual", "biennial", "triennial", "quinquennial", "irregular", "unknown");

    /** The EU frequency authority table's codes that udata's frequencies map to (and back). */
    static final Map<String, String> UDATA_TO_EU = Map.ofEntries(Map.entry("continuous", "UPDATE_CONT"),
            Map.entry("hourly", "HOURLY"), Map.entry("daily", "DAILY"), Map.entry("weekly", "WEEKLY"),
            Map.entry("biweekly", "BIWEEKLY"), Map.entry("monthly", "MONTHLY"), Map.entry("bimonthly", "BIMONTHLY"),
            Map.entry("quarterly", "QUARTERLY"), Map.entry("semiannual", "ANNUAL_2"), Map.entry("annual", "ANNUAL"),
            Map.entry("biennial", "BIENNIAL"), Map.entry("triennial", "TRIENNIAL"),
            Map.entry("quinquennial", "QUINQUENNIAL"), Map.entry("irregular", "IRREG"), Map.entry("unknown", "UNKNOWN"));

    /**
     * The official schemas the package refers to by URL, transcribed by hand from their documentation on
     * schema.data.gouv.fr (the test runs offline): types and constraints only.
     */
    static final Map<String, String> OFFICIAL_SCHEMAS = Map.of(IMPACT_SCHEMA_URL, """
            {"missingValues": [""], "fields": [
              {"name": "administration_rattachement", "type": "string", "constraints": {"required": true}},
              {"name": "nom_service_public_numerique", "type": "string", "constraints": {"required": true}},
              {"name": "indicateur", "type": "string", "constraints": {"required": true}},
              {"name": "valeur", "type": "number", "constraints": {"required": true}},
              {"name": "unite_mesure", "type": "string", "constraints": {"required": true}},
              {"name": "est_cible", "type": "boolean", "constraints": {"required": true}},
              {"name": "type_indicateur", "type": "string", "constraints": {"required": true, "enum": ["usage", "impact"]}},
              {"name": "frequence_monitoring", "type": "string", "constraints": {"required": true, "enum":
                ["quotidienne", "hebdomadaire", "mensuelle", "annuelle", "trimestrielle", "semestrielle", "autre"]}},
              {"name": "date", "type": "date", "constraints": {"required": true}},
              {"name": "est_periode", "type": "boolean", "constraints": {"required": true}},
              {"name": "date_debut", "type": "date"},
              {"name": "est_automatise", "type": "boolean", "constraints": {"required": true}},
              {"name": "source_collecte", "type": "string", "constraints": {"required": true}},
              {"name": "denom_insee", "type": "string", "constraints": {"enum":
                ["REG", "DEP", "COM", "ARR", "COMER", "COM_COMER", "COG", "CTCD", "CAN"]}},
              {"name": "code_insee", "type": "string"},
              {"name": "dataviz_wish", "type": "string", "constraints": {"enum":
                ["linechart", "barchart", "map", "scatterplot", "piechart"]}},
              {"name": "commentaires", "type": "string"}]}
            """, SCDL_SCHEMA_URL, """
            {"missingValues": [""], "fields": [
              {"name": "nomAttribuant", "type": "string", "constraints": {"required": true}},
              {"name": "idAttribuant", "type": "string", "constraints": {"required": true, "pattern": "^\\\\d{14}$"}},
              {"name": "dateConvention", "type": "date", "constraints": {"required": true}},
              {"name": "referenceDecision", "type": "string"},
              {"name": "nomBeneficiaire", "type": "string", "constraints": {"required": true}},
              {"name": "idBeneficiaire", "type": "string"},
              {"name": "rnaBeneficiaire", "type": "string", "constraints": {"pattern": "^W\\\\d{9}$"}},
              {"name": "objet", "type": "string", "constraints": {"required": true, "maxLength": 256}},
              {"name": "montant", "type": "number", "constraints": {"required": true}},
              {"name": "nature", "type": "string", "constraints": {"required": true, "enum": ["aide en numéraire",
                "aide en nature", "aide en numéraire;aide en nature", "aide en nature;aide en numéraire"]}},
              {"name": "conditionsVersement", "type": "string", "constraints": {"required": true, "maxLength": 256}},
              {"name": "datesPeriodeVersement", "type": "string", "constraints": {"required": true,
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?$"}},
              {"name": "idRAE", "type": "string", "constraints": {"maxLength": 5}},
              {"name": "notificationUE", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"],
                "constraints": {"required": true}},
              {"name": "pourcentageSubvention", "type": "number",
                "constraints": {"required": true, "minimum": 0.01, "maximum": 1}},
              {"name": "dispositifAide", "type": "string"}]}
            """);

    @TempDir
    static Path shared;
    static TestProject project;
    static Path site;
    static Path donnees;
    static Published published;

    @BeforeAll
    static void buildOnce() {
        project = TestProject.copyOfRepository(shared.resolve("a"));
        site = shared.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        donnees = site.resolve("donnees");
        published = Published.read(donnees);
    }

    // ---- 1. CSV format -------------------------------------------------------------------------------------

    @Test
    void csvFilesAreUtf8WithoutBomCommaSeparatedRfc4180WithConsistentLineEnds() throws IOException {
        List<Path> csvs = csvFiles(donnees);
        assertTrue(csvs.size() >= 7, "expected the 7 tables as CSV, found " + csvs);
        for (Path file : csvs) {
            byte[] bytes = Files.readAllBytes(file);
            String name = file.getFileName().toString();
            assertFalse(bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF, name + " starts with a byte order mark");
            String text = strictUtf8(bytes, name);
            List<List<String>> records = rfc4180(text, name);
            assertTrue(records.size() >= 2, name + " has a header and at least one row");

            List<String[]> jackson = readCsv(file);
            assertEquals(records.size(), jackson.size(), name + ": records seen by Jackson CSV and by RFC 4180");
            String[] header = jackson.get(0);
            assertTrue(header.length > 1, name + ": the header is split on commas: " + Arrays.toString(header));
            for (int i = 0; i < jackson.size(); i++) {
                assertEquals(header.length, jackson.get(i).length, name + ": record " + (i + 1) + " has "
                        + jackson.get(i).length + " cells, the header " + header.length);
                assertEquals(records.get(i), List.of(jackson.get(i)), name + ": record " + (i + 1));
            }
            assertEquals(header.length, new HashSet<>(List.of(header)).size(), name + ": duplicate column name");
            for (String column : header) {
                assertTrue(column.matches("[A-Za-z][A-Za-z0-9_]*"), name + ": column name '" + column
                        + "' must be ASCII letters, digits and underscores (no accents, no spaces)");
            }
        }
    }

    @Test
    void datesAreIsoAndNumbersUseADecimalPoint() {
        Pattern partialDate = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2})?)?");
        Pattern dateColumn = Pattern.compile("(?i)date.*|.*_debut|debut_.*|.*_fin|echeance|prise_effet");
        Pattern number = Pattern.compile("-?\\d+(\\.\\d+)?");
        Pattern frenchDate = Pattern.compile(".*\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b.*", Pattern.DOTALL);
        int dates = 0;
        int numbers = 0;
        for (Published.Table t : published.tables().values()) {
            List<String[]> rows = t.rows();
            String[] header = rows.get(0);
            for (int c = 0; c < header.length; c++) {
                String type = t.field(header[c]).path("type").asText();
                for (int r = 1; r < rows.size(); r++) {
                    String cell = rows.get(r)[c];
                    String where = t.file() + ":" + (r + 1) + ":" + (c + 1) + " (" + header[c] + ")";
                    assertFalse(frenchDate.matcher(cell).matches(), where + ": non-ISO date '" + cell + "'");
                    if (cell.isEmpty()) {
                        continue;
                    }
                    if (type.equals("date")) {
                        assertTrue(isIsoDate(cell), where + ": '" + cell + "' is not an ISO date YYYY-MM-DD");
                        dates++;
                    } else if (dateColumn.matcher(header[c]).matches()) {
                        for (String part : cell.split("/", -1)) {
                            assertTrue(part.matches("signature|publication|unknown")
                                            || partialDate.matcher(part).matches() && isIsoPartialDate(part),
                                    where + ": '" + cell + "' is not an ISO 8601 date, month, year or interval");
                        }
                        dates++;
                    }
                    if (type.equals("number") || type.equals("integer")) {
                        assertTrue(number.matcher(cell).matches(), where + ": '" + cell
                                + "' is not a plain number with a decimal point (no comma, space or exponent)");
                        numbers++;
                    }
                }
            }
        }
        assertTrue(dates > 20, "only " + dates + " date cells checked");
        assertTrue(numbers > 50, "only " + numbers + " number cells checked");
    }

    // ---- 2. Every CSV against its Table Schema ------------------------------------------------------------

    @Test
    void everyCsvMatchesItsTableSchema() {
        assertTrue(published.tables().keySet().containsAll(List.of("conventions", "lignes-financement", "echeances",
                "parties", "produits", "organisations", "indicateurs")), published.tables().keySet().toString());
        for (Published.Table t : published.tables().values()) {
            if (!t.schemaRef().startsWith("https://")) {
                assertTrue(Files.isRegularFile(donnees.resolve(t.schemaRef())), "missing " + t.schemaRef());
                assertEquals(t.name() + ".schema.json", t.schemaRef());
            }
        }
        assertFalse(Files.exists(donnees.resolve("indicateurs.schema.json")),
                "indicateurs follows the official schema: no schema of our own");
        assertEquals(IMPACT_SCHEMA_URL, published.tables().get("indicateurs").schemaRef());
        assertEquals(List.of(), TableSchemaValidator.validate(published.tables()));
        // The foreign keys really are checked: there are some, across files and within one.
        long crossFile = published.tables().values().stream()
                .flatMap(t -> stream(t.schema().path("foreignKeys"))
                        .filter(fk -> !fk.path("reference").path("resource").asText("").isEmpty()
                                && !fk.path("reference").path("resource").asText().equals(t.name())))
                .count();
        assertTrue(crossFile >= 5, "foreign keys between files: " + crossFile);
    }

    /** A copy of the folder with one broken cell: the validator names that row and column, and nothing else. */
    @ParameterizedTest(name = "{0}:{1} {2} = ''{3}''")
    @CsvSource(delimiter = '|', value = {
            "lignes-financement.csv|3|montant|12,5|3:8: column montant: '12,5' is not a number",
            "conventions.csv|3|type|contrat|3:3: column type: 'contrat' is not one of",
            "echeances.csv|2|convention_id|convention-inconnue|2:1: foreign key [convention_id, numero_ligne]",
            "parties.csv|5|organisation_id|dgpr|5:1: primary key [convention_id, organisation_id, role]",
            "conventions.csv|2|titre|''|2:2: column titre: a value is required",
            "produits.csv|4|montant_recense|-1|4:15: column montant_recense: -1 is below the minimum 0",
            "organisations.csv|3|siret|1300252650001|3:6: column siret: '1300252650001' does not match",
            "organisations.csv|4|id|anct|4:1: column id: 'anct' appears twice",
            "echeances.csv|2|maximum|oui|2:7: column maximum: 'oui' is not a boolean",
            "produits.csv|3|debut_phase_actuelle|2023-02-30|3:7: column debut_phase_actuelle: '2023-02-30' is not a date",
            "indicateurs.csv|2|frequence_monitoring|tous les jours|2:8: column frequence_monitoring: 'tous les jours' is not one of",
            "conventions.csv|4|acte_modifie|convention-inconnue|4:4: foreign key [acte_modifie] = [convention-inconnue] has no row in conventions [id]",
            "lignes-financement.csv|3|numero_ligne|0|3:2: column numero_ligne: 0 is below the minimum 1",
    })
    void theValidatorReportsABrokenCellAtItsRowAndColumn(String file, int row, String column, String value,
                                                          String expected, @TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("donnees");
        Trees.copy(donnees, copy);
        List<String[]> rows = readCsv(copy.resolve(file));
        int c = List.of(rows.get(0)).indexOf(column);
        assertTrue(c >= 0, "no column " + column);
        assertFalse(rows.get(row - 1)[c].equals(value), "the cell must change");
        rows.get(row - 1)[c] = value;
        writeCsv(copy.resolve(file), rows);

        List<String> problems = TableSchemaValidator.validate(Published.read(copy).tables());
        String shown = file + ":" + expected;
        assertTrue(problems.size() >= 1 && problems.get(0).startsWith(shown),
                "expected '" + shown + "…', got " + problems);
        // Nothing else is reported (the changed keys were chosen so that no other row refers to them).
        assertEquals(List.of(), problems.stream().filter(p -> !p.startsWith(file + ":" + row + ":")).toList());
    }

    // ---- 3. JSON twins --------------------------------------------------------------------------------------

    @Test
    void eachJsonTwinHasTheSameRowsAndTypedValues() throws IOException {
        int checked = assertJsonTwins(donnees, published);
        assertTrue(checked > 300, "only " + checked + " values compared");
    }

    /** Compares every CSV with its JSON twin; returns the number of values compared. */
    static int assertJsonTwins(Path dir, Published pkg) throws IOException {
        int checked = 0;
        for (Published.Table t : pkg.tables().values()) {
            Path json = dir.resolve(t.name() + ".json");
            assertTrue(pkg.resourcePaths().contains(t.name() + ".json"), "the JSON twin of " + t.file() + " is listed");
            JsonNode array = JSON.readTree(json.toFile());
            assertTrue(array.isArray(), json + " is an array");
            List<String[]> rows = t.rows();
            String[] header = rows.get(0);
            assertEquals(rows.size() - 1, array.size(), t.name() + ": rows in CSV and JSON");
            for (int r = 1; r < rows.size(); r++) {
                JsonNode object = array.get(r - 1);
                List<String> keys = new ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                assertEquals(List.of(header), keys, t.name() + ".json[" + (r - 1) + "]: keys, in the CSV's order");
                for (int c = 0; c < header.length; c++) {
                    String cell = rows.get(r)[c];
                    JsonNode v = object.get(header[c]);
                    JsonNode field = t.field(header[c]);
                    String where = t.name() + ".json[" + (r - 1) + "]." + header[c] + " (CSV '" + cell + "')";
                    checked++;
                    if (cell.isEmpty()) {
                        assertTrue(v.isNull(), where + ": an empty cell is null, got " + v);
                        continue;
                    }
                    switch (field.path("type").asText()) {
                        case "number" -> {
                            assertTrue(v.isNumber(), where + ": a number, got " + v);
                            assertEquals(0, new BigDecimal(cell).compareTo(v.decimalValue()), where + ": value " + v);
                        }
                        case "integer" -> {
                            assertTrue(v.isIntegralNumber(), where + ": an integer, got " + v);
                            assertEquals(new BigDecimal(cell).toBigIntegerExact(), v.bigIntegerValue(), where);
                        }
                        case "boolean" -> {
                            if (field.has("trueValues")) {
                                // notificationUE: the official schema's boolean spelled oui/non; both readings accepted.
                                boolean truth = stream(field.get("trueValues")).anyMatch(x -> x.asText().equals(cell));
                                assertTrue(v.isBoolean() ? v.booleanValue() == truth : v.asText().equals(cell), where);
                            } else {
                                assertTrue(v.isBoolean(), where + ": a boolean, got " + v);
                                assertEquals(Boolean.parseBoolean(cell), v.booleanValue(), where);
                            }
                        }
                        default -> {
                            assertTrue(v.isTextual(), where + ": a string, got " + v);
                            assertEquals(cell, v.textValue(), where);
                        }
                    }
                }
            }
        }
        return checked;
    }

    // ---- 4. Frictionless JSON Schema profiles --------------------------------------------------------------

    @Test
    void dataPackagePassesTheV1DataPackageProfileOnceItsSchemaReferencesAreResolved() throws IOException {
        JsonSchema profile = profile(DATA_PACKAGE_PROFILE);
        JsonNode descriptor = JSON.readTree(donnees.resolve("datapackage.json").toFile());

        // As published (v2): the v1 profile wants `schema` inline; v2 (and v1's descriptor references) allow a path
        // or URL. That is the only property it may reject.
        Set<String> rejected = new TreeSet<>();
        for (ValidationMessage m : profile.validate(descriptor)) {
            rejected.add(m.getInstanceLocation().toString());
        }
        Set<String> schemaRefs = new TreeSet<>();
        for (int i = 0; i < descriptor.get("resources").size(); i++) {
            if (descriptor.get("resources").get(i).path("schema").isTextual()) {
                schemaRefs.add("$.resources[" + i + "].schema");
            }
        }
        assertFalse(schemaRefs.isEmpty());
        assertEquals(schemaRefs, rejected, "the v1 profile rejects other properties than the schema references");

        // Dereferenced as v1 implementations do, it passes.
        assertEquals(List.of(), messages(profile.validate(dereferenced(descriptor, donnees, false))));
    }

    @Test
    void csvResourcesFormAV1TabularDataPackage() throws IOException {
        // The whole package is not one (JSON twins are not tables, v2 has no `profile`); its CSV part, given the v1
        // `profile` properties and its schemas inline, must be.
        JsonNode descriptor = dereferenced(JSON.readTree(donnees.resolve("datapackage.json").toFile()), donnees, true);
        assertFalse(messages(profile(TABULAR_PACKAGE_PROFILE).validate(JSON.readTree(
                donnees.resolve("datapackage.json").toFile()))).isEmpty(), "the v2 descriptor as such is not v1 tabular");
        assertEquals(List.of(), messages(profile(TABULAR_PACKAGE_PROFILE).validate(descriptor)),
                "the v1 tabular-data-package profile rejects the CSV resources (schemas inline)");
    }

    @Test
    void eachTableSchemaPassesTheV1TableSchemaProfile() throws IOException {
        JsonSchema profile = profile(TABLE_SCHEMA_PROFILE);
        List<Path> schemas;
        try (Stream<Path> s = Files.list(donnees)) {
            schemas = s.filter(p -> p.getFileName().toString().endsWith(".schema.json")).sorted().toList();
        }
        assertEquals(7, schemas.size(), schemas.toString());
        List<String> problems = new ArrayList<>();
        for (Path schema : schemas) {
            messages(profile.validate(JSON.readTree(schema.toFile())))
                    .forEach(m -> problems.add(schema.getFileName() + ": " + m));
        }
        assertEquals(List.of(), problems, "the v1 Table Schema profile (tableschema 1.12.6) rejects");
    }

    @Test
    void theProfilesAreEnforced() throws IOException {
        ObjectNode descriptor = (ObjectNode) JSON.readTree(donnees.resolve("datapackage.json").toFile());
        ((ObjectNode) descriptor.get("resources").get(0)).put("name", "Pas Un Nom");
        ((ObjectNode) descriptor.get("resources").get(1)).put("hash", "sha256:pas-hexa");
        List<String> errors = messages(profile(DATA_PACKAGE_PROFILE).validate(dereferenced(descriptor, donnees, false)));
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("$.resources[0].name")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("$.resources[1].hash")), errors.toString());
        ObjectNode schema = (ObjectNode) JSON.readTree(donnees.resolve("produits.schema.json").toFile());
        schema.remove("fields");
        assertFalse(messages(profile(TABLE_SCHEMA_PROFILE).validate(schema)).isEmpty());
    }

    static JsonSchema profile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            fail(file + " is missing: run the Maven build (its generate-resources phase runs 'npm ci', which installs "
                    + "the Frictionless profiles from package.json), e.g. mvn -B test, without -DskipNpm");
        }
        // Draft 4, as the profiles declare; their documentation keywords (propertyOrder, context, options…) are
        // annotations, not unknown keywords to warn about.
        JsonMetaSchema draft4 = JsonMetaSchema.builder(JsonMetaSchema.getV4())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword)).build();
        try (InputStream in = Files.newInputStream(file)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, b -> b.metaSchema(draft4)).getSchema(in);
        }
    }

    static List<String> messages(Set<ValidationMessage> messages) {
        return messages.stream().map(m -> m.getInstanceLocation() + ": " + m.getMessage()).sorted().toList();
    }

    /**
     * The descriptor as a v1 reader sees it: each schema reference replaced by the schema it points to (ours read
     * from the folder, official ones from their transcription); with {@code tabularOnly}, only the CSV resources,
     * with v1's {@code profile} properties.
     */
    static JsonNode dereferenced(JsonNode descriptor, Path dir, boolean tabularOnly) throws IOException {
        ObjectNode copy = descriptor.deepCopy();
        ArrayNode resources = JSON.createArrayNode();
        for (JsonNode r : descriptor.get("resources")) {
            ObjectNode resource = r.deepCopy();
            if (r.path("schema").isTextual()) {
                resource.set("schema", schemaAt(r.get("schema").asText(), dir));
            }
            if (tabularOnly) {
                if (!"csv".equals(r.path("format").asText())) {
                    continue;
                }
                resource.put("profile", "tabular-data-resource");
            }
            resources.add(resource);
        }
        copy.set("resources", resources);
        if (tabularOnly) {
            copy.put("profile", "tabular-data-package");
        }
        return copy;
    }

    static JsonNode schemaAt(String reference, Path dir) throws IOException {
        if (reference.startsWith("https://")) {
            String official = OFFICIAL_SCHEMAS.get(reference);
            assertNotNull(official, "unknown official schema " + reference);
            return JSON.readTree(official);
        }
        Path file = dir.resolve(reference).normalize();
        assertTrue(file.startsWith(dir) && Files.isRegularFile(file), "schema " + reference + " is not a file of " + dir);
        return JSON.readTree(file.toFile());
    }

    // ---- 5. Sizes and checksums ---------------------------------------------------------------------------------

    @Test
    void dataPackageSizesAndHashesMatchTheFiles() throws IOException {
        JsonNode descriptor = JSON.readTree(donnees.resolve("datapackage.json").toFile());
        assertEquals(publishableFiles(donnees), published.resourcePaths(),
                "datapackage.json lists every CSV, JSON and XLSX dataset, and only them");
        for (JsonNode r : descriptor.get("resources")) {
            Path file = donnees.resolve(r.get("path").asText());
            assertEquals(Files.size(file), r.get("bytes").asLong(), r.get("path") + " bytes");
            assertEquals("sha256:" + sha256(file), r.get("hash").asText(), r.get("path") + " hash");
        }
    }

    /** The /donnees/ page: every file with its real size and SHA-256, each table's dictionary, the licence. */
    @Test
    void theDataPageOffersEveryFileWithItsSizeChecksumAndDictionary() throws IOException {
        Document page = Jsoup.parse(site.resolve("donnees/index.html").toFile(), "UTF-8");
        Set<String> offered = new TreeSet<>();
        for (Element li : page.select("ul.downloads li:has(a[download])")) {
            String path = li.selectFirst("a[download]").attr("href");
            offered.add(path);
            Path file = donnees.resolve(path);
            assertTrue(Files.isRegularFile(file), path);
            assertEquals(sha256(file), li.selectFirst(".hash code").text(), path + " checksum");
            // "(CSV, 659 octets)", "(JSON, 4,3 ko)": the size read back is the file's, to the rounding shown.
            Matcher m = Pattern.compile("\\((CSV|JSON|XLSX), ([0-9]+(?:,[0-9])?)\u202f(octets|ko|Mo)\\)").matcher(li.text());
            assertTrue(m.find(), "no format and size for " + path + ": " + li.text());
            double unit = Map.of("octets", 1.0, "ko", 1e3, "Mo", 1e6).get(m.group(3));
            double shown = Double.parseDouble(m.group(2).replace(',', '.')) * unit;
            double rounding = unit == 1 ? 0 : (m.group(2).contains(",") ? 0.05 : 0.5) * unit;
            assertEquals(Files.size(file), shown, rounding, path + " size shown as " + m.group(0));
        }
        assertEquals(publishableFiles(donnees), offered, "every dataset file is offered, and only them");
        for (Published.Table t : published.tables().values()) {
            if (t.schemaRef().startsWith("https://")) {
                continue;
            }
            Element dictionary = page.selectFirst("table:has(caption:containsOwn(Colonnes du fichier " + t.file() + "))");
            assertNotNull(dictionary, "no dictionary for " + t.file());
            List<String> columns = new ArrayList<>();
            t.schema().get("fields").forEach(f -> columns.add(f.get("name").asText()));
            assertEquals(columns, dictionary.select("tbody th code").eachText(), t.file());
        }
        assertNotNull(page.selectFirst("a[href=https://www.etalab.gouv.fr/licence-ouverte-open-licence/]"));
    }

    @Test
    void udataSizesAndChecksumsMatchTheFiles() throws IOException {
        JsonNode udata = JSON.readTree(donnees.resolve("udata.json").toFile());
        Set<String> paths = new TreeSet<>();
        for (JsonNode r : udata.get("resources")) {
            String path = r.get("path").asText();
            paths.add(path);
            Path file = donnees.resolve(path);
            assertEquals(Files.size(file), r.get("filesize").asLong(), path + " filesize");
            assertEquals("sha256", r.path("checksum").path("type").asText(), path);
            assertEquals(sha256(file), r.path("checksum").path("value").asText(), path + " checksum");
        }
        assertEquals(publishableFiles(donnees), paths);
    }

    @Test
    void dcatSizesAndChecksumsMatchTheFiles() throws IOException {
        Model m = turtle();
        Set<String> files = new TreeSet<>();
        for (Resource d : m.filter(null, RDF.TYPE, DCAT.DISTRIBUTION).subjects()) {
            Path file = localFile(object(m, d, DCAT.DOWNLOAD_URL));
            files.add(donnees.relativize(file).toString());
            Literal size = (Literal) object(m, d, DCAT.BYTE_SIZE);
            assertTrue(XSD.NON_NEGATIVE_INTEGER.equals(size.getDatatype()) || XSD.INTEGER.equals(size.getDatatype())
                    || XSD.DECIMAL.equals(size.getDatatype()), d + " byteSize datatype " + size.getDatatype());
            assertEquals(Files.size(file), Long.parseLong(size.getLabel()), d + " byteSize");
            Resource checksum = (Resource) object(m, d, V.createIRI(SPDX, "checksum"));
            assertEquals(V.createIRI(SPDX, "checksumAlgorithm_sha256"), object(m, checksum, V.createIRI(SPDX, "algorithm")));
            assertEquals(sha256(file), object(m, checksum, V.createIRI(SPDX, "checksumValue")).stringValue().toLowerCase(),
                    d + " checksum");
        }
        assertEquals(publishableFiles(donnees), files);
    }

    // ---- 6. DCAT ----------------------------------------------------------------------------------------------

    @Test
    void turtleAndJsonLdDescribeTheSameGraph() throws IOException {
        Model ttl = turtle();
        Model jsonld = jsonLd();
        assertTrue(ttl.size() > 100, "triples: " + ttl.size());
        assertTrue(Models.isomorphic(ttl, jsonld), "catalog.ttl and catalog.jsonld differ");
    }

    @Test
    void jsonLdHasNoRemoteContext() throws IOException {
        JsonNode tree = JSON.readTree(donnees.resolve("catalog.jsonld").toFile());
        List<String> remote = new ArrayList<>();
        walk(tree, (key, value) -> {
            if (key.equals("@context") || key.equals("@import")) {
                if (value.isTextual() || value.isArray() && stream(value).anyMatch(JsonNode::isTextual)) {
                    remote.add(key + ": " + value);
                }
            }
        });
        assertEquals(List.of(), remote, "a JSON-LD reader would fetch these");
        // And a parser allowed to fetch nothing reads it (jsonLd() parses with no document loader whitelist).
        assertFalse(jsonLd().isEmpty());
    }

    @Test
    void eachDatasetHasWhatTheDataGouvHarvesterNeeds() throws IOException {
        Model m = turtle();
        Set<Resource> datasets = m.filter(null, RDF.TYPE, DCAT.DATASET).subjects();
        assertEquals(1, datasets.size(), "datasets: " + datasets);
        for (Resource ds : datasets) {
            assertTrue(object(m, ds, DCTERMS.IDENTIFIER) instanceof Literal l && !l.getLabel().isBlank(), "identifier");
            assertTrue(object(m, ds, DCTERMS.TITLE) instanceof Literal l && !l.getLabel().isBlank(), "title");
            assertTrue(object(m, ds, DCTERMS.DESCRIPTION) instanceof Literal l && l.getLabel().length() > 100,
                    "description");
            assertTrue(object(m, ds, DCTERMS.LICENSE) instanceof IRI, "license");
            Value frequency = object(m, ds, DCTERMS.ACCRUAL_PERIODICITY);
            assertTrue(frequency instanceof IRI i && i.stringValue().startsWith(EU_FREQUENCY)
                            && UDATA_TO_EU.containsValue(i.stringValue().substring(EU_FREQUENCY.length())),
                    "accrualPeriodicity from the EU frequency vocabulary: " + frequency);

            Resource period = (Resource) object(m, ds, DCTERMS.TEMPORAL);
            assertTrue(m.contains(period, RDF.TYPE, DCTERMS.PERIOD_OF_TIME), "temporal is a dct:PeriodOfTime");
            Literal start = (Literal) object(m, period, DCAT.START_DATE);
            Literal end = (Literal) object(m, period, DCAT.END_DATE);
            assertEquals(XSD.DATE, start.getDatatype());
            assertEquals(XSD.DATE, end.getDatatype());
            assertFalse(LocalDate.parse(start.getLabel()).isAfter(LocalDate.parse(end.getLabel())), "start ≤ end");

            assertFalse(m.filter(ds, DCTERMS.SPATIAL, null).isEmpty(), "spatial (its geometry: OpenDataConsumersTest)");
            assertFalse(m.filter(ds, DCAT.KEYWORD, null).isEmpty(), "keyword");
            Resource contact = (Resource) object(m, ds, DCAT.CONTACT_POINT);
            assertTrue(m.contains(contact, VCARD4.FN, null), "contact point has a vcard:fn");
            assertTrue(m.contains(contact, VCARD4.HAS_URL, null) || m.contains(contact, VCARD4.HAS_EMAIL, null),
                    "contact point has a URL or e-mail");
            Resource publisher = (Resource) object(m, ds, DCTERMS.PUBLISHER);
            assertTrue(m.contains(publisher, FOAF.NAME, null), "publisher has a foaf:name");

            Set<Value> distributions = m.filter(ds, DCAT.HAS_DISTRIBUTION, null).objects();
            assertEquals(published.resourcePaths().size(), distributions.size());
            for (Value v : distributions) {
                Resource d = (Resource) v;
                assertTrue(m.contains(d, RDF.TYPE, DCAT.DISTRIBUTION), d + " is a dcat:Distribution");
                assertTrue(Files.isRegularFile(localFile(object(m, d, DCAT.DOWNLOAD_URL))));
                assertFalse(object(m, d, DCTERMS.FORMAT).stringValue().isBlank(), d + " format");
                String mediaType = object(m, d, DCAT.MEDIA_TYPE).stringValue();
                assertTrue(mediaType.endsWith("/text/csv") || mediaType.endsWith("/application/json")
                        || mediaType.endsWith("/application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), mediaType);
                assertNotNull(object(m, d, DCAT.BYTE_SIZE));
                assertNotNull(object(m, d, V.createIRI(SPDX, "checksum")));
                if (!object(m, d, DCAT.DOWNLOAD_URL).stringValue().endsWith(".csv")) {
                    assertTrue(m.filter(d, DCTERMS.CONFORMS_TO, null).isEmpty(), d + ": only the CSV follows the Table Schema");
                    continue;
                }
                String conformsTo = object(m, d, DCTERMS.CONFORMS_TO).stringValue();
                assertTrue(OFFICIAL_SCHEMAS.containsKey(conformsTo) || Files.isRegularFile(localFile(V.createIRI(conformsTo))),
                        d + " conformsTo " + conformsTo + " is a schema of the site or a known official schema");
            }
        }
    }

    static Model turtle() throws IOException {
        try (Reader r = Files.newBufferedReader(donnees.resolve("catalog.ttl"))) {
            return Rio.parse(r, DONNEES_URL, RDFFormat.TURTLE);
        }
    }

    static Model jsonLd() throws IOException {
        ParserConfig config = new ParserConfig();
        config.set(JSONLDSettings.SECURE_MODE, true);
        config.set(JSONLDSettings.WHITELIST, Set.of());
        try (InputStream in = Files.newInputStream(donnees.resolve("catalog.jsonld"))) {
            return Rio.parse(in, DONNEES_URL, RDFFormat.JSONLD, config);
        }
    }

    /** The only object of (subject, predicate). */
    static Value object(Model m, Resource subject, IRI predicate) {
        Set<Value> objects = m.filter(subject, predicate, null).objects();
        assertEquals(1, objects.size(), subject + " " + predicate + ": " + objects);
        return objects.iterator().next();
    }

    /** The file of the site an address of the site points to. */
    static Path localFile(Value url) {
        String s = url.stringValue();
        assertTrue(s.startsWith(BASE), s + " is not an address of the site");
        Path file = site.resolve(s.substring(BASE.length())).normalize();
        assertTrue(file.startsWith(site) && Files.isRegularFile(file), s + " points to no file of the site");
        return file;
    }

    // ---- 7. data.gouv.fr metadata -------------------------------------------------------------------------------

    @Test
    void udataHasWhatDataGouvScoresAndNeeds() throws IOException {
        JsonNode udata = JSON.readTree(donnees.resolve("udata.json").toFile());
        JsonNode ds = udata.get("dataset");
        assertEquals("lov2", ds.path("license").asText());
        assertTrue(UDATA_FREQUENCIES.contains(ds.path("frequency").asText()), "frequency " + ds.get("frequency"));
        LocalDate start = LocalDate.parse(ds.path("temporal_coverage").path("start").asText());
        LocalDate end = LocalDate.parse(ds.path("temporal_coverage").path("end").asText());
        assertFalse(start.isAfter(end), "temporal coverage " + start + " … " + end);
        assertEquals(List.of("country:fr"), strings(ds.path("spatial").path("zones")));
        assertTrue(ds.path("description").asText().length() > 100, "description of over 100 characters");
        assertFalse(ds.path("title").asText().isBlank());

        // The same facts as the DCAT catalog.
        Model m = turtle();
        Resource dataset = m.filter(null, RDF.TYPE, DCAT.DATASET).subjects().iterator().next();
        Resource period = (Resource) object(m, dataset, DCTERMS.TEMPORAL);
        assertEquals(start.toString(), object(m, period, DCAT.START_DATE).stringValue());
        assertEquals(end.toString(), object(m, period, DCAT.END_DATE).stringValue());
        assertEquals(EU_FREQUENCY + UDATA_TO_EU.get(ds.path("frequency").asText()),
                object(m, dataset, DCTERMS.ACCRUAL_PERIODICITY).stringValue());

        for (JsonNode r : udata.get("resources")) {
            String path = r.path("path").asText();
            for (String key : List.of("title", "description", "format")) {
                assertFalse(r.path(key).asText().isBlank(), path + ": " + key);
            }
            assertTrue(r.path("filesize").isIntegralNumber(), path + ": filesize");
            assertEquals("sha256", r.path("checksum").path("type").asText(), path);
            assertTrue(r.path("checksum").path("value").asText().matches("[0-9a-f]{64}"), path);
        }
        JsonNode indicators = resource(udata, "indicateurs.csv");
        assertEquals("etalab/schema-impact-service-public-numerique", indicators.path("schema").path("name").asText());
        assertEquals("0.5.0", indicators.path("schema").path("version").asText());
    }

    /** Every date of the facts lies within the temporal coverage declared for them. */
    @Test
    void temporalCoverageCoversEveryDateOfTheData() throws IOException {
        JsonNode coverage = JSON.readTree(donnees.resolve("udata.json").toFile()).path("dataset").path("temporal_coverage");
        LocalDate start = LocalDate.parse(coverage.path("start").asText());
        LocalDate end = LocalDate.parse(coverage.path("end").asText());
        Map<String, List<String>> dateColumns = Map.of(
                "conventions", List.of("date_signature", "prise_effet", "date_fin"),
                "lignes-financement", List.of("periode_debut", "periode_fin"),
                "echeances", List.of("echeance"),
                "indicateurs", List.of("date", "date_debut"));
        List<String> outside = new ArrayList<>();
        dateColumns.forEach((table, columns) -> {
            Published.Table t = published.tables().get(table);
            for (String column : columns) {
                int c = List.of(t.rows().get(0)).indexOf(column);
                for (int r = 1; r < t.rows().size(); r++) {
                    String cell = t.rows().get(r)[c];
                    if (cell.matches("\\d{4}(-\\d{2}(-\\d{2})?)?")) {
                        LocalDate first = firstDay(cell);
                        LocalDate last = lastDay(cell);
                        if (first.isBefore(start) || last.isAfter(end)) {
                            outside.add(t.file() + ":" + (r + 1) + ":" + (c + 1) + " " + column + "=" + cell);
                        }
                    }
                }
            }
        });
        assertEquals(List.of(), outside, "dates outside the temporal coverage " + start + " … " + end);
    }

    // ---- 8. Totals ----------------------------------------------------------------------------------------------

    @Test
    void totalsAddUp() {
        Map<String, BigDecimal> byConvention = new HashMap<>();
        Map<String, Integer> linesByConvention = new HashMap<>();
        Map<String, BigDecimal> given = new HashMap<>();
        Map<String, BigDecimal> received = new HashMap<>();
        Map<String, BigDecimal> byProduct = new HashMap<>();
        Map<String, Map<String, String>> conventions = byId(published.tables().get("conventions"), "id");
        for (Map<String, String> line : records(published.tables().get("lignes-financement"))) {
            BigDecimal amount = new BigDecimal(line.get("montant"));
            String convention = line.get("convention_id");
            byConvention.merge(convention, amount, BigDecimal::add);
            linesByConvention.merge(convention, 1, Integer::sum);
            if (!line.get("financeur_id").isEmpty()) {
                given.merge(line.get("financeur_id"), amount, BigDecimal::add);
            }
            if (!line.get("beneficiaire_id").isEmpty()) {
                received.merge(line.get("beneficiaire_id"), amount, BigDecimal::add);
            }
            List<String> products = !line.get("produit_id").isEmpty() ? List.of(line.get("produit_id"))
                    : List.of(conventions.get(convention).get("produits").split(";"));
            products.stream().filter(p -> !p.isEmpty()).forEach(p -> byProduct.merge(p, amount, BigDecimal::add));
        }
        assertEquals(7, conventions.size());
        for (Map<String, String> c : conventions.values()) {
            String id = c.get("id");
            BigDecimal total = new BigDecimal(c.get("montant_total"));
            assertEquals(0, total.compareTo(byConvention.getOrDefault(id, BigDecimal.ZERO)),
                    id + ": montant_total " + total + " ≠ sum of its lines " + byConvention.get(id));
            assertEquals(linesByConvention.getOrDefault(id, 0), Integer.valueOf(c.get("nombre_lignes")), id + ": nombre_lignes");
            if (!c.get("montant_total_texte").isEmpty()) {
                assertEquals(0, total.compareTo(new BigDecimal(c.get("montant_total_texte"))), id + ": montant_total_texte");
            }
        }
        for (Map<String, String> o : records(published.tables().get("organisations"))) {
            String id = o.get("id");
            assertEquals(0, new BigDecimal(o.get("montant_verse")).compareTo(given.getOrDefault(id, BigDecimal.ZERO)), id);
            assertEquals(0, new BigDecimal(o.get("montant_recu")).compareTo(received.getOrDefault(id, BigDecimal.ZERO)), id);
        }
        Map<String, Map<String, String>> products = byId(published.tables().get("produits"), "id");
        for (Map<String, String> p : products.values()) {
            BigDecimal expected = byProduct.get(p.get("id"));
            if (expected == null) {
                assertEquals("", p.get("montant_recense"), p.get("id") + ": no line, « non recensé », not 0 €");
            } else {
                assertEquals(0, new BigDecimal(p.get("montant_recense")).compareTo(expected), p.get("id") + ": montant_recense");
            }
        }
        assertEquals(0, new BigDecimal("1650000").compareTo(new BigDecimal(products.get("urbanvitaliz").get("montant_recense"))),
                "UrbanVitaliz: 1 650 000 € across its conventions");
        assertEquals("6", products.get("urbanvitaliz").get("nombre_conventions"));
    }

    /** A product no funding line names: its amount is unknown (empty cell, JSON null, blank XLSX cell), not 0 €. */
    @Test
    void aProductWithoutFundingLinesHasNoAmountNotZero(@TempDir Path tmp) throws IOException {
        TestProject p = TestProject.copyOfRepository(tmp);
        p.write("data/products/sans-financement.md", "---\ntitle: Sans financement\nmission: Un produit qu'aucune "
                + "convention ne finance\n---\nDescription.\n");
        Path out = tmp.resolve("site");
        TestProject.Run run = p.build(out);
        assertEquals(0, run.exitCode(), run.err());
        Published read = Published.read(out.resolve("donnees"));
        assertEquals(List.of(), TableSchemaValidator.validate(read.tables()));
        Map<String, Map<String, String>> products = byId(read.tables().get("produits"), "id");
        assertEquals("", products.get("sans-financement").get("montant_recense"));
        assertFalse(products.get("reco-co").get("montant_recense").isEmpty(), "a funded product keeps its amount");
        for (JsonNode row : JSON.readTree(out.resolve("donnees/produits.json").toFile())) {
            if (row.path("id").asText().equals("sans-financement")) {
                assertTrue(row.has("montant_recense") && row.path("montant_recense").isNull(), row.toString());
            }
        }
        List<List<String>> xlsx = fr.vitrine.testing.SiteSelections.xlsx(out.resolve("donnees/produits.xlsx"));
        int column = xlsx.get(0).indexOf("montant_recense");
        List<String> row = xlsx.stream().filter(r -> r.get(0).equals("sans-financement")).findFirst().orElseThrow();
        assertTrue(row.size() <= column || row.get(column).isEmpty(), row.toString());
        // The listing's data reads the same: no amount, « non recensé » shown.
        for (JsonNode r : JSON.readTree(out.resolve("produits/index.json").toFile())) {
            if (r.path("id").asText().equals("sans-financement")) {
                assertTrue(r.path("amount").isNull(), r.toString());
                assertEquals("non recensé", r.path("amountLabel").asText());
            }
        }
    }

    // ---- 9. Determinism ---------------------------------------------------------------------------------------

    @Test
    void twoBuildsGiveIdenticalDatasets(@TempDir Path tmp) {
        TestProject other = TestProject.copyOfRepository(tmp.resolve("elsewhere"));
        Path otherSite = tmp.resolve("site");
        TestProject.Run run = other.build(otherSite);
        assertEquals(0, run.exitCode(), run.err());
        Map<String, String> first = Trees.fingerprint(donnees);
        assertTrue(first.keySet().containsAll(List.of("datapackage.json", "udata.json", "catalog.ttl", "catalog.jsonld",
                "conventions.csv", "conventions.json", "conventions.schema.json")), first.keySet().toString());
        assertEquals(first, Trees.fingerprint(otherSite.resolve("donnees")));
    }

    // ---- 10. SCDL subventions -------------------------------------------------------------------------------------

    static final String SUBSIDY_FILE = TestSites.SUBSIDY_FILE;
    static final String SUBSIDY = TestSites.SUBSIDY;

    static final List<String> SCDL_COLUMNS = List.of("nomAttribuant", "idAttribuant", "dateConvention",
            "referenceDecision", "nomBeneficiaire", "idBeneficiaire", "rnaBeneficiaire", "objet", "montant", "nature",
            "conditionsVersement", "datesPeriodeVersement", "idRAE", "notificationUE", "pourcentageSubvention",
            "dispositifAide");

    @Test
    void aSubsidyWithTheFundersSiretIsExportedInScdlFormat(@TempDir Path tmp) throws IOException {
        String siret = withLuhnKey("1300252650001");
        assertEquals("13002526500013", siret);
        assertTrue(luhn(siret) && !luhn("13002526500012"), "Luhn key");

        TestProject p = TestProject.copyOfRepository(tmp);
        p.write(SUBSIDY_FILE, SUBSIDY);
        p.write("jbake.properties", p.read("jbake.properties") + "\nvitrine.siret.cerema=" + siret
                + "\nvitrine.siret.dinum=" + TestSites.BENEFICIARY_SIRET + "\n");
        Path out = tmp.resolve("site");
        TestProject.Run run = p.build(out);
        assertEquals(0, run.exitCode(), run.err());
        Path dir = out.resolve("donnees");

        List<String[]> rows = readCsv(dir.resolve("subventions.csv"));
        assertEquals(SCDL_COLUMNS, List.of(rows.get(0)));
        assertEquals(2, rows.size(), "one row: one (attribuant, bénéficiaire) pair");
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < SCDL_COLUMNS.size(); i++) {
            row.put(SCDL_COLUMNS.get(i), rows.get(1)[i]);
        }
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("nomAttribuant", "Centre d'études et d'expertise sur les risques, l'environnement, la mobilité et l'aménagement");
        expected.put("idAttribuant", siret);
        expected.put("dateConvention", "2023-03-15");
        expected.put("referenceDecision", "D-2023-017");
        expected.put("nomBeneficiaire", "Direction interministérielle du numérique");
        expected.put("idBeneficiaire", TestSites.BENEFICIARY_SIRET);
        expected.put("rnaBeneficiaire", "");
        expected.put("objet", "Subvention d'essai du Cerema à la DINUM pour le déploiement d'UrbanVitaliz en 2023.");
        expected.put("montant", "120000");
        expected.put("nature", "aide en numéraire");
        expected.put("conditionsVersement", "échelonné");
        expected.put("datesPeriodeVersement", "2023-04-01/2023-09-30");
        expected.put("idRAE", "");
        expected.put("notificationUE", "non");
        expected.put("pourcentageSubvention", "1");
        expected.put("dispositifAide", "");
        assertEquals(expected, row);

        // Described like the other files, with data.gouv.fr's name for the official schema.
        Published pkg = Published.read(dir);
        assertEquals(SCDL_SCHEMA_URL, pkg.tables().get("subventions").schemaRef());
        assertFalse(Files.exists(dir.resolve("subventions.schema.json")));
        JsonNode udata = JSON.readTree(dir.resolve("udata.json").toFile());
        JsonNode subsidies = resource(udata, "subventions.csv");
        assertEquals("scdl/subventions", subsidies.path("schema").path("name").asText());
        assertEquals("2.1.1", subsidies.path("schema").path("version").asText());
        assertEquals(Files.size(dir.resolve("subventions.csv")), subsidies.path("filesize").asLong());
        // The whole package still holds together: schemas (the official one's transcription), keys, JSON twins.
        assertEquals(List.of(), TableSchemaValidator.validate(pkg.tables()));
        assertJsonTwins(dir, pkg);
    }

    @Test
    void withoutTheFundersSiretTheBuildWarnsAndWritesNoSubsidyFile(@TempDir Path tmp) throws IOException {
        TestProject p = TestProject.copyOfRepository(tmp);
        p.write(SUBSIDY_FILE, SUBSIDY);
        Path out = tmp.resolve("site");
        TestProject.Run run = p.build(out);
        assertEquals(0, run.exitCode(), run.err());
        List<String> warnings = run.diagnostics().stream()
                .filter(d -> d.contains(": warning: ") && d.contains("vitrine.siret.cerema=")).toList();
        assertEquals(1, warnings.size(), "a warning naming the setting to add:\n" + run.err());
        assertTrue(warnings.get(0).contains("jbake.properties"), warnings.get(0));
        assertFalse(Files.exists(out.resolve("donnees/subventions.csv")));
        assertFalse(Files.exists(out.resolve("donnees/subventions.json")));
        assertFalse(Published.read(out.resolve("donnees")).resourcePaths().stream().anyMatch(s -> s.startsWith("subventions")));
        // The convention itself is published like any other.
        assertTrue(byId(Published.read(out.resolve("donnees")).tables().get("conventions"), "id")
                .containsKey("cerema-dinum-subvention-essai"));
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2;
        }
        return sum % 10 == 0;
    }

    static String withLuhnKey(String thirteenDigits) {
        for (char key = '0'; key <= '9'; key++) {
            if (luhn(thirteenDigits + key)) {
                return thirteenDigits + key;
            }
        }
        throw new AssertionError();
    }

    // ---- 11. vitrine check on an input that passes the record checks but not the dataset's schema -------------

    /**
     * The same organisation listed twice with the same role in one convention passes the record checks, but gives
     * parties.csv two rows with one primary key: {@code vitrine check} reports it at that row. (This relies on the
     * record validator not catching duplicate parties; if it learns to, the error moves to the record and this test
     * should then assert that instead.)
     */
    @Test
    void aDuplicatePartyIsCaughtOnTheRecordBeforeItReachesTheDataset(@TempDir Path tmp) {
        // It used to pass the record checks and break parties.csv's primary key; now the record says it.
        TestProject p = TestProject.copyOfRepository(tmp);
        String file = "content/conventions/urbanvitaliz-seconde-convention.md";
        int line = p.replace(file, "products: [urbanvitaliz, reco-co]\n",
                "  - org: dinum\n    role: partenaire\nproducts: [urbanvitaliz, reco-co]\n");
        TestProject.Run run = p.check();
        assertEquals(1, run.exitCode(), run.out() + run.err());
        String at = p.file(file) + ":" + line + ":10: error: party 'dinum' is already listed with the role partenaire";
        assertTrue(run.diagnostics().stream().anyMatch(d -> d.startsWith(at)), "expected " + at + " in:\n" + run.err());
    }

    /**
     * README: problems in beta.gouv.fr's own files are warnings, so one file upstream never stops the build. A phase
     * name Vitrine does not know is such a warning; the published datasets must still match their schemas.
     */
    @Test
    void anUnknownPhaseInABetaGouvFileDoesNotStopTheBuild(@TempDir Path tmp) {
        TestProject p = TestProject.copyOfRepository(tmp);
        Trees.copy(TestProject.REPO.resolve("src/test/resources/betagouv"), tmp.resolve("beta.gouv.fr/content"));
        p.write("jbake.properties", p.read("jbake.properties")
                + "\nvitrine.betagouv.startups=../beta.gouv.fr/content/_startups"
                + "\nvitrine.betagouv.organisations=../beta.gouv.fr/content/_organisations\n");
        p.replace("../beta.gouv.fr/content/_startups/service-exemple.md", "  - name: acceleration\n",
                "  - name: hibernation\n");
        Path out = tmp.resolve("site");
        TestProject.Run run = p.build(out);
        assertTrue(run.diagnostics().stream().anyMatch(d -> d.contains("service-exemple.md") && d.contains(": warning: ")
                && d.contains("'hibernation'")), run.err());
        assertEquals(0, run.exitCode(), "an upstream file's unknown phase stops the build:\n" + run.err());
        assertEquals(List.of(), TableSchemaValidator.validate(Published.read(out.resolve("donnees")).tables()));
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** What the folder publishes, read from its {@code datapackage.json}: each table's CSV rows and schema. */
    record Published(Map<String, Table> tables, Set<String> resourcePaths) {

        record Table(String name, String file, String schemaRef, JsonNode schema, List<String[]> rows) {
            JsonNode field(String name) {
                for (JsonNode f : schema.get("fields")) {
                    if (f.path("name").asText().equals(name)) {
                        return f;
                    }
                }
                throw new AssertionError(file + ": column " + name + " is not in its schema");
            }
        }

        static Published read(Path dir) {
            try {
                JsonNode descriptor = JSON.readTree(dir.resolve("datapackage.json").toFile());
                Map<String, Table> tables = new LinkedHashMap<>();
                Set<String> paths = new TreeSet<>();
                for (JsonNode r : descriptor.get("resources")) {
                    String path = r.get("path").asText();
                    paths.add(path);
                    if (!path.endsWith(".csv")) {
                        continue;
                    }
                    String ref = r.path("schema").asText();
                    assertFalse(ref.isEmpty(), path + " has no schema");
                    tables.put(r.get("name").asText(), new Table(r.get("name").asText(), path, ref, schemaAt(ref, dir),
                            readCsv(dir.resolve(path))));
                }
                return new Published(tables, paths);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A small Table Schema validator, independent of the main code: header, types (string, integer, number,
     * boolean, date, year), constraints (required, unique, enum, pattern, minimum, maximum, minLength, maxLength),
     * primary keys and foreign keys between the tables of a package. Problems read {@code file:row:column: message},
     * row 1 being the header.
     */
    static final class TableSchemaValidator {

        private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
        private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
        private static final Set<String> CONSTRAINTS = Set.of("required", "unique", "enum", "pattern", "minimum",
                "maximum", "minLength", "maxLength");

        private TableSchemaValidator() {
        }

        static List<String> validate(Map<String, Published.Table> tables) {
            List<String> problems = new ArrayList<>();
            for (Published.Table t : tables.values()) {
                problems.addAll(validateTable(t, tables));
            }
            return problems;
        }

        private static List<String> validateTable(Published.Table t, Map<String, Published.Table> tables) {
            List<String> problems = new ArrayList<>();
            JsonNode schema = t.schema();
            List<JsonNode> fields = stream(schema.get("fields")).toList();
            List<String> names = fields.stream().map(f -> f.path("name").asText()).toList();
            List<String[]> rows = t.rows();
            if (rows.isEmpty() || !List.of(rows.get(0)).equals(names)) {
                problems.add(t.file() + ":1:1: header " + (rows.isEmpty() ? "missing" : List.of(rows.get(0)))
                        + " differs from the schema's fields " + names);
                return problems;
            }
            Set<String> missing = schema.has("missingValues")
                    ? new HashSet<>(strings(schema.get("missingValues"))) : Set.of("");
            List<Set<Object>> unique = new ArrayList<>();
            for (JsonNode f : fields) {
                Set<String> unknown = new TreeSet<>(strings(f.path("constraints").fieldNames()));
                unknown.removeAll(CONSTRAINTS);
                if (!unknown.isEmpty()) {
                    problems.add(t.file() + ":1:" + (names.indexOf(f.path("name").asText()) + 1)
                            + ": unsupported constraints " + unknown);
                }
                unique.add(f.path("constraints").path("unique").asBoolean(false) ? new HashSet<>() : null);
            }
            List<String> pk = keyFields(schema.get("primaryKey"));
            Set<List<String>> primary = new HashSet<>();
            for (int r = 1; r < rows.size(); r++) {
                String[] row = rows.get(r);
                int line = r + 1;
                if (row.length != fields.size()) {
                    problems.add(t.file() + ":" + line + ":1: " + row.length + " cells, the schema has " + fields.size()
                            + " fields");
                    continue;
                }
                for (int c = 0; c < row.length; c++) {
                    String problem = cell(fields.get(c), row[c], missing, unique.get(c));
                    if (problem != null) {
                        problems.add(t.file() + ":" + line + ":" + (c + 1) + ": column " + names.get(c) + ": " + problem);
                    }
                }
                if (!pk.isEmpty()) {
                    List<String> key = pk.stream().map(k -> row[names.indexOf(k)]).toList();
                    if (key.stream().anyMatch(missing::contains)) {
                        problems.add(t.file() + ":" + line + ":" + (names.indexOf(pk.get(0)) + 1) + ": primary key "
                                + pk + " = " + key + " has an empty value");
                    } else if (!primary.add(key)) {
                        problems.add(t.file() + ":" + line + ":" + (names.indexOf(pk.get(0)) + 1) + ": primary key "
                                + pk + " = " + key + " appears twice");
                    }
                }
            }
            for (JsonNode fk : iterable(schema.path("foreignKeys"))) {
                List<String> from = keyFields(fk.get("fields"));
                String resource = fk.path("reference").path("resource").asText("");
                List<String> to = keyFields(fk.path("reference").get("fields"));
                Published.Table target = resource.isEmpty() ? t : tables.get(resource);
                if (target == null) {
                    problems.add(t.file() + ":1:1: foreign key " + from + " refers to resource '" + resource
                            + "', which the package does not have");
                    continue;
                }
                List<String> targetNames = List.of(target.rows().get(0));
                if (!targetNames.containsAll(to) || !names.containsAll(from) || from.size() != to.size()) {
                    problems.add(t.file() + ":1:1: foreign key " + from + " → " + resource + " " + to + " names unknown fields");
                    continue;
                }
                Set<List<String>> targetKeys = new HashSet<>();
                for (int r = 1; r < target.rows().size(); r++) {
                    String[] row = target.rows().get(r);
                    targetKeys.add(to.stream().map(k -> row[targetNames.indexOf(k)]).toList());
                }
                for (int r = 1; r < rows.size(); r++) {
                    String[] row = rows.get(r);
                    if (row.length != names.size()) {
                        continue;
                    }
                    List<String> value = from.stream().map(k -> row[names.indexOf(k)]).toList();
                    if (value.stream().noneMatch(missing::contains) && !targetKeys.contains(value)) {
                        problems.add(t.file() + ":" + (r + 1) + ":" + (names.indexOf(from.get(0)) + 1) + ": foreign key "
                                + from + " = " + value + " has no row in " + (resource.isEmpty() ? t.name() : resource)
                                + " " + to);
                    }
                }
            }
            problems.sort(Comparator.comparing(TableSchemaValidator::row).thenComparing(s -> s));
            return problems;
        }

        private static int row(String problem) {
            return Integer.parseInt(problem.split(":")[1]);
        }

        /** What is wrong with a cell, or {@code null}. */
        private static String cell(JsonNode field, String cell, Set<String> missing, Set<Object> unique) {
            JsonNode cons = field.path("constraints");
            if (missing.contains(cell)) {
                return cons.path("required").asBoolean(false) ? "a value is required" : null;
            }
            String type = field.path("type").asText("string");
            String format = field.path("format").asText("default");
            if (!format.equals("default")) {
                return "unsupported format '" + format + "'";
            }
            Comparable<?> value;
            switch (type) {
                case "string" -> value = cell;
                case "integer" -> {
                    if (!INTEGER.matcher(cell).matches()) {
                        return "'" + cell + "' is not an integer";
                    }
                    value = new BigDecimal(cell);
                }
                case "number" -> {
                    if (!NUMBER.matcher(cell).matches()) {
                        return "'" + cell + "' is not a number";
                    }
                    value = new BigDecimal(cell);
                }
                case "boolean" -> {
                    List<String> yes = field.has("trueValues") ? strings(field.get("trueValues"))
                            : List.of("true", "True", "TRUE", "1");
                    List<String> no = field.has("falseValues") ? strings(field.get("falseValues"))
                            : List.of("false", "False", "FALSE", "0");
                    if (!yes.contains(cell) && !no.contains(cell)) {
                        return "'" + cell + "' is not a boolean (" + yes + " or " + no + ")";
                    }
                    value = yes.contains(cell);
                }
                case "date" -> {
                    if (!isIsoDate(cell)) {
                        return "'" + cell + "' is not a date (YYYY-MM-DD)";
                    }
                    value = LocalDate.parse(cell);
                }
                case "year" -> {
                    if (!cell.matches("\\d{4}")) {
                        return "'" + cell + "' is not a year";
                    }
                    value = new BigDecimal(cell);
                }
                default -> {
                    return "unsupported type '" + type + "'";
                }
            }
            if (cons.has("enum")) {
                boolean found = false;
                for (JsonNode e : cons.get("enum")) {
                    found |= value instanceof BigDecimal b ? e.isNumber() && e.decimalValue().compareTo(b) == 0
                            || e.isTextual() && NUMBER.matcher(e.asText()).matches() && new BigDecimal(e.asText()).compareTo(b) == 0
                            : e.asText().equals(cell);
                }
                if (!found) {
                    return "'" + cell + "' is not one of " + cons.get("enum");
                }
            }
            if (cons.has("pattern") && !Pattern.compile(cons.get("pattern").asText()).matcher(cell).matches()) {
                return "'" + cell + "' does not match the pattern " + cons.get("pattern").asText();
            }
            for (String bound : List.of("minimum", "maximum")) {
                if (!cons.has(bound)) {
                    continue;
                }
                int sign;
                if (value instanceof BigDecimal b) {
                    sign = b.compareTo(cons.get(bound).decimalValue());
                } else if (value instanceof LocalDate d) {
                    sign = d.compareTo(LocalDate.parse(cons.get(bound).asText()));
                } else {
                    return "unsupported " + bound + " for type " + type;
                }
                if (bound.equals("minimum") ? sign < 0 : sign > 0) {
                    return cell + " is " + (bound.equals("minimum") ? "below" : "above") + " the " + bound + " "
                            + cons.get(bound).asText();
                }
            }
            int length = cell.codePointCount(0, cell.length());
            if (cons.has("minLength") && length < cons.get("minLength").asInt()) {
                return "'" + cell + "' is shorter than " + cons.get("minLength").asInt() + " characters";
            }
            if (cons.has("maxLength") && length > cons.get("maxLength").asInt()) {
                return "'" + cell + "' is longer than " + cons.get("maxLength").asInt() + " characters";
            }
            if (unique != null && !unique.add(value instanceof BigDecimal b ? b.stripTrailingZeros() : value)) {
                return "'" + cell + "' appears twice but must be unique";
            }
            return null;
        }

        private static List<String> keyFields(JsonNode node) {
            if (node == null || node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            return node.isTextual() ? List.of(node.asText()) : strings(node);
        }
    }

    static List<String[]> readCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvSchema.emptySchema())
                    .<String[]>readValues(reader).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeCsv(Path file, List<String[]> rows) throws IOException {
        CsvMapper mapper = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SequenceWriter out = mapper.writer(CsvSchema.emptySchema().withLineSeparator("\n")).writeValues(w)) {
            for (String[] row : rows) {
                out.write(row);
            }
        }
    }

    /** Decodes bytes as UTF-8, failing on any malformed sequence. */
    static String strictUtf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError(name + " is not valid UTF-8", e);
        }
    }

    /**
     * Splits a CSV text by the letter of RFC 4180 (comma, double quotes, quotes doubled inside quoted fields, CRLF
     * or LF record ends used consistently); fails on anything else: a quote inside an unquoted field, text after a
     * closing quote, a bare CR, an unterminated quoted field, mixed line ends.
     */
    static List<List<String>> rfc4180(String text, String name) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        Set<String> lineEnds = new TreeSet<>();
        int i = 0;
        int n = text.length();
        boolean fieldStart = true;
        while (i < n) {
            char ch = text.charAt(i);
            if (fieldStart && ch == '"') {
                i++;
                while (true) {
                    assertTrue(i < n, name + ": unterminated quoted field in record " + (records.size() + 1));
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.append(q);
                    i++;
                }
                assertTrue(i == n || text.charAt(i) == ',' || text.charAt(i) == '\n' || text.charAt(i) == '\r',
                        name + ": text after a closing quote in record " + (records.size() + 1));
                fieldStart = false;
                continue;
            }
            if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r') {
                    assertTrue(i + 1 < n && text.charAt(i + 1) == '\n', name + ": bare CR in record " + (records.size() + 1));
                    lineEnds.add("CRLF");
                    i += 2;
                } else {
                    lineEnds.add("LF");
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                fieldStart = true;
            } else {
                assertFalse(ch == '"', name + ": a quote inside an unquoted field in record " + (records.size() + 1));
                field.append(ch);
                fieldStart = false;
                i++;
            }
        }
        if (!fieldStart || !record.isEmpty() || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        assertTrue(lineEnds.size() <= 1, name + ": mixed line ends " + lineEnds);
        return records;
    }

    static boolean isIsoDate(String s) {
        if (!s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return false;
        }
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isIsoPartialDate(String s) {
        try {
            firstDay(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static LocalDate firstDay(String partial) {
        return switch (partial.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(partial), 1, 1);
            case 7 -> YearMonth.parse(partial).atDay(1);
            default -> LocalDate.parse(partial);
        };
    }

    static LocalDate lastDay(String partial) {
        return switch (partial.length()) {
            case 4 -> LocalDate.of(Integer.parseInt(partial), 12, 31);
            case 7 -> YearMonth.parse(partial).atEndOfMonth();
            default -> LocalDate.parse(partial);
        };
    }

    static List<Path> csvFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** The dataset files of a folder: every CSV, JSON and XLSX but the metadata files. */
    static Set<String> publishableFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".csv") || f.endsWith(".json") || f.endsWith(".xlsx"))
                    .filter(f -> !f.endsWith(".schema.json") && !f.equals("datapackage.json") && !f.equals("udata.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode resource(JsonNode udata, String path) {
        for (JsonNode r : udata.get("resources")) {
            if (r.path("path").asText().equals(path)) {
                return r;
            }
        }
        throw new AssertionError("udata.json has no resource " + path);
    }

    static List<Map<String, String>> records(Published.Table t) {
        String[] header = t.rows().get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (String[] row : t.rows().subList(1, t.rows().size())) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                m.put(header[i], row[i]);
            }
            out.add(m);
        }
        return out;
    }

    static Map<String, Map<String, String>> byId(Published.Table t, String key) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        records(t).forEach(r -> out.put(r.get(key), r));
        return out;
    }

    /** The 1-based CSV row (header = 1) whose {@code column} is {@code value}. */
    static int rowOf(Published.Table t, String column, String value) {
        int c = List.of(t.rows().get(0)).indexOf(column);
        for (int r = 1; r < t.rows().size(); r++) {
            if (t.rows().get(r)[c].equals(value)) {
                return r + 1;
            }
        }
        throw new AssertionError(t.file() + " has no row with " + column + " = " + value);
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null) {
            array.forEach(out::add);
        }
        return out.stream();
    }

    static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null || node.isMissingNode() ? List.of() : node;
    }

    static List<String> strings(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    static List<String> strings(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** Visits every (key, value) of a JSON tree. */
    static void walk(JsonNode node, java.util.function.BiConsumer<String, JsonNode> visitor) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                visitor.accept(e.getKey(), e.getValue());
                walk(e.getValue(), visitor);
            });
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, visitor));
        }
    }
}
