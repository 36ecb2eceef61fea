package fr.vitrine.dataset;

import fr.vitrine.dataset.Table.Field;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Funding;
import fr.vitrine.model.Kind;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Siret;
import fr.vitrine.read.SiteConfig;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The SCDL "subventions" 2.1.1 file for conventions of kind subvention: one row per (attribuant, bénéficiaire).
 * Nothing is made up: a row needs the attribuant's and the bénéficiaire's real SIRET (from
 * {@code vitrine.siret.<org-id>} in jbake.properties, or the organisations registry: Validata's custom check
 * one-of-required(idBeneficiaire, rnaBeneficiaire)), a full signing date, payment dates and the EU notification; when
 * one is missing the row is skipped with a warning saying what to add. {@code montant} is what the attribuant grants in
 * the convention before any split, {@code pourcentageSubvention} each bénéficiaire's share of it (from the lines).
 */
public final class Scdl {

    public static final String SCHEMA = "https://schema.data.gouv.fr/schemas/scdl/subventions/2.1.1/schema.json";
    /** conditionsVersement when the convention gives no payment schedule (SCDL: « autre », a free description). */
    static final String UNKNOWN_CONDITIONS = "non précisées par la convention";

    private Scdl() {
    }

    public static Table table() {
        String doc = "Voir le schéma SCDL subventions 2.1.1.";
        return new Table("subventions", "Subventions (format SCDL)",
                "Les conventions de subvention au format du socle commun des données locales (SCDL) « subventions » 2.1.1.",
                List.of(Field.of("nomAttribuant", "string", "nomAttribuant", doc).mandatory(),
                        Field.of("idAttribuant", "string", "idAttribuant", doc).mandatory().matching("\\d{14}"),
                        Field.of("dateConvention", "date", "dateConvention", doc).mandatory(),
                        Field.of("referenceDecision", "string", "referenceDecision", doc),
                        Field.of("nomBeneficiaire", "string", "nomBeneficiaire", doc).mandatory(),
                        Field.of("idBeneficiaire", "string", "idBeneficiaire", doc).matching("\\d{14}"),
                        Field.of("rnaBeneficiaire", "string", "rnaBeneficiaire", doc).matching("W\\d{9}"),
                        Field.of("objet", "string", "objet", doc).mandatory().matching("(?s).{1,256}"),
                        Field.of("montant", "number", "montant", doc).mandatory().between(0.0, null),
                        Field.of("nature", "string", "nature", doc).mandatory().among(List.of("aide en numéraire",
                                "aide en nature", "aide en numéraire;aide en nature", "aide en nature;aide en numéraire")),
                        Field.of("conditionsVersement", "string", "conditionsVersement", doc).mandatory().matching("(?s).{1,256}"),
                        Field.of("datesPeriodeVersement", "string", "datesPeriodeVersement", doc).mandatory()
                                .matching("[0-9]{4}-[0-9]{2}-[0-9]{2}(/[0-9]{4}-[0-9]{2}-[0-9]{2})?"),
                        Field.of("idRAE", "string", "idRAE", doc).matching(".{1,5}"),
                        Field.of("notificationUE", "string", "notificationUE", doc).mandatory().among(List.of("oui", "non")),
                        Field.of("pourcentageSubvention", "number", "pourcentageSubvention", doc).mandatory().between(0.01, 1.0),
                        Field.of("dispositifAide", "string", "dispositifAide", doc)),
                List.of(), List.of(), SCHEMA, new Table.SchemaRef("scdl/subventions", "2.1.1"));
    }

