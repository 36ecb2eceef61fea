package fr.vitrine.render;

import fr.vitrine.dataset.Downloads;
import fr.vitrine.dataset.OpenData;
import fr.vitrine.dataset.RecordJson;
import fr.vitrine.dataset.Tables;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.Formats;
import fr.vitrine.model.Organisation;
import fr.vitrine.model.Page;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductFacets;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.model.Urls;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.read.TextFile;
import fr.vitrine.render.SiteView.Link;
import io.pebbletemplates.pebble.error.PebbleException;
import org.jbake.template.RenderingException;
import org.jbake.template.model.TemplateModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Renders the site: lists every page, then renders them in parallel through JBake's template SPI (Pebble),
 * straight from the in-memory catalog. A page that renders empty is an error.
 */
public final class SiteRenderer {

    /** One output file: site path, template document type, and the variables it adds to the model. */
    public record PageSpec(String path, PageType type, String title, List<Link> breadcrumb, Map<String, Object> data) {
    }

    private final SiteConfig config;
    private final Catalog catalog;
    private final Diagnostics diagnostics;
    private final SiteView site;
    private final PebbleTemplates templates;
    private final Theme theme;
    private final Charts.Palette palette;
    /** The datasets the open-data page shows; null until written, when the build renders while they are. */
    private volatile OpenData.Result data;
    private final boolean standalone;
    private final int listingSize;
    /** Links to folders name their index.html ({@link #LINKS}{@code =files}): a site to open from the disk. */
    private final boolean fileLinks;
    /** The setting that writes links for the disk, as {@code vitrine build --for-disk} does. */
    public static final String LINKS = "vitrine.links";
    private final List<ProductFacets.Facet> productFacets;
    /** The products listing's static orders (besides by name). */
    private final List<ProductFacets.Order> productOrders;
    /** The funding lines offered beside organisations' and products' pages, by page (from the catalog rendered). */
    private final Map<String, OpenData.Extract> extracts = new java.util.HashMap<>();
    private final Map<String, PageLinks> links = new java.util.concurrent.ConcurrentHashMap<>();
    /** The links and ids of all pages, each text once ({@link PageLinks#scan(byte[], Map)}). */
    private final Map<String, String> linkPool = new java.util.concurrent.ConcurrentHashMap<>();
    /** The HTML pages whose text marks an element {@code data-pagefind-body} (search on only). */
    private final Set<String> searchable = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile List<PageSpec> pages;

    /**
     * A renderer for the whole site, or with {@code standalone} for a product team's site whose root is its /stats
     * page (the catalog then holds that one product).
     */
    public SiteRenderer(SiteConfig config, Catalog catalog, OpenData.Result data, String version,
                        Diagnostics diagnostics, boolean standalone, boolean search) {
        this(config, catalog, data, version, diagnostics, standalone, search, Theme.load(config, standalone), null);
    }

    private SiteRenderer(SiteConfig config, Catalog catalog, OpenData.Result data, String version,
                         Diagnostics diagnostics, boolean standalone, boolean search, Theme theme,
                         PebbleTemplates templates) {
        this.config = config;
        this.catalog = catalog;
        this.data = data;
        this.standalone = standalone;
        this.diagnostics = diagnostics;
        String teamProduct = standalone ? catalog.products().get(0).title() : null;
        this.site = new SiteView(
                standalone ? teamProduct : config.string("vitrine.title", "Vitrine"),
                standalone ? "Indicateurs d'impact et d'usage " + fr.vitrine.model.French.de(teamProduct) + "."
                        : config.string("vitrine.description", ""),
                config.baseUrl(), catalog, catalog.today(), version,
                standalone ? List.of() : List.of(new Link("Accueil", "/"), new Link("Conventions", "/conventions/"),
                        new Link("Produits", "/produits/"), new Link("Financements", "/financements/"),
                        new Link("Statistiques", "/stats/"),
                        new Link("Organisations", "/organisations/"), new Link("Données", "/donnees/")),
                Facets.of(catalog), standalone, search);
        this.listingSize = listingSize(config, diagnostics);
        String links = config.string(LINKS, "folders");
        if (!links.equals("folders") && !links.equals("files")) {
            diagnostics.error(config.source().resolve(fr.vitrine.read.SiteConfig.FILE), config.positionOf(LINKS), LINKS
                    + " is '" + links + "': write folders (links to folders, for a web server) or files (links to "
                    + "each folder's index.html, to open the site from the disk)");
        }
        this.fileLinks = links.equals("files");
        this.productFacets = standalone ? List.of() : ProductFacets.of(catalog);
        this.productOrders = standalone ? List.of() : ProductFacets.orders(catalog);
        if (!standalone) {
            OpenData.extracts(catalog).forEach(e -> extracts.put(e.page(), e));
        }
        this.theme = theme;
        this.palette = theme.palette();
        this.templates = templates != null ? templates : new PebbleTemplates(config.jbake(), theme.templateFolders());
    }

