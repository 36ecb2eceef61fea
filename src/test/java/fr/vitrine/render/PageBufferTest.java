package fr.vitrine.render;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The page buffer encodes as {@code String.getBytes(UTF_8)} does, whatever the text and however it is written. */
class PageBufferTest {

    /** Every code point class: ASCII, 2- and 3-byte characters, the edges of each, pairs and lone surrogates. */
    private static final char[] HOSTILE = {'a', '<', '\n', 0, 0x7F, 0x80, 0xA0, 0xE9, 0x7FF, 0x800, 0x2019, 0x202F,
            0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xD83D, 0xDE00};

    @Test
    void everyCharacterAndEverySurrogateIsEncodedAsAStringWouldBe() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c); // every UTF-16 unit, the surrogates alone
        }
        for (int cp = 0x10000; cp <= 0x10FFFF; cp += 0x3FF) {
            all.appendCodePoint(cp);
        }
        all.appendCodePoint(0x10FFFF).append('\uD800'); // a high surrogate at the very end
        assertEncodedAsString(all.toString(), new Random(1));
    }

    @Test
    void hostileTextWrittenInPiecesOfAnySizeComesOutAsItsStringEncoded() {
        Random random = new Random(30);
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                text.append(HOSTILE[random.nextInt(HOSTILE.length)]);
            }
            assertEncodedAsString(text.toString(), random);
        }
    }

    @Test
    void aPageIsBlankAsItsStringIs() {
        for (String text : new String[] {"", " \n\t\r\f\u000B\u001C", " \u2003\u3000\n", " \u00A0", " \u202F ", " x",
                "\u2028", " \u2009<"}) {
            assertEquals(text.isBlank(), PageBuffer.isBlank(text.getBytes(StandardCharsets.UTF_8)), text);
        }
    }

    /** Writes {@code text} in random pieces, through each of the writer's methods, and compares the bytes. */
    private static void assertEncodedAsString(String text, Random random) {
        PageBuffer buffer = new PageBuffer(random.nextInt(64));
        int i = 0;
        while (i < text.length()) {
            int len = Math.min(text.length() - i, random.nextInt(9));
            switch (random.nextInt(3)) {
                case 0 -> {
                    char[] chars = ("xx" + text.substring(i, i + len) + "y").toCharArray();
                    buffer.write(chars, 2, len);
                }
                case 1 -> buffer.write("z" + text.substring(i, i + len), 1, len);
                default -> {
                    if (len > 0) {
                        buffer.write(text.charAt(i));
                        len = 1;
                    }
                }
            }
            i += len;
        }
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), buffer.utf8(), () -> text.chars()
                .mapToObj(c -> Integer.toHexString(c)).toList().toString());
    }
}
