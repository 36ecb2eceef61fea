package fr.vitrine.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every validated record of a project, indexed, with the questions pages and datasets ask of them. */
public final class Catalog {

    /**
     * A funding line with where it comes from: the convention it belongs to, or ({@code convention} null) the
     * beta.gouv.fr product file whose {@code fast} field gives it.
     */
    public record Money(Convention convention, Funding.Line line, Product productFile) {
        public Money(Convention convention, Funding.Line line) {
            this(convention, line, null);
        }

        /** True for a line read from a product file (a FAST award), not from a convention. */
        public boolean isFromProductFile() {
            return productFile != null;
        }

        /** The products it funds: the one it names, else every product of its convention (then shared). */
        public List<String> products() {
            return line.product() != null ? List.of(line.product()) : convention.products();
        }

        /** The budget year the line gives, else its convention's. */
        public Integer year() {
            return convention != null ? convention.year() : line.year();
        }
    }

    /**
     * Name of the fund a product file's {@code fast} field awards, as the conventions name it: its lines and theirs are
     * one funder.
     */
    public static final String FAST = "Fonds d'accélération des Startups d'État et de Territoire (FAST)";

    /** Most recent first, by the latest date each record gives; records without any date last; then by id. */
    private static final Comparator<Convention> LISTING = Comparator
            .comparing((Convention c) -> c.latestKnownDate().orElse(null), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Convention::id);

    /** Oldest first, for the avenants of a convention and the records its text recounts. */
    private static final Comparator<Convention> CHRONOLOGICAL = Comparator
            .comparing((Convention c) -> c.latestKnownDate().orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Convention::id);

    private final Map<String, Convention> conventions;
    private final Map<String, Organisation> organisations;
    private final Map<String, Product> products;
    private final List<Page> pages;
    private final Map<String, ProductMetrics> metrics;
    private final LocalDate today;
    private final List<Money> productFileMoney;
    private final List<Money> conventionMoney;
    private final List<Money> money;
    private final Map<String, List<Money>> moneyByProduct;
    private final Map<String, List<Convention>> avenants;
    private final Map<String, List<Convention>> citedBy;
    /** Conventions by the products and the organisations they name, in listing order: pages ask for each. */
    private final Map<String, List<Convention>> conventionsByProduct = new java.util.HashMap<>();
    private final Map<String, List<Convention>> conventionsByOrganisation = new java.util.HashMap<>();
    private final List<Standard> standards;
    private final Map<String, List<Engagement>> engagements;
    private final Map<String, Incubator> incubators;
    private final Map<Integer, FastPromotion> fasts;

    public Catalog(List<Convention> conventions, List<Organisation> organisations, List<Product> products,
                   List<Page> pages, Map<String, ProductMetrics> metrics, LocalDate today) {
        this(conventions, organisations, products, pages, metrics, today, List.of(), List.of(), List.of(), Map.of());
    }

