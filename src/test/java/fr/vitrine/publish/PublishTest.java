package fr.vitrine.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vitrine.publish.FakeDataGouv.Call;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vitrine publish} against a local data.gouv.fr ({@link FakeDataGouv}): first publication, republication of
 * unchanged and changed files, failures midway and their undoing, a wrong key, and the dry run. Everything printed or
 * thrown is kept, and none of it may hold the API key.
 */
class PublishTest {

    private static final String KEY = "test-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Editing this product's mission changes the products tables only. */
    private static final String PRODUCT = "data/products/reco-co.md";
    private static final String MISSION = "mission: Générer d'autres portails de conseils en marque blanche";

    @TempDir
    Path tmp;
    private FakeDataGouv fake;
    private TestProject project;
    private Path site;
    private final Printed printed = new Printed();

    @BeforeEach
    void setUp() {
        fake = new FakeDataGouv(KEY);
        project = TestProject.copyOfRepository(tmp);
        site = tmp.resolve("site");
        build();
    }

    @AfterEach
    void stop() {
        fake.close();
        assertFalse(printed.isEmpty(), "every test prints something");
        printed.assertNoKey(KEY);
    }

    @Test
    void firstPublicationCreatesAPrivateDatasetUploadsEveryFileOnceThenMakesItPublic() throws Exception {
        String out = publish();

        ObjectNode dataset = onlyDataset();
        String id = dataset.path("id").asText();
        List<Call> calls = fake.calls();
        List<Call> mutating = calls.stream().filter(Call::isMutating).toList();

        // Created private, first.
        Call create = mutating.get(0);
        assertEquals("POST /datasets/", create.method() + " " + create.path(), calls.toString());
        assertEquals(201, create.status());
        assertTrue(JSON.readTree(create.body()).path("private").asBoolean(false), create.body());
        // Every file of udata.json uploaded once, as a new resource.
        Map<String, JsonNode> plan = planResources();
        List<Call> uploads = calls.stream().filter(Call::isUpload).toList();
        assertEquals(plan.size(), uploads.size(), uploads.toString());
        assertTrue(uploads.stream().allMatch(c -> c.path().equals("/datasets/" + id + "/upload/") && c.status() == 201),
                uploads.toString());
        // Made public by the last call, once everything else was in.
        Call last = mutating.get(mutating.size() - 1);
        assertEquals("PUT /datasets/" + id + "/", last.method() + " " + last.path());
        assertEquals(200, last.status());
        assertFalse(JSON.readTree(last.body()).path("private").asBoolean(true), last.body());
        assertEquals(1, mutating.stream().filter(c -> c.path().equals("/datasets/" + id + "/")).count(),
                "the dataset itself is changed only once, at the end: " + mutating);
        assertTrue(mutating.stream().allMatch(c -> c.status() / 100 == 2), mutating.toString());

        // The dataset's metadata, as udata.json has it, with what data.gouv.fr's quality score wants.
        assertFalse(dataset.path("private").asBoolean(true));
        JsonNode wanted = plan().get("dataset");
        for (Iterator<String> names = wanted.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertEquals(wanted.get(name), dataset.get(name), name);
        }
        assertEquals("lov2", dataset.path("license").asText());
        assertEquals("irregular", dataset.path("frequency").asText());
        assertTrue(dataset.path("temporal_coverage").path("start").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
        assertEquals("country:fr", dataset.path("spatial").path("zones").path(0).asText());
        assertTrue(dataset.path("description").asText().length() > 100, dataset.path("description").asText());
        assertEquals("conventions-startups-etat", dataset.path("extras").path("vitrine:id").asText());

        // Each resource: our title, description, schema and extras; the bytes of the local file.
        Map<String, JsonNode> resources = resourcesByKey(dataset);
        assertEquals(plan.keySet(), resources.keySet());
        for (Map.Entry<String, JsonNode> e : plan.entrySet()) {
            JsonNode want = e.getValue();
            JsonNode got = resources.get(e.getKey());
            assertEquals(want.path("title").asText(), got.path("title").asText(), e.getKey());
            assertEquals(want.path("description").asText(), got.path("description").asText(), e.getKey());
            assertEquals("main", got.path("type").asText(), e.getKey());
            if (want.has("schema")) {
                assertEquals(want.get("schema"), got.get("schema"), e.getKey());
            } else {
                assertTrue(got.path("schema").isNull(), e.getKey() + ": " + got.path("schema"));
            }
            assertEquals(e.getKey(), got.path("extras").path("vitrine:id").asText());
            assertEquals(want.path("checksum").path("value").asText(), got.path("extras").path("vitrine:sha256").asText());
            assertArrayEquals(local(e.getKey()), fake.content(got.path("id").asText()), e.getKey());
            assertEquals(want.path("format").asText(), got.path("format").asText(), e.getKey());
        }
        assertTrue(out.contains("created private dataset " + id), out);
        assertTrue(out.contains("published: " + plan.size() + " file(s) uploaded, 0 unchanged"), out);
    }

    @Test
    void secondRunWithTheSameFilesChangesNothingAndFindsTheDatasetByItsExtras() throws Exception {
        publish();
        ObjectNode before = onlyDataset();
        fake.clearCalls();

        String out = publish();

        List<Call> calls = fake.calls();
        assertTrue(calls.stream().noneMatch(Call::isUpload), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.method().equals("POST") && c.path().equals("/datasets/")),
                calls.toString());
        assertTrue(calls.stream().noneMatch(Call::isMutating), "nothing changed, nothing to send: " + calls);
        String id = before.path("id").asText();
        assertTrue(calls.stream().anyMatch(c -> c.path().startsWith("/me/datasets/")), calls.toString());
        assertTrue(calls.stream().anyMatch(c -> c.method().equals("GET") && c.path().equals("/datasets/" + id + "/")),
                calls.toString());
        assertEquals(before, onlyDataset());
        assertTrue(out.contains("published: 0 file(s) uploaded, " + planResources().size() + " unchanged"), out);
    }

