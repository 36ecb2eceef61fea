package fr.vitrine.render;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A page's text encoded to UTF-8 as it is written: one pass over the characters, where a {@code StringBuilder} took
 * them, copied them into a string and encoded that. The bytes are those of {@code String.getBytes(UTF_8)} on all the
 * text written: a surrogate pair split between two writes is one character, a lone surrogate becomes '?'. Without a
 * lock (a page is written by one thread).
 */
final class PageBuffer extends Writer {

    private byte[] bytes;
    private int size;
    /** A high surrogate at the end of the last write, waiting for its low half; 0 when none. */
    private char high;

    PageBuffer(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(char[] chars, int off, int len) {
        reserve(len);
        byte[] b = bytes;
        int p = size;
        int i = off;
        int end = off + len;
        if (high != 0 && i < end) {
            p = pair(b, p, high, chars[i]);
            if (Character.isLowSurrogate(chars[i])) {
                i++;
            }
            high = 0;
        }
        while (i < end) {
            char c = chars[i++];
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                b[p++] = (byte) (0xE0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                b[p++] = (byte) (0x80 | c & 0x3F);
            } else if (i == end && Character.isHighSurrogate(c)) {
                high = c;
            } else {
                p = pair(b, p, c, i < end ? chars[i] : 0);
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(chars[i])) {
                    i++;
                }
            }
        }
        size = p;
    }

    /** Writes the surrogate {@code c}, with {@code next} when they are a pair, else '?' for {@code c}. */
    private static int pair(byte[] b, int p, char c, char next) {
        if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(next)) {
            b[p++] = '?';
            return p;
        }
        int cp = Character.toCodePoint(c, next);
        b[p++] = (byte) (0xF0 | cp >> 18);
        b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
        b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
        b[p++] = (byte) (0x80 | cp & 0x3F);
        return p;
    }

    /** Not on a page's path: {@link PageTextWriter} hands on arrays. */
    @Override
    public void write(String s, int off, int len) {
        write(s.substring(off, off + len).toCharArray(), 0, len);
    }

    @Override
    public void write(int c) {
        char ch = (char) c;
        if (ch < 0x80 && high == 0) {
            reserve(1);
            bytes[size++] = (byte) ch;
        } else {
            write(new char[] {ch}, 0, 1);
        }
    }

    /** Room for {@code chars} more characters (3 bytes each at most, and a pair's 4 for a held high surrogate). */
    private void reserve(int chars) {
        long needed = size + 3L * chars + 4;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new OutOfMemoryError("a page of more than 2 GB");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * bytes.length)));
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** The text written, in UTF-8 (a high surrogate left at the end is '?', as a string would encode it). */
    byte[] utf8() {
        if (high != 0) {
            reserve(1);
            bytes[size++] = '?';
            high = 0;
        }
        return Arrays.copyOf(bytes, size);
    }

    /** Whether the text is empty or only whitespace ({@link String#isBlank}). */
    static boolean isBlank(byte[] utf8) {
        for (byte b : utf8) {
            if (b < 0) {
                // Beyond ASCII, some characters are whitespace: the string says (only pages that begin so).
                return new String(utf8, StandardCharsets.UTF_8).isBlank();
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
