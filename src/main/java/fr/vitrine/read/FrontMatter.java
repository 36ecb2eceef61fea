package fr.vitrine.read;

import fr.vitrine.diagnostics.Diagnostics;

import java.nio.file.Path;

/**
 * A source split into its YAML front matter (between two {@code ---} lines at the top) and its Markdown body.
 *
 * @param yaml          the YAML text
 * @param yamlFirstLine the file line where the YAML starts (1-based)
 * @param body          the Markdown text after the closing delimiter
 * @param bodyFirstLine the file line where the body starts
 */
public record FrontMatter(String yaml, int yamlFirstLine, String body, int bodyFirstLine) {

    /** Splits {@code text}, or reports why it has no well-formed front matter and returns {@code null}. */
    public static FrontMatter split(Path file, String text, Diagnostics diagnostics) {
        int lineEnd = endOfLine(text, 0);
        if (!text.substring(0, lineEnd).strip().equals("---")) {
            diagnostics.error(file, 1, 1, "missing front matter: the file must start with a line '---', "
                    + "then the YAML record, then a closing '---'");
            return null;
        }
        int yamlStart = nextLine(text, lineEnd);
        int lineNumber = 2;
        for (int start = yamlStart; start < text.length(); start = nextLine(text, endOfLine(text, start)), lineNumber++) {
            String line = text.substring(start, endOfLine(text, start)).stripTrailing();
            if (line.equals("---") || line.equals("...")) {
                int bodyStart = nextLine(text, endOfLine(text, start));
                return new FrontMatter(text.substring(yamlStart, start), 2, text.substring(bodyStart), lineNumber + 1);
            }
        }
        diagnostics.error(file, 1, 1, "front matter opened on line 1 is never closed: add a line '---' after the record");
        return null;
    }

    private static int endOfLine(String text, int from) {
        int n = text.indexOf('\n', from);
        int end = n < 0 ? text.length() : n;
        return end > from && text.charAt(end - 1) == '\r' ? end - 1 : end;
    }

    private static int nextLine(String text, int endOfLine) {
        int n = text.indexOf('\n', endOfLine);
        return n < 0 ? text.length() : n + 1;
    }
}
