package fr.vitrine.privacy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A text as a reader sees its numbers, with a map back to the original: letters and digits in their compatibility
 * form (NFKC: fullwidth, mathematical), upper case and without accents; every run of separators (spaces of any width,
 * tabs, dots, dashes, slashes, punctuation) as one space, every run holding a line break as one line break, and every
 * run holding a table cell boundary as one {@code |}; invisible and format characters (soft hyphen, zero-width
 * characters), Markdown emphasis and code marks, backslash escapes and a hyphen that ends a line (a word wrapped)
 * dropped; character references ({@code &#55;}, {@code &#x37;}, {@code &nbsp;}) read as the character they stand for.
 * A link's destination is left out of the view (it is not read next to its text) and kept in {@link #destinations}
 * to be scanned on its own. One pass over the text.
 *
 * <p>The view of e-mail addresses ({@link #ofAddresses}) differs in three ways: the characters addresses are made of
 * ({@code @ . _ - + %}, in any form) are kept, a line break next to a dot or an @ (or after a hyphen) joins the two
 * lines, and a link's destination is read in place.
 */
final class Normalised {

    /** The view. */
    final String text;
    /** For each character of the view, where it starts and ends in the original. */
    private final int[] from;
    private final int[] to;
    /** The original spans of inline links' destinations, {@code [start, end)}. */
    final List<int[]> destinations;

    private Normalised(String text, int[] from, int[] to, List<int[]> destinations) {
        this.text = text;
        this.from = from;
        this.to = to;
        this.destinations = destinations;
    }

    /** Where view characters {@code [start, end)} come from in the original: {@code [from, to)}. */
    int start(int start) {
        return from[start];
    }

    int end(int end) {
        return to[end - 1];
    }

    /** Accent-free upper-case letters of U+00C0–U+024F (0 when the character is not a letter). */
    private static final char[] LATIN = new char[0x250 - 0xC0];

    static {
        for (int c = 0xC0; c < 0x250; c++) {
            String base = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFD);
            char b = Character.toUpperCase(base.charAt(0));
            LATIN[c - 0xC0] = Character.isLetter(c) && b >= 'A' && b <= 'Z' ? b : Character.isLetter(c) ? (char) c : 0;
        }
    }

    /** What a character is in the view. */
    private static final int DROP = -1;
    private static final int SPACE = -2;
    private static final int BREAK = -3;
    private static final int CELL = -4;

    /** The view of numbers. */
    static Normalised of(String s) {
        return of(s, false);
    }

    /** The view of e-mail addresses. */
    static Normalised ofAddresses(String s) {
        return of(s, true);
    }

    private static Normalised of(String s, boolean mail) {
        int n = s.length();
        char[] out = new char[n];
        int[] from = new int[n];
        int[] to = new int[n];
        List<int[]> destinations = new ArrayList<>(0);
        int len = 0;
        // The pending separator run: its kind (SPACE or BREAK, 0 for none) and original span.
        int sep = 0;
        int breaks = 0;
        int sepFrom = 0;
        int sepTo = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            int c = s.charAt(i);
            int width = 1;
            if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                c = s.codePointAt(i);
                width = 2;
            }
            int v;
            if (c == '&') {
                int[] ref = reference(s, i);
                if (ref != null) {
                    c = ref[0];
                    width = ref[1];
                }
                v = c == '&' ? SPACE : classify(c, mail);
            } else if (c == '\\' && i + 1 < n && s.charAt(i + 1) < 128 && isPunctuation(s.charAt(i + 1))) {
                v = DROP; // a backslash escape: the character after it is read as itself
            } else if (!mail && c == ']' && i + 1 < n && s.charAt(i + 1) == '(') {
                int close = destinationEnd(s, i + 2);
                if (close > 0) {
                    destinations.add(new int[] {i + 2, close});
                    width = close + 1 - i;
                }
                v = SPACE;
            } else if (!mail && c == '<' && i + 1 < n && (Character.isLetter(s.charAt(i + 1)) || s.charAt(i + 1) == '/')) {
                int close = tagEnd(s, i + 1);
                if (close > 0) {
                    destinations.add(new int[] {i + 1, close});
                    width = close + 1 - i;
                }
                v = SPACE; // an HTML tag: not read next to the text around it, its attributes scanned on their own
            } else if ((c == '-' || c == '\u2010' || c == '\u00AD') && len > 0 && sep == 0 && isLetterOrDigit(out[len - 1])) {
                int after = lineEndAfter(s, i + 1);
                if (after > 0) {
                    width = after - i; // a word or number wrapped with a hyphen: joined
                    v = DROP;
                } else {
                    v = c == '\u00AD' ? DROP : classify(c, mail);
                }
            } else {
                v = classify(c, mail);
            }
            i += width;
            if (v == DROP) {
                continue;
            }
            if (v == SPACE || v == BREAK || v == CELL) {
                if (sep == 0) {
                    sepFrom = start;
                    breaks = 0;
                }
                if (v == BREAK && c != '\r') {
                    breaks++;
                }
                sep = Math.min(sep, v); // CELL wins over BREAK, BREAK over SPACE
                sepTo = i;
                continue;
            }
            if (mail && sep == BREAK && breaks == 1 && len > 0 && wrapped(s, start, out[len - 1], v)) {
                sep = 0;
            }
            if (sep != 0) {
                if (len > 0) {
                    out[len] = sep == CELL ? '|' : sep == BREAK ? '\n' : ' ';
                    from[len] = sepFrom;
                    to[len] = sepTo;
                    len++;
                }
                sep = 0;
            }
            out[len] = (char) v;
            from[len] = start;
            to[len] = i;
            len++;
        }
        return new Normalised(new String(out, 0, len), from, to, destinations);
    }

    /** What an address is made of besides letters and digits, kept in the view of addresses: @ . _ - + % */
    private static boolean addressCharacter(int c) {
        return c == '@' || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
    }

    /**
     * The view character of a code point: a letter or digit (or, in the view of addresses, one of
     * {@link #addressCharacter}), or DROP, SPACE, BREAK or CELL.
     */
    private static int classify(int c, boolean mail) {
        if (c < 128) {
            if (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
                return c;
            }
            if (c >= 'a' && c <= 'z') {
                return c - 32;
            }
            if (mail && addressCharacter(c)) {
                return c;
            }
            return switch (c) {
                case '|' -> CELL;
                case '\n', '\r', '\f', '\u000B' -> BREAK;
                case '*', '_', '`', '~' -> DROP;
                default -> SPACE;
            };
        }
        if (c < 0x250 && c >= 0xC0 && LATIN[c - 0xC0] != 0) {
            return LATIN[c - 0xC0];
        }
        switch (Character.getType(c)) {
            case Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.CONTROL -> {
                return c == 0x85 ? BREAK : DROP;
            }
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                return BREAK;
            }
            case Character.DECIMAL_DIGIT_NUMBER -> {
                return '0' + Character.digit(c, 10);
            }
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.OTHER_LETTER, Character.MODIFIER_LETTER, Character.OTHER_NUMBER, Character.LETTER_NUMBER -> {
                if (c < 0x2000 && Character.getType(c) != Character.OTHER_NUMBER) {
                    return Character.isLetter(c) ? Character.toUpperCase(c) : SPACE;
                }
                // Compatibility forms: fullwidth Ａ, mathematical 𝟕, circled ⑦ are the letter or digit they show.
                String k = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFKC);
                if (k.length() == 1) {
                    int b = classify(k.charAt(0), mail);
                    return b >= 0 ? b : SPACE;
                }
                return Character.isBmpCodePoint(c) && Character.isLetter(c) ? Character.toUpperCase(c) : SPACE;
            }
            default -> {
                if (mail) {
                    // Fullwidth or small ＠ and ．, a non-breaking hyphen: the character of an address they show.
                    String k = Normalizer.normalize(new String(Character.toChars(c)), Normalizer.Form.NFKC);
                    if (k.length() == 1 && addressCharacter(k.charAt(0))) {
                        return k.charAt(0);
                    }
                }
                return SPACE;
            }
        }
    }

    /**
     * True when a line break between {@code before} and {@code after} (which starts at {@code at}) wraps an e-mail
     * address: next to its @, after a hyphen or an underscore, before a dot, or after a dot unless a sentence starts
     * there (a capitalised word without an @).
     */
    private static boolean wrapped(String s, int at, char before, int after) {
        if (after == '.' || after == '@' || before == '@' || before == '-' || before == '_') {
            return true;
        }
        if (before != '.') {
            return false;
        }
        int n = Math.min(s.length(), at + 256);
        int letters = 0;
        boolean capitalised = false;
        for (int j = at; j < n && !Character.isWhitespace(s.charAt(j)); j++) {
            char c = s.charAt(j);
            if (c == '@' || c == '\uFF20' || c == '\uFE6B' || c == '&' && s.startsWith("&#", j) && (s.startsWith("64;", j + 2)
                    || s.regionMatches(true, j + 2, "x40;", 0, 4)) || s.regionMatches(true, j, "&commat;", 0, 8)) {
                return true;
            }
            if (Character.isLetter(c) && letters++ < 2) {
                capitalised = letters == 1 ? Character.isUpperCase(c) : capitalised && Character.isLowerCase(c);
            }
        }
        return !capitalised;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z';
    }

    private static boolean isPunctuation(char c) {
        return c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
    }

    /**
     * A character reference at {@code at} ({@code &#55;}, {@code &#x37;}, {@code &nbsp;}): the code point it stands
     * for and its length, or null. A named reference other than the few spaces and invisible ones reads as a space.
     */
    private static int[] reference(String s, int at) {
        int n = Math.min(s.length(), at + 34);
        int semi = -1;
        for (int j = at + 1; j < n; j++) {
            char c = s.charAt(j);
            if (c == ';') {
                semi = j;
                break;
            }
            if (!(c == '#' && j == at + 1) && !Character.isLetterOrDigit(c) || c > 127) {
                return null;
            }
        }
        if (semi < at + 2) {
            return null;
        }
        String body = s.substring(at + 1, semi);
        int cp;
        try {
            if (body.startsWith("#x") || body.startsWith("#X")) {
                cp = Integer.parseInt(body.substring(2), 16);
            } else if (body.startsWith("#")) {
                cp = Integer.parseInt(body.substring(1));
            } else {
                cp = switch (body) {
                    case "shy", "zwj", "zwnj", "lrm", "rlm", "NoBreak", "ZeroWidthSpace", "InvisibleTimes" -> 0xAD;
                    default -> ' ';
                };
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return Character.isValidCodePoint(cp) ? new int[] {cp, semi + 1 - at} : null;
    }

    /** The index of the ')' that ends an inline link's destination starting at {@code at}, or -1. */
    private static int destinationEnd(String s, int at) {
        int depth = 0;
        int n = Math.min(s.length(), at + 2048);
        for (int j = at; j < n; j++) {
            char c = s.charAt(j);
            if (c == '\n') {
                return -1;
            } else if (c == '\\') {
                j++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The index of the '>' that ends an HTML tag whose name starts at {@code at}, or -1. */
    private static int tagEnd(String s, int at) {
        int n = Math.min(s.length(), at + 512);
        for (int j = at; j < n; j++) {
            char c = s.charAt(j);
            if (c == '>') {
                return j;
            } else if (c == '<' || c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * When only spaces, invisible characters and one line break follow {@code at} before a letter or digit: the
     * index of that letter or digit (a hyphen there ends a wrapped line); else -1.
     */
    private static int lineEndAfter(String s, int at) {
        boolean lineBreak = false;
        int n = Math.min(s.length(), at + 64);
        for (int j = at; j < n; j++) {
            char c = s.charAt(j);
            if (c == '\n' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                if (lineBreak) {
                    return -1;
                }
                lineBreak = true;
            } else if (c == '\r' || c == ' ' || c == '\t' || c == '>' || c == '\u00A0' || c == '\u202F'
                    || Character.getType(c) == Character.FORMAT || lineBreak && "*_`~".indexOf(c) >= 0) {
                // spaces, a block quote's mark or emphasis on the next line, invisible characters
            } else {
                return lineBreak && Character.isLetterOrDigit(s.codePointAt(j)) ? j : -1;
            }
        }
        return -1;
    }
}
