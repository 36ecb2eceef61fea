package fr.vitrine.importer;

import fr.vitrine.model.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed text as lines, each with where it was read (line, and page for a PDF), cut into its parts: the title,
 * the preamble, the articles (with their sub-articles), the signatures and the annexes. Page numbers and the
 * headers and footers repeated on every page of a PDF are removed.
 */
final class SignedText {

    /** One line of the text. {@code page} is 0 for a text file. */
    record Line(int number, int page, String text) {
        String where() {
            return page > 0 ? "p. " + page + ", l. " + number : "l. " + number;
        }

        boolean blank() {
            return text.isBlank();
        }
    }

    enum Part { HEAD, PREAMBLE, ARTICLE, SIGNATURE, ANNEX }

    static final Pattern ARTICLE = Pattern.compile(
            "^(?:\\*\\*)?(?:article|art\\.)\\s+(\\d+|premier|1er)\\s*(?:[:.\\-–—]\\s*(.*?))?(?:\\*\\*)?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final Pattern SUB_ARTICLE = Pattern.compile("^(?:article\\s+)?(\\d+\\.\\d+)\\.?\\s+(\\p{L}.{2,80})$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final Pattern ANNEX = Pattern.compile("^(?:annexes?)(?:\\s+(\\d+|[IVX]+))?\\s*(?:[:.\\-–—]\\s*(.*))?$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    static final Pattern SIGNED_AT = Pattern.compile("^\\s*fait\\s+à\\s+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern PAGE_NUMBER = Pattern.compile(
            "^\\s*(?:page\\s*)?\\d{1,3}\\s*(?:(?:/|sur)\\s*\\d{1,3})?\\s*$", Pattern.CASE_INSENSITIVE);

    final List<Line> lines;
    private final List<Part> parts = new ArrayList<>();
    /** For each line, the article it belongs to ("Article 2"), or null. */
    private final List<String> articles = new ArrayList<>();
    /** For each line, the named sub-section it belongs to inside its article ("Autres engagements"), or null. */
    private final List<String> sections = new ArrayList<>();
    private final List<Boolean> headings = new ArrayList<>();

    SignedText(List<Line> lines) {
        this.lines = List.copyOf(lines);
        structure();
    }

    /** A text file's lines, page numbers alone on their line removed. */
    static SignedText ofText(String text) {
        List<Line> out = new ArrayList<>();
        String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            boolean alone = (i == 0 || raw[i - 1].isBlank()) && (i + 1 >= raw.length || raw[i + 1].isBlank());
            if (alone && PAGE_NUMBER.matcher(raw[i]).matches() && i > 0) {
                continue;
            }
            out.add(new Line(i + 1, 0, raw[i].stripTrailing()));
        }
        return new SignedText(out);
    }

    /**
     * A PDF's pages. Lines among the first and last three of a page that come back (digits aside) on at least half
     * of the pages are headers or footers; a page number alone on a line at a page's top or bottom goes too.
     */
    static SignedText ofPages(List<String> pages) {
        Map<String, Integer> edges = new HashMap<>();
        List<List<String>> split = new ArrayList<>();
        for (String page : pages) {
            List<String> ls = new ArrayList<>(List.of(page.replace("\r\n", "\n").split("\n", -1)));
            split.add(ls);
            List<String> nonBlank = ls.stream().filter(l -> !l.isBlank()).toList();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < nonBlank.size(); i++) {
                if (i < 3 || i >= nonBlank.size() - 3) {
                    seen.add(shape(nonBlank.get(i)));
                }
            }
            seen.forEach(s -> edges.merge(s, 1, Integer::sum));
        }
        List<Line> out = new ArrayList<>();
        int number = 0;
        for (int p = 0; p < split.size(); p++) {
            List<String> ls = split.get(p);
            List<Integer> nonBlank = new ArrayList<>();
            for (int i = 0; i < ls.size(); i++) {
                if (!ls.get(i).isBlank()) {
                    nonBlank.add(i);
                }
            }
            for (int i = 0; i < ls.size(); i++) {
                number++;
                String l = ls.get(i);
                int rank = nonBlank.indexOf(i);
                boolean edge = rank >= 0 && (rank < 3 || rank >= nonBlank.size() - 3);
                boolean repeated = pages.size() >= 3 && edges.getOrDefault(shape(l), 0) * 2 >= pages.size();
                boolean pageNumber = PAGE_NUMBER.matcher(l).matches() && (rank == 0 || rank == nonBlank.size() - 1);
                if (edge && (repeated || pageNumber)) {
                    continue;
                }
                out.add(new Line(number, p + 1, l.stripTrailing()));
            }
            out.add(new Line(number, p + 1, ""));
        }
        return new SignedText(out);
    }

    private static String shape(String line) {
        return line.strip().replaceAll("\\d+", "#");
    }

