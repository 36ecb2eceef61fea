package fr.vitrine.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each formula of an act's head, on lines of the development texts of {@code import-corpus/} (read from the files,
 * found by a few of their words): journal furniture, the title, the heading's date, the parties' block, roles and
 * representatives.
 */
class ActHeadTest {

    private static String text(String folder) throws IOException {
        return Files.readString(ImportEval.CORPUS.resolve(folder).resolve("text.txt"), StandardCharsets.UTF_8);
    }

    /** The line of a development text that contains {@code words}. */
    private static String line(String folder, String words) throws IOException {
        return text(folder).lines().filter(l -> l.contains(words)).findFirst()
                .orElseThrow(() -> new AssertionError(folder + " has no line with « " + words + " »"));
    }

    /** What follows « représenté(e) par » on that line. */
    private static Parties.Representative rep(String folder, String words) throws IOException {
        String l = line(folder, words);
        Matcher m = java.util.regex.Pattern.compile("(?i)repr[ée]sent[ée]e?\\s+par\\s+").matcher(l);
        assertTrue(m.find(), l);
        return Parties.representative(l.substring(m.end()));
    }

    @Test
    void journalAndBulletinFurnitureIsNeverATitle() throws IOException {
        assertTrue(Heading.furniture(line("jorf-2024-delegation-mildeca-dga", "JORF n°")));
        assertTrue(Heading.furniture(line("bo-armees-2018-ogzds-sud-sud-est", "Télécharger")));
        assertTrue(Heading.furniture(line("bo-armees-2018-ogzds-sud-sud-est", "Référence de publication")));
        assertTrue(Heading.furniture(line("bo-armees-2018-ogzds-sud-sud-est", "NOR A R M E")));
        assertTrue(Heading.furniture(line("bo-education-2016-daj-csp-sdlac", "bo Le Bulletin officiel")));
        assertTrue(Heading.furniture(line("bo-education-2016-daj-csp-sdlac", "SAAM D1")));
        assertTrue(Heading.furniture(line("jorf-2023-convention-fonds-deep-tech", "générée par une IA")));
        assertTrue(Heading.furniture(line("jorf-2019-convention-avenant-1-french-tech-ticket", "Jurisdiction")));
        assertFalse(Heading.furniture(line("jorf-2024-delegation-mildeca-dga", "Convention du 24")));

        SignedText mildeca = SignedText.ofText(text("jorf-2024-delegation-mildeca-dga"));
        assertEquals("Convention du 24 novembre 2023", mildeca.lines.get(Heading.title(mildeca)).text());
        SignedText ogzds = SignedText.ofText(text("bo-armees-2018-ogzds-sud-sud-est"));
        assertTrue(ogzds.lines.get(Heading.title(ogzds)).text().startsWith("DÉLÉGATION DE GESTION entre"));
        // A text that starts with its parties has no title: « Entre : » is not one.
        assertEquals(-1, Heading.title(SignedText.ofText(text("jorf-2019-avenant-1-etat-bpifrance-satt"))));
        assertEquals(-1, Heading.title(SignedText.ofText(text("jorf-2018-convention-etat-bpifrance-french-tech-ticket"))));
    }

    private static String headingDate(String folder) throws IOException {
        Heading.Dated d = Heading.date(SignedText.ofText(text(folder)));
        return d == null ? null : d.date();
    }

    @Test
    void theActsDateInItsHeadingNotTheJournalsNorTheParents() throws IOException {
        assertEquals("2023-11-24", headingDate("jorf-2024-delegation-mildeca-dga"));
        assertEquals("2015-11-25", headingDate("jorf-2015-delegation-dgscgc-dga"));
        assertEquals("2016-01-08", headingDate("bo-education-2016-daj-csp-sdlac"));
        assertEquals("2018-10-09", headingDate("bo-armees-2018-ogzds-sud-sud-est"));
        assertEquals("2019-12-23", headingDate("jorf-2019-avenant-1-etat-cdc-fonds-innovation"));
        // « … portant avenant n° 1 à la convention du 2 juillet 2018 »: the avenant's date, not its parent's.
        assertEquals("2019-09-06", headingDate("jorf-2019-convention-avenant-1-french-tech-ticket"));
        // « CONVENTION du » with no date: unknown, not the journal's 5 novembre 2014.
        assertNull(headingDate("jorf-2014-convention-dggn-dga"));
    }

