package fr.vitrine.check;

import fr.vitrine.dataset.Table.Field;
import fr.vitrine.dataset.Table.ForeignKey;
import fr.vitrine.dataset.Table;
import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dataset checker on hand-written files: each constraint kind reported at the row and column of the cell, as
 * the published file's path. (No valid input of the bundled project gives such files: records are validated first.)
 */
class TableCheckTest {

    @TempDir
    Path dir;

    static final Table PARENTS = new Table("parents", "Parents", "Referenced rows.",
            List.of(Field.of("id", "string", "Id", "Key.").mandatory().uniqueValues().matching("[a-z]+"),
                    Field.of("annee", "integer", "Année", "A year number.").between(2000.0, null),
                    Field.of("code", "string", "Code", "Unique when given.").uniqueValues()),
            List.of("id"), List.of(), null, null);

    static final Table CHILDREN = new Table("children", "Children", "Rows with every kind of constraint.",
            List.of(Field.of("parent_id", "string", "Parent", "Reference.").mandatory(),
                    Field.of("numero", "integer", "Numéro", "Rank.").mandatory().between(1.0, null),
                    Field.of("montant", "number", "Montant", "Amount.").between(0.0, 1000.0),
                    Field.of("actif", "boolean", "Actif", "Flag."),
                    Field.of("jour", "date", "Jour", "Day."),
                    Field.of("credits", "string", "Crédits", "Enumeration.").among(List.of("AE", "CP")),
                    Field.of("siret", "string", "SIRET", "Pattern.").matching("\\d{14}"),
                    Field.of("titre", "string", "Titre", "Required.").mandatory()),
            List.of("parent_id", "numero"),
            List.of(new ForeignKey(List.of("parent_id"), "parents", List.of("id"))),
            null, null);

    /** Checks both files; returns the diagnostics. */
    private List<Diagnostic> check(String parents, String children) throws IOException {
        Files.writeString(dir.resolve("parents.csv"), parents, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("children.csv"), children, StandardCharsets.UTF_8);
        Diagnostics diagnostics = new Diagnostics();
        TableCheck check = new TableCheck(diagnostics);
        check.check(PARENTS, dir.resolve("parents.csv"), Path.of("site/donnees/parents.csv"));
        check.check(CHILDREN, dir.resolve("children.csv"), Path.of("site/donnees/children.csv"));
        check.finish();
        return diagnostics.all();
    }

    static final String PARENTS_OK = """
            id,annee,code
            alpha,2020,A
            beta,,
            gamma,2021,
            """;

    static final String HEADER = "parent_id,numero,montant,actif,jour,credits,siret,titre\n";

    @Test
    void validFilesGiveNoDiagnostic() throws IOException {
        List<Diagnostic> all = check(PARENTS_OK, HEADER
                + "alpha,1,12.5,true,2024-02-29,AE,13002526500013,Un\n"
                + "alpha,2,0,false,,,,\"Deux, avec virgule\"\n"
                + "beta,1,,,,CP,,\"Trois \"\"cité\"\"\"\n");
        assertEquals(List.of(), all);
    }