    /**
     * A renderer of another catalog (and its open data) with the same settings, theme and compiled templates: the
     * preview server's rebuilds after sources, not templates, changed.
     */
    public SiteRenderer with(Catalog catalog, OpenData.Result data, Diagnostics diagnostics) {
        return new SiteRenderer(config, catalog, data, site.version(), diagnostics, standalone, site.search(), theme,
                templates);
    }

    /**
     * A renderer of the same catalog whose templates are read and compiled again (the preview server's rebuild after
     * a template changed).
     */
    public SiteRenderer reloaded(Diagnostics diagnostics) {
        return new SiteRenderer(config, catalog, data, site.version(), diagnostics, standalone, site.search(),
                Theme.load(config, standalone), null);
    }

    /**
     * The page types whose template is one of {@code files}, or null when one of them is not a page type's template,
     * or is one that another template extends or includes (then any page may change).
     */
    public Set<PageType> typesOfTemplates(Set<Path> files) {
        Set<String> names = new java.util.HashSet<>();
        for (Path file : files) {
            Path f = file.toAbsolutePath().normalize();
            String name = theme.templateFolders().stream().map(d -> d.toAbsolutePath().normalize())
                    .filter(f::startsWith).findFirst().map(d -> d.relativize(f).toString().replace('\\', '/'))
                    .orElse(null);
            if (name == null || !name.endsWith(".peb")) {
                return null;
            }
            names.add(name);
        }
        Set<PageType> types = java.util.EnumSet.noneOf(PageType.class);
        for (PageSpec spec : pages()) {
            if (names.contains(templateOf(spec.type()))) {
                types.add(spec.type());
            }
        }
        Set<String> used = new java.util.HashSet<>();
        types.forEach(t -> used.add(templateOf(t)));
        if (!used.equals(names)) {
            return null;
        }
        for (Path folder : theme.templateFolders()) {
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path other : walk.filter(p -> p.toString().endsWith(".peb")).toList()) {
                    String text = Files.readString(other);
                    String own = folder.relativize(other).toString().replace('\\', '/');
                    if (names.stream().anyMatch(n -> !n.equals(own) && text.contains(n))) {
                        return null;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                return null;
            }
        }
        return types;
    }

    /** The catalog rendered. */
    public Catalog catalog() {
        return catalog;
    }

    /** The facets of the catalog rendered: what every listing page shows. */
    public List<Facets.Facet> facets() {
        return site.facets();
    }

    /** Every page of the site, in a stable order (listed once per renderer). */
    public List<PageSpec> pages() {
        List<PageSpec> listed = pages;
        if (listed == null) {
            listed = List.copyOf(listPages());
            pages = listed;
        }
        return listed;
    }

    /** The pages of these conventions and free pages (ids), as {@link #pages} lists them. */
    public List<PageSpec> pagesOf(Set<String> conventions, Set<String> freePages) {
        List<PageSpec> out = new ArrayList<>();
        conventions.stream().map(catalog::convention).filter(java.util.Objects::nonNull).map(this::conventionPage)
                .forEach(out::add);
        catalog.pages().stream().filter(p -> freePages.contains(p.id())).map(this::freePage).forEach(out::add);
        return out;
    }

    private PageSpec conventionPage(Convention c) {
        return new PageSpec("/conventions/" + c.id() + "/", PageType.CONVENTION, c.title(),
                List.of(new Link("Accueil", "/"), new Link("Conventions", "/conventions/")),
                Map.of("convention", c, "downloads", downloads(c)));
    }

    private PageSpec freePage(Page p) {
        return new PageSpec("/" + p.id() + "/", PageType.PAGE, p.title(), List.of(new Link("Accueil", "/")), Map.of("page", p));
    }

