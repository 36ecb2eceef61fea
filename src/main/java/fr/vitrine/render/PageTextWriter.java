package fr.vitrine.render;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;

/**
 * Every page as it is written. French typography: in the text of the HTML (not in tags, attribute values,
 * {@code script}, {@code style}, {@code pre}, {@code code} or {@code textarea}), the plain or no-break space before
 * « : ; ? ! » and « » », and after « « », becomes a narrow no-break space (U+202F). One place for the templates'
 * interface text, the values they print and the texts rendered from Markdown (convention texts, product
 * descriptions): templates are written with plain spaces, which keeps them easy to edit and merge. And a line end
 * after each table cell and definition term or description, so that text extracted from the page (the search index's
 * excerpts) keeps its cells apart (« Année AE CP », not « AnnéeAECP »); whitespace between cells shows nothing.
 */
final class PageTextWriter extends Writer {

    static final char NNBSP = '\u202F';
    private static final char NBSP = '\u00A0';
    /** Elements whose content is written as it is. */
    private static final Set<String> VERBATIM = Set.of("script", "style", "pre", "code", "textarea");
    /** Elements after whose end a line end keeps their text apart from the next one's. */
    private static final Set<String> CELLS = Set.of("th", "td", "dt", "dd");

    private final Writer out;
    /** A space held back until the next character says whether it must be narrow; 0 when none. */
    private char pending;
    private boolean afterOpeningQuote;
    private boolean inTag;
    private char quote;
    private final StringBuilder tagName = new StringBuilder();
    private boolean readingName;
    private boolean closing;
    /** A character reference being read ("&nb"), until its ';'. */
    private final StringBuilder entity = new StringBuilder();
    /** While inside a verbatim element: its closing tag ("</pre"), matched as it comes; else null. */
    private String verbatimEnd;
    private int matched;

    PageTextWriter(Writer out) {
        this.out = out;
    }

    /**
     * The same rule for a text that is not HTML, where it must apply before the page is written: a chart's label,
     * wrapped into lines before it is written, never breaks at a space that becomes narrow and unbreakable.
     */
    static String french(String text) {
        StringWriter typeset = new StringWriter(text.length());
        PageTextWriter writer = new PageTextWriter(typeset);
        try {
            for (int i = 0; i < text.length(); i++) {
                writer.text(text.charAt(i));
            }
            writer.release();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return typeset.toString();
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
        if (entity.length() > 0) {
            // A character reference: « &nbsp; » (as jsoup writes U+00A0) is a space like any other.
            if (c == ';' || entity.length() < 8 && (Character.isLetterOrDigit(c) || c == '#')) {
                entity.append(c);
                if (c != ';') {
                    return;
                }
            }
            String ref = entity.toString();
            entity.setLength(0);
            switch (ref.toLowerCase(Locale.ROOT)) {
                case "&nbsp;", "&#160;", "&#xa0;" -> text(NBSP);
                case "&laquo;", "&#171;", "&#xab;" -> text('«');
                case "&raquo;", "&#187;", "&#xbb;" -> text('»');
                default -> {
                    release();
                    afterOpeningQuote = false;
                    out.write(ref);
                }
            }
            if (c == ';') {
                return;
            }
        }
        if (c == '&') {
            entity.append(c);
            return;
        }
        if (c == '<') {
            release();
            afterOpeningQuote = false;
            inTag = true;
            readingName = true;
            closing = false;
            tagName.setLength(0);
            out.write(c);
            return;
        }
        text(c);
    }

    /** A character of the page's text. */
    private void text(char c) throws IOException {
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
            if (c == '/' && tagName.isEmpty() && !closing) {
                closing = true;
                return;
            }
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
            if (closing) {
                if (CELLS.contains(name)) {
                    out.write('\n');
                }
            } else if (VERBATIM.contains(name)) {
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
        out.write(entity.toString());
        entity.setLength(0);
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
