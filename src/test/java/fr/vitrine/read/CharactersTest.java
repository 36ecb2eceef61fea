package fr.vitrine.read;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
