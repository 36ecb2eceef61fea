package fr.vitrine.validate;

import fr.vitrine.diagnostics.Diagnostics;
import fr.vitrine.model.FastPromotion;
import fr.vitrine.model.PartialDate;
import fr.vitrine.read.SourceRecord;

import java.util.regex.Pattern;

/** beta.gouv.fr's FAST promotion files. */
final class FastPromotions {

    private static final Pattern FAST_NUMBER = Pattern.compile("(?i)\\bFAST\\s*(\\d{1,3})\\b");
    private static final Pattern MONTH_YEAR = Pattern.compile("(?i)\\b(\\p{L}+)\\s+((?:19|20)\\d\\d)\\b");

    private final Diagnostics diagnostics;

    FastPromotions(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * A FAST promotion file of beta.gouv.fr: its number from {@code promotion}, else its title (« FAST 3 - Avril
     * 2020 »), else its file name; its month from its title. Without a number it is skipped, with a warning.
     */
    FastPromotion fast(SourceRecord r) {
        Fields f = Fields.degrading(r, diagnostics);
        String title = f.text("title", false);
        Integer number = f.integer("promotion", 1, 999);
        java.util.regex.Matcher m = FAST_NUMBER.matcher(title == null ? "" : title);
        java.util.regex.Matcher digits = Pattern.compile("^0*(\\d{1,3})\\D").matcher(r.id() + ".");
        if (number == null) {
            number = m.find() ? Integer.valueOf(m.group(1)) : digits.find() && !digits.group(1).isEmpty()
                    ? Integer.valueOf(digits.group(1)) : null;
        }
        if (number == null) {
            f.warnAt("promotion", "no promotion number in 'promotion', the title or the file name (record skipped)");
            return null;
        }
        PartialDate date = null;
        java.util.regex.Matcher my = MONTH_YEAR.matcher(title == null ? "" : title);
        while (date == null && my.find()) {
            int month = fr.vitrine.model.French.month(my.group(1));
            date = month > 0 ? new PartialDate(Integer.parseInt(my.group(2)), month, 0) : null;
        }
        return new FastPromotion(number, title != null ? title : "FAST " + number, date, r.file());
    }
}
