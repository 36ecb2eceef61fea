package fr.vitrine.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vitrine.dataset.OpenData;
import fr.vitrine.dataset.Udata;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Publishes a built site's datasets on data.gouv.fr: creates the dataset the first time, then uploads only the files
 * whose content changed and updates the metadata. It first checks everything it can without changing anything (key,
 * dataset, current files); a new dataset stays private until all its files are in; and when a call fails midway,
 * every change of the run is undone (replaced files restored from copies taken beforehand, new resources and a new
 * dataset deleted), so data.gouv.fr never shows a half-published dataset.
 */
public final class Publisher {

    /** Environment variable holding the data.gouv.fr API key. */
    public static final String API_KEY_ENV = "DATAGOUV_API_KEY";

    /** What to publish where. {@code dataset} and {@code organization} may be null. */
    public record Options(Path site, String dataset, String organization, boolean dryRun) {
    }

    /** A file of udata.json, read from the built site. */
    private record Local(JsonNode meta, String key, Path file, String sha256) {
    }

    /** A change made, and how to undo it. */
    private record Undo(String description, Action action) {
    }

    private interface Action {
        void run() throws IOException;
    }

    private final DataGouvApi api;
    private final PrintStream out;
    private final Deque<Undo> undo = new ArrayDeque<>();
    private int uploads;
    private int unchanged;

    public Publisher(DataGouvApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    /** Publishes; throws with a message saying what failed and what was undone. */
    public void publish(Options options) throws IOException {
        uploads = 0;
        unchanged = 0;
        undo.clear();
        Path dir = options.site().toAbsolutePath().normalize().resolve(OpenData.FOLDER);
        JsonNode plan = readPlan(dir);
        List<Local> files = localFiles(dir, plan);
        JsonNode wanted = plan.get("dataset");

        JsonNode dataset = null;
        if (api.hasKey()) {
            try {
                api.get("/me/");
            } catch (DataGouvApi.ApiException e) {
                if (e.status == 401 || e.status == 403) {
                    throw new DataGouvApi.ApiException(e.getMessage() + " — check " + API_KEY_ENV, e.status);
                }
                throw e;
            }
            dataset = findDataset(options, wanted);
        } else if (!options.dryRun()) {
            throw new IOException("no API key: set " + API_KEY_ENV);
        }
        List<Step> steps = new ArrayList<>();
        if (dataset == null) {
            for (Local f : files) {
                steps.add(new Step(f, null, null));
            }
        } else {
            for (Local f : files) {
                JsonNode existing = findResource(dataset, f);
                if (existing != null && same(existing, f)) {
                    unchanged++;
                    continue;
                }
                // Take a copy of the current file before changing anything, to restore it if the run fails.
                byte[] backup = existing == null || options.dryRun() ? null : api.download(existing.path("url").asText());
                steps.add(new Step(f, existing, backup));
            }
        }
        if (options.dryRun()) {
            dryRun(dataset, wanted, steps, options);
            return;
        }
        try {
            String id;
            boolean created = false;
            if (dataset == null) {
                ObjectNode body = ((ObjectNode) wanted.deepCopy()).put("private", true);
                if (options.organization() != null) {
                    body.put("organization", options.organization());
                }
                dataset = api.post("/datasets/", body);
                id = dataset.path("id").asText();
                created = true;
                out.println("created private dataset " + id);
                undo.push(new Undo("delete the new dataset " + id, () -> api.delete("/datasets/" + id + "/")));
            } else {
                id = dataset.path("id").asText();
            }
            for (Step s : steps) {
                apply(id, s);
            }
            ObjectNode metadata = ((ObjectNode) wanted.deepCopy()).put("private", false);
            if (created || differs(dataset, metadata)) {
                JsonNode before = dataset;
                api.put("/datasets/" + id + "/", metadata);
                out.println("updated the dataset's metadata" + (created ? " and made it public" : ""));
                if (!created) {
                    undo.push(new Undo("restore the dataset's metadata", () -> api.put("/datasets/" + id + "/",
                            restorable(before, metadata))));
                }
            }
            undo.clear();
            out.printf("published: %d file(s) uploaded, %d unchanged; %s%n", uploads, unchanged,
                    dataset.path("page").asText(api.base() + "/datasets/" + id + "/"));
        } catch (IOException e) {
            throw new IOException("publication stopped: " + e.getMessage() + "; " + rollback(), e);
        }
    }

    private record Step(Local file, JsonNode existing, byte[] backup) {
    }

    private void apply(String dataset, Step s) throws IOException {
        Local f = s.file();
        byte[] content = Files.readAllBytes(f.file());
        String mime = f.meta().path("mime").asText("application/octet-stream");
        JsonNode resource;
        if (s.existing() == null) {
            resource = api.upload("/datasets/" + dataset + "/upload/", f.file().getFileName().toString(), mime, content);
            String rid = resource.path("id").asText();
            undo.push(new Undo("delete the new resource " + f.key(),
                    () -> api.delete("/datasets/" + dataset + "/resources/" + rid + "/")));
            out.println("uploaded " + f.key() + " (new resource " + rid + ")");
        } else {
            String rid = s.existing().path("id").asText();
            String path = "/datasets/" + dataset + "/resources/" + rid + "/";
            resource = api.upload(path + "upload/", f.file().getFileName().toString(), mime, content);
            JsonNode before = s.existing();
            byte[] backup = s.backup();
            undo.push(new Undo("restore " + f.key(), () -> {
                api.upload(path + "upload/", f.file().getFileName().toString(), mime, backup);
                api.put(path, restorable(before, resourceMetadata(f)));
            }));
            out.println("replaced " + f.key() + " (resource " + rid + ")");
        }
        uploads++;
        api.put("/datasets/" + dataset + "/resources/" + resource.path("id").asText() + "/", resourceMetadata(f));
    }

    /** What we set on a resource: title, description, type, schema, and our key and checksum in extras. */
    private static ObjectNode resourceMetadata(Local f) {
        ObjectNode m = DataGouvApi.object();
        m.put("title", f.meta().path("title").asText());
        m.put("description", f.meta().path("description").asText());
        m.put("type", "main");
        if (f.meta().has("schema")) {
            m.set("schema", f.meta().get("schema"));
        }
        ObjectNode extras = m.putObject("extras");
        extras.put(Udata.EXTRAS_KEY, f.key());
        extras.put("vitrine:sha256", f.sha256());
        return m;
    }

    /** The previous values of the fields we changed, to put them back. */
    private static ObjectNode restorable(JsonNode before, ObjectNode changed) {
        ObjectNode m = DataGouvApi.object();
        Iterator<String> names = changed.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            m.set(name, before.has(name) ? before.get(name) : com.fasterxml.jackson.databind.node.NullNode.getInstance());
        }
        return m;
    }

