package fr.vitrine.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.Coded;
import fr.vitrine.model.EvidenceCheck;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code data/evidence.json}: what {@code vitrine evidence} found at each evidence address. It writes it; the build
 * only reads it (never the network). A broken file is a warning and is ignored: the pages then say nothing was
 * checked.
 */
public final class EvidenceFile {

    public static final String NAME = "evidence.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvidenceFile() {
    }

    /** The checks by address; empty when the file is absent or unreadable (a warning). */
    public static Map<String, EvidenceCheck> read(Path file, Diagnostics diagnostics) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        String text = TextFile.readUtf8(file, diagnostics);
        if (text == null) {
            return Map.of();
        }
        Map<String, EvidenceCheck> out = new LinkedHashMap<>();
        try {
            JsonNode checks = JSON.readTree(text).path("checks");
            for (int i = 0; i < checks.size(); i++) {
                JsonNode c = checks.get(i);
                EvidenceCheck.Outcome outcome = Coded.parse(EvidenceCheck.Outcome.class, c.path("outcome").asText()).orElse(null);
                if (!c.path("address").isTextual() || outcome == null) {
                    throw new IllegalArgumentException("check " + (i + 1) + " has no address or an unknown outcome");
                }
                out.put(c.get("address").asText(), new EvidenceCheck(c.get("address").asText(),
                        LocalDate.parse(c.path("checked").asText()), c.path("status").isInt() ? c.get("status").asInt() : null,
                        c.path("final_address").isTextual() ? c.get("final_address").asText() : null,
                        c.path("names_statistics").isBoolean() ? c.get("names_statistics").asBoolean() : null, outcome));
            }
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            diagnostics.warning(file, 1, 1, "this file cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "); it is ignored: run 'vitrine evidence --force' to write it again");
            return Map.of();
        }
        return out;
    }

    /** The file's text for these checks, in the given order. */
    public static String write(Collection<EvidenceCheck> checks) {
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "Written by 'vitrine evidence': what was found at each evidence address.");
        ArrayNode list = root.putArray("checks");
        for (EvidenceCheck c : checks) {
            ObjectNode o = list.addObject();
            o.put("address", c.address());
            o.put("checked", c.checked().toString());
            if (c.status() != null) {
                o.put("status", c.status());
            } else {
                o.putNull("status");
            }
            o.put("final_address", c.finalAddress());
            if (c.namesStatistics() != null) {
                o.put("names_statistics", c.namesStatistics());
            }
            o.put("outcome", c.outcome().code());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
