package fr.vitrine.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A long text every record keeps from reading until its page and downloads are written (a convention's rendered body,
 * its redacted copy), held compressed: UTF-8, deflated when long. A French text in a {@code String} takes two bytes a
 * character (one typographic apostrophe is enough), which made 10 000 conventions hold a gigabyte; deflated, a
 * convention's text takes about a fifth of that (11.5 KB for the seconde convention's 30 000 characters).
 */
public final class PackedText {

    /** Shorter texts are kept as UTF-8 only: deflating them gains little. */
    private static final int DEFLATE_FROM = 512;
    public static final PackedText EMPTY = new PackedText(new byte[0], 0, true);

    private final byte[] bytes;
    /** The UTF-8 length; {@code bytes} are deflated when they are shorter than that. */
    private final int length;
    private final boolean blank;
    /** Records holding a text are compared and hashed: once is enough, when first asked (0 until then). */
    private int hash;

    private PackedText(byte[] bytes, int length, boolean blank) {
        this.bytes = bytes;
        this.length = length;
        this.blank = blank;
    }

    public static PackedText of(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < DEFLATE_FROM) {
            return new PackedText(utf8, utf8.length, text.isBlank());
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            deflater.setInput(utf8);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length / 4 + 64);
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            byte[] packed = out.toByteArray();
            return packed.length < utf8.length ? new PackedText(packed, utf8.length, text.isBlank())
                    : new PackedText(utf8, utf8.length, text.isBlank());
        } finally {
            deflater.end();
        }
    }

    /** The text's UTF-8 bytes, as written to a file. */
    public byte[] utf8() {
        if (bytes.length == length) {
            return bytes.clone();
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length && !inflater.finished()) {
                int got = inflater.inflate(out, n, length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != length) {
                throw new IllegalStateException("packed text inflated to " + n + " bytes, not " + length);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IllegalStateException("packed text is corrupt", e);
        } finally {
            inflater.end();
        }
    }

    public String text() {
        return length == 0 ? "" : new String(utf8(), StandardCharsets.UTF_8);
    }

    public boolean isBlank() {
        return blank;
    }

    /** Its size in memory, in bytes of text. */
    public int packedSize() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PackedText p && p.length == length && p.hashCode() == hashCode()
                && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes); // a race computes the same value twice: harmless, as in String
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return text();
    }
}