    private List<PageSpec> listPages() {
        if (standalone) {
            Product p = catalog.products().get(0);
            return List.of(statsPage(p, "/", List.of(), OpenData.FOLDER_PATH + Tables.indicators().csvFile()),
                    new PageSpec("/404.html", PageType.ERROR404, "Page introuvable", List.of(new Link("Accueil", "/")), Map.of()));
        }
        List<PageSpec> pages = new ArrayList<>();
        Link home = new Link("Accueil", "/");
        Link conventions = new Link("Conventions", "/conventions/");
        Link products = new Link("Produits", "/produits/");
        Link organisations = new Link("Organisations", "/organisations/");

        pages.add(new PageSpec("/", PageType.MASTERINDEX, site.title(), List.of(), Map.of("home", HomeView.of(catalog))));
        listing(pages, "/conventions/", "Conventions", List.of(home), catalog.conventions(), null, null);
        for (Facets.Facet facet : site.facets()) {
            for (Facets.Value value : facet.values()) {
                if (value.getCount() == 0) {
                    continue;
                }
                listing(pages, value.getPath(),
                        "Conventions – " + facet.label().toLowerCase(java.util.Locale.FRENCH) + " : " + value.label(),
                        List.of(home, conventions), value.conventions(), facet, value);
            }
        }
        for (Convention c : catalog.conventions()) {
            pages.add(conventionPage(c));
        }
        productListing(pages, "/produits/", "Produits", List.of(home), catalog.products(), null, null);
        for (ProductFacets.Order order : productOrders) {
            productListing(pages, order.getPath(), "Produits par " + order.label(), List.of(home, products),
                    order.products(), null, order);
        }
        for (ProductFacets.Facet facet : productFacets) {
            for (ProductFacets.Value value : facet.values()) {
                // "Promotion FAST" → "promotion FAST": the first letter only.
                String name = facet.label().substring(0, 1).toLowerCase(java.util.Locale.FRENCH) + facet.label().substring(1);
                productListing(pages, value.getPath(), "Produits – " + name + " : " + value.label(),
                        List.of(home, products), value.products(), value, null);
            }
        }
        for (Product p : catalog.products()) {
            String path = p.path();
            pages.add(new PageSpec(path, PageType.PRODUCT, p.title(), List.of(home, products),
                    data("product", p, "funding", catalog.moneyOfProduct(p.id()), "lines", extracts.get(path))));
            pages.add(statsPage(p, path + "stats/", List.of(home, products, new Link(p.title(), path)),
                    Downloads.statsCsv(p.id())));
        }
        for (fr.vitrine.model.Incubator i : catalog.incubators()) {
            pages.add(new PageSpec(i.path(), PageType.INCUBATOR, i.name(), List.of(home, products),
                    Map.of("incubator", i, "products", catalog.productsOfIncubator(i.id()))));
        }
        pages.add(new PageSpec("/financements/", PageType.FUNDING, "Financements", List.of(home),
                Map.of("funding", FundingView.of(catalog, palette))));
        Link funding = new Link("Financements", "/financements/");
        for (fr.vitrine.model.FastPromotion f : catalog.fastPromotions()) {
            pages.add(new PageSpec(f.path(), PageType.FAST, f.title(), List.of(home, funding),
                    Map.of("promotion", f, "laureates", catalog.laureates(f))));
        }
        pages.add(new PageSpec("/stats/", PageType.PROGRAMME, "Statistiques d'impact des produits", List.of(home),
                Map.of("programme", ProgrammeView.of(catalog, palette))));
        EngagementsView engagements = EngagementsView.of(catalog, palette);
        pages.add(new PageSpec("/engagements/", PageType.ENGAGEMENTS, "Engagements des produits", List.of(home),
                Map.of("engagements", engagements)));
        Link allEngagements = new Link("Engagements", "/engagements/");
        for (EngagementsView.Value v : engagements.pages()) {
            String facet = engagements.facets().stream().filter(f -> f.key().equals(v.facet())).findFirst()
                    .orElseThrow().label().toLowerCase(java.util.Locale.FRENCH);
            pages.add(new PageSpec(v.getPath(), PageType.ENGAGEMENTS, "Engagements – " + facet + " : " + v.label(),
                    List.of(home, allEngagements), Map.of("engagements", engagements.filtered(catalog, v, palette))));
        }
        pages.add(new PageSpec("/organisations/", PageType.ORGANISATIONS, "Organisations", List.of(home), Map.of()));
        for (Organisation o : catalog.organisations()) {
            pages.add(new PageSpec(o.path(), PageType.ORGANISATION, o.name(),
                    List.of(home, organisations), data("organisation", o, "lines", extracts.get(o.path()))));
        }
        if (site.search()) {
            pages.add(new PageSpec("/recherche/", PageType.SEARCH, "Rechercher", List.of(home), Map.of()));
        }
        pages.add(new PageSpec("/donnees/", PageType.DATA, "Données ouvertes", List.of(home), Map.of()));
        for (Page p : catalog.pages()) {
            pages.add(freePage(p));
        }
        List<PageSpec> htmlPages = List.copyOf(pages);
        // The plan lists each listing once, not each of its pages nor its other orders.
        List<PageSpec> planned = htmlPages.stream().filter(p -> !(p.data().get("pagination") instanceof Pagination n
                && n.current() > 1) && p.data().get("order") == null).toList();
        pages.add(new PageSpec("/plan-du-site/", PageType.PLAN, "Plan du site", List.of(home), Map.of("pages", planned)));
        pages.add(new PageSpec("/404.html", PageType.ERROR404, "Page introuvable", List.of(home), Map.of()));
        pages.add(new PageSpec("/conventions/atom.xml", PageType.FEED, site.title(), List.of(), Map.of()));
        List<String> sitemap = new ArrayList<>(htmlPages.stream().map(PageSpec::path).toList());
        sitemap.add("/plan-du-site/");
        pages.add(new PageSpec("/sitemap.xml", PageType.SITEMAP, "", List.of(), Map.of("paths", sitemap)));
        pages.add(new PageSpec("/robots.txt", PageType.ROBOTS, "", List.of(), Map.of()));
        return pages;
    }

