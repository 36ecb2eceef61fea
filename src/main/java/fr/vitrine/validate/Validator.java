package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Funding;
import fr.vitrine.model.FastPromotion;
import fr.vitrine.model.Heading;
import fr.vitrine.model.Incubator;
import fr.vitrine.model.Kind;
import fr.vitrine.model.Obligation;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.Page;
import fr.vitrine.model.PackedText;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.Party;
import fr.vitrine.model.Person;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.model.Standard;
import fr.vitrine.model.Siret;
import fr.vitrine.model.Text;
import fr.vitrine.model.Vocabulary;
import fr.vitrine.privacy.Policy;
import fr.vitrine.privacy.PrivacyCheck;
import fr.vitrine.read.CommonmarkEngine;
import fr.vitrine.read.ProductBody;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.read.TextFile;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the records read from the sources into the model, checking every field and every reference between
 * records. All problems are reported; records with errors are left out of the catalog.
 */
public final class Validator {

    /** Ids become URL segments and file names: lower-case words joined by hyphens. */
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ID = 100;
    /** Names Windows reserves for devices, whatever the extension: not usable as files or folders there. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])");

    private static final List<String> CONVENTION_FIELDS = List.of("id", "title", "kind", "parent", "signed",
            "effective", "ends", "duration", "parties", "products", "total", "funding", "obligations", "source",
            "subsidy", "summary", Policy.FIELD);
    private static final List<String> SUBSIDY_FIELDS = List.of("notification_ue", "pourcentage", "reference_decision",
            "dispositif_aide");
    private static final List<String> PARTY_FIELDS = List.of("org", "role", "representative", "signatory");
    private static final List<String> PERSON_FIELDS = List.of("name", "title");
    private static final List<String> LINE_FIELDS = List.of("from", "to", "fund", "amount", "tax", "credits", "year",
            "period", "imputation", "schedule", "product", "note");
    private static final List<String> PERIOD_FIELDS = List.of("start", "end");
    private static final List<String> IMPUTATION_FIELDS = List.of("programme", "fonds_de_concours", "bop", "uo",
            "centre_financier", "domaine_fonctionnel", "activite", "centre_de_cout", "note");
    private static final List<String> INSTALLMENT_FIELDS = List.of("credit", "when", "amount", "maximum", "note");
    private static final List<String> OBLIGATION_FIELDS = List.of("type", "article", "text", "ends");
    private static final List<String> SOURCE_FIELDS = List.of("text", "pdf", "data_gouv", "cited_in", "excerpt");
    private static final List<String> ORGANISATION_FIELDS = List.of("id", "name", "acronym", "type", "siret",
            "parent", "domaine_ministeriel", "address", "article");
    private static final List<String> PAGE_FIELDS = List.of("title", "description", Policy.FIELD);

    private final Diagnostics diagnostics;
    private final Path contentFolder;
    private final Metrics metrics;
    /**
     * Ids of beta.gouv.fr organisation files that were skipped (a warning each), set once organisations are
     * validated: a convention must not name them (a project file that fails has its own error).
     */
    private Set<String> skipped = Set.of();
    /** The same for beta.gouv.fr product files. */
    private Set<String> skippedProducts = Set.of();

    private Validator(Diagnostics diagnostics, Path contentFolder, Metrics metrics) {
        this.diagnostics = diagnostics;
        this.contentFolder = contentFolder;
        this.metrics = metrics;
    }

    /** Validates everything read, and the impact CSVs; the catalog holds the records that passed. */
    public static Catalog validate(SourceSet sources, Path contentFolder, List<Path> metricsFiles, LocalDate today,
                                   Diagnostics diagnostics) {
        return validate(sources, contentFolder, (products, d) -> MetricsLoader.load(metricsFiles, products, d), today,
                diagnostics);
    }

    /** How the products' impact metrics are loaded once the products are known (a cache may answer). */
    @FunctionalInterface
    public interface Metrics {
        Map<String, ProductMetrics> load(List<Product> products, Diagnostics diagnostics);
    }

