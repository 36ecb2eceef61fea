package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Edge-case rows, each with the verdict of the official schema impact-service-public-numerique 0.5.0 written next
 * to it and the reason taken from the schema's own field definitions (type, format, {@code required},
 * {@code enum}) and from the Table Schema specification it is written in. A file the State's validator accepts
 * must never fail here; a file it refuses is an error here, except the spreadsheet variants README promises to read
 * (each marked {@code LENIENT}: a warning).
 */
class ImpactSchemaVerdictTest {

    enum Schema { VALID, INVALID }

    enum Ours { OK, WARNING, ERROR }

    /** One case: cells to change in a valid row (column=value pairs), or extra rows, and both verdicts. */
    record Case(String name, Schema schema, Ours ours, String why, List<Map<String, String>> rows) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String HEADER = String.join(",", fr.vitrine.read.ImpactCsv.COLUMNS);
    /** A valid row: every required cell filled, optional ones empty. */
    static final Map<String, String> BASE = Map.ofEntries(Map.entry("administration_rattachement", "Cerema"),
            Map.entry("nom_service_public_numerique", "Service"), Map.entry("indicateur", "Dossiers"),
            Map.entry("valeur", "10"), Map.entry("unite_mesure", "unité"), Map.entry("est_cible", "false"),
            Map.entry("type_indicateur", "usage"), Map.entry("frequence_monitoring", "mensuelle"),
            Map.entry("date", "2024-01-31"), Map.entry("est_periode", "false"), Map.entry("est_automatise", "true"),
            Map.entry("source_collecte", "script"));

    static Case one(String name, Schema schema, Ours ours, String why, String... cells) {
        return new Case(name, schema, ours, why, List.of(map(cells)));
    }

    static Case two(String name, Schema schema, Ours ours, String why, String[] first, String[] second) {
        return new Case(name, schema, ours, why, List.of(map(first), map(second)));
    }

    static Map<String, String> map(String... cells) {
        Map<String, String> row = new java.util.HashMap<>(BASE);
        for (int i = 0; i < cells.length; i += 2) {
            row.put(cells[i], cells[i + 1]);
        }
        return row;
    }

    static final String BOOLEAN = "Table Schema boolean: default trueValues true, True, TRUE, 1 and falseValues "
            + "false, False, FALSE, 0; the schema sets none of its own";
    static final String NUMBER = "valeur is type number: XML Schema decimal (optional sign, digits, '.') with an "
            + "optional exponent E±n; decimalChar '.' and no groupChar by default";
    static final String SPECIAL = "Table Schema number also permits NaN, INF and -INF, case not respected";
    static final String OPTIONAL = "constraints: {required: false} and no rule linking it to another field";

