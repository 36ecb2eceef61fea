package fr.vitrine.diagnostics;

import fr.vitrine.diagnostics.Diagnostic.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every problem of a run so that all of them are reported at once; the same problem reported twice at the
 * same place (a value read by two checks) is kept once. Thread-safe.
 */
public final class Diagnostics {

    private final Set<Diagnostic> items = new LinkedHashSet<>();

    public synchronized void add(Diagnostic d) {
        items.add(d);
    }

    public void error(Path file, Position at, String message) {
        add(new Diagnostic(Severity.ERROR, file, at.line(), at.column(), message));
    }

    public void warning(Path file, Position at, String message) {
        add(new Diagnostic(Severity.WARNING, file, at.line(), at.column(), message));
    }

    public void error(Path file, int line, int column, String message) {
        add(new Diagnostic(Severity.ERROR, file, line, column, message));
    }

    public void warning(Path file, int line, int column, String message) {
        add(new Diagnostic(Severity.WARNING, file, line, column, message));
    }

    public synchronized void addAll(Diagnostics other) {
        items.addAll(other.all());
    }

    /** All diagnostics, sorted by file, line and column (stable output whatever the thread order). */
    public synchronized List<Diagnostic> all() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Diagnostic.ORDER);
        return copy;
    }

    public synchronized long count(Severity severity) {
        return items.stream().filter(d -> d.severity() == severity).count();
    }

    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }
}
