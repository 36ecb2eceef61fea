package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostic;
import fr.vitrine.diagnostics.Diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a text source strictly as UTF-8, reporting where it is not. */
public final class TextFile {

    /** Content files above this size are refused: a convention's text is tens of kilobytes. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;

    private TextFile() {
    }

    /** Writes {@code text} as UTF-8, creating the folders above {@code file}. */
    public static void writeUtf8(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static final Set<OpenOption> WRITE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);

    /**
     * Writes {@code bytes} to {@code file}, creating its folders, in as few system calls as it can: the file is opened
     * first and its folders created only when they are missing (a build writes several files into most folders), and
     * the bytes are written in one call ({@link Files#write} writes 8 KB at a time).
     */
    public static void write(Path file, byte[] bytes) {
        try {
            try (FileChannel channel = open(file)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, WRITE);
        } catch (NoSuchFileException e) {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, WRITE);
        }
    }

    /** The file's text without a leading BOM, or {@code null} after reporting why it can't be read. */
    public static String readUtf8(Path file, Diagnostics diagnostics) {
        String notRegular = notRegularFile(file);
        if (notRegular != null) {
            diagnostics.error(file, 0, 0, notRegular);
            return null;
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                diagnostics.error(file, 1, 1, String.format(java.util.Locale.ROOT,
                        "file is %.1f MB, over the %d MB limit for a source file; split it or remove embedded data",
                        size / 1_048_576.0, MAX_BYTES / 1_048_576));
                return null;
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.AccessDeniedException e) {
            diagnostics.error(file, 0, 0, "permission denied: this user can't read the file; fix its permissions");
            return null;
        } catch (IOException e) {
            diagnostics.error(file, 0, 0, "cannot read file: " + e.getMessage());
            return null;
        }
        // The JDK's own decoding (the fastest) replaces what is not UTF-8 by U+FFFD: only then, the strict decoder
        // tells a real U+FFFD from a bad byte, and where that byte is.
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (decoder.decode(in, CharBuffer.allocate(bytes.length), true).isError()) {
                reportBadByte(file, bytes, in.position(), diagnostics);
                return null;
            }
        }
        if (!Characters.mayHoldNonText(bytes)) {
            return text; // one pass over the bytes found nothing the checks below look for
        }
        if (text.indexOf('\0') >= 0) {
            int at = text.indexOf('\0');
            int[] lc = lineColumn(text, at);
            diagnostics.error(file, lc[0], lc[1], "file contains a NUL character: it is binary or corrupted; save it as plain UTF-8 text");
            return null;
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int offset = text.length() - body.length();
        int forbidden = Characters.firstForbidden(body);
        if (forbidden >= 0) {
            int[] lc = lineColumn(text, forbidden + offset);
            diagnostics.error(file, lc[0], lc[1], "file contains the control character "
                    + Characters.describe(body.codePointAt(forbidden)) + ", which no page or feed may hold; delete it");
            return null;
        }
        return dropInvisible(file, body, offset, text, diagnostics);
    }

    /** At most this many invisible characters are reported one by one per file; the rest are counted. */
    private static final int MAX_REPORTED = 10;

    /**
     * Drops zero-width and bidirectional-control characters (see {@link Characters}), each reported as a warning at
     * its line and column; {@code offset} is where {@code body} starts in {@code text}.
     */
    private static String dropInvisible(Path file, String body, int offset, String text, Diagnostics diagnostics) {
        int first = Characters.firstStray(body, 0);
        if (first < 0) {
            return body;
        }
        int count = 0;
        for (int i = first; i >= 0; i = Characters.firstStray(body, i + 1)) {
            if (++count <= MAX_REPORTED) {
                int[] lc = lineColumn(text, i + offset);
                diagnostics.warning(file, lc[0], lc[1], "invisible character " + Characters.describe(body.codePointAt(i))
                        + " (usually pasted from an office tool) dropped from what is shown; delete it from the file");
            }
        }
        if (count > MAX_REPORTED) {
            diagnostics.warning(file, 1, 1, (count - MAX_REPORTED) + " more invisible character" + (count - MAX_REPORTED > 1 ? "s" : "") + " dropped from this "
                    + "file (only the first " + MAX_REPORTED + " are listed)");
        }
        return Characters.dropInvisible(body);
    }

    /**
     * Why {@code file} (its links followed) is not a regular file, or {@code null} when it is one. Checked before
     * opening: reading a named pipe named like a record would wait forever, a device would never end.
     */
    public static String notRegularFile(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class); // links followed
        } catch (NoSuchFileException e) {
            return "file does not exist (or is a link to nothing)";
        } catch (IOException e) {
            return "cannot read file: " + e.getMessage();
        }
        if (attributes.isDirectory()) {
            return "this is a folder, not a file; rename it so that its name does not look like a source file's";
        }
        if (!attributes.isRegularFile()) {
            return "not a regular file (a named pipe, socket or device): only regular files are read; replace it "
                    + "with a file or remove it";
        }
        return null;
    }

    /** Types of original texts published beside a record: shown as text or PDF, never run by a browser. */
    public static final List<String> PUBLISHABLE = List.of(".txt", ".md", ".pdf");

    /** PDF originals are larger than texts (scans), but bounded too. */
    public static final long MAX_PDF_BYTES = 50L * 1024 * 1024;

    /**
     * Why {@code file} can't be published as a record's original text, as the end of a sentence about it ("is …"),
     * or {@code null} when it can: a regular file of a {@link #PUBLISHABLE} type within its size limit, a PDF that
     * starts as one, a text that is strict UTF-8 without NUL characters.
     */
    public static String unpublishable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.lastIndexOf('.') < 0 ? "" : name.substring(name.lastIndexOf('.'));
        if (!PUBLISHABLE.contains(type)) {
            return "is " + (type.isEmpty() ? "a file without extension" : "a '" + type + "' file")
                    + ": only .txt, .md and .pdf originals are published (a web page or an image such as .html or "
                    + ".svg could run scripts on the site); convert it to plain text or PDF";
        }
        String notRegular = notRegularFile(file);
        if (notRegular != null) {
            return "cannot be published: " + notRegular;
        }
        if (type.equals(".pdf")) {
            try (InputStream in = Files.newInputStream(file)) {
                long size = Files.size(file);
                if (size > MAX_PDF_BYTES) {
                    return String.format(Locale.ROOT, "is %.1f MB, over the %d MB limit for a PDF original; "
                            + "compress it or publish it elsewhere", size / 1_048_576.0, MAX_PDF_BYTES / 1_048_576);
                }
                if (!Arrays.equals(in.readNBytes(5), "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
                    return "is not a PDF (it does not start with %PDF-); export the original as PDF or as plain text";
                }
                return null;
            } catch (IOException e) {
                return "cannot be read: " + e.getMessage();
            }
        }
        Diagnostics problems = new Diagnostics();
        if (readUtf8(file, problems) == null) {
            Diagnostic first = problems.all().get(0);
            return "cannot be published as text: " + first.message()
                    + (first.line() > 0 ? " (line " + first.line() + ", column " + first.column() + " of that file)" : "");
        }
        return null;
    }


    private static void reportBadByte(Path file, byte[] bytes, int offset, Diagnostics diagnostics) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String prefix = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
        int column = prefix.codePointCount(0, prefix.length()) + 1;
        diagnostics.error(file, line, column, String.format(java.util.Locale.ROOT,
                "file is not valid UTF-8 (byte 0x%02X); re-save it as UTF-8 (it may be Windows-1252 or Latin-1)",
                bytes[offset] & 0xFF));
    }

    /** The 1-based line and column of a character of {@code text}. */
    public static int[] lineColumn(String text, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }
}
