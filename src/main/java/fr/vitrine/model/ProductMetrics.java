package fr.vitrine.model;

import java.nio.file.Path;
import java.util.List;

/**
 * The impact metrics published for a product.
 *
 * @param files   the CSV files its rows come from
 * @param rows    how many rows they hold for this product
 * @param indicators national indicators first (impact, then usage), then territorial ones
 */
public record ProductMetrics(String productId, List<Path> files, long rows, List<Indicator> indicators) {

    /**
     * A /stats page shows at most this many national indicators (and this many territorial names): beyond, the
     * page would weigh hundreds of megabytes. Every row stays in the product's CSV.
     */
    public static final int MAX_SHOWN = 200;

    public List<Indicator> national() {
        return indicators.stream().filter(Indicator::isNational).toList();
    }

    /** Territorial indicators (rows with a {@code code_insee}), grouped by name for a summary. */
    public List<Indicator> territorial() {
        return indicators.stream().filter(i -> !i.isNational()).toList();
    }
}
