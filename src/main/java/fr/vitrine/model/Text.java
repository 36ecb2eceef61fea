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
        int i = 0;
        while (i < s.length() && s.charAt(i) < 0x80) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        String n = Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
        java.util.regex.Matcher invisible = INVISIBLE.matcher(n);
        return invisible.find() ? invisible.replaceAll("") : n;
    }

    /** A URL-safe slug: "Ministère de la Santé" → "ministere-de-la-sante". */
    public static String slug(String s) {
        String slug = fold(s).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "x" : slug;
    }

    /** Ids that are already safe as one segment of an address (and as a file name on every system). */
    private static final java.util.regex.Pattern SAFE_SEGMENT =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final java.util.regex.Pattern WINDOWS_DEVICE =
            java.util.regex.Pattern.compile("(?i)(con|prn|aux|nul|com[0-9]|lpt[0-9])(\\..*)?");

    /**
     * The address segment of a record id: the id itself when it is safe (lower or upper case letters, digits, dots,
     * hyphens, underscores; at most 100 characters; not a Windows device name), else its slug, cut to 60 characters,
     * followed by 8 hexadecimal digits of the id's SHA-256 ("e-inspé" → "e-inspe-" + hash). Derived from the id alone,
     * so an address never changes when other records come or go, and two ids never share one.
     */
    public static String address(String id) {
        if (SAFE_SEGMENT.matcher(id).matches() && !WINDOWS_DEVICE.matcher(id).matches()) {
            return id;
        }
        String slug = slug(id);
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-$", "");
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return slug + "-" + java.util.HexFormat.of().formatHex(hash, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
