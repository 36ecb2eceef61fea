package fr.vitrine.fuzz;

import fr.vitrine.diagnostics.Diagnostic;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants shared by the fuzz tests. */
final class Checks {

    private Checks() {
    }

    /**
     * Lines in a file, counted generously: every LF, CR, NEL, LS and PS starts a new line, as some YAML and CSV
     * readers count them, so a position that any reader could give falls within.
     */
    static int lineCount(byte[] bytes) {
        int lines = 1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n' || b == '\r' || b == 0x85) {
                lines++;
            } else if (b == 0xE2 && i + 2 < bytes.length && (bytes[i + 1] & 0xFF) == 0x80
                    && ((bytes[i + 2] & 0xFF) == 0xA8 || (bytes[i + 2] & 0xFF) == 0xA9)) {
                lines++;
            }
        }
        return lines;
    }

    /**
     * A diagnostic says something a person can read (not empty, and not longer than what it could quote from the
     * input), and one about {@code file} points at a line of it (0 = the whole file).
     */
    static void inside(Diagnostic d, Path file, int lines, int inputLength) {
        assertNotNull(d.message());
        assertFalse(d.message().isBlank(), () -> "empty message: " + d);
        assertTrue(d.message().length() <= 2 * inputLength + 2000, () -> "message of " + d.message().length()
                + " characters for a " + inputLength + "-byte input: " + d.message().substring(0, 300) + "…");
        if (file.equals(d.file())) {
            assertTrue(d.line() >= 0 && d.column() >= 0, () -> "negative position: " + d.line() + ":" + d.column()
                    + " " + d.message());
            assertTrue(d.line() <= lines + 1, () -> "line " + d.line() + " of a " + lines + "-line file: "
                    + d.message());
        }
    }
}