    /** Undoes this run's changes, newest first; says what happened. */
    private String rollback() {
        if (undo.isEmpty()) {
            return "nothing had been changed on data.gouv.fr";
        }
        List<String> failed = new ArrayList<>();
        int done = 0;
        while (!undo.isEmpty()) {
            Undo u = undo.pop();
            try {
                u.action().run();
                done++;
            } catch (IOException e) {
                failed.add(u.description() + " (" + e.getMessage() + ")");
            }
        }
        if (failed.isEmpty()) {
            return "its " + done + " change(s) were undone: data.gouv.fr is as before";
        }
        return "undoing failed for: " + String.join("; ", failed) + " — check the dataset on data.gouv.fr";
    }

    /** The dataset named by the options, or the one whose extras carry our identifier, or null. */
    private JsonNode findDataset(Options options, JsonNode wanted) throws IOException {
        if (options.dataset() != null) {
            return api.get("/datasets/" + options.dataset() + "/");
        }
        String key = wanted.path("extras").path(Udata.EXTRAS_KEY).asText();
        String list = options.organization() != null
                ? "/organizations/" + options.organization() + "/datasets/?page_size=100"
                : "/me/datasets/?page_size=100";
        JsonNode page = api.get(list);
        while (true) {
            JsonNode items = page.isArray() ? page : page.path("data");
            for (JsonNode d : items) {
                // A dataset udata deleted (e.g. by a rolled-back first run) is only marked so: skip it.
                boolean deleted = d.hasNonNull("deleted") && !d.path("deleted").asText().isEmpty();
                if (!deleted && key.equals(d.path("extras").path(Udata.EXTRAS_KEY).asText())) {
                    return api.get("/datasets/" + d.path("id").asText() + "/");
                }
            }
            String next = page.path("next_page").asText("");
            if (next.isEmpty() || !next.startsWith(api.base())) {
                return null;
            }
            page = api.get(next.substring(api.base().length()));
        }
    }

