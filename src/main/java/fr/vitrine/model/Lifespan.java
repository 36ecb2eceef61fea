package fr.vitrine.model;


import java.time.LocalDate;
import java.time.Period;

/**
 * The days an act may start and end, as the intervals its record allows (a date known to the month may be any of
 * its days; "à compter de sa publication" is any day from the signature on), and the status these give on a day: a
 * status is known only when every date the record allows gives the same answer. A {@code null} bound is unbounded.
 *
 * @param startWhy what is missing to know the start day, in French, or {@code null}
 * @param endWhy   what is missing to know the end day, in French, or {@code null}
 */
public record Lifespan(LocalDate startMin, LocalDate startMax, LocalDate endMin, LocalDate endMax,
                       String startWhy, String endWhy) {

    /** A status on a day, and, when unknown, why ("un an à compter de sa publication, date non publiée"). */
    public record Answer(Convention.Status status, String reason) {
    }

    public static Lifespan of(PartialDate signed, Convention.Effective effective, PartialDate ends, Period duration) {
        LocalDate startMin = null;
        LocalDate startMax = null;
        String startWhy = null;
        if (effective.date() != null) {
            startMin = effective.date().first();
            startMax = effective.date().last();
        } else if ("signature".equals(effective.event())) {
            if (signed != null) {
                startMin = signed.first();
                startMax = signed.last();
            } else {
                startWhy = "à compter de sa signature, date non précisée";
            }
        } else if ("publication".equals(effective.event())) {
            // Published on or after its signature, on a day the record does not give.
            startMin = signed == null ? null : signed.first();
            startWhy = "à compter de sa publication, date non publiée";
        } else {
            startWhy = "à compter de sa prise d'effet, date non précisée";
        }
        if (startWhy == null && startMin != null && !startMin.equals(startMax)) {
            startWhy = "prise d'effet en " + Formats.date(effective.date() != null ? effective.date() : signed)
                    + ", jour non précisé";
        }
        LocalDate endMin = null;
        LocalDate endMax = null;
        String endWhy = null;
        if (ends != null) {
            endMin = ends.first();
            endMax = ends.last();
            endWhy = endMin.equals(endMax) ? null : "fin en " + Formats.date(ends) + ", jour non précisé";
        } else if (duration != null) {
            endMin = startMin == null ? null : startMin.plus(duration).minusDays(1);
            endMax = startMax == null ? null : startMax.plus(duration).minusDays(1);
            if (startMin != null && startMax != null) {
                endWhy = startMin.equals(startMax) ? null
                        : "fin entre le " + Formats.date(endMin) + " et le " + Formats.date(endMax);
            } else {
                endWhy = Formats.duration(duration) + " " + startWhy;
            }
        } else {
            endWhy = "ni date de fin ni durée dans le texte";
        }
        return new Lifespan(startMin, startMax, endMin, endMax, startWhy, endWhy);
    }

    /** Its status on {@code today}: known when every start and end day the record allows agrees. */
    public Answer status(LocalDate today) {
        if (endMax != null && endMax.isBefore(today)) {
            return new Answer(Convention.Status.TERMINEE, null);
        }
        if (startMin != null && startMin.isAfter(today)) {
            return new Answer(Convention.Status.A_VENIR, null);
        }
        boolean started = startMax != null && !startMax.isAfter(today);
        boolean running = endMin != null && !endMin.isBefore(today);
        if (started && running) {
            return new Answer(Convention.Status.EN_VIGUEUR, null);
        }
        String why = !running ? endWhy : startWhy;
        return new Answer(Convention.Status.INCONNU, why != null ? why : "dates non précisées");
    }
}
