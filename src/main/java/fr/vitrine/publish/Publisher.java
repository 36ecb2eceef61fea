package fr.vitrine.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vitrine.dataset.DataPackage;
import fr.vitrine.dataset.OpenData;
import fr.vitrine.dataset.Udata;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Publishes a built site's datasets on data.gouv.fr: creates the dataset the first time, then uploads only the files
 * whose content changed and updates the metadata. It first checks everything it can without changing anything (key,
 * dataset, current files); a new dataset stays private until all its files are in; and when a call fails midway,
 * every change of the run is undone (replaced files restored from copies taken beforehand, new resources and a new
 * dataset deleted), so data.gouv.fr never shows a half-published dataset.
 */
public final class Publisher {

    /** Environment variable holding the data.gouv.fr API key. */
    public static final String API_KEY_ENV = DataGouvApi.API_KEY_ENV;
    /** An id or slug: one path segment, neither "." nor "..". */
    private static final String SEGMENT = "(?!\\.+$)[A-Za-z0-9._~-]{1,200}";
    /** The most pages of a dataset list read while looking for ours (100 datasets each). */
    static final int MAX_PAGES = 200;

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
        /** Undoes; false when there turned out to be nothing to undo. */
        boolean run() throws IOException;
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
        for (String[] option : new String[][] {{"--dataset", options.dataset()}, {"--organization", options.organization()}}) {
            if (option[1] != null && !option[1].matches(SEGMENT)) {
                throw new DataGouvApi.UsageException(option[0] + " " + Addresses.abbreviate(option[1], 100)
                        + " is not an id or a slug of data.gouv.fr");
            }
        }
        Path dir = folder(options.site());
        JsonNode plan = readPlan(dir);
        JsonNode pkg = Files.exists(dir.resolve(DataPackage.FILE), LinkOption.NOFOLLOW_LINKS)
                ? readBuilt(dir, DataPackage.FILE) : DataGouvApi.object();
        List<Local> files = localFiles(dir, plan, pkg);
        JsonNode wanted = plan.get("dataset");
        if (!api.isLoopback()) {
            checkPublicAddress(pkg, plan);
        }

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
                byte[] backup = existing == null || options.dryRun() ? null
                        : api.download(existing.path("url").asText(), "the resource " + f.key());
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
                // Registered before the call: an answer lost or unreadable may still have created it.
                String[] newId = {null};
                undo.push(new Undo("delete the new dataset", () -> deleteCreated(newId[0], options, wanted)));
                dataset = api.post("/datasets/", body);
                id = segment(dataset.path("id").asText(), "POST /datasets/", "dataset id");
                newId[0] = id;
                created = true;
                out.println("created private dataset " + id);
            } else {
                id = segment(dataset.path("id").asText(), "GET /datasets/", "dataset id");
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
                    undo.push(new Undo("restore the dataset's metadata", () -> {
                        api.put("/datasets/" + id + "/", restorable(before, metadata));
                        return true;
                    }));
                }
            }
            undo.clear();
            out.printf("published: %d file(s) uploaded, %d unchanged; %s%n", uploads, unchanged,
                    Addresses.abbreviate(dataset.path("page").asText(api.base() + "/datasets/" + id + "/"), 300));
        } catch (IOException | RuntimeException e) {
            String what = e instanceof IOException ? e.getMessage() : "unexpected " + e;
            throw new IOException("publication stopped: " + what + "; " + rollback(), e);
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
            String rid = segment(resource.path("id").asText(), "POST /datasets/" + dataset + "/upload/", "resource id");
            undo.push(new Undo("delete the new resource " + f.key(), () -> {
                api.delete("/datasets/" + dataset + "/resources/" + rid + "/");
                return true;
            }));
            out.println("uploaded " + f.key() + " (new resource " + rid + ")");
        } else {
            String rid = segment(s.existing().path("id").asText(), "GET /datasets/" + dataset + "/", "resource id");
            String path = "/datasets/" + dataset + "/resources/" + rid + "/";
            resource = api.upload(path + "upload/", f.file().getFileName().toString(), mime, content);
            JsonNode before = s.existing();
            byte[] backup = s.backup();
            undo.push(new Undo("restore " + f.key(), () -> {
                api.upload(path + "upload/", f.file().getFileName().toString(), mime, backup);
                api.put(path, restorable(before, resourceMetadata(f)));
                return true;
            }));
            out.println("replaced " + f.key() + " (resource " + rid + ")");
        }
        uploads++;
        api.put("/datasets/" + dataset + "/resources/" + segment(resource.path("id").asText(), "upload of " + f.key(),
                "resource id") + "/", resourceMetadata(f));
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
                if (u.action().run()) {
                    done++;
                }
            } catch (IOException e) {
                failed.add(u.description() + " (" + e.getMessage() + ")");
            }
        }
        if (failed.isEmpty() && done == 0) {
            return "nothing had been changed on data.gouv.fr";
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
        // next_page is followed only on the API's own origin, never twice to the same page, and MAX_PAGES times at most.
        Set<String> seen = new HashSet<>();
        String path = list;
        for (int pages = 1; ; pages++) {
            seen.add(path);
            JsonNode page = api.get(path);
            String request = "GET " + Addresses.abbreviate(path, 200) + " from " + api.host();
            JsonNode items = page.isArray() ? page : page.path("data");
            for (JsonNode d : items) {
                // A dataset udata deleted (e.g. by a rolled-back first run) is only marked so: skip it.
                boolean deleted = d.hasNonNull("deleted") && !d.path("deleted").asText().isEmpty();
                if (!deleted && key.equals(d.path("extras").path(Udata.EXTRAS_KEY).asText())) {
                    return api.get("/datasets/" + segment(d.path("id").asText(), request, "dataset id") + "/");
                }
            }
            String next = page.path("next_page").asText("");
            if (next.isEmpty()) {
                return null;
            }
            String relative = api.relative(next);
            if (relative == null) {
                throw new IOException(request + ": its next_page, " + Addresses.abbreviate(next, 200) + ", is not on "
                        + api.base() + "; not followed (the API key goes there only)");
            }
            if (seen.contains(relative)) {
                throw new IOException(request + ": its next_page goes back to a page already read; the list loops, "
                        + "give the dataset with --dataset ID");
            }
            if (pages >= MAX_PAGES) {
                throw new IOException(request + ": still no dataset of ours after " + MAX_PAGES + " pages; give it "
                        + "with --dataset ID");
            }
            path = relative;
        }
    }

    /** Deletes the dataset this run created: by its id, or when its creation's answer was lost, found by its extras. */
    private boolean deleteCreated(String id, Options options, JsonNode wanted) throws IOException {
        String target = id;
        if (target == null) {
            JsonNode found = findDataset(options, wanted);
            if (found == null) {
                return false;
            }
            target = segment(found.path("id").asText(), "GET /datasets/", "dataset id");
        }
        api.delete("/datasets/" + target + "/");
        return true;
    }

    /** An id from the server, checked to be one path segment before it goes into a request's path. */
    private static String segment(String id, String request, String what) throws IOException {
        if (!id.matches(SEGMENT)) {
            throw new IOException(request + ": the answer has no valid " + what + " ("
                    + Addresses.abbreviate(id, 60) + ")");
        }
        return id;
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

    /** The site's open-data folder, by its real path; not a symbolic link itself. */
    private static Path folder(Path site) throws IOException {
        Path real;
        try {
            real = site.toRealPath();
        } catch (IOException e) {
            throw new IOException("no site in " + Addresses.printable(site.toString())
                    + ": run 'vitrine build' first (publish sends the built datasets)");
        }
        Path dir = real.resolve(OpenData.FOLDER);
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(Addresses.printable(dir.toString()) + " is a symbolic link: publish sends only files "
                    + "the build wrote in the site folder; rebuild");
        }
        return dir;
    }

    /**
     * A file of the open-data folder, refused when it is missing, not a regular file, a symbolic link or, through a
     * link in its path, outside the folder: publish uploads only what the build wrote there.
     */
    private static Path inFolder(Path dir, String name) throws IOException {
        Path file = dir.resolve(name).normalize();
        String shown = Addresses.printable(file.toString());
        if (!file.startsWith(dir) || file.equals(dir)) {
            throw new IOException(Addresses.printable(name) + " (listed in " + Udata.FILE + ") is outside "
                    + Addresses.printable(dir.toString()) + "; rebuild");
        }
        for (Path p = file; p != null && !p.equals(dir); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new IOException(Addresses.printable(p.toString()) + " is a symbolic link: publish sends only "
                        + "files the build wrote in the site folder; rebuild");
            }
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(shown + " is missing or not a regular file; run 'vitrine build' first (publish "
                    + "sends the built datasets)");
        }
        if (!file.toRealPath().startsWith(dir)) {
            throw new IOException(shown + " is outside the site folder; rebuild");
        }
        return file;
    }

    private static JsonNode readPlan(Path dir) throws IOException {
        JsonNode plan = readBuilt(dir, Udata.FILE);
        if (!plan.path("dataset").isObject() || !plan.path("resources").isArray()) {
            throw new IOException(Addresses.printable(dir.resolve(Udata.FILE).toString()) + " is not a dataset as the "
                    + "build writes it; rebuild");
        }
        return plan;
    }

    /** A JSON file the build wrote in the open-data folder. */
    private static JsonNode readBuilt(Path dir, String name) throws IOException {
        Path file = inFolder(dir, name);
        try {
            return DataGouvApi.mapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(Addresses.printable(file.toString()) + " is not valid JSON; rebuild");
        }
    }

    /**
     * Refuses (usage error, before any request) a site whose public address is local, private or not https:
     * data.gouv.fr refuses such URLs (schemas), and links to them in the data would lead nowhere. The address is the
     * one the site was built with: datapackage.json's homepage, and every URL udata.json sends.
     */
    private static void checkPublicAddress(JsonNode pkg, JsonNode plan) {
        List<String> urls = new ArrayList<>();
        if (!pkg.path("homepage").asText("").isEmpty()) {
            urls.add(pkg.path("homepage").asText());
        }
        collectUrls(plan, urls);
        for (String url : urls) {
            URI uri = Addresses.httpUrl(url);
            String why = uri == null ? "is not an http(s) address" : Addresses.notPublic(uri);
            if (why != null) {
                throw new DataGouvApi.UsageException("the site's public address in the built files, "
                        + Addresses.abbreviate(url, 200) + ", " + why + ": data.gouv.fr refuses it (and its readers "
                        + "could not follow it). Set site.host in jbake.properties or build with --base-url "
                        + "https://…/, then publish");
            }
        }
    }

    /** Every string of the tree that starts like an http(s) URL. */
    private static void collectUrls(JsonNode node, List<String> urls) {
        if (node.isTextual()) {
            String t = node.asText().strip().toLowerCase(Locale.ROOT);
            if (t.startsWith("http://") || t.startsWith("https://")) {
                urls.add(node.asText().strip());
            }
        }
        node.forEach(child -> collectUrls(child, urls));
    }

    /**
     * The files udata.json lists, each checked against its recorded SHA-256. They must include every resource of
     * datapackage.json (same list, whatever the formats): a file described there is never left unpublished.
     */
    private static List<Local> localFiles(Path dir, JsonNode plan, JsonNode pkg) throws IOException {
        Set<String> listed = new HashSet<>();
        plan.path("resources").forEach(r -> listed.add(r.path("path").asText()));
        for (JsonNode r : pkg.path("resources")) {
            if (!listed.contains(r.path("path").asText())) {
                throw new IOException(DataPackage.FILE + " lists " + Addresses.printable(r.path("path").asText())
                        + " but " + Udata.FILE + " does not; rebuild");
            }
        }
        List<Local> out = new ArrayList<>();
        for (JsonNode r : plan.path("resources")) {
            Path file = inFolder(dir, r.path("path").asText());
            String sha = digest(file, "SHA-256");
            if (!sha.equals(r.path("checksum").path("value").asText())) {
                throw new IOException(Addresses.printable(file.toString()) + " changed since the build (its SHA-256 differs from udata.json); rebuild");
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
