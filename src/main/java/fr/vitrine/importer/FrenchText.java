package fr.vitrine.importer;

import fr.vitrine.model.Text;
import fr.vitrine.read.FrenchNumbers;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates, amounts (in figures and in words) and durations as French acts write them. */
final class FrenchText {

    private FrenchText() {
    }

    static final List<String> MONTHS = List.of("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
            "septembre", "octobre", "novembre", "decembre");

    private static final String MONTH = "(janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)";

    /** « 5 mars 2020 », « 05 MARS 2020 », « 1er mars 2020 », « 05/03/2020 », « 15-7-2024 ». */
    static final Pattern DAY_DATE = Pattern.compile("(?<!\\d)(1er|\\d{1,2})\\s+" + MONTH + "\\s+(\\d{4})(?!\\d)"
            + "|(?<![\\d-])(\\d{1,2})([/-])(\\d{1,2})\\5(\\d{4})(?![\\d-])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** « le quinze juillet deux mille vingt-quatre », « le premier mars deux mil vingt »: a date in words. */
    static final Pattern WORD_DATE = Pattern.compile("\\b((?:premier|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze"
            + "|treize|quatorze|quinze|seize|vingt|trente)(?:[\\s-]+(?:et|un|deux|trois|quatre|cinq|six|sept|huit|neuf))*)\\s+"
            + MONTH + "\\s+(deux\\s+mil(?:le)?(?:[\\s-]+(?:et|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize"
            + "|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante))*)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The date of a {@link #WORD_DATE} match, as {@code YYYY-MM-DD}, or null when the words are not one. */
    static String wordDate(Matcher m) {
        Long day = Text.fold(m.group(1)).equals("premier") ? Long.valueOf(1) : words(m.group(1));
        Long year = words(Text.fold(m.group(3)).replaceAll("\\bmil\\b", "mille"));
        try {
            return day == null || year == null ? null : LocalDate.of(year.intValue(), month(m.group(2)), day.intValue()).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** « en septembre 2020 »: a month only. */
    static final Pattern MONTH_DATE = Pattern.compile("\\ben\\s+" + MONTH + "\\s+(\\d{4})(?!\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final Pattern MONTH_NAME = Pattern.compile("\\b" + MONTH + "\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** An amount in figures followed by its currency: « 475 000 euros », « 100 000€ », « 1 650 000,50 € ». */
    static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\d,.])(\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+|\\d+)(?:,(\\d{1,2}))?\\s*(?:\\*\\*)?\\s*(€|euros?\\b|EUR\\b)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** A date with a day, as {@code YYYY-MM-DD}, or null when the words are not one (30 février). */
    static String date(Matcher m) {
        try {
            if (m.group(1) != null) {
                int day = m.group(1).equalsIgnoreCase("1er") ? 1 : Integer.parseInt(m.group(1));
                return LocalDate.of(Integer.parseInt(m.group(3)), month(m.group(2)), day).toString();
            }
            return LocalDate.of(Integer.parseInt(m.group(7)), Integer.parseInt(m.group(6)), Integer.parseInt(m.group(4))).toString();
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    static int month(String name) {
        return MONTHS.indexOf(Text.fold(name).replace("û", "u")) + 1;
    }

    static BigDecimal amount(Matcher m) {
        try {
            return FrenchNumbers.parse(m.group(1) + (m.group(2) != null ? "," + m.group(2) : ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- amounts in words ------------------------------------------------------------------------------------

    private static final Map<String, Integer> UNITS = Map.ofEntries(Map.entry("zero", 0), Map.entry("un", 1),
            Map.entry("une", 1), Map.entry("deux", 2), Map.entry("trois", 3), Map.entry("quatre", 4),
            Map.entry("cinq", 5), Map.entry("six", 6), Map.entry("sept", 7), Map.entry("huit", 8), Map.entry("neuf", 9),
            Map.entry("dix", 10), Map.entry("onze", 11), Map.entry("douze", 12), Map.entry("treize", 13),
            Map.entry("quatorze", 14), Map.entry("quinze", 15), Map.entry("seize", 16), Map.entry("vingt", 20),
            Map.entry("vingts", 20), Map.entry("trente", 30), Map.entry("quarante", 40), Map.entry("cinquante", 50),
            Map.entry("soixante", 60), Map.entry("septante", 70), Map.entry("huitante", 80), Map.entry("nonante", 90));

    /** A run of French number words followed by « euros ». */
    static final Pattern WORDS = Pattern.compile("((?:(?:" + String.join("|", UNITS.keySet()) + "|et|cents?|mille|millions?)"
            + "[\\s-]+)+)euros?\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** « quatre cent soixante-quinze mille » → 475000; null when the words do not make a number. */
    static Long words(String text) {
        long total = 0;
        long group = 0;
        long last = 0;
        boolean any = false;
        for (String w : Text.fold(text).split("[\\s-]+")) {
            if (w.isEmpty() || w.equals("et")) {
                continue;
            }
            any = true;
            Integer u = UNITS.get(w);
            if (u != null) {
                // « quatre-vingt » is 4 × 20; « soixante-dix » is 60 + 10.
                if (u == 20 && last > 0 && last < 10) {
                    group = group - last + last * 20;
                } else {
                    group += u;
                }
                last = u;
            } else if (w.startsWith("cent")) {
                group = (group == 0 ? 1 : group) * 100;
                last = 0;
            } else if (w.equals("mille")) {
                total += (group == 0 ? 1 : group) * 1000;
                group = 0;
                last = 0;
            } else if (w.startsWith("million")) {
                total += (group == 0 ? 1 : group) * 1_000_000;
                group = 0;
                last = 0;
            } else {
                return null;
            }
        }
        return any ? total + group : null;
    }

    // ---- durations -------------------------------------------------------------------------------------------

    static final Pattern DURATION = Pattern.compile(
            "dur[ée]e\\s+(?:de\\s+|d['’]\\s*)(\\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|dix-huit|vingt-quatre|trente-six)"
            + "\\s+(ans?|ann[ée]es?|mois)\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The ISO 8601 duration of a {@link #DURATION} match: « d'un an » → P1Y, « de 18 mois » → P18M. */
    static String duration(Matcher m) {
        String n = m.group(1);
        Long count = n.matches("\\d+") ? Long.valueOf(n) : words(n);
        if (count == null || count == 0) {
            return null;
        }
        return Text.fold(m.group(2)).startsWith("mois") ? "P" + count + "M" : "P" + count + "Y";
    }
}
