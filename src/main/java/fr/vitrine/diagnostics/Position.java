package fr.vitrine.diagnostics;

/** A 1-based line and column in a source file; {@link #UNKNOWN} when a problem has no precise place. */
public record Position(int line, int column) {

    public static final Position UNKNOWN = new Position(0, 0);
    public static final Position START = new Position(1, 1);

    public Position shift(int lines) {
        return line == 0 ? this : new Position(line + lines, column);
    }
}
