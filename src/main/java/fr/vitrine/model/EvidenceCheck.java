package fr.vitrine.model;

import java.time.LocalDate;

/**
 * What {@code vitrine evidence} found at an evidence address (data/evidence.json), read by the build, which never
 * fetches anything itself.
 *
 * @param status          the last HTTP status received, or null when no answer came
 * @param finalAddress    where redirects led (https only), or null
 * @param namesStatistics for a statistics page: whether its text names statistics; null when not looked at
 * @param outcome         how it went (see {@link Outcome})
 */
public record EvidenceCheck(String address, LocalDate checked, Integer status, String finalAddress,
                            Boolean namesStatistics, Outcome outcome) {

    /** How a check went, with the words the pages use. */
    public enum Outcome implements Coded {
        REACHABLE("joignable", "adresse joignable"),
        HTTP_ERROR("erreur-http", "le serveur répond par une erreur"),
        HTTP_REDIRECT("redirection-http", "redirection vers une adresse non chiffrée (http), non suivie"),
        TOO_MANY_REDIRECTS("trop-de-redirections", "trop de redirections"),
        TIMEOUT("delai-depasse", "pas de réponse dans le délai"),
        NETWORK("injoignable", "connexion impossible"),
        NOT_HTTPS("non-https", "adresse non chiffrée (http), non consultée"),
        ROBOTS("robots", "robots.txt du site en exclut la consultation");

        public final String code;
        public final String label;

        Outcome(String code, String label) {
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

    public boolean reachable() {
        return outcome == Outcome.REACHABLE;
    }

    /** « vérifié le 6 décembre 2026 », « adresse injoignable le …, code HTTP 404 », « non consultée le …, … ». */
    public String sentence() {
        String day = Formats.date(checked);
        return switch (outcome) {
            case REACHABLE -> "vérifié le " + day;
            case NOT_HTTPS, ROBOTS -> "non consultée le " + day + ", " + outcome.label;
            case HTTP_ERROR -> "adresse injoignable le " + day + ", code HTTP " + status;
            default -> "adresse injoignable le " + day + ", " + outcome.label;
        };
    }
}