    @Test
    void eachViolationIsReportedAtItsRowAndColumn() throws IOException {
        List<Diagnostic> all = check("""
                        id,annee,code
                        alpha,2020,A
                        Beta,1999,A
                        alpha,2021,
                        """, HEADER
                        + "alpha,1,12.5,true,2024-02-29,AE,13002526500013,Un\n"  // 2: valid
                        + "alpha,x,1,true,,,,Deux\n"                               // 3: type integer
                        + "alpha,3,1.5.2,true,,,,Trois\n"                          // 4: type number
                        + "alpha,4,1,oui,,,,Quatre\n"                              // 5: type boolean
                        + "alpha,5,1,true,2024-02-30,,,Cinq\n"                     // 6: type date
                        + "alpha,6,1,true,,,,\n"                                   // 7: required
                        + "alpha,7,1,true,,HT,,Sept\n"                             // 8: enum
                        + "alpha,8,1,true,,,123,Huit\n"                            // 9: pattern
                        + "alpha,0,1,true,,,,Neuf\n"                               // 10: minimum
                        + "alpha,10,1000.01,true,,,,Dix\n"                         // 11: maximum
                        + "alpha,1,2,false,,,,Onze\n"                              // 12: primary key
                        + "delta,1,2,false,,,,Douze\n"                             // 13: foreign key
                        + "alpha,13,1,true\n");                                    // 14: cell count
        Path parents = Path.of("site/donnees/parents.csv");
        Path children = Path.of("site/donnees/children.csv");
        List<String> expected = List.of(
                parents + ":3:1: error: column id: 'Beta' does not match the pattern [a-z]+",
                parents + ":3:2: error: column annee: 1999 is below the minimum 2000.0",
                parents + ":3:3: error: column code: value 'A' appears twice but must be unique",
                parents + ":4:1: error: column id: value 'alpha' appears twice but must be unique",
                parents + ":4:1: error: primary key [id] = [alpha] appears twice",
                children + ":3:2: error: column numero: 'x' is not an integer",
                children + ":4:3: error: column montant: '1.5.2' is not a number with a decimal point",
                children + ":5:4: error: column actif: 'oui' is not true or false",
                children + ":6:5: error: column jour: '2024-02-30' is not a date (YYYY-MM-DD)",
                children + ":7:8: error: column titre: a value is required",
                children + ":8:6: error: column credits: 'HT' is not one of [AE, CP]",
                children + ":9:7: error: column siret: '123' does not match the pattern \\d{14}",
                children + ":10:2: error: column numero: 0 is below the minimum 1.0",
                children + ":11:3: error: column montant: 1000.01 is above the maximum 1000.0",
                children + ":12:1: error: primary key [parent_id, numero] = [alpha, 1] appears twice",
                children + ":13:1: error: foreign key [parent_id] = [delta] has no row in parents [id]",
                children + ":14:1: error: row has 4 cells, the schema 8");
        List<String> actual = all.stream().map(Diagnostic::toString).sorted().toList();
        assertEquals(expected.stream().sorted().toList(), actual);
        assertTrue(all.stream().allMatch(Diagnostic::isError));
    }

    /** A text cell a spreadsheet would run as a formula is an error; quoted, or a negative number, it is fine. */
    @Test
    void aTextCellStartingWithAFormulaCharacterIsReported() throws IOException {
        List<Diagnostic> all = check(PARENTS_OK, HEADER
                + "alpha,1,,,,,,'=1+1\n"
                + "alpha,2,,,,,,=HYPERLINK(\"http://x\")\n"
                + "alpha,3,,,,,,@SUM(1)|cmd\n"
                + "alpha,4,,,,,,\"\tTab\"\n"
                + "alpha,5,,,,,,- tiret\n");
        Path children = Path.of("site/donnees/children.csv");
        String rule = ": error: column titre: a spreadsheet would run this text as a formula: write it with "
                + "Formulas.neutralise";
        assertEquals(List.of(children + ":3:8" + rule, children + ":4:8" + rule, children + ":5:8" + rule,
                children + ":6:8" + rule), all.stream().map(Diagnostic::toString).toList());
    }

    @Test
    void aHeaderThatDiffersFromTheSchemaIsReportedOnce() throws IOException {
        List<Diagnostic> all = check(PARENTS_OK, "parent_id,numero,montant,actif,jour,credit,siret,titre\n"
                + "alpha,x,1,true,,,,Deux\n");
        assertEquals(1, all.size(), all.toString());
        Diagnostic d = all.get(0);
        assertEquals(Path.of("site/donnees/children.csv"), d.file());
        assertEquals(1, d.line());
        assertTrue(d.message().contains("differs from the schema's fields"), d.message());
    }

    @Test
    void aForeignKeyToATableWithoutThatKeyIsReported() throws IOException {
        // Every row's parent exists but one: only that row is reported, after all files were read (finish()).
        List<Diagnostic> all = check(PARENTS_OK, HEADER
                + "gamma,1,,,,,,Un\n"
                + "beta,1,,,,,,Deux\n"
                + "omega,1,,,,,,Trois\n");
        assertEquals(1, all.size(), all.toString());
        assertEquals(4, all.get(0).line());
        assertEquals(1, all.get(0).column());
        assertFalse(all.get(0).message().isEmpty());
    }
}
