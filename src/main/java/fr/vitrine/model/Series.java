package fr.vitrine.model;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * Dated values of one indicator, kept in primitive arrays so a million rows fit in a few megabytes.
 * Sorted by date once loading is done ({@link #sort()}).
 */
public final class Series {

    /** No period start. */
    static final int NONE = Integer.MIN_VALUE;

    /**
     * Values drawn and summed on pages stay within ± this (a million billion): beyond, sums and ratios lose their
     * meaning in floating point and charts cannot place them. Larger values stay in the data, not on the page.
     */
    public static final double MAX_DRAWN = 1e15;

    private int size;
    private int[] dates = new int[4];
    private int[] starts = new int[4];
    private double[] values = new double[4];
    private int[] lines = new int[4];
    private short[] files = new short[4];

    public void add(LocalDate date, LocalDate start, double value, int line, int file) {
        if (size == dates.length) {
            int n = size * 2;
            dates = Arrays.copyOf(dates, n);
            starts = Arrays.copyOf(starts, n);
            values = Arrays.copyOf(values, n);
            lines = Arrays.copyOf(lines, n);
            files = Arrays.copyOf(files, n);
        }
        dates[size] = (int) date.toEpochDay();
        starts[size] = start == null ? NONE : (int) start.toEpochDay();
        values[size] = value;
        lines[size] = line;
        files[size] = (short) file;
        size++;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public LocalDate date(int i) {
        return LocalDate.ofEpochDay(dates[i]);
    }

    /** Start of the period of point {@code i}, or {@code null}. */
    public LocalDate start(int i) {
        return starts[i] == NONE ? null : LocalDate.ofEpochDay(starts[i]);
    }

    public double value(int i) {
        return values[i];
    }

    public int line(int i) {
        return lines[i];
    }

    public int file(int i) {
        return files[i];
    }

    /** Index of the last point, or -1. */
    public int last() {
        return size - 1;
    }

    /** Sorts points by date, then period start, then source order (stable for equal keys). */
    public void sort() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = ((long) (dates[i] + 1_000_000) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) keys[i];
        }
        // Within one date, order by period start (groups are tiny).
        for (int i = 1; i < size; i++) {
            int j = i;
            while (j > 0 && dates[order[j]] == dates[order[j - 1]] && starts[order[j]] < starts[order[j - 1]]) {
                int t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
                j--;
            }
        }
        dates = permute(dates, order);
        starts = permute(starts, order);
        lines = permute(lines, order);
        double[] v = new double[size];
        short[] f = new short[size];
        for (int i = 0; i < size; i++) {
            v[i] = values[order[i]];
            f[i] = files[order[i]];
        }
        values = v;
        files = f;
    }

    /** Keeps the first point of each date and period start (call after {@link #sort()}); returns how many went. */
    public int dropRepeatedKeys() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept > 0 && dates[i] == dates[kept - 1] && starts[i] == starts[kept - 1]) {
                continue;
            }
            dates[kept] = dates[i];
            starts[kept] = starts[i];
            values[kept] = values[i];
            lines[kept] = lines[i];
            files[kept] = files[i];
            kept++;
        }
        int dropped = size - kept;
        size = kept;
        return dropped;
    }

    /** True when point {@code i} has the same date and period start as point {@code i - 1} (after sorting). */
    public boolean sameKeyAsPrevious(int i) {
        return i > 0 && dates[i] == dates[i - 1] && starts[i] == starts[i - 1];
    }

    private int[] permute(int[] a, int[] order) {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = a[order[i]];
        }
        return out;
    }
}
