package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Indicator;
import fr.vitrine.model.Measure;
import fr.vitrine.model.Product;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.model.Series;
import fr.vitrine.model.Text;
import fr.vitrine.privacy.Policy;
import fr.vitrine.privacy.PrivacyCheck;
import fr.vitrine.read.ImpactCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Reads every impact CSV under {@code data/}, checks each row, matches rows to products by
 * {@code nom_service_public_numerique} and gathers them into indicators. Rows are not kept: each indicator holds
 * its dates and values in primitive arrays.
 */
public final class MetricsLoader {

    private final Diagnostics diagnostics;
    private Policy policy = Policy.defaults();
    private final Map<String, String> productByService;
    /** Every name a product answers to, as written, for "did you mean" hints. */
    private final List<String> serviceNames;
    private final List<Path> files = new ArrayList<>();
    private final Map<String, Indicator> indicators = new LinkedHashMap<>();
    private final Map<String, Long> rowsByProduct = new HashMap<>();
    private final Map<String, List<Path>> filesByProduct = new HashMap<>();

    private MetricsLoader(List<Product> products, Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.productByService = servicesOf(products);
        this.serviceNames = products.stream()
                .flatMap(p -> (p.metricsNames().isEmpty() ? List.of(p.title(), p.id()) : p.metricsNames()).stream())
                .toList();
    }

