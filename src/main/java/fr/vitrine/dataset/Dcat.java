package fr.vitrine.dataset;

import fr.vitrine.read.SiteConfig;
import org.eclipse.rdf4j.model.BNode;
import org.eclipse.rdf4j.model.IRI;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.Resource;
import org.eclipse.rdf4j.model.ValueFactory;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.impl.SimpleValueFactory;
import org.eclipse.rdf4j.model.vocabulary.DCAT;
import org.eclipse.rdf4j.model.vocabulary.DCTERMS;
import org.eclipse.rdf4j.model.vocabulary.FOAF;
import org.eclipse.rdf4j.model.vocabulary.RDF;
import org.eclipse.rdf4j.model.vocabulary.RDFS;
import org.eclipse.rdf4j.model.vocabulary.VCARD4;
import org.eclipse.rdf4j.model.vocabulary.XSD;
import org.eclipse.rdf4j.rio.RDFFormat;
import org.eclipse.rdf4j.rio.RDFWriter;
import org.eclipse.rdf4j.rio.Rio;
import org.eclipse.rdf4j.rio.helpers.BasicWriterSettings;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The DCAT catalog ({@code catalog.ttl} and {@code catalog.jsonld}) that data.gouv.fr's harvester reads: the
 * dataset with its identifier, title, description, licence, frequency (EU vocabulary), temporal and spatial
 * coverage, keywords, contact point and publisher, and a distribution per file with its download URL, format,
 * media type, size, SHA-256 checksum and schema.
 */
public final class Dcat {

    public static final String TURTLE = "catalog.ttl";
    public static final String JSON_LD = "catalog.jsonld";
    public static final String SPDX = "http://spdx.org/rdf/terms#";
    static final String FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";
    static final String FRANCE = "http://publications.europa.eu/resource/authority/country/FRA";
    static final String LOCN = "http://www.w3.org/ns/locn#";
    /** The datatype of a GeoJSON literal in GeoDCAT-AP, the one udata's harvester parses. */
    static final String GEOJSON = "https://www.iana.org/assignments/media-types/application/vnd.geo+json";
    /** Bounding boxes (longitude, latitude) of metropolitan France, Guadeloupe, Martinique, Guyane, La Réunion, Mayotte. */
    static final String FRANCE_GEOJSON = "{\"type\":\"MultiPolygon\",\"coordinates\":[" + box(-5.2, 41.3, 9.6, 51.1) + ","
            + box(-61.85, 15.83, -60.99, 16.52) + "," + box(-61.23, 14.39, -60.81, 14.88) + "," + box(-54.6, 2.1, -51.6, 5.8)
            + "," + box(55.2, -21.4, 55.84, -20.87) + "," + box(45.0, -13.0, 45.3, -12.6) + "]}";

    private static final ValueFactory V = SimpleValueFactory.getInstance();

    private Dcat() {
    }

    /**
     * Starts the JSON-LD library on a background thread: when it starts, it builds an HTTPS client (and loads the
     * certificate store), about 0.2 s, though it never fetches anything here. The build calls this before reading,
     * so that this happens on the other core; a later {@link #write} waits for it if it is not done.
     */
    public static void prepare() {
        Thread t = new Thread(() -> {
            try {
                Rio.write(new LinkedHashModel(), OutputStream.nullOutputStream(), RDFFormat.JSONLD);
            } catch (RuntimeException e) {
                // Nothing to report: the catalogue's own writing meets the same problem and reports it.
            }
        }, "json-ld");
        t.setDaemon(true);
        t.start();
    }

    static void write(OpenData.Result result, SiteConfig config, Path dir) {
        Model model = model(result);
        write(model, RDFFormat.TURTLE, dir.resolve(TURTLE));
        write(model, RDFFormat.JSONLD, dir.resolve(JSON_LD));
    }

