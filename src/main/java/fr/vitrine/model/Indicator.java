package fr.vitrine.model;

/**
 * One indicator of a service, at one territorial level: its measures and its targets. The method (collection,
 * frequency, comment) is the latest measure's, the targets' apart; other descriptive fields are its latest row's.
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
    private String dataviz;
    private boolean period;
    private long latestDate = Long.MIN_VALUE;
    private final Method measured = new Method();
    private final Method targeted = new Method();

    /**
     * How rows of one kind (measures, or targets) are made, from the latest-dated row of that kind: collection
     * ({@code source_collecte}, {@code est_automatise}), frequency, and the latest comment given.
     */
    public static final class Method {
        private String source;
        private boolean automated;
        private String frequency;
        private String comment;
        private long latest = Long.MIN_VALUE;

        void add(Measure m) {
            if (m.date().toEpochDay() >= latest) {
                latest = m.date().toEpochDay();
                source = m.source();
                automated = m.automated();
                frequency = m.frequency();
                if (m.comment() != null) {
                    comment = m.comment();
                }
            }
        }

        public String getSource() {
            return source;
        }

        public boolean isAutomated() {
            return automated;
        }

        public String getFrequency() {
            return frequency;
        }

        public String getComment() {
            return comment;
        }

        boolean sameAs(Method o) {
            return java.util.Objects.equals(source, o.source) && automated == o.automated
                    && java.util.Objects.equals(frequency, o.frequency) && java.util.Objects.equals(comment, o.comment);
        }
    }

    public Indicator(Measure first) {
        this.service = first.service();
        this.name = first.indicator();
        this.unit = first.unit();
        this.kind = first.kind();
        this.denomInsee = first.denomInsee();
        this.codeInsee = first.codeInsee();
    }

    /**
     * Adds a row; its descriptive fields replace the current ones when it is the latest seen, the method's those of
     * its kind (a target's method never describes the measures).
     */
    public void add(Measure m, int line, int file) {
        (m.target() ? targets : measures).add(m.date(), m.start(), m.value(), line, file);
        (m.target() ? targeted : measured).add(m);
        if (m.date().toEpochDay() >= latestDate) {
            latestDate = m.date().toEpochDay();
            administration = m.administration();
            if (m.dataviz() != null) {
                dataviz = m.dataviz();
            }
            if (!m.target()) {
                period = m.period();
            }
        }
    }

    /** The measures' method, or the targets' when nothing is measured yet. */
    public Method getMethod() {
        return measures.isEmpty() ? targeted : measured;
    }

    /** The targets' method when it differs from the measures' (shown apart), else {@code null}. */
    public Method getTargetMethod() {
        return measures.isEmpty() || targets.isEmpty() || targeted.sameAs(measured) ? null : targeted;
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
        return getMethod().frequency;
    }

    public String source() {
        return getMethod().source;
    }

    public String comment() {
        return getMethod().comment;
    }

    public String dataviz() {
        return dataviz;
    }

    public boolean automated() {
        return getMethod().automated;
    }

    /** True when its measures cover periods (amounts per month…) rather than stocks (totals to date). */
    public boolean isPeriod() {
        return period;
    }
}