    private static JsonNode findResource(JsonNode dataset, Local f) {
        for (JsonNode r : dataset.path("resources")) {
            if (f.key().equals(r.path("extras").path(Udata.EXTRAS_KEY).asText())) {
                return r;
            }
        }
        return null;
    }

    /**
     * True when the file on data.gouv.fr has the same content. udata's own checksum (computed when the file was
     * uploaded) wins: a file replaced by hand keeps our extras but not their checksum. Our recorded SHA-256 is used
     * only when udata gives no checksum of a known type.
     */
    static boolean same(JsonNode resource, Local f) throws IOException {
        JsonNode checksum = resource.path("checksum");
        String algorithm = switch (checksum.path("type").asText("").toLowerCase(Locale.ROOT)) {
            case "sha1" -> "SHA-1";
            case "sha256", "sha2" -> "SHA-256";
            case "md5" -> "MD5";
            default -> null;
        };
        String value = checksum.path("value").asText("");
        if (algorithm != null && !value.isEmpty()) {
            return digest(f.file(), algorithm).equalsIgnoreCase(value);
        }
        return f.sha256().equals(resource.path("extras").path("vitrine:sha256").asText());
    }

    /** True when a field we send differs from the server's; objects are compared on the keys we send only. */
    static boolean differs(JsonNode current, JsonNode wanted) {
        if (wanted.isObject()) {
            if (current == null || !current.isObject()) {
                return true;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = wanted.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (differs(current.get(e.getKey()), e.getValue())) {
                    return true;
                }
            }
            return false;
        }
        return !wanted.equals(current);
    }

    private void dryRun(JsonNode dataset, JsonNode wanted, List<Step> steps, Options options) throws IOException {
        String id = dataset == null ? "<new>" : dataset.path("id").asText();
        out.println("dry run: no request below is sent");
        if (dataset == null) {
            out.println("POST " + api.base() + "/datasets/ " + DataGouvApi.mapper().writeValueAsString(
                    ((ObjectNode) wanted.deepCopy()).put("private", true)));
        }
        for (Step s : steps) {
            String path = s.existing() == null ? "/datasets/" + id + "/upload/"
                    : "/datasets/" + id + "/resources/" + s.existing().path("id").asText() + "/upload/";
            out.println("POST " + api.base() + path + " file=" + s.file().key() + " ("
                    + Files.size(s.file().file()) + " bytes, sha256 " + s.file().sha256() + ")");
            out.println("PUT " + api.base() + "/datasets/" + id + "/resources/<id>/ "
                    + DataGouvApi.mapper().writeValueAsString(resourceMetadata(s.file())));
        }
        ObjectNode metadata = ((ObjectNode) wanted.deepCopy()).put("private", false);
        if (dataset == null || differs(dataset, metadata)) {
            out.println("PUT " + api.base() + "/datasets/" + id + "/ " + DataGouvApi.mapper().writeValueAsString(metadata));
        }
        out.printf("dry run: %d file(s) to upload, %d unchanged%n", steps.size(), unchanged);
    }

    private static JsonNode readPlan(Path dir) throws IOException {
        Path file = dir.resolve(Udata.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + file + ": run 'vitrine build' first (publish sends the built datasets)");
        }
        return DataGouvApi.mapper().readTree(file.toFile());
    }

    /** The files udata.json lists, each checked against its recorded size and SHA-256. */
    private static List<Local> localFiles(Path dir, JsonNode plan) throws IOException {
        List<Local> out = new ArrayList<>();
        for (JsonNode r : plan.path("resources")) {
            Path file = dir.resolve(r.path("path").asText()).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                throw new IOException("udata.json lists " + r.path("path").asText() + " but " + file + " is missing; rebuild");
            }
            String sha = digest(file, "SHA-256");
            if (!sha.equals(r.path("checksum").path("value").asText())) {
                throw new IOException(file + " changed since the build (its SHA-256 differs from udata.json); rebuild");
            }
            out.add(new Local(r, r.path("extras").path(Udata.EXTRAS_KEY).asText(), file, sha));
        }
        return out;
    }

    static String digest(Path file, String algorithm) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
