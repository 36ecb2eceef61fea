package fr.vitrine.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * French labels of beta.gouv.fr's phase and event ids, so that no id is ever shown raw. The built-in phases are
 * every name beta.gouv.fr has used over time (older files say {@code transfer}, {@code success}, {@code alumni});
 * the labels of a beta.gouv.fr checkout's {@code _phases/} folder replace them when Vitrine reads one.
 */
public record Vocabulary(Map<String, String> phases, Map<String, String> events) {

    /** Phases in the order of a product's life, then its ends. */
    private static final Map<String, String> PHASES = ordered(
            "investigation", "Investigation",
            "construction", "Construction",
            "acceleration", "Accélération",
            "consolidation", "En consolidation",
            "transfer", "En cours de pérennisation",
            "transfere", "Transféré",
            "success", "Pérennisé",
            "opere", "Opéré",
            "alumni", "Partenariat terminé",
            "abandon", "Abandonné",
            "abandon-investigation", "Investigation non concluante");

    private static final Map<String, String> EVENTS = ordered(
            "product_launch", "Lancement du produit",
            "committee", "Passage en comité d'investissement",
            "fast", "Financement FAST",
            "national_impact", "Impact national validé",
            "eig", "Programme Entrepreneurs d'intérêt général",
            "end", "Fin du produit",
            "other", "Autre événement");

    public static final Vocabulary BUILT_IN = new Vocabulary(PHASES, EVENTS);

    /** Shown for an id no vocabulary knows (validation warns about it). */
    public static final String UNKNOWN_PHASE = "Phase non référencée";
    public static final String UNKNOWN_EVENT = "Événement";

    public Vocabulary {
        phases = Map.copyOf(phases);
        events = Map.copyOf(events);
    }

    /** This vocabulary with the labels of a {@code _phases/} folder (id → label) added or replacing built-in ones. */
    public Vocabulary withPhases(Map<String, String> labels) {
        Map<String, String> merged = new LinkedHashMap<>(phases);
        merged.putAll(labels);
        return new Vocabulary(merged, events);
    }

    public boolean knowsPhase(String id) {
        return phases.containsKey(id);
    }

    public boolean knowsEvent(String id) {
        return events.containsKey(id);
    }

    public String phase(String id) {
        return phases.getOrDefault(id, UNKNOWN_PHASE);
    }

    public String event(String id) {
        return events.getOrDefault(id, UNKNOWN_EVENT);
    }

    /** Phase ids in the order of a product's life (for listings by phase). */
    public static java.util.List<String> phaseOrder() {
        return java.util.List.copyOf(PHASES.keySet());
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