    /**
     * The pages of {@link #pages} that may differ from those of {@code before} (the renderer of the site served) after
     * the conventions and free pages of these ids changed, or {@code null} when every page may: the conventions' order
     * or a facet's members changed (listings shift), or products or organisations did. Which pages show what follows
     * the templates: a convention's page shows the conventions it amends or cites and those amending or citing it;
     * a listing page shows its rows and its listing's total; a product's pages and an organisation's show their
     * conventions. Every page about the whole programme (home, feed, funding, statistics, indexes, site plan) is in;
     * the sitemap, robots.txt, 404 and search pages show no record, and the open-data page waits for the datasets.
     */
    public List<PageSpec> pagesShowing(Set<String> conventions, Set<String> pages, SiteRenderer before) {
        Catalog old = before.catalog;
        if (!sameListings(before)) {
            return null;
        }
        Set<String> shown = new java.util.HashSet<>();
        Set<String> products = new java.util.HashSet<>();
        Set<String> organisations = new java.util.HashSet<>();
        for (Catalog c : List.of(old, catalog)) {
            for (String id : conventions) {
                Convention x = c.convention(id);
                if (x == null) {
                    continue;
                }
                shown.add(id);
                java.util.stream.Stream.of(x.parent(), x.source().citedIn()).filter(java.util.Objects::nonNull)
                        .forEach(shown::add);
                java.util.stream.Stream.concat(c.avenants(id).stream(), c.citedBy(id).stream())
                        .forEach(y -> shown.add(y.id()));
                products.addAll(x.products());
                x.parties().forEach(p -> organisations.add(p.org()));
                for (fr.vitrine.model.Funding.Line l : x.funding()) {
                    java.util.stream.Stream.of(l.product()).filter(java.util.Objects::nonNull).forEach(products::add);
                    java.util.stream.Stream.of(l.from(), l.to()).filter(java.util.Objects::nonNull)
                            .forEach(organisations::add);
                }
            }
        }
        Map<String, PageSpec> listingsBefore = new java.util.HashMap<>();
        before.pages().stream().filter(p -> p.type() == PageType.CONVENTIONS).forEach(p -> listingsBefore.put(p.path(), p));
        List<PageSpec> out = new ArrayList<>();
        for (PageSpec spec : pages()) {
            boolean in = switch (spec.type()) {
                case CONVENTION -> shown.contains(((Convention) spec.data().get("convention")).id());
                case CONVENTIONS -> showsOne(spec, conventions) || !totalOf(spec).equals(
                        totalOf(listingsBefore.get(spec.path())));
                case PRODUCT, STATS -> products.contains(((Product) spec.data().get("product")).id());
                case ORGANISATION -> organisations.contains(((Organisation) spec.data().get("organisation")).id());
                case PAGE -> pages.contains(((Page) spec.data().get("page")).id());
                // Addresses only, or nothing of the records; the open-data page shows the datasets (written after).
                case SITEMAP, ROBOTS, ERROR404, SEARCH, DATA -> false;
                // Product files and their evidence only (conventions show on product pages).
                case ENGAGEMENTS -> false;
                // Lists or totals of every record.
                case MASTERINDEX, PRODUCTS, ORGANISATIONS, PLAN, FEED, PROGRAMME, FUNDING, INCUBATOR, FAST -> true;
            };
            if (in) {
                out.add(spec);
            }
        }
        return out;
    }

    /**
     * True when this catalog lists the same conventions in the same order, in the same facets, with the same products
     * and organisations, as {@code before}'s: then no page appears, disappears or moves.
     */
    public boolean sameListings(SiteRenderer before) {
        Catalog old = before.catalog;
        return ids(catalog.conventions()).equals(ids(old.conventions()))
                && facetMembers(facets()).equals(facetMembers(before.facets()))
                && productFacets.equals(before.productFacets)
                && catalog.products().equals(old.products()) && catalog.organisations().equals(old.organisations())
                && catalog.pages().stream().map(Page::id).toList().equals(old.pages().stream().map(Page::id).toList());
    }

