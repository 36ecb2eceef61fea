package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFileTest {

    @TempDir
    Path tmp;

    /** U+FFFD is what the JDK puts for a bad byte, and a character someone may write: only the bad byte is an error. */
    @Test
    void aReplacementCharacterWrittenInTheFileIsText() throws IOException {
        Path file = Files.writeString(tmp.resolve("a.md"), "---\ntitle: x\n---\nUn caractère � écrit tel quel.\n");
        Diagnostics d = new Diagnostics();
        assertEquals(Files.readString(file), TextFile.readUtf8(file, d));
        assertFalse(d.hasErrors(), d.all().toString());
    }

    @Test
    void aBadByteAfterAReplacementCharacterIsReportedWhereItIs() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("---\ntitle: x\n---\n� puis\nl'ann".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // « é » saved as Windows-1252
        bytes.writeBytes("e\n".getBytes(StandardCharsets.UTF_8));
        Path file = Files.write(tmp.resolve("b.md"), bytes.toByteArray());
        Diagnostics d = new Diagnostics();
        assertNull(TextFile.readUtf8(file, d));
        assertEquals(1, d.all().size(), d.all().toString());
        assertEquals(5, d.all().get(0).line());
        assertTrue(d.all().get(0).message().contains("not valid UTF-8 (byte 0xE9)"), d.all().get(0).message());
    }

    /** A page is written whole (in one call, not 8 KB at a time), into folders made when missing, over an older file. */
    @Test
    void writeMakesMissingFoldersAndReplacesAnOlderFile() throws IOException {
        byte[] page = "<p>Convention signée l’an dernier.</p>\n".repeat(2_000).getBytes(StandardCharsets.UTF_8);
        Path file = tmp.resolve("conventions/une/index.html");
        TextFile.write(file, page);
        assertTrue(java.util.Arrays.equals(page, Files.readAllBytes(file)));

        TextFile.write(file, "court".getBytes(StandardCharsets.UTF_8)); // shorter: nothing of the old file stays
        assertEquals("court", Files.readString(file));
        TextFile.writeUtf8(file.resolveSibling("une.json"), "{}"); // beside it, in the folder now there
        assertEquals("{}", Files.readString(file.resolveSibling("une.json")));
    }
}
