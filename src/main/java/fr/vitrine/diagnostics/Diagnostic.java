package fr.vitrine.diagnostics;

import java.nio.file.Path;
import java.util.Comparator;

/** One problem found in the inputs, located at a file, line and column (1-based; 0 when unknown). */
public record Diagnostic(Severity severity, Path file, int line, int column, String message) {

    public enum Severity {
        ERROR("error"), WARNING("warning");

        public final String label;

        Severity(String label) {
            this.label = label;
        }
    }

    /** By file, line and column; what concerns no file (a run's verdict on the others) comes last. */
    static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.file == null)
            .thenComparing((Diagnostic d) -> d.file == null ? "" : d.file.toString())
            .thenComparingInt(Diagnostic::line)
            .thenComparingInt(Diagnostic::column)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::message);

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The path as shown to users: relative to the working directory when it lies under it. */
    public String displayPath() {
        if (file == null) {
            return "(configuration)";
        }
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    /** {@code path:line:column: error: message}, the format compilers use and editors understand. */
    @Override
    public String toString() {
        if (file == null) {
            return severity.label + ": " + printable(message);
        }
        return Console.clean(displayPath()) + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + severity.label + ": "
                + printable(message);
    }

    /** One line of text: control and invisible format characters escaped ({@link Console#clean}), at most 500 characters. */
    static String printable(String s) {
        String clean = Console.clean(s);
        return clean.length() > 500 ? clean.substring(0, 500) + "…" : clean;
    }
}