    private void structure() {
        Part part = Part.HEAD;
        String article = null;
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String t = plain(lines.get(i).text());
            boolean heading = false;
            Matcher a = ARTICLE.matcher(t);
            if (part != Part.ANNEX && a.matches()) {
                part = Part.ARTICLE;
                String n = a.group(1).toLowerCase(Locale.ROOT).startsWith("p") || a.group(1).equalsIgnoreCase("1er") ? "1" : a.group(1);
                article = "Article " + n;
                section = null;
                heading = true;
            } else if (ANNEX.matcher(t).matches() && t.length() < 120 && (part == Part.SIGNATURE || part == Part.ARTICLE || part == Part.ANNEX)) {
                part = Part.ANNEX;
                article = null;
                section = null;
                heading = true;
            } else if (part == Part.HEAD && Text.fold(t).startsWith("preambule")) {
                part = Part.PREAMBLE;
                heading = true;
            } else if (part == Part.ARTICLE && SIGNED_AT.matcher(t).find()) {
                part = Part.SIGNATURE;
                article = null;
            } else if (part == Part.ARTICLE && SUB_ARTICLE.matcher(t).matches()) {
                heading = true;
                section = null;
            } else if ((part == Part.ARTICLE || part == Part.ANNEX) && sectionTitle(i)) {
                heading = true;
                section = t;
            }
            parts.add(part);
            articles.add(article);
            sections.add(heading && part == Part.ARTICLE && section == null ? null : section);
            headings.add(heading);
        }
    }

    /** A short line standing alone, starting with a capital and not ending like a sentence: a section's title. */
    private boolean sectionTitle(int i) {
        String t = plain(lines.get(i).text());
        if (t.isEmpty() || t.length() > 60 || t.contains("\t") || t.contains(",") || t.startsWith("-")
                || !Character.isUpperCase(t.codePointAt(0)) || t.matches(".*[.:;,!?)»\"]$")) {
            return false;
        }
        boolean before = i == 0 || lines.get(i - 1).blank();
        boolean after = i + 1 >= lines.size() || lines.get(i + 1).blank();
        if (!before || !after) {
            return false;
        }
        // Followed by a paragraph or a list, not by another short line (signature blocks, addresses).
        for (int j = i + 1; j < lines.size(); j++) {
            if (!lines.get(j).blank()) {
                String next = plain(lines.get(j).text());
                return next.length() > 60 || next.startsWith("-") || next.endsWith(":");
            }
        }
        return false;
    }

    /** A line without Markdown emphasis markers. */
    static String plain(String s) {
        return s.replace("**", "").replace("__", "").strip();
    }

    /** The line at {@code index}, without Markdown emphasis markers. */
    String plain(int index) {
        return plain(lines.get(index).text());
    }

    Part part(int index) {
        return parts.get(index);
    }

    String article(int index) {
        return articles.get(index);
    }

    String section(int index) {
        return sections.get(index);
    }

    boolean heading(int index) {
        return headings.get(index);
    }

    /** The first line that is not blank: the act's title. */
    int titleIndex() {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).blank()) {
                return i;
            }
        }
        return -1;
    }

    /** The text as Markdown: articles as ##, sub-articles and named sections as ###, tab-separated rows as tables. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        int title = titleIndex();
        for (int i = 0; i < lines.size(); i++) {
            if (i == title) {
                continue;
            }
            String t = lines.get(i).text();
            if (t.contains("\t")) {
                i = table(i, md) - 1;
                continue;
            }
            if (heading(i)) {
                String p = plain(t);
                boolean top = part(i) == Part.PREAMBLE || ARTICLE.matcher(p).matches() || ANNEX.matcher(p).matches();
                md.append(top ? "## " : "### ").append(p).append("\n");
            } else if (t.isBlank()) {
                if (md.length() > 0 && !md.toString().endsWith("\n\n")) {
                    md.append("\n");
                }
                continue;
            } else {
                md.append(t.startsWith(" - ") ? "  " + t.strip() : t.strip()).append("\n");
            }
            if (heading(i) || (i + 1 < lines.size() && lines.get(i + 1).blank())) {
                md.append("\n");
            }
        }
        return md.toString().strip() + "\n";
    }

    /** Consecutive tab-separated lines (blank lines inside allowed) as a GFM table; returns the next index. */
    private int table(int from, StringBuilder md) {
        List<List<String>> rows = new ArrayList<>();
        int i = from;
        while (i < lines.size()) {
            String t = lines.get(i).text();
            if (t.contains("\t")) {
                List<String> cells = new ArrayList<>();
                for (String c : t.split("\t", -1)) {
                    cells.add(c.strip().replace("|", "\\|"));
                }
                rows.add(cells);
                i++;
            } else if (t.isBlank() && i + 1 < lines.size() && lines.get(i + 1).text().contains("\t")) {
                i++;
            } else {
                break;
            }
        }
        int width = rows.stream().mapToInt(List::size).max().orElse(1);
        if (!md.toString().endsWith("\n\n") && md.length() > 0) {
            md.append("\n");
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = new ArrayList<>(rows.get(r));
            while (cells.size() < width) {
                cells.add("");
            }
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
            if (r == 0) {
                md.append("|").append(" --- |".repeat(width)).append("\n");
            }
        }
        md.append("\n");
        return i;
    }
}
