package fr.vitrine.render;

import fr.vitrine.model.Catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * What every template sees as {@code site}.
 *
 * @param title   the site's name
 * @param baseUrl its public address, ending with "/"
 * @param nav     the main menu
 * @param standalone true for a product team's own /stats site (no menu, no links to the programme's pages)
 * @param search  true when a full-text index is built (the /recherche/ page exists)
 */
public record SiteView(String title, String description, String baseUrl, Catalog catalog, LocalDate today,
                       String version, List<Link> nav, List<Facets.Facet> facets, boolean standalone,
                       boolean search) {

    /** A link of a menu or breadcrumb: label and site path. */
    public record Link(String label, String path) {
    }
}
