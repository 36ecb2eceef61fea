package fr.vitrine.cli;

import fr.vitrine.testing.ChildVitrine;
import fr.vitrine.testing.FullTier;
import fr.vitrine.testing.TestProject;
import fr.vitrine.testing.Trees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vitrine carries its templates, themes and DSFR files: a folder with only content builds, a project overrides only
 * what it holds, and {@code vitrine init} writes projects that build at once.
 */
class ProjectFolderTest {

    @TempDir
    Path tmp;

    private static Map<String, String> built(TestProject project, Path out) {
        TestProject.Run run = project.build(out);
        assertEquals(0, run.exitCode(), run.err());
        return Trees.fingerprint(out);
    }

    @Test
    void aFolderWithOnlyContentBuildsTheSameSiteAsTheBundledOne() throws Exception {
        TestProject bundled = TestProject.copyOfRepository(tmp.resolve("a"));
        Map<String, String> expected = built(bundled, tmp.resolve("out-a"));

        TestProject bare = TestProject.copyOfRepository(tmp.resolve("b"));
        Trees.delete(bare.file("site-templates"));
        assertFalse(Files.exists(bare.file("node_modules")));
        assertEquals(expected, built(bare, tmp.resolve("out-b")), "same files, same bytes");
        assertTrue(expected.keySet().stream().anyMatch(f -> f.startsWith("assets/dsfr/fonts/")), "DSFR files included");
    }

    @Test
    void overridingOneTemplateChangesOnlyThatTemplatesPages() throws Exception {
        TestProject bundled = TestProject.copyOfRepository(tmp.resolve("a"));
        Map<String, String> before = built(bundled, tmp.resolve("out-a"));

        TestProject project = TestProject.copyOfRepository(tmp.resolve("b"));
        String organisation = project.read("site-templates/organisation.peb");
        Trees.delete(project.file("site-templates"));
        project.write("site-templates/organisation.peb", organisation.replace("{% block content %}",
                "{% block content %}<p>Modèle de la fiche propre à ce projet.</p>"));
        Map<String, String> after = built(project, tmp.resolve("out-b"));

        assertEquals(before.keySet(), after.keySet());
        Set<String> changed = new TreeSet<>();
        before.forEach((file, hash) -> {
            if (!hash.equals(after.get(file))) {
                changed.add(file);
            }
        });
        Set<String> organisationPages = new TreeSet<>();
        before.keySet().stream().filter(f -> f.matches("organisations/[^/]+/index\\.html")).forEach(organisationPages::add);
        assertFalse(organisationPages.isEmpty());
        assertEquals(organisationPages, changed, "only the organisation pages changed");
        assertTrue(Trees.read(tmp.resolve("out-b").resolve(organisationPages.iterator().next()))
                .contains("Modèle de la fiche propre à ce projet."));
    }

    private static int main(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(sink, true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void initWritesAProgrammeThatBuildsAndPassesCheck() {
        Path dir = tmp.resolve("programme");
        assertEquals(0, main("init", dir.toString(), "--release", "1.4.0", "--repository", "etalab/vitrine"));
        for (String f : new String[] {"jbake.properties", "content/conventions/exemple-convention.md",
                "data/organisations.yml", "data/products/mon-service.md", ".github/workflows/pages.yml"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        String workflow = Trees.read(dir.resolve(".github/workflows/pages.yml"));
        assertTrue(workflow.contains("VITRINE_VERSION: v1.4.0\n") && workflow.contains("VITRINE_REPOSITORY: etalab/vitrine\n"),
                workflow);
        TestProject project = TestProject.at(dir);
        TestProject.Run check = project.check();
        assertEquals(0, check.exitCode(), check.err());
        assertEquals("", check.err(), "no warning in the example");
        TestProject.Run build = project.build(dir.resolve("output"));
        assertEquals(0, build.exitCode(), build.err());
        assertTrue(Files.isRegularFile(dir.resolve("output/conventions/exemple-convention/index.html")));
        assertTrue(Files.isRegularFile(dir.resolve("output/produits/mon-service/index.html")));
    }

    @FullTier
    @Test
    void initWritesATeamProjectWhoseStatsBuildInThatFolder() throws Exception {
        Path dir = tmp.resolve("team");
        assertEquals(0, main("init", dir.toString(), "--kind", "team", "--release", "v2.0.1", "--repository", "etalab/vitrine"));
        assertTrue(Trees.read(dir.resolve(".github/workflows/stats.yml"))
                .contains("uses: etalab/vitrine/.github/actions/stats@v2.0.1\n"));
        // 'stats' needs no settings: run in the team's folder as a team would, without --source.
        ChildVitrine.Run run = new ChildVitrine(dir, null, null, null).vitrine("stats", "--metrics", "stats/*.csv");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Trees.read(dir.resolve("_site/index.html")).contains("Usagers accompagnés"));
        // The measures are described by their own method and comment, the target's apart.
        String facts = org.jsoup.Jsoup.parse(Trees.read(dir.resolve("_site/index.html"))).select("section.indicator")
                .stream().filter(s -> s.selectFirst("h3").text().startsWith("Usagers accompagnés")).findFirst()
                .orElseThrow().selectFirst("dl.method").text().replace('\u202F', ' ').replace('\u00A0', ' ');
        assertTrue(facts.contains("Méthode des mesures Base de données du service (collecte automatisée)"), facts);
        assertTrue(facts.contains("Commentaire des mesures Exemple : remplacez ces lignes par vos mesures."), facts);
        assertTrue(facts.contains("Méthode des cibles Objectif de l'équipe (collecte manuelle), fréquence : mensuelle"), facts);
        assertTrue(facts.contains("Commentaire des cibles Cible de fin d'année."), facts);
    }

    /** A development build names no release: the project is written without a workflow, and init says why. */
    @Test
    void initFromADevelopmentBuildWritesNoPlaceholderWorkflow() throws Exception {
        Path dir = tmp.resolve("dev");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.run("init", dir.toString()));
        } finally {
            System.setOut(out);
        }
        assertFalse(Files.exists(dir.resolve(".github")), "no workflow naming a release that does not exist");
        assertTrue(Files.isRegularFile(dir.resolve("content/conventions/exemple-convention.md")));
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("No workflow written"), printed.toString());
    }

    @Test
    void initRefusesAMalformedOrHalfNamedRelease() {
        assertEquals(2, main("init", tmp.resolve("a").toString(), "--release", "1.0.0-SNAPSHOT", "--repository", "a/b"));
        assertEquals(2, main("init", tmp.resolve("b").toString(), "--release", "1.0.0", "--repository", "OWNER"));
        assertEquals(2, main("init", tmp.resolve("c").toString(), "--release", "1.0.0"),
                "a development build knows no repository: both are needed");
        assertEquals(2, main("init", tmp.resolve("d").toString(), "--release", "1.0.0", "--repository", "a/b;rm -rf"));
        for (String d : new String[] {"a", "b", "c", "d"}) {
            assertFalse(Files.exists(tmp.resolve(d)), d + ": nothing written");
        }
    }

    @Test
    void initRefusesANonEmptyFolderAndWritesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("notes.txt"), "à garder");
        assertEquals(2, main("init", dir.toString()));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertEquals(2, main("init", tmp.resolve("x").toString(), "--kind", "blog"), "an unknown kind is a usage error");
    }
}
