package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Funding;
import fr.vitrine.model.Heading;
import fr.vitrine.model.Kind;
import fr.vitrine.model.Obligation;
import fr.vitrine.model.PackedText;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Party;
import fr.vitrine.model.Person;
import fr.vitrine.privacy.Policy;
import fr.vitrine.privacy.PrivacyCheck;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.TextFile;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.vitrine.validate.References.checkId;
import static fr.vitrine.validate.References.notPublished;
import static fr.vitrine.validate.References.unknownRef;

/**
 * Conventions ({@code content/conventions/}): kind and parent, dates, parties, products, funding (see
 * {@link FundingLines}) against the stated total, obligations, source, subsidy; and no loop of avenants.
 */
final class Conventions {

    private static final List<String> CONVENTION_FIELDS = List.of("id", "title", "kind", "parent", "signed",
            "effective", "ends", "duration", "parties", "products", "total", "funding", "obligations", "source",
            "subsidy", "summary", Policy.FIELD);
    private static final List<String> SUBSIDY_FIELDS = List.of("notification_ue", "pourcentage", "reference_decision",
            "dispositif_aide");
    private static final List<String> PARTY_FIELDS = List.of("org", "role", "representative", "signatory");
    private static final List<String> PERSON_FIELDS = List.of("name", "title");
    private static final List<String> OBLIGATION_FIELDS = List.of("type", "article", "text", "ends", "by", "by_basis");
    private static final List<String> SOURCE_FIELDS = List.of("text", "pdf", "data_gouv", "cited_in", "excerpt");

    private final Diagnostics diagnostics;
    private final Path contentFolder;
    /**
     * Ids of beta.gouv.fr organisation files that were skipped (a warning each): a convention must not name them (a
     * project file that fails has its own error).
     */
    private final Set<String> skipped;
    /** The same for beta.gouv.fr product files. */
    private final Set<String> skippedProducts;
    private final FundingLines funding;

    Conventions(Diagnostics diagnostics, Path contentFolder, Set<String> skipped, Set<String> skippedProducts) {
        this.diagnostics = diagnostics;
        this.contentFolder = contentFolder;
        this.skipped = skipped;
        this.skippedProducts = skippedProducts;
        this.funding = new FundingLines(skipped);
    }

