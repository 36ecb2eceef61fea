package fr.vitrine.diagnostics;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What reaches a terminal or a CI log. File names, values and messages come from users: a line break in a file
 * name would start a new line that GitHub reads as a workflow command ({@code ::error …}, {@code ::add-mask::}),
 * an escape sequence would drive the terminal. Every text printed by the commands goes through {@link #clean}.
 */
public final class Console {

    private Console() {
    }

    /**
     * {@code s} with control and invisible format characters (line breaks, ESC, NUL, bidirectional overrides,
     * U+FFFE…) written as escapes ({@code \n}, {@code \u001B}); tabs are kept.
     */
    public static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            int next = i + Character.charCount(c);
            if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.format("\\u%04X", c));
            } else if (sb != null) {
                sb.append(s, i, next);
            }
            i = next;
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean unsafe(int c) {
        if (c == '\t') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.UNASSIGNED && (c & 0xFFFE) == 0xFFFE;
    }

    /**
     * A stream that cleans every text printed to it ({@code print}, {@code println}, {@code printf}); only the line
     * breaks it writes itself ({@code println}, {@code %n}) end lines.
     */
    public static PrintStream of(OutputStream out) {
        return new Clean(out);
    }

    private static final class Clean extends PrintStream {
        Clean(OutputStream out) {
            super(out, true, StandardCharsets.UTF_8);
        }

        @Override
        public void print(String s) {
            // A Formatter appends each %n on its own.
            super.print(s == null || s.equals(System.lineSeparator()) ? s : clean(s));
        }

        @Override
        public void print(char c) {
            print(String.valueOf(c));
        }

        @Override
        public void print(char[] s) {
            print(new String(s));
        }

        @Override
        public void print(Object o) {
            print(String.valueOf(o));
        }

        @Override
        public void println(char[] s) {
            println(new String(s));
        }

        @Override
        public PrintStream append(CharSequence csq, int start, int end) {
            print(String.valueOf(csq == null ? "null" : csq.subSequence(start, end)));
            return this;
        }
    }
}
