package fr.vitrine.dataset;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Catalog;
import fr.vitrine.model.ProductFacets;
import fr.vitrine.model.ProductMetrics;
import fr.vitrine.model.Urls;
import fr.vitrine.read.SiteConfig;
import fr.vitrine.validate.MetricsLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Writes the open-data folder {@code /donnees/}: every dataset as CSV, JSON and XLSX with its Table Schema, checks each
 * CSV against its schema, then describes them all in a Data Package, a DCAT catalog (Turtle and JSON-LD) and
 * data.gouv.fr (udata) metadata. A team's /stats site gets its metrics, a Data Package and udata metadata.
 */
public final class OpenData {

    public static final String FOLDER = "donnees";
    public static final String FOLDER_PATH = "/" + FOLDER + "/";
    /** The keyword data.gouv.fr's regulatory format asks of a dataset holding subsidies (SCDL subventions). */
    static final String SUBSIDY_KEYWORD = "subvention";

    /**
     * A published file.
     *
     * @param path   file name inside {@code /donnees/}
     * @param schema our schema's file name or an official schema's URL; {@code null} for non-tabular files
     */
    public record Resource(String name, String path, String title, String description, String format, String mediatype,
                           long bytes, String sha256, String schema, Table table) {
        public boolean isCsv() {
            return format.equals("csv");
        }
    }

    /**
     * One organisation's or one product's funding lines, as CSV and XLSX beside its page: the rows of the
     * lignes-financement dataset that name it, with the same columns and schema.
     *
     * @param name what the lines are about (the organisation's or product's name)
     * @param page its page's site path; the files are {@code <page>lignes-financement.csv} and {@code .xlsx}
     */
    public record Extract(String name, String page, long rows, Predicate<Catalog.Money> selects) {
        public static final String FILE = "lignes-financement";

        public String getCsv() {
            return page + FILE + ".csv";
        }

        public String getXlsx() {
            return page + FILE + ".xlsx";
        }
    }

    /**
     * What was published: the tables and every resource, CSV first then its JSON and XLSX twins; the organisations'
     * then the products' funding lines beside their pages.
     */
    public record Result(List<Table> tables, List<Resource> resources, Metadata metadata, List<Extract> extracts) {

        /** The files of one table (its CSV, then its JSON and XLSX). */
        public List<Resource> resourcesOf(Table table) {
            return resources.stream().filter(r -> r.table() == table).toList();
        }
    }

    private OpenData() {
    }

    /**
     * Writes the datasets and their descriptions into {@code site/donnees}. Open data writes datasets only: the build
     * verifies them against their schemas afterwards ({@code fr.vitrine.check.TableCheck}), never the writers.
     */
    public static Result write(Catalog catalog, SiteConfig config, Path site, Diagnostics diagnostics) {
        return write(catalog, config, site, diagnostics, false);
    }