    static Model model(OpenData.Result result) {
        Metadata meta = result.metadata();
        String base = meta.landingPage();
        Model m = new LinkedHashModel();
        m.setNamespace(DCAT.NS);
        m.setNamespace(DCTERMS.NS);
        m.setNamespace(FOAF.NS);
        m.setNamespace(VCARD4.NS);
        m.setNamespace(XSD.NS);
        m.setNamespace(RDFS.NS);
        m.setNamespace("spdx", SPDX);
        m.setNamespace("locn", LOCN);
        IRI catalog = V.createIRI(base + "#catalogue");
        IRI dataset = V.createIRI(base + "#" + meta.name());
        IRI licence = V.createIRI(Metadata.LICENCE_URL);

        m.add(catalog, RDF.TYPE, DCAT.CATALOG);
        m.add(catalog, DCTERMS.TITLE, V.createLiteral(meta.title(), "fr"));
        m.add(catalog, DCTERMS.DESCRIPTION, V.createLiteral(meta.description(), "fr"));
        m.add(catalog, FOAF.HOMEPAGE, V.createIRI(base));
        m.add(catalog, DCTERMS.LICENSE, licence);
        m.add(catalog, DCAT.HAS_DATASET, dataset);
        Resource publisher = publisher(m, meta);
        m.add(catalog, DCTERMS.PUBLISHER, publisher);

        m.add(dataset, RDF.TYPE, DCAT.DATASET);
        m.add(dataset, DCTERMS.IDENTIFIER, V.createLiteral(meta.name()));
        m.add(dataset, DCTERMS.TITLE, V.createLiteral(meta.title(), "fr"));
        m.add(dataset, DCTERMS.DESCRIPTION, V.createLiteral(meta.description(), "fr"));
        m.add(dataset, DCTERMS.LICENSE, licence);
        m.add(dataset, DCTERMS.ACCRUAL_PERIODICITY, V.createIRI(FREQUENCY + euFrequency(meta.frequency())));
        m.add(dataset, DCAT.LANDING_PAGE, V.createIRI(base));
        m.add(dataset, DCTERMS.MODIFIED, V.createLiteral(meta.modified().toString(), XSD.DATE));
        m.add(dataset, DCTERMS.PUBLISHER, publisher);
        // udata reads dct:spatial only as a bbox literal or a node with a GeoJSON or WKT geometry literal (the EU
        // country IRI alone is ignored): France as a GeoJSON MultiPolygon of the boxes of metropolitan France and the
        // five overseas departments; the EU IRI stays for other DCAT readers.
        BNode location = V.createBNode("france");
        m.add(dataset, DCTERMS.SPATIAL, location);
        m.add(location, RDF.TYPE, DCTERMS.LOCATION);
        m.add(location, RDFS.LABEL, V.createLiteral("France", "fr"));
        m.add(location, V.createIRI(LOCN, "geometry"), V.createLiteral(FRANCE_GEOJSON, V.createIRI(GEOJSON)));
        m.add(dataset, DCTERMS.SPATIAL, V.createIRI(FRANCE));
        m.add(V.createIRI(FRANCE), RDFS.LABEL, V.createLiteral("France", "fr"));
        if (meta.start() != null) {
            BNode period = V.createBNode("periode");
            m.add(dataset, DCTERMS.TEMPORAL, period);
            m.add(period, RDF.TYPE, DCTERMS.PERIOD_OF_TIME);
            m.add(period, DCAT.START_DATE, V.createLiteral(meta.start().toString(), XSD.DATE));
            m.add(period, DCAT.END_DATE, V.createLiteral(meta.end().toString(), XSD.DATE));
        }
        meta.keywords().forEach(k -> m.add(dataset, DCAT.KEYWORD, V.createLiteral(k, "fr")));
        BNode contact = V.createBNode("contact");
        m.add(dataset, DCAT.CONTACT_POINT, contact);
        m.add(contact, RDF.TYPE, VCARD4.ORGANIZATION);
        m.add(contact, VCARD4.FN, V.createLiteral(meta.publisher()));
        m.add(contact, VCARD4.HAS_URL, V.createIRI(meta.contactUrl()));

        for (OpenData.Resource r : result.resources()) {
            IRI d = V.createIRI(base + "#" + r.name());
            IRI file = V.createIRI(base + r.path());
            m.add(dataset, DCAT.HAS_DISTRIBUTION, d);
            m.add(d, RDF.TYPE, DCAT.DISTRIBUTION);
            m.add(d, DCTERMS.IDENTIFIER, V.createLiteral(r.name()));
            m.add(d, DCTERMS.TITLE, V.createLiteral(r.title(), "fr"));
            m.add(d, DCTERMS.DESCRIPTION, V.createLiteral(r.description(), "fr"));
            m.add(d, DCAT.DOWNLOAD_URL, file);
            m.add(d, DCAT.ACCESS_URL, file);
            m.add(d, DCTERMS.FORMAT, V.createLiteral(r.format().toUpperCase(java.util.Locale.ROOT)));
            m.add(d, DCAT.MEDIA_TYPE, V.createIRI("https://www.iana.org/assignments/media-types/" + r.mediatype()));
            m.add(d, DCAT.BYTE_SIZE, V.createLiteral(Long.toString(r.bytes()), XSD.INTEGER));
            m.add(d, DCTERMS.LICENSE, licence);
            BNode checksum = V.createBNode("checksum-" + r.name());
            m.add(d, V.createIRI(SPDX, "checksum"), checksum);
            m.add(checksum, RDF.TYPE, V.createIRI(SPDX, "Checksum"));
            m.add(checksum, V.createIRI(SPDX, "algorithm"), V.createIRI(SPDX, "checksumAlgorithm_sha256"));
            // A plain string, as udata writes and stores it (an xsd:hexBinary literal reads back as bytes).
            m.add(checksum, V.createIRI(SPDX, "checksumValue"), V.createLiteral(r.sha256()));
            if (r.schema() != null) { // only the CSV follows the Table Schema
                m.add(d, DCTERMS.CONFORMS_TO, V.createIRI(r.schema().startsWith("https://") ? r.schema() : base + r.schema()));
            }
        }
        return m;
    }

    /** A polygon (one exterior ring, counterclockwise, closed) as GeoJSON coordinates. */
    private static String box(double west, double south, double east, double north) {
        return "[[[" + west + "," + south + "],[" + east + "," + south + "],[" + east + "," + north + "],[" + west + ","
                + north + "],[" + west + "," + south + "]]]";
    }

    private static Resource publisher(Model m, Metadata meta) {
        IRI publisher = V.createIRI(meta.publisherUrl());
        m.add(publisher, RDF.TYPE, FOAF.ORGANIZATION);
        m.add(publisher, FOAF.NAME, V.createLiteral(meta.publisher()));
        return publisher;
    }

    /** data.gouv.fr frequency ids to the EU frequency vocabulary the harvester maps back. */
    static String euFrequency(String udata) {
        return switch (udata) {
            case "irregular" -> "IRREG";
            case "continuous" -> "UPDATE_CONT";
            case "daily" -> "DAILY";
            case "weekly" -> "WEEKLY";
            case "monthly" -> "MONTHLY";
            case "quarterly" -> "QUARTERLY";
            case "semiannual" -> "ANNUAL_2";
            case "annual" -> "ANNUAL";
            default -> "UNKNOWN";
        };
    }

    private static void write(Model model, RDFFormat format, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            RDFWriter writer = Rio.createWriter(format, out);
            writer.getWriterConfig().set(BasicWriterSettings.PRETTY_PRINT, true);
            Rio.write(model, writer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
