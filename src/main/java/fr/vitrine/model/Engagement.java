package fr.vitrine.model;

import java.util.Map;

/**
 * Where one product stands on one standard, from its product file alone: the evidence it gives, or what it declares.
 * A fact, never a judgement: statuses say what the file says.
 *
 * @param field   the product-file field the status comes from, or null when none is given
 * @param value   that field's value as the file writes it, or null
 * @param address the evidence address, when the file gives one
 * @param check   what {@code vitrine evidence} found at that address, or null when it was not checked
 */
public record Engagement(Standard standard, Status status, String field, String value, String address,
                         EvidenceCheck check) {

    /** From most to least given: a product's status on a standard is the first its fields reach. */
    public enum Status implements Coded {
        EVIDENCE("justificatif", "Justificatif publié"),
        DECLARED("declare", "Déclaré, sans adresse"),
        PARTIAL("partiel", "Déclaré partiel"),
        ABSENT("absent", "Déclaré absent"),
        NOT_DECLARED("non-declare", "Non déclaré");

        public final String code;
        public final String label;

        Status(String code, String label) {
            this.code = code;
            this.label = label;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * The product's status on {@code standard}: the fields in the order the standard lists them, the first that gives
     * the most (an address before a flag); a text value the standard does not know counts as declared.
     */
    public static Engagement of(Standard standard, Product product, Map<String, EvidenceCheck> checks) {
        Engagement best = new Engagement(standard, Status.NOT_DECLARED, null, null, null, null);
        for (Standard.Field f : standard.fields()) {
            String v = product.declared().get(f.name());
            if (v == null) {
                continue;
            }
            Engagement e = switch (f.kind()) {
                case ADDRESS -> new Engagement(standard, Status.EVIDENCE, f.name(), v, v, checks.get(v));
                case FLAG -> new Engagement(standard, Boolean.parseBoolean(v) ? Status.DECLARED : Status.ABSENT,
                        f.name(), v, null, null);
                case VALUE -> new Engagement(standard, f.values().getOrDefault(v.strip().toLowerCase(java.util.Locale.ROOT),
                        Status.DECLARED), f.name(), v, null, null);
            };
            if (e.status.ordinal() < best.status.ordinal()) {
                best = e;
            }
        }
        return best;
    }

    /** What the file says, in French: its own words quoted for a text value (« Déclaré absent : « non conforme » »). */
    public String description() {
        boolean quoted = status != Status.EVIDENCE && standard.fields().stream()
                .anyMatch(f -> f.name().equals(field) && f.kind() == Standard.Kind.VALUE);
        return quoted ? status.label + " : « " + value + " »" : status.label;
    }
}
