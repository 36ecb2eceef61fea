package fr.vitrine.model;

/** What sort of legal instrument a convention is. */
public enum Kind implements Coded {
    PARTENARIAT("partenariat", "Convention de partenariat"),
    DELEGATION_DE_GESTION("delegation-de-gestion", "Convention de délégation de gestion"),
    SUBVENTION("subvention", "Convention de subvention"),
    AVENANT("avenant", "Avenant"),
    AUTRE("autre", "Autre acte"),
    UNKNOWN("unknown", "Type non précisé");

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

    /**
     * Its code in the datasets, whose vocabularies are French: the record's keyword {@code unknown} becomes
     * {@code inconnu}, as in their {@code statut} column.
     */
    public String datasetCode() {
        return this == UNKNOWN ? "inconnu" : code;
    }

    public static java.util.List<String> datasetCodes() {
        return java.util.Arrays.stream(values()).map(Kind::datasetCode).toList();
    }

    /** URL segment of the kind's listing page (French, like every URL of the site). */
    public String slug() {
        return this == UNKNOWN ? "non-precise" : code;
    }
}
