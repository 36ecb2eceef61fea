package fr.vitrine.privacy;

import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector's scans merged into one pass (issue 30) find exactly what they found before: every finding, kind,
 * span and detail, compared with {@link DetectorBefore} on hostile texts built from the pieces each scan looks for
 * (numbers split by separators, invisible characters and markup, every way of writing an @, home addresses in any
 * case), and on every Markdown file of the repository and of the beta.gouv.fr corpus.
 */
class DetectorEquivalenceTest {

    /** Pieces a text is made of: what each scan looks for, what hides or breaks it, and ordinary French text. */
    private static final List<String> PIECES = List.of(
            "IBAN : FR76 3000 1000 6400 0000 9244 140", "FR7610071690000000100488750", "DE89 3704 0044 0532 0130 00",
            "GB82WEST12345698765432", "Code Banque : 30001 Code Guichet : 00064 N°Compte : 00000092441 Clé RIB : 40",
            "| BANQUE | GUICHET | COMPTE | CLÉ |\n| 30001 | 00064 | 00000092441 | 40 |", "30001 00064 00000092441 40",
            "1 85 05 78 006 084 91", "185057800608491", "2 92 02 2B 056 789 35", "4111 1111 1111 1111",
            "5555-5555-5555-4444", "SIRET 732 829 320 00074", "06 12 34 56 78", "+33 6 12 34 56 78", "01 45 67 89 10",
            "+33 (0)1 45 67 89 10", "0033 7 12 34 56 78", "standard : 01 45 67 89 10", "tél. 06.12.34.56.78",
            "jean.dupont@example.fr", "marie_curie@gouv.fr", "contact@beta.gouv.fr", "jean.dupont&#64;example.fr",
            "jean.dupont＠example.fr", "jean.dupont﹫example.fr", "jean.dupont&#x40;example.fr",
            "jean.dupont&commat;example.fr", "[écrire](mailto:paul.martin@example.org)",
            "demeurant 12 rue de la Paix, 75002 Paris", "DOMICILIÉE au 3 bis avenue Foch 69006 Lyon",
            "Résidant : 4, boulevard Voltaire, 13001 Marseille", "habitant 7 impasse des Lilas 33000 Bordeaux",
            "Demeure", "rue", "HD", "ré", "d", "h", "r",
            "\u200B", "\u00AD", "\u0301", "\u2060", "\uFEFF", "\u202F", "\u00A0", "’", "«\u202F", "\u202F»", "é", "Ω",
            "０６ １２ ３４ ５６ ７８", "𝟎𝟔𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", "&#48;&#54;", "**06** 12", "<span>06</span>",
            " ", "  ", "\n", "\n\n", "|", ".", "-", "/", "(", ")", "\t",
            "0", "1", "2", "7", "9", "12", "2024", "1 234 567,89 €", "article 3.2", "le 12/03/2024",
            "La convention est conclue entre l’État et ", "les parties ", "montant ", "A", "Z", "ab", "Banque");

    @Test
    void findsWhatItFoundBeforeOnHostileTexts() {
        Random random = new Random(30);
        for (int t = 0; t < 4000; t++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(t < 2000 ? 12 : 120);
            for (int i = 0; i < pieces; i++) {
                text.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            same(text.toString());
        }
    }

    @Test
    void findsWhatItFoundBeforeInTheRepositorysFiles() throws IOException {
        assertTrue(sameInEveryFile(Path.of("content")) + sameInEveryFile(Path.of("data")) > 10,
                "the repository's content and data hold Markdown and YAML files");
    }

    @Test
    void findsWhatItFoundBeforeInTheBetaGouvCorpus() throws IOException {
        assertTrue(sameInEveryFile(TestProject.betaGouvCorpus("DetectorEquivalenceTest")) > 800, "the corpus holds its 853 files");
    }

    private static int sameInEveryFile(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.walk(root)) {
            files = all.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".md")
                    || p.toString().endsWith(".yml") || p.toString().endsWith(".txt")).toList();
        }
        for (Path file : files) {
            same(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        }
        return files.size();
    }

    /**
     * The characters the number regions take as visible and no digit without asking Character.getType: none of them
     * is invisible (format, non-spacing mark) or, above the Latin letters, a digit, a number or a surrogate.
     */
    @Test
    void theCharactersTakenAsVisibleAndNoDigitAreSo() {
        int taken = 0;
        for (int i = 0x80; i <= 0xFFFF; i++) {
            char c = (char) i;
            if (Detector.visibleNoDigit(c)) {
                taken++;
                int type = Character.getType(c);
                assertTrue(type != Character.FORMAT && type != Character.NON_SPACING_MARK && (c < 0x250
                        || type != Character.DECIMAL_DIGIT_NUMBER && type != Character.OTHER_NUMBER
                        && type != Character.SURROGATE), () -> String.format("U+%04X", (int) c));
                same("01 45 67 89" + c + "10, 30001 00064 00000092441 40" + c + " demeurant" + c + " 3 rue Foch 69006 Lyon");
            }
        }
        assertTrue(taken > 400, "the Latin letters and the general punctuation");
    }

    private static void same(String text) {
        List<String> before = DetectorBefore.scan(text).stream()
                .map(f -> f.kind() + " " + f.start() + "-" + f.end() + " " + f.detail()).toList();
        List<String> now = Detector.scan(text).stream()
                .map(f -> f.kind() + " " + f.start() + "-" + f.end() + " " + f.detail()).toList();
        assertEquals(before, now, () -> "findings differ in: " + text);
    }
}
