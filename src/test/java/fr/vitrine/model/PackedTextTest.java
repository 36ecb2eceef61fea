package fr.vitrine.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackedTextTest {

    /** The longest bundled convention (a seed's whole text): what a convention holds until its page is written. */
    @Test
    void aConventionsTextComesBackAsItWasInAFractionOfItsSize() throws Exception {
        Path seed;
        try (java.util.stream.Stream<Path> files = Files.list(Path.of("content/conventions"))) {
            seed = files.max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
        String text = Files.readString(seed);
        assertTrue(text.length() > 10_000, seed + " is the longest bundled convention");
        PackedText packed = PackedText.of(text);
        assertEquals(text, packed.text());
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), packed.utf8());
        // A String holding it takes two bytes a character (it has typographic apostrophes).
        assertTrue(packed.packedSize() * 4 < text.length() * 2,
                packed.packedSize() + " bytes for " + text.length() + " characters");
    }

    @Test
    void everyTextComesBackAsItWas() {
        Random random = new Random(42);
        for (int length : new int[] {0, 1, 511, 512, 513, 4096, 100_000}) {
            StringBuilder s = new StringBuilder();
            while (s.length() < length) {
                // Latin, accents, the typographic apostrophe, a character outside the BMP, noise that won't deflate.
                s.append(switch (random.nextInt(5)) {
                    case 0 -> "l’État ";
                    case 1 -> "🇫🇷";
                    case 2 -> "convention ";
                    case 3 -> (char) ('a' + random.nextInt(26));
                    default -> Integer.toHexString(random.nextInt());
                });
            }
            String text = s.substring(0, length);
            if (length > 0 && Character.isHighSurrogate(text.charAt(length - 1))) {
                text = text.substring(0, length - 1) + "x";
            }
            assertEquals(text, PackedText.of(text).text(), "length " + length);
            assertEquals(PackedText.of(text), PackedText.of(text));
            assertEquals(PackedText.of(text).hashCode(), PackedText.of(text).hashCode());
        }
        assertNotEquals(PackedText.of("<p>un</p>".repeat(100)), PackedText.of("<p>deux</p>".repeat(100)));
    }

    @Test
    void blankIsKnownWithoutUnpacking() {
        assertTrue(PackedText.of(null).isBlank());
        assertTrue(PackedText.of(" \n".repeat(1000)).isBlank());
        assertFalse(PackedText.of(" ".repeat(1000) + "x").isBlank());
        assertEquals("", PackedText.EMPTY.text());
    }
}
