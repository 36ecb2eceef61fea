package fr.vitrine.model;

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

    /**
     * Each thread's deflater and inflater, reset before each use: making one allocates zlib's tables (about 270 KB
     * for a deflater), and when the C library hands them out as fresh memory, its page faults cost up to ten times
     * the deflating of a convention's text (measured: 0.8 ms against 0.08 ms for 26 KB).
     */
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(
            () -> new Deflater(Deflater.BEST_SPEED, true));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    public static PackedText of(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < DEFLATE_FROM) {
            return new PackedText(utf8, utf8.length, text.isBlank());
        }
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        deflater.setInput(utf8);
        deflater.finish();
        // Kept deflated only when that is shorter: the output never needs more room than the text.
        byte[] packed = new byte[utf8.length];
        int n = 0;
        while (!deflater.finished() && n < packed.length) {
            n += deflater.deflate(packed, n, packed.length - n);
        }
        return deflater.finished() && n < utf8.length
                ? new PackedText(Arrays.copyOf(packed, n), utf8.length, text.isBlank())
                : new PackedText(utf8, utf8.length, text.isBlank());
    }

    /** The text's UTF-8 bytes, as written to a file. */
    public byte[] utf8() {
        if (bytes.length == length) {
            return bytes.clone();
        }
        Inflater inflater = INFLATER.get();
        inflater.reset();
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
