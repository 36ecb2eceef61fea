package fr.vitrine.privacy;

import fr.vitrine.diagnostics.Diagnostics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated bank accounts (computed check digits) in every way of writing them ({@link AccountVariants}): each is
 * masked in the published text, the words around it kept; the same with a wrong check digit is left as written.
 */
class NormalisedDetectionTest {

    private static final String MARK = Kind.IBAN.mark;

    private static String publish(String text) {
        return PrivacyCheck.report(Path.of("c.md"), text, 1, PrivacyCheck.Where.TEXT, Policy.defaults(), new Diagnostics());
    }

    @Test
    void everyWritingOfAValidAccountIsMaskedAndEveryNearMissIsLeftAsWritten() {
        Random random = new Random(33);
        List<String> leaks = new ArrayList<>();
        List<String> masked = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < 4; i++) {
            for (boolean nearMiss : new boolean[] {false, true}) {
                AccountVariants.Account a = i % 2 == 0 ? AccountVariants.french(random, nearMiss)
                        : AccountVariants.german(random, nearMiss);
                for (String writing : AccountVariants.writings(a)) {
                    String text = "Versement sur le compte suivant :\n\n" + writing + "\n\navant le 15 mars 2025.\n";
                    String published = publish(text);
                    count++;
                    if (!nearMiss && (AccountVariants.shows(published, a) || !published.contains(MARK)
                            || !published.contains("avant le 15 mars 2025"))) {
                        leaks.add(a.iban() + " written " + escape(writing) + " published " + escape(published));
                    } else if (nearMiss && !published.equals(text)) {
                        masked.add(a.iban() + " written " + escape(writing) + " published " + escape(published));
                    }
                }
            }
        }
        assertTrue(count > 8000, "writings: " + count);
        assertEquals(List.of(), leaks.subList(0, Math.min(3, leaks.size())), leaks.size() + " valid accounts published");
        assertEquals(List.of(), masked.subList(0, Math.min(3, masked.size())), masked.size() + " near misses masked");
    }

    @Test
    void amountsDatesSiretsAndPhoneListsAreNotNumbersToMask() {
        for (String text : List.of(
                "Montant : 1 234 567,89 € (un million…) versé les 01/02/2024, 15.03.2025 et 2026-04-30.",
                "SIRET : 130 025 265 00013 ; SIREN 130025265 ; | 2024 | 12 500 | 15 000 | 17 500 | 20 000 |",
                "de 2024 à 2027, de 12 000 € à 15 000 €, soit 45 000 € au total (article 12.3.4)",
                "| Année | 2021 | 2022 | 2023 | 2024 |\n|---|---|---|---|---|\n| Usagers | 12345 | 23456 | 34567 | 45678 |",
                "Tél. standard : 01 23 45 67 89 ; 03/2025 : 1000 visites")) {
            assertEquals(List.of(), Detector.scan(text).stream().filter(f -> f.kind() != Kind.PHONE).toList(), text);
        }
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= ' ' && c < 127 ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return out.toString();
    }
}
