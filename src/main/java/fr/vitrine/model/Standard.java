package fr.vitrine.model;

import java.util.List;
import java.util.Map;

/**
 * One of the programme's standards (data/engagements.yml): what every product is expected to publish, what counts
 * as evidence, and the fields of its product file that hold it.
 *
 * @param evidence    what counts as evidence, in French
 * @param source      the text or rule that states it, in French
 * @param obligations the types of convention obligations that express it
 */
public record Standard(String id, String name, String evidence, List<Field> fields, String source,
                       List<Obligation.Type> obligations) {

    /** How a product-file field holds evidence. */
    public enum Kind implements Coded {
        ADDRESS("address", "adresse"), FLAG("flag", "oui ou non"), VALUE("value", "texte");

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

    /**
     * A field of the product file; for {@link Kind#VALUE}, the status each known text means (another text counts as
     * declared, shown as written).
     */
    public record Field(String name, Kind kind, Map<String, Engagement.Status> values) {
    }

    /** The id of its column and summary on /engagements/. */
    public String anchor() {
        return "engagement-" + id;
    }
}
