package fr.vitrine.render;

import fr.vitrine.model.Convention;
import fr.vitrine.model.Page;
import fr.vitrine.model.Product;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Every kind of page a site has, known to the code: its name (the {@code <type>} of JBake's {@code template.<type>.file}
 * setting, which a project sets only to use another template), its default template, the record its page shows (by
 * the key of its template variable), and the dataset offered as its JSON twin.
 */
public enum PageType {
    MASTERINDEX("index.peb", null, "datapackage.json"),
    CONVENTIONS("conventions.peb", null, "conventions.json"),
    CONVENTION("convention.peb", "convention", null),
    PRODUCTS("products.peb", null, "produits.json"),
    PRODUCT("product.peb", "product", "produits.json"),
    ORGANISATIONS("organisations.peb", null, "organisations.json"),
    ORGANISATION("organisation.peb", "organisation", "organisations.json"),
    INCUBATOR("incubator.peb", "incubator", "incubateurs.json"),
    PAGE("page.peb", "page", "datapackage.json"),
    PLAN("plan.peb", null, "datapackage.json"),
    ERROR404("404.peb", null, "datapackage.json"),
    FEED("feed.peb", null, null),
    SITEMAP("sitemap.peb", null, null),
    ROBOTS("robots.peb", null, null),
    STATS("stats.peb", "product", "indicateurs.json"),
    PROGRAMME("programme.peb", null, "datapackage.json"),
    ENGAGEMENTS("engagements.peb", null, "engagements.json"),
    DATA("data.peb", null, "datapackage.json"),
    FUNDING("funding.peb", null, "lignes-financement.json"),
    FAST("fast.peb", null, "produits.json"),
    SEARCH("search.peb", null, "datapackage.json");

    private final String key;
    private final String setting;
    private final String template;
    private final String record;
    private final String dataset;

    PageType(String template, String record, String dataset) {
        this.key = name().toLowerCase(Locale.ROOT);
        this.setting = "template." + key + ".file";
        this.template = template;
        this.record = record;
        this.dataset = dataset;
    }

    /** The name in settings and messages: "convention", "error404". */
    public String key() {
        return key;
    }

    /** The setting that names another template for this type (looked up for every page: made once). */
    public String setting() {
        return setting;
    }

    /** The template used when the project sets none. */
    public String defaultTemplate() {
        return template;
    }

    /** The record a page of this type shows (a convention, product, organisation or free page), or null. */
    private Object record(Map<String, Object> data) {
        return record == null ? null : data.get(record);
    }

    /** The Markdown file of the record a page of this type shows, or null (a broken link there is most likely its). */
    public Path source(Map<String, Object> data) {
        Object r = record(data);
        if (r instanceof Convention c) {
            return c.file();
        }
        if (r instanceof Page p) {
            return p.file();
        }
        return r instanceof Product p && this == PRODUCT ? p.file() : null;
    }

    /** The file under /donnees/ offered as this page's data, or null (a convention's own record is set apart). */
    String dataset() {
        return dataset;
    }
}
