package fr.vitrine.model;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A funding convention (or avenant, or other funding act) with its full text when published.
 *
 * @param parent     id of the convention an avenant amends, else {@code null}
 * @param signed     signing date, {@code null} when the text doesn't give it
 * @param effective  when it takes effect
 * @param ends       end date, {@code null} when not given
 * @param duration   duration, {@code null} when not given
 * @param statedTotal total amount the text states, {@code null} when it states none
 * @param body       the full text rendered, empty when only the record is known
 * @param published  the texts to publish instead of the files, when the privacy check redacted them
 */
public record Convention(String id, String title, Kind kind, String parent, PartialDate signed, Effective effective,
                         PartialDate ends, Period duration, List<Party> parties, List<String> products,
                         BigDecimal statedTotal, List<Funding.Line> funding, List<Obligation> obligations,
                         Source source, Subsidy subsidy, String summary, PackedText body, List<Heading> toc,
                         Path file, Published published) {

    /**
     * The record's file and its original text as they must be published, when the privacy check masked something in
     * them; {@code null} means the file is published as it is.
     */
    public record Published(PackedText markdown, PackedText sourceText) {
    }

    /** When a convention takes effect: on a date, on an event of its life ("signature", "publication"), or unknown. */
    public record Effective(String event, PartialDate date) {
        public static final Effective UNKNOWN = new Effective(null, null);

        public String getLabel() {
            if (date != null) {
                return null;
            }
            if (event == null) {
                return "non précisé";
            }
            return switch (event) {
                case "signature" -> "à la signature";
                case "publication" -> "à la publication";
                default -> event;
            };
        }
    }

    /**
     * Where the record comes from.
     *
     * @param text     path of the original text file, relative to the content folder
     * @param pdf      path or address of the signed PDF
     * @param dataGouv address of the convention on data.gouv.fr
     * @param citedIn  id of the convention whose text recounts this one (records without text)
     * @param excerpt  the words of that text this record is drawn from
     */
    public record Source(String text, String pdf, String dataGouv, String citedIn, String excerpt) {
    }

    /**
     * What the SCDL "subventions" format needs beyond the record, for a convention of kind subvention; every field
     * may be {@code null} when the text does not say.
     *
     * @param euNotification whether the aid was notified to the European Commission
     * @param percentage     share of the funded project the subsidy covers, between 0.01 and 1
     */
    public record Subsidy(Boolean euNotification, BigDecimal percentage, String decision, String scheme) {
        public static final Subsidy NONE = new Subsidy(null, null, null, null);
    }

    public enum Status implements Coded {
        EN_VIGUEUR("en-vigueur", "En vigueur"),
        A_VENIR("a-venir", "À venir"),
        TERMINEE("terminee", "Terminée"),
        INCONNU("inconnu", "Statut inconnu");

        public final String code;
        public final String label;

        Status(String code, String label) {
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

    public BigDecimal total() {
        return funding.stream().map(Funding.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public boolean hasText() {
        return body != null && !body.isBlank();
    }

    /** The full text rendered, as the convention's page shows it; empty when only the record is known. */
    public String bodyHtml() {
        return body == null ? "" : body.text();
    }

    /** First day in effect, when it can be known. */
    public Optional<LocalDate> start() {
        if (effective.date() != null) {
            return Optional.of(effective.date().first());
        }
        if ("signature".equals(effective.event()) && signed != null) {
            return Optional.of(signed.first());
        }
        return Optional.empty();
    }

    /** Last day in effect, when it can be known. */
    public Optional<LocalDate> end() {
        if (ends != null) {
            return Optional.of(ends.last());
        }
        if (duration != null && effective.date() != null && effective.date().hasDay()) {
            return Optional.of(effective.date().first().plus(duration).minusDays(1));
        }
        if (duration != null && "signature".equals(effective.event()) && signed != null && signed.hasDay()) {
            return Optional.of(signed.first().plus(duration).minusDays(1));
        }
        return Optional.empty();
    }

    /** The days it may start and end, as the record allows. */
    public Lifespan lifespan() {
        return Lifespan.of(signed, effective, ends, duration);
    }

    /** Its status on {@code today}: known only when every date the record allows gives the same answer. */
    public Status status(LocalDate today) {
        return lifespan().status(today).status();
    }

    /** Why its status on {@code today} is unknown, in French, or {@code null} when it is known. */
    public String statusReason(LocalDate today) {
        return lifespan().status(today).reason();
    }

    /**
     * The latest date the record gives (signature, start, end, funded periods, budget years), for "most recent first"
     * listings: a convention whose signing date is unknown still sorts by what is known of it.
     */
    public Optional<LocalDate> latestKnownDate() {
        List<LocalDate> dates = new ArrayList<>();
        if (signed != null) {
            dates.add(signed.first());
        }
        start().ifPresent(dates::add);
        end().ifPresent(dates::add);
        for (Funding.Line l : funding) {
            if (l.year() != null) {
                dates.add(LocalDate.of(l.year(), 1, 1));
            }
            if (l.start() != null) {
                dates.add(l.start().first());
            }
            if (l.end() != null) {
                dates.add(l.end().first());
            }
        }
        return dates.stream().max(LocalDate::compareTo);
    }

    /** The year it belongs to in listings: signing year, else the earliest year of its money, else {@code null}. */
    public Integer year() {
        if (signed != null) {
            return signed.year();
        }
        return funding.stream()
                .map(l -> l.year() != null ? l.year() : l.start() != null ? Integer.valueOf(l.start().year()) : null)
                .filter(Objects::nonNull)
                .min(Integer::compare)
                .orElse(null);
    }

    /** Funder organisation ids, in order of first appearance ({@code null} stands for an unknown funder). */
    public List<String> funders() {
        return funding.stream().map(Funding.Line::from).distinct().toList();
    }

    /** Sums by funder id ("" for unknown funders), in order of first appearance. */
    public Map<String, BigDecimal> totalsByFunder() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        funding.forEach(l -> out.merge(l.from() == null ? "" : l.from(), l.amount(), BigDecimal::add));
        return out;
    }

    /** Sums by budget year (0 for lines without a year), in year order. */
    public Map<Integer, BigDecimal> totalsByYear() {
        Map<Integer, BigDecimal> out = new TreeMap<>();
        funding.forEach(l -> out.merge(l.year() == null ? 0 : l.year(), l.amount(), BigDecimal::add));
        return out;
    }

    public boolean requires(Obligation.Type type) {
        return obligations.stream().anyMatch(o -> o.type() == type);
    }
}