    private static List<String> ids(List<Convention> conventions) {
        return conventions.stream().map(Convention::id).toList();
    }

    /** Each facet value's address, label and members, in order. */
    private static List<List<Object>> facetMembers(List<Facets.Facet> facets) {
        List<List<Object>> out = new ArrayList<>();
        for (Facets.Facet f : facets) {
            for (Facets.Value v : f.values()) {
                out.add(List.of(f.key(), f.label(), v.slug(), v.label(), ids(v.conventions())));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static boolean showsOne(PageSpec listing, Set<String> conventions) {
        return ((List<Convention>) listing.data().get("shown")).stream().anyMatch(c -> conventions.contains(c.id()));
    }

    private static String totalOf(PageSpec listing) {
        return listing == null ? "" : String.valueOf(listing.data().get("total"));
    }

    /**
     * The source file whose Markdown each page shows, by site path: conventions, free pages and products. A broken
     * link on one of those pages is most likely written in that file.
     */
    public Map<String, Path> markdownSources() {
        return markdownSources(pages());
    }

    /** {@link #markdownSources()} of some pages. */
    public Map<String, Path> markdownSources(List<PageSpec> pages) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (PageSpec spec : pages) {
            Path file = spec.type().source(spec.data());
            if (file != null) {
                out.put(spec.path(), file);
            }
        }
        return out;
    }

    /** A listing of conventions at {@code path}, in pages as {@link #paginated} writes them. */
    private void listing(List<PageSpec> pages, String path, String title, List<Link> breadcrumb,
                         List<Convention> conventions, Facets.Facet facet, Facets.Value value) {
        // Summed once for all the listing's pages: a listing of 10 000 conventions has 500 of them.
        java.math.BigDecimal total = catalog.totalOf(conventions);
        paginated(pages, PageType.CONVENTIONS, path, title, breadcrumb, conventions,
                data("conventions", conventions, "total", total, "facet", facet, "facetValue", value));
    }

    /**
     * A listing of products at {@code path} (all of them, a facet value's, or all in another {@code order}), in pages
     * as {@link #paginated} writes them, with the facets to narrow it, the orders to sort it, and its selection as CSV
     * and XLSX beside it.
     */
    private void productListing(List<PageSpec> pages, String path, String title, List<Link> breadcrumb,
                                List<Product> products, ProductFacets.Value value, ProductFacets.Order order) {
        paginated(pages, PageType.PRODUCTS, path, title, breadcrumb, products,
                data("products", products, "productFacets", productFacets, "facetValue", value,
                        "orders", productOrders, "order", order,
                        "selection", value == null ? OpenData.FOLDER_PATH + "produits" : path + "produits"));
    }

    /**
     * A listing's pages of {@code vitrine.listing.size} rows: page 1 at {@code path}, the others at "page/k/" below
     * it, each with its number in its title; each page's variables are {@code data}, its rows ({@code shown}) and its
     * place among the pages ({@code pagination}, null when there is one page).
     */
    private void paginated(List<PageSpec> pages, PageType type, String path, String title, List<Link> breadcrumb,
                           List<?> rows, Map<String, Object> data) {
        int count = Math.max(1, (rows.size() + listingSize - 1) / listingSize);
        for (int k = 1; k <= count; k++) {
            List<Link> crumbs = k == 1 ? breadcrumb
                    : Stream.concat(breadcrumb.stream(), Stream.of(new Link(title, path))).toList();
            Map<String, Object> page = new LinkedHashMap<>(data);
            page.put("shown", rows.subList((k - 1) * listingSize, Math.min(rows.size(), k * listingSize)));
            page.put("pagination", count > 1 ? new Pagination(path, k, count) : null);
            pages.add(new PageSpec(Pagination.path(path, k), type, k == 1 ? title : title + " – page " + k + " sur " + count,
                    crumbs, page));
        }
    }

    /** A product's /stats page at {@code path}, offering its rows at {@code download}. */
    private PageSpec statsPage(Product p, String path, List<Link> breadcrumb, String download) {
        ProductMetrics metrics = catalog.metrics(p.id());
        List<StatsView> views = new ArrayList<>();
        int hidden = 0;
        List<Map<String, Object>> territorial = metrics == null ? List.of() : territorialSummary(metrics);
        if (metrics != null) {
            List<fr.vitrine.model.Indicator> national = metrics.national();
            int shown = Math.min(national.size(), ProductMetrics.MAX_SHOWN);
            for (int i = 0; i < shown; i++) {
                views.add(StatsView.of(national.get(i), i, palette));
            }
            hidden = national.size() - shown;
        }
        int hiddenTerritorial = Math.max(0, territorial.size() - ProductMetrics.MAX_SHOWN);
        return new PageSpec(path, PageType.STATS, "Statistiques d'impact " + fr.vitrine.model.French.de(p.title()), breadcrumb,
                data("product", p, "metrics", metrics, "views", views, "hidden", hidden,
                        "hiddenTerritorial", hiddenTerritorial,
                        "territorial", territorial.subList(0, territorial.size() - hiddenTerritorial),
                        "requiring", catalog.requiringStats(p.id()),
                        "duty", catalog.duty(p.id(), fr.vitrine.model.Obligation.Type.STATS_PAGE),
                        "download", metrics == null ? null : download));
    }

    /** Rows per page of a convention listing: {@code vitrine.listing.size}, 100 unless set. */
    private static int listingSize(SiteConfig config, Diagnostics diagnostics) {
        String key = "vitrine.listing.size";
        String value = config.string(key, "100").strip();
        if (value.matches("[0-9]{1,6}") && Integer.parseInt(value) >= 1) {
            return Integer.parseInt(value);
        }
        diagnostics.error(config.source().resolve(SiteConfig.FILE), config.positionOf(key), "'" + value + "' is not "
                + "a number of rows for " + key + "; write a whole number such as 100 (rows per page of a listing)");
        return 100;
    }

    /** Template variables from name/value pairs; values may be null (templates test them with "is null"). */
    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Badge tone of each convention status. */
    private static final Map<String, String> STATUS_TONES = Map.of("en-vigueur", "success", "a-venir", "info",
            "terminee", "", "inconnu", "warning");

    /** Site path of a product's impact rows, normalised. */
    /** Territorial indicators by name: how many territories and rows, for a summary table. */
    private static List<Map<String, Object>> territorialSummary(ProductMetrics metrics) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (fr.vitrine.model.Indicator i : metrics.territorial()) {
            Map<String, Object> row = byName.computeIfAbsent(i.name(), n -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", n);
                m.put("level", i.denomInsee());
                m.put("territories", 0);
                m.put("rows", 0);
                return m;
            });
            row.put("territories", (Integer) row.get("territories") + 1);
            row.put("rows", (Integer) row.get("rows") + i.measures().size() + i.targets().size());
        }
        return List.copyOf(byName.values());
    }

