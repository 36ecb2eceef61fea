package fr.vitrine.model;

import java.time.LocalDate;

/**
 * One row of an impact CSV (schema impact-service-public-numerique 0.5.0), checked and typed.
 *
 * @param target true for a target value ({@code est_cible}), false for a measure
 * @param period true when the value covers a period ({@code est_periode}) rather than a stock
 * @param start  start of that period ({@code date_debut}), or {@code null}
 */
public record Measure(String administration, String service, String indicator, double value, String unit,
                      boolean target, Kind kind, String frequency, LocalDate date, boolean period, LocalDate start,
                      boolean automated, String source, String denomInsee, String codeInsee, String dataviz,
                      String comment) {

    /** {@code type_indicateur}: what the service does for its users (impact) or how much it is used (usage). */
    public enum Kind implements Coded {
        IMPACT("impact", "Impact"), USAGE("usage", "Usage");

        public final String code;
        public final String label;

        Kind(String code, String label) {
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
}
