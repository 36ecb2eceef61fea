package fr.vitrine.model;

/**
 * One indicator of a service, at one territorial level: its measures and its targets. Descriptive fields
 * (frequency, method, comment) are those of its latest row.
 *
 * @param codeInsee {@code null} for the national level (rows without {@code code_insee})
 */
public final class Indicator {

    private final String service;
    private final String name;
    private final String unit;
    private final Measure.Kind kind;
    private final String denomInsee;
    private final String codeInsee;
    private final Series measures = new Series();
    private final Series targets = new Series();
    private String administration;
    private String frequency;
    private String source;
    private String comment;
    private String dataviz;
    private boolean automated;
    private boolean period;
    private long latestDate = Long.MIN_VALUE;

    public Indicator(Measure first) {
        this.service = first.service();
        this.name = first.indicator();
        this.unit = first.unit();
        this.kind = first.kind();
        this.denomInsee = first.denomInsee();
        this.codeInsee = first.codeInsee();
    }

    /** Adds a row; its descriptive fields replace the current ones when it is the latest seen. */
    public void add(Measure m, int line, int file) {
        (m.target() ? targets : measures).add(m.date(), m.start(), m.value(), line, file);
        if (m.date().toEpochDay() >= latestDate) {
            latestDate = m.date().toEpochDay();
            administration = m.administration();
            frequency = m.frequency();
            source = m.source();
            automated = m.automated();
            if (m.comment() != null) {
                comment = m.comment();
            }
            if (m.dataviz() != null) {
                dataviz = m.dataviz();
            }
            if (!m.target()) {
                period = m.period();
            }
        }
    }

    public String service() {
        return service;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public Measure.Kind kind() {
        return kind;
    }

    public String denomInsee() {
        return denomInsee;
    }

    public String codeInsee() {
        return codeInsee;
    }

    public boolean isNational() {
        return codeInsee == null;
    }

    public Series measures() {
        return measures;
    }

    public Series targets() {
        return targets;
    }

    public String administration() {
        return administration;
    }

    public String frequency() {
        return frequency;
    }

    public String source() {
        return source;
    }

    public String comment() {
        return comment;
    }

    public String dataviz() {
        return dataviz;
    }

    public boolean automated() {
        return automated;
    }

    /** True when its measures cover periods (amounts per month…) rather than stocks (totals to date). */
    public boolean isPeriod() {
        return period;
    }
}