    /**
     * The JSON a page advertises with {@code <link rel="alternate" type="application/json">}: a convention's record,
     * the dataset a listing shows, else the site's data package; {@code null} on a team's site (no such files).
     */
    private String alternateJson(PageSpec spec) {
        if (standalone) {
            return null;
        }
        if (spec.type() == PageType.CONVENTION) {
            String id = ((Convention) spec.data().get("convention")).id();
            return "/conventions/" + id + "/" + id + ".json";
        }
        return spec.type().dataset() == null ? null : OpenData.FOLDER_PATH + spec.type().dataset();
    }

    /** Files offered for download on a convention's page: site path → label. */
    private Map<String, String> downloads(Convention c) {
        Map<String, String> out = new LinkedHashMap<>();
        String dir = "/conventions/" + c.id() + "/";
        out.put(dir + c.id() + ".json", "Fiche structurée (JSON)");
        if (c.hasText()) {
            out.put(dir + c.id() + ".md", "Texte intégral (Markdown)");
        }
        if (c.source().text() != null) {
            String name = Path.of(c.source().text()).getFileName().toString();
            String type = name.toLowerCase(java.util.Locale.ROOT);
            out.put(dir + name, "Texte d'origine (" + (type.endsWith(".pdf") ? "PDF"
                    : type.endsWith(".md") ? "Markdown" : "texte brut") + ")");
        }
        return out;
    }

    /** What each HTML page rendered so far links to, by site file ("conventions/x/index.html"), for the link check. */
    public Map<String, PageLinks> links() {
        return links;
    }

    /** The HTML pages rendered so far that the search index reads (by site file), when the site has search. */
    public Set<String> searchable() {
        return searchable;
    }

    /**
     * Renders every page into {@code out} and copies assets and downloads; returns the number of pages. A renderer
     * made before the datasets were written leaves the open-data page to {@link #renderData}.
     */
    public int render(Path out) {
        List<PageSpec> pages = pages();
        Map<String, Object> configMap = config.jbake().asHashMap();
        AtomicInteger written = new AtomicInteger();
        pages.parallelStream().filter(spec -> data != null || spec.type() != PageType.DATA).forEach(spec -> {
            if (renderPage(spec, configMap, out)) {
                written.incrementAndGet();
            }
        });
        theme.copyAssets(out);
        if (!standalone) {
            writeListingIndex(out);
            writeMedia(out);
        }
        return written.get();
    }

