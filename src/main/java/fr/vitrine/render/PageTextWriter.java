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
    /** The characters of the string being written (up to {@link #CHUNK} at a time). */
    private char[] chars = new char[256];
    private static final int CHUNK = 8192;

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

    /**
     * Copies each run of characters that the typography leaves as they are in one call, and takes the others one by
     * one: a page is mostly such runs (words, attribute values, scripts).
     */
    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        int end = off + len;
        int i = off;
        while (i < end) {
            int run = plainUntil(chars, i, end);
            if (run > i) {
                out.write(chars, i, run - i);
                i = run;
            }
            if (i < end) {
                put(chars[i++]);
            }
        }
    }

    /**
     * Takes the string's characters into an array once, by pieces: read one at a time from a string that is not
     * Latin-1 (most pages' text), each costs a call that checks its index.
     */
    @Override
    public void write(String s, int off, int len) throws IOException {
        if (chars.length < len && chars.length < CHUNK) {
            chars = new char[Math.min(CHUNK, Math.max(len, 2 * chars.length))];
        }
        for (int i = off, end = off + len; i < end; ) {
            int n = Math.min(chars.length, end - i);
            s.getChars(i, i + n, chars, 0);
            write(chars, 0, n);
            i += n;
        }
    }

    /**
     * Where the run of characters from {@code from} that {@link #put} would write unchanged, in this state, ends (the
     * letters of a tag's name are noted as they go).
     */
    private int plainUntil(char[] s, int from, int end) {
        int i = from;
        if (verbatimEnd != null) {
            if (matched != 0) {
                return i;
            }
            while (i < end && s[i] != '<') {
                i++;
            }
        } else if (inTag) {
            if (quote != 0) {
                while (i < end && s[i] != quote) {
                    i++;
                }
            } else if (readingName) {
                for (char c; i < end && ((c = s[i]) >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'); ) {
                    i++;
                }
                tagName.append(s, from, i - from);
            } else {
                for (char c; i < end && (c = s[i]) != '"' && c != '\'' && c != '>'; ) {
                    i++;
                }
            }
        } else if (entity.length() == 0 && pending == 0 && !afterOpeningQuote) {
            while (i < end) {
                char c = s[i];
                if (c == ' ' || c == NBSP) {
                    // A space before a character that does not narrow it is written as it is, with that character.
                    if (i + 1 == end || !keepsSpace(s[i + 1])) {
                        break;
                    }
                    i += 2;
                } else if (c == '<' || c == '&' || c == '«') {
                    break;
                } else {
                    i++;
                }
            }
        }
        return i;
    }

    /** Whether the text's character {@code c}, after a space, leaves it as it is and starts nothing. */
    private static boolean keepsSpace(char c) {
        return c != ' ' && c != NBSP && c != '<' && c != '&' && c != '«' && c != ':' && c != ';' && c != '?'
                && c != '!' && c != '»';
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
            if (closing) {
                if (named(CELLS) != null) {
                    out.write('\n');
                }
            } else {
                String verbatim = named(VERBATIM);
                if (verbatim != null) {
                    verbatimEnd = "</" + verbatim;
                    matched = 0;
                }
            }
        }
    }

    /** The name among {@code names} (lower case) that the tag's name is, in any case, or null. */
    private String named(Set<String> names) {
        int n = tagName.length();
        next:
        for (String name : names) {
            if (name.length() != n) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                char c = tagName.charAt(k);
                if ((c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c) != name.charAt(k)) {
                    continue next;
                }
            }
            return name;
        }
        return null;
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