    @Test
    void findsItsDatasetBeyondTheFirstPageOfTheList() throws Exception {
        fake.maxPageSize(20);
        for (int i = 1; i <= 25; i++) {
            fake.add("Autre jeu de données " + i,
                    JSON.createObjectNode().put("vitrine:id", i == 7 ? "un-autre-jeu" : "x" + i));
        }
        publish();
        assertEquals(26, fake.datasets().size());
        fake.clearCalls();

        publish();

        List<Call> calls = fake.calls();
        assertTrue(calls.stream().anyMatch(c -> c.path().equals("/me/datasets/?page=2&page_size=20")), calls.toString());
        assertTrue(calls.stream().noneMatch(Call::isMutating), calls.toString());
        assertEquals(26, fake.datasets().size());
    }

    @Test
    void anOrganisationsDatasetIsCreatedForItAndFoundInItsList() throws Exception {
        publish(KEY, new Publisher.Options(site, null, "org-42", false));
        ObjectNode dataset = onlyDataset();
        assertEquals("org-42", dataset.path("organization").path("id").asText());
        fake.clearCalls();

        publish(KEY, new Publisher.Options(site, null, "org-42", false));

        List<Call> calls = fake.calls();
        assertTrue(calls.stream().anyMatch(c -> c.path().startsWith("/organizations/org-42/datasets/")),
                calls.toString());
        assertTrue(calls.stream().noneMatch(Call::isMutating), calls.toString());
    }

    @Test
    void changedFilesAndOnlyThemAreReplacedInTheirResources() throws Exception {
        publish();
        Map<String, String> before = planChecksums();
        Map<String, JsonNode> resourcesBefore = resourcesByKey(onlyDataset());
        String id = onlyDataset().path("id").asText();

        Set<String> changed = editProductAndRebuild(before);

        fake.clearCalls();
        String out = publish();

        List<Call> calls = fake.calls();
        Set<String> replaced = calls.stream().filter(Call::isUpload).map(Call::path).collect(Collectors.toSet());
        Set<String> expected = changed.stream()
                .map(k -> "/datasets/" + id + "/resources/" + resourcesBefore.get(k).path("id").asText() + "/upload/")
                .collect(Collectors.toSet());
        assertEquals(expected, replaced);
        assertEquals(changed.size(), calls.stream().filter(Call::isUpload).count(), calls.toString());
        assertTrue(calls.stream().filter(Call::isUpload).allMatch(c -> c.status() == 200), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.method().equals("DELETE")), calls.toString());

