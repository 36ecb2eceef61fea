package fr.vitrine.model;

import java.nio.file.Path;

/**
 * A public body: a directorate, an operator, a ministry.
 *
 * @param siret     the 14-digit SIRET when known, else {@code null}
 * @param parent    id of the organisation it belongs to (a directorate's ministry), or {@code null}
 * @param ministry  beta.gouv.fr's {@code domaine_ministeriel}, or {@code null}
 * @param article   the article its short name takes in a sentence ("la" DINUM, "le" Cerema), or {@code null}
 */
public record Organisation(String id, String name, String acronym, String type, String siret, String parent,
                           String ministry, String address, Path file, String article) {

    public Organisation(String id, String name, String acronym, String type, String siret, String parent,
                        String ministry, String address, Path file) {
        this(id, name, acronym, type, siret, parent, ministry, address, file, null);
    }

    /** "la DINUM", "le Cerema": its short name as the subject of a sentence. */
    public String theName() {
        return French.withArticle(article, shortName());
    }

    /** "de la DINUM", "du Cerema", "d'Ecosanté". */
    public String ofName() {
        return French.of(article, shortName());
    }

    /** The organisation's page: "/organisations/" and its id's {@linkplain Text#address address}. */
    public String path() {
        return "/organisations/" + Text.address(id) + "/";
    }

    /** "DINUM" when there is an acronym, else the name. */
    public String shortName() {
        return acronym != null ? acronym : name;
    }

    public String typeLabel() {
        if (type == null) {
            return null;
        }
        return switch (type.strip()) {
            case "administration-centrale" -> "Administration centrale";
            case "ministere" -> "Ministère";
            case "operateur" -> "Opérateur de l'État";
            case "etablissement-public" -> "Établissement public";
            case "collectivite-territoriale" -> "Collectivité territoriale";
            case "securite-sociale" -> "Sécurité sociale";
            case "service-deconcentre" -> "Service déconcentré";
            case "autre" -> "Autre";
            // A type this list does not name: its words, never the raw code.
            default -> Character.toUpperCase(type.strip().charAt(0)) + type.strip().substring(1).replace('-', ' ');
        };
    }
}
