package fr.vitrine.read;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The character policy's scans: where the first forbidden and the first stray invisible character are. */
class CharactersTest {

    @Test
    void findsTheFirstForbiddenCharacter() {
        assertEquals(-1, Characters.firstForbidden("Convention signée le 5 mars 2020 « à Paris » – 12 000 €\t\r\n"));
        assertEquals(3, Characters.firstForbidden("abc\u0007d"));
        assertEquals(1, Characters.firstForbidden("a\u0085"), "a C1 control");
        assertEquals(1, Characters.firstForbidden("a\uFDD0"), "a noncharacter");
        assertEquals(1, Characters.firstForbidden("a\uFFFE"));
        assertEquals(-1, Characters.firstForbidden("a\uD83D\uDE00b"), "an emoji is text");
        assertEquals(1, Characters.firstForbidden("a\uD83Db"), "a lone high surrogate");
        assertEquals(1, Characters.firstForbidden("a\uDE00b"), "a lone low surrogate");
        assertEquals(1, Characters.firstForbidden("a\uD83F\uDFFE"), "U+1FFFE, a noncharacter");
    }

    /**
     * The one pass over the bytes that lets a file skip the character checks misses nothing: every code point those
     * checks look for (a forbidden or invisible character, NUL, the byte order mark), at the start, inside and at the
     * end of a text, makes it look closer; and French text, emoji and every other code point of the BMP's letters
     * and signs do not (most files are decided by the bytes alone).
     */
    @Test
    void theBytePassMissesNoCharacterTheChecksLookFor() {
        int looked = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                continue; // not encodable in UTF-8: decoding makes it U+FFFD, looked for apart
            }
            String c = new String(Character.toChars(cp));
            boolean sought = Characters.isForbidden(cp) || Characters.isInvisible(cp);
            for (String text : List.of(c, "é" + c + "’", "Texte « " + c)) {
                boolean closer = Characters.mayHoldNonText(text.getBytes(StandardCharsets.UTF_8));
                if (sought) {
                    assertTrue(closer, () -> Characters.describe(text.codePointAt(text.indexOf(c))) + " in '" + text + "'");
                }
            }
            looked += sought ? 1 : 0;
        }
        assertTrue(looked > 140, "noncharacters, controls and invisible characters: " + looked);
        assertFalse(Characters.mayHoldNonText(("Convention signée le 5 mars 2020 « à Paris » – 12\u202F000 € ’ \t\r\n "
                + "\uD83D\uDE00 \u00A0 œ Ω 中").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void findsTheFirstStrayInvisibleCharacter() {
        assertEquals(-1, Characters.firstStray("« Texte » ’ – ok", 0));
        assertEquals(2, Characters.firstStray("ab\u200Bc", 0));
        assertEquals(-1, Characters.firstStray("ab\u200Bc", 3));
        assertEquals(1, Characters.firstStray("a\u202Eb", 0), "a bidirectional override");
        // A zero-width joiner between two pictographs is part of an emoji sequence.
        assertEquals(-1, Characters.firstStray("\uD83D\uDC69\u200D\uD83D\uDCBB", 0));
        assertEquals(1, Characters.firstStray("a\u200Db", 0));
    }

    /** The scans agree with their definition, one code point at a time, on random text mixing every class. */
    @Test
    void agreeWithTheirDefinitionOnRandomText() {
        char[] alphabet = {'a', 'é', ' ', '\t', '\n', '\u0001', '\u007F', '\u0085', '\u00A0', '\u061C', '\u2019',
                '\u200B', '\u200D', '\u202E', '\uFEFF', '\uFDD0', '\uFFFE', '\uD83D', '\uDE00', '\uDC69', '\uFE0F'};
        Random random = new Random(42);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = sb.toString();
            assertEquals(forbiddenByDefinition(s), Characters.firstForbidden(s), s);
            int from = s.isEmpty() ? 0 : random.nextInt(s.length());
            assertEquals(strayByDefinition(s, from), Characters.firstStray(s, from), s + " from " + from);
        }
    }

    private static int forbiddenByDefinition(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Characters.isForbidden(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static int strayByDefinition(String s, int from) {
        for (int i = from; i < s.length(); ) {
            if (Characters.isStray(s, i)) {
                return i;
            }
            i += Character.charCount(s.codePointAt(i));
        }
        return -1;
    }
}
