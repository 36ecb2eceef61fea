package fr.vitrine.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date known to the day, the month or only the year, as texts give them ("signée en septembre 2020").
 * Written {@code YYYY-MM-DD}, {@code YYYY-MM} or {@code YYYY}.
 */
public record PartialDate(int year, int month, int day) implements Comparable<PartialDate> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

    public PartialDate {
        if (month < 0 || month > 12 || day < 0 || (day > 0 && month == 0)) {
            throw new DateTimeException("invalid partial date");
        }
        if (day > 0) {
            LocalDate.of(year, month, day);
        }
    }

    public static PartialDate of(LocalDate d) {
        return new PartialDate(d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    }

    /** Parses an ISO date, month or year; the message of the exception says what is wrong, in English. */
    public static PartialDate parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new DateTimeException("'" + text + "' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY");
        }
        int year = Integer.parseInt(m.group(1));
        int month = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int day = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (m.group(2) != null && (month < 1 || month > 12)) {
            throw new DateTimeException("'" + text + "' has no month " + month);
        }
        if (m.group(3) != null && (day < 1 || day > YearMonth.of(year, month).lengthOfMonth())) {
            throw new DateTimeException("'" + text + "' does not exist: " + YearMonth.of(year, month)
                    + " has " + YearMonth.of(year, month).lengthOfMonth() + " days");
        }
        return new PartialDate(year, month, day);
    }

    /** Dates of conventions, payments and product events lie between these years; others are typing mistakes. */
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;

    /** True when the year is between {@link #MIN_YEAR} and {@link #MAX_YEAR}. */
    public boolean plausible() {
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    public boolean hasDay() {
        return day > 0;
    }

    public boolean hasMonth() {
        return month > 0;
    }

    /** The first day this date may designate. */
    public LocalDate first() {
        return LocalDate.of(year, Math.max(month, 1), Math.max(day, 1));
    }

    /** The last day this date may designate. */
    public LocalDate last() {
        if (day > 0) {
            return first();
        }
        if (month > 0) {
            return YearMonth.of(year, month).atEndOfMonth();
        }
        return LocalDate.of(year, 12, 31);
    }

    public String iso() {
        if (day > 0) {
            return String.format("%04d-%02d-%02d", year, month, day);
        }
        return month > 0 ? String.format("%04d-%02d", year, month) : String.format("%04d", year);
    }

    @Override
    public int compareTo(PartialDate o) {
        int c = first().compareTo(o.first());
        return c != 0 ? c : last().compareTo(o.last());
    }

    @Override
    public String toString() {
        return iso();
    }
}