    /** Validates with the products' metrics taken from {@code metrics}. */
    public static Catalog validate(SourceSet sources, Path contentFolder, Metrics metrics, LocalDate today,
                                   Diagnostics diagnostics) {
        return new Validator(diagnostics, contentFolder, metrics).run(sources, today);
    }

    private Catalog run(SourceSet sources, LocalDate today) {
        // Ids of files that failed to parse count as known: their own error is enough.
        Set<String> organisationIds = new HashSet<>(sources.unreadable());
        // A registry entry without an id has no id to offer (organisation() reports it).
        sources.organisations().stream().map(SourceRecord::id).filter(Objects::nonNull).forEach(organisationIds::add);
        Map<String, Organisation> organisations = new LinkedHashMap<>();
        Map<String, SourceRecord> organisationSources = new HashMap<>();
        for (SourceRecord r : sources.organisations()) {
            Organisation o = organisation(r, organisationIds);
            SourceRecord first = o == null ? null : organisationSources.get(o.id());
            if (first != null && first.external() != r.external()) {
                organisations.put(o.id(), merge(organisations.get(o.id()), first, o, r));
            } else if (o != null && unique(r, o.id(), organisations.keySet(), "organisation")) {
                organisations.put(o.id(), o);
                organisationSources.put(o.id(), r);
            }
        }
        skipped = java.util.stream.Stream.concat(sources.organisations().stream().filter(SourceRecord::external)
                .map(SourceRecord::id), sources.unreadable().stream())
                .filter(id -> id != null && !organisations.containsKey(id)).collect(java.util.stream.Collectors.toSet());
        List<Standard> standards = Engagements.standards(sources.standards(), diagnostics);
        Map<String, Incubator> incubators = new LinkedHashMap<>();
        for (SourceRecord r : sources.incubators()) {
            Incubator i = incubator(r, organisations.keySet());
            if (i != null) {
                incubators.put(i.id(), i);
            }
        }
        Map<String, Product> products = new LinkedHashMap<>();
        for (SourceRecord r : sources.products()) {
            Product p = product(r, organisationIds, organisations.keySet(), sources.vocabulary(), incubators.keySet());
            p = p == null ? null : p.withDeclared(Engagements.declared(r, standards, diagnostics));
            if (p != null && (r.external() ? !products.containsKey(p.id()) : unique(r, p.id(), products.keySet(), "product"))) {
                products.put(p.id(), p);
            }
        }
        describe(products, organisations, sources);
        Map<String, SourceRecord> conventionSources = new HashMap<>();
        sources.conventions().forEach(r -> conventionSources.put(r.id(), r));
        Set<String> conventionIds = new HashSet<>(conventionSources.keySet());
        conventionIds.addAll(sources.unreadable());
        Set<String> productIds = new HashSet<>(sources.unreadable());
        sources.products().forEach(r -> productIds.add(r.id()));
        // A file that could not be parsed was reported (an error in the project, a warning in beta.gouv.fr's folder).
        skippedProducts = java.util.stream.Stream.concat(sources.products().stream().filter(SourceRecord::external)
                .map(SourceRecord::id), sources.unreadable().stream())
                .filter(id -> !products.containsKey(id)).collect(java.util.stream.Collectors.toSet());
        List<Convention> conventions = new ArrayList<>();
        for (SourceRecord r : sources.conventions()) {
            Convention c = convention(r, organisationIds, productIds, conventionIds);
            if (c != null) {
                conventions.add(c);
            }
        }
        checkAvenantCycles(conventions, conventionSources);
        List<Page> pages = new ArrayList<>();
        for (SourceRecord r : sources.pages()) {
            Page p = page(r);
            if (p != null) {
                pages.add(p);
            }
        }
        List<FastPromotion> fasts = new ArrayList<>();
        for (SourceRecord r : sources.fasts()) {
            FastPromotion promotion = fast(r);
            if (promotion != null && fasts.stream().noneMatch(x -> x.number() == promotion.number())) {
                fasts.add(promotion);
            }
        }
        return new Catalog(conventions, List.copyOf(organisations.values()), List.copyOf(products.values()), pages,
                metrics.load(List.copyOf(products.values()), diagnostics), today, List.copyOf(incubators.values()),
                fasts, standards, sources.evidence());
    }