    /** The rows, or {@code null} when no convention is a subsidy or none can be exported (with warnings). */
    public static Tables.Data of(Catalog catalog, SiteConfig config, Diagnostics diagnostics) {
        List<Convention> subsidies = catalog.conventions().stream().filter(c -> c.kind() == Kind.SUBVENTION).toList();
        if (subsidies.isEmpty()) {
            return null;
        }
        Path configFile = config.source().resolve(SiteConfig.FILE);
        List<Object[]> rows = new ArrayList<>();
        for (Convention c : subsidies) {
            // Per attribuant: what it grants in this convention, then each beneficiary's part of it.
            Map<String, Map<String, List<Funding.Line>>> byFunder = new LinkedHashMap<>();
            c.funding().forEach(l -> byFunder.computeIfAbsent(l.from(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(l.to(), k -> new ArrayList<>()).add(l));
            String skip = "SCDL subventions: convention " + c.id() + " skipped: ";
            for (Map.Entry<String, Map<String, List<Funding.Line>>> funder : byFunder.entrySet()) {
                Organisation from = catalog.organisation(funder.getKey());
                if (from == null || funder.getValue().keySet().stream().anyMatch(to -> catalog.organisation(to) == null)) {
                    diagnostics.warning(c.file(), 1, 1, skip + "the attribuant and the bénéficiaire must be known organisations");
                    continue;
                }
                String siret = siret(config, from);
                if (siret == null) {
                    diagnostics.warning(configFile, config.positionOf("vitrine.siret." + from.id()), skip
                            + missingSiret(config, from, "the attribuant"));
                    continue;
                }
                if (c.signed() == null || !c.signed().hasDay()) {
                    diagnostics.warning(c.file(), 1, 1, skip + "dateConvention needs the full signing date (YYYY-MM-DD)");
                    continue;
                }
                Convention.Subsidy s = c.subsidy();
                if (s.euNotification() == null) {
                    diagnostics.warning(c.file(), 1, 1, skip + "add subsidy: {notification_ue: true|false} to the record "
                            + "(SCDL requires it)");
                    continue;
                }
                // montant: the total the attribuant grants, before any split; pourcentageSubvention: each
                // beneficiary's share of it, rounded to 4 decimals, the last one taking the rest so that they sum to 1.
                BigDecimal total = sum(funder.getValue().values().stream().flatMap(List::stream).toList());
                if (total.signum() <= 0) {
                    diagnostics.warning(c.file(), 1, 1, skip + "the attribuant '" + from.id() + "' grants no amount");
                    continue;
                }
                BigDecimal given = BigDecimal.ZERO;
                int left = funder.getValue().size();
                for (Map.Entry<String, List<Funding.Line>> e : funder.getValue().entrySet()) {
                    Organisation to = catalog.organisation(e.getKey());
                    BigDecimal share = --left == 0 ? BigDecimal.ONE.subtract(given)
                            : sum(e.getValue()).divide(total, 4, RoundingMode.HALF_UP);
                    given = given.add(share);
                    String rowSkip = "SCDL subventions: convention " + c.id() + ": the row of the bénéficiaire '"
                            + to.id() + "' (" + to.name() + ") is not written: ";
                    String beneficiary = siret(config, to);
                    if (beneficiary == null) {
                        // Validata's custom check one-of-required(idBeneficiaire, rnaBeneficiaire).
                        diagnostics.warning(configFile, config.positionOf("vitrine.siret." + to.id()), rowSkip + "SCDL "
                                + "requires its SIRET (idBeneficiaire) or RNA number: "
                                + missingSiret(config, to, "the bénéficiaire"));
                        continue;
                    }
                    if (share.compareTo(new BigDecimal("0.01")) < 0) {
                        diagnostics.warning(c.file(), 1, 1, rowSkip + "its share " + share.toPlainString()
                                + " of the subsidy is below SCDL's minimum pourcentageSubvention 0.01");
                        continue;
                    }
                    String dates = paymentDates(c, e.getValue());
                    if (dates == null) {
                        diagnostics.warning(c.file(), 1, 1, rowSkip + "no payment date: give a schedule with dates or a "
                                + "funded period");
                        continue;
                    }
                    long installments = e.getValue().stream().mapToLong(l -> l.schedule().stream()
                            .filter(i -> i.credit() != Funding.Credits.AE).count()).sum();
                    // Unknown stays unknown: without a payment schedule the convention does not say how it is paid,
                    // and SCDL requires the cell, whose free text (its « autre » case) then says so.
                    String conditions = installments == 0 ? UNKNOWN_CONDITIONS : installments > 1 ? "échelonné" : "unique";
                    rows.add(new Object[] {from.name(), siret, c.signed().iso(), s.decision(), to.name(), beneficiary,
                            null, object(c, diagnostics), total, "aide en numéraire", conditions, dates, null,
                            s.euNotification() ? "oui" : "non", share.stripTrailingZeros(), s.scheme()});
                }
            }
        }
        return rows.isEmpty() ? null : new Tables.Data(table(), rows);
    }

    /**
     * {@code objet}: the summary, else the title. SCDL allows 256 characters (the CSV's formula quote included): a
     * longer one is cut, ending with « … », and a warning names the convention so that its summary can be shortened.
     */
    private static String object(Convention c, Diagnostics diagnostics) {
        String object = Objects.requireNonNullElse(c.summary(), c.title());
        int max = Formulas.risky(object) ? 255 : 256;
        int length = object.codePointCount(0, object.length());
        if (length <= max) {
            return object;
        }
        diagnostics.warning(c.file(), 1, 1, "SCDL subventions: convention " + c.id() + ": objet (its "
                + (c.summary() != null ? "summary" : "title") + ") has " + length + " characters, SCDL allows " + max
                + ": it is cut, ending with « … »; write a summary of at most " + max + " characters to publish it whole");
        return object.substring(0, object.offsetByCodePoints(0, max - 1)) + "…";
    }

    private static BigDecimal sum(List<Funding.Line> lines) {
        return lines.stream().map(Funding.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * An organisation's SIRET, in subventions.csv and organisations.csv alike: {@code vitrine.siret.<id>} in the
     * configuration, else the registry's, if valid.
     */
    static String siret(SiteConfig config, Organisation org) {
        String configured = siretSetting(config, org);
        if (configured != null) {
            return configured;
        }
        return Siret.isValid(org.siret()) ? org.siret() : null;
    }

    private static String siretSetting(SiteConfig config, Organisation org) {
        String s = configured(config, org);
        return Siret.isValid(s) ? s : null;
    }

    private static String configured(SiteConfig config, Organisation org) {
        return config.string("vitrine.siret." + org.id()).map(v -> v.replace(" ", "")).orElse(null);
    }

    /** Why {@code org} has no usable SIRET: an invalid setting (saying which key failed), or none at all. */
    private static String missingSiret(SiteConfig config, Organisation org, String role) {
        String key = "vitrine.siret." + org.id();
        String set = configured(config, org);
        String fix = " in " + SiteConfig.FILE + " (a real SIRET: the export never makes one up)";
        if (set != null) {
            return key + "=" + set + " is invalid: " + Siret.problem(set) + "; correct it" + fix;
        }
        return "no SIRET for " + role + " '" + org.id() + "'; set " + key + "=<14 digits>" + fix;
    }

    /** "2020-02-01/2020-08-31": from the first to the last payment (a month-precise date covers its month). */
    static String paymentDates(Convention c, List<Funding.Line> lines) {
        List<LocalDate> dates = new ArrayList<>();
        for (Funding.Line l : lines) {
            for (Funding.Installment i : l.schedule()) {
                PartialDate d = "signature".equals(i.when()) ? c.signed() : i.date();
                if (d != null && i.credit() != Funding.Credits.AE) {
                    dates.add(d.first());
                    dates.add(d.last());
                }
            }
            if (l.start() != null && l.end() != null) {
                dates.add(l.start().first());
                dates.add(l.end().last());
            }
        }
        if (dates.isEmpty()) {
            return null;
        }
        LocalDate first = dates.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = dates.stream().max(LocalDate::compareTo).orElseThrow();
        return first.equals(last) ? first.toString() : first + "/" + last;
    }
}
