package fr.vitrine.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.TextStyle;
import java.util.Locale;

/** French typography for amounts, dates and durations, as the site displays them. */
public final class Formats {

    /** Narrow no-break space: the French thousands separator, and before € and %. */
    public static final String NNBSP = "\u202F";
    /** No-break space: inside dates (« 5 mars 2020 ») and between a count and its unit (« 18 mois »). */
    public static final String NBSP = "\u00A0";

    private Formats() {
    }

    /** "475 000 €", "1 234,50 €". */
    public static String euros(BigDecimal amount) {
        if (amount == null) {
            return "non précisé";
        }
        return number(amount) + NNBSP + "€";
    }

    /** "475 000", "1 234,5" (decimals kept as given, comma as separator). */
    public static String number(BigDecimal n) {
        BigDecimal v = n.stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0, RoundingMode.UNNECESSARY);
        }
        String plain = v.abs().toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        String decimals = dot < 0 ? "" : "," + plain.substring(dot + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) {
                sb.append(NNBSP);
            }
            sb.append(intPart.charAt(i));
        }
        return (v.signum() < 0 ? "−" : "") + sb + decimals;
    }

    /** "5 mars 2020", "septembre 2020", "2020", "1er janvier 2021", with no-break spaces. */
    public static String date(PartialDate d) {
        if (d == null) {
            return "non précisée";
        }
        if (!d.hasMonth()) {
            return Integer.toString(d.year());
        }
        String month = java.time.Month.of(d.month()).getDisplayName(TextStyle.FULL, Locale.FRENCH);
        if (!d.hasDay()) {
            return month + NBSP + d.year();
        }
        return (d.day() == 1 ? "1er" : Integer.toString(d.day())) + NBSP + month + NBSP + d.year();
    }

    /** "le 5 mars 2020", "en septembre 2020", "en 2020": a date after a verb. */
    public static String on(PartialDate d) {
        return d == null ? "à une date non précisée" : (d.hasDay() ? "le " : "en ") + date(d);
    }

    public static String date(LocalDate d) {
        return d == null ? "non précisée" : date(PartialDate.of(d));
    }

    /** "812 octets", "12,3 ko", "4,5 Mo" (French units, powers of 1 000). */
    public static String fileSize(long bytes) {
        if (bytes < 1000) {
            return bytes + NNBSP + "octets";
        }
        String[] units = {"ko", "Mo", "Go"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        BigDecimal rounded = BigDecimal.valueOf(v).setScale(v < 10 ? 1 : 0, RoundingMode.HALF_UP);
        return number(rounded) + NNBSP + units[u];
    }

    /** "un an", "18 mois", "2 ans et 6 mois". */
    public static String duration(Period p) {
        if (p == null) {
            return "non précisée";
        }
        Period n = p.normalized();
        StringBuilder sb = new StringBuilder();
        if (n.getYears() > 0) {
            sb.append(n.getYears() == 1 ? "un" + NBSP + "an" : n.getYears() + NBSP + "ans");
        }
        if (n.getMonths() > 0) {
            sb.append(sb.length() > 0 ? " et " : "").append(n.getMonths()).append(NBSP + "mois");
        }
        if (n.getDays() > 0) {
            sb.append(sb.length() > 0 ? " et " : "").append(n.getDays()).append(NBSP).append(n.getDays() == 1 ? "jour" : "jours");
        }
        return sb.toString();
    }
}