    private boolean unique(SourceRecord r, String id, Set<String> seen, String what) {
        if (seen.contains(id)) {
            diagnostics.error(r.file(), r.tree().valueAt(r.path().isEmpty() ? "" : r.path() + ".id"),
                    "duplicate " + what + " id '" + id + "'; each " + what + " must have its own id");
            return false;
        }
        return true;
    }

    // ---- organisations -------------------------------------------------------------------------------------

    private Organisation organisation(SourceRecord r, Set<String> organisations) {
        Fields f = Fields.of(r, diagnostics);
        boolean registry = r.document() == null;
        String id;
        if (registry) {
            f.allowOnly(ORGANISATION_FIELDS);
            id = f.text("id", true);
            checkId(f, "id", id);
        } else {
            id = r.id();
            if (!checkFileId(r, f, id)) {
                return null;
            }
        }
        String name = f.text("name", true);
        String siret = f.textOrUnknown("siret", false);
        if (siret != null) {
            siret = siret.replace(" ", "");
            String problem = Siret.problem(siret);
            if (problem != null) {
                f.problemAt("siret", "SIRET '" + siret + "' is invalid: " + problem + "; write 'unknown' rather "
                        + "than a guess");
            }
        }
        String parent = orgRef(f.text("parent", false));
        if (parent != null && !organisations.contains(parent)) {
            f.problemAt("parent", unknownRef("organisation", parent, organisations, "add it to data/organisations.yml"));
        }
        String article = registry ? f.oneOf("article", fr.vitrine.model.French.ARTICLES, false) : null;
        Organisation o = new Organisation(id, name, f.text("acronym", false), f.text("type", false), siret,
                parent, f.text("domaine_ministeriel", false), f.text("address", false), r.file(), article);
        return f.failed() ? null : o;
    }

