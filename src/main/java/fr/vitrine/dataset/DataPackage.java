package fr.vitrine.dataset;

import fr.vitrine.model.Catalog;
import fr.vitrine.model.Convention;
import fr.vitrine.read.SiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code datapackage.json}: a Frictionless Data Package (v2) describing every published file. */
public final class DataPackage {

    public static final String FILE = "datapackage.json";
    public static final String PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";

    private DataPackage() {
    }

    static void write(OpenData.Result result, Catalog catalog, SiteConfig config, Path dir) {
        Metadata meta = result.metadata();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("$schema", PROFILE);
        p.put("name", meta.name());
        p.put("title", meta.title());
        p.put("description", meta.description());
        p.put("homepage", meta.landingPage());
        p.put("version", meta.modified().toString());
        p.put("created", meta.modifiedInstant());
        p.put("keywords", meta.keywords());
        p.put("licenses", List.of(RecordJson.ordered("name", Metadata.LICENCE_ID, "path", Metadata.LICENCE_URL,
                "title", Metadata.LICENCE_TITLE)));
        Map<String, Object> publisher = new LinkedHashMap<>();
        publisher.put("title", meta.publisher());
        publisher.put("path", meta.publisherUrl());
        publisher.put("roles", List.of("publisher", "contact"));
        p.put("contributors", List.of(publisher));
        p.put("sources", catalog.conventions().stream().filter(Convention::hasText).map(c -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("title", c.title());
            s.put("path", config.baseUrl() + "conventions/" + c.id() + "/");
            return s;
        }).toList());
        p.put("resources", result.resources().stream().map(DataPackage::resource).toList());
        try {
            Files.writeString(dir.resolve(FILE), RecordJson.write(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> resource(OpenData.Resource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("path", r.path());
        m.put("title", r.title());
        m.put("description", r.description());
        if (r.isCsv()) {
            m.put("type", "table");
        }
        m.put("format", r.format());
        m.put("mediatype", r.mediatype());
        if (!r.format().equals("xlsx")) {
            m.put("encoding", "utf-8");
        }
        m.put("bytes", r.bytes());
        m.put("hash", "sha256:" + r.sha256());
        if (r.schema() != null) {
            m.put("schema", r.schema());
        }
        m.put("licenses", List.of(RecordJson.ordered("name", Metadata.LICENCE_ID, "path", Metadata.LICENCE_URL)));
        return m;
    }
}
