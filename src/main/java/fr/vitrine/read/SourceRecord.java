package fr.vitrine.read;

import org.jbake.model.DocumentModel;

import java.nio.file.Path;
import java.util.Map;

/**
 * One record as read from the sources, before validation: its YAML fields (with positions), and for Markdown
 * files the JBake document holding the rendered body.
 *
 * @param type     document type: convention, product, organisation or page
 * @param id       the id its file name gives (registry entries take it from their {@code id} field)
 * @param file     the file it was read from
 * @param tree     the YAML it was read from
 * @param path     where the record sits in {@code tree}: "" for a front matter, "[3]" for a registry entry
 * @param document the parsed Markdown file, or {@code null} for a registry entry
 * @param external true when read from a folder outside the project (e.g. beta.gouv.fr's product files)
 */
public record SourceRecord(String type, String id, Path file, YamlTree tree, String path, DocumentModel document,
                           boolean external) {

    /** The record's fields; empty when the YAML at {@link #path} is not a map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> fields() {
        Object node = path.isEmpty() ? tree.root() : at(tree.root(), path);
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public boolean isMap() {
        Object node = path.isEmpty() ? tree.root() : at(tree.root(), path);
        return node instanceof Map<?, ?>;
    }

    /** Joins a field name to this record's path, e.g. "[3]" + "name" = "[3].name". */
    public String child(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static Object at(Object root, String path) {
        // Registry entries are addressed as "[index]" at the top level.
        if (root instanceof java.util.List<?> list && path.startsWith("[") && path.endsWith("]")) {
            int i = Integer.parseInt(path.substring(1, path.length() - 1));
            return i < list.size() ? list.get(i) : null;
        }
        return null;
    }
}
