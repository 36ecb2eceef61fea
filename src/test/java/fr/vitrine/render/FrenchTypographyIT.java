package fr.vitrine.render;

import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link FrenchTypographyTest}'s check on every page of the site built with the whole beta.gouv.fr snapshot (system
 * property {@code vitrine.corpus.betagouv}; skipped loudly without it): the products' own texts included.
 */
class FrenchTypographyIT {

    static final String PROPERTY = "vitrine.corpus.betagouv";

    @TempDir
    Path tmp;

    @Test
    void everyTextNodeOfTheCorpusSiteHasFrenchTypography() throws IOException {
        String setting = System.getProperty(PROPERTY, "").strip();
        if (setting.isEmpty()) {
            System.err.println("\n*** SKIPPED FrenchTypographyIT: no -D" + PROPERTY + "=<beta.gouv.fr content folder> ***\n");
            Assumptions.abort("-D" + PROPERTY + " is not set: the corpus site's typography is not tested");
        }
        Path corpus = Path.of(setting).toAbsolutePath();
        if (!Files.isDirectory(corpus.resolve("_startups"))) {
            fail(PROPERTY + "=" + setting + " does not hold _startups/: fix the path");
        }
        TestProject project = TestProject.copyOfRepository(tmp);
        Files.delete(project.file("data/products/urbanvitaliz.md"));
        project.write("jbake.properties", project.read("jbake.properties")
                + "\nvitrine.search=off"
                + "\nvitrine.betagouv.startups=" + corpus.resolve("_startups")
                + "\nvitrine.betagouv.organisations=" + corpus.resolve("_organisations") + "\n");
        Path site = tmp.resolve("site");
        TestProject.Run run = project.build(site);
        assertEquals(0, run.exitCode(), run.err());
        List<String> problems = FrenchTypographyTest.problems(site);
        assertTrue(problems.isEmpty(), problems.size() + " text nodes:\n" + String.join("\n",
                problems.subList(0, Math.min(40, problems.size()))));
    }
}