    /**
     * Renders {@code pages} in parallel without writing them: site file ("conventions/x/index.html") → text, in the
     * pages' order; a page that fails is reported and left out. Their links are recorded as {@link #render} does.
     */
    public Map<String, String> renderInMemory(List<PageSpec> pages) {
        Map<String, Object> configMap = config.jbake().asHashMap();
        Map<String, String> out = new java.util.concurrent.ConcurrentHashMap<>();
        pages.parallelStream().forEach(spec -> {
            byte[] utf8 = renderText(spec, configMap);
            if (utf8 != null) {
                out.put(Urls.file(spec.path()), new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        pages.stream().map(p -> Urls.file(p.path())).filter(out::containsKey).forEach(f -> ordered.put(f, out.get(f)));
        return ordered;
    }

    private boolean renderPage(PageSpec spec, Map<String, Object> configMap, Path out) {
        byte[] utf8 = renderText(spec, configMap);
        if (utf8 == null) {
            return false;
        }
        TextFile.write(out.resolve(Urls.file(spec.path())), utf8);
        return true;
    }

    /**
     * Renders the open-data page from the datasets, written while the other pages were rendered, into {@code out};
     * this renderer shows them from then on. Returns the number of pages written.
     */
    public int renderData(Path out, OpenData.Result written) {
        data = written;
        Map<String, Object> configMap = config.jbake().asHashMap();
        return (int) pages().stream().filter(spec -> spec.type() == PageType.DATA)
                .filter(spec -> renderPage(spec, configMap, out)).count();
    }

    /** The template of a page type: the project's {@link PageType#setting()}, else the type's default. */
    private String templateOf(PageType type) {
        return config.own(type.setting()).orElse(type.defaultTemplate());
    }

    /** Bytes a page's buffer starts with: a convention page is 44 KB (growing a buffer copies it). */
    private static final int PAGE_CAPACITY = 64 * 1024;

    /** The page's text in UTF-8, its links recorded; null when it can't be rendered (reported). */
    private byte[] renderText(PageSpec spec, Map<String, Object> configMap) {
        String template = templateOf(spec.type());
        if (theme.template(template) == null) {
            diagnostics.error(config.source().resolve(SiteConfig.FILE), config.positionOf(spec.type().setting()),
                    "no template for page type '" + spec.type().key() + "' (" + spec.path() + "): set "
                    + spec.type().setting() + " in jbake.properties to a file of "
                    + config.templateFolder().getFileName() + "/");
            return null;
        }
        Path templateFile = theme.template(template);
        TemplateModel model = new TemplateModel();
        model.setConfig(configMap);
        model.putAll(spec.data());
        if (spec.type() == PageType.DATA) {
            model.put("data", data);
        }
        model.put("site", site);
        model.put("title", spec.title());
        model.put("breadcrumb", spec.breadcrumb());
        model.put(SiteExtension.PAGE_PATH, spec.path());
        model.put(SiteExtension.BASE_URL, site.baseUrl());
        model.put(SiteExtension.FILE_LINKS, fileLinks);
        model.put("theme", theme.name());
        model.put("statusTones", STATUS_TONES);
        model.put("alternateJson", alternateJson(spec));
        PageBuffer writer = new PageBuffer(PAGE_CAPACITY);
        try {
            templates.renderDocument(model, template, writer);
        } catch (RenderingException e) {
            reportTemplateError(templateFile, spec, e.getCause() != null ? e.getCause() : e);
            return null;
        }
        byte[] utf8 = writer.utf8();
        if (PageBuffer.isBlank(utf8)) {
            diagnostics.error(templateFile, 0, 0, "template rendered an empty page for " + spec.path()
                    + "; check the template and that it extends a layout that prints content");
            return null;
        }
        String file = Urls.file(spec.path());
        if (file.endsWith(".html")) {
            links.put(file, PageLinks.scan(utf8, linkPool));
            if (site.search() && SearchIndex.marksBody(utf8)) {
                searchable.add(file);
            }
        }
        return utf8;
    }

    /** Points at the template line Pebble names (which may be a layout or partial, not the page's template). */
    private void reportTemplateError(Path templateFile, PageSpec spec, Throwable cause) {
        Path file = templateFile;
        int line = 0;
        String message = cause.getMessage();
        if (cause instanceof PebbleException pe) {
            if (pe.getFileName() != null && theme.template(pe.getFileName()) != null) {
                file = theme.template(pe.getFileName());
            }
            line = pe.getLineNumber() == null ? 0 : pe.getLineNumber();
            message = pe.getPebbleMessage();
        }
        diagnostics.error(file, line, 1, "rendering " + spec.path() + " failed: " + message);
    }

    /** Site path of the index the listing's script filters and sorts. */
    static final String LISTING_INDEX = "/conventions/index.json";
    /** Site path of the index the products listing's script filters and sorts. */
    static final String PRODUCTS_INDEX = "/produits/index.json";

    /**
     * The conventions as the listing's script needs them: each facet value (the slugs of the facet pages), what the
     * table shows, and the sort keys (the first and last day a partial signing date allows).
     */
    public void writeListingIndex(Path out) {
        Map<String, Map<String, List<String>>> facetsOf = new LinkedHashMap<>();
        for (Facets.Facet f : site.facets()) {
            for (Facets.Value v : f.values()) {
                for (Convention c : v.conventions()) {
                    facetsOf.computeIfAbsent(c.id(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(f.key(), k -> new ArrayList<>()).add(v.slug());
                }
            }
        }
        List<Object> rows = new ArrayList<>();
        for (Convention c : catalog.conventions()) {
            Convention.Status status = c.status(catalog.today());
            rows.add(RecordJson.ordered("id", c.id(), "title", c.title(), "kind", c.kind().label,
                    "funders", c.funders().stream().map(f -> f == null || catalog.organisationPath(f) == null
                            ? List.of("", f == null ? "non précisé" : catalog.organisationName(f))
                            : List.of(catalog.organisationPath(f), catalog.organisationName(f))).toList(),
                    "products", c.products().stream().map(p -> List.of(catalog.productPath(p), catalog.product(p).title()))
                            .toList(),
                    "signed", c.signed() == null ? null : c.signed().iso(), "signedLabel", Formats.date(c.signed()),
                    "signedFirst", c.signed() == null ? null : c.signed().first().toString(),
                    "signedLast", c.signed() == null ? null : c.signed().last().toString(),
                    "amount", c.total(), "amountLabel", Formats.euros(c.total()),
                    "status", status.code, "statusLabel", status.label,
                    "facets", facetsOf.getOrDefault(c.id(), Map.of())));
        }
        TextFile.writeUtf8(out.resolve(Urls.file(LISTING_INDEX)), RecordJson.write(rows));
        writeProductsIndex(out);
    }

    /**
     * The products as the listing's script needs them: each facet value (the slugs of the facet pages), what the table
     * shows, and the sort keys (the current phase's rank in a product's life, the first day of its first phase).
     */
    private void writeProductsIndex(Path out) {
        Map<String, Map<String, List<String>>> facetsOf = new LinkedHashMap<>();
        for (ProductFacets.Facet f : productFacets) {
            for (ProductFacets.Value v : f.values()) {
                for (Product p : v.products()) {
                    facetsOf.computeIfAbsent(p.id(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(f.key(), k -> new ArrayList<>()).add(v.slug());
                }
            }
        }
        List<Object> rows = new ArrayList<>();
        for (Product p : catalog.products()) {
            Product.Phase phase = p.currentPhase(catalog.today());
            String ended = p.phasesEndedText(catalog.today());
            fr.vitrine.model.Incubator incubator = catalog.incubatorOf(p);
            fr.vitrine.model.PartialDate start = p.started();
            fr.vitrine.model.MoneyTotals.Lines funding = catalog.fundingOfProduct(p.id());
            rows.add(RecordJson.ordered("id", p.id(), "path", p.path(), "title", p.title(), "mission", p.mission(),
                    "incubator", incubator != null ? List.of(incubator.path(), incubator.name())
                            : List.of("", java.util.Objects.toString(catalog.incubatorName(p), "non précisé")),
                    "phase", phase == null ? null : phase.label(),
                    "phaseLabel", phase != null ? phase.label() : ended != null ? "aucune (" + ended + ")" : "non précisée",
                    "phaseRank", ProductFacets.phaseRank(p, catalog.today()),
                    "start", start == null ? null : start.first().toString(), "startLabel", Formats.date(start),
                    "amount", funding.knownTotal(), "amountLabel", funding.getAmount(),
                    "facets", facetsOf.getOrDefault(p.id(), Map.of())));
        }
        TextFile.writeUtf8(out.resolve(Urls.file(PRODUCTS_INDEX)), RecordJson.write(rows));
    }

    /** Images of product descriptions, copied from the beta.gouv.fr checkout beside the product's page. */
    private void writeMedia(Path out) {
        for (Product p : catalog.products()) {
            p.media().forEach((sitePath, file) -> {
                Path target = out.resolve(Urls.file(sitePath)).normalize();
                try {
                    if (target.startsWith(out) && !Files.exists(target)) {
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

}