        Map<String, JsonNode> after = resourcesByKey(onlyDataset());
        assertEquals(resourcesBefore.keySet(), after.keySet());
        Map<String, JsonNode> plan = planResources();
        for (String key : after.keySet()) {
            JsonNode was = resourcesBefore.get(key);
            JsonNode now = after.get(key);
            assertEquals(was.path("id"), now.path("id"), "same resource, same id: " + key);
            assertArrayEquals(local(key), fake.content(now.path("id").asText()), key);
            if (changed.contains(key)) {
                assertNotEquals(was.path("checksum"), now.path("checksum"), key);
                assertEquals(plan.get(key).path("title").asText(), now.path("title").asText(),
                        "the title udata takes from the file name is put back: " + key);
                assertEquals(plan.get(key).path("checksum").path("value").asText(),
                        now.path("extras").path("vitrine:sha256").asText(), key);
            } else {
                assertEquals(was, now, key);
            }
        }
        assertTrue(out.contains("published: " + changed.size() + " file(s) uploaded, "
                + (plan.size() - changed.size()) + " unchanged"), out);
    }

    @Test
    void udataRecordsSha1WhileWeRecordSha256AndEitherShowsAFileIsUnchanged() throws Exception {
        publish();
        ObjectNode dataset = onlyDataset();
        String id = dataset.path("id").asText();
        Map<String, JsonNode> resources = resourcesByKey(dataset);
        for (Map.Entry<String, JsonNode> e : resources.entrySet()) {
            byte[] bytes = local(e.getKey());
            assertEquals("sha1", e.getValue().path("checksum").path("type").asText());
            assertEquals(FakeDataGouv.sha1(bytes), e.getValue().path("checksum").path("value").asText());
            assertEquals(Trees.sha256(bytes), e.getValue().path("extras").path("vitrine:sha256").asText());
        }

        // Someone (or an older version) left our SHA-256 out of the extras: udata's SHA-1 is enough...
        // ...except where it does not match the file, which must then be sent again.
        String stale = "conventions.json";
        fake.edit(id, d -> {
            for (JsonNode r : d.path("resources")) {
                ((ObjectNode) r.path("extras")).remove("vitrine:sha256");
                if (r.path("extras").path("vitrine:id").asText().equals(stale)) {
                    ((ObjectNode) r.path("checksum")).put("value", "0".repeat(40));
                }
            }
        });
        fake.clearCalls();

        String out = publish();

        List<Call> uploads = fake.calls().stream().filter(Call::isUpload).toList();
        assertEquals(List.of("/datasets/" + id + "/resources/" + resources.get(stale).path("id").asText() + "/upload/"),
                uploads.stream().map(Call::path).toList());
        assertTrue(out.contains("published: 1 file(s) uploaded, " + (resources.size() - 1) + " unchanged"), out);
    }

    @Test
    void aFileReplacedByHandOnDataGouvIsSentAgainThoughOurExtraStillRecordsItsOldSha256() throws Exception {
        publish();
        ObjectNode dataset = onlyDataset();
        String id = dataset.path("id").asText();
        String rid = resourcesByKey(dataset).get("conventions.csv").path("id").asText();
        // What a user does on data.gouv.fr: upload another file into the resource. udata keeps the resource's
        // extras (so our vitrine:sha256 now describes a file that is no longer there) and computes a new SHA-1.
        byte[] other = "id,titre\nautre,Autre fichier\n".getBytes(StandardCharsets.UTF_8);
        new DataGouvApi(fake.base(), KEY).upload("/datasets/" + id + "/resources/" + rid + "/upload/",
                "conventions.csv", "text/csv", other);
        JsonNode edited = resourcesByKey(onlyDataset()).get("conventions.csv");
        assertEquals(Trees.sha256(local("conventions.csv")), edited.path("extras").path("vitrine:sha256").asText());
        assertEquals(FakeDataGouv.sha1(other), edited.path("checksum").path("value").asText());
        fake.clearCalls();

        publish();

        assertEquals(List.of("/datasets/" + id + "/resources/" + rid + "/upload/"),
                fake.calls().stream().filter(Call::isUpload).map(Call::path).toList(),
                "data.gouv.fr's own checksum shows the file there is not ours");
        assertArrayEquals(local("conventions.csv"), fake.content(rid));
    }

    @Test
    void aServerErrorDuringTheFirstPublicationDeletesTheNewDataset() throws Exception {
        fake.failOn("POST", ".*/upload/", 3, 500, "{\"message\": \"Internal Server Error\"}");

        IOException e = assertThrows(IOException.class, this::publish);

        List<Call> calls = fake.calls();
        List<Call> failed = calls.stream().filter(c -> c.status() == 500).toList();
        assertEquals(1, failed.size(), calls.toString());
        Call failure = failed.get(0);
        assertTrue(e.getMessage().contains(failure.method() + " " + failure.path() + " answered 500"), e.getMessage());
        assertTrue(e.getMessage().contains("Internal Server Error"), e.getMessage());
        assertTrue(e.getMessage().contains("3 change(s) were undone"), e.getMessage());
        assertTrue(fake.datasets().isEmpty(), "the new dataset is deleted: " + fake.datasets());
        assertEquals(201, calls.stream().filter(c -> c.path().equals("/datasets/")).findFirst().orElseThrow().status());
        String id = failure.path().split("/")[2]; // /datasets/{id}/upload/
        assertEquals("/datasets/" + id + "/upload/", failure.path());
        // Nothing was ever made public, and the undoing itself succeeded.
        assertTrue(calls.stream().noneMatch(c -> c.method().equals("PUT") && c.path().equals("/datasets/" + id + "/")),
                calls.toString());
        List<Call> deletes = calls.stream().filter(c -> c.method().equals("DELETE")).toList();
        assertEquals(3, deletes.size(), calls.toString());
        assertEquals("/datasets/" + id + "/", deletes.get(deletes.size() - 1).path());
        assertTrue(deletes.stream().allMatch(c -> c.status() == 204), deletes.toString());
        assertTrue(calls.indexOf(failure) < calls.indexOf(deletes.get(0)));
    }

    @Test
    void aRefusedReplacementDuringAnUpdatePutsBackTheFilesAlreadyReplaced() throws Exception {
        publish();
        Map<String, String> before = planChecksums();
        ObjectNode datasetBefore = onlyDataset();
        Map<String, byte[]> bytesBefore = contents(datasetBefore);
        Set<String> changed = editProductAndRebuild(before);
        assertTrue(changed.size() >= 2, "the test needs two changed files: " + changed);
        fake.failOn("POST", ".*/resources/.*/upload/", 2, 413, "{\"message\": \"Request Entity Too Large\"}");
        fake.clearCalls();

        IOException e = assertThrows(IOException.class, this::publish);

        Call failure = fake.calls().stream().filter(c -> c.status() == 413).findFirst().orElseThrow();
        assertTrue(e.getMessage().contains(failure.method() + " " + failure.path() + " answered 413"), e.getMessage());
        assertTrue(e.getMessage().contains("Request Entity Too Large"), e.getMessage());
        assertTrue(e.getMessage().contains("1 change(s) were undone"), e.getMessage());
        assertUnchanged(datasetBefore, bytesBefore);
    }

    @Test
    void aRefusedMetadataUpdatePutsBackTheReplacedFiles() throws Exception {
        publish();
        Map<String, String> before = planChecksums();
        String id = onlyDataset().path("id").asText();
        // Someone edited the description on data.gouv.fr: this run will want to put ours back.
        fake.edit(id, d -> d.put("description", "Modifiée à la main sur data.gouv.fr."));
        ObjectNode datasetBefore = onlyDataset();
        Map<String, byte[]> bytesBefore = contents(datasetBefore);
        Set<String> changed = editProductAndRebuild(before);
        fake.failOn("PUT", "/datasets/[^/]+/", 1, 400, "{\"message\": \"Validation error\"}");
        fake.clearCalls();

        IOException e = assertThrows(IOException.class, this::publish);

        assertTrue(e.getMessage().contains("PUT /datasets/" + id + "/ answered 400"), e.getMessage());
        assertTrue(e.getMessage().contains(changed.size() + " change(s) were undone"), e.getMessage());
        assertUnchanged(datasetBefore, bytesBefore);
        assertEquals("Modifiée à la main sur data.gouv.fr.", onlyDataset().path("description").asText());
    }

    @Test
    void aWrongKeyIsRefusedBeforeAnyChange() {
        IOException e = assertThrows(IOException.class, () -> publish("not-the-key", new Publisher.Options(site, null,
                null, false)));

        assertEquals(401, assertInstanceOf(DataGouvApi.ApiException.class, e).status);
        assertTrue(e.getMessage().startsWith("GET /me/ answered 401"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid API Key"), e.getMessage());
        assertEquals(List.of("GET /me/ -> 401"), fake.calls().stream().map(Call::toString).toList());
        assertTrue(fake.datasets().isEmpty());
    }

    @Test
    void dryRunOfAnUpdateListsTheChangedFilesAndSendsOnlyReads() throws Exception {
        publish();
        Map<String, String> before = planChecksums();
        ObjectNode datasetBefore = onlyDataset();
        Map<String, byte[]> bytesBefore = contents(datasetBefore);
        Map<String, JsonNode> resources = resourcesByKey(datasetBefore);
        String id = datasetBefore.path("id").asText();
        Set<String> changed = editProductAndRebuild(before);
        fake.clearCalls();

        String out = publish(KEY, new Publisher.Options(site, null, null, true));

        List<Call> calls = fake.calls();
        assertTrue(calls.stream().allMatch(c -> c.method().equals("GET") && !c.path().startsWith("/static/")),
                "a dry run reads the API only: " + calls);
        for (String key : changed) {
            assertTrue(out.contains("POST " + fake.base() + "/datasets/" + id + "/resources/"
                    + resources.get(key).path("id").asText() + "/upload/ file=" + key + " "), out);
        }
        assertEquals(changed.size(), out.lines().filter(l -> l.startsWith("POST ")).count(), out);
        assertTrue(out.contains("dry run: " + changed.size() + " file(s) to upload, "
                + (resources.size() - changed.size()) + " unchanged"), out);
        assertUnchanged(datasetBefore, bytesBefore);
    }

    @Test
    void dryRunFromTheCommandLineNeedsNoKeyAndSendsNothing() {
        Assumptions.assumeTrue(System.getenv(Publisher.API_KEY_ENV) == null, Publisher.API_KEY_ENV + " is set");

        Printed.Run run = printed.main("publish", "--source", project.root().toString(), "--output", site.toString(),
                "--api", fake.base(), "--dry-run");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("dry run: no request below is sent"), run.out());
        String create = run.out().lines().filter(l -> l.startsWith("POST " + fake.base() + "/datasets/ {"))
                .findFirst().orElseThrow(() -> new AssertionError(run.out()));
        assertTrue(create.contains("\"private\":true"), create);
        int files = planResources().size();
        assertEquals(files, run.out().lines()
                .filter(l -> l.startsWith("POST " + fake.base() + "/datasets/<new>/upload/ file=")).count(), run.out());
        assertEquals(files, run.out().lines()
                .filter(l -> l.startsWith("PUT " + fake.base() + "/datasets/<new>/resources/<id>/ {")).count(), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("PUT " + fake.base() + "/datasets/<new>/ {")
                && l.contains("\"private\":false")), run.out());
        assertTrue(run.out().contains("dry run: " + files + " file(s) to upload, 0 unchanged"), run.out());
        assertEquals(List.of(), fake.calls());
    }

    @Test
    void publishingWithoutAKeyIsAUsageError() {
        Assumptions.assumeTrue(System.getenv(Publisher.API_KEY_ENV) == null, Publisher.API_KEY_ENV + " is set");

        Printed.Run run = printed.main("publish", "--source", project.root().toString(), "--output", site.toString(),
                "--api", fake.base());

        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains(Publisher.API_KEY_ENV), run.err());
        assertEquals(List.of(), fake.calls());
    }

    // ---- helpers ----

    private void build() {
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
    }

    private String publish() throws IOException {
        return publish(KEY, new Publisher.Options(site, null, null, false));
    }

    private String publish(String key, Publisher.Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new Publisher(new DataGouvApi(fake.base(), key), new PrintStream(out, true, StandardCharsets.UTF_8))
                    .publish(options);
        } catch (IOException e) {
            throw printed.add(e);
        } catch (RuntimeException e) {
            throw printed.add(e);
        } finally {
            printed.add(out.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Edits a product's mission, rebuilds, and returns the dataset files whose content changed. */
    private Set<String> editProductAndRebuild(Map<String, String> before) {
        project.replace(PRODUCT, MISSION, "mission: Générer d'autres portails de conseil en marque blanche");
        build();
        Map<String, String> after = planChecksums();
        assertEquals(before.keySet(), after.keySet());
        Set<String> changed = new TreeSet<>();
        before.forEach((k, v) -> {
            if (!v.equals(after.get(k))) {
                changed.add(k);
            }
        });
        assertEquals(Set.of("produits.csv", "produits.json", "produits.xlsx"), changed,
                "the mission is in the products tables only");
        return changed;
    }

    /** The dataset and its files are as they were (a resource's URL changes with every upload, so it is left out). */
    private void assertUnchanged(ObjectNode datasetBefore, Map<String, byte[]> bytesBefore) {
        ObjectNode now = onlyDataset();
        ObjectNode metaBefore = datasetBefore.deepCopy();
        ObjectNode metaNow = now.deepCopy();
        metaBefore.remove("resources");
        metaNow.remove("resources");
        assertEquals(metaBefore, metaNow);
        Map<String, JsonNode> was = resourcesByKey(datasetBefore);
        Map<String, JsonNode> is = resourcesByKey(now);
        assertEquals(was.keySet(), is.keySet());
        for (String key : was.keySet()) {
            ObjectNode a = ((ObjectNode) was.get(key)).deepCopy();
            ObjectNode b = ((ObjectNode) is.get(key)).deepCopy();
            a.remove("url");
            b.remove("url");
            assertEquals(a, b, key);
            assertArrayEquals(bytesBefore.get(key), fake.content(b.path("id").asText()), key);
        }
    }

    private ObjectNode onlyDataset() {
        List<ObjectNode> all = fake.datasets();
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    private static Map<String, JsonNode> resourcesByKey(JsonNode dataset) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode r : dataset.path("resources")) {
            assertTrue(out.put(r.path("extras").path("vitrine:id").asText(), r) == null, "duplicate: " + r);
        }
        return out;
    }

    private Map<String, byte[]> contents(JsonNode dataset) {
        Map<String, byte[]> out = new HashMap<>();
        resourcesByKey(dataset).forEach((k, r) -> out.put(k, fake.content(r.path("id").asText())));
        return out;
    }

    private JsonNode plan() {
        try {
            return JSON.readTree(site.resolve("donnees/udata.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** udata.json's resources by file name. */
    private Map<String, JsonNode> planResources() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        plan().path("resources").forEach(r -> out.put(r.path("path").asText(), r));
        return out;
    }

    private Map<String, String> planChecksums() {
        Map<String, String> out = new LinkedHashMap<>();
        planResources().forEach((k, r) -> out.put(k, r.path("checksum").path("value").asText()));
        return out;
    }

    private byte[] local(String key) {
        try {
            return Files.readAllBytes(site.resolve("donnees").resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
