package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontMatterTest {

    private final Path file = Path.of("x.md");

    @Test
    void splitsYamlAndBodyAndKnowsTheirLines() {
        FrontMatter fm = FrontMatter.split(file, "---\nid: a\ntitle: b\n---\n# Titre\n\ntexte\n", new Diagnostics());
        assertEquals("id: a\ntitle: b\n", fm.yaml());
        assertEquals(2, fm.yamlFirstLine());
        assertEquals("# Titre\n\ntexte\n", fm.body());
        assertEquals(5, fm.bodyFirstLine());
    }

    @Test
    void acceptsWindowsLineEndingsAndNoBody() {
        FrontMatter fm = FrontMatter.split(file, "---\r\nid: a\r\n---", new Diagnostics());
        assertEquals("id: a\r\n", fm.yaml());
        assertEquals("", fm.body());
    }

    @Test
    void reportsMissingAndUnclosedFrontMatter() {
        Diagnostics d = new Diagnostics();
        assertNull(FrontMatter.split(file, "# Pas de fiche\n", d));
        assertNull(FrontMatter.split(file, "---\nid: a\n", d));
        assertEquals(2, d.all().size());
        assertTrue(d.all().get(0).toString().endsWith("x.md:1:1: error: missing front matter: the file must start with a line '---', then the YAML record, then a closing '---'")
                || d.all().get(1).toString().contains("missing front matter"));
        assertTrue(d.all().stream().anyMatch(x -> x.message().contains("never closed")));
    }
}