    /**
     * One organisation defined both in the project ({@code data/}) and in beta.gouv.fr's folder: field by field, the
     * record that gives a value wins, and the project's when both do; a warning at the beta.gouv.fr value names both
     * files when they disagree on a fact (names compared without case or accents).
     */
    private Organisation merge(Organisation a, SourceRecord aSource, Organisation b, SourceRecord bSource) {
        boolean aFirst = !aSource.external();
        Organisation project = aFirst ? a : b;
        Organisation external = aFirst ? b : a;
        SourceRecord externalSource = aFirst ? bSource : aSource;
        SourceRecord projectSource = aFirst ? aSource : bSource;
        String[] keys = {"name", "acronym", "type", "siret", "parent", "domaine_ministeriel", "address"};
        String[] p = {project.name(), project.acronym(), project.type(), project.siret(), project.parent(),
                project.ministry(), project.address()};
        String[] e = {external.name(), external.acronym(), external.type(), external.siret(), external.parent(),
                external.ministry(), external.address()};
        String[] merged = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            merged[i] = p[i] != null ? p[i] : e[i];
            if (p[i] != null && e[i] != null && !Text.fold(p[i]).equals(Text.fold(e[i]))) {
                diagnostics.warning(externalSource.file(), externalSource.tree().valueAt(externalSource.child(keys[i])),
                        "organisation '" + Text.abbreviate(project.id()) + "': " + keys[i] + " '" + Text.abbreviate(e[i])
                        + "' here, '" + Text.abbreviate(p[i]) + "' in " + projectSource.file() + ", which is used; "
                        + "make them agree");
            }
        }
        return new Organisation(project.id(), merged[0], merged[1], merged[2], merged[3], merged[4], merged[5],
                merged[6], project.file(), project.article());
    }

    /** Accepts beta.gouv.fr's "/organisations/dinum" as well as "dinum". */
    private static String orgRef(String ref) {
        if (ref == null) {
            return null;
        }
        String s = ref.strip();
        return s.startsWith("/organisations/") ? s.substring("/organisations/".length()) : s;
    }

    // ---- products ------------------------------------------------------------------------------------------

    /**
     * A product; one from beta.gouv.fr's folder is always kept (a file that could not be parsed never gets here): each
     * value it cannot use is a warning saying what was done with it, the rest of the page is built.
     */
    private Product product(SourceRecord r, Set<String> organisations, Set<String> published, Vocabulary vocabulary,
                            Set<String> incubators) {
        boolean degrade = r.external();
        Fields f = degrade ? Fields.degrading(r, diagnostics) : Fields.of(r, diagnostics);
        String id = r.id();
        if (!checkFileId(r, f, id)) {
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

    /** An incubator file of beta.gouv.fr: kept whatever a value is, its file name when it has no title. */
    private Incubator incubator(SourceRecord r, Set<String> organisations) {
        Fields f = Fields.degrading(r, diagnostics);
        if (!checkFileId(r, f, r.id())) {
            return null;
        }
        String name = f.text("title", false);
        if (name == null) {
            f.warnAt("title", "no usable 'title': the file name '" + Text.abbreviate(r.id()) + "' is shown instead");
            name = r.id();
        }
        String owner = orgRef(f.text("owner", false));
        if (owner != null && !organisations.contains(owner)) {
            f.problem(f.pathOf("owner"), unknownRef("organisation", owner, organisations, "its file must be "
                    + "_organisations/" + owner + ".md"), "owner not shown");
            owner = null;
        }
        return new Incubator(r.id(), name, owner, f.text("address", false), url(f, "website"),
                f.text("short_description", false), f.texts("highlighted_startups", false), r.file());
    }

    private static final Pattern FAST_NUMBER = Pattern.compile("(?i)\\bFAST\\s*(\\d{1,3})\\b");
    private static final Pattern MONTH_YEAR = Pattern.compile("(?i)\\b(\\p{L}+)\\s+((?:19|20)\\d\\d)\\b");

    /**
     * A FAST promotion file of beta.gouv.fr: its number from {@code promotion}, else its title (« FAST 3 - Avril
     * 2020 »), else its file name; its month from its title. Without a number it is skipped, with a warning.
     */
    private FastPromotion fast(SourceRecord r) {
        Fields f = Fields.degrading(r, diagnostics);
        String title = f.text("title", false);
        Integer number = f.integer("promotion", 1, 999);
        java.util.regex.Matcher m = FAST_NUMBER.matcher(title == null ? "" : title);
        java.util.regex.Matcher digits = Pattern.compile("^0*(\\d{1,3})\\D").matcher(r.id() + ".");
        if (number == null) {
            number = m.find() ? Integer.valueOf(m.group(1)) : digits.find() && !digits.group(1).isEmpty()
                    ? Integer.valueOf(digits.group(1)) : null;
        }
        if (number == null) {
            f.warnAt("promotion", "no promotion number in 'promotion', the title or the file name (record skipped)");
            return null;
        }
        PartialDate date = null;
        java.util.regex.Matcher my = MONTH_YEAR.matcher(title == null ? "" : title);
        while (date == null && my.find()) {
            int month = fr.vitrine.model.French.month(my.group(1));
            date = month > 0 ? new PartialDate(Integer.parseInt(my.group(2)), month, 0) : null;
        }
        return new FastPromotion(number, title != null ? title : "FAST " + number, date, r.file());
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
    private void describe(Map<String, Product> products, Map<String, Organisation> organisations, SourceSet sources) {
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

    private String url(Fields f, String key) {
        String u = f.text(key, false);
        if (u == null) {
            return null;
        }
        // beta.gouv.fr's editor once wrote addresses HTML-escaped ("https:&#x2F;&#x2F;…"): decode, then check.
        String decoded = u.indexOf('&') >= 0 ? org.jsoup.parser.Parser.unescapeEntities(u, false) : u;
        if (!decoded.equals(u)) {
            diagnostics.warning(f.file(), f.position(key), "'" + key + "' is written with HTML entities ('"
                    + Text.abbreviate(u) + "'); read as '" + Text.abbreviate(decoded) + "': write the address itself");
            u = decoded;
        }
        if (!u.startsWith("https://") && !u.startsWith("http://")) {
            f.problemAt(key, "'" + key + "' must be an http(s) address, got '" + u + "'");
            return null;
        }
        return u;
    }

    // ---- conventions ---------------------------------------------------------------------------------------

    private Convention convention(SourceRecord r, Set<String> organisations, Set<String> products,
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
            Funding.Line line = line(lineFields.get(i), i, organisations, productIds);
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
            if (type != null) {
                obligations.add(new Obligation(type, o.text("article", false), o.text("text", false),
                        o.date("ends", false)));
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

    private Funding.Line line(Fields l, int index, Set<String> organisations, List<String> productIds) {
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

    private void checkAvenantCycles(List<Convention> conventions, Map<String, SourceRecord> sources) {
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

    // ---- pages ---------------------------------------------------------------------------------------------

    private Page page(SourceRecord r) {
        Fields f = Fields.of(r, diagnostics);
        f.allowOnly(PAGE_FIELDS);
        checkFileId(r, f, r.id());
        String title = f.text("title", true);
        @SuppressWarnings("unchecked")
        List<Heading> toc = (List<Heading>) r.document().getOrDefault(CommonmarkEngine.HEADINGS, List.of());
        Page p = new Page(r.id(), title, f.text("description", false), CommonmarkEngine.html(r.document()).text(), toc,
                r.file());
        return f.failed() ? null : p;
    }

    // ---- shared --------------------------------------------------------------------------------------------

    /** False when a file name can't give a page address, reported (a beta.gouv.fr file's as a skipped record). */
    private boolean checkFileId(SourceRecord r, Fields f, String id) {
        if (r.external()) {
            // beta.gouv.fr accepts any file name: the id stays the key, pages get a safe address (Text.address).
            int bad = fr.vitrine.read.Characters.firstForbidden(id);
            if (bad >= 0) {
                diagnostics.warning(r.file(), r.tree().valueAt(r.path()), "file name '" + r.file().getFileName()
                        + "' contains the control character " + fr.vitrine.read.Characters.describe(id.codePointAt(bad))
                        + "; rename the file (record skipped)");
                return false;
            }
            return true;
        }
        if (id.length() > MAX_ID || !ID.matcher(id).matches()) {
            f.problem(r.path(), "file name '" + r.file().getFileName() + "' can't be used as an id: use at most "
                    + MAX_ID + " lower-case letters, digits and hyphens");
        } else if (WINDOWS_DEVICE.matcher(id).matches()) {
            f.problem(r.path(), "file name '" + r.file().getFileName() + "' can't be used as an id: '" + id
                    + "' is a device name on Windows; choose a longer name");
        }
        return true;
    }

    private static void checkId(Fields f, String key, String id) {
        if (id == null) {
            return;
        }
        if (id.length() > MAX_ID || !ID.matcher(id).matches()) {
            f.problemAt(key, "id '" + Text.abbreviate(id) + "' is not valid: use at most " + MAX_ID
                    + " lower-case letters, digits and hyphens (e.g. cerema-dinum-2023)");
        } else if (WINDOWS_DEVICE.matcher(id).matches()) {
            f.problemAt(key, "id '" + id + "' is a device name on Windows (con, prn, aux, nul, com1…, lpt1…); "
                    + "choose a longer id");
        }
    }


    /** A reference to a beta.gouv.fr record whose file was skipped (its own problem is reported on it). */
    private static String notPublished(String what, String id) {
        return what + " '" + Text.abbreviate(id) + "' is not published: its file was skipped (see the problem "
                + "reported on it); fix that file";
    }

    private static String unknownRef(String what, String id, Collection<String> known, String hint) {
        String near = Text.closest(id, known);
        return "unknown " + what + " '" + Text.abbreviate(Objects.toString(id)) + "'"
                + (near != null ? "; did you mean '" + near + "'?" : "; " + Text.abbreviate(hint));
    }
}
