package fr.vitrine.model;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A digital public service, in the shape of beta.gouv.fr's product files.
 *
 * @param metricsNames the {@code nom_service_public_numerique} values its impact metrics use
 * @param external     true when read from a beta.gouv.fr folder rather than the project's {@code data/}
 * @param media        images of the description copied into the site: site path → file
 * @param declared     the product-file fields that hold the evidence of a {@link Standard}: field → value as written
 *                     ({@code true}/{@code false} for flags)
 * @param themes       its {@code thematiques} as written, in order, each once
 */
public record Product(String id, String title, String mission, List<String> sponsors, String incubator,
                      List<Phase> phases, List<Event> events, String link, String repository, String statsUrl,
                      Fast fast, String descriptionHtml, List<String> metricsNames, boolean external, Path file,
                      Map<String, Path> media, Map<String, String> declared, List<String> themes) {

    public Product(String id, String title, String mission, List<String> sponsors, String incubator,
                   List<Phase> phases, List<Event> events, String link, String repository, String statsUrl,
                   Fast fast, String descriptionHtml, List<String> metricsNames, boolean external, Path file) {
        this(id, title, mission, sponsors, incubator, phases, events, link, repository, statsUrl, fast, descriptionHtml,
                metricsNames, external, file, Map.of(), Map.of(), List.of());
    }

    /** This product with its description rendered and the images it shows (site path → file to copy). */
    public Product withDescription(String html, Map<String, Path> images) {
        return new Product(id, title, mission, sponsors, incubator, phases, events, link, repository, statsUrl, fast,
                html, metricsNames, external, file, Map.copyOf(images), declared, themes);
    }

    /** This product with the evidence fields its file gives. */
    public Product withDeclared(Map<String, String> fields) {
        return new Product(id, title, mission, sponsors, incubator, phases, events, link, repository, statsUrl, fast,
                descriptionHtml, metricsNames, external, file, media, Map.copyOf(fields), themes);
    }

    /** This product with the themes its file gives. */
    public Product withThemes(List<String> values) {
        return new Product(id, title, mission, sponsors, incubator, phases, events, link, repository, statsUrl, fast,
                descriptionHtml, metricsNames, external, file, media, declared, List.copyOf(values));
    }

    /**
     * A phase of the beta.gouv.fr approach; {@code end} is {@code null} while it lasts, {@code start} when an older
     * file does not give it; {@code label} is its French name ({@link Vocabulary}), never the raw id.
     */
    public record Phase(String name, PartialDate start, PartialDate end, String label) {
        public Phase(String name, PartialDate start, PartialDate end) {
            this(name, start, end, Vocabulary.BUILT_IN.phase(name));
        }

        /** False when its file gives an end before its start: no duration can be shown. */
        public boolean isConsistent() {
            return start == null || end == null || end.compareTo(start) >= 0;
        }

        /** Its dates in French: « du 5 mars 2020 au 1er juin 2021 », « depuis le 5 mars 2020 »… */
        public String when() {
            if (!isConsistent()) {
                return "début indiqué " + Formats.on(start) + ", fin indiquée " + Formats.on(end)
                        + " (dates incohérentes, durée non affichée)";
            }
            if (start == null) {
                return end == null ? "date de début non précisée" : "terminée " + Formats.on(end)
                        + " (date de début non précisée)";
            }
            if (end == null) {
                return "depuis " + (start.hasDay() ? "le " : "") + Formats.date(start);
            }
            return "du " + Formats.date(start) + " au " + Formats.date(end);
        }

        /** True when it has an end date and every day that date may be is before {@code today}. */
        public boolean endedBy(LocalDate today) {
            return end != null && end.last().isBefore(today);
        }
    }

    /** A dated event of the product's life (investment committee, launch, FAST award), with its French label. */
    public record Event(String name, PartialDate date, String comment, String label) {
        public Event(String name, PartialDate date, String comment) {
            this(name, date, comment, Vocabulary.BUILT_IN.event(name));
        }
    }

    /** beta.gouv.fr's FAST award: promotion number and amount. */
    public record Fast(Integer promotion, BigDecimal montant) {
    }

    /** The earliest start its phases give (when the product began), or {@code null}. */
    public PartialDate started() {
        return phases.stream().map(Phase::start).filter(java.util.Objects::nonNull)
                .min(java.util.Comparator.comparing(PartialDate::first)).orElse(null);
    }

    /** The product's page: "/produits/" and its id's {@linkplain Text#address address}. */
    public String path() {
        return "/produits/" + Text.address(id) + "/";
    }

    /**
     * The phase under way on {@code today}: the last one started (a start left unknown counts as started), unless its
     * end date has passed; {@code null} without one.
     */
    public Phase currentPhase(LocalDate today) {
        Phase latest = latestStarted(today);
        return latest == null || latest.endedBy(today) ? null : latest;
    }

    /** The day the last phase started ended, when it has ended by {@code today} (no phase is current); else null. */
    public PartialDate phasesEndedOn(LocalDate today) {
        Phase latest = latestStarted(today);
        return latest != null && latest.endedBy(today) ? latest.end() : null;
    }

    /** « Dernière phase terminée le 5 mars 2020 » when {@link #phasesEndedOn} gives a day; else null. */
    public String phasesEndedText(LocalDate today) {
        PartialDate end = phasesEndedOn(today);
        return end == null ? null : "dernière phase terminée " + Formats.on(end);
    }

    private Phase latestStarted(LocalDate today) {
        Phase latest = null;
        for (Phase p : phases) {
            if (p.start() == null || !p.start().first().isAfter(today)) {
                latest = p;
            }
        }
        return latest;
    }
}