    Convention convention(SourceRecord r, Set<String> organisations, Set<String> products,
                           Set<String> conventions) {
        Fields f = Fields.of(r, diagnostics);
        f.allowOnly(CONVENTION_FIELDS);
        String id = f.text("id", true);
        if (id != null && !id.equals(r.id())) {
            f.problemAt("id", "id '" + id + "' does not match the file name '" + r.file().getFileName()
                    + "'; rename the file to " + id + ".md or change the id");
        }
        checkId(f, "id", id);
        String title = f.text("title", true);
        Kind kind = f.oneOf("kind", Kind.class, true);

        String parent = f.text("parent", false);
        if (kind == Kind.AVENANT && parent == null && !f.has("parent")) {
            f.missing("parent", " (an avenant names the convention it amends)");
        }
        if (parent != null) {
            if (kind != null && kind != Kind.AVENANT) {
                f.problemAt("parent", "only an avenant has a parent; set kind: avenant or remove 'parent'");
            } else if (parent.equals(id)) {
                f.problemAt("parent", "an avenant cannot amend itself");
            } else if (!conventions.contains(parent)) {
                f.problemAt("parent", unknownRef("convention", parent, conventions,
                        "its file must be content/conventions/" + parent + ".md"));
            }
        }

        PartialDate signed = f.date("signed", true);
        Convention.Effective effective = effective(f);
        PartialDate ends = f.date("ends", false);
        Period duration = f.duration("duration");
        PartialDate start = effective.date() != null ? effective.date() : signed;
        if (ends != null && start != null && ends.last().isBefore(start.first())) {
            f.problemAt("ends", "ends (" + ends + ") before it " + (effective.date() != null ? "takes effect" : "is signed")
                    + " (" + start + ")");
        }
        if (effective.date() != null && signed != null && effective.date().last().isBefore(signed.first())) {
            f.problemAt("effective", "takes effect (" + effective.date() + ") before it is signed (" + signed + ")");
        }

        List<Party> parties = new ArrayList<>();
        List<Fields> partyFields = f.isUnknown("parties") ? List.of() : f.maps("parties", true);
        if (f.has("parties") && !f.isUnknown("parties") && partyFields.isEmpty() && !f.failed()) {
            f.problemAt("parties", "a convention has at least one party (write 'parties: unknown' when the source "
                    + "does not name them)");
        }
        for (Fields p : partyFields) {
            p.allowOnly(PARTY_FIELDS);
            String org = p.text("org", true);
            if (org != null && !organisations.contains(org)) {
                p.problemAt("org", unknownRef("organisation", org, organisations, "add it to data/organisations.yml"));
            } else if (org != null && skipped.contains(org)) {
                p.problemAt("org", notPublished("organisation", org));
            }
            Party.Role role = p.oneOf("role", Party.Role.class, Party.Role::parse, true);
            Person representative = person(p, "representative");
            Person signatory = person(p, "signatory");
            if (org != null && role != null) {
                Party.Role given = role;
                if (parties.stream().anyMatch(q -> q.org().equals(org) && q.role() == given)) {
                    p.problemAt("org", "party '" + org + "' is already listed with the role " + role.code
                            + "; list each party once");
                }
                parties.add(new Party(org, role, representative, signatory));
            }
        }

        List<String> productIds = f.texts("products", false);
        for (int i = 0; i < productIds.size(); i++) {
            if (skippedProducts.contains(productIds.get(i))) {
                f.problem(f.pathOf("products") + "[" + i + "]", notPublished("product", productIds.get(i)));
            } else if (!products.contains(productIds.get(i))) {
                f.problem(f.pathOf("products") + "[" + i + "]", unknownRef("product", productIds.get(i), products,
                        "add data/products/" + productIds.get(i) + ".md"));
            }
        }

        BigDecimal statedTotal = f.amount("total", false);
        List<Funding.Line> lines = new ArrayList<>();
        List<Fields> lineFields = f.maps("funding", true);
        for (int i = 0; i < lineFields.size(); i++) {
            Funding.Line line = funding.line(lineFields.get(i), i, organisations, productIds);
            if (line != null) {
                lines.add(line);
            }
        }
        if (statedTotal != null && lines.size() == lineFields.size() && !lines.isEmpty()) {
            BigDecimal sum = lines.stream().map(Funding.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(statedTotal) != 0) {
                f.problemAt("total", "funding lines add up to " + sum.toPlainString() + " €, not the stated total "
                        + statedTotal.toPlainString() + " €; fix an amount or the total");
            }
        }

        List<Obligation> obligations = new ArrayList<>();
        for (Fields o : f.maps("obligations", false)) {
            o.allowOnly(OBLIGATION_FIELDS);
            Obligation.Type type = o.oneOf("type", Obligation.Type.class, true);
            List<String> by = new ArrayList<>();
            for (String org : o.texts("by", false)) {
                if (parties.stream().anyMatch(p -> p.org().equals(org))) {
                    by.add(org);
                } else {
                    o.problemAt("by", "'" + org + "' is not a party of this convention; write the parties that owe "
                            + "this obligation among " + parties.stream().map(Party::org).distinct().toList()
                            + ", or leave 'by' out when the text does not say");
                }
            }
            // 'by_basis': the sentence does not name who owes it, 'by' is inferred from its context, and this says why.
            String byBasis = o.text("by_basis", false);
            if (byBasis != null && !o.has("by")) {
                o.problemAt("by_basis", "'by_basis' explains a party inferred from the context, but 'by' is missing; "
                        + "write the party that owes this obligation in 'by', or remove 'by_basis'");
            }
            if (type != null) {
                obligations.add(new Obligation(type, o.text("article", false), o.text("text", false),
                        o.date("ends", false), List.copyOf(by), byBasis));
            }
        }

        Convention.Source source = source(f, conventions);
        Convention.Subsidy subsidy = subsidy(f, kind);
        PackedText body = CommonmarkEngine.html(r.document());
        @SuppressWarnings("unchecked")
        List<Heading> toc = (List<Heading>) r.document().getOrDefault(CommonmarkEngine.HEADINGS, List.of());
        if (f.failed()) {
            return null;
        }
        return new Convention(id, title, kind, parent, signed, effective, ends, duration, List.copyOf(parties),
                List.copyOf(productIds), statedTotal, List.copyOf(lines), List.copyOf(obligations), source, subsidy,
                f.text("summary", false), body, toc, r.file(), new Convention.Published(
                        (PackedText) r.document().get(PrivacyCheck.PUBLISHED_MARKDOWN),
                        (PackedText) r.document().get(PrivacyCheck.PUBLISHED_SOURCE)));
    }