    /**
     * @param incubators beta.gouv.fr's incubators, which products name in their {@code incubator} field
     * @param fasts      beta.gouv.fr's FAST promotions
     * @param standards  the programme's standards (data/engagements.yml)
     * @param checks     what {@code vitrine evidence} found at each evidence address (data/evidence.json), by address
     */
    public Catalog(List<Convention> conventions, List<Organisation> organisations, List<Product> products,
                   List<Page> pages, Map<String, ProductMetrics> metrics, LocalDate today, List<Incubator> incubators,
                   List<FastPromotion> fasts, List<Standard> standards, Map<String, EvidenceCheck> checks) {
        this.conventions = index(conventions.stream().sorted(LISTING).toList(), Convention::id);
        this.organisations = index(organisations.stream()
                .sorted(Comparator.comparing(o -> Text.fold(o.name()))).toList(), Organisation::id);
        this.products = index(products.stream()
                .sorted(Comparator.comparing(p -> Text.fold(p.title()))).toList(), Product::id);
        this.pages = pages.stream().sorted(Comparator.comparing(Page::id)).toList();
        this.metrics = Map.copyOf(metrics);
        this.today = today;
        this.productFileMoney = fastLines();
        this.conventionMoney = this.conventions.values().stream()
                .flatMap(c -> c.funding().stream().map(l -> new Money(c, l))).toList();
        this.money = java.util.stream.Stream.concat(conventionMoney.stream(), productFileMoney.stream()).toList();
        Map<String, List<Money>> byProduct = new java.util.HashMap<>();
        for (Money m : money) {
            m.products().forEach(p -> byProduct.computeIfAbsent(p, k -> new java.util.ArrayList<>()).add(m));
        }
        byProduct.replaceAll((p, list) -> list.stream()
                .sorted(Comparator.comparing(Money::year, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(m -> m.convention() == null ? "" : m.convention().id())).toList());
        this.moneyByProduct = byProduct;
        this.avenants = groupedBy(Convention::parent);
        this.citedBy = groupedBy(c -> c.source().citedIn());
        for (Convention c : this.conventions.values()) {
            c.products().stream().distinct()
                    .forEach(id -> conventionsByProduct.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(c));
            java.util.stream.Stream.concat(c.parties().stream().map(Party::org),
                            c.funding().stream().flatMap(l -> java.util.stream.Stream.of(l.from(), l.to())))
                    .filter(Objects::nonNull).distinct()
                    .forEach(id -> conventionsByOrganisation.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(c));
        }
        conventionsByProduct.replaceAll((id, list) -> List.copyOf(list));
        conventionsByOrganisation.replaceAll((id, list) -> List.copyOf(list));
        this.standards = List.copyOf(standards);
        Map<String, List<Engagement>> engagementsByProduct = new LinkedHashMap<>();
        for (Product p : this.products.values()) {
            engagementsByProduct.put(p.id(), standards.stream().map(s -> Engagement.of(s, p, checks)).toList());
        }
        this.engagements = engagementsByProduct;
        this.incubators = index(incubators.stream().sorted(Comparator.comparing(i -> Text.fold(i.name()))).toList(),
                Incubator::id);
        // Every promotion a file describes or a product names (then by its number only), in order.
        Map<Integer, FastPromotion> promotions = new java.util.TreeMap<>();
        fasts.forEach(f -> promotions.putIfAbsent(f.number(), f));
        this.products.values().stream().filter(p -> p.fast() != null && p.fast().promotion() != null)
                .forEach(p -> promotions.computeIfAbsent(p.fast().promotion(),
                        n -> new FastPromotion(n, "FAST " + n, null, null)));
        this.fasts = java.util.Collections.unmodifiableMap(promotions);
    }

    /** The programme's standards, in the order of data/engagements.yml. */
    public List<Standard> standards() {
        return standards;
    }

    /** Where a product stands on each standard, in the order of {@link #standards()}. */
    public List<Engagement> engagementsOf(String productId) {
        return engagements.getOrDefault(productId, List.of());
    }

    /** The obligations of a product's conventions that express a standard. */
    public List<Duty> duties(String productId, Standard standard) {
        return dutiesOfProduct(productId).stream().filter(d -> standard.obligations().contains(d.type())).toList();
    }

    /** Where a product stands on one standard, or null for an unknown product. */
    public Engagement engagement(String productId, Standard standard) {
        return engagementsOf(productId).stream().filter(e -> e.standard().equals(standard)).findFirst().orElse(null);
    }

    /** The standard a type of convention obligation expresses, or null. */
    public Standard standardOf(Obligation.Type type) {
        return standards.stream().filter(s -> s.obligations().contains(type)).findFirst().orElse(null);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(i -> map.putIfAbsent(id.apply(i), i));
        return map;
    }

    /** The day the build takes as "today" for statuses and current phases. */
    public LocalDate today() {
        return today;
    }

    /** Conventions, newest first. */
    public List<Convention> conventions() {
        return List.copyOf(conventions.values());
    }

    /** The {@code n} newest conventions. */
    public List<Convention> latest(long n) {
        return conventions.values().stream().limit(n).toList();
    }

    /** Organisations by name. */
    public List<Organisation> organisations() {
        return List.copyOf(organisations.values());
    }

    /** Products by title. */
    public List<Product> products() {
        return List.copyOf(products.values());
    }

    public List<Page> pages() {
        return pages;
    }

    /** The FAST promotions, by number. */
    public List<FastPromotion> fastPromotions() {
        return List.copyOf(fasts.values());
    }

    /** The promotion a product's {@code fast} field names, or {@code null}. */
    public FastPromotion fastPromotionOf(Product p) {
        return p == null || p.fast() == null || p.fast().promotion() == null ? null : fasts.get(p.fast().promotion());
    }

    /** A promotion's laureates, by title: the products whose {@code fast} field names it. */
    public List<Product> laureates(FastPromotion promotion) {
        return products.values().stream().filter(p -> promotion.equals(fastPromotionOf(p))).toList();
    }

    /** beta.gouv.fr's incubators, by name. */
    public List<Incubator> incubators() {
        return List.copyOf(incubators.values());
    }

    /** The incubator a product names, or {@code null} (none, or no incubator file of that id). */
    public Incubator incubatorOf(Product p) {
        return p == null || p.incubator() == null ? null : incubators.get(p.incubator());
    }

    /**
     * The incubator's name for pages and datasets: its file's {@code title}; a project's product without incubator
     * files shows its {@code incubator} field as written; {@code null} when there is none.
     */
    public String incubatorName(Product p) {
        Incubator i = incubatorOf(p);
        return i != null ? i.name() : incubators.isEmpty() && p != null ? p.incubator() : null;
    }

    /** The products an incubator accompanies, by title. */
    public List<Product> productsOfIncubator(String incubatorId) {
        return products.values().stream().filter(p -> incubatorId.equals(p.incubator())).toList();
    }

    /** The published products an incubator puts forward, in its order. */
    public List<Product> highlightedBy(Incubator i) {
        return i.highlighted().stream().map(products::get).filter(Objects::nonNull).toList();
    }

    public Convention convention(String id) {
        return conventions.get(id);
    }

    public Organisation organisation(String id) {
        return id == null ? null : organisations.get(id);
    }

    public Product product(String id) {
        return products.get(id);
    }

    /** Avenants whose parent is {@code id}, oldest first. */
    public List<Convention> avenants(String id) {
        return avenants.getOrDefault(id, List.of());
    }

    /** Records without text whose source is the text of {@code id}, oldest first. */
    public List<Convention> citedBy(String id) {
        return citedBy.getOrDefault(id, List.of());
    }

    /** Conventions grouped by a key they name (a parent, a cited text), each group oldest first: every page asks. */
    private Map<String, List<Convention>> groupedBy(Function<Convention, String> key) {
        return conventions.values().stream().filter(c -> key.apply(c) != null)
                .sorted(CHRONOLOGICAL)
                .collect(Collectors.groupingBy(key, Collectors.toUnmodifiableList()));
    }

    public List<Convention> conventionsOfProduct(String productId) {
        return conventionsByProduct.getOrDefault(productId, List.of());
    }

    /** Conventions that name the organisation in any role: a signatory party, a funder or a receiver of a line. */
    public List<Convention> conventionsOfOrganisation(String orgId) {
        return conventionsByOrganisation.getOrDefault(orgId, List.of());
    }

    public List<Product> productsSponsoredBy(String orgId) {
        return products.values().stream().filter(p -> p.sponsors().contains(orgId)).toList();
    }

    /**
     * Every funding line of every origin, the one source of every amount the site shows: the conventions' lines in
     * listing order, then those of product files (FAST).
     */
    public List<Money> money() {
        return money;
    }

    /** The conventions' funding lines only, in listing order. */
    public List<Money> conventionMoney() {
        return conventionMoney;
    }

    /** Funding lines of product files: each product's FAST award, as a line whose source is its file. */
    public List<Money> productFileMoney() {
        return productFileMoney;
    }

    private List<Money> fastLines() {
        return products.values().stream().filter(p -> p.fast() != null && p.fast().montant() != null)
                .map(p -> new Money(null, new Funding.Line(0, null, null, FAST, p.fast().montant(), Funding.Tax.UNKNOWN,
                        Funding.Credits.UNKNOWN, null, null, null, null, List.of(), p.id(),
                        p.fast().promotion() == null ? null : "promotion " + p.fast().promotion() + " du FAST"), p))
                .toList();
    }

    /**
     * Funding lines for a product: lines assigned to it, unassigned lines of its conventions, and the FAST award its
     * product file gives; oldest first.
     */
    public List<Money> moneyOfProduct(String productId) {
        return moneyByProduct.getOrDefault(productId, List.of());
    }

    /** True when the line funds the product: assigned to it, or an unassigned line of one of its conventions. */
    public static boolean funds(Money m, String productId) {
        return m.line().product() != null ? m.line().product().equals(productId)
                : m.convention() != null && m.convention().products().contains(productId);
    }

    /** True when the organisation pays or receives the line. */
    public static boolean involves(Money m, String orgId) {
        return orgId.equals(m.line().from()) || orgId.equals(m.line().to());
    }

    /** Other products sharing a funding line with {@code productId}. */
    public List<String> sharedWith(Money money, String productId) {
        return money.products().stream().filter(p -> !p.equals(productId)).toList();
    }

    /** The programme's funding: every line once. */
    public MoneyTotals.Lines funding() {
        return MoneyTotals.Lines.of(money);
    }

    /** A product's funding: « non recensé » when no line names it. */
    public MoneyTotals.Lines fundingOfProduct(String productId) {
        return MoneyTotals.Lines.of(moneyOfProduct(productId));
    }

    /** The funding of an incubator's products, each line once (a line shared by two of them counts once). */
    public MoneyTotals.Lines fundingOfIncubator(String incubatorId) {
        return MoneyTotals.Lines.of(productsOfIncubator(incubatorId).stream()
                .flatMap(p -> moneyOfProduct(p.id()).stream()).distinct().toList());
    }

    /** The FAST awards of a promotion: the lines its laureates' product files give. */
    public MoneyTotals.Lines fundingOfPromotion(FastPromotion promotion) {
        return MoneyTotals.Lines.of(laureates(promotion).stream()
                .flatMap(p -> moneyOfProduct(p.id()).stream().filter(m -> p.equals(m.productFile()))).toList());
    }

    /** Products that at least one funding line names, by title. */
    public List<Product> fundedProducts() {
        return products.values().stream().filter(p -> moneyByProduct.containsKey(p.id())).toList();
    }

    public BigDecimal total() {
        return sum(money());
    }

    /** Lines the organisation pays. */
    public List<Money> moneyGivenBy(String orgId) {
        return money().stream().filter(m -> orgId.equals(m.line().from())).toList();
    }

    /** Lines the organisation receives. */
    public List<Money> moneyReceivedBy(String orgId) {
        return money().stream().filter(m -> orgId.equals(m.line().to())).toList();
    }

    /** What the organisation paid: « non recensé » when no line names it as funder. */
    public MoneyTotals.Lines fundingGivenBy(String orgId) {
        return MoneyTotals.Lines.of(moneyGivenBy(orgId));
    }

    /** What the organisation received: « non recensé » when no line names it as receiver. */
    public MoneyTotals.Lines fundingReceivedBy(String orgId) {
        return MoneyTotals.Lines.of(moneyReceivedBy(orgId));
    }

    /** Money the organisation gave. */
    public BigDecimal totalGivenBy(String orgId) {
        return sum(moneyGivenBy(orgId));
    }

    /** Money the organisation received. */
    public BigDecimal totalReceivedBy(String orgId) {
        return sum(moneyReceivedBy(orgId));
    }

    /** Total of a list of conventions. */
    public BigDecimal totalOf(List<Convention> list) {
        return list.stream().map(Convention::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Obligations of a product's conventions, each with the conventions that impose it, in type order. */
    public Map<Obligation.Type, List<Convention>> obligationsOfProduct(String productId) {
        Map<Obligation.Type, List<Convention>> out = new java.util.EnumMap<>(Obligation.Type.class);
        for (Convention c : conventionsOfProduct(productId)) {
            for (Obligation o : c.obligations()) {
                List<Convention> list = out.computeIfAbsent(o.type(), t -> new java.util.ArrayList<>());
                // Once per convention: conventions come one after another, so c is last if it is there already.
                if (list.isEmpty() || list.get(list.size() - 1) != c) {
                    list.add(c);
                }
            }
        }
        return out;
    }

    /**
     * An obligation as it stands on the build's day: the acts that impose it, the parties that owe it ({@code by},
     * organisation ids; empty when no text says), those of them inferred from the context rather than named
     * ({@code inferred}: id to the record's why, in French), its term ({@code term}, in French, or {@code null} when unknown),
     * and {@code state} "en-cours" (an act imposing it is in force or to come), "echue" (the product has stopped, for
     * a duty about it, or every act imposing it has ended: an obligation lasts as long as its act) or "terme-inconnu"
     * (the record does not say whether the act still runs), with {@code why} in French for the last two.
     */
    public record Duty(Obligation.Type type, List<Convention> conventions, List<String> by,
                       Map<String, String> inferred, String term, String state, String why) {
        /** Why {@code org} is inferred as owing it, or {@code null} when a text names it. */
        public String basisOf(String org) {
            return inferred.get(org);
        }

        public String getLabel() {
            return switch (state) {
                case "en-cours" -> "en cours";
                case "echue" -> "échue";
                default -> "terme inconnu";
            };
        }
    }

    /** The obligations of a product's conventions, in type order, each with its state on the build's day. */
    public List<Duty> dutiesOfProduct(String productId) {
        Product product = product(productId);
        Product.Phase phase = product == null ? null : product.currentPhase(today);
        String stopped = phase == null ? null : switch (phase.name()) {
            case "abandon" -> "le produit est abandonné"
                    + (phase.start() == null ? "" : " depuis le " + Formats.date(phase.start()));
            case "alumni" -> "le partenariat a pris fin"
                    + (phase.start() == null ? "" : " le " + Formats.date(phase.start()));
            default -> null;
        };
        List<Duty> out = new java.util.ArrayList<>();
        obligationsOfProduct(productId).forEach((type, acts) -> {
            Duty d = duty(type, acts);
            // A duty about the product ends with it (publishing the act itself does not).
            out.add(stopped != null && type != Obligation.Type.PUBLICATION
                    ? new Duty(type, acts, d.by(), d.inferred(), d.term(), "echue", stopped) : d);
        });
        return out;
    }

    /** Each obligation of a convention, in the record's order, with its state on the build's day. */
    public List<Duty> dutiesOf(Convention c) {
        return c.obligations().stream().map(o -> duty(o.type(), List.of(c))).toList();
    }

    /** An obligation imposed by {@code acts}: who owes it, its term and its state by the acts' terms. */
    private Duty duty(Obligation.Type type, List<Convention> acts) {
        List<Obligation> said = acts.stream().flatMap(c -> c.obligations().stream()).filter(o -> o.type() == type)
                .toList();
        List<String> by = said.stream().flatMap(o -> o.by().stream()).distinct().toList();
        // A party is inferred only when no act names it.
        Map<String, String> inferred = new LinkedHashMap<>();
        said.stream().filter(o -> o.byBasis() != null)
                .forEach(o -> o.by().forEach(org -> inferred.putIfAbsent(org, o.byBasis())));
        said.stream().filter(o -> o.byBasis() == null).forEach(o -> o.by().forEach(inferred::remove));
        List<Convention.Status> statuses = acts.stream().map(c -> term(c, type)).toList();
        String term = termOf(acts, type);
        if (statuses.contains(Convention.Status.EN_VIGUEUR) || statuses.contains(Convention.Status.A_VENIR)) {
            return new Duty(type, acts, by, inferred, term, "en-cours", null);
        }
        if (statuses.stream().allMatch(st -> st == Convention.Status.TERMINEE)) {
            PartialDate own = acts.size() == 1 ? ownTerm(acts.get(0), type) : null;
            return new Duty(type, acts, by, inferred, term, "echue", own != null ? "son terme, le " + Formats.date(own)
                    + ", est passé" : acts.size() > 1 ? "les actes qui la prévoient ont pris fin"
                    : "l'acte qui la prévoit a pris fin");
        }
        Convention unknown = acts.get(statuses.indexOf(Convention.Status.INCONNU));
        PartialDate own = ownTerm(unknown, type);
        return new Duty(type, acts, by, inferred, term, "terme-inconnu", own != null
                ? "son terme (" + Formats.date(own) + ") n'est pas donné au jour près"
                : unknown.statusReason(today));
    }

    /** The latest term of an obligation over its acts (its own, else its act's end), or null when one is unknown. */
    private static String termOf(List<Convention> acts, Obligation.Type type) {
        LocalDate latest = null;
        for (Convention c : acts) {
            PartialDate own = ownTerm(c, type);
            if (own != null && !own.hasDay()) {
                return acts.size() == 1 ? Formats.date(own) : null;
            }
            java.util.Optional<LocalDate> end = own != null ? java.util.Optional.of(own.last()) : c.end();
            if (end.isEmpty()) {
                return null;
            }
            latest = latest == null || end.get().isAfter(latest) ? end.get() : latest;
        }
        return latest == null ? null : Formats.date(latest);
    }

    /** The term an act gives one of its obligations, or {@code null}: it then lasts as long as the act. */
    private static PartialDate ownTerm(Convention c, Obligation.Type type) {
        return c.obligations().stream().filter(o -> o.type() == type && o.ends() != null).map(Obligation::ends)
                .findFirst().orElse(null);
    }

    /**
     * Whether an act's obligation runs on the build's day: by its own term when the text gives one (past it, it has
     * ended even if the act runs on; before it, it runs, from the act's start), else by the act's status.
     */
    private Convention.Status term(Convention c, Obligation.Type type) {
        PartialDate own = ownTerm(c, type);
        Convention.Status act = c.status(today);
        if (own == null) {
            return act;
        }
        if (own.last().isBefore(today)) {
            return Convention.Status.TERMINEE;
        }
        if (own.first().isBefore(today)) {
            return Convention.Status.INCONNU;
        }
        return act == Convention.Status.A_VENIR ? act : Convention.Status.EN_VIGUEUR;
    }

    /** The state of one obligation of a product, or {@code null} when none of its conventions imposes it. */
    public Duty duty(String productId, Obligation.Type type) {
        return dutiesOfProduct(productId).stream().filter(d -> d.type() == type).findFirst().orElse(null);
    }

    /**
     * Conventions as the Atom feed lists them: by signing date, the date of the act, newest first (as precise as the
     * record gives it: a feed never completes "2020-09" into a day); records without a signing date last, by id.
     */
    public List<Convention> feed() {
        return conventions.values().stream()
                .sorted(Comparator.comparing(Convention::signed, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Convention::id))
                .toList();
    }

    /** The latest signing date known to the day (the feed's own date), else the build's day. */
    public LocalDate lastUpdate() {
        return conventions.values().stream().map(Convention::signed)
                .filter(d -> d != null && d.hasDay()).map(PartialDate::first)
                .max(Comparator.naturalOrder()).orElse(today);
    }

    public static BigDecimal sum(List<Money> money) {
        return money.stream().map(m -> m.line().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Organisations that are a party to at least one convention. */
    public List<Organisation> partners() {
        return organisations.values().stream()
                .filter(o -> conventions.values().stream().anyMatch(c -> c.parties().stream().anyMatch(p -> p.org().equals(o.id()))))
                .toList();
    }

    public long countByKind(Kind kind) {
        return conventions.values().stream().filter(c -> c.kind() == kind).count();
    }

    public List<Convention> withStatus(Convention.Status status) {
        return conventions.values().stream().filter(c -> c.status(today) == status).toList();
    }

    /** The impact metrics published for a product, or {@code null}. */
    public ProductMetrics metrics(String productId) {
        return metrics.get(productId);
    }

    public boolean hasMetrics(String productId) {
        return metrics.containsKey(productId);
    }

    /** Conventions of a product that oblige it to publish a /stats page. */
    public List<Convention> requiringStats(String productId) {
        return conventionsOfProduct(productId).stream().filter(c -> c.requires(Obligation.Type.STATS_PAGE)).toList();
    }

    /** Products with published metrics. */
    public List<Product> productsWithMetrics() {
        return products.values().stream().filter(p -> hasMetrics(p.id())).toList();
    }

    /** Money of lines funding at least one product that publishes metrics. */
    public BigDecimal totalToProductsWithMetrics() {
        return sum(money().stream().filter(m -> m.products().stream().anyMatch(this::hasMetrics)).toList());
    }

    /** The {@link #productsByPhase} key of products whose last phase has ended. */
    public static final String PHASES_ENDED = "dernière phase terminée";

    /**
     * Products by current phase (phase name, {@link #PHASES_ENDED} when the last one ended, "" when unknown), in the
     * order of the beta.gouv.fr phases.
     */
    public Map<String, List<Product>> productsByPhase() {
        Map<String, List<Product>> out = new LinkedHashMap<>();
        Vocabulary.phaseOrder().forEach(name -> out.put(name, new java.util.ArrayList<>()));
        for (Product p : products.values()) {
            Product.Phase phase = p.currentPhase(today);
            String key = phase != null ? phase.name() : p.phasesEndedOn(today) != null ? PHASES_ENDED : "";
            out.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(p);
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    /** The page of a published product, or {@code null} when no product of the site has this id. */
    public String productPath(String id) {
        Product p = id == null ? null : products.get(id);
        return p == null ? null : p.path();
    }

    /** The page of a published organisation, or {@code null} when no organisation of the site has this id. */
    public String organisationPath(String id) {
        Organisation o = organisation(id);
        return o == null ? null : o.path();
    }

    public String organisationName(String id) {
        Organisation o = organisation(id);
        return o == null ? Objects.toString(id, "non précisé") : o.shortName();
    }
}
