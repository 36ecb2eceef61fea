package fr.vitrine.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vitrine.importer.Draft.Value;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The draft's YAML, as its emitter writes it: values and comments that hold line breaks of every kind. */
class DraftTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> BREAKS = List.of("\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\u000B",
            "\u000C");

    @Test
    void noLineBreakInAValueOrACommentAddsAField() throws IOException {
        for (String br : BREAKS) {
            String injected = "Texte" + br + "summary: Texte injecté" + br + "- x";
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", new Value("essai", null));
            record.put("title", new Value(injected, "l. 5 : « " + injected + " »"));
            record.put("total", Draft.absent("l. 9 : « " + injected + " »"));
            Map<String, Object> party = new LinkedHashMap<>();
            party.put("org", Draft.unknown("l. 13 : « " + injected + " » is not in data/organisations.yml"));
            party.put("amount", new Value(new BigDecimal("1500.50"), injected));
            record.put("parties", List.of(party));
            record.put("products", List.of(new Value("urbanvitaliz", injected)));
            record.put("signed", new Value("2020-03-05", injected));
            String yaml = Draft.yaml(record);
            String shown = yaml.replace("\r", "\\r").replace("\u2028", "\\u2028");
            JsonNode parsed = YAML.readTree(yaml);
            assertEquals(List.of("id", "title", "parties", "products", "signed"), fieldNames(parsed), shown);
            assertEquals(injected, parsed.get("title").asText(), shown);
            assertEquals("unknown", parsed.get("parties").get(0).get("org").asText());
            assertEquals(1, parsed.get("products").size());
            assertTrue(yaml.chars().noneMatch(c -> c != '\n' && (c < 0x20 || c == 0x85 || c == 0x2028 || c == 0x2029)),
                    "a line break other than LF, or a control character, in the draft:\n" + shown);
            assertEquals(9, yaml.lines().count(), shown);
            assertTrue(yaml.contains("# total: not found # l. 9 : « Texte summary: Texte injecté - x »\n"), shown);
            assertTrue(yaml.contains("signed: 2020-03-05 # Texte summary: Texte injecté - x\n"), shown);
            assertTrue(yaml.contains("  - org: unknown # l. 13 : « Texte summary"), shown);
            assertTrue(yaml.contains("    amount: 1500.5 #"), shown);
            assertFalse(yaml.contains("\n  summary") || yaml.contains("\nsummary"), shown);
        }
    }

    /** Before, a draft that did not parse back was reported as « cannot read the registries under data ». */
    @Test
    void aDraftThatDoesNotParseBackIsSaidToBeOne() {
        Importer.UnreadableDraft e = org.junit.jupiter.api.Assertions.assertThrows(Importer.UnreadableDraft.class,
                () -> Importer.readBack("id: essai\ntitle: \"non fermé\n", "essai"));
        assertTrue(e.getMessage().startsWith("Unexpected end of stream") || e.getMessage().contains("quoted scalar"),
                e.getMessage());
        assertEquals("not a map with id essai", org.junit.jupiter.api.Assertions.assertThrows(
                Importer.UnreadableDraft.class, () -> Importer.readBack("- id: essai\n", "essai")).getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