    /** The SCDL details of a subsidy; only a convention of kind subvention has them. */
    private static Convention.Subsidy subsidy(Fields f, Kind kind) {
        Fields s = f.map("subsidy", false);
        if (s == null) {
            return Convention.Subsidy.NONE;
        }
        if (kind != null && kind != Kind.SUBVENTION) {
            f.problemAt("subsidy", "'subsidy' describes a convention of kind subvention; set kind: subvention or remove it");
        }
        s.allowOnly(SUBSIDY_FIELDS);
        BigDecimal percentage = null;
        if (s.has("pourcentage") && !s.isUnknown("pourcentage")) {
            percentage = s.amount("pourcentage", false);
            if (percentage != null && (percentage.compareTo(new BigDecimal("0.01")) < 0
                    || percentage.compareTo(BigDecimal.ONE) > 0)) {
                s.problemAt("pourcentage", "pourcentage is a share between 0.01 and 1 (0.5 for half), got "
                        + percentage.toPlainString());
            }
        }
        Boolean eu = s.isUnknown("notification_ue") ? null : s.bool("notification_ue");
        return new Convention.Subsidy(eu, percentage, s.textOrUnknown("reference_decision", false),
                s.textOrUnknown("dispositif_aide", false));
    }

    private static Convention.Effective effective(Fields f) {
        String s = f.text("effective", false);
        if (s == null || s.equals(Fields.UNKNOWN)) {
            return Convention.Effective.UNKNOWN;
        }
        if (s.equals("signature") || s.equals("publication")) {
            return new Convention.Effective(s, null);
        }
        PartialDate d = f.date("effective", false);
        return d == null ? Convention.Effective.UNKNOWN : new Convention.Effective(null, d);
    }

    private static Person person(Fields f, String key) {
        if (!f.has(key)) {
            return null;
        }
        Fields m = f.map(key, false);
        if (m == null) {
            return null;
        }
        m.allowOnly(PERSON_FIELDS);
        String name = m.text("name", true);
        return name == null ? null : new Person(name, m.text("title", false));
    }

    private Convention.Source source(Fields f, Set<String> conventions) {
        Fields s = f.map("source", true);
        if (s == null) {
            return new Convention.Source(null, null, null, null, null);
        }
        s.allowOnly(SOURCE_FIELDS);
        String text = s.textOrUnknown("text", false);
        if (text != null) {
            Path p;
            try {
                p = contentFolder.resolve(text).normalize();
            } catch (InvalidPathException e) {
                p = null; // e.g. a NUL character, which YAML can write as "\0"
            }
            if (p == null || !p.startsWith(contentFolder) || !Files.isRegularFile(p)) {
                s.problemAt("text", "source text '" + text + "' is not a file under " + contentFolder.getFileName()
                        + "/; give its path relative to that folder");
            } else {
                try {
                    String unpublishable;
                    if (!p.toRealPath().startsWith(contentFolder.toRealPath())) {
                        s.problemAt("text", "source text '" + text + "' is a link to " + p.toRealPath() + ", outside "
                                + contentFolder.getFileName() + "/; copy the file instead of linking it");
                    } else if ((unpublishable = TextFile.unpublishable(p)) != null) {
                        s.problemAt("text", "source text '" + text + "' " + unpublishable);
                    }
                } catch (java.io.IOException e) {
                    s.problemAt("text", "source text '" + text + "' cannot be read: " + e.getMessage());
                }
            }
        }
        String citedIn = s.text("cited_in", false);
        if (citedIn != null && !conventions.contains(citedIn)) {
            s.problemAt("cited_in", unknownRef("convention", citedIn, conventions, "it must be a convention id"));
        }
        String dataGouv = s.textOrUnknown("data_gouv", false);
        if (dataGouv != null && !dataGouv.startsWith("https://")) {
            s.problemAt("data_gouv", "data_gouv must be an https:// address");
        }
        return new Convention.Source(text, s.textOrUnknown("pdf", false), dataGouv, citedIn, s.text("excerpt", false));
    }

    void checkAvenantCycles(List<Convention> conventions, Map<String, SourceRecord> sources) {
        Map<String, String> parents = new HashMap<>();
        conventions.forEach(c -> {
            if (c.parent() != null) {
                parents.put(c.id(), c.parent());
            }
        });
        Set<String> reported = new HashSet<>();
        for (String id : parents.keySet()) {
            Set<String> seen = new LinkedHashSet<>();
            String cur = id;
            while (cur != null && seen.add(cur)) {
                cur = parents.get(cur);
            }
            if (cur != null && cur.equals(id) && reported.add(id)) {
                SourceRecord r = sources.get(id);
                Fields.of(r, diagnostics).problemAt("parent", "avenants amend each other in a loop: "
                        + String.join(" → ", seen) + " → " + id);
            }
        }
    }
}
