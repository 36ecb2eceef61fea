package fr.vitrine.model;

import java.nio.file.Path;

/**
 * A promotion of beta.gouv.fr's FAST (fonds d'accélération des startups d'État), as its file in {@code _fasts/}
 * describes it; its laureates are the products whose {@code fast} field names its number.
 *
 * @param date the month it was awarded, as its title gives it, or {@code null}
 * @param file its file, or {@code null} when only products name it
 */
public record FastPromotion(int number, String title, PartialDate date, Path file) {

    /** The promotion's page, under the funding page. */
    public String path() {
        return "/financements/fast/" + number + "/";
    }
}