    /** Every {@code *.csv} under {@code folder} whose real location is inside it; links out are reported. */
    public static List<Path> csvFiles(Path folder, Diagnostics diagnostics) {
        List<Path> out = new ArrayList<>();
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            return csvFiles(folder);
        }
        for (Path p : csvFiles(folder)) {
            try {
                Path real = p.toRealPath();
                if (real.startsWith(root)) {
                    out.add(p);
                } else {
                    diagnostics.error(p, 0, 0, "this file is a link to " + real + ", outside " + root
                            + "; copy the file into the project instead of linking it");
                }
            } catch (IOException e) {
                diagnostics.error(p, 0, 0, "this file is a link that cannot be followed: " + e.getMessage());
            }
        }
        return out;
    }

    /** Every {@code *.csv} under {@code folder}, in path order. */
    public static List<Path> csvFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the metrics of the CSV files, by product id (comments checked with the default privacy policy). */
    public static Map<String, ProductMetrics> load(List<Path> csvFiles, List<Product> products, Diagnostics diagnostics) {
        return load(csvFiles, products, Policy.defaults(), diagnostics);
    }

    /** Loads the metrics of the CSV files, by product id; a comment holding what {@code policy} redacts is an error. */
    public static Map<String, ProductMetrics> load(List<Path> csvFiles, List<Product> products, Policy policy,
                                                   Diagnostics diagnostics) {
        MetricsLoader loader = new MetricsLoader(products, diagnostics);
        loader.policy = policy;
        reportConflicts(products, diagnostics);
        csvFiles.forEach(loader::readFile);
        return loader.finish();
    }

    /**
     * Service names each product answers to: its {@code metrics} list when it has one, else its title and id.
     * Names are compared without case and accents.
     */
    public static Map<String, String> servicesOf(List<Product> products) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Product p : products) {
            List<String> names = p.metricsNames().isEmpty() ? List.of(p.title(), p.id()) : p.metricsNames();
            names.forEach(n -> out.putIfAbsent(Text.fold(n), p.id()));
        }
        return out;
    }

    /**
     * A service name two products answer to (one lists another's title, id or metrics name in its {@code metrics})
     * would silently give one of them the other's indicators: an error at the name in the {@code metrics} list.
     */
    static void reportConflicts(List<Product> products, Diagnostics diagnostics) {
        Map<String, Product> owner = new HashMap<>();
        for (Product p : products) {
            List<String> names = p.metricsNames().isEmpty() ? List.of(p.title(), p.id()) : p.metricsNames();
            for (String name : names) {
                Product other = owner.putIfAbsent(Text.fold(name), p);
                if (other == null || other == p) {
                    continue;
                }
                // Report it where a 'metrics' list names it (the later product's when both do).
                Product at = p.metricsNames().isEmpty() ? other : p;
                Product first = at == p ? other : p;
                int[] position = positionInMetrics(at.file(), name);
                if (at.metricsNames().isEmpty()) {
                    diagnostics.error(at.file(), position[0], position[1], "products '" + first.id() + "' and '"
                            + at.id() + "' both answer to '" + name + "' (title or id): impact rows of that service "
                            + "would go to one of them; give one a 'metrics' list naming its services");
                    continue;
                }
                diagnostics.error(at.file(), position[0], position[1], "service name '" + name + "' in 'metrics' "
                        + "also names product '" + first.id() + "' (" + (first.metricsNames().isEmpty()
                        ? "its title or id" : "its own 'metrics'") + "): each impact CSV service belongs to one "
                        + "product; remove it here or give '" + first.id() + "' its own 'metrics' list");
            }
        }
    }

    /** Line and column of {@code name} in the {@code metrics:} entry of a product file, or the key's line. */
    private static int[] positionInMetrics(Path file, String name) {
        if (file == null) {
            return new int[] {0, 0};
        }
        try {
            List<String> lines = Files.readAllLines(file);
            int key = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (key < 0 && lines.get(i).startsWith("metrics:")) {
                    key = i;
                }
                if (key >= 0 && i >= key && lines.get(i).contains(name)) {
                    return new int[] {i + 1, lines.get(i).indexOf(name) + 1};
                }
            }
            return key < 0 ? new int[] {1, 1} : new int[] {key + 1, 1};
        } catch (IOException | UncheckedIOException e) {
            return new int[] {1, 1};
        }
    }

    /** The product id rows of {@code service} belong to, or {@code null}. */
    public static String productOf(String service, Map<String, String> productByService) {
        return productByService.get(Text.fold(service));
    }

    private void readFile(Path file) {
        int fileIndex = files.size();
        files.add(file);
        Map<String, Boolean> reportedServices = new HashMap<>();
        ImpactCsv.read(file, diagnostics, (line, cells, report) -> {
            Measure m = ImpactRows.check(line, cells, report);
            if (m == null) {
                return;
            }
            // Every cell is published (the datasets, the comments on the /stats pages).
            for (ImpactCsv.Cell cell : cells) {
                if (cell != null) {
                    PrivacyCheck.refusals(file, cell.text(), cell.line(), cell.column(), policy)
                            .forEach(d -> report.error(d.line(), d.column(), d.message()));
                }
            }
            String product = productOf(m.service(), productByService);
            if (product == null) {
                ImpactCsv.Cell cell = cells[ImpactCsv.COLUMNS.indexOf("nom_service_public_numerique")];
                if (reportedServices.putIfAbsent(m.service(), true) == null) {
                    String near = Text.closest(m.service(), serviceNames);
                    report.error(cell.line(), cell.column(), "unknown service '" + m.service() + "': no product has "
                            + "this title or lists it in 'metrics'"
                            + (near != null ? "; did you mean '" + near + "'?" : "; add 'metrics: [" + m.service()
                            + "]' to its product file in data/products/"));
                }
                return;
            }
            rowsByProduct.merge(product, 1L, Long::sum);
            List<Path> productFiles = filesByProduct.computeIfAbsent(product, p -> new ArrayList<>());
            if (!productFiles.contains(file)) {
                productFiles.add(file);
            }
            String key = product + "\u0000" + m.indicator() + "\u0000" + Objects.toString(m.codeInsee(), "");
            Indicator indicator = indicators.get(key);
            // What the schema allows but a chart cannot show: a warning, and the row stays in the data only.
            String notDrawn = null;
            String column = null;
            if (Math.abs(m.value()) > Series.MAX_DRAWN) {
                column = "valeur";
                notDrawn = "valeur " + m.value() + " is beyond ±10^15 (first here): too large to draw";
            } else if (indicator != null && !indicator.unit().equals(m.unit())) {
                column = "unite_mesure";
                notDrawn = "unit '" + m.unit() + "' differs from '" + indicator.unit() + "' used earlier for '"
                        + m.indicator() + "' (first here); one indicator has one unit";
            } else if (indicator != null && indicator.kind() != m.kind()) {
                column = "type_indicateur";
                notDrawn = "'" + m.indicator() + "' is " + m.kind().code + " here but " + indicator.kind().code
                        + " earlier (first here); one indicator has one type";
            } else if (m.start() != null && m.start().isAfter(m.date())) {
                column = "date_debut";
                notDrawn = "date_debut (" + m.start() + ") is after date (" + m.date() + ") (first here); a period "
                        + "ends on 'date'";
            }
            if (notDrawn != null) {
                ImpactCsv.Cell cell = cells[ImpactCsv.COLUMNS.indexOf(column)];
                report.warnOnce("not-drawn-" + column, line, cell == null ? 1 : cell.column(), notDrawn
                        + ": the row is in the published data but not drawn on the page");
                return;
            }
            if (indicator == null) {
                indicator = new Indicator(m);
                indicators.put(key, indicator);
            }
            indicator.add(m, line, fileIndex);
        });
    }

    private Map<String, ProductMetrics> finish() {
        Map<String, List<Indicator>> byProduct = new LinkedHashMap<>();
        indicators.forEach((key, indicator) -> {
            indicator.measures().sort();
            indicator.targets().sort();
            reportDuplicates(indicator, indicator.measures(), "measure");
            reportDuplicates(indicator, indicator.targets(), "target");
            byProduct.computeIfAbsent(key.substring(0, key.indexOf('\u0000')), p -> new ArrayList<>()).add(indicator);
        });
        Map<String, ProductMetrics> out = new LinkedHashMap<>();
        rowsByProduct.keySet().stream().sorted().forEach(p -> byProduct.putIfAbsent(p, new ArrayList<>()));
        byProduct.forEach((product, list) -> {
            list.sort(Comparator.comparing((Indicator i) -> !i.isNational())
                    .thenComparing(Indicator::kind)
                    .thenComparing(i -> Text.fold(i.name()))
                    .thenComparing(i -> Objects.toString(i.codeInsee(), "")));
            ProductMetrics metrics = new ProductMetrics(product, List.copyOf(filesByProduct.get(product)),
                    rowsByProduct.get(product), List.copyOf(list));
            long national = list.stream().filter(Indicator::isNational).count();
            long territorial = list.stream().filter(i -> !i.isNational()).map(Indicator::name).distinct().count();
            if (national > ProductMetrics.MAX_SHOWN || territorial > ProductMetrics.MAX_SHOWN) {
                diagnostics.warning(metrics.files().get(0), 0, 0, "'" + product + "' publishes " + national
                        + " national indicators and " + territorial + " territorial ones: its /stats page shows the "
                        + "first " + ProductMetrics.MAX_SHOWN + " of each (impact first) and says how many are left "
                        + "out; every row stays in its CSV download");
            }
            out.put(product, metrics);
        });
        return out;
    }

    /**
     * Two rows for the same indicator, territory, date and period start: the schema allows it, but a chart can show
     * only one, so the first is drawn and each other is a warning.
     */
    private void reportDuplicates(Indicator indicator, Series series, String what) {
        int reported = 0;
        for (int i = 1; i < series.size(); i++) {
            if (series.sameKeyAsPrevious(i) && reported++ < 20) {
                diagnostics.warning(files.get(series.file(i)), series.line(i), 1, "duplicate " + what + " of '"
                        + indicator.name() + "' for " + series.date(i)
                        + (indicator.codeInsee() != null ? " in " + indicator.codeInsee() : "")
                        + " (also on line " + series.line(i - 1)
                        + (series.file(i) != series.file(i - 1) ? " of " + files.get(series.file(i - 1)).getFileName() : "")
                        + "); only the first is drawn: keep one row per indicator and date");
            }
        }
        series.dropRepeatedKeys();
    }
}
