package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Money totals: lines of every origin (conventions, product files) in every total, HT and TTC never added silently, a
 * shared line counted once in the programme's totals, « non recensé » where no line is known.
 */
class MoneyTotalsTest {

    static Funding.Line line(int index, String from, String fund, long amount, Funding.Tax tax, Integer year,
                             String product) {
        return new Funding.Line(index, from, "dinum", fund, BigDecimal.valueOf(amount), tax, Funding.Credits.UNKNOWN,
                year, null, null, null, List.of(), product, null);
    }

    static Convention convention(String id, Kind kind, List<String> products, String citedIn, Funding.Line... lines) {
        return new Convention(id, "Acte " + id, kind, null, PartialDate.parse("2021-01-04"), Convention.Effective.UNKNOWN,
                null, null, List.of(), products, null, List.of(lines), List.of(),
                new Convention.Source(null, null, null, citedIn, citedIn == null ? null : "mentionné"), Convention.Subsidy.NONE,
                null, PackedText.of(citedIn == null ? "<p>texte</p>" : ""), List.of(), Path.of(id + ".md"), null);
    }

    static Product product(String id, BigDecimal fast) {
        return new Product(id, id.toUpperCase(), null, List.of(), null, List.of(), List.of(), null, null, null,
                fast == null ? null : new Product.Fast(3, fast), "", List.of(), false, Path.of(id + ".md"));
    }

    static Organisation org(String id) {
        return new Organisation(id, id.toUpperCase(), null, null, null, null, null, null, Path.of("o.yml"));
    }

    static final Catalog CATALOG = new Catalog(List.of(
            // A line shared by two products (the convention does not split its money), TTC.
            convention("shared", Kind.PARTENARIAT, List.of("alpha", "beta"), null,
                    line(0, "cerema", null, 300_000, Funding.Tax.TTC, 2021, null)),
            // Lines of one product, HT and without basis.
            convention("alpha-only", Kind.SUBVENTION, List.of("alpha"), null,
                    line(0, "cerema", null, 100_000, Funding.Tax.HT, 2022, null),
                    line(1, null, Catalog.FAST, 50_000, Funding.Tax.UNKNOWN, null, null)),
            // A record known only from another act's text.
            convention("cited", Kind.UNKNOWN, List.of("beta"), "shared",
                    line(0, "dgs", null, 20_000, Funding.Tax.TTC, 2021, null))),
            List.of(org("cerema"), org("dgs"), org("dinum")),
            List.of(product("alpha", null), product("beta", BigDecimal.valueOf(150_000)), product("gamma", null)),
            List.of(), Map.of(),
            LocalDate.of(2026, 11, 25));

    static String plain(String s) {
        return s.replace('\u202F', ' ');
    }

    @Test
    void basesAreKeptApartAndAMixedTotalSaysSo() {
        MoneyTotals.Sum ttc = MoneyTotals.Sum.ZERO.plus(line(0, "x", null, 300_000, Funding.Tax.TTC, null, null));
        assertFalse(ttc.isMixed());
        assertEquals("300 000 € TTC", plain(ttc.getLabel()));
        MoneyTotals.Sum mixed = ttc.plus(line(1, "x", null, 100_000, Funding.Tax.HT, null, null));
        assertTrue(mixed.isMixed());
        assertEquals("400 000 €, bases mêlées : 100 000 € HT + 300 000 € TTC", plain(mixed.getLabel()));
        MoneyTotals.Sum total = new MoneyTotals(CATALOG).total();
        assertEquals(new BigDecimal("100000"), total.ht());
        assertEquals(new BigDecimal("320000"), total.ttc());
        // Beta's FAST award (its product file, no basis) is one of the programme's lines.
        assertEquals(new BigDecimal("200000"), total.unstated());
        assertEquals("620 000 €, bases mêlées : 100 000 € HT + 320 000 € TTC + 200 000 € HT ou TTC non précisé",
                plain(total.getLabel()));
    }

    @Test
    void aSharedLineCountsOnceInTheProgrammeAndIsMarkedSharedOnEachProduct() {
        MoneyTotals t = new MoneyTotals(CATALOG);
        assertEquals(5, t.lineCount());
        assertEquals(new BigDecimal("620000"), t.total().total());
        List<MoneyTotals.Row> products = t.byProduct();
        MoneyTotals.Row alpha = products.stream().filter(r -> r.label().equals("ALPHA")).findFirst().orElseThrow();
        MoneyTotals.Row beta = products.stream().filter(r -> r.label().equals("BETA")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("450000"), alpha.sum().total());
        assertEquals(new BigDecimal("300000"), alpha.sharedSum().total());
        assertEquals(new BigDecimal("470000"), beta.sum().total());
        assertEquals(new BigDecimal("300000"), beta.sharedSum().total());
        assertTrue(alpha.isShared() && beta.isShared());
        // The product rows overlap (920 000 €); every other breakdown adds up to the programme's total.
        for (List<MoneyTotals.Row> rows : List.of(t.byFunder(), t.byYear(), t.byKind(), t.bySource())) {
            assertEquals(new BigDecimal("620000"), rows.stream().map(r -> r.sum().total())
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            assertEquals(5, rows.stream().mapToInt(MoneyTotals.Row::lines).sum());
        }
    }

    @Test
    void breakdownsNameFundersYearsAndSources() {
        MoneyTotals t = new MoneyTotals(CATALOG);
        assertEquals(List.of("CEREMA", Catalog.FAST, "DGS"), t.byFunder().stream().map(MoneyTotals.Row::label).toList());
        assertEquals(List.of("2021", "2022", "Année non précisée"), t.byYear().stream().map(MoneyTotals.Row::label).toList());
        assertEquals(List.of("Texte de la convention, publié", "Fiche produit beta.gouv.fr (FAST)",
                        "Mentionné dans : Acte shared"), t.bySource().stream().map(MoneyTotals.Row::label).toList());
        assertEquals(List.of("Convention de partenariat", "Convention de subvention", "Sans acte publié : fiche produit",
                        "Type non précisé"),
                t.byKind().stream().map(MoneyTotals.Row::label).toList());
        // The FAST of a convention's line and of a product file are one funder.
        assertEquals(new BigDecimal("200000"), t.byFunder().get(1).sum().total());
    }

    @Test
    void everySelectionSaysWhatItKnowsAndNothingReadsZero() {
        MoneyTotals.Lines beta = CATALOG.fundingOfProduct("beta");
        assertEquals(3, beta.getCount());
        assertEquals("470 000 €", plain(beta.getAmount()));
        assertEquals("conventions et fiche produit : FAST", beta.getOrigins());
        assertEquals(new BigDecimal("150000"), beta.getFromProductFiles().sum().total());
        MoneyTotals.Lines gamma = CATALOG.fundingOfProduct("gamma");
        assertFalse(gamma.isKnown());
        assertEquals("non recensé", gamma.getAmount());
        assertEquals("non recensé", gamma.getLabel());
        assertEquals(List.of("alpha", "beta"), CATALOG.fundedProducts().stream().map(Product::id).toList());
        assertEquals("non recensé", CATALOG.fundingGivenBy("dinum").getLabel());
        assertEquals("400 000 €, bases mêlées : 100 000 € HT + 300 000 € TTC",
                plain(CATALOG.fundingGivenBy("cerema").getLabel()));
        assertEquals(4, CATALOG.fundingReceivedBy("dinum").getCount(), "the convention lines, not the FAST award");
        assertEquals(CATALOG.total(), CATALOG.funding().sum().total());
    }
}
