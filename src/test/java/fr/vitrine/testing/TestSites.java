package fr.vitrine.testing;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Test inputs added to a copy of the bundled project so that every kind of page and file exists: a product with three
 * years of daily and monthly metrics (charts), a subsidy exported in SCDL format, and a product read from a
 * beta.gouv.fr folder. Fixtures, not real data.
 */
public final class TestSites {

    public static final String HEADER = "administration_rattachement,nom_service_public_numerique,indicateur,valeur,"
            + "unite_mesure,est_cible,type_indicateur,frequence_monitoring,date,est_periode,date_debut,est_automatise,"
            + "source_collecte,denom_insee,code_insee,dataviz_wish,commentaires\n";
    public static final LocalDate FIRST = LocalDate.of(2022, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2024, 12, 31);
    /** A SIRET whose Luhn key is valid, for the SCDL fixture. */
    public static final String SIRET = "13002526500013";
    /** A SIRET valid on both keys (SIREN's and SIRET's) for the beneficiary (SCDL requires idBeneficiaire or rnaBeneficiaire). */
    public static final String BENEFICIARY_SIRET = "13001831000016";

    public static final String SUBSIDY_FILE = "content/conventions/cerema-dinum-subvention-essai.md";
    public static final String SUBSIDY = """
            ---
            # Test fixture: a subsidy from the Cerema to the DINUM.
            id: cerema-dinum-subvention-essai
            title: Subvention du Cerema à la DINUM pour UrbanVitaliz (essai)
            kind: subvention
            signed: 2023-03-15
            effective: signature
            ends: 2023-12-31
            summary: Subvention d'essai du Cerema à la DINUM pour le déploiement d'UrbanVitaliz en 2023.
            parties:
              - org: cerema
                role: attribuant
              - org: dinum
                role: bénéficiaire
            products: [urbanvitaliz]
            total: 120000
            funding:
              - from: cerema
                to: dinum
                amount: 120000
                tax: unknown
                credits: unknown
                year: 2023
                schedule:
                  - when: 2023-04-01
                    amount: 60000
                  - when: 2023-09
                    amount: 60000
            subsidy:
              notification_ue: false
              pourcentage: 1
              reference_decision: D-2023-017
            obligations: []
            source:
              text: unknown
              pdf: unknown
              data_gouv: unknown
            ---
            Texte d'essai.
            """;

    private TestSites() {
    }

    /** Value of the synthetic daily stock indicator on a given day. */
    public static long stock(LocalDate d) {
        return 100 + 3 * (d.toEpochDay() - FIRST.toEpochDay());
    }

    /** Value of the synthetic daily period indicator on a given day (varies with the day of month). */
    public static long daily(LocalDate d) {
        return 5 + d.getDayOfMonth() % 7;
    }

    /** Adds "Service synthétique" and its metrics: daily and monthly rows over three years, targets, a dataviz wish. */
    public static void addSyntheticProduct(TestProject project) {
        project.write("data/products/synthetique.md", "---\ntitle: Service synthétique\nmission: Produit de test\n---\n");
        project.write("data/stats/synthetique.csv", syntheticCsv());
    }

    /** Adds a subsidy convention and the attribuant's SIRET, so that subventions.csv is written. */
    public static void addSubsidy(TestProject project) {
        project.write(SUBSIDY_FILE, SUBSIDY);
        project.write("jbake.properties", project.read("jbake.properties") + "\nvitrine.siret.cerema=" + SIRET
                + "\nvitrine.siret.dinum=" + BENEFICIARY_SIRET + "\n");
    }

    /**
     * A copy of the bundled project with every kind of page and file: synthetic metrics, a subsidy, beta.gouv.fr
     * files, listings in pages.
     */
    public static TestProject everyPageType(Path dir) {
        TestProject project = TestProject.copyOfRepository(dir);
        addSyntheticProduct(project);
        addSubsidy(project);
        Trees.copy(TestProject.REPO.resolve("src/test/resources/betagouv"), dir.resolve("beta.gouv.fr/content"));
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.betagouv.startups=../beta.gouv.fr/content/_startups"
                + "\nvitrine.betagouv.organisations=../beta.gouv.fr/content/_organisations"
                // Listings of three rows, so that the listing is in pages too.
                + "\nvitrine.listing.size=3\n");
        return project;
    }

    /** Prints the synthetic metrics (for docs/screenshots.sh): {@code java -cp target/test-classes fr.vitrine.testing.TestSites}. */
    public static void main(String[] args) {
        System.out.print(syntheticCsv());
    }

    public static String syntheticCsv() {
        StringBuilder sb = new StringBuilder(HEADER);
        String prefix = "DINUM,Service synthétique,";
        for (LocalDate d = FIRST; !d.isAfter(LAST); d = d.plusDays(1)) {
            sb.append(prefix).append("Comptes créés,").append(stock(d))
                    .append(",unité,false,usage,quotidienne,").append(d).append(",false,,true,script,,,,\n");
            sb.append(prefix).append("Démarches par jour,").append(daily(d))
                    .append(",unité,false,usage,quotidienne,").append(d).append(",true,").append(d).append(",true,script,,,,\n");
        }
        for (YearMonth m = YearMonth.from(FIRST); !m.isAfter(YearMonth.from(LAST)); m = m.plusMonths(1)) {
            int i = m.getMonthValue() + 12 * (m.getYear() - 2022);
            sb.append(prefix).append("Dossiers traités dans le mois,").append(10 * i)
                    .append(",unité,false,impact,mensuelle,").append(m.atEndOfMonth()).append(",true,")
                    .append(m.atDay(1)).append(",true,script,,,,\n");
            sb.append(prefix).append("Taux de satisfaction,").append(BigDecimal.valueOf(40 + i * 1.25).stripTrailingZeros().toPlainString())
                    .append(",%,false,impact,mensuelle,").append(m.atEndOfMonth()).append(",false,,false,enquête,,,,\n");
        }
        sb.append(prefix).append("Taux de satisfaction,50,%,true,impact,mensuelle,2023-12-31,false,,false,enquête,,,,\n");
        sb.append(prefix).append("Taux de satisfaction,90,%,true,impact,mensuelle,2025-06-30,false,,false,enquête,,,,\n");
        sb.append(prefix).append("Comptes créés (barres demandées),7,unité,false,usage,mensuelle,2024-01-31,false,,true,script,,,barchart,\n");
        sb.append(prefix).append("Comptes créés (barres demandées),9,unité,false,usage,mensuelle,2024-02-29,false,,true,script,,,barchart,\n");
        return sb.toString();
    }
}