    /** With {@code metricsOnly}, writes only the impact indicators and their Data Package (a team's /stats site). */
    public static Result write(Catalog catalog, SiteConfig config, Path site, Diagnostics diagnostics,
                               boolean metricsOnly) {
        Path dir = site.resolve(FOLDER);
        String baseUrl = config.baseUrl();
        Tables.Data subsidies = metricsOnly ? null : Scdl.of(catalog, config, diagnostics);
        Metadata described = metricsOnly ? Metadata.forTeam(catalog, config) : Metadata.of(catalog, config);
        Metadata metadata = subsidies == null ? described : described.withKeyword(SUBSIDY_KEYWORD);
        List<Tables.Data> records = new ArrayList<>(metricsOnly ? List.of() : Tables.of(catalog, baseUrl, config));
        Table indicators = Tables.indicators();
        // Each table's files (CSV, JSON, spreadsheet) are written by a task of their own, the tables in parallel.
        List<Supplier<List<Xlsx.Cut>>> writes = new ArrayList<>();
        records.forEach(data -> writes.add(() -> DatasetWriter.write(data, dir, metadata)));
        writes.add(() -> writeIndicators(catalog, indicators, dir, metadata, metricsOnly ? null : site));
        if (subsidies != null) {
            writes.add(() -> DatasetWriter.write(subsidies, dir, metadata));
        }
        // Selections beside their pages: each organisation's and product's funding lines, each products facet
        // value's products (a text cut to fit a cell is reported once, for the whole table).
        List<Extract> extracts = metricsOnly ? List.of() : extracts(catalog);
        Map<String, Tables.Data> selections = new LinkedHashMap<>();
        extracts.forEach(e -> selections.put(e.page(), Tables.fundingLines(catalog, e.selects())));
        if (!metricsOnly) {
            ProductFacets.of(catalog).forEach(f -> f.values().forEach(v ->
                    selections.put(v.getPath(), Tables.products(catalog, baseUrl, v.products()))));
        }
        selections.forEach((page, rows) -> writes.add(() -> {
            DatasetWriter.writeExtract(rows, site.resolve(page.substring(1)), metadata);
            return List.of();
        }));
        writes.parallelStream().map(Supplier::get).toList().forEach(cuts -> cuts.forEach(
                cut -> diagnostics.warning(Path.of(FOLDER, cut.file().getFileName().toString()), cut.row() + 1,
                        cut.column() + 1, cut.message())));
        List<Table> tables = new ArrayList<>();
        records.forEach(data -> tables.add(data.table()));
        tables.add(indicators);
        if (subsidies != null) {
            tables.add(subsidies.table());
        }
        List<Supplier<Resource>> files = new ArrayList<>();
        for (Table t : tables) {
            files.add(() -> resource(dir, t, t.name(), t.csvFile(), t.title() + " (CSV)", "csv", "text/csv"));
            files.add(() -> resource(dir, t, t.name() + "-json", t.jsonFile(), t.title() + " (JSON)", "json",
                    "application/json"));
            files.add(() -> resource(dir, t, t.name() + "-xlsx", t.xlsxFile(), t.title() + " (tableur XLSX)", "xlsx",
                    Xlsx.MEDIA_TYPE));
        }
        // Hashed in parallel: a million impact rows make half a gigabyte of JSON.
        List<Resource> resources = files.parallelStream().map(Supplier::get).toList();
        Result result = new Result(List.copyOf(tables), List.copyOf(resources), metadata, extracts);
        DataPackage.write(result, catalog, config, dir);
        Udata.write(result, dir);
        if (!metricsOnly) {
            Dcat.write(result, config, dir);
        }
        return result;
    }

    /** The funding lines written beside the pages of the organisations, then the products, that have some. */
    public static List<Extract> extracts(Catalog catalog) {
        List<Catalog.Money> all = catalog.money();
        List<Extract> out = new ArrayList<>();
        catalog.organisations().forEach(o -> extract(out, all, o.name(), o.path(), m -> Catalog.involves(m, o.id())));
        catalog.products().forEach(p -> extract(out, all, p.title(), p.path(), m -> Catalog.funds(m, p.id())));
        return List.copyOf(out);
    }

    private static void extract(List<Extract> out, List<Catalog.Money> all, String name, String page,
                                Predicate<Catalog.Money> selects) {
        long rows = all.stream().filter(selects).count();
        if (rows > 0) {
            out.add(new Extract(name, page, rows, selects));
        }
    }

    /**
     * All products' impact rows, consolidated, streamed from their files in one pass that also writes, when
     * {@code site} is given, each product's normalised CSV beside its /stats page ({@link Downloads#statsCsv}).
     */
    private static List<Xlsx.Cut> writeIndicators(Catalog catalog, Table table, Path dir, Metadata metadata, Path site) {
        TreeSet<Path> files = new TreeSet<>();
        Map<String, Path> perProduct = new LinkedHashMap<>();
        catalog.products().forEach(p -> {
            ProductMetrics m = catalog.metrics(p.id());
            if (m != null) {
                files.addAll(m.files());
                if (site != null) {
                    perProduct.put(p.id(), site.resolve(Urls.file(Downloads.statsCsv(p.id()))));
                }
            }
        });
        DatasetWriter writer = new DatasetWriter(table, dir, metadata);
        try (DatasetWriter w = writer) {
            ImpactCsvWriter.write(List.copyOf(files), MetricsLoader.servicesOf(catalog.products()), perProduct,
                    w::cells);
        }
        return writer.cuts();
    }

    private static Resource resource(Path dir, Table t, String name, String file, String title, String format,
                                     String mediatype) {
        Path path = dir.resolve(file);
        String description = t.description() + switch (format) {
            case "json" -> " Même contenu que le fichier CSV, en JSON (un objet par ligne).";
            case "xlsx" -> " Même contenu que le fichier CSV, en classeur pour tableur : montants en nombres (euros), "
                    + "dates complètes en dates, codes et dates partielles en texte, et une feuille « Lisez-moi ».";
            default -> " CSV UTF-8, séparateur virgule, dates ISO 8601, point décimal.";
        };
        return new Resource(name, file, title, description, format, mediatype, size(path), sha256(path),
                format.equals("csv") ? t.schemaReference() : null, t);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
