package fr.vitrine.dataset;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.model.French;
import fr.vitrine.model.Funding;
import fr.vitrine.model.PartialDate;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.read.SiteConfig;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What describes the published dataset as a whole, for the Data Package, DCAT and data.gouv.fr: settings of
 * {@code jbake.properties} ({@code vitrine.dataset.*}, {@code vitrine.publisher.*}) with defaults, and the temporal
 * coverage measured on the data.
 *
 * @param name        stable identifier (package name, DCAT identifier, data.gouv.fr extras)
 * @param frequency   data.gouv.fr frequency id; the DCAT writer maps it to the EU vocabulary
 * @param start       earliest date in the data, or {@code null}
 * @param end         latest date in the data, or {@code null}
 */
public record Metadata(String name, String title, String description, List<String> keywords, String publisher,
                       String publisherUrl, String contactUrl, String landingPage, String frequency,
                       LocalDate start, LocalDate end, LocalDate modified) {

    public static final String LICENCE_ID = "etalab-2.0";
    /** The time zone of the build's day ({@code Catalog.today()}). */
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    public static final String LICENCE_UDATA = "lov2";
    public static final String LICENCE_TITLE = "Licence Ouverte / Open Licence version 2.0";
    public static final String LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

    static Metadata of(Catalog catalog, SiteConfig config) {
        String base = config.baseUrl();
        String defaultDescription = "Les conventions de financement des services publics numériques du programme "
                + "beta.gouv.fr (Startups d'État) sous forme de données : " + catalog.conventions().size()
                + " conventions et actes de financement, leurs parties, leurs lignes de financement (montants, années, "
                + "crédits, imputations budgétaires) et leurs échéanciers, les produits financés et les organisations "
                + "publiques concernées, ainsi que les indicateurs d'impact publiés par les produits. Chaque fiche est "
                + "établie à partir du texte de la convention ; ce que le texte ne dit pas est laissé vide.";
        List<LocalDate> dates = new ArrayList<>();
        for (Convention c : catalog.conventions()) {
            add(dates, c.signed());
            add(dates, c.ends());
            add(dates, c.effective().date());
            for (Funding.Line l : c.funding()) {
                add(dates, l.start());
                add(dates, l.end());
                l.schedule().forEach(i -> add(dates, i.date()));
            }
        }
        for (var p : catalog.products()) {
            ProductMetrics m = catalog.metrics(p.id());
            if (m != null) {
                addIndicatorDates(dates, m);
            }
        }
        LocalDate start = dates.stream().filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
        LocalDate end = dates.stream().filter(Objects::nonNull).max(LocalDate::compareTo).orElse(null);
        return new Metadata(
                config.string("vitrine.dataset.name", "conventions-startups-etat"),
                config.string("vitrine.dataset.title", "Conventions de financement des services publics numériques"),
                config.string("vitrine.dataset.description", defaultDescription),
                List.of(config.string("vitrine.dataset.keywords",
                        "conventions,financement,beta.gouv.fr,startups d'État,services publics numériques,impact")
                        .split("\\s*,\\s*")),
                config.string("vitrine.publisher.name", config.string("vitrine.title", "Vitrine")),
                config.string("vitrine.publisher.url", base),
                config.string("vitrine.contact.url", base + "a-propos/"),
                base + OpenData.FOLDER + "/",
                "irregular", start, end, catalog.today());
    }

    /** A product team's metrics only ({@code vitrine stats}): named after the product, published by its administration. */
    static Metadata forTeam(Catalog catalog, SiteConfig config) {
        var product = catalog.products().get(0);
        ProductMetrics m = catalog.metrics(product.id());
        List<LocalDate> dates = new ArrayList<>();
        String administration = null;
        for (var i : m.indicators()) {
            administration = administration == null ? i.administration() : administration;
        }
        addIndicatorDates(dates, m);
        String base = config.baseUrl();
        return new Metadata("statistiques-impact-" + product.id(), "Statistiques d'impact " + French.de(product.title()),
                "Les indicateurs d'impact et d'usage publiés par " + product.title() + ", service public numérique, au "
                        + "format du schéma impact-service-public-numerique 0.5.0 de data.gouv.fr : "
                        + French.count(m.national().size(), "indicateur", "indicateurs") + ", "
                        + French.count(m.rows(), "mesure ou cible", "mesures et cibles") + ", avec la méthode de collecte de chacun.",
                List.of("impact", "statistiques", "service public numérique", product.title()),
                Objects.requireNonNullElse(administration, product.title()), base, base, base + OpenData.FOLDER + "/",
                "irregular", dates.stream().min(LocalDate::compareTo).orElse(null),
                dates.stream().max(LocalDate::compareTo).orElse(null), catalog.today());
    }

    /**
     * When the data's day began, as a true UTC instant ({@code 2026-01-14T23:00:00Z} for the 15 January in Paris): never
     * in the future of a build made that day, unlike the Paris date labelled as UTC midnight.
     */
    String modifiedInstant() {
        return modified.atStartOfDay(PARIS).toInstant().toString();
    }

    /** This dataset holds the subsidies' SCDL file: data.gouv.fr's regulatory format asks for the keyword. */
    Metadata withKeyword(String keyword) {
        if (keywords.contains(keyword)) {
            return this;
        }
        List<String> more = new ArrayList<>(keywords);
        more.add(keyword);
        return new Metadata(name, title, description, List.copyOf(more), publisher, publisherUrl, contactUrl,
                landingPage, frequency, start, end, modified);
    }

    /**
     * The one rule for the temporal coverage of impact rows, in {@code build} and {@code stats} alike: every row the
     * datasets publish, measures and targets, from its period's start ({@code date_debut}) to its date.
     */
    private static void addIndicatorDates(List<LocalDate> dates, ProductMetrics m) {
        for (var i : m.indicators()) {
            for (var s : List.of(i.measures(), i.targets())) {
                for (int k = 0; k < s.size(); k++) {
                    dates.add(s.date(k));
                    if (s.start(k) != null) {
                        dates.add(s.start(k));
                    }
                }
            }
        }
    }

    private static void add(List<LocalDate> dates, PartialDate d) {
        if (d != null) {
            dates.add(d.first());
            dates.add(d.last());
        }
    }
}