    static Stream<Case> cases() {
        return Stream.of(
                one("the base row", Schema.VALID, Ours.OK, "every required field given"),
                one("est_cible 1", Schema.VALID, Ours.OK, BOOLEAN, "est_cible", "1"),
                one("est_cible 0", Schema.VALID, Ours.OK, BOOLEAN, "est_cible", "0"),
                one("est_periode True", Schema.VALID, Ours.OK, BOOLEAN, "est_periode", "True"),
                one("est_automatise FALSE", Schema.VALID, Ours.OK, BOOLEAN, "est_automatise", "FALSE"),
                one("est_cible TRUE", Schema.VALID, Ours.OK, BOOLEAN, "est_cible", "TRUE"),
                one("est_cible yes", Schema.INVALID, Ours.ERROR, BOOLEAN, "est_cible", "yes"),
                one("est_cible empty", Schema.INVALID, Ours.ERROR, "est_cible: required true", "est_cible", ""),
                one("est_cible VRAI (LENIENT)", Schema.INVALID, Ours.WARNING, BOOLEAN + "; README reads VRAI/FAUX",
                        "est_cible", "VRAI"),
                one("valeur 1e3", Schema.VALID, Ours.OK, NUMBER, "valeur", "1e3"),
                one("valeur 2.5E-2", Schema.VALID, Ours.OK, NUMBER, "valeur", "2.5E-2"),
                one("valeur +5", Schema.VALID, Ours.OK, NUMBER, "valeur", "+5"),
                one("valeur .5", Schema.VALID, Ours.OK, NUMBER + " (leading zeroes optional)", "valeur", ".5"),
                one("valeur NaN", Schema.VALID, Ours.WARNING, SPECIAL, "valeur", "NaN"),
                one("valeur INF", Schema.VALID, Ours.WARNING, SPECIAL, "valeur", "INF"),
                one("valeur -inf", Schema.VALID, Ours.WARNING, SPECIAL, "valeur", "-inf"),
                one("valeur 1e400", Schema.VALID, Ours.WARNING, NUMBER + " (no bound on the exponent)", "valeur", "1e400"),
                one("valeur 1e308", Schema.VALID, Ours.WARNING, NUMBER + " (no minimum or maximum)", "valeur", "1e308"),
                one("valeur empty", Schema.INVALID, Ours.ERROR, "valeur: required true", "valeur", ""),
                one("valeur beaucoup", Schema.INVALID, Ours.ERROR, NUMBER, "valeur", "beaucoup"),
                one("valeur 1e", Schema.INVALID, Ours.ERROR, NUMBER + " (an exponent needs digits)", "valeur", "1e"),
                one("valeur 70,5 (LENIENT)", Schema.INVALID, Ours.WARNING, NUMBER + "; README reads decimal commas",
                        "valeur", "70,5"),
                one("valeur 1 234 (LENIENT)", Schema.INVALID, Ours.WARNING, NUMBER + "; README reads French groups",
                        "valeur", "1 234"),
                one("date 2024-1-5", Schema.VALID, Ours.OK, "date format %Y-%m-%d is a strptime pattern, "
                        + "whose %m and %d also take one digit", "date", "2024-1-5"),
                one("date 2026-2-01", Schema.VALID, Ours.OK, "one-digit month, as a real producer writes it",
                        "date", "2026-2-01"),
                one("date 16/11/2022", Schema.INVALID, Ours.ERROR, "date format %Y-%m-%d", "date", "16/11/2022"),
                one("date 2023-02-30", Schema.INVALID, Ours.ERROR, "type date: a real day", "date", "2023-02-30"),
                one("date 0000-01-01", Schema.INVALID, Ours.ERROR, "type date: years start at 1", "date", "0000-01-01"),
                one("date empty", Schema.INVALID, Ours.ERROR, "date: required true", "date", ""),
                one("type_indicateur impacte", Schema.INVALID, Ours.ERROR, "enum [usage, impact]",
                        "type_indicateur", "impacte"),
                one("type_indicateur Impact (LENIENT)", Schema.INVALID, Ours.WARNING, "enum [usage, impact] is exact;"
                        + " README reads the wrong case", "type_indicateur", "Impact"),
                one("frequence_monitoring empty", Schema.INVALID, Ours.ERROR, "required true", "frequence_monitoring", ""),
                one("frequence_monitoring horaire", Schema.INVALID, Ours.ERROR, "enum of 7 frequencies",
                        "frequence_monitoring", "horaire"),
                one("denom_insee commune", Schema.INVALID, Ours.ERROR, "enum [REG, DEP, COM, …]", "denom_insee", "commune"),
                one("dataviz_wish map3d", Schema.INVALID, Ours.ERROR, "enum [linechart, barchart, …]", "dataviz_wish", "map3d"),
                one("source_collecte empty", Schema.INVALID, Ours.ERROR, "required true", "source_collecte", ""),
                one("code_insee without denom_insee", Schema.VALID, Ours.WARNING, OPTIONAL, "code_insee", "75056"),
                one("date_debut with est_periode false", Schema.VALID, Ours.WARNING, OPTIONAL, "date_debut", "2024-01-01"),
                one("date_debut after date", Schema.VALID, Ours.WARNING, OPTIONAL + " (no comparison with date)",
                        "est_periode", "true", "date_debut", "2024-02-01"),
                one("dataviz_wish empty", Schema.VALID, Ours.OK, OPTIONAL, "dataviz_wish", ""),
                one("commentaires with a formula", Schema.VALID, Ours.OK, "type string, no pattern", "commentaires",
                        "=HYPERLINK(\"x\")"),
                one("indicateur in decomposed Unicode", Schema.VALID, Ours.WARNING, "type string, no pattern",
                        "indicateur", "Dossiers cre\u0301e\u0301s"),
                two("the same indicator and date twice", Schema.VALID, Ours.WARNING, "no primaryKey nor uniqueKeys",
                        new String[] {"valeur", "1"}, new String[] {"valeur", "2"}),
                two("one indicator in two units", Schema.VALID, Ours.WARNING, "unite_mesure: type string, no rule "
                        + "across rows", new String[] {}, new String[] {"unite_mesure", "%", "date", "2024-02-29"}),
                two("one indicator of two types", Schema.VALID, Ours.WARNING, "type_indicateur: enum per row, no rule "
                        + "across rows", new String[] {}, new String[] {"type_indicateur", "impact", "date", "2024-02-29"}));
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourVerdictFollowsTheOfficialSchema(Case c) throws IOException {
        Ours ours = verdict(c);
        if (c.schema() == Schema.VALID) {
            assertNotEquals(Ours.ERROR, ours, c.name() + ": the official schema accepts it (" + c.why() + ")");
        } else if (!c.name().contains("LENIENT")) {
            assertEquals(Ours.ERROR, ours, c.name() + ": the official schema refuses it (" + c.why() + ")");
        }
        assertEquals(c.ours(), ours, c.name());
    }

    /** Reads the case's rows as {@code vitrine stats} does and says what came of them. */
    private Ours verdict(Case c) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Map<String, String> row : c.rows()) {
            List<String> cells = new ArrayList<>();
            for (String column : fr.vitrine.read.ImpactCsv.COLUMNS) {
                String v = row.getOrDefault(column, "");
                cells.add(v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        Path file = Files.writeString(tmp.resolve("impact.csv"), csv);
        Product product = new Product("service", "Service", null, List.of(), null, List.of(), List.of(), null, null,
                null, null, "", List.of("Service"), false, null);
        Diagnostics diagnostics = new Diagnostics();
        Map<String, ProductMetrics> metrics = MetricsLoader.load(List.of(file), List.of(product), diagnostics);
        if (diagnostics.hasErrors()) {
            return Ours.ERROR;
        }
        // Every row is kept for the data, except values that are no quantity (NaN, INF), which JSON cannot hold.
        boolean noQuantity = diagnostics.all().stream().anyMatch(d -> d.message().contains("not in the normalised data"));
        assertEquals(noQuantity ? null : (long) c.rows().size(),
                metrics.containsKey("service") ? metrics.get("service").rows() : null, diagnostics.all().toString());
        return diagnostics.all().isEmpty() ? Ours.OK : Ours.WARNING;
    }
}
