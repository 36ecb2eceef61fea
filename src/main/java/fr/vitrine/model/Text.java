package fr.vitrine.model;

import java.text.Normalizer;
import java.util.Locale;

/** Small text helpers shared by every stage. */
public final class Text {

    private Text() {
    }

    /** Lower case without accents: "Délégant" → "delegant". */
    public static String fold(String s) {
        String n = Normalizer.normalize(s.strip(), Normalizer.Form.NFD);
        return n.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static final java.util.regex.Pattern INVISIBLE =
            java.util.regex.Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");

    /** Composed Unicode (NFC) without zero-width characters or soft hyphens: look-alike names become equal. */
    public static String normalise(String s) {
        if (s.chars().allMatch(c -> c < 0x80)) {
            return s;
        }
        String n = Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        return INVISIBLE.matcher(n).replaceAll("");
    }

    /** A URL-safe slug: "Ministère de la Santé" → "ministere-de-la-sante". */
    public static String slug(String s) {
        String slug = fold(s).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "x" : slug;
    }

    /** Edit distance, for "did you mean" hints. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A value short enough to quote in a message. */
    public static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** The closest candidate within a small edit distance, or {@code null}. */
    public static String closest(String word, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Math.max(2, word.length() / 3) + 1;
        for (String c : candidates) {
            int d = distance(fold(word), fold(c));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }
}
