package fr.vitrine.model;

/**
 * A signatory party of a convention.
 *
 * @param representative who the text says represents the party
 * @param signatory      who signed, when the text names someone else; {@code null} otherwise
 */
public record Party(String org, Role role, Person representative, Person signatory) {

    public enum Role {
        PARTENAIRE("partenaire", "Partenaire"),
        DELEGANT("délégant", "Délégant"),
        DELEGATAIRE("délégataire", "Délégataire"),
        ATTRIBUANT("attribuant", "Attribuant"),
        BENEFICIAIRE("bénéficiaire", "Bénéficiaire");

        public final String code;
        public final String label;

        Role(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public String getLabel() {
            return label;
        }

        /** Accepts the code with or without accents, any case. */
        public static Role parse(String s) {
            String key = Text.fold(s);
            for (Role r : values()) {
                if (Text.fold(r.code).equals(key)) {
                    return r;
                }
            }
            return null;
        }
    }
}
