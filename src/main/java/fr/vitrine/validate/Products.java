package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Product;
import fr.vitrine.model.Text;
import fr.vitrine.model.Vocabulary;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.ProductBody;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources.SourceSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.vitrine.validate.References.checkFileId;
import static fr.vitrine.validate.References.orgRef;
import static fr.vitrine.validate.References.unknownRef;
import static fr.vitrine.validate.References.url;

/**
 * Products ({@code data/products/} and beta.gouv.fr's product files): sponsors, incubator, phases, events, addresses;
 * then each description rendered once every product and organisation is known.
 */
final class Products {

    private final Diagnostics diagnostics;

    Products(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * A product; one from beta.gouv.fr's folder is always kept (a file that could not be parsed never gets here): each
     * value it cannot use is a warning saying what was done with it, the rest of the page is built.
     */
    Product product(SourceRecord r, Set<String> organisations, Set<String> published, Vocabulary vocabulary,
                    Set<String> incubators) {
        boolean degrade = r.external();
        Fields f = degrade ? Fields.degrading(r, diagnostics) : Fields.of(r, diagnostics);
        String id = r.id();
        if (!checkFileId(r, f, id, diagnostics)) {
            return null;
        }
        String title = f.text("title", !degrade);
        if (title == null && degrade) {
            f.warnAt("title", "no usable 'title': the file name '" + Text.abbreviate(id) + "' is shown instead");
            title = id;
        }
        List<String> sponsors = new ArrayList<>();
        List<String> sponsorRefs = f.texts("sponsors", false);
        for (int i = 0; i < sponsorRefs.size(); i++) {
            String written = orgRef(sponsorRefs.get(i));
            String org = written;
            String at = f.pathOf("sponsors") + "[" + i + "]";
            String sameButCase = organisations.contains(org) ? null : organisations.stream()
                    .filter(o -> o.equalsIgnoreCase(written)).sorted().findFirst().orElse(null);
            if (sameButCase != null && degrade) {
                diagnostics.warning(r.file(), r.tree().valueAt(at), "sponsor '" + Text.abbreviate(org)
                        + "' matched to organisation file " + sameButCase + ".md");
                org = sameButCase;
            }
            if (!organisations.contains(org)) {
                f.problem(at, unknownRef("organisation", org, organisations, "add it to data/organisations.yml"),
                        "shown as written, without a link");
            } else if (!published.contains(org) && r.external()) {
                diagnostics.warning(r.file(), r.tree().valueAt(at), "sponsor '"
                        + Text.abbreviate(org) + "' is not published (its file has a problem reported above): shown "
                        + "without a link");
            }
            sponsors.add(org);
        }
        List<Product.Phase> phases = phases(r, f, vocabulary);
        List<Product.Event> events = new ArrayList<>();
        for (Fields e : f.maps("events", false)) {
            PartialDate date = e.date("date", !degrade);
            String name = e.text("name", !degrade);
            if (name != null && !vocabulary.knowsEvent(name)) {
                diagnostics.warning(r.file(), r.tree().valueAt(e.pathOf("name")), "unknown event '" + Text.abbreviate(name)
                        + "', shown as '" + Vocabulary.UNKNOWN_EVENT + "'; known events: "
                        + String.join(", ", new java.util.TreeSet<>(vocabulary.events().keySet())));
            }
            if (name != null && date != null) {
                events.add(new Product.Event(name, date, e.text("comment", false), vocabulary.event(name)));
            } else if (degrade) {
                e.warnAt(name == null ? "name" : "date", "event without a usable " + (name == null ? "name" : "date")
                        + ": event not shown");
            }
        }
        Product.Fast fast = null;
        Fields fastFields = f.map("fast", false);
        if (fastFields != null) {
            fast = new Product.Fast(fastFields.integer("promotion", 1, 1000), fastFields.amount("montant", false));
        }
        List<String> metrics = f.texts("metrics", false);
        String description = r.document() != null ? r.document().getBody() : "";
        Product p = new Product(id, title, f.text("mission", false), List.copyOf(sponsors), incubator(f, incubators),
                List.copyOf(phases), List.copyOf(events), url(f, "link"), url(f, "repository"), url(f, "stats_url"),
                fast, description, metrics, r.external(), r.file())
                .withThemes(f.texts("thematiques", false).stream().filter(t -> !t.isEmpty()).distinct().toList());
        return f.failed() ? null : p;
    }

    /**
     * The incubator a product names: once beta.gouv.fr's incubator files are read, one of them (an id differing only by
     * case is matched, with a warning; an unknown one is not shown, with a warning).
     */
    private String incubator(Fields f, Set<String> incubators) {
        String id = f.text("incubator", false);
        if (id == null || incubators.isEmpty() || incubators.contains(id)) {
            return id;
        }
        String same = incubators.stream().filter(i -> i.equalsIgnoreCase(id)).sorted().findFirst().orElse(null);
        if (same != null) {
            f.warnAt("incubator", "incubator '" + Text.abbreviate(id) + "' matched to incubator file " + same + ".md");
            return same;
        }
        f.problem(f.pathOf("incubator"), unknownRef("incubator", id, incubators, "its file must be _incubators/" + id
                + ".md"), "incubator not shown");
        return null;
    }

    /**
     * A product's phases. A project's must be complete and in order; beta.gouv.fr's older files are taken as they
     * are, with a warning: a phase without start (« start date unknown »), phases out of order (« sorted by start
     * date »), a phase ending before it starts (« duration not shown »).
     */
    private List<Product.Phase> phases(SourceRecord r, Fields f, Vocabulary vocabulary) {
        boolean degrade = f.degrades();
        List<Product.Phase> phases = new ArrayList<>();
        boolean sorted = true;
        PartialDate latestStart = null;
        for (Fields p : f.maps("phases", false)) {
            String name = p.text("name", !degrade);
            PartialDate start = p.date("start", !degrade);
            PartialDate end = p.date("end", false);
            if (name == null) {
                if (degrade) {
                    p.warnAt("name", "phase without a usable 'name': phase not shown");
                }
                continue;
            }
            if (!vocabulary.knowsPhase(name)) {
                diagnostics.warning(r.file(), r.tree().valueAt(p.pathOf("name")), "unknown phase '" + Text.abbreviate(name)
                        + "', shown as '" + Vocabulary.UNKNOWN_PHASE + "'; known phases: "
                        + String.join(", ", new java.util.TreeSet<>(vocabulary.phases().keySet())));
            }
            if (start == null && degrade && !p.has("start")) {
                p.warnAt("start", "phase '" + Text.abbreviate(name) + "' has no 'start': start date unknown");
            }
            if (start != null && end != null && end.compareTo(start) < 0) {
                if (degrade) {
                    p.warnAt("end", "phase '" + Text.abbreviate(name) + "' ends (" + end + ") before it starts ("
                            + start + "): end date before start, duration not shown");
                } else {
                    p.problemAt("end", "phase ends (" + end + ") before it starts (" + start + ")");
                }
            }
            if (start != null && latestStart != null && start.compareTo(latestStart) < 0) {
                if (degrade && sorted) {
                    p.warnAt("start", "phase '" + Text.abbreviate(name) + "' starts (" + start + ") before the phase "
                            + "above it: phases sorted by start date");
                } else if (!degrade) {
                    p.problemAt("start", "phases must be listed in order: " + start + " comes before the previous phase");
                }
                sorted = false;
            }
            if (start != null && (latestStart == null || start.compareTo(latestStart) > 0)) {
                latestStart = start;
            }
            if (start != null || degrade) {
                phases.add(new Product.Phase(name, start, end, vocabulary.phase(name)));
            }
        }
        if (!sorted) {
            // Each phase moves with the phases of unknown start written below it (stable sort of the groups).
            List<List<Product.Phase>> groups = new ArrayList<>();
            for (Product.Phase ph : phases) {
                if (ph.start() != null || groups.isEmpty()) {
                    groups.add(new ArrayList<>());
                }
                groups.get(groups.size() - 1).add(ph);
            }
            groups.sort(java.util.Comparator.comparing(g -> g.get(0).start(),
                    java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
            return groups.stream().flatMap(List::stream).toList();
        }
        return phases;
    }

    /**
     * Renders each product's description once every product and organisation is known, so that a link to one this
     * site publishes leads to its page here (and none leads to a record that was not published).
     */
    void describe(Map<String, Product> products, Map<String, Organisation> organisations, SourceSet sources) {
        Map<Path, SourceRecord> byFile = new HashMap<>();
        sources.products().forEach(r -> byFile.put(r.file(), r));
        Map<String, Product> described = products.values().parallelStream().map(p -> {
            SourceRecord r = byFile.get(p.file());
            if (r == null || r.document() == null) {
                return p;
            }
            String markdown = (String) r.document().getOrDefault(CommonmarkEngine.BODY_MARKDOWN, "");
            int line = (Integer) r.document().getOrDefault(CommonmarkEngine.BODY_LINE, 1);
            ProductBody.Result body = ProductBody.render(markdown, line, p.file(), p.id(), p.path(), sources.upstream(),
                    id -> products.containsKey(id) ? products.get(id).path() : null,
                    id -> organisations.containsKey(id) ? organisations.get(id).path() : null, diagnostics);
            return p.withDescription(body.html(), body.media());
        }).collect(java.util.stream.Collectors.toMap(Product::id, p -> p));
        products.replaceAll((id, p) -> described.get(id));
    }
}
