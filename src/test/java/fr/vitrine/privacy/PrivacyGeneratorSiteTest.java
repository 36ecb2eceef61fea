package fr.vitrine.privacy;

import fr.vitrine.testing.Pdfs;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated bank accounts ({@link AccountVariants}: computed check digits, every way of writing them) in every kind of
 * published text of the bundled project: none reaches any file of the built site (compressed files read
 * decompressed); near misses are published as written. In the records' data (front matter, organisations, product
 * fields, impact CSV comments) and in a PDF source, where nothing is masked, each is an error at its place and no
 * site is written.
 */
class PrivacyGeneratorSiteTest {

    static final String SECONDE = PrivacySiteTest.SECONDE;
    static final String PAGE = "content/pages/a-propos.md";
    static final String PRODUCT = "data/products/urbanvitaliz.md";
    static final String CSV = "data/stats/statistiques_impact_urbanvitaliz.csv";

    @TempDir
    Path dir;

    @Test
    void noGeneratedAccountReachesAnyFileOfTheSiteAndNearMissesArePublishedAsWritten() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Random random = new Random(2026);
        List<AccountVariants.Account> accounts = List.of(AccountVariants.french(random, false),
                AccountVariants.german(random, false), AccountVariants.french(random, false));
        // Each writing goes to one of the four kinds of masked text in turn: a convention's body, its source text, a
        // page, a product's description.
        List<String> files = List.of(SECONDE, PrivacySiteTest.SOURCE, PAGE, PRODUCT);
        List<StringBuilder> texts = files.stream().map(f -> new StringBuilder("\n\n")).toList();
        int n = 0;
        for (AccountVariants.Account a : accounts) {
            for (String writing : AccountVariants.writings(a)) {
                texts.get(n++ % files.size()).append("Compte n° ").append(n).append(" :\n\n").append(writing)
                        .append("\n\nFin du compte.\n\n");
            }
        }
        List<String> nearMisses = new ArrayList<>();
        for (boolean french : new boolean[] {true, false}) {
            AccountVariants.Account miss = french ? AccountVariants.french(random, true) : AccountVariants.german(random, true);
            nearMisses.add(String.join(" ", miss.ibanGroups()));
            if (french) {
                nearMisses.add(String.join(" ", miss.rib()));
            }
        }
        nearMisses.forEach(m -> texts.get(0).append("Presque un compte : ").append(m).append("\n\n"));
        for (int i = 0; i < files.size(); i++) {
            project.write(files.get(i), project.read(files.get(i)) + texts.get(i));
        }
        project.replace(SECONDE, PrivacySiteTest.DECISION, "privacy: {rib: redact, iban: redact}\n");

        Path output = dir.resolve("site");
        TestProject.Run run = project.build(output);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(n > 3000, "writings: " + n);

