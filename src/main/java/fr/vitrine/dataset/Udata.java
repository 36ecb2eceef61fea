package fr.vitrine.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code udata.json}: the dataset and its resources as data.gouv.fr's API (udata) takes them, with everything its
 * quality score looks at (licence, frequency, temporal and spatial coverage, a description over 100 characters,
 * described resources in open formats). {@code vitrine publish} sends it.
 */
public final class Udata {

    public static final String FILE = "udata.json";
    /** Key of the dataset's and resources' {@code extras} by which {@code publish} finds what it published before. */
    public static final String EXTRAS_KEY = "vitrine:id";

    private Udata() {
    }

    static void write(OpenData.Result result, Path dir) {
        Metadata meta = result.metadata();
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("title", meta.title());
        dataset.put("description", meta.description());
        dataset.put("license", Metadata.LICENCE_UDATA);
        dataset.put("frequency", meta.frequency());
        if (meta.start() != null) {
            Map<String, Object> temporal = new LinkedHashMap<>();
            temporal.put("start", meta.start().toString());
            temporal.put("end", meta.end().toString());
            dataset.put("temporal_coverage", temporal);
        }
        dataset.put("spatial", RecordJson.ordered("zones", List.of("country:fr"), "granularity", "country"));
        dataset.put("tags", meta.keywords().stream().map(fr.vitrine.model.Text::slug).toList());
        dataset.put("extras", RecordJson.ordered(EXTRAS_KEY, meta.name()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", dataset);
        out.put("resources", result.resources().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", r.path());
            m.put("title", r.title());
            m.put("description", r.description());
            m.put("type", "main");
            m.put("format", r.format());
            m.put("mime", r.mediatype());
            m.put("filesize", r.bytes());
            m.put("checksum", RecordJson.ordered("type", "sha256", "value", r.sha256()));
            Table.SchemaRef schema = r.isCsv() ? r.table().udataSchema() : null;
            if (schema != null) {
                m.put("schema", RecordJson.ordered("name", schema.name(), "version", schema.version()));
            } else if (r.isCsv()) {
                m.put("schema", RecordJson.ordered("url", meta.landingPage() + r.schema()));
            }
            m.put("extras", RecordJson.ordered(EXTRAS_KEY, r.path()));
            return m;
        }).toList());
        try {
            Files.writeString(dir.resolve(FILE), RecordJson.write(out), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
