package fr.vitrine.model;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A digital public service, in the shape of beta.gouv.fr's product files.
 *
 * @param metricsNames the {@code nom_service_public_numerique} values its impact metrics use
 * @param external     true when read from a beta.gouv.fr folder rather than the project's {@code data/}
 */
public record Product(String id, String title, String mission, List<String> sponsors, String incubator,
                      List<Phase> phases, List<Event> events, String link, String repository, String statsUrl,
                      Fast fast, String descriptionHtml, List<String> metricsNames, boolean external, Path file) {

    /** A phase of the beta.gouv.fr approach; {@code end} is {@code null} while it lasts. */
    public record Phase(String name, PartialDate start, PartialDate end) {

        public String getLabel() {
            return label(name);
        }

        public static String label(String name) {
            return switch (name) {
                case "investigation" -> "Investigation";
                case "construction" -> "Construction";
                case "acceleration" -> "Accélération";
                case "transfer" -> "Transfert";
                case "success" -> "Pérennisé";
                case "opere" -> "Opéré";
                case "alumni" -> "Partenariat terminé";
                case "abandon" -> "Abandonné";
                default -> name;
            };
        }

        public static final List<String> KNOWN = List.of(
                "investigation", "construction", "acceleration", "transfer", "success", "opere", "alumni", "abandon");
    }

    /** A dated event of the product's life (investment committee, launch, FAST award). */
    public record Event(String name, PartialDate date, String comment) {
    }

    /** beta.gouv.fr's FAST award: promotion number and amount. */
    public record Fast(Integer promotion, BigDecimal montant) {
    }

    /** The phase under way on {@code today}, or the last one when all are over; {@code null} without phases. */
    public Phase currentPhase(LocalDate today) {
        Phase current = null;
        for (Phase p : phases) {
            if (!p.start().first().isAfter(today)) {
                current = p;
            }
        }
        return current;
    }
}
