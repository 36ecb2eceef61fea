package fr.vitrine.model;

import java.math.BigDecimal;
import java.util.List;

/** Money lines of a convention and the vocabulary they use. */
public final class Funding {

    private Funding() {
    }

    /** Whether an amount includes VAT. */
    public enum Tax implements Coded {
        HT("HT", "HT"), TTC("TTC", "TTC"), UNKNOWN("unknown", "non précisé");

        public final String code;
        public final String label;

        Tax(String code, String label) {
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

        /** Any case. */
        public static java.util.Optional<Tax> parse(String s) {
            return Coded.parse(Tax.class, s, c -> c.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** Budget credits: autorisations d'engagement, crédits de paiement, or both. */
    public enum Credits implements Coded {
        AE("AE", "Autorisations d'engagement (AE)"),
        CP("CP", "Crédits de paiement (CP)"),
        AE_CP("AE+CP", "AE et CP"),
        UNKNOWN("unknown", "non précisé");

        public final String code;
        public final String label;

        Credits(String code, String label) {
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

        /** Any case, spaces ignored ("ae + cp"). */
        public static java.util.Optional<Credits> parse(String s) {
            return Coded.parse(Credits.class, s, c -> c.replace(" ", "").toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Where the money is charged in the State budget (Chorus references); every field may be {@code null}.
     */
    public record Imputation(String programme, String fondsDeConcours, String bop, String uo, String centreFinancier,
                             String domaineFonctionnel, String activite, String centreDeCout, String note) {

        public boolean isEmpty() {
            return programme == null && fondsDeConcours == null && bop == null && uo == null
                    && centreFinancier == null && domaineFonctionnel == null && activite == null
                    && centreDeCout == null && note == null;
        }

        /** One line for tables and CSV: "programme 352 ; fonds de concours 1-2-00548". */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            append(sb, "programme", programme);
            append(sb, "fonds de concours", fondsDeConcours);
            append(sb, "BOP", bop);
            append(sb, "UO", uo);
            append(sb, "centre financier", centreFinancier);
            append(sb, "domaine fonctionnel", domaineFonctionnel);
            append(sb, "activité", activite);
            append(sb, "centre de coût", centreDeCout);
            return sb.toString();
        }

        private static void append(StringBuilder sb, String label, String value) {
            if (value != null) {
                sb.append(sb.length() == 0 ? "" : " ; ").append(label).append(' ').append(value);
            }
        }
    }

    /**
     * One payment or commitment of a schedule.
     *
     * @param when    an ISO (partial) date, or an event of the text such as "signature"
     * @param maximum true when the text gives the amount as a ceiling ("50 000 € maximum")
     */
    public record Installment(Credits credit, String when, BigDecimal amount, boolean maximum, String note) {

        public PartialDate date() {
            try {
                return PartialDate.parse(when);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * One money line: who gives how much to whom, for what.
     *
     * @param index  position in the convention's {@code funding} list (0-based)
     * @param from   the funder's organisation id, or {@code null} when the text doesn't say
     * @param to     the receiver's organisation id, or {@code null} when the text doesn't say
     * @param fund   the fund or programme it comes from when it is not an organisation ("FAST")
     * @param year   budget year, or {@code null}
     * @param start  start of the period it finances, or {@code null}
     * @param end    end of that period, or {@code null}
     * @param product the product it funds when the convention funds several and the text splits them
     */
    public record Line(int index, String from, String to, String fund, BigDecimal amount, Tax tax, Credits credits,
                       Integer year, PartialDate start, PartialDate end, Imputation imputation,
                       List<Installment> schedule, String product, String note) {
    }
}
