package fr.vitrine.privacy;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where each finding of a text is reported, and what the published text keeps. */
class PrivacyCheckTest {

    @Test
    void eachFindingIsReportedAtItsLineAndColumnAndMaskedInPlace() {
        String text = "Article 1\n"
                + "Écrire à jean.dupont@exemple.fr ou au 06 12 34 56 78.\n"
                + "\n"
                + "IBAN : FR76 3000 1000 6400 0000 9244 140 et\nIBAN FR7610071690000000100488750.\n";
        Diagnostics diagnostics = new Diagnostics();

        String published = PrivacyCheck.report(Path.of("c.md"), text, 10, PrivacyCheck.Where.TEXT, Policy.defaults(),
                diagnostics);

        // The text starts at line 10 of its file: line 2 of the text is line 11.
        assertEquals(List.of("11:10 WARNING personal e-mail address", "11:39 WARNING phone number",
                        "13:8 WARNING IBAN", "14:6 WARNING IBAN"),
                diagnostics.all().stream().map(PrivacyCheckTest::where).toList());
        assertEquals("Article 1\n"
                + "Écrire à jean.dupont@exemple.fr ou au 06 12 34 56 78.\n"
                + "\n"
                + "IBAN : [coordonnées bancaires masquées] et\nIBAN [coordonnées bancaires masquées].\n", published);
    }

    private static String where(Diagnostic d) {
        return d.line() + ":" + d.column() + " " + d.severity() + " " + d.message().substring(0, d.message().indexOf(" ("));
    }
}
