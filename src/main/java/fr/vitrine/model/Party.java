package fr.vitrine.model;

/**
 * A signatory party of a convention.
 *
 * @param representative who the text says represents the party
 * @param signatory      who signed, when the text names someone else; {@code null} otherwise
 */
public record Party(String org, Role role, Person representative, Person signatory) {

    public enum Role implements Coded {
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

        @Override
        public String code() {
            return code;
        }

        @Override
        public String label() {
            return label;
        }

        /** Accepts the code with or without accents, any case. */
        public static java.util.Optional<Role> parse(String s) {
            return Coded.parse(Role.class, s, Text::fold);
        }
    }
}
