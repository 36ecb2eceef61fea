package fr.vitrine.read;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads amounts as people write them in French documents and spreadsheets: "475 000", "475 000,50 €",
 * "1 234,5", as well as plain "475000.50". Refuses what could mean two things, such as "1.234".
 */
public final class FrenchNumbers {

    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}( \\d{3})+([.,]\\d+)?");
    private static final Pattern PLAIN = Pattern.compile("-?\\d+([.,]\\d+)?");
    private static final Pattern DOT_GROUPED = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+(,\\d+)?");

    private FrenchNumbers() {
    }

    /** The number, or an {@link IllegalArgumentException} whose message says why it isn't one. */
    public static BigDecimal parse(String text) {
        String s = text.strip()
                .replace('\u00A0', ' ').replace('\u202F', ' ').replace('\u2009', ' ')
                .replaceAll("(?i)\\s*(€|eur|euros?)$", "")
                .replaceAll(" +", " ")
                .strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty amount");
        }
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (GROUPED.matcher(s).matches()) {
            return new BigDecimal(s.replace(" ", "").replace(',', '.'));
        }
        if (DOT_GROUPED.matcher(s).matches() && s.contains(",")) {
            return new BigDecimal(s.replace(".", "").replace(',', '.'));
        }
        if (PLAIN.matcher(s).matches()) {
            if (s.matches("-?\\d{1,3}\\.\\d{3}")) {
                throw new IllegalArgumentException("'" + text + "' is ambiguous (thousands or decimals?): write "
                        + s.replace(".", "") + " or " + s.replace('.', ','));
            }
            return new BigDecimal(s.replace(',', '.'));
        }
        throw new IllegalArgumentException("'" + text + "' is not a number: write digits with a decimal point or "
                + "comma, optionally grouped by spaces (475 000,50)");
    }
}
