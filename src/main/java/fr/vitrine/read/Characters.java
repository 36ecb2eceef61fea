package fr.vitrine.read;

import java.util.Locale;

/**
 * The character policy of every text Vitrine reads. Two classes of characters are not text:
 * <ul>
 *   <li><b>invisible</b> formatting characters (zero-width spaces and joiners, word joiners, bidirectional controls,
 *   a byte order mark after the start): pasted from office tools, they change nothing on screen but break
 *   comparisons and can reorder what a reader sees. They are dropped with a warning. A zero-width joiner between two
 *   pictographs is part of an emoji sequence and is kept.</li>
 *   <li><b>forbidden</b> characters (C0 controls other than tab and line ends, DEL, C1 controls, noncharacters such
 *   as U+FFFE, lone surrogates): no XML document (the Atom feed, the DCAT files) may hold them. They are errors.</li>
 * </ul>
 */
public final class Characters {

    private Characters() {
    }

    /** True for a zero-width or bidirectional formatting character (not judging its context). */
    public static boolean isInvisible(int cp) {
        return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x200E || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064)
                || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x061C || cp == 0x180E;
    }

    /** True for a character no text may hold: controls, noncharacters, lone surrogates. */
    public static boolean isForbidden(int cp) {
        return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE
                || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
    }

    /**
     * Whether the code point at {@code i} of {@code text} is an invisible character to drop: a zero-width joiner
     * inside an emoji sequence (after a pictograph, a variation selector or a skin tone, before a pictograph) is kept.
     */
    public static boolean isStray(String text, int i) {
        int cp = text.codePointAt(i);
        if (!isInvisible(cp)) {
            return false;
        }
        if (cp == 0x200D && i > 0 && i + 1 < text.length()) {
            int before = text.codePointBefore(i);
            int after = text.codePointAt(i + 1);
            return !(pictographic(before) && pictographic(after));
        }
        return true;
    }

    private static boolean pictographic(int cp) {
        int type = Character.getType(cp);
        return type == Character.OTHER_SYMBOL || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
    }

    /** "U+200B (ZERO WIDTH SPACE)", for messages. */
    public static String describe(int cp) {
        String name = Character.isSurrogate((char) cp) && cp <= 0xFFFF ? "lone surrogate" : Character.getName(cp);
        boolean noncharacter = (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
        return String.format(Locale.ROOT, "U+%04X (%s)", cp, noncharacter ? "noncharacter" : name == null ? "unassigned" : name);
    }

    /**
     * False when UTF-8 {@code bytes} surely hold no forbidden or invisible character, no NUL and no byte order mark:
     * one pass over the bytes, looking only at the byte sequences that could encode one (a C0 or C1 control, DEL,
     * U+061C, U+180E, U+200B..U+200F, U+202A..U+202E, U+2060..U+2069, U+FDD0..U+FDEF, U+FEFF, a noncharacter ending in
     * FFFE or FFFF). True says only "look closer" ({@link #firstForbidden}, {@link #firstStray}). Bytes that are not
     * UTF-8 are not judged here: decoding replaces them with U+FFFD, which is looked for apart.
     */
    public static boolean mayHoldNonText(byte[] bytes) {
        for (int i = 0, n = bytes.length; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                continue;
            }
            if (b < 0x20) {
                if (b != '\t' && b != '\n' && b != '\r') {
                    return true;
                }
                continue;
            }
            int b1 = i + 1 < n ? bytes[i + 1] & 0xFF : 0;
            int b2 = i + 2 < n ? bytes[i + 2] & 0xFF : 0;
            boolean suspect = switch (b) {
                case 0x7F -> true;
                case 0xC2 -> b1 >= 0x80 && b1 <= 0x9F;
                case 0xD8 -> b1 == 0x9C;
                case 0xE1 -> b1 == 0xA0 && b2 == 0x8E;
                case 0xE2 -> b1 == 0x80 && (b2 >= 0x8B && b2 <= 0x8F || b2 >= 0xAA && b2 <= 0xAE)
                        || b1 == 0x81 && b2 >= 0xA0 && b2 <= 0xA9;
                case 0xEF -> b1 == 0xBB && b2 == 0xBF || b1 == 0xB7 && b2 >= 0x90 && b2 <= 0xAF
                        || b1 == 0xBF && b2 >= 0xBE;
                default -> b >= 0xF0 && (b1 & 0x0F) == 0x0F && b2 == 0xBF && i + 3 < n
                        && (bytes[i + 3] & 0xFE) == 0xBE;
            };
            if (suspect) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first forbidden character of {@code s}, or -1. */
    public static int firstForbidden(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            // Printable ASCII and U+00A0..U+D7FF hold no forbidden character: most text is decided here.
            if (c >= 0x20 && c < 0x7F || c >= 0xA0 && c < Character.MIN_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (isForbidden(Character.toCodePoint(c, s.charAt(i + 1)))) {
                    return i;
                }
                i++;
            } else if (isForbidden(c)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} without its stray invisible characters (the same instance when it has none). */
    public static String dropInvisible(String s) {
        int first = firstStray(s, 0);
        if (first < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int from = 0;
        for (int i = first; i >= 0; i = firstStray(s, from)) {
            sb.append(s, from, i);
            from = i + Character.charCount(s.codePointAt(i));
        }
        return sb.append(s, from, s.length()).toString();
    }

    /** Index of the first stray invisible character at or after {@code from}, or -1. */
    public static int firstStray(String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            // Every invisible character is in the BMP, from U+061C.
            if (c < 0x61C) {
                continue;
            }
            if (isStray(s, i)) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            }
        }
        return -1;
    }
}
