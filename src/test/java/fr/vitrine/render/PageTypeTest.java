package fr.vitrine.render;

import fr.vitrine.read.BuiltIn;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageTypeTest {

    /** Each page type's own template is in the jar: a project sets template.<type>.file only to use another. */
    @Test
    void everyPageTypeHasItsTemplateBuiltIn() {
        for (PageType type : PageType.values()) {
            assertTrue(Files.isRegularFile(BuiltIn.templates().resolve(type.defaultTemplate())), type + ": "
                    + type.defaultTemplate());
        }
    }

    /** The names in settings and messages are the ones JBake's configuration format has always used. */
    @Test
    void settingsKeepTheirNames() {
        assertEquals("template.error404.file", PageType.ERROR404.setting());
        assertEquals("template.masterindex.file", PageType.MASTERINDEX.setting());
        assertEquals("convention", PageType.CONVENTION.key());
    }
}