        assertEquals(List.of(), leaks(output, accounts));
        // The masks are where the numbers were, in each kind of published text.
        Path page = output.resolve("conventions/urbanvitaliz-seconde-convention");
        for (Path copy : List.of(page.resolve("index.html"), page.resolve("urbanvitaliz-seconde-convention.md"),
                page.resolve("convention-partenariat-cerema-dinum-urbanvitaliz.txt"), output.resolve("a-propos/index.html"),
                output.resolve("produits/urbanvitaliz/index.html"))) {
            if (Files.exists(copy)) {
                assertTrue(Files.readString(copy).contains("coordonnées bancaires masquées"), copy.toString());
            }
        }
        String markdown = Files.readString(page.resolve("urbanvitaliz-seconde-convention.md"));
        for (String miss : nearMisses) {
            assertTrue(markdown.contains("Presque un compte : " + miss + "\n"), miss + " is published as written");
        }
    }

    /** The texts of a file of the site: itself, or what it holds when it is compressed (gzip, zip, xlsx). */
    private static List<String> texts(String name, byte[] bytes) throws IOException {
        if (bytes.length > 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return texts(name, in.readAllBytes());
            }
        }
        if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            List<String> out = new ArrayList<>();
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
                for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                    out.addAll(texts(e.getName(), zip.readAllBytes()));
                }
            }
            assertFalse(out.isEmpty(), name + " holds files");
            return out;
        }
        return List.of(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void inTheRecordsDataAndInAPdfEachAccountIsAnErrorAtItsPlaceAndNoSiteIsWritten() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Random random = new Random(33);
        // Writings that fit on one line of a YAML or CSV value.
        List<String> writings = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AccountVariants.Account a = i == 0 ? AccountVariants.french(random, false) : AccountVariants.german(random, false);
            AccountVariants.writings(a).stream().filter(w -> w.chars().noneMatch(c -> c == '\n' || c == '\u2028'
                    || c == '\t' || c == '|' || c == '"' || c == '\uFEFF')).forEach(writings::add);
        }
        List<String> places = new ArrayList<>();
        int[] next = {0};
        java.util.function.Supplier<String> writing = () -> writings.get(next[0]++ * 37 % writings.size());
        String title = "Convention de partenariat entre le Cerema et la DINUM pour UrbanVitaliz / Reco-co";
        places.add(SECONDE + ":" + project.replace(SECONDE, "title: " + title, "title: " + yaml(writing.get() + " " + title)));
        // Raw in a folded block: every character is text there.
        places.add(SECONDE + ":" + project.replace(SECONDE, "  Seconde convention entre",
                "  " + writings.get(next[0]++ * 37 % writings.size()) + " Seconde convention entre"));
        places.add(SECONDE + ":" + project.replace(SECONDE, "name: Pascal Berteaud", "name: " + yaml(writing.get())));
        String note = "en un versement dès signature de la convention par les parties (article 5.2)";
        places.add(SECONDE + ":" + project.replace(SECONDE, "note: " + note, "note: " + yaml(writing.get() + " " + note)));
        String obligation = "La présente convention sera publiée par la DINUM sur data.gouv.fr.";
        places.add(SECONDE + ":" + project.replace(SECONDE, "text: " + obligation,
                "text: " + yaml(writing.get() + " " + obligation)));
        places.add("data/organisations.yml:" + project.replace("data/organisations.yml",
                "address: 20 avenue de Ségur – TSA 30 719 75 334 PARIS Cedex 07", "address: " + yaml(writing.get())));
        places.add(PRODUCT + ":" + project.replace(PRODUCT, "mission: Accompagner les territoires dans la réhabilitation "
                + "de friches", "mission: " + yaml(writing.get())));
        List<String> rows = Files.readAllLines(project.file(CSV));
        String row = rows.get(1);
        String comment = writings.get(next[0]++ * 37 % writings.size());
        project.write(CSV, String.join("\n", rows) + "\n" + row.substring(0, row.lastIndexOf(",\"") + 1) + "\""
                + comment + "\"\n");
        places.add(CSV + ":" + (rows.size() + 1));
        // Any other cell of a row is published too (the datasets, the /stats pages): here its source.
        String source = "Préambule de la convention de partenariat entre le Cerema et la DINUM (seconde convention)";
        project.write(CSV, project.read(CSV) + row.replace(source, "\"" + writing.get() + " " + source + "\"") + "\n");
        places.add(CSV + ":" + (rows.size() + 2));
        // A PDF source: an IBAN over two pages, a RIB as a table's row.
        AccountVariants.Account a = AccountVariants.french(random, false);
        List<String> iban = a.ibanGroups();
        Pdfs.write(project.file("content/sources/seconde.pdf"), List.of(
                List.of("Convention de partenariat", "Article 5.3 : versement sur le compte", String.join(" ", iban.subList(0, 3))),
                List.of(String.join("-", iban.subList(3, iban.size())), "Banque Guichet Compte Cle",
                        String.join(" ", a.rib()))));
        project.replace(SECONDE, "text: sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt", "text: sources/seconde.pdf");

        Path output = dir.resolve("site");
        TestProject.Run run = project.build(output);
        assertEquals(1, run.exitCode(), run.err());
        assertFalse(Files.exists(output), "no site is written");
        List<String> errors = run.diagnostics().stream().filter(l -> l.contains(": error: ")).toList();
        for (String place : places) {
            String file = project.file(place.substring(0, place.lastIndexOf(':'))).toString();
            String line = place.substring(place.lastIndexOf(':') + 1);
            assertTrue(errors.stream().anyMatch(e -> e.startsWith(file + ":" + line + ":")
                    && (e.contains("IBAN") || e.contains("RIB"))), place + " in " + errors);
        }
        String pdf = project.file("content/sources/seconde.pdf") + ":1:1: error: page ";
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(pdf + "1, line 3: IBAN")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(pdf + "2, line 3: bank account (RIB)")), errors.toString());
    }

    @Test
    void inBetaGouvFilesEveryAccountIsMaskedInEveryPublishedFieldAndNearMissesArePublishedAsWritten() throws IOException {
        TestProject project = TestProject.copyOfRepository(dir);
        Random random = new Random(2027);
        List<AccountVariants.Account> accounts = List.of(AccountVariants.french(random, false),
                AccountVariants.german(random, false));
        List<String> writings = new ArrayList<>();
        List<String> oneLine = new ArrayList<>();
        for (AccountVariants.Account a : accounts) {
            for (String w : AccountVariants.writings(a)) {
                writings.add(w);
                if (w.chars().noneMatch(c -> c == '\n' || c == '\u2028' || c == '\t' || c == '|' || c == '"'
                        || c == '\uFEFF' || c == '\\')) {
                    oneLine.add(w);
                }
            }
        }
        int[] next = {0};
        java.util.function.Supplier<String> value = () -> yaml(oneLine.get(next[0]++ * 53 % oneLine.size()));
        StringBuilder body = new StringBuilder("Le produit en bref.\n\n");
        for (int i = 0; i < writings.size(); i += 3) {
            body.append("Compte : ").append(writings.get(i)).append("\n\nFin.\n\n");
        }
        AccountVariants.Account miss = AccountVariants.french(random, true);
        String nearMiss = String.join(" ", miss.ibanGroups());
        body.append("Presque un compte : ").append(nearMiss).append("\n");
        Path beta = dir.resolve("beta.gouv.fr/content");
        write(beta.resolve("_startups/compte-prive.md"), "---\ntitle: " + value.get() + "\nmission: " + value.get()
                + "\nsponsors:\n  - /organisations/orga-privee\nincubator: incub-prive\nphases:\n  - name: construction\n"
                + "    start: 2022-01-03\nevents:\n  - name: product_launch\n    date: 2023-02-01\n    comment: "
                + value.get() + "\nlink: https://exemple.fr/\ncontact: " + value.get() + "\n---\n" + body);
        write(beta.resolve("_organisations/orga-privee.md"), "---\nname: " + value.get() + "\nacronym: " + value.get()
                + "\ntype: administration-centrale\n---\n");
        write(beta.resolve("_incubators/incub-prive.md"), "---\ntitle: " + value.get() + "\nowner: /organisations/orga-privee"
                + "\naddress: " + value.get() + "\nshort_description: " + value.get() + "\n---\n" + writings.get(1) + "\n");
        write(beta.resolve("_fasts/01-fast.md"), "---\ntitle: " + yaml("FAST 1 " + oneLine.get(7)) + "\npromotion: 1\n---\n");
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.startups=" + beta.resolve("_startups")
                + "\nvitrine.betagouv.organisations=" + beta.resolve("_organisations") + "\n");

        Path output = dir.resolve("site");
        TestProject.Run run = project.build(output);
        assertEquals(0, run.exitCode(), run.err());
        List<String> leaks = leaks(output, accounts);
        assertEquals(List.of(), leaks);
        String masked = beta.resolve("_startups/compte-prive.md") + ":";
        assertTrue(run.diagnostics().stream().anyMatch(l -> l.startsWith(masked) && l.contains("beta.gouv.fr's file: "
                + "masked as « [coordonnées bancaires masquées] »")), run.err());
        String page = Files.readString(output.resolve("produits/compte-prive/index.html")).replace('\u202F', ' ');
        assertTrue(page.contains("coordonnées bancaires masquées"), "the mark on the product page");
        assertTrue(page.contains("Presque un compte : " + nearMiss), "a near miss is published as written");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    /** Every file of the site (compressed ones decompressed) that still shows one of the accounts. */
    private static List<String> leaks(Path output, List<AccountVariants.Account> accounts) throws IOException {
        List<String> leaks = new ArrayList<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(output)) {
            all = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : all) {
            for (String text : texts(f.getFileName().toString(), Files.readAllBytes(f))) {
                String compact = AccountVariants.compact(text);
                for (AccountVariants.Account a : accounts) {
                    if (compact.contains(a.core())) {
                        leaks.add(output.relativize(f) + " shows " + a.iban());
                    }
                }
            }
        }
        assertTrue(all.size() > 50, "files: " + all.size());
        return leaks;
    }

    /** A YAML double-quoted scalar. */
    private static String yaml(String value) {
        return "\"" + value.replace("\\", "\\\\") + "\"";
    }
}
