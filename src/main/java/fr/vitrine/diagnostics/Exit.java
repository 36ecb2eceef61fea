package fr.vitrine.diagnostics;

/** The exit codes of every command: 0 done, 1 invalid input (reported as diagnostics), 2 usage error. */
public final class Exit {

    public static final int OK = 0;
    public static final int INVALID_INPUT = 1;
    public static final int USAGE = 2;

    private Exit() {
    }
}
