package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Product;
import fr.vitrine.read.SourceRecord;
import fr.vitrine.read.Sources.SourceSet;
import fr.vitrine.testing.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link Products} on the repository's product files, each broken in one way. */
class ProductsTest {

    static final String URBANVITALIZ = "data/products/urbanvitaliz.md";

    @TempDir
    Path tmp;
    TestProject project;
    Diagnostics diagnostics = new Diagnostics();

    @BeforeEach
    void setUp() {
        project = TestProject.copyOfRepository(tmp);
    }

    private Product check(String id) {
        SourceSet s = Records.read(project, diagnostics);
        Set<String> organisations = Records.ids(s.organisations());
        return new Products(diagnostics).product(Records.byId(s.products(), id), organisations, organisations,
                s.vocabulary(), Set.of());
    }

    @Test
    void everyProductOfTheRepositoryPasses() {
        SourceSet s = Records.read(project, diagnostics);
        Products rules = new Products(diagnostics);
        for (SourceRecord r : s.products()) {
            assertNotNull(rules.product(r, Records.ids(s.organisations()), Records.ids(s.organisations()), s.vocabulary(),
                    Set.of()), r.id());
        }
        assertEquals(List.of(), Records.messages(diagnostics));
        Product urbanvitaliz = check("urbanvitaliz");
        // beta.gouv.fr's « /organisations/cerema » is the registry's cerema.
        assertEquals(List.of("anct", "cerema", "dgaln", "dinum"), urbanvitaliz.sponsors());
        assertEquals(List.of("investigation", "construction", "acceleration", "opere"),
                urbanvitaliz.phases().stream().map(Product.Phase::name).toList());
        assertEquals("https://urbanvitaliz.fr/", urbanvitaliz.link());
    }

    @Test
    void aProjectsPhasesInOrder() {
        int line = project.replace(URBANVITALIZ, "    start: 2023-11-01", "    start: 2021-01-04");
        assertNull(check("urbanvitaliz"));
        assertEquals(List.of("ERROR " + line + ":12 phases must be listed in order: 2021-01-04 comes before the previous "
                + "phase"), Records.messages(diagnostics));
    }

    @Test
    void anUnknownSponsorWithTheNearestId() {
        int line = project.replace(URBANVITALIZ, "/organisations/cerema", "/organisations/cerma");
        assertNull(check("urbanvitaliz"));
        assertEquals(List.of("ERROR " + line + ":5 unknown organisation 'cerma'; did you mean 'cerema'?"),
                Records.messages(diagnostics));
    }

    @Test
    void anAddressIsHttpAndHtmlEntitiesAreDecodedWithAWarning() {
        int line = project.replace(URBANVITALIZ, "link: https://urbanvitaliz.fr/", "link: https:&#x2F;&#x2F;urbanvitaliz.fr&#x2F;");
        assertEquals("https://urbanvitaliz.fr/", check("urbanvitaliz").link());
        assertEquals(List.of("WARNING " + line + ":7 'link' is written with HTML entities ('https:&#x2F;&#x2F;urbanvitaliz"
                + ".fr&#x2F;'); read as 'https://urbanvitaliz.fr/': write the address itself"), Records.messages(diagnostics));

        project.replace(URBANVITALIZ, "link: https:&#x2F;&#x2F;urbanvitaliz.fr&#x2F;", "link: urbanvitaliz.fr");
        diagnostics = new Diagnostics();
        assertNull(check("urbanvitaliz"));
        assertEquals(List.of("ERROR " + line + ":7 'link' must be an http(s) address, got 'urbanvitaliz.fr'"),
                Records.messages(diagnostics));
    }
}
