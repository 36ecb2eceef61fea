package fr.vitrine.dataset;

import java.util.List;

/**
 * A tabular dataset as published: its columns with their Table Schema types and constraints, its keys, and
 * where its schema lives (our own {@code <name>.schema.json}, or an official schema on schema.data.gouv.fr).
 *
 * @param officialSchema URL of the official Table Schema this file follows, or {@code null} for our own
 * @param udataSchema    the {@code {name, version}} data.gouv.fr knows the official schema by, or {@code null}
 */
public record Table(String name, String title, String description, List<Field> fields, List<String> primaryKey,
                    List<ForeignKey> foreignKeys, String officialSchema, SchemaRef udataSchema) {

    /** A column. {@code type} is a Table Schema type: string, integer, number, boolean, date, year. */
    public record Field(String name, String type, String title, String description, boolean required,
                        boolean unique, List<String> values, String pattern, Double minimum, Double maximum) {

        public static Field of(String name, String type, String title, String description) {
            return new Field(name, type, title, description, false, false, null, null, null, null);
        }

        public Field mandatory() {
            return new Field(name, type, title, description, true, unique, values, pattern, minimum, maximum);
        }

        public Field uniqueValues() {
            return new Field(name, type, title, description, required, true, values, pattern, minimum, maximum);
        }

        public Field among(List<String> allowed) {
            return new Field(name, type, title, description, required, unique, allowed, pattern, minimum, maximum);
        }

        public Field matching(String regex) {
            return new Field(name, type, title, description, required, unique, values, regex, minimum, maximum);
        }

        public Field between(Double min, Double max) {
            return new Field(name, type, title, description, required, unique, values, pattern, min, max);
        }
    }

    /** Columns of this table that reference the key of another table of the package. */
    public record ForeignKey(List<String> fields, String resource, List<String> referenceFields) {
    }

    /** How data.gouv.fr names an official schema. */
    public record SchemaRef(String name, String version) {
    }

    public int index(String field) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(field)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no field " + field);
    }

    public String csvFile() {
        return name + ".csv";
    }

    public String jsonFile() {
        return name + ".json";
    }

    public String xlsxFile() {
        return name + ".xlsx";
    }

    /** Our own schema file, or the official schema's URL. */
    public String schemaReference() {
        return officialSchema != null ? officialSchema : name + ".schema.json";
    }
}
