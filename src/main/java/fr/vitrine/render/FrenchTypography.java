package fr.vitrine.render;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;

/**
 * French typography of every page as it is written: in the text of the HTML (not in tags, attribute values,
 * {@code script}, {@code style}, {@code pre}, {@code code} or {@code textarea}), the plain or no-break space before
 * « : ; ? ! » and « » », and after « « », becomes a narrow no-break space (U+202F). One place for the templates'
 * interface text, the values they print and the texts rendered from Markdown (convention texts, product
 * descriptions): templates are written with plain spaces, which keeps them easy to edit and merge.
 */
final class FrenchTypography extends Writer {

    static final char NNBSP = '\u202F';
    private static final char NBSP = '\u00A0';
    /** Elements whose content is written as it is. */
    private static final Set<String> VERBATIM = Set.of("script", "style", "pre", "code", "textarea");

    private final Writer out;
    /** A space held back until the next character says whether it must be narrow; 0 when none. */
    private char pending;
    private boolean afterOpeningQuote;
    private boolean inTag;
    private char quote;
    private final StringBuilder tagName = new StringBuilder();
    private boolean readingName;
    /** While inside a verbatim element: its closing tag ("</pre"), matched as it comes; else null. */
    private String verbatimEnd;
    private int matched;

    FrenchTypography(Writer out) {
        this.out = out;
    }

    @Override
    public void write(char[] buffer, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            put(buffer[i]);
        }
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            put(s.charAt(i));
        }
    }

    @Override
    public void write(int c) throws IOException {
        put((char) c);
    }

    private void put(char c) throws IOException {
        if (verbatimEnd != null) {
            out.write(c);
            matched = Character.toLowerCase(c) == verbatimEnd.charAt(matched) ? matched + 1
                    : c == '<' ? 1 : 0;
            if (matched == verbatimEnd.length()) {
                verbatimEnd = null;
                inTag = true;
                readingName = false;
                tagName.setLength(0);
            }
            return;
        }
        if (inTag) {
            tag(c);
            return;
        }
        if (c == '<') {
            release();
            afterOpeningQuote = false;
            inTag = true;
            readingName = true;
            tagName.setLength(0);
            out.write(c);
            return;
        }
        if (c == ' ' || c == NBSP) {
            if (afterOpeningQuote) {
                out.write(NNBSP);
                afterOpeningQuote = false;
                return;
            }
            release();
            pending = c;
            return;
        }
        if (pending != 0) {
            boolean narrow = c == ':' || c == ';' || c == '?' || c == '!' || c == '»';
            out.write(narrow ? NNBSP : pending);
            pending = 0;
        }
        afterOpeningQuote = c == '«';
        out.write(c);
    }

    private void tag(char c) throws IOException {
        out.write(c);
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            }
            return;
        }
        if (readingName) {
            if (Character.isLetterOrDigit(c)) {
                tagName.append(c);
                return;
            }
            readingName = false;
        }
        if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            inTag = false;
            String name = tagName.toString().toLowerCase(Locale.ROOT);
            if (VERBATIM.contains(name)) {
                verbatimEnd = "</" + name;
                matched = 0;
            }
        }
    }

    @Override
    public void flush() throws IOException {
        // The held space stays held: the next write may still need it narrow.
        out.flush();
    }

    @Override
    public void close() throws IOException {
        release();
        out.close();
    }

    /** Writes a space still held back. */
    private void release() throws IOException {
        if (pending != 0) {
            out.write(pending);
            pending = 0;
        }
    }
}