    @Test
    void representativesStopBeforeTheRoleClause() throws IOException {
        assertEquals(new Parties.Representative("Marine LE BEUX", "directrice administrative et financière", false),
                rep("jorf-2024-delegation-mildeca-dga", "MILDECA"));
        assertEquals(new Parties.Representative("Guilhem REBOUL", "directeur des opérations", false),
                rep("jorf-2024-delegation-mildeca-dga", "REBOUL"));
        assertEquals(new Parties.Representative("Christian BODIN", "président-directeur général", false),
                rep("jorf-2023-convention-fonds-deep-tech", "L'EPIC Bpifrance"));
        assertEquals(new Parties.Representative("Christian Bodin", "président-directeur général", false),
                rep("jorf-2019-avenant-1-etat-bpifrance-satt", "Christian Bodin"));
        assertEquals(new Parties.Representative(null, "directeur des soutiens et des finances", false),
                rep("jorf-2014-convention-dggn-dga", "direction des soutiens"));
        assertEquals(new Parties.Representative("Michel BRAZIER", "président", false),
                rep("local-upjv-lycee-thuillier-partenariat", "BRAZIER"));
        assertEquals(new Parties.Representative("Eric Allain", "Directeur général", false),
                rep("operator-franceagrimer-convention-2i2a", "FranceAgriMer"));
        // Several members of the Government: no one representative.
        assertNull(rep("jorf-2018-convention-etat-bpifrance-french-tech-ticket", "secrétaire d'Etat chargé du numérique"));
        // A name masked in the published copy stays unknown; the function is kept.
        assertEquals(new Parties.Representative(null, "Directeur interministériel du numérique", true),
                rep("lawinsider-dgitm-dinum-delegation", "Directeur interministériel"));
    }

    @Test
    void partiesFromEntreEtDUnePartDAutrePartAndCoDelegataires() throws IOException {
        List<Parties.Written> mildeca = Parties.read(SignedText.ofText(text("jorf-2024-delegation-mildeca-dga")));
        assertEquals(5, mildeca.size());
        assertTrue(mildeca.get(0).name.endsWith("(MILDECA)"), mildeca.get(0).name);
        assertEquals(List.of("délégant", "délégataire", "délégataire", "délégataire", "délégataire"),
                mildeca.stream().map(p -> p.role).toList());
        assertEquals("Laurent LEDIEU", mildeca.get(4).representative.name());

        // Everything on one line: « …, désigné sous le terme de « délégant », d'une part, et la direction … ».
        List<Parties.Written> dgddi = Parties.read(SignedText.ofText(text("bo-armees-2013-dgddi-dga")));
        assertEquals(List.of("délégant", "délégataire"), dgddi.stream().map(p -> p.role).toList());
        assertEquals("sous-directrice de la programmation, du budget et des moyens", dgddi.get(0).representative.title());

        // « Désignés sous le terme « codélégataires », d'autre part »: the group's role for each of its parties.
        List<Parties.Written> dgscgc = Parties.read(SignedText.ofText(text("jorf-2015-delegation-dgscgc-dga")));
        assertEquals(List.of("délégant", "délégataire", "délégataire"), dgscgc.stream().map(p -> p.role).toList());

        // « De première part », « de deuxième part », « et ci-après dénommée le « Gestionnaire … » »: four parties.
        List<Parties.Written> satt = Parties.read(SignedText.ofText(text("jorf-2018-convention-etat-bpifrance-satt-incubateurs")));
        assertEquals(List.of("Etat", "EPIC Bpifrance", "Bpifrance Financement SA", "Bpifrance Investissement"),
                satt.stream().map(p -> p.name).toList());

        // A model whose whole head is one line; its blank page furniture is no party.
        List<Parties.Written> fam = Parties.read(SignedText.ofText(text("operator-franceagrimer-convention-2i2a")));
        assertEquals(2, fam.size());
        assertEquals("bénéficiaire", fam.get(1).role);
        // No « Entre » block (the head stops in the visas): no party at all, rather than headings made parties.
        assertEquals(List.of(), Parties.read(SignedText.ofText(text("local-2015-subvention-cen-isere"))));
    }

    @Test
    void datesInEveryFormActsUse() throws IOException {
        Matcher d = FrenchText.DAY_DATE.matcher(line("bo-education-2016-daj-csp-sdlac", "délégation du"));
        assertTrue(d.find());
        assertEquals("2016-01-08", FrenchText.date(d));
        Matcher w = FrenchText.WORD_DATE.matcher("Fait à Paris, le quinze juillet deux mille vingt-quatre");
        assertTrue(w.find());
        assertEquals("2024-07-15", FrenchText.wordDate(w));
        w = FrenchText.WORD_DATE.matcher("le premier mars deux mil vingt");
        assertTrue(w.find());
        assertEquals("2020-03-01", FrenchText.wordDate(w));
        w = FrenchText.WORD_DATE.matcher("le trente février deux mille vingt");
        assertTrue(w.find());
        assertNull(FrenchText.wordDate(w));
    }
}
