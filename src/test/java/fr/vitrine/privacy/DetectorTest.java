package fr.vitrine.privacy;

import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detectors on valid numbers and near misses (one digit or the key changed: not reported). */
class DetectorTest {

    private static List<Kind> kinds(String text) {
        return Detector.scan(text).stream().map(Detector.Finding::kind).toList();
    }

    private static void found(Kind kind, String text, String value) {
        List<Detector.Finding> all = Detector.scan(text);
        assertEquals(1, all.size(), text + " → " + all);
        Detector.Finding f = all.get(0);
        assertEquals(kind, f.kind(), text);
        assertEquals(value, text.substring(f.start(), f.end()), text);
    }

    private static void none(String text) {
        assertEquals(List.of(), kinds(text), text);
    }

    @Test
    void ibanWithTheRightKeyOnly() {
        // The IBANs of the two accounts of the UrbanVitaliz convention (computed from their RIB).
        found(Kind.IBAN, "IBAN : FR76 3000 1000 6400 0000 9244 140 BIC : BDFEFRPPCCT", "FR76 3000 1000 6400 0000 9244 140");
        found(Kind.IBAN, "IBAN FR7610071690000000100488750.", "FR7610071690000000100488750");
        found(Kind.IBAN, "DE89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 00");
        none("IBAN : FR77 3000 1000 6400 0000 9244 140");        // wrong check digits
        none("IBAN : FR76 3000 1000 6400 0000 9244 141");        // one digit changed
        none("FR76 3000 1000 6400 0000 9244 14");                // too short for France
        assertTrue(Detector.ibanValid("GB82WEST12345698765432"));
        assertFalse(Detector.ibanValid("GB82WEST12345698765433"));
    }

    @Test
    void ribBlocksAsTheConventionWritesThem() {
        String block = "Code Banque : 30001 Code Guichet : 00064 N°Compte : 00000092441 Clé RIB : 40";
        found(Kind.RIB, "Titulaire : SCBCM Domiciliation : DGO " + block, block);
        // The key on a later line, after a stray separator, as in content/sources/.
        String split = "Code Banque : 10071 Code Guichet : 69000 N°Compte : 00001004887\n--\n\nClé RIB : 50";
        found(Kind.RIB, "Titulaire : Cerema " + split + "\n\n5.6 Compte-rendu", split);
        found(Kind.RIB, "RIB : 30001 00064 00000092441 40", "30001 00064 00000092441 40");
        none("Code Banque : 30001 Code Guichet : 00064 N°Compte : 00000092441 Clé RIB : 41");
        none("Code Banque : 30001 Code Guichet : 00064 N°Compte : 00000092442 Clé RIB : 40");
        none("30001 00064 00000092441 39");
        // Letters of an account number count as digits (A,J → 1; B,K,S → 2 …).
        assertTrue(Detector.ribValid("30002", "00550", "0000157845Z", "02"));
        assertFalse(Detector.ribValid("30002", "00550", "0000157845Z", "03"));
    }

    @Test
    void socialSecurityNumbersWithTheirKeyIncludingCorsica() {
        found(Kind.NIR, "NIR : 1 85 05 78 006 084 91", "1 85 05 78 006 084 91");
        found(Kind.NIR, "n° 185057800608491.", "185057800608491");
        found(Kind.NIR, "1 78 05 2A 012 345 34", "1 78 05 2A 012 345 34");
        found(Kind.NIR, "2 92 02 2B 056 789 35", "2 92 02 2B 056 789 35");
        none("1 85 05 78 006 084 92");
        none("1 78 05 2A 012 345 35");
        none("1 85 15 78 006 084 91");                           // month 15 does not exist
    }

    @Test
    void cardNumbersByLuhnAndIssuer() {
        found(Kind.CARD, "carte 4111 1111 1111 1111 exp 12/27", "4111 1111 1111 1111");
        found(Kind.CARD, "5555-5555-5555-4444", "5555-5555-5555-4444");
        found(Kind.CARD, "Amex 3782 822463 10005", "3782 822463 10005");
        none("carte 4111 1111 1111 1112");
        // A SIRET is 14 digits with a Luhn key too: not a card.
        none("SIRET : 13002526500013");
        none("SIRET 130 025 265 00013");
        // Chorus codes and amounts are not cards.
        none("Activité : 020401011519, centre de coût SOCSA01075, 1 650 000 €");
    }

    @Test
    void personalEmailsButNotFunctionAddresses() {
        found(Kind.EMAIL, "écrire à jeanne.martin@cerema.fr pour", "jeanne.martin@cerema.fr");
        none("écrire à contact@urbanvitaliz.fr ou à secretariat.dgs@sante.gouv.fr");
        none("contact-urbanvitaliz@beta.gouv.fr, dpo@numerique.gouv.fr");
        found(Kind.EMAIL, "Sebastien.MICHEL@developpement-durable.gouv.fr", "Sebastien.MICHEL@developpement-durable.gouv.fr");
        // One word is most often a product's or a service's mailbox (seen on beta.gouv.fr's product files).
        none("rdv-insertion@beta.gouv.fr, avril@fabrique.social.gouv.fr, pass@culture.gouv.fr");
        assertTrue(Detector.functionMailbox("Secrétariat"));
        assertFalse(Detector.functionMailbox("stephanie.schaer"));
    }

    @Test
    void phonesOfPersonsButNotAServiceLine() {
        found(Kind.PHONE, "joignable au 06 12 34 56 78.", "06 12 34 56 78");
        found(Kind.PHONE, "tél. +33 (0)1 23 45 67 89", "+33 (0)1 23 45 67 89");
        none("Standard : 01 40 15 80 00");
        none("TSA 30 719 75 334 PARIS Cedex 07");
        none("Domaine fonctionnel : 0204-15-02, programme 0181");
    }

    @Test
    void addressesOnlyWhenIntroducedAsSomeonesHome() {
        found(Kind.ADDRESS, "M. Jean Dupont, demeurant 12 rue des Lilas, 69003 Lyon, ci-après",
                "12 rue des Lilas, 69003 Lyon");
        none("Adresse : 20 avenue de Ségur – TSA 30 719 75 334 PARIS Cedex 07");
        none("Domiciliation : TPLYON, DGFIP du Rhône, 3 rue de la Charité, 69268 Lyon Cedex 2");
        // Found at any place of a long text, in any case, and after a letter whose lower case is longer (« İ »).
        String far = "Les habitants du quartier. ".repeat(2000);
        found(Kind.ADDRESS, far + "Mme Durand, DEMEURANT 4 bis, avenue Foch, 75016 Paris.", "4 bis, avenue Foch, 75016 Paris");
        found(Kind.ADDRESS, "İstanbul ; M. Kaya, résidant au 3 place d'Armes, 59000 Lille.", "3 place d'Armes, 59000 Lille");
    }

    @Test
    void theSeedTextsHoldTwoBankAccountsAndNothingElse() throws IOException {
        String urbanvitaliz = Files.readString(TestProject.REPO.resolve(
                "content/sources/convention-partenariat-cerema-dinum-urbanvitaliz.txt"));
        assertEquals(List.of(Kind.RIB, Kind.RIB), kinds(urbanvitaliz));
        String ecosante = Files.readString(TestProject.REPO.resolve(
                "content/sources/convention-delegation-dgpr-dgs-dinum-ecosante.txt"));
        assertEquals(List.of(), kinds(ecosante));
    }
}
