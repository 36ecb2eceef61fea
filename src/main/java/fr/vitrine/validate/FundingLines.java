package fr.vitrine.validate;

import fr.vitrine.model.Funding;
import fr.vitrine.model.PartialDate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.vitrine.validate.References.notPublished;
import static fr.vitrine.validate.References.unknownRef;

/**
 * A convention's funding lines: who pays whom, how much, on which credits, imputed where, and the schedule, whose
 * installments must add up to the line's amount.
 */
final class FundingLines {

    private static final List<String> LINE_FIELDS = List.of("from", "to", "fund", "amount", "tax", "credits", "year",
            "period", "imputation", "schedule", "product", "note");
    private static final List<String> PERIOD_FIELDS = List.of("start", "end");
    private static final List<String> IMPUTATION_FIELDS = List.of("programme", "fonds_de_concours", "bop", "uo",
            "centre_financier", "domaine_fonctionnel", "activite", "centre_de_cout", "note");
    private static final List<String> INSTALLMENT_FIELDS = List.of("credit", "when", "amount", "maximum", "note");

    /** Ids of beta.gouv.fr organisation files that were skipped: a line must not name them. */
    private final Set<String> skipped;

    FundingLines(Set<String> skipped) {
        this.skipped = skipped;
    }

    Funding.Line line(Fields l, int index, Set<String> organisations, List<String> productIds) {
        l.allowOnly(LINE_FIELDS);
        String from = partyRef(l, "from", organisations);
        String to = partyRef(l, "to", organisations);
        BigDecimal amount = l.amount("amount", true);
        String taxText = l.text("tax", false);
        Funding.Tax tax = taxText == null ? Funding.Tax.UNKNOWN
                : l.parse("tax", taxText, Funding.Tax.class, Funding.Tax::parse);
        Funding.Credits credits = credits(l, "credits");
        Integer year = l.integer("year", 1900, 2200);
        PartialDate start = null;
        PartialDate end = null;
        Fields period = l.map("period", false);
        if (period != null) {
            period.allowOnly(PERIOD_FIELDS);
            start = period.date("start", true);
            end = period.date("end", true);
            if (start != null && end != null && end.compareTo(start) < 0) {
                period.problemAt("end", "period ends (" + end + ") before it starts (" + start + ")");
            }
        }
        Funding.Imputation imputation = imputation(l.map("imputation", false));
        List<Funding.Installment> schedule = new ArrayList<>();
        for (Fields s : l.maps("schedule", false)) {
            s.allowOnly(INSTALLMENT_FIELDS);
            Funding.Credits credit = credits(s, "credit");
            String when = s.text("when", true);
            if (when != null && !when.equals("signature") && !when.equals("publication") && !when.equals(Fields.UNKNOWN)) {
                s.date("when", true);
            }
            BigDecimal a = s.amount("amount", true);
            Boolean max = s.bool("maximum");
            if (a != null) {
                schedule.add(new Funding.Installment(credit, when, a, Boolean.TRUE.equals(max), s.text("note", false)));
            }
        }
        if (amount != null) {
            checkSchedule(l, amount, credits, schedule);
        }
        String product = l.text("product", false);
        if (product != null && !productIds.contains(product)) {
            l.problemAt("product", "product '" + product + "' is not among this convention's products "
                    + productIds + "; add it to 'products' or fix the id");
        }
        if (amount == null || (taxText != null && tax == null)) {
            return null;
        }
        return new Funding.Line(index, from, to, l.text("fund", false), amount, tax, credits, year, start, end,
                imputation, List.copyOf(schedule), product, l.text("note", false));
    }

    /** An organisation id, or {@code unknown} when the text doesn't say who pays or receives. */
    private String partyRef(Fields l, String key, Set<String> organisations) {
        String ref = l.text(key, true);
        if (ref == null || ref.equals(Fields.UNKNOWN)) {
            return null;
        }
        if (!organisations.contains(ref)) {
            l.problemAt(key, unknownRef("organisation", ref, organisations, "add it to data/organisations.yml"));
        } else if (skipped.contains(ref)) {
            l.problemAt(key, notPublished("organisation", ref));
        }
        return ref;
    }

    private static Funding.Credits credits(Fields f, String key) {
        Funding.Credits c = f.oneOf(key, Funding.Credits.class, Funding.Credits::parse, false);
        return c == null ? Funding.Credits.UNKNOWN : c;
    }

    /** For each kind of credit the schedule gives, its installments must add up to the line's amount. */
    private static void checkSchedule(Fields l, BigDecimal amount, Funding.Credits credits,
                                      List<Funding.Installment> schedule) {
        if (schedule.isEmpty()) {
            return;
        }
        Map<Funding.Credits, BigDecimal> sums = new LinkedHashMap<>();
        schedule.forEach(s -> sums.merge(s.credit(), s.amount(), BigDecimal::add));
        for (Map.Entry<Funding.Credits, BigDecimal> e : sums.entrySet()) {
            Funding.Credits c = e.getKey();
            if (credits != Funding.Credits.AE_CP && credits != Funding.Credits.UNKNOWN && c != Funding.Credits.UNKNOWN
                    && c != credits) {
                l.problemAt("schedule", "schedule has " + c.code + " installments but the line's credits are "
                        + credits.code);
            }
            if (e.getValue().compareTo(amount) != 0) {
                String what = c == Funding.Credits.UNKNOWN ? "installments" : c.code + " installments";
                l.problemAt("schedule", what + " add up to " + e.getValue().toPlainString() + " €, not the line's "
                        + amount.toPlainString() + " €; fix an installment or the amount");
            }
        }
    }

    private static Funding.Imputation imputation(Fields i) {
        if (i == null) {
            return null;
        }
        i.allowOnly(IMPUTATION_FIELDS);
        return new Funding.Imputation(i.text("programme", false), i.text("fonds_de_concours", false),
                i.text("bop", false), i.text("uo", false), i.text("centre_financier", false),
                i.text("domaine_fonctionnel", false), i.text("activite", false), i.text("centre_de_cout", false),
                i.text("note", false));
    }
}
